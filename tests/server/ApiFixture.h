// SPDX-License-Identifier: MIT
#pragma once

#include "ServerProcess.h"
#include "TestDatabase.h"

#include "yanghu/core/Domain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <memory>
#include <string>

namespace yanghu::servertest {

using store::test::Backend;

// A small seeded city on a scratch database (SQLite file or the private PostgreSQL), served
// by a real yanghu-server process:
//   districts "丛台区" (crew C-01) and "邯山区" (crew C-02); one street in each;
//   assets: inlets YS-A1, YS-A2 on street A, YS-B1 on street B; manhole MH-A1 on street A;
//   users (password "pw-" + username): admin, dispatcher, supervisor, crew_a (C-01), crew_b (C-02);
//   work orders: woA (scheduled for C-01, on YS-A1), woB (scheduled for C-02, on YS-B1);
//   a defect report on YS-A1 (new), reported by crew_a.
// Tokens for every user are fetched once the server is up.
class ApiTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    // Restarts the server process on the same database (after terminate()/kill()), with
    // `env` added to its environment and `extraArgs` to its command line.
    void restartServer(const std::map<std::string, std::string>& env = {}, const std::vector<std::string>& extraArgs = {});

    HttpClient& client() { return *m_client; }
    const std::string& token(const std::string& username) const { return m_tokens.at(username); }
    // The database as the server sees it, for checks behind the API's back.
    store::Store& store() { return *m_store; }
    // A digest of every table's content, to show a refused request changed nothing.
    std::string databaseDigest();
    // Where the server keeps photos: its default next to the SQLite file ("<file>.photos"), or
    // a directory of this test's given as --photos-dir on PostgreSQL (removed in TearDown).
    std::filesystem::path photoDir() const;

    std::unique_ptr<store::test::ScratchDatabase> m_scratch;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::Store> m_store;
    SystemClock m_clock;
    UuidGenerator m_ids{m_clock, 7};
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::map<std::string, std::string> m_tokens;
    std::filesystem::path m_pgPhotoDir;

    Street streetA, streetB;
    Crew crewA, crewB;
    Asset inletA1, inletA2, inletB1, manholeA1;
    std::map<std::string, User> users; // by username
    WorkOrder woA, woB;
    DefectReport defectA;
};

// "field:code" for every entry of a problem's errors[].
std::set<std::string> fieldErrors(const HttpResponse& r);

#define YANGHU_API_BOTH_BACKENDS(Suite)                                                                                \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                          \
                             ::testing::Values(::yanghu::store::test::Backend::SQLite,                                 \
                                               ::yanghu::store::test::Backend::PostgreSQL),                            \
                             ::yanghu::store::test::backendName)

} // namespace yanghu::servertest
