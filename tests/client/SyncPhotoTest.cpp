// SPDX-License-Identifier: MIT
// Photos from a replica to the real server: uploaded in chunks before the push that names
// them, resumed where the server says after the laptop died mid-upload (fault test 10, the
// client's side), and a photo whose local copy no longer matches its hash is refused with
// the edit that names it, not lost silently.
#include "ClientFixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

#include <map>

using namespace yanghu;
using namespace yanghu::client;
using namespace yanghu::clienttest;

namespace {

class SyncPhoto : public ClientSyncTest {
protected:
    // A JPEG-looking file of `size` bytes (the replica checks the first bytes only).
    QString makePhoto(const QString& name, int size, quint32 seed)
    {
        QByteArray bytes("\xFF\xD8\xFF\xE0", 4);
        QRandomGenerator random(seed);
        while (bytes.size() < size) bytes.append(static_cast<char>(random.bounded(256)));
        const QString path = m_dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return path;
    }
    static QByteArray contents(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    servertest::HttpResponse photoOnServer(const std::string& sha, const std::string& method = "GET")
    {
        return client().request(method, "/api/v1/photos/" + sha, {}, {{"Authorization", "Bearer " + token("dispatcher")}});
    }
};

TEST_P(SyncPhoto, APhotoGoesUpInChunksBeforeTheEditThatNamesIt)
{
    auto laptop = openReplica("crew_a");
    const QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const QString file = makePhoto("before.jpg", 5000, 1);
    auto added = laptop->addPhoto("work_order", woA.id.toString(), file);
    ASSERT_TRUE(added.ok()) << added.error().code;
    const std::string sha = added->fields["photos"][0];
    EXPECT_EQ(sha, QCryptographicHash::hash(contents(file), QCryptographicHash::Sha256).toHex().toStdString());
    EXPECT_EQ(laptop->row("work_order", woA.id.toString())->value()["photos"], Json::array({sha}));
    // The same photo again: nothing new to queue.
    EXPECT_FALSE(laptop->addPhoto("work_order", woA.id.toString(), file)->opId.has_value());
    EXPECT_EQ(photoOnServer(sha, "HEAD").status, 404);

    SyncOptions chunks;
    chunks.chunkBytes = 1024;
    const SyncReport done = sync(*laptop, bearer, chunks);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.photosUploaded, 1);
    EXPECT_EQ(done.acknowledged, 1);
    const auto stored = photoOnServer(sha);
    ASSERT_EQ(stored.status, 200);
    EXPECT_EQ(QByteArray::fromStdString(stored.body), contents(file));
    EXPECT_EQ(serverOrder(woA.id)["photos"], Json::array({sha}));
    // Nothing left to upload: the next sync sends no photo.
    EXPECT_EQ(sync(*laptop, bearer, chunks).photosUploaded, 0);
}

// Fault test 10, the laptop's side: the laptop dies after each acknowledged chunk; every
// restart asks the server where it is and goes on from there; the photo is stored once,
// with the right bytes.
TEST_P(SyncPhoto, AnUploadCutByTheLaptopDyingResumesWhereTheServerIs)
{
    QString bearer;
    std::string sha;
    QString file;
    {
        auto laptop = openReplica("crew_a");
        bearer = signIn(*laptop, "crew_a");
        ASSERT_TRUE(sync(*laptop, bearer).ok);
        file = makePhoto("after.jpg", 10 * 1000 + 17, 2);
        auto added = laptop->addPhoto("work_order", woA.id.toString(), file);
        ASSERT_TRUE(added.ok());
        sha = added->fields["photos"][0];
    }
    std::vector<long long> offsets;
    for (int run = 0; run < 4; ++run) {
        ASSERT_EQ(crashAt("crew_a", bearer, "sync", "photo:chunk-sent", run % 2 + 1, 3, 1000), 42);
        const auto head = photoOnServer(sha, "HEAD");
        ASSERT_EQ(head.status, 404);
        offsets.push_back(std::stoll(head.header("upload-offset")));
    }
    // Each run went on from where the last one stopped (one or two chunks further).
    EXPECT_EQ(offsets, (std::vector<long long>{1000, 3000, 4000, 6000}));
    EXPECT_TRUE(serverOrder(woA.id)["photos"].empty()); // the edit waits for its photo

    auto laptop = openReplica("crew_a");
    SyncOptions chunks;
    chunks.chunkBytes = 1000;
    const SyncReport done = sync(*laptop, bearer, chunks);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    const auto stored = photoOnServer(sha);
    ASSERT_EQ(stored.status, 200);
    EXPECT_EQ(QByteArray::fromStdString(stored.body), contents(file));
    EXPECT_EQ(serverOrder(woA.id)["photos"], Json::array({sha}));
    EXPECT_TRUE(laptop->outbox()->empty());
}

TEST_P(SyncPhoto, APhotoWhoseLocalCopyChangedIsRefusedWithTheEditThatNamesIt)
{
    auto laptop = openReplica("crew_a");
    const QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    auto added = laptop->addPhoto("work_order", woA.id.toString(), makePhoto("x.jpg", 3000, 3));
    ASSERT_TRUE(added.ok());
    const std::string sha = added->fields["photos"][0];
    ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "照片之外的记录"}}).ok());
    // The replica's copy is damaged on disk (not the file the user picked).
    {
        QFile copy(laptop->photoDir() + QLatin1Char('/') + QString::fromStdString(sha));
        ASSERT_TRUE(copy.open(QIODevice::ReadWrite));
        copy.seek(100);
        copy.write("damaged");
    }
    const SyncReport done = sync(*laptop, bearer);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.photosFailed, 1);
    EXPECT_EQ(done.refused, 1);
    EXPECT_EQ(done.acknowledged, 1);
    const auto refused = laptop->refused().value();
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].fields, Json({{"photos", Json::array({sha})}}));
    EXPECT_EQ(photoOnServer(sha, "HEAD").status, 404);
    EXPECT_EQ(serverOrder(woA.id)["notes"].size(), 1u);
    EXPECT_TRUE(serverOrder(woA.id)["photos"].empty());
}

YANGHU_API_BOTH_BACKENDS(SyncPhoto);

} // namespace
