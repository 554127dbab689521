// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/Uuid.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yanghu {

// WGS84 longitude/latitude in degrees.
struct GeoPoint {
    double lon = 0;
    double lat = 0;
    bool operator==(const GeoPoint&) const = default;
};

// What every synced row carries. `rowVersion` is assigned by the server and bumped on each
// accepted write (0 = never stored); a deleted row stays as a tombstone so clients learn of it.
struct RowMeta {
    std::int64_t rowVersion = 0;
    bool deleted = false;
    Instant createdAt{};
    Instant updatedAt{};
    bool operator==(const RowMeta&) const = default;
};

} // namespace yanghu
