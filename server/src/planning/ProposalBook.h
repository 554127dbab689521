// SPDX-License-Identifier: MIT
#pragma once

#include "planning/Planning.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <memory>
#include <mutex>

namespace yanghu::planning {

// A computed plan a dispatcher can look at before applying it.
struct Proposal {
    Uuid id;
    Instant createdAt{};
    Uuid createdBy;
    PlanOutcome outcome;
    std::optional<ApplyReport> applied; // set once, when it was applied
};

// The server's recent proposals, in memory: a proposal is a draft, computed again in seconds,
// so a restart losing them costs nothing. The oldest go when more than `keep` exist.
// Thread-safe; a proposal handed out is immutable (applying swaps in a new one).
class ProposalBook {
public:
    explicit ProposalBook(std::size_t keep = 32) : m_keep(keep) {}
    std::shared_ptr<const Proposal> add(Proposal proposal);
    std::shared_ptr<const Proposal> find(const Uuid& id) const;
    // Runs `apply` with the proposal unless it was applied already (then returns nullopt and
    // `alreadyApplied` is true); records the report when apply succeeds. One apply at a time.
    template <class F>
    auto applyOnce(const Uuid& id, bool& alreadyApplied, F&& apply)
        -> std::optional<decltype(apply(std::declval<const Proposal&>()))>
    {
        std::lock_guard applying(m_applyMutex);
        auto proposal = find(id);
        alreadyApplied = proposal && proposal->applied.has_value();
        if (!proposal || alreadyApplied) return std::nullopt;
        auto result = apply(*proposal);
        if (result.ok()) markApplied(id, *result);
        return result;
    }

private:
    void markApplied(const Uuid& id, const ApplyReport& report);
    std::size_t m_keep;
    mutable std::mutex m_mutex;
    std::mutex m_applyMutex;
    std::deque<std::shared_ptr<const Proposal>> m_proposals;
};

// The proposal as JSON: routes per crew and night with times, unplaced work with the reason's
// code, params and sentence, the objective and the search's figures.
nlohmann::json proposalJson(const Proposal& proposal);
nlohmann::json applyReportJson(const ApplyReport& report);

} // namespace yanghu::planning
