// SPDX-License-Identifier: MIT
#pragma once

#include "store/Page.h"
#include "store/Tx.h"

#include "yanghu/core/Result.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/Uuid.h"
#include "yanghu/core/sync/Merge.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

// What the push side of sync keeps besides the rows (migrations/server/0004_sync_push.sql):
// the answered batches, the conflict records, and each field's last writer.
namespace yanghu::store {

// ---- push batches -------------------------------------------------------------------------

struct StoredBatch {
    std::string userId;
    std::string response; // the answer as sent (JSON text); empty while its transaction runs
};
// The batch `batchId` as stored, nullopt when this server has not seen it.
std::optional<StoredBatch> findBatch(Tx& tx, const Uuid& batchId);
// Claims `batchId` for this transaction (an empty response, filled by saveBatchResponse).
// A concurrent transaction claiming the same id waits on the primary key and then fails with
// duplicate: its caller reads the stored answer instead of applying the batch twice.
Status claimBatch(Tx& tx, const Uuid& batchId, const Uuid& clientId, const std::string& userId);
void saveBatchResponse(Tx& tx, const Uuid& batchId, const std::string& response);

// ---- field history ------------------------------------------------------------------------

// The history the merge rules need for the row `rowId` of `entity` (field_versions of the
// row, `fieldVersions`), knowing the side of every change made after `sinceVersion` (older
// changes are reported as the office's: the merge asks for the side only of changes newer
// than the edit's base). Changes logged before migration 0004 count as the office's.
// A field last changed by the replica `ownClientId` itself (an earlier edit of the same
// laptop, acknowledged or in the same batch) is reported unchanged: a replica's later edit
// builds on its earlier one and must not lose to it.
std::function<sync::FieldHistory(std::string_view)> fieldHistory(Tx& tx, const std::string& entity, const Uuid& rowId,
                                                                 const nlohmann::json& fieldVersions,
                                                                 std::int64_t sinceVersion, const std::string& ownClientId);

// ---- conflicts ----------------------------------------------------------------------------

struct ConflictRecord {
    Uuid id;
    std::string entity;
    Uuid rowId;
    std::string field;
    nlohmann::json baseValue;
    nlohmann::json serverValue;
    nlohmann::json clientValue;
    std::string rule;
    bool clientWon = false;
    std::int64_t rowVersion = 0; // the row's version once the edit was merged
    std::string userId;          // who pushed the edit
    sync::Side side = sync::Side::Crew;
    std::string clientId;
    std::string opId;
    std::optional<Instant> clientTime; // the laptop's clock: shown, never used to decide
    Instant createdAt{};
    std::optional<Instant> resolvedAt;
    std::string resolvedBy;
    std::string resolution; // keep_server | take_client (empty while open)
    std::string resolutionNote;
};
nlohmann::json toJson(const ConflictRecord& c);

void insertConflict(Tx& tx, const ConflictRecord& c);
std::optional<ConflictRecord> findConflict(Tx& tx, const Uuid& id);

enum class ConflictState { Open, Resolved, All };
struct ConflictFilter {
    ConflictState state = ConflictState::Open;
    std::optional<std::string> entity;
    std::optional<Uuid> rowId;
};
// Oldest first (ids are time-ordered UUIDv7); validation_failed on "cursor" for a bad cursor.
Result<Page<ConflictRecord>> listConflicts(Tx& tx, const ConflictFilter& filter, const PageRequest& page);
// Marks an open conflict resolved; false when it was resolved meanwhile.
bool markResolved(Tx& tx, const Uuid& id, const std::string& by, const std::string& resolution, const std::string& note);

// ---- photos -------------------------------------------------------------------------------

// The hashes among `hashes` that no stored photo has.
std::set<std::string> missingPhotos(Tx& tx, const std::set<std::string>& hashes);

} // namespace yanghu::store
