// SPDX-License-Identifier: MIT
#include "Relaxation.h"

#include "LpModel.h"
#include "Milp.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <fstream>
#include <map>

namespace yanghu::plan::testkit {

namespace {

// A job as a crew-night's route may hold it.
struct Item {
    int job = 0;
    int minutes = 0;         // its work plus the shortest drive into it
    bool closure = false;    // inside the closure window
    std::int64_t cost = 0;   // placedCost plus the drive into it
    std::uint32_t drawn = 0; // pooled equipment bits it needs
};

struct CrewNight {
    int crew = 0;
    int night = 0;
    int homeMinutes = 0;     // the shortest drive home from any of its jobs
    int capacity = 0;        // minutes for work and the drives into it
    int closureCapacity = 0; // the same for its closures (the first drive may fall before the window)
    std::vector<Item> items;
};

// Every crew-night with the jobs its route could hold. A job's drive in is the shortest from the
// depot or any other job the crew might do; a job is left out of the crew-night when no start
// inside its windows survives those shortest drives.
std::vector<CrewNight> crewNights(const Problem& p)
{
    const Rules& r = p.rules;
    const int jobs = static_cast<int>(p.jobs.size());
    std::vector<CrewNight> result;
    for (int c = 0; c < static_cast<int>(p.crews.size()); ++c) {
        const Crew& crew = p.crews[c];
        std::vector<int> candidates;
        for (int j = 0; j < jobs; ++j) {
            if (p.qualified(p.jobs[j], crew)) candidates.push_back(j);
        }
        if (candidates.empty()) continue;
        std::vector<int> into(jobs, 0);
        int home = INT_MAX;
        for (int j : candidates) {
            into[j] = p.travelMinutes(crew.depot, p.jobs[j].site);
            for (int i : candidates) {
                if (i != j) into[j] = std::min(into[j], p.travelMinutes(p.jobs[i].site, p.jobs[j].site));
            }
            home = std::min(home, p.travelMinutes(p.jobs[j].site, crew.depot));
        }
        for (int n = 0; n < r.nights; ++n) {
            if (!crew.works[n]) continue;
            CrewNight cn;
            cn.crew = c;
            cn.night = n;
            cn.homeMinutes = home;
            const long long nightStart = static_cast<long long>(n) * kMinutesPerNight;
            int longestClosureDrive = 0;
            for (int j : candidates) {
                const Job& job = p.jobs[j];
                long long from = std::max<long long>(into[j], job.earliestStart - nightStart);
                long long to =
                    std::min<long long>(r.shiftMinutes - home, static_cast<long long>(job.latestEnd) - nightStart);
                if (job.closure) {
                    from = std::max<long long>(from, r.closureFrom);
                    to = std::min<long long>(to, r.closureTo);
                }
                if (from + job.duration > to) continue;
                cn.items.push_back({j, job.duration + into[j], job.closure,
                                    placedCost(p, j, c, n) + p.weights.travel * into[j], p.drawnEquipment(job, crew)});
                if (job.closure) longestClosureDrive = std::max(longestClosureDrive, into[j]);
            }
            if (cn.items.empty()) continue;
            cn.capacity = r.shiftMinutes - home;
            cn.closureCapacity = std::min(r.closureTo, r.shiftMinutes) - r.closureFrom + longestClosureDrive;
            result.push_back(std::move(cn));
        }
    }
    return result;
}

std::string routeName(const CrewNight& cn)
{
    return std::to_string(cn.crew) + "_" + std::to_string(cn.night);
}

std::string itemVar(const CrewNight& cn, const Item& item)
{
    return "z_" + std::to_string(item.job) + "_" + routeName(cn);
}

// A set of jobs one crew-night cannot hold, whatever else the plan does: at most all but one of
// them go there.
struct NoGood {
    int crew = 0;
    int night = 0;
    std::vector<int> jobs;
};

void writeRelaxation(const Problem& p, const std::vector<CrewNight>& routes, const std::vector<NoGood>& cuts,
                     const std::filesystem::path& file)
{
    std::ofstream stream(file);
    LpWriter lp(stream);
    const Weights& w = p.weights;
    const int jobs = static_cast<int>(p.jobs.size());
    std::vector<int> rostered;
    for (int c = 0; c < static_cast<int>(p.crews.size()); ++c) {
        const auto& works = p.crews[c].works;
        if (std::find(works.begin(), works.end(), true) != works.end()) rostered.push_back(c);
    }
    const bool balance = rostered.size() >= 2 && w.balance != 0;
    std::vector<std::string> binaries;

    lp.out() << "Minimize\n";
    lp.begin("cost");
    for (const CrewNight& cn : routes) {
        for (const Item& item : cn.items) {
            lp.term(static_cast<double>(item.cost), itemVar(cn, item));
        }
        lp.term(static_cast<double>(w.travel * cn.homeMinutes), "w_" + routeName(cn));
    }
    for (int j = 0; j < jobs; ++j) lp.term(static_cast<double>(unplacedCost(p, j)), "u_" + std::to_string(j));
    if (balance) {
        lp.term(static_cast<double>(w.balance), "Lmax");
        lp.term(static_cast<double>(-w.balance), "Lmin");
    }
    lp.endObjective();
    lp.out() << "Subject To\n";

    // Each job on one route, or unplaced.
    std::map<int, std::vector<std::pair<const CrewNight*, const Item*>>> placements;
    for (const CrewNight& cn : routes) {
        for (const Item& item : cn.items) placements[item.job].emplace_back(&cn, &item);
    }
    for (int j = 0; j < jobs; ++j) {
        lp.begin("assign_" + std::to_string(j));
        for (const auto& [cn, item] : placements[j]) lp.term(1, itemVar(*cn, *item));
        lp.term(1, "u_" + std::to_string(j));
        lp.end("=", 1);
        binaries.push_back("u_" + std::to_string(j));
    }
    for (const CrewNight& cn : routes) {
        const std::string name = routeName(cn);
        const std::string used = "w_" + name;
        binaries.push_back(used);
        // The shift, and the closures inside their window.
        lp.begin("shift_" + name);
        for (const Item& item : cn.items) lp.term(item.minutes, itemVar(cn, item));
        lp.term(-cn.capacity, used);
        lp.end("<=", 0);
        lp.begin("window_" + name);
        for (const Item& item : cn.items) {
            if (item.closure) lp.term(item.minutes, itemVar(cn, item));
        }
        lp.term(-std::max(0, cn.closureCapacity), used);
        lp.end("<=", 0);
        std::uint32_t draws = 0;
        for (const Item& item : cn.items) {
            const std::string var = itemVar(cn, item);
            binaries.push_back(var);
            lp.begin("used_" + var);
            lp.term(1, var);
            lp.term(-1, used);
            lp.end("<=", 0);
            for (int bit = 0; bit < 32; ++bit) {
                if ((item.drawn >> bit & 1U) == 0) continue;
                lp.begin("draw_" + std::to_string(bit) + "_" + var);
                lp.term(1, var);
                lp.term(-1, "v_" + std::to_string(bit) + "_" + name);
                lp.end("<=", 0);
            }
            draws |= item.drawn;
        }
        for (int bit = 0; bit < 32; ++bit) {
            if ((draws >> bit & 1U) != 0) binaries.push_back("v_" + std::to_string(bit) + "_" + name);
        }
    }
    for (int n = 0; n < p.rules.nights; ++n) {
        for (int bit = 0; bit < 32; ++bit) {
            if (p.poolOf(bit) <= 0) continue;
            lp.begin("pool_" + std::to_string(bit) + "_" + std::to_string(n));
            for (const CrewNight& cn : routes) {
                const bool draws = std::any_of(cn.items.begin(), cn.items.end(),
                                               [&](const Item& item) { return (item.drawn >> bit & 1U) != 0; });
                if (cn.night == n && draws) lp.term(1, "v_" + std::to_string(bit) + "_" + routeName(cn));
            }
            lp.end("<=", p.poolOf(bit));
        }
    }
    // Precedence: whenever b is placed by night n, so is a (it ends before b starts).
    for (int b = 0; b < jobs; ++b) {
        for (int a : p.jobs[b].after) {
            for (int n = 0; n < p.rules.nights; ++n) {
                lp.begin("prec_" + std::to_string(a) + "_" + std::to_string(b) + "_" + std::to_string(n));
                for (const CrewNight& cn : routes) {
                    if (cn.night > n) continue;
                    for (const Item& item : cn.items)
                        lp.term(item.job == b ? 1 : item.job == a ? -1 : 0, itemVar(cn, item));
                }
                lp.end("<=", 0);
            }
        }
    }
    for (std::size_t k = 0; k < cuts.size(); ++k) {
        lp.begin("nogood_" + std::to_string(k));
        for (int j : cuts[k].jobs) {
            lp.term(1, "z_" + std::to_string(j) + "_" + std::to_string(cuts[k].crew) + "_" +
                           std::to_string(cuts[k].night));
        }
        lp.end("<=", static_cast<long long>(cuts[k].jobs.size()) - 1);
    }
    if (balance) {
        for (int c : rostered) {
            for (const char* side : {"max", "min"}) {
                const bool isMax = side[1] == 'a';
                lp.begin(std::string("load_") + side + "_" + std::to_string(c));
                lp.term(1, isMax ? "Lmax" : "Lmin");
                for (const CrewNight& cn : routes) {
                    if (cn.crew != c) continue;
                    for (const Item& item : cn.items) lp.term(-p.jobs[item.job].duration, itemVar(cn, item));
                }
                lp.end(isMax ? ">=" : "<=", 0);
            }
        }
        lp.out() << "Bounds\n 0 <= Lmax <= 1000000\n 0 <= Lmin <= 1000000\n";
    }
    lp.section("Binaries", binaries);
    lp.out() << "End\n";
}

enum class Timing { Fits, Cannot, Unknown };

// Whether crew `crew` can do `jobs` on night `night` with nothing else in the plan: the
// time-indexed MILP on a problem of those jobs alone, each held to that crew-night. Precedence on
// jobs outside the set, the walkways and pools of other routes are dropped, so "cannot" here means
// cannot in any plan.
Timing timeAlone(const Problem& p, const std::vector<int>& jobs, int crew, int night, const std::filesystem::path& dir,
                 double seconds)
{
    Problem alone = p;
    alone.jobs.clear();
    std::map<int, int> index;
    for (int j : jobs) {
        index[j] = static_cast<int>(alone.jobs.size());
        alone.jobs.push_back(p.jobs[j]);
    }
    for (Job& job : alone.jobs) {
        std::vector<int> after;
        for (int a : job.after) {
            if (index.count(a) != 0) after.push_back(index[a]);
        }
        job.after = std::move(after);
    }
    const std::vector<Placement> held(jobs.size(), Placement{crew, night, -1});
    const MilpResult timed = solveOnRoutes(alone, held, dir, seconds);
    if (timed.infeasible) return Timing::Cannot;
    if (!timed.solved) return Timing::Unknown;
    // A job with no start at all on that crew-night has no row holding it there: left out.
    const bool all = std::all_of(timed.placements.begin(), timed.placements.end(),
                                 [&](const Placement& at) { return at.crew == crew && at.night == night; });
    return all ? Timing::Fits : Timing::Cannot;
}

// The routes of the relaxation's `assignment` that cannot be timed even alone, each shrunk to a
// smallest set of its jobs that still cannot (dropping one job at a time while that holds).
std::vector<NoGood> untimeableRoutes(const Problem& p, const std::vector<CrewNight>& crewNights,
                                     const std::vector<Placement>& assignment, const std::filesystem::path& dir,
                                     double seconds)
{
    std::map<std::pair<int, int>, std::vector<int>> routes;
    for (int j = 0; j < static_cast<int>(assignment.size()); ++j) {
        if (assignment[j].placed()) routes[{assignment[j].crew, assignment[j].night}].push_back(j);
    }
    std::vector<NoGood> cuts;
    for (const auto& [route, jobs] : routes) {
        const auto [crew, night] = route;
        if (timeAlone(p, jobs, crew, night, dir, seconds) != Timing::Cannot) continue;
        std::vector<int> core = jobs;
        for (std::size_t i = 0; i < core.size() && core.size() > 1;) {
            std::vector<int> fewer = core;
            fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
            if (timeAlone(p, fewer, crew, night, dir, seconds) == Timing::Cannot) {
                core = std::move(fewer);
            } else {
                ++i;
            }
        }
        // The same set on every other crew-night that could hold each of its jobs, timed alike: else
        // CBC just moves it to a twin (a crew with the same depot, a night with the same windows).
        for (const CrewNight& cn : crewNights) {
            if (cn.crew == crew && cn.night == night) {
                cuts.push_back({crew, night, core});
                continue;
            }
            const bool holds = std::all_of(core.begin(), core.end(), [&](int j) {
                return std::any_of(cn.items.begin(), cn.items.end(), [&](const Item& item) { return item.job == j; });
            });
            if (holds && timeAlone(p, core, cn.crew, cn.night, dir, seconds) == Timing::Cannot) {
                cuts.push_back({cn.crew, cn.night, core});
            }
        }
    }
    return cuts;
}

} // namespace

MilpResult solveRelaxation(const Problem& problem, const std::filesystem::path& workDir, double timeLimitSeconds)
{
    std::filesystem::create_directories(workDir);
    const auto model = workDir / "relaxation.lp";
    const std::vector<CrewNight> routes = crewNights(problem);
    // Logic-based Benders: while the optimal assignment has a route no order can time, cut that
    // route's smallest untimeable set of jobs off and solve again. Every cut is valid for every
    // plan, so each round's bound (and the previous rounds' optima) bound the planner's optimum.
    std::vector<NoGood> cuts;
    MilpResult result;
    double spent = 0;
    double proven = 0;
    for (;;) {
        writeRelaxation(problem, routes, cuts, model);
        const CbcRun run = runCbc(model, workDir, std::max(1.0, timeLimitSeconds - spent));
        spent += run.seconds;
        if (!run.solved && cuts.empty()) return summaryOf(run);
        if (!run.solved) {
            // Out of time on a round after the first: the previous round's answer, its bound raised.
            result.optimal = false;
            result.bound = std::max(proven, run.bound);
            result.seconds = spent;
            result.cuts = static_cast<int>(cuts.size());
            return result;
        }
        result = summaryOf(run);
        result.placements.assign(problem.jobs.size(), {});
        for (const auto& [name, value] : run.values) {
            char kind = 0;
            int j = 0, c = 0, n = 0;
            if (value > 0.5 && std::sscanf(name.c_str(), "%c_%d_%d_%d", &kind, &j, &c, &n) == 4 && kind == 'z' &&
                j >= 0 && j < static_cast<int>(problem.jobs.size())) {
                result.placements[j] = {c, n, -1};
            }
        }
        result.bound = std::max(result.bound, proven);
        if (!run.optimal || spent >= timeLimitSeconds) break;
        proven = run.objective;
        const auto started = std::chrono::steady_clock::now();
        std::vector<NoGood> more = untimeableRoutes(problem, routes, result.placements, workDir / "route", 10);
        spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (more.empty()) break;
        cuts.insert(cuts.end(), more.begin(), more.end());
    }
    result.seconds = spent;
    result.cuts = static_cast<int>(cuts.size());
    return result;
}

} // namespace yanghu::plan::testkit
