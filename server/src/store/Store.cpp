// SPDX-License-Identifier: MIT
#include "store/Store.h"

#include "store/Sql.h"

namespace yanghu::store {

void Store::rollbackQuietly(Poco::Data::Session& session)
{
    // The original exception matters more than a failed rollback (e.g. the commit already
    // ended the transaction on PostgreSQL); a broken session is discarded by the pool.
    try {
        m_database.rollback(session);
    } catch (...) {
    }
}

void Store::endReadQuietly(Poco::Data::Session& session)
{
    try {
        m_database.endRead(session);
    } catch (...) {
        leaveStaleTransaction(session);
    }
}

void Store::leaveStaleTransaction(Poco::Data::Session& session)
{
    try {
        if (sql::inTransaction(session)) sql::execute(session, "ROLLBACK");
    } catch (...) {
        // A connection that cannot even roll back is broken; the pool discards it.
    }
}

} // namespace yanghu::store
