// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace yanghu::wire {

// Where a value sits in the document being decoded: "assignment.crew_id", "labour[2].hours".
// Frames form a chain on the stack (each nested read makes one and points at its parent), so
// no string is built unless an error is reported. A frame, and the key it views, must outlive
// every frame that points at it: true while the read that made it is running.
struct JsonPath {
    static constexpr std::size_t noIndex = std::numeric_limits<std::size_t>::max();

    const JsonPath* parent = nullptr; // nullptr for the document root
    std::string_view key;             // the member name; empty for an array element or the root
    std::size_t index = noIndex;      // the element's index when this frame is an array element

    JsonPath member(std::string_view name) const { return {this, name, noIndex}; }
    JsonPath element(std::size_t i) const { return {this, {}, i}; }

    // "" for the root.
    std::string toString() const;
};

} // namespace yanghu::wire
