// SPDX-License-Identifier: MIT
// Generation of the demo city at scale 1 and 10. Counters: rows per kind and the process's
// peak resident set size so far (getrusage; it only grows, so run scale 1 first).
#include "demo/DemoCity.h"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

namespace {

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

void generate(benchmark::State& state)
{
    yanghu::demo::DemoOptions options;
    options.scale = static_cast<int>(state.range(0));
    std::size_t assets = 0, orders = 0, defects = 0;
    for (auto _ : state) {
        const yanghu::demo::DemoCity city = yanghu::demo::generateDemoCity(options);
        assets = city.assets.size();
        orders = city.workOrders.size();
        defects = city.defects.size();
        benchmark::DoNotOptimize(city.assets.data());
    }
    state.counters["assets"] = static_cast<double>(assets);
    state.counters["work_orders"] = static_cast<double>(orders);
    state.counters["defects"] = static_cast<double>(defects);
    state.counters["peak_rss_MiB"] = peakRssMiB();
}

} // namespace

BENCHMARK(generate)->Arg(1)->Unit(benchmark::kSecond)->Iterations(3);
BENCHMARK(generate)->Arg(10)->Unit(benchmark::kSecond)->Iterations(1);

BENCHMARK_MAIN();
