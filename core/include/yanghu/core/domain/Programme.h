// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Asset.h"

namespace yanghu {

enum class ProgrammeStatus { Planned, Active, Closed };
YANGHU_ENUM_NAMES(ProgrammeStatus, {ProgrammeStatus::Planned, "planned"}, {ProgrammeStatus::Active, "active"},
                  {ProgrammeStatus::Closed, "closed"});

// A seasonal campaign over a set of assets with a deadline, e.g. 汛前雨水井清掏 (clean every storm
// inlet before the flood season). The asset set is every asset of `assetKind` in `districts`
// (all districts when empty), or exactly `assetIds` when that is not empty.
struct Programme {
    Uuid id;
    std::string code;
    std::string name;
    std::string description;
    std::optional<AssetKind> assetKind;
    std::vector<std::string> districts;
    std::vector<Uuid> assetIds;
    std::optional<Date> startDate;
    Date deadline{};
    ProgrammeStatus status = ProgrammeStatus::Planned;
    RowMeta meta;
    bool operator==(const Programme&) const = default;
};

} // namespace yanghu
