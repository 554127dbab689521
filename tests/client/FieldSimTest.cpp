// SPDX-License-Identifier: MIT
// yanghu-fieldsim against the real server (fault test 13, the property test): laptops of two
// crews with random offline edits, partial syncs and crashes all end equal to the server, and
// every acknowledged operation is on the server exactly once. The checker is shown to fail
// when an acknowledged operation is missing.
#include "ClientFixture.h"

#include "FieldSim.h"

#include <QFile>

using namespace yanghu;
using namespace yanghu::clienttest;

namespace {

class FieldSimulation : public ClientSyncTest {
protected:
    fieldsim::Options options(std::uint64_t seed)
    {
        fieldsim::Options o;
        o.server = serverUrl();
        o.laptops = 4;
        o.edits = 15;
        o.seed = seed;
        o.dir = m_dir.filePath(QStringLiteral("sim"));
        o.out = m_dir.filePath(QStringLiteral("acked.jsonl"));
        o.users = {QStringLiteral("crew_a"), QStringLiteral("crew_b")};
        o.password = QStringLiteral("pw-%1");
        o.office = QStringLiteral("dispatcher");
        o.officePassword = QStringLiteral("pw-dispatcher");
        o.partialSyncs = 0.3;
        o.crashes = 0.5;
        o.pageLimit = 5;
        return o;
    }
};

TEST_P(FieldSimulation, LaptopsWithPartialSyncsAndCrashesConvergeAndLoseNothingAcknowledged)
{
    const fieldsim::Options o = options(20261202);
    const auto summary = fieldsim::runFieldSim(o);
    ASSERT_TRUE(summary.ok()) << summary.error().code << " " << (summary.ok() ? "" : summary.error().params.begin()->second);
    std::string counts = "edits " + std::to_string(summary->edits) + ", acknowledged " +
                               std::to_string(summary->acknowledged) + ", refused " + std::to_string(summary->refused) +
                               ", crashes " + std::to_string(summary->crashes);
    for (const auto& [code, n] : summary->refusedBy) counts += "; refused " + code + ": " + std::to_string(n);
    EXPECT_EQ(summary->laptops, 4);
    EXPECT_GT(summary->edits, 40) << counts;
    // Every operation queued was answered: acknowledged or refused (an edit may queue two).
    EXPECT_GE(summary->acknowledged + summary->refused, summary->edits) << counts;
    EXPECT_EQ(summary->refused, 0) << counts; // every edit was one the crew may make
    EXPECT_EQ(summary->syncFailures, 0) << counts;
    RecordProperty("counts", counts);
    const auto check = fieldsim::checkFieldSim(o);
    EXPECT_TRUE(check.ok()) << check.problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(check.operations, summary->acknowledged);
    EXPECT_GT(check.rows, 0);

    // The checker fails when an acknowledged line is not on the server.
    QFile out(o.out);
    ASSERT_TRUE(out.open(QIODevice::Append));
    out.write(QStringLiteral("{\"laptop\":0,\"seq\":1,\"op_id\":\"x\",\"entity\":\"work_order\",\"row_id\":\"%1\","
                             "\"fields\":{\"notes\":[{\"id\":\"%2\",\"text\":\"不存在\"}]}}\n")
                  .arg(QString::fromStdString(woA.id.toString()), QString::fromStdString(m_ids.next().toString()))
                  .toUtf8());
    out.close();
    const auto tampered = fieldsim::checkFieldSim(o);
    ASSERT_EQ(tampered.problems.size(), 1);
    EXPECT_TRUE(tampered.problems[0].contains(QLatin1String("0 times"))) << tampered.problems[0].toStdString();
}

YANGHU_API_BOTH_BACKENDS(FieldSimulation);

} // namespace
