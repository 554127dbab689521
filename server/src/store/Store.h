// SPDX-License-Identifier: MIT
#pragma once

#include "store/Database.h"
#include "store/Tx.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"

#include <utility>

namespace yanghu::store {

// The unit of work. Owns nothing: the Database, Clock and UuidGenerator outlive it.
//
// write(fn): opens one transaction, runs fn(Tx&) -> Result<T>/Status, commits when the result
// is ok and rolls back when it is an Error or fn throws (the exception is rethrown). Either
// every row and change_log entry of fn is written or none is.
// read(fn): a read-only transaction (one snapshot, no write lock) for queries; fn's result
// is returned as is.
// latest(fn): fn's statements run outside any explicit transaction, each on the latest
// committed data (each statement is its own snapshot). For a fn of one statement it is the
// same as read() without the BEGIN and COMMIT: two round trips fewer on PostgreSQL.
class Store {
public:
    Store(Database& database, const Clock& clock, UuidGenerator& ids) : m_database(database), m_clock(clock), m_ids(ids) {}

    Database& database() { return m_database; }
    const Clock& clock() const { return m_clock; }
    UuidGenerator& ids() { return m_ids; }

    template <class F>
    auto write(F&& fn) -> decltype(fn(std::declval<Tx&>()))
    {
        Database::WriteTurn turn(m_database); // before the slot: a writer in line holds no session
        Database::Slot slot(m_database);      // released after the session is back in the pool
        auto session = m_database.session();
        leaveStaleTransaction(session);
        m_database.begin(session);
        try {
            Tx tx(session, m_database.dialect(), m_clock, m_ids, true);
            auto result = fn(tx);
            if (result.ok()) {
                tx.flushChangeLog(); // last: its seq numbers are taken in commit order
                m_database.commit(session);
            } else {
                m_database.rollback(session);
            }
            return result;
        } catch (...) {
            rollbackQuietly(session);
            throw;
        }
    }

    template <class F>
    auto read(F&& fn) -> decltype(fn(std::declval<Tx&>()))
    {
        Database::Slot slot(m_database);
        auto session = m_database.session();
        leaveStaleTransaction(session);
        m_database.beginRead(session);
        try {
            Tx tx(session, m_database.dialect(), m_clock, m_ids, false);
            auto result = fn(tx);
            m_database.endRead(session);
            return result;
        } catch (...) {
            endReadQuietly(session);
            throw;
        }
    }

    template <class F>
    auto latest(F&& fn) -> decltype(fn(std::declval<Tx&>()))
    {
        Database::Slot slot(m_database);
        auto session = m_database.session();
        leaveStaleTransaction(session);
        Tx tx(session, m_database.dialect(), m_clock, m_ids, false);
        return fn(tx);
    }

private:
    void rollbackQuietly(Poco::Data::Session& session);
    void endReadQuietly(Poco::Data::Session& session);
    // A pooled session whose last transaction could not be ended (a failed COMMIT on a live
    // connection) would read an old snapshot as if it were current: rolled back first.
    void leaveStaleTransaction(Poco::Data::Session& session);

    Database& m_database;
    const Clock& m_clock;
    UuidGenerator& m_ids;
};

} // namespace yanghu::store
