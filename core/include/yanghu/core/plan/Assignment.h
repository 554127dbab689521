// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace yanghu::plan {

// The least-cost assignment of rows to distinct columns (rows <= cols), exact: `cost` is row-major
// (rows x cols) and may be negative; a pair that must not be chosen gets a cost larger than any
// whole assignment (the planner uses 2^50), so every row needs at least one affordable column.
// Returns each row's column. O(rows^2 x cols).
std::vector<int> assignRows(const std::vector<std::int64_t>& cost, int rows, int cols);

} // namespace yanghu::plan
