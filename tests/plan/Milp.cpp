// SPDX-License-Identifier: MIT
#include "Milp.h"

#include "LpModel.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace yanghu::plan::testkit {

namespace {

struct Start {
    int crew;
    int night;
    int t; // minutes into the shift
    std::string name;
};

struct Model {
    std::vector<std::vector<Start>> starts; // per job: every allowed (crew, night, t)
};

std::string routeName(int c, int n)
{
    return std::to_string(c) + "_" + std::to_string(n);
}

std::string startName(int j, int c, int n, int t)
{
    return "x_" + std::to_string(j) + "_" + routeName(c, n) + "_" + std::to_string(t);
}

Model enumerate(const Problem& p)
{
    Model m;
    m.starts.resize(p.jobs.size());
    const Rules& r = p.rules;
    const int step = std::max(1, r.timeStep);
    for (int j = 0; j < static_cast<int>(p.jobs.size()); ++j) {
        const Job& job = p.jobs[j];
        for (int c = 0; c < static_cast<int>(p.crews.size()); ++c) {
            if (!p.qualified(job, p.crews[c])) continue;
            for (int n = 0; n < r.nights; ++n) {
                if (!p.crews[c].works[n]) continue;
                const int lo = job.closure ? r.closureFrom : 0;
                const int hi = (job.closure ? std::min(r.closureTo, r.shiftMinutes) : r.shiftMinutes) - job.duration;
                for (int t = (lo + step - 1) / step * step; t <= hi; t += step) {
                    const long long abs = static_cast<long long>(n) * kMinutesPerNight + t;
                    if (abs < job.earliestStart || abs + job.duration > job.latestEnd) continue;
                    m.starts[j].push_back({c, n, t, startName(j, c, n, t)});
                }
            }
        }
    }
    return m;
}

// A crew-night in use (the uniform model), an arc of its route (a, b = -1: the depot), its draw
// of a pooled unit.
std::string usedName(int c, int n)
{
    return "w_" + routeName(c, n);
}
std::string arcName(int c, int n, int a, int b)
{
    return "y_" + routeName(c, n) + "_" + (a < 0 ? std::string("D") : std::to_string(a)) + "_" +
           (b < 0 ? std::string("D") : std::to_string(b));
}
std::string drawName(int bit, int c, int n)
{
    return "v_" + std::to_string(bit) + "_" + routeName(c, n);
}

long long absOf(const Start& s)
{
    return static_cast<long long>(s.night) * kMinutesPerNight + s.t;
}

// The model; with `fixed`, every job is held to the plan's start (or to being left out), so the
// only freedom left is what follows from the starts (routes in use, arcs, draws, loads). False when
// a fixed start is none the model allows (off the grid, outside a window): the plan is refused.
bool writeModel(const Problem& p, const std::filesystem::path& file, const std::vector<Placement>* fixed)
{
    std::ofstream stream(file);
    LpWriter lp(stream);
    Model m = enumerate(p);
    const Weights& w = p.weights;
    const Rules& rules = p.rules;
    const int jobs = static_cast<int>(p.jobs.size());
    const int crews = static_cast<int>(p.crews.size());
    int rostered = 0;
    for (const Crew& crew : p.crews)
        rostered += std::find(crew.works.begin(), crew.works.end(), true) != crew.works.end();
    const bool balance = rostered >= 2 && w.balance != 0;

    // Which jobs each crew-night may hold.
    std::map<std::pair<int, int>, std::vector<int>> routeJobs;
    for (int j = 0; j < jobs; ++j) {
        std::vector<std::pair<int, int>> seen;
        for (const Start& s : m.starts[j]) {
            if (std::find(seen.begin(), seen.end(), std::pair{s.crew, s.night}) == seen.end())
                seen.emplace_back(s.crew, s.night);
        }
        for (const auto& key : seen) routeJobs[key].push_back(j);
    }
    // When every leg a crew could drive takes the same time τ (sites closer together than one grid
    // step of driving), travel does not depend on the order: a route is feasible exactly when the
    // intervals [start, end + τ) of its jobs are disjoint, start ≥ τ and end + τ ≤ shift, and it
    // drives τ per job plus τ back. Then the model is purely time-indexed (no arcs), which CBC
    // solves far faster; otherwise arcs with big-M timing carry the order.
    int leg = -1;
    bool uniform = true;
    for (const auto& [key, list] : routeJobs) {
        const Crew& crew = p.crews[key.first];
        for (int a : list) {
            for (int t : {p.travelMinutes(crew.depot, p.jobs[a].site), p.travelMinutes(p.jobs[a].site, crew.depot)}) {
                uniform = uniform && t > 0 && (leg < 0 || t == leg);
                leg = t;
            }
            for (int b : list) {
                const int t = p.travelMinutes(p.jobs[a].site, p.jobs[b].site);
                if (a != b) uniform = uniform && t == leg;
            }
        }
    }
    if (uniform) {
        for (int j = 0; j < jobs; ++j) {
            auto& starts = m.starts[j];
            starts.erase(std::remove_if(starts.begin(), starts.end(),
                                        [&](const Start& st) {
                                            return st.t < leg || st.t + p.jobs[j].duration + leg > rules.shiftMinutes;
                                        }),
                         starts.end());
        }
    }
    lp.out() << "Minimize\n";
    lp.begin("cost");
    for (int j = 0; j < jobs; ++j) {
        for (const Start& s : m.starts[j]) {
            std::int64_t cost = placedCost(p, j, s.crew, s.night);
            if (uniform) cost += w.travel * leg; // the drive to it
            lp.term(static_cast<double>(cost), s.name);
        }
        lp.term(static_cast<double>(unplacedCost(p, j)), "u_" + std::to_string(j));
    }
    for (const auto& [key, list] : routeJobs) {
        const auto [c, n] = key;
        const Crew& crew = p.crews[c];
        if (uniform) {
            lp.term(static_cast<double>(w.travel * leg), usedName(c, n)); // the drive back
            continue;
        }
        for (int a : list) {
            lp.term(static_cast<double>(w.travel * p.travelMinutes(crew.depot, p.jobs[a].site)), arcName(c, n, -1, a));
            lp.term(static_cast<double>(w.travel * p.travelMinutes(p.jobs[a].site, crew.depot)), arcName(c, n, a, -1));
            for (int b : list) {
                if (a != b)
                    lp.term(static_cast<double>(w.travel * p.travelMinutes(p.jobs[a].site, p.jobs[b].site)),
                            arcName(c, n, a, b));
            }
        }
    }
    if (balance) {
        lp.term(static_cast<double>(w.balance), "Lmax");
        lp.term(static_cast<double>(-w.balance), "Lmin");
    }
    lp.endObjective();
    lp.out() << "Subject To\n";

    // Each job starts once or is unplaced.
    for (int j = 0; j < jobs; ++j) {
        lp.begin("assign_" + std::to_string(j));
        for (const Start& s : m.starts[j]) lp.term(1, s.name);
        lp.term(1, "u_" + std::to_string(j));
        lp.end("=", 1);
    }
    // Routes: flow through each placed job, out of and back to the depot once, timing along arcs.
    for (const auto& [key, list] : routeJobs) {
        const auto [c, n] = key;
        const Crew& crew = p.crews[c];
        auto startsHere = [&](int j, double perStart, bool timeWeighted, int offset) {
            for (const Start& s : m.starts[j]) {
                if (s.crew == c && s.night == n) lp.term(timeWeighted ? s.t + offset : perStart, s.name);
            }
        };
        if (uniform) {
            for (int t = 0; t < rules.shiftMinutes; t += std::max(1, rules.timeStep)) {
                lp.begin("busy_" + routeName(c, n) + "_" + std::to_string(t));
                for (int k : list) {
                    for (const Start& s : m.starts[k]) {
                        if (s.crew == c && s.night == n && s.t <= t && t < s.t + p.jobs[k].duration + leg)
                            lp.term(1, s.name);
                    }
                }
                lp.end("<=", 1);
            }
            // The same as one knapsack per crew-night (each job takes its time and the drive to
            // it, the drive back once) and one for its closures inside the window: implied by the
            // rows above, but CBC derives cover cuts from knapsack rows, not from the grid.
            lp.begin("cap_" + routeName(c, n));
            for (int k : list) startsHere(k, p.jobs[k].duration + leg, false, 0);
            lp.term(leg, usedName(c, n));
            lp.end("<=", rules.shiftMinutes);
            lp.begin("closures_" + routeName(c, n));
            for (int k : list) {
                if (p.jobs[k].closure) startsHere(k, p.jobs[k].duration + leg, false, 0);
            }
            lp.end("<=", std::min(rules.closureTo, rules.shiftMinutes) - rules.closureFrom + leg);
            for (int k : list) {
                lp.begin("used_" + std::to_string(k) + "_" + routeName(c, n));
                startsHere(k, 1, false, 0);
                lp.term(-1, usedName(c, n));
                lp.end("<=", 0);
            }
        }
        for (int k : uniform ? std::vector<int>{} : list) {
            lp.begin("in_" + std::to_string(k) + "_" + routeName(c, n));
            lp.term(1, arcName(c, n, -1, k));
            for (int i : list) {
                if (i != k) lp.term(1, arcName(c, n, i, k));
            }
            startsHere(k, -1, false, 0);
            lp.end("=", 0);
            lp.begin("out_" + std::to_string(k) + "_" + routeName(c, n));
            lp.term(1, arcName(c, n, k, -1));
            for (int i : list) {
                if (i != k) lp.term(1, arcName(c, n, k, i));
            }
            startsHere(k, -1, false, 0);
            lp.end("=", 0);
            // Leaving the depot: the first start allows the drive.
            lp.begin("depot_out_" + std::to_string(k) + "_" + routeName(c, n));
            startsHere(k, 0, true, 0);
            lp.term(-p.travelMinutes(crew.depot, p.jobs[k].site), arcName(c, n, -1, k));
            lp.end(">=", 0);
            lp.begin("depot_back_" + std::to_string(k) + "_" + routeName(c, n));
            startsHere(k, 0, true, p.jobs[k].duration);
            lp.term(p.travelMinutes(p.jobs[k].site, crew.depot), arcName(c, n, k, -1));
            lp.end("<=", rules.shiftMinutes);
            for (int i : list) {
                if (i == k) continue;
                const long long need = p.jobs[i].duration + p.travelMinutes(p.jobs[i].site, p.jobs[k].site);
                const long long big = rules.shiftMinutes + need;
                lp.begin("seq_" + std::to_string(i) + "_" + std::to_string(k) + "_" + routeName(c, n));
                startsHere(k, 0, true, 0);
                for (const Start& s : m.starts[i]) {
                    if (s.crew == c && s.night == n) lp.term(-s.t, s.name);
                }
                lp.term(static_cast<double>(-big), arcName(c, n, i, k));
                lp.end(">=", need - big);
            }
        }
        // One job at a time, as cuts on the grid: at each moment at most one of the crew's jobs
        // is under way. Implied by the arcs, but far tighter in the LP relaxation than big-M.
        for (int t = 0; !uniform && t < rules.shiftMinutes; t += std::max(1, rules.timeStep)) {
            lp.begin("busy_" + routeName(c, n) + "_" + std::to_string(t));
            for (int k : list) {
                for (const Start& s : m.starts[k]) {
                    if (s.crew == c && s.night == n && s.t <= t && t < s.t + p.jobs[k].duration) lp.term(1, s.name);
                }
            }
            lp.end("<=", 1);
        }
        if (!uniform) {
            lp.begin("depot_once_" + routeName(c, n));
            for (int k : list) lp.term(1, arcName(c, n, -1, k));
            lp.end("<=", 1);
            lp.begin("depot_return_" + routeName(c, n));
            for (int k : list) {
                lp.term(1, arcName(c, n, -1, k));
                lp.term(-1, arcName(c, n, k, -1));
            }
            lp.end("=", 0);
        }
        // Pools: a crew-night draws a unit if any of its jobs needs one.
        for (int bit = 0; bit < 32; ++bit) {
            if (p.poolOf(bit) <= 0) continue;
            for (int k : list) {
                if ((p.drawnEquipment(p.jobs[k], crew) >> bit & 1U) == 0) continue;
                lp.begin("draw_" + std::to_string(bit) + "_" + std::to_string(k) + "_" + routeName(c, n));
                startsHere(k, 1, false, 0);
                lp.term(-1, drawName(bit, c, n));
                lp.end("<=", 0);
            }
        }
    }
    for (int n = 0; n < rules.nights; ++n) {
        for (int bit = 0; bit < 32; ++bit) {
            if (p.poolOf(bit) <= 0) continue;
            lp.begin("pool_" + std::to_string(bit) + "_" + std::to_string(n));
            for (int c = 0; c < crews; ++c) {
                if (routeJobs.count({c, n}) != 0) lp.term(1, drawName(bit, c, n));
            }
            lp.end("<=", p.poolOf(bit));
        }
    }
    // Precedence over the absolute time axis.
    for (int b = 0; b < jobs; ++b) {
        for (int a : p.jobs[b].after) {
            const std::string tag = std::to_string(a) + "_" + std::to_string(b);
            lp.begin("prec_placed_" + tag);
            for (const Start& s : m.starts[b]) lp.term(1, s.name);
            for (const Start& s : m.starts[a]) lp.term(-1, s.name);
            lp.end("<=", 0);
            const long long big = static_cast<long long>(rules.nights) * kMinutesPerNight + p.jobs[a].duration;
            lp.begin("prec_time_" + tag);
            for (const Start& s : m.starts[b]) lp.term(static_cast<double>(absOf(s) - big), s.name);
            for (const Start& s : m.starts[a]) lp.term(static_cast<double>(-absOf(s)), s.name);
            lp.end(">=", p.jobs[a].duration - big);
        }
    }
    // Walkway rules, checked at every moment a segment could open.
    auto occupies = [&](int j, const Start& s, long long at) {
        const long long begin = absOf(s);
        return begin <= at && at < begin + p.jobs[j].duration + p.jobs[j].segment.holdMinutes;
    };
    std::map<int, std::vector<int>> streetJobs;
    for (int j = 0; j < jobs; ++j) {
        if (p.jobs[j].segment.street >= 0) streetJobs[p.jobs[j].segment.street].push_back(j);
    }
    int rowId = 0;
    for (const auto& [street, list] : streetJobs) {
        std::vector<long long> moments;
        for (int j : list) {
            for (const Start& s : m.starts[j]) moments.push_back(absOf(s));
        }
        std::sort(moments.begin(), moments.end());
        moments.erase(std::unique(moments.begin(), moments.end()), moments.end());
        for (std::size_t a = 0; a < list.size(); ++a) {
            for (std::size_t b = a + 1; b < list.size(); ++b) {
                const SegmentRef& sa = p.jobs[list[a]].segment;
                const SegmentRef& sb = p.jobs[list[b]].segment;
                if (sa.side != sb.side || std::abs(sa.index - sb.index) > 1) continue;
                for (long long at : moments) {
                    lp.begin("adjacent_" + std::to_string(rowId++));
                    for (int j : {list[a], list[b]}) {
                        for (const Start& s : m.starts[j]) {
                            if (occupies(j, s, at)) lp.term(1, s.name);
                        }
                    }
                    lp.end("<=", 1);
                }
            }
        }
        if (static_cast<int>(list.size()) > rules.maxOpenSegmentsPerStreet) {
            for (long long at : moments) {
                lp.begin("open_" + std::to_string(rowId++));
                for (int j : list) {
                    for (const Start& s : m.starts[j]) {
                        if (occupies(j, s, at)) lp.term(1, s.name);
                    }
                }
                lp.end("<=", rules.maxOpenSegmentsPerStreet);
            }
        }
    }
    if (balance) {
        for (int c = 0; c < crews; ++c) {
            if (std::find(p.crews[c].works.begin(), p.crews[c].works.end(), true) == p.crews[c].works.end()) continue;
            lp.begin("load_max_" + std::to_string(c));
            lp.term(1, "Lmax");
            for (int j = 0; j < jobs; ++j) {
                for (const Start& s : m.starts[j]) {
                    if (s.crew == c) lp.term(-p.jobs[j].duration, s.name);
                }
            }
            lp.end(">=", 0);
            lp.begin("load_min_" + std::to_string(c));
            lp.term(1, "Lmin");
            for (int j = 0; j < jobs; ++j) {
                for (const Start& s : m.starts[j]) {
                    if (s.crew == c) lp.term(-p.jobs[j].duration, s.name);
                }
            }
            lp.end("<=", 0);
        }
    }
    bool allowed = true;
    for (int j = 0; fixed != nullptr && j < jobs; ++j) {
        const Placement at = j < static_cast<int>(fixed->size()) ? (*fixed)[j] : Placement{};
        lp.begin("fixed_" + std::to_string(j));
        if (!at.placed()) {
            lp.term(1, "u_" + std::to_string(j));
        } else if (at.start < 0) { // any start on its crew-night
            for (const Start& s : m.starts[j]) {
                if (s.crew == at.crew && s.night == at.night) lp.term(1, s.name);
            }
        } else {
            const std::string name = startName(j, at.crew, at.night, at.start);
            allowed = allowed && std::any_of(m.starts[j].begin(), m.starts[j].end(),
                                             [&](const Start& s) { return s.name == name; });
            lp.term(1, name);
        }
        lp.end("=", 1);
    }
    if (balance) lp.out() << "Bounds\n 0 <= Lmax <= 1000000\n 0 <= Lmin <= 1000000\n";
    std::vector<std::string> binaries;
    auto binary = [&](const std::string& name) { binaries.push_back(name); };
    for (int j = 0; j < jobs; ++j) {
        for (const Start& s : m.starts[j]) binary(s.name);
        binary("u_" + std::to_string(j));
    }
    for (const auto& [key, list] : routeJobs) {
        const auto [c, n] = key;
        if (uniform) binary(usedName(c, n));
        for (int a : uniform ? std::vector<int>{} : list) {
            binary(arcName(c, n, -1, a));
            binary(arcName(c, n, a, -1));
            for (int b : list) {
                if (a != b) binary(arcName(c, n, a, b));
            }
        }
        for (int bit = 0; bit < 32; ++bit) {
            if (p.poolOf(bit) > 0) binary(drawName(bit, c, n));
        }
    }
    lp.section("Binaries", binaries);
    lp.out() << "End\n";
    return allowed;
}

// CBC on the model of `problem` (held to `fixed` when given), its plan and bound read back. Not
// solved when a fixed start is none the model has.
MilpResult solveModel(const Problem& problem, const std::filesystem::path& workDir, double timeLimitSeconds,
                      const std::vector<Placement>* fixed)
{
    MilpResult result;
    std::filesystem::create_directories(workDir);
    const auto model = workDir / "model.lp";
    if (!writeModel(problem, model, fixed)) return result;
    const CbcRun run = runCbc(model, workDir, timeLimitSeconds);
    result = summaryOf(run);
    if (!run.solved) return result;
    result.placements.assign(problem.jobs.size(), {});
    for (const auto& [name, value] : run.values) {
        int j = 0, c = 0, n = 0, t = 0;
        if (value > 0.5 && std::sscanf(name.c_str(), "x_%d_%d_%d_%d", &j, &c, &n, &t) == 4 && j >= 0 &&
            j < static_cast<int>(problem.jobs.size())) {
            result.placements[j] = {c, n, t};
        }
    }
    return result;
}

} // namespace

MilpResult summaryOf(const CbcRun& run)
{
    MilpResult result;
    result.solved = run.solved;
    result.optimal = run.optimal;
    result.infeasible = run.infeasible;
    result.objective = run.objective;
    result.bound = run.bound;
    result.seconds = run.seconds;
    result.log = run.log;
    return result;
}

std::int64_t placedCost(const Problem& p, int j, int crew, int night)
{
    const Job& job = p.jobs[j];
    const Weights& w = p.weights;
    std::int64_t cost = w.risk * job.risk * night;
    if (job.dueNight != INT_MAX) cost += w.lateness * job.weight * std::max(0, night - job.dueNight);
    if (job.previous && (job.previous->crew != crew || job.previous->night != night)) cost += w.stability;
    return cost;
}

std::int64_t unplacedCost(const Problem& p, int j)
{
    const Job& job = p.jobs[j];
    const Weights& w = p.weights;
    std::int64_t cost = job.mandatory ? w.mandatoryUnplaced : 0;
    const std::int64_t late = job.dueNight == INT_MAX ? 0 : std::max(0, p.rules.nights - job.dueNight);
    cost += w.lateness * job.weight * (late + w.unplacedNights);
    cost += w.risk * job.risk * (p.rules.nights + w.unplacedNights);
    if (job.previous) cost += w.stability;
    return cost;
}

void writeLp(const Problem& p, const std::filesystem::path& file)
{
    writeModel(p, file, nullptr);
}

bool cbcAvailable()
{
    return std::system("command -v cbc >/dev/null 2>&1") == 0;
}

MilpResult solveWithCbc(const Problem& problem, const std::filesystem::path& workDir, double timeLimitSeconds)
{
    return solveModel(problem, workDir, timeLimitSeconds, nullptr);
}

MilpResult solveOnRoutes(const Problem& problem, const std::vector<Placement>& routes,
                         const std::filesystem::path& workDir, double timeLimitSeconds)
{
    std::vector<Placement> anyStart = routes;
    for (Placement& at : anyStart) at.start = -1;
    return solveModel(problem, workDir, timeLimitSeconds, &anyStart);
}

std::optional<double> milpCost(const Problem& problem, const std::vector<Placement>& plan,
                               const std::filesystem::path& workDir)
{
    const MilpResult held = solveModel(problem, workDir, 60, &plan);
    if (!held.optimal) return std::nullopt;
    return held.objective;
}

} // namespace yanghu::plan::testkit
