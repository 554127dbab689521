// SPDX-License-Identifier: MIT
// The planner's quality and speed, each figure against its reference in the same run:
//   Gap/<jobs>/<seed>  the engine with a 5 s budget (five seeds, the median run counts) vs the
//                      optimum on the same instance, or the best lower bound when no plan is
//                      proven optimal. Bounds: CBC on the time-indexed MILP (60 s) and on the
//                      crew-night relaxation (60 s, tests/plan/Relaxation.h), whose assignment the
//                      MILP then times; a plan costing the best bound is the optimum. The summary
//                      prints the median gap per size class.
//   Week2000           2,000 open orders, 12 crews, 7 nights: time to the first feasible plan and
//                      to the final one, peak memory.
// CBC runs before the timed engine runs (single-threaded); the engine runs one search per core
// side by side (YANGHU_PLAN_BENCH_THREADS=1: one).
#include "Instances.h"
#include "Milp.h"
#include "Relaxation.h"

#include "demo/DemoCity.h"

#include "yanghu/core/plan/Checker.h"
#include "yanghu/core/plan/Planner.h"
#include "yanghu/core/plan/Programmes.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <thread>

using namespace yanghu;
using namespace yanghu::plan;

namespace {

double cbcSeconds = 60;
double engineMs = 5000;
// Searches side by side in each engine run (PlannerOptions::threads), as yanghu-admin plan runs
// them: one per core unless YANGHU_PLAN_BENCH_THREADS says otherwise.
int engineThreads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
// Engine runs per gap instance (seeds seed, seed + 100, …); the median run counts.
constexpr int kEngineSeeds = 5;

struct GapRow {
    int jobs = 0;
    std::uint64_t seed = 0;
    std::int64_t engine = 0; // the median of five engine seeds
    std::int64_t engineBest = 0;
    std::int64_t engineWorst = 0;
    double cbc = 0; // CBC's best plan on the time-indexed model (0: none)
    double cbcBound = 0;
    double cbcTime = 0;
    double relaxedBound = 0; // the crew-night relaxation's bound
    double relaxedTime = 0;  // its CBC run and the timing of its assignment
    double timed = 0;        // the relaxation's assignment timed by the MILP (0: none)
    double reference = 0;    // the optimum when proven, else the best bound
    bool optimal = false;    // some plan costs the best bound
    double gapPercent = 0;   // engine vs reference
};
std::vector<GapRow> gapRows;

Problem gapInstance(int jobs, std::uint64_t seed)
{
    testkit::InstanceShape shape;
    shape.jobs = jobs;
    shape.crews = jobs < 70 ? 3 : 4;
    shape.nights = 3;
    shape.timeStep = 15;
    shape.areaKm = 2;
    return testkit::randomInstance(shape, seed);
}

// The engine on `p` within the time budget, once per seed, timed by the benchmark; a plan
// breaking a rule fails it.
std::vector<Plan> timedSolves(benchmark::State& state, const Problem& p, const std::vector<std::uint64_t>& seeds)
{
    std::vector<Plan> plans;
    for (auto _ : state) {
        plans.clear();
        for (std::uint64_t seed : seeds) {
            PlannerOptions options;
            options.seed = seed;
            options.maxIterations = 1'000'000'000;
            options.timeLimitMs = engineMs;
            options.threads = engineThreads;
            plans.push_back(solve(p, options));
            benchmark::DoNotOptimize(plans.back());
        }
    }
    for (const Plan& plan : plans) {
        if (!checkPlan(p, plan.placements).empty()) state.SkipWithError("the engine's plan breaks a rule");
    }
    return plans;
}

Plan timedSolve(benchmark::State& state, const Problem& p)
{
    return timedSolves(state, p, {PlannerOptions{}.seed}).front();
}

void Gap(benchmark::State& state)
{
    const int jobs = static_cast<int>(state.range(0));
    const auto seed = static_cast<std::uint64_t>(state.range(1));
    const Problem p = gapInstance(jobs, seed);
    const auto dir = std::filesystem::temp_directory_path() / ("yanghu-plan-bench-" + std::to_string(::getpid()) + "-" +
                                                               std::to_string(jobs) + "-" + std::to_string(seed));
    // Two references: CBC on the time-indexed MILP, and on the crew-night relaxation (a lower
    // bound CBC closes far sooner) whose assignment the MILP then times into a real plan.
    const testkit::MilpResult exact = testkit::solveWithCbc(p, dir / "milp", cbcSeconds);
    const testkit::MilpResult relaxed = testkit::solveRelaxation(p, dir / "relaxation", cbcSeconds);
    testkit::MilpResult timed;
    if (relaxed.solved) timed = testkit::solveOnRoutes(p, relaxed.placements, dir / "timed", cbcSeconds);
    std::filesystem::remove_all(dir);
    // Five engine seeds per instance: the gap is the median run's, the table shows the spread. With
    // three, the median of one instance moved by a whole percent between runs of the same code.
    std::vector<std::uint64_t> seeds;
    for (int k = 0; k < kEngineSeeds; ++k) seeds.push_back(seed + 100 * static_cast<std::uint64_t>(k));
    std::vector<Plan> plans = timedSolves(state, p, seeds);
    std::sort(plans.begin(), plans.end(),
              [](const Plan& a, const Plan& b) { return a.objective.total < b.objective.total; });
    const Plan& plan = plans[plans.size() / 2];
    GapRow row;
    row.jobs = jobs;
    row.seed = seed;
    row.engine = plan.objective.total;
    row.engineBest = plans.front().objective.total;
    row.engineWorst = plans.back().objective.total;
    row.cbcTime = exact.seconds;
    row.relaxedTime = relaxed.seconds + timed.seconds;
    double bound = 0;
    auto best = static_cast<double>(row.engineBest);
    const testkit::MilpResult* const references[] = {&exact, &timed};
    for (const testkit::MilpResult* reference : references) {
        if (!reference->solved) continue;
        if (!checkPlan(p, reference->placements).empty()) state.SkipWithError("CBC's plan breaks a rule: model bug");
        best = std::min(best, static_cast<double>(evaluatePlan(p, reference->placements).total));
    }
    if (exact.solved) {
        row.cbc = static_cast<double>(evaluatePlan(p, exact.placements).total);
        row.cbcBound = exact.bound;
        bound = std::max(bound, exact.bound);
    }
    if (relaxed.solved) {
        row.relaxedBound = relaxed.bound;
        bound = std::max(bound, relaxed.bound);
    }
    if (timed.solved) row.timed = static_cast<double>(evaluatePlan(p, timed.placements).total);
    if (best < std::ceil(bound - 1e-6) - 0.5) state.SkipWithError("a plan costs less than a lower bound: model bug");
    // The objective is integral: a plan at the bound rounded up is optimal.
    row.optimal = bound > 0 && best <= std::ceil(bound - 1e-6) + 0.5;
    row.reference = row.optimal ? best : std::max(1.0, bound);
    row.gapPercent = bound > 0 ? 100.0 * (static_cast<double>(row.engine) - row.reference) / row.reference : -1;
    gapRows.push_back(row);
    state.counters["engine"] = static_cast<double>(row.engine);
    state.counters["cbc"] = row.cbc;
    state.counters["cbc_bound"] = row.cbcBound;
    state.counters["cbc_s"] = row.cbcTime;
    state.counters["relaxed_bound"] = row.relaxedBound;
    state.counters["relaxed_cuts"] = relaxed.cuts; // sets of jobs found untimeable on a crew-night
    state.counters["relaxed_s"] = row.relaxedTime;
    state.counters["optimum_known"] = row.optimal ? 1 : 0;
    state.counters["gap_pct"] = row.gapPercent;
    state.counters["engine_iter"] = static_cast<double>(plan.stats.iterations);
}

void Week2000(benchmark::State& state)
{
    testkit::InstanceShape shape;
    shape.jobs = 2000;
    shape.crews = 12;
    shape.nights = 7;
    shape.timeStep = 5;
    shape.areaKm = 12;
    shape.holdMinutes = 24 * 60;
    shape.precedencePairs = 40;
    const Problem p = testkit::randomInstance(shape, 2026);
    const Plan plan = timedSolve(state, p);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    int placed = 0;
    for (const Placement& pl : plan.placements) placed += pl.placed() ? 1 : 0;
    state.counters["first_feasible_ms"] = plan.stats.firstFeasibleMs;
    state.counters["final_ms"] = plan.stats.totalMs;
    state.counters["placed"] = placed;
    state.counters["iterations"] = static_cast<double>(plan.stats.iterations);
    state.counters["peak_rss_mib"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The demo city's flood-season programme: every storm inlet (13,000+ at scale 1) batched along
// its street into 5-hour lane-closure batches, planned onto the inlet crews' nights from 1 March
// to the 1 June deadline (as early as possible), with the forecast.
void FloodSeason(benchmark::State& state)
{
    const demo::DemoCity city = demo::generateDemoCity({});
    std::vector<Asset> inlets;
    for (const Asset& a : city.assets) {
        if (a.kind == AssetKind::StormInlet && a.status == AssetStatus::InService) inlets.push_back(a);
    }
    const auto batched = std::chrono::steady_clock::now();
    const std::vector<Batch> batches = batchAssets(inlets, BatchSettings{});
    const double batchMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - batched).count();
    const Date from{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{1}};
    const Date deadline{std::chrono::year{2026}, std::chrono::month{6}, std::chrono::day{1}};
    std::vector<ProgrammeCrew> crews;
    for (const yanghu::Crew& crew : city.crews) {
        if (std::find(crew.skills.begin(), crew.skills.end(), "inlet_cleaning") == crew.skills.end()) continue;
        crews.push_back({crew.code, crew.depot.value_or(GeoPoint{})});
    }
    // The jetter truck closes a lane: every batch inside 23:00-05:00.
    std::vector<ProgrammeJob> jobs;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        jobs.push_back({"BATCH-" + std::to_string(b + 1), batches[b].minutes, batches[b].start, true});
    }
    Rules rules;
    rules.closureFrom = 60;
    rules.closureTo = 420;
    rules.timeStep = 5;
    const int nights = static_cast<int>((std::chrono::sys_days(deadline) - std::chrono::sys_days(from)).count());
    const Problem p = programmeProblem("inlet_cleaning", from, nights, 6, crews, jobs, rules); // a night off a week
    const Plan plan = timedSolve(state, p);
    const ProgrammeForecast f = forecastProgramme(p, plan, 0, static_cast<int>(p.jobs.size()));
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["inlets"] = static_cast<double>(inlets.size());
    state.counters["batches"] = f.batches;
    state.counters["batch_ms"] = batchMs;
    state.counters["crews"] = static_cast<double>(p.crews.size());
    state.counters["nights"] = p.rules.nights;
    state.counters["placed"] = f.placed;
    state.counters["finish_night"] = f.finishNight ? *f.finishNight : -1;
    state.counters["missing_crew_nights"] = f.missingCrewNights;
    state.counters["first_feasible_ms"] = plan.stats.firstFeasibleMs;
    state.counters["final_ms"] = plan.stats.totalMs;
    state.counters["peak_rss_mib"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (const char* s = std::getenv("YANGHU_PLAN_BENCH_CBC_SECONDS")) cbcSeconds = std::atof(s);
    if (const char* s = std::getenv("YANGHU_PLAN_BENCH_ENGINE_MS")) engineMs = std::atof(s);
    if (const char* s = std::getenv("YANGHU_PLAN_BENCH_THREADS")) engineThreads = std::max(1, std::atoi(s));
    if (!testkit::cbcAvailable()) {
        std::fprintf(stderr, "coinor-cbc is not installed (scripts/setup installs it)\n");
        return 1;
    }
    for (int size : {40, 60}) {
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const int jobs = size == 40 ? 40 + static_cast<int>(seed - 1) * 5 : 75 + static_cast<int>(seed - 1) * 5;
            benchmark::RegisterBenchmark("Gap", Gap)
                ->Args({jobs, static_cast<std::int64_t>(seed)})
                ->Iterations(1)
                ->Unit(benchmark::kMillisecond);
        }
    }
    benchmark::RegisterBenchmark("Week2000", Week2000)->Iterations(1)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("FloodSeason", FloodSeason)->Iterations(1)->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    std::map<std::string, std::vector<double>> classes;
    std::printf("\n%-5s %-4s %10s %10s %10s %10s %10s %6s %10s %10s %6s %10s %8s\n", "jobs", "seed", "engine",
                "best seed", "worst seed", "cbc", "cbc bound", "cbc s", "relaxed", "timed", "rel s", "reference",
                "gap %");
    for (const GapRow& r : gapRows) {
        std::printf("%-5d %-4llu %10lld %10lld %10lld %10.0f %10.1f %6.1f %10.1f %10.0f %6.1f %10.0f %8.2f%s\n", r.jobs,
                    static_cast<unsigned long long>(r.seed), static_cast<long long>(r.engine),
                    static_cast<long long>(r.engineBest), static_cast<long long>(r.engineWorst), r.cbc, r.cbcBound,
                    r.cbcTime, r.relaxedBound, r.timed, r.relaxedTime, r.reference, r.gapPercent,
                    r.optimal ? "  (optimum)" : "  (bound)");
        if (r.gapPercent >= 0) classes[r.jobs < 70 ? "40-60 jobs" : "75-95 jobs"].push_back(r.gapPercent);
    }
    for (const auto& [name, gaps] : classes) {
        std::printf("median gap, %s: %.2f%% over %zu instances (engine %.1f s each with %d thread(s), median of %d "
                    "seeds)\n",
                    name.c_str(), median(gaps), gaps.size(), engineMs / 1000, engineThreads, kEngineSeeds);
    }
    return 0;
}
