// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Uuid.h"
#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <unordered_map>

namespace yanghu::api {

// Rows already rendered to JSON, keyed by id and valid for exactly one row_version.
//
// Why it is correct: every write of an entity row goes through store::Repository, which bumps
// row_version in the same transaction (a child-line change bumps the parent), and a version is
// never reused for a row. A reader that looked up the row's live version inside its own read
// transaction and finds an entry of that version therefore holds the row as committed at
// that version. Entries are only filled from read transactions (committed data), never from
// a write that might still roll back. A server restored from a backup starts with an empty
// cache (the cache lives in the process).
//
// Bounded by bytes: 16 shards, each evicting arbitrary entries (its hash table's first) once
// its share of the budget is used. Thread-safe; entries are immutable and shared, so a reader
// keeps its copy while another thread replaces or evicts it.
//
// One cache serves every entity type (one budget): ids are UUIDs, unique across tables, and
// an entry also carries its type so a lookup of the wrong type misses.
class RowCache {
public:
    template <class T>
    struct Entry {
        std::shared_ptr<const T> entity;
        std::string body; // wire::toJsonText of the entity
    };
    template <class T>
    using EntryPtr = std::shared_ptr<const Entry<T>>;

    explicit RowCache(std::size_t budgetBytes) : m_shardBudget(budgetBytes / kShards) {}

    // The entry for the T `id` at exactly `rowVersion`, or null.
    template <class T>
    EntryPtr<T> find(const Uuid& id, std::int64_t rowVersion) const
    {
        const Shard& shard = shardOf(id);
        std::lock_guard lock(shard.mutex);
        auto it = shard.rows.find(id);
        if (it == shard.rows.end() || it->second.rowVersion != rowVersion || it->second.type != std::type_index(typeid(T)))
            return nullptr;
        return std::static_pointer_cast<const Entry<T>>(it->second.entry);
    }

    // Renders `entity` and keeps it unless a newer version is already there (readers of an
    // older snapshot may finish after readers of a newer one) or it alone exceeds a shard's
    // budget. Returns the rendered row either way.
    template <class T>
    EntryPtr<T> put(T entity)
    {
        const Uuid id = entity.id;
        const std::int64_t rowVersion = entity.meta.rowVersion;
        std::string body = wire::toJsonText(wire::toJson(entity));
        auto entry = std::make_shared<const Entry<T>>(Entry<T>{std::make_shared<const T>(std::move(entity)), std::move(body)});
        const std::size_t size = 2 * entry->body.size() + 256; // the body, the entity (about as big), the table
        if (size > m_shardBudget) return entry;
        Slot slot{std::type_index(typeid(T)), rowVersion, size, entry};
        Shard& shard = shardOf(id);
        std::lock_guard lock(shard.mutex);
        if (auto it = shard.rows.find(id); it != shard.rows.end()) {
            if (it->second.type == slot.type && it->second.rowVersion >= rowVersion) return entry;
            shard.bytes -= it->second.size;
            shard.rows.erase(it);
        }
        while (!shard.rows.empty() && shard.bytes + size > m_shardBudget) {
            shard.bytes -= shard.rows.begin()->second.size;
            shard.rows.erase(shard.rows.begin());
        }
        shard.bytes += size;
        shard.rows.emplace(id, std::move(slot));
        return entry;
    }

    std::size_t bytes() const
    {
        std::size_t total = 0;
        for (const auto& shard : m_shards) {
            std::lock_guard lock(shard.mutex);
            total += shard.bytes;
        }
        return total;
    }

private:
    static constexpr std::size_t kShards = 16;
    struct Slot {
        std::type_index type;
        std::int64_t rowVersion;
        std::size_t size;
        std::shared_ptr<const void> entry; // an Entry<*type>
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<Uuid, Slot> rows;
        std::size_t bytes = 0;
    };
    const Shard& shardOf(const Uuid& id) const { return m_shards[std::hash<Uuid>{}(id) % kShards]; }
    Shard& shardOf(const Uuid& id) { return m_shards[std::hash<Uuid>{}(id) % kShards]; }

    std::size_t m_shardBudget;
    std::array<Shard, kShards> m_shards;
};

} // namespace yanghu::api
