// SPDX-License-Identifier: MIT
// The Assets screen's parts on a real replica file, no server: the asset list the triggers
// keep (whatever path writes, removes or renames a row), its sorts, filters and pages, the
// lazy table model (QAbstractItemModelTester), the map's picking and drawing, and a replica
// made before the list existed getting it filled when it is migrated.
#include "assets/AssetMap.h"
#include "assets/AssetTableModel.h"
#include "replica/AssetList.h"
#include "replica/Replica.h"
#include "replica/ReplicaMigrations.h"
#include "replica/RowStore.h"
#include "replica/Sql.h"

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/wire/Codec.h"

#include "ModelTestLog.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace yanghu;
using namespace yanghu::client;
using yanghu::clienttest::ModelTestLog;

namespace {


const char* const kKinds[] = {"storm_inlet", "manhole", "sidewalk_segment", "pipe_segment", "bridge"};
const char* const kStatuses[] = {"in_service", "in_service", "in_service", "out_of_service", "removed"};

class AssetListTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto r = Replica::open(m_dir.filePath(QStringLiteral("a.replica")));
        ASSERT_TRUE(r.ok()) << r.error().code;
        m_replica = std::move(*r);
    }

    // Writes rows as a pull would (one transaction), through the replica's row writer.
    void put(const std::vector<std::pair<std::string, Json>>& rows)
    {
        auto s = m_replica->write([&]() -> Status {
            RowWriter writer(m_replica->database());
            for (const auto& [entity, body] : rows) {
                StoredRow row;
                row.entity = entity;
                row.id = body.at("id").get<std::string>();
                row.rowVersion = body.value("row_version", 1);
                row.body = body;
                if (auto saved = writer.save(row); !saved) return saved;
            }
            return success();
        });
        ASSERT_TRUE(s.ok()) << s.error().code;
    }

    // Rows as the server sends them: the domain types through the wire codec. Ids are made
    // from short names ("a1", "s2") so the test can name them.
    static std::string idOf(const std::string& name)
    {
        std::uint64_t n = std::hash<std::string>{}(name);
        char text[40];
        std::snprintf(text, sizeof text, "%08x-0000-7000-8000-%012llx", static_cast<unsigned>(n >> 32),
                      static_cast<unsigned long long>(n & 0xffffffffffffULL));
        return text;
    }
    static QString qid(const std::string& name) { return QString::fromStdString(idOf(name)); }
    static Json street(const std::string& id, const std::string& name, double lat = 31.2)
    {
        Street s;
        s.id = *Uuid::parse(idOf(id));
        s.name = name;
        s.district = "黄浦区";
        s.centreline = {{121.40, lat}, {121.42, lat}};
        s.meta.rowVersion = 1;
        return wire::toJson(s);
    }
    static Json asset(const std::string& id, const std::string& code, const std::string& streetId, double lon = 121.41,
                      double lat = 31.2, const char* kind = "storm_inlet", const char* status = "in_service",
                      std::optional<int> grade = 3)
    {
        Asset a;
        a.id = *Uuid::parse(idOf(id));
        a.code = code;
        a.kind = *enumFromName<AssetKind>(kind);
        a.status = *enumFromName<AssetStatus>(status);
        a.streetId = *Uuid::parse(idOf(streetId));
        a.chainageFromM = (lon - 121.40) * 95'000;
        a.geometry = {{lon, lat}};
        if (a.kind == AssetKind::SidewalkSegment) a.geometry.push_back({lon + 0.0001, lat});
        a.attributes = defaultAttributes(a.kind);
        a.conditionGrade = grade;
        a.meta.rowVersion = 1;
        return wire::toJson(a);
    }

    std::vector<QString> codes(const AssetQuery& q, std::int64_t offset = 0, int limit = 100000)
    {
        auto rows = listAssets(*m_replica, q, offset, limit);
        EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().code);
        std::vector<QString> out;
        if (rows)
            for (const auto& r : *rows) out.push_back(r.code);
        return out;
    }

    // A city of n assets over 7 streets, kinds, statuses and grades spread over them.
    void fillCity(int n)
    {
        std::vector<std::pair<std::string, Json>> rows;
        for (int s = 0; s < 7; ++s)
            rows.emplace_back("street", street("s" + std::to_string(s), s == 3 ? "中山路 100%_路" : "Street " + std::to_string(s), 31.2 + s * 0.002));
        for (int i = 0; i < n; ++i) {
            const int s = i % 7;
            char code[16];
            std::snprintf(code, sizeof code, "A-%05d", (i * 7919) % 100000); // not in insertion order
            rows.emplace_back("asset", asset("a" + std::to_string(i), code, "s" + std::to_string(s), 121.40 + (i % 97) * 0.0002,
                                             31.2 + s * 0.002, kKinds[i % 5], kStatuses[i % 5],
                                             i % 6 == 0 ? std::nullopt : std::optional<int>(1 + i % 5)));
        }
        put(rows);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Replica> m_replica;
};

TEST_F(AssetListTest, TheListFollowsItsRowsWhicheverArrivesFirstAndWhateverRemovesThem)
{
    // The asset before its street: listed at once, named when the street comes.
    put({{"asset", asset("a1", "YS-00001", "s1")}});
    auto rows = listAssets(*m_replica, {}, 0, 10);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].streetName, QString());
    EXPECT_EQ((*rows)[0].conditionGrade, 3);
    put({{"street", street("s1", "中山路")}});
    put({{"asset", asset("a2", "YS-00002", "s1")}});
    rows = listAssets(*m_replica, {}, 0, 10);
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].streetName, QStringLiteral("中山路"));
    EXPECT_EQ((*rows)[1].streetName, QStringLiteral("中山路"));

    // An update (another code, another street name), a deletion, a removal.
    put({{"asset", asset("a1", "YS-00009", "s1")}, {"street", street("s1", "中山北路")}});
    EXPECT_EQ(codes({}), (std::vector<QString>{QStringLiteral("YS-00002"), QStringLiteral("YS-00009")}));
    rows = listAssets(*m_replica, {}, 0, 10);
    EXPECT_EQ((*rows)[1].streetName, QStringLiteral("中山北路"));
    Json gone = asset("a2", "YS-00002", "s1");
    gone["deleted"] = true;
    put({{"asset", gone}});
    EXPECT_EQ(codes({}), std::vector<QString>{QStringLiteral("YS-00009")});
    ASSERT_TRUE(m_replica->write([&] { return removeRow(m_replica->database(), "street", idOf("s1")); }).ok());
    rows = listAssets(*m_replica, {}, 0, 10);
    EXPECT_EQ((*rows)[0].streetName, QString()) << "the street left the replica";
    ASSERT_TRUE(m_replica->write([&] { return removeRow(m_replica->database(), "asset", idOf("a1")); }).ok());
    EXPECT_EQ(*countAssets(*m_replica, {}), 0);
}

TEST_F(AssetListTest, EveryOrderAndFilterPagesToTheSameRowsAsOneRead)
{
    fillCity(1000);
    // Sorted by code, both ways; pages of any size join to the whole.
    auto all = codes({});
    ASSERT_EQ(all.size(), 1000u);
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
    AssetQuery down;
    down.descending = true;
    auto reversed = codes(down);
    EXPECT_TRUE(std::equal(all.rbegin(), all.rend(), reversed.begin(), reversed.end()));
    for (AssetSort sort : {AssetSort::Code, AssetSort::Kind, AssetSort::Street, AssetSort::Status, AssetSort::Condition}) {
        AssetQuery q;
        q.sort = sort;
        auto whole = codes(q);
        std::vector<QString> paged;
        for (std::int64_t offset = 0; offset < 1000; offset += 37) {
            auto page = codes(q, offset, 37);
            paged.insert(paged.end(), page.begin(), page.end());
        }
        EXPECT_EQ(paged, whole) << "sort " << static_cast<int>(sort);
    }
    // Street order: by name, then chainage along it.
    AssetQuery byStreet;
    byStreet.sort = AssetSort::Street;
    auto rows = listAssets(*m_replica, byStreet, 0, 1000);
    ASSERT_TRUE(rows.ok());
    EXPECT_TRUE(std::is_sorted(rows->begin(), rows->end(), [](const AssetListRow& a, const AssetListRow& b) {
        return a.streetName != b.streetName ? a.streetName.toUtf8() < b.streetName.toUtf8() : a.chainageM < b.chainageM;
    }));

    // Filters: what each keeps, counted independently.
    std::map<std::string, int> byKind;
    for (int i = 0; i < 1000; ++i) ++byKind[kKinds[i % 5]];
    AssetQuery inlets;
    inlets.kind = QStringLiteral("storm_inlet");
    EXPECT_EQ(*countAssets(*m_replica, inlets), byKind["storm_inlet"]);
    AssetQuery removedOnS2;
    removedOnS2.status = QStringLiteral("removed");
    removedOnS2.streetId = qid("s2");
    int expected = 0;
    for (int i = 0; i < 1000; ++i) expected += (i % 5 == 4 && i % 7 == 2);
    EXPECT_EQ(*countAssets(*m_replica, removedOnS2), expected);
    // Text: a part of the street's Chinese name, and '%' and '_' taken literally.
    AssetQuery chinese;
    chinese.text = QStringLiteral("中山");
    int onS3 = 0;
    for (int i = 0; i < 1000; ++i) onS3 += i % 7 == 3;
    EXPECT_EQ(*countAssets(*m_replica, chinese), onS3);
    AssetQuery literal;
    literal.text = QStringLiteral("100%_");
    EXPECT_EQ(*countAssets(*m_replica, literal), onS3);
    literal.text = QStringLiteral("1%0");
    EXPECT_EQ(*countAssets(*m_replica, literal), 0) << "'%' is not a wildcard";
    AssetQuery code;
    code.text = QStringLiteral("a-0791"); // Latin letters in any case
    for (const QString& c : codes(code)) EXPECT_TRUE(c.startsWith(QLatin1String("A-0791"))) << c.toStdString();
    EXPECT_FALSE(codes(code).empty());
}

TEST_F(AssetListTest, TheTableModelPassesTheModelTesterAndReadsOnlyThePagesShown)
{
    fillCity(3000);
    ModelTestLog log;
    AssetTableModel model(*m_replica);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    EXPECT_EQ(model.rowCount(), 3000);
    QTableView view;
    view.setModel(&model);
    view.setSortingEnabled(true);
    view.resize(800, 600);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    EXPECT_LE(model.pagesRead(), 2) << "a screenful of 3000 rows reads the first page or two";
    view.sortByColumn(AssetTableModel::Street, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    EXPECT_EQ(model.query().sort, AssetSort::Street);
    EXPECT_TRUE(model.query().descending);
    view.scrollToBottom();
    QCoreApplication::processEvents();
    EXPECT_LE(model.pagesRead(), 3);
    AssetQuery q = model.query();
    q.kind = QStringLiteral("manhole");
    model.setQuery(q);
    EXPECT_EQ(model.rowCount(), 600);
    for (int r = 0; r < model.rowCount(); r += 97)
        EXPECT_EQ(model.data(model.index(r, AssetTableModel::Kind)).toString(), QStringLiteral("Manhole"));
    // The ids the view hands out are the rows' own.
    const QString id = model.idAt(5);
    auto row = m_replica->row("asset", id.toStdString());
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_EQ(QString::fromStdString((**row)["code"].get<std::string>()), model.data(model.index(5, AssetTableModel::Code)).toString());
    model.reload();
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QLatin1Char('\n')).toStdString();
}

TEST_F(AssetListTest, TheMapDrawsEveryAssetAndAClickPicksTheNearest)
{
    fillCity(500);
    AssetMapView map;
    map.resize(800, 600);
    ASSERT_TRUE(map.load(*m_replica).ok());
    EXPECT_EQ(map.assetCount(), 500u);
    map.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&map));
    ASSERT_TRUE(map.select(qid("a42")));
    // Centred on it: the nearest asset to the middle of the map is a42.
    const QPoint middle = map.viewport()->rect().center();
    EXPECT_EQ(map.assetAt(middle), qid("a42"));
    EXPECT_EQ(map.assetAt(middle + QPoint(300, 250)), QString()) << "nothing within a finger's width";
    // Drawn: the pixel under it is not the background.
    QImage image(map.viewport()->size(), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        map.render(&p, QRectF(image.rect()), map.viewport()->rect());
    }
    EXPECT_NE(image.pixelColor(middle), QColor(0xf4, 0xf1, 0xea));
    // A click on another asset chooses it.
    const QPointF other = map.project(QPointF(121.40 + (43 % 97) * 0.0002, 31.2 + (43 % 7) * 0.002));
    QSignalSpy clicked(&map, &AssetMapView::assetClicked);
    QTest::mouseClick(map.viewport(), Qt::LeftButton, {}, map.mapFromScene(other));
    ASSERT_EQ(clicked.size(), 1);
    EXPECT_EQ(clicked[0][0].toString(), qid("a43"));
    EXPECT_EQ(map.selected(), qid("a43"));
}

TEST(AssetListMigration, AReplicaFromBeforeTheListGetsItFilledWhenMigrated)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.replica"));
    {
        // The replica as the first schema left it, holding a street and two assets.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        const auto& first = replicaMigrations().front();
        ASSERT_EQ(first.version, 1);
        for (const QString& statement : splitStatements(QString::fromUtf8(first.sql)))
            ASSERT_TRUE(sql::run(db, statement).ok()) << statement.toStdString();
        ASSERT_TRUE(sql::run(db, QStringLiteral("CREATE TABLE replica_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")).ok());
        ASSERT_TRUE(sql::run(db, QStringLiteral("INSERT INTO replica_schema VALUES (1, 'replica')")).ok());
        const char* insert = "INSERT INTO replica_row (entity, id, row_version, body, status, street_id, kind) VALUES (?, ?, 1, ?, ?, ?, ?)";
        ASSERT_TRUE(sql::run(db, QString::fromLatin1(insert),
                             {QStringLiteral("street"), QStringLiteral("s1"), QStringLiteral(R"({"id":"s1","name":"人民路"})"), QVariant(), QVariant(), QVariant()})
                        .ok());
        for (const char* id : {"a1", "a2"})
            ASSERT_TRUE(sql::run(db, QString::fromLatin1(insert),
                                 {QStringLiteral("asset"), QString::fromLatin1(id),
                                  QStringLiteral(R"({"id":"%1","code":"JG-%1","kind":"manhole","status":"in_service","street_id":"s1","geometry":[[121.5,31.2]]})").arg(QLatin1String(id)),
                                  QStringLiteral("in_service"), QStringLiteral("s1"), QStringLiteral("manhole")})
                            .ok());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    auto replica = Replica::open(path);
    ASSERT_TRUE(replica.ok()) << replica.error().code;
    EXPECT_EQ((*replica)->schemaVersion(), static_cast<int>(replicaMigrations().size()));
    auto rows = listAssets(**replica, {}, 0, 10);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].code, QStringLiteral("JG-a1"));
    EXPECT_EQ((*rows)[1].streetName, QStringLiteral("人民路"));
    auto points = assetPoints(**replica);
    ASSERT_TRUE(points.ok());
    EXPECT_EQ(points->size(), 2u);
}

TEST(AssetListMigration, ATriggerIsOneStatementThoughItsBodyHasMany)
{
    const QStringList statements = splitStatements(QStringLiteral(
        "CREATE TABLE t (a INTEGER);\n-- a comment;\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n"
        "    DELETE FROM t WHERE a = 0;\n    INSERT INTO t VALUES (1);\nEND;\nCREATE INDEX i ON t (a);\n"));
    ASSERT_EQ(statements.size(), 3);
    EXPECT_TRUE(statements[1].startsWith(QLatin1String("CREATE TRIGGER")));
    EXPECT_TRUE(statements[1].endsWith(QLatin1String("END;")));
}

} // namespace
