// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Assignment.h"

#include <algorithm>
#include <limits>

namespace yanghu::plan {

// The shortest augmenting path per row, with row and column potentials keeping every reduced cost
// non-negative (Kuhn–Munkres as Jonker and Volgenant arrange it); column 0 is the path's root.
std::vector<int> assignRows(const std::vector<std::int64_t>& cost, int rows, int cols)
{
    using Cost = std::int64_t;
    constexpr Cost kUnset = std::numeric_limits<Cost>::max() / 2;
    std::vector<Cost> u(rows + 1, 0);
    std::vector<Cost> v(cols + 1, 0);
    std::vector<int> rowAt(cols + 1, 0); // 1-based row in each column, 0 = none; column 0 is the root
    std::vector<int> way(cols + 1, 0);
    std::vector<Cost> least(cols + 1);
    std::vector<char> used(cols + 1);
    for (int row = 1; row <= rows; ++row) {
        rowAt[0] = row;
        int col = 0;
        std::fill(least.begin(), least.end(), kUnset);
        std::fill(used.begin(), used.end(), 0);
        do {
            used[col] = 1;
            const int at = rowAt[col];
            Cost delta = kUnset;
            int next = 0;
            for (int c = 1; c <= cols; ++c) {
                if (used[c] != 0) continue;
                const Cost reduced = cost[static_cast<std::size_t>(at - 1) * cols + (c - 1)] - u[at] - v[c];
                if (reduced < least[c]) {
                    least[c] = reduced;
                    way[c] = col;
                }
                if (least[c] < delta) {
                    delta = least[c];
                    next = c;
                }
            }
            for (int c = 0; c <= cols; ++c) {
                if (used[c] != 0) {
                    u[rowAt[c]] += delta;
                    v[c] -= delta;
                } else {
                    least[c] -= delta;
                }
            }
            col = next;
        } while (rowAt[col] != 0);
        do {
            const int prev = way[col];
            rowAt[col] = rowAt[prev];
            col = prev;
        } while (col != 0);
    }
    std::vector<int> columnOf(rows, -1);
    for (int c = 1; c <= cols; ++c) {
        if (rowAt[c] != 0) columnOf[rowAt[c] - 1] = c - 1;
    }
    return columnOf;
}

} // namespace yanghu::plan
