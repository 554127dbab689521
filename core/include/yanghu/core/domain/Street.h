// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Common.h"

namespace yanghu {

// A street, e.g. 太行东街. Chainage on its assets is measured in metres from the first point of
// `centreline`; "left"/"right" sides are as seen walking in that direction.
struct Street {
    Uuid id;
    std::string name;
    std::string district;
    std::vector<GeoPoint> centreline;
    double lengthM = 0;
    RowMeta meta;
    bool operator==(const Street&) const = default;
};

} // namespace yanghu
