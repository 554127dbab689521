// SPDX-License-Identifier: MIT
#include "sync/SyncSession.h"

#include "sync/HttpChannel.h"
#include "sync/SyncCodes.h"
#include "sync/SyncStore.h"

#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/Codec.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QThread>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace yanghu::client {

namespace {

using Json = nlohmann::json;

constexpr int kMaxResyncs = 3;       // per sync: a server that keeps answering 410 is broken
constexpr int kMaxOffsetRetries = 5; // per photo: 409s / bad chunks in a row
constexpr int kMaxRaceRetries = 5;   // per operation: version_conflict answers sent again

Error simple(std::string_view code, std::map<std::string, std::string> params = {})
{
    return Error::of(std::string(code), std::move(params));
}

Result<Json> parseBody(const HttpAnswer& a, const char* what)
{
    auto j = wire::parse(std::string_view(a.body.constData(), static_cast<std::size_t>(a.body.size())));
    if (!j || !j->is_object()) return simple(codes::BadAnswer, {{"detail", what}});
    return std::move(*j);
}

// The problem's field errors under "operations[i]" for each i, re-rooted at the operation.
std::map<std::size_t, Json> errorsByOperation(const Error& e)
{
    static const std::regex path(R"(^operations\[(\d+)\]\.?(.*)$)");
    std::map<std::size_t, Json> out;
    for (const auto& f : e.fields) {
        std::smatch m;
        if (!std::regex_match(f.field, m, path)) continue;
        const std::size_t i = std::stoul(m[1]);
        Json& err = out[i];
        if (err.is_null()) err = Json{{"code", e.code}, {"status", 422}, {"errors", Json::array()}};
        Json fe = {{"field", m[2].str()}, {"code", f.code}};
        if (!f.params.empty()) fe["params"] = f.params;
        err["errors"].push_back(std::move(fe));
    }
    return out;
}

Json errorJson(const Error& e)
{
    Json j = {{"code", e.code}};
    if (!e.params.empty()) j["params"] = e.params;
    return j;
}

} // namespace

class SyncSession::Impl {
public:
    explicit Impl(SyncSession& s)
        : m_s(s), m_options(s.m_options),
          m_http(s.m_server, s.m_token, s.m_options.protocol, s.m_options.timeoutMs, s.m_cancel), m_store(s.m_replica)
    {
    }

    SyncReport report;

    Status photos();
    Status push();
    Status pull();

private:
    bool cancelled() const { return m_s.m_cancel && m_s.m_cancel->load(); }
    void progress(SyncPhase phase, qint64 done, qint64 total)
    {
        if (m_s.m_progress) m_s.m_progress(phase, done, total);
    }
    Result<HttpAnswer> call(const std::function<HttpAnswer()>& request);
    Status uploadPhoto(const PendingPhoto& photo);

    SyncSession& m_s;
    SyncOptions m_options;
    HttpChannel m_http;
    SyncStore m_store;
    std::map<std::string, int> m_raceRetries; // op id -> times sent again after a version_conflict
};

// One request with the session's retry policy (see sendWithRetries).
Result<HttpAnswer> SyncSession::Impl::call(const std::function<HttpAnswer()>& request)
{
    return sendWithRetries(RetryPolicy{m_options.attempts, m_options.backoff, m_options.backoffMax}, m_s.m_cancel, request);
}

Status SyncSession::Impl::photos()
{
    auto pending = m_store.pendingPhotos();
    if (!pending) return pending.error();
    const auto total = static_cast<qint64>(pending->size());
    progress(SyncPhase::Photos, 0, total);
    qint64 done = 0;
    for (const auto& photo : *pending) {
        if (auto s = uploadPhoto(photo); !s) return s;
        progress(SyncPhase::Photos, ++done, total);
    }
    return success();
}

// HEAD says what the server has (stored, or how much of a partial upload), then chunks from
// there. The server checks each chunk's hash and the whole file's; where it says to resume
// (409 Upload-Offset) the upload goes on from there. A photo the server refuses for good
// (hash mismatch: the local copy changed; too large) is marked failed, and the rows naming
// it are refused by the push and shown to the user.
Status SyncSession::Impl::uploadPhoto(const PendingPhoto& photo)
{
    const QString path = QStringLiteral("/api/v1/photos/") + photo.sha256;
    QFile file(photo.path);
    if (!file.open(QIODevice::ReadOnly)) {
        ++report.photosFailed;
        return m_store.photoFailed(photo.sha256, errorJson(simple(codes::PhotoMissing, {{"sha256", photo.sha256.toStdString()}})));
    }
    auto head = call([&] { return m_http.send("HEAD", path); });
    if (!head) return head.error();
    if (head->status == 200) {
        ++report.photosUploaded;
        return m_store.photoUploaded(photo.sha256, photo.size, true);
    }
    if (head->status != 404) return head->problem();
    qint64 offset = head->header("upload-offset").toLongLong();
    int retries = 0;
    for (;;) {
        if (offset < 0 || offset > photo.size) offset = 0;
        if (!file.seek(offset)) return simple(codes::PhotoMissing, {{"sha256", photo.sha256.toStdString()}});
        const QByteArray chunk = file.read(std::min(m_options.chunkBytes, photo.size - offset));
        const HttpChannel::Pairs headers{
            {"Upload-Offset", QByteArray::number(offset)},
            {"Upload-Length", QByteArray::number(photo.size)},
            {"Content-Type", "application/octet-stream"},
            {"Chunk-SHA256", QCryptographicHash::hash(chunk, QCryptographicHash::Sha256).toHex()},
            {"Photo-Content-Type", photo.contentType.toUtf8()}};
        auto put = call([&] { return m_http.send("PUT", path, {}, chunk, headers); });
        if (!put) return put.error();
        if (put->status == 200 || put->status == 201) {
            ++report.photosUploaded;
            return m_store.photoUploaded(photo.sha256, photo.size, true);
        }
        if (put->status == 204) {
            const QByteArray at = put->header("upload-offset");
            offset = at.isEmpty() ? offset + chunk.size() : at.toLongLong();
            retries = 0;
            if (auto s = m_store.photoUploaded(photo.sha256, offset, false); !s) return s;
            m_s.m_replica.fault("photo:chunk-sent");
            continue;
        }
        const Error e = put->problem();
        const bool again = put->status == 409 || e.code == codes::ChunkHashMismatch;
        if (again && ++retries <= kMaxOffsetRetries) {
            if (const QByteArray at = put->header("upload-offset"); !at.isEmpty()) offset = at.toLongLong();
            continue;
        }
        if (put->status == 422 || put->status == 413) {
            ++report.photosFailed;
            return m_store.photoFailed(photo.sha256, errorJson(e));
        }
        return e;
    }
}

Status SyncSession::Impl::push()
{
    auto pendingTotal = m_s.m_replica.pendingCount();
    if (!pendingTotal) return pendingTotal.error();
    const qint64 total = *pendingTotal;
    qint64 sent = 0;
    int batchSize = std::clamp(m_options.batchSize, 1, 200);
    progress(SyncPhase::Push, 0, total);
    for (int guard = 0; guard < 100000; ++guard) {
        auto next = m_store.nextBatch(batchSize, m_options.batchBytes);
        if (!next) return next.error();
        if (!*next) return success();
        const PushBatch& batch = **next;
        const Json body = pushBody(m_s.m_replica.clientId(), batch);
        auto answer = call([&] { return m_http.postJson(QStringLiteral("/api/v1/sync/push"), body); });
        if (!answer) return answer.error();
        m_s.m_replica.fault("push:answered");
        if (answer->status == 200) {
            auto json = parseBody(*answer, "push answer");
            if (!json) return json.error();
            // A version_conflict in a push would be another writer's transaction racing this
            // one. The server locks a batch's rows before merging, so it should not happen; if
            // it does, the operation goes again, a few times, before it counts as refused.
            std::set<std::string> retry;
            for (const auto& r : json->value("results", Json::array()))
                if (r.value("outcome", "") == "refused" && r.contains("error") && r["error"].is_object() &&
                    r["error"].value("code", "") == yanghu::codes::VersionConflict) {
                    const std::string opId = r.value("op_id", "");
                    if (++m_raceRetries[opId] <= kMaxRaceRetries) retry.insert(opId);
                }
            auto outcome = m_store.applyAnswer(batch, *json, retry);
            if (!outcome) return outcome.error();
            report.operationsSent += static_cast<int>(batch.operations.size());
            report.acknowledged += outcome->acknowledged;
            report.refused += outcome->refused;
            report.conflicts += outcome->conflicts;
            report.retried += outcome->retried;
            sent += static_cast<qint64>(batch.operations.size());
            progress(SyncPhase::Push, sent, std::max(total, sent));
            continue;
        }
        const Error e = answer->problem();
        if (answer->status == 422 && e.code == yanghu::codes::ValidationFailed) {
            // The batch's shape was refused before anything was stored: the operations at
            // fault go to `refused`, the rest are sent again under a new key.
            const auto byOp = errorsByOperation(e);
            if (byOp.empty()) return e;
            auto refused = m_store.refuseInBatch(batch, byOp);
            if (!refused) return refused.error();
            report.refused += *refused;
            continue;
        }
        if (answer->status == 409 && e.code == yanghu::codes::Duplicate) {
            // The key is another user's (never ours by chance: UUIDv7): a new key.
            if (auto s = m_store.requeue(batch); !s) return s;
            continue;
        }
        if (answer->status == 413) {
            if (batch.operations.size() > 1) {
                batchSize = std::max(1, static_cast<int>(batch.operations.size()) / 2);
                if (auto s = m_store.requeue(batch); !s) return s;
                continue;
            }
            auto refused = m_store.refuseInBatch(batch, {{0, Json{{"code", e.code}, {"status", 413}, {"params", e.params}}}});
            if (!refused) return refused.error();
            report.refused += *refused;
            continue;
        }
        return e;
    }
    return success();
}

Status SyncSession::Impl::pull()
{
    int resyncs = 0;
    for (;;) {
        if (m_options.maxPages >= 0 && report.pages >= m_options.maxPages) return success();
        auto cursor = m_s.m_replica.cursor();
        if (!cursor) return cursor.error();
        HttpChannel::Pairs query{{"since", QByteArray::number(static_cast<qint64>(cursor->since))},
                                 {"limit", QByteArray::number(m_options.pageLimit)}};
        if (cursor->epoch) query.append({"epoch", QByteArray::fromStdString(*cursor->epoch)});
        if (cursor->scope) query.append({"scope", QByteArray::fromStdString(*cursor->scope)});
        auto answer = call([&] { return m_http.send("GET", QStringLiteral("/api/v1/sync/pull"), query); });
        if (!answer) return answer.error();
        if (answer->status == 410) {
            const Error e = answer->problem();
            if (e.code != codes::ResyncRequired || ++resyncs > kMaxResyncs) return e;
            auto reason = e.params.find("reason");
            auto epoch = e.params.find("epoch");
            if (auto s = m_store.startResync(reason == e.params.end() ? std::string() : reason->second,
                                             epoch == e.params.end() ? std::string() : epoch->second);
                !s)
                return s;
            ++report.resyncs;
            continue;
        }
        if (answer->status != 200) return answer->problem();
        // Qt's parser for the page: its rows are written as text, not walked member by member.
        QJsonParseError parseError{};
        const QJsonObject j = QJsonDocument::fromJson(answer->body, &parseError).object();
        const QJsonValue rows = j.value(QLatin1String("rows"));
        const QJsonValue next = j.value(QLatin1String("next_since"));
        const QJsonValue more = j.value(QLatin1String("has_more"));
        const QJsonValue epoch = j.value(QLatin1String("epoch"));
        if (parseError.error != QJsonParseError::NoError || !rows.isArray() || !next.isDouble() || !more.isBool() ||
            !epoch.isString())
            return simple(codes::BadAnswer, {{"detail", "pull page"}});
        PulledPage page;
        page.rows = rows.toArray();
        page.nextSince = next.toInteger();
        page.hasMore = more.toBool();
        page.epoch = epoch.toString().toStdString();
        page.scope = j.value(QLatin1String("scope")).toString().toStdString();
        auto applied = m_store.applyPage(page);
        if (!applied) return applied.error();
        ++report.pages;
        report.rowsPulled += applied->rows;
        report.requeued += applied->requeued;
        progress(SyncPhase::Pull, report.rowsPulled, -1);
        if (applied->complete) {
            report.pullComplete = true;
            return success();
        }
    }
}

SyncSession::SyncSession(Replica& replica, QUrl server, QString token, SyncOptions options)
    : m_replica(replica), m_server(std::move(server)), m_token(std::move(token)), m_options(std::move(options))
{
}

namespace {

SyncStop stopFor(const Error& e)
{
    if (e.code == codes::Cancelled) return SyncStop::Cancelled;
    if (e.code == codes::Unauthorized || e.code == codes::BadCredentials) return SyncStop::Unauthorized;
    if (e.code == codes::ProtocolUnsupported) return SyncStop::UpgradeRequired;
    if (e.code == codes::NetworkFailed) return SyncStop::Network;
    if (e.code == yanghu::codes::StorageFailed) return SyncStop::Local;
    return SyncStop::Server;
}

SyncReport finish(SyncReport report, const Status& status)
{
    report.ok = status.ok();
    if (!status) {
        report.error = status.error();
        report.stop = stopFor(report.error);
    }
    report.message = describe(report);
    return report;
}

} // namespace

SyncReport SyncSession::run()
{
    Impl impl(*this);
    for (int round = 0; round < std::max(1, m_options.rounds); ++round) {
        const int requeuedBefore = impl.report.requeued;
        for (Status (Impl::*phase)() : {&Impl::photos, &Impl::push, &Impl::pull})
            if (auto s = (impl.*phase)(); !s) return finish(impl.report, s);
        // Another round only for operations this pull queued again (a server restore).
        if (!impl.report.pullComplete || impl.report.requeued == requeuedBefore) break;
    }
    return finish(impl.report, success());
}

SyncReport SyncSession::uploadPhotos()
{
    Impl impl(*this);
    const Status s = impl.photos();
    return finish(impl.report, s);
}

SyncReport SyncSession::push()
{
    Impl impl(*this);
    const Status s = impl.photos();
    if (!s) return finish(impl.report, s);
    return finish(impl.report, impl.push());
}

SyncReport SyncSession::pull()
{
    Impl impl(*this);
    const Status s = impl.pull();
    return finish(impl.report, s);
}

QString describe(const SyncReport& r)
{
    const auto param = [&](const char* name) {
        auto it = r.error.params.find(name);
        return it == r.error.params.end() ? QString() : QString::fromStdString(it->second);
    };
    switch (r.stop) {
    case SyncStop::None:
        return SyncSession::tr("Synchronised: %1 changes sent, %2 rows received.").arg(r.operationsSent).arg(r.rowsPulled);
    case SyncStop::Cancelled:
        return SyncSession::tr("Synchronisation cancelled. Nothing was lost; it continues next time.");
    case SyncStop::Unauthorized:
        return SyncSession::tr("Your sign-in has expired. Sign in again to synchronise; your changes are kept.");
    case SyncStop::UpgradeRequired:
        return SyncSession::tr("This version of Yanghu cannot synchronise with the server (server protocol %1). Update "
                               "the program; your unsent changes are kept.")
            .arg(param("server"));
    case SyncStop::Network:
        return SyncSession::tr("The server cannot be reached (%1). Your changes are kept and will be sent next time.")
            .arg(param("detail"));
    case SyncStop::Server:
        return SyncSession::tr("The server could not complete the synchronisation (%1). Your changes are kept; try "
                               "again later.")
            .arg(QString::fromStdString(r.error.code));
    case SyncStop::Local:
        return SyncSession::tr("The local database could not be written (%1).").arg(param("detail"));
    }
    return {};
}

} // namespace yanghu::client
