// SPDX-License-Identifier: MIT
// The exact assignment behind the planner's class reassignment, against enumeration of every
// assignment on small random matrices (negative costs and forbidden pairs included).
#include "yanghu/core/plan/Assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

using yanghu::plan::assignRows;

namespace {

constexpr std::int64_t kForbidden = std::int64_t{1} << 50;

std::int64_t costOf(const std::vector<std::int64_t>& cost, int cols, const std::vector<int>& columnOf)
{
    std::int64_t sum = 0;
    for (std::size_t row = 0; row < columnOf.size(); ++row) sum += cost[row * cols + columnOf[row]];
    return sum;
}

// Every injective map of rows to columns: the first `rows` entries of each permutation.
std::int64_t leastByEnumeration(const std::vector<std::int64_t>& cost, int rows, int cols)
{
    std::vector<int> perm(cols);
    std::iota(perm.begin(), perm.end(), 0);
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    do {
        best = std::min(best, costOf(cost, cols, std::vector<int>(perm.begin(), perm.begin() + rows)));
    } while (std::next_permutation(perm.begin(), perm.end()));
    return best;
}

} // namespace

TEST(Assignment, MatchesEnumerationOnRandomMatrices)
{
    std::mt19937 rng(20261205);
    for (int round = 0; round < 2000; ++round) {
        const int rows = 1 + static_cast<int>(rng() % 6);
        const int cols = rows + static_cast<int>(rng() % 3);
        std::vector<std::int64_t> cost(static_cast<std::size_t>(rows) * cols);
        for (auto& c : cost) c = rng() % 5 == 0 ? kForbidden : static_cast<std::int64_t>(rng() % 1000) - 300;
        const std::vector<int> columnOf = assignRows(cost, rows, cols);
        ASSERT_EQ(columnOf.size(), static_cast<std::size_t>(rows));
        std::vector<int> seen(cols, 0);
        for (int c : columnOf) {
            ASSERT_GE(c, 0);
            ASSERT_LT(c, cols);
            ASSERT_EQ(++seen[c], 1) << "column " << c << " given twice in round " << round;
        }
        EXPECT_EQ(costOf(cost, cols, columnOf), leastByEnumeration(cost, rows, cols)) << "round " << round;
    }
}

TEST(Assignment, AvoidsForbiddenPairsWhenAnAffordableAssignmentExists)
{
    // Each row may only take the column after its own (a cycle): the one assignment without a
    // forbidden pair, though the forbidden diagonal would be cheaper pair by pair if allowed.
    const int n = 5;
    std::vector<std::int64_t> cost(n * n, kForbidden);
    for (int row = 0; row < n; ++row) cost[row * n + (row + 1) % n] = 1000 + row;
    const std::vector<int> columnOf = assignRows(cost, n, n);
    for (int row = 0; row < n; ++row) EXPECT_EQ(columnOf[row], (row + 1) % n);
}

TEST(Assignment, TradesSeveralPairsAtOnceWhenEachAloneIsALoss)
{
    // Rows hold their own column now (cost 0). Any single swap of two rows costs more, but the
    // three-way rotation gains: what the planner's reassignment is for.
    const std::vector<std::int64_t> cost = {
        0,  -5, 10, //
        10, 0,  -5, //
        -5, 10, 0,
    };
    const std::vector<int> columnOf = assignRows(cost, 3, 3);
    EXPECT_EQ(columnOf, (std::vector<int>{1, 2, 0}));
}
