// SPDX-License-Identifier: MIT
#include "store/Store.h"

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
    }
}

} // namespace yanghu::store
