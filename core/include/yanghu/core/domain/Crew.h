// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Common.h"

namespace yanghu {

struct Crew {
    Uuid id;
    std::string code; // "C-01"
    std::string name; // "雨水井清掏一班"
    std::string district;
    std::vector<std::string> skills;    // "paving", "inlet_cleaning", "manhole", "dredging", "bridge"
    std::vector<std::string> equipment; // "vactor_truck", "jetter", "crane", "plate_compactor"
    int size = 4;
    std::string depotName;
    std::optional<GeoPoint> depot;
    bool active = true;
    RowMeta meta;
    bool operator==(const Crew&) const = default;
};

} // namespace yanghu
