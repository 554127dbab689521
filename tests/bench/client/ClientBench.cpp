// SPDX-License-Identifier: MIT
// The desktop client's Assets screen over a replica of the demo city (issue 5), offscreen:
//   AssetTable/Open         model + table view, first screen painted (goal < 100 ms)
//   AssetTable/Sort/<col>   a header click: re-query + first screen painted (goal < 100 ms)
//   AssetTable/Filter/...   a kind, a street, a typed text: count + first screen (goal < 100 ms)
//   AssetTable/ScrollEnd    from the top to the last rows and back, painted
//   Reference/QSqlQueryModel/Open+SortByCode  Qt's stock model over replica_row's JSON, sorted
//                           by code: what the screen would cost without the asset list
//   Map/Load                read every street and asset, build the layers
//   Map/FullRedraw          the whole city in a 1280x800 map, painted (goal < 16 ms)
//   Map/Pan/City, Map/Pan/Street  a 40-pixel drag at the whole-city and the street zoom, painted
//   Card                    the chosen asset's card, last works included
// Every benchmark reports the process's RSS (MiB) after it ran. The replica is made once per
// scale (the demo city generated in memory, written through the replica's own row writer, as a
// first download would): YANGHU_BENCH_SCALES="1,10" (default) says which.
#include "assets/AssetCard.h"
#include "assets/AssetMap.h"
#include "assets/AssetTableModel.h"
#include "demo/DemoCity.h"
#include "replica/AssetList.h"
#include "replica/Replica.h"
#include "replica/RowStore.h"

#include "yanghu/core/wire/Codec.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QSqlQueryModel>
#include <QTableView>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

using namespace yanghu;
using namespace yanghu::client;

namespace {

double rssMiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

struct City {
    std::unique_ptr<Replica> replica;
    std::size_t assets = 0;
    std::size_t inlets = 0;
    QString busyStreet;   // the street with the most assets (a street filter's worst case)
    QString someAssetId;  // for the card
};

QTemporaryDir& scratch()
{
    static QTemporaryDir dir;
    return dir;
}

// The demo city at `scale` in a replica, made on first use.
City& city(int scale)
{
    static std::map<int, City> cities;
    if (auto it = cities.find(scale); it != cities.end()) return it->second;
    const auto started = std::chrono::steady_clock::now();
    demo::DemoOptions options;
    options.scale = scale;
    const demo::DemoCity generated = demo::generateDemoCity(options);
    auto opened = Replica::open(scratch().filePath(QStringLiteral("scale%1.replica").arg(scale)));
    if (!opened) throw std::runtime_error("replica: " + opened.error().code);
    City c;
    c.replica = std::move(*opened);
    auto written = c.replica->write([&]() -> Status {
        RowWriter writer(c.replica->database());
        auto save = [&](const char* entity, const Json& body) {
            StoredRow row;
            row.entity = entity;
            row.id = body.at("id").get<std::string>();
            row.rowVersion = 1;
            row.body = body;
            return writer.save(row);
        };
        for (const auto& s : generated.streets)
            if (auto r = save("street", wire::toJson(s)); !r) return r;
        for (const auto& a : generated.assets)
            if (auto r = save("asset", wire::toJson(a)); !r) return r;
        for (const auto& w : generated.workOrders)
            if (auto r = save("work_order", wire::toJson(w)); !r) return r;
        return success();
    });
    if (!written) throw std::runtime_error("write: " + written.error().code);
    c.assets = generated.assets.size();
    std::map<std::string, std::size_t> perStreet;
    for (const auto& a : generated.assets) {
        if (a.kind == AssetKind::StormInlet) ++c.inlets;
        if (a.streetId) ++perStreet[a.streetId->toString()];
    }
    std::size_t most = 0;
    for (const auto& [id, n] : perStreet)
        if (n > most) {
            most = n;
            c.busyStreet = QString::fromStdString(id);
        }
    c.someAssetId = QString::fromStdString(generated.workOrders.front().assetIds.front().toString());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "scale %d: %zu assets (%zu inlets), %zu streets, %zu work orders written to the replica in %.1f s\n",
                 scale, c.assets, c.inlets, generated.streets.size(), generated.workOrders.size(), seconds);
    return cities.emplace(scale, std::move(c)).first->second;
}

void report(benchmark::State& state, const City& c)
{
    state.counters["assets"] = static_cast<double>(c.assets);
    state.counters["rss_MiB"] = rssMiB();
}

// A table as the Assets screen has it, shown (offscreen) at a laptop's size.
struct Table {
    explicit Table(const Replica& replica) : model(replica)
    {
        view.setModel(&model);
        view.setSortingEnabled(true);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 12);
        view.resize(1280, 800);
        view.show();
        paint();
    }
    void paint() { benchmark::DoNotOptimize(view.viewport()->grab()); }
    AssetTableModel model;
    QTableView view;
};

void AssetTableOpen(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        Table t(*c.replica);
        benchmark::DoNotOptimize(t.model.rowCount());
    }
    report(state, c);
}

void AssetTableSort(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    Table t(*c.replica);
    const int column = static_cast<int>(state.range(1));
    bool down = false;
    for (auto _ : state) {
        down = !down; // each click turns the order: a real re-query every time
        t.view.sortByColumn(column, down ? Qt::DescendingOrder : Qt::AscendingOrder);
        t.paint();
    }
    report(state, c);
}

// Alternates between two queries, each a new count and first screen.
template <class Make> void filterBench(benchmark::State& state, Make make)
{
    City& c = city(static_cast<int>(state.range(0)));
    Table t(*c.replica);
    const AssetQuery queries[2] = {make(c, 0), make(c, 1)};
    int i = 0;
    for (auto _ : state) {
        t.model.setQuery(queries[i ^= 1]);
        t.paint();
        benchmark::DoNotOptimize(t.model.rowCount());
    }
    report(state, c);
}

void AssetTableFilterKind(benchmark::State& state)
{
    filterBench(state, [](const City&, int i) {
        AssetQuery q;
        q.kind = i ? QStringLiteral("storm_inlet") : QStringLiteral("manhole");
        return q;
    });
}

void AssetTableFilterStreet(benchmark::State& state)
{
    filterBench(state, [](const City& c, int i) {
        AssetQuery q;
        q.streetId = c.busyStreet;
        q.sort = i ? AssetSort::Street : AssetSort::Code;
        return q;
    });
}

void AssetTableFilterText(benchmark::State& state)
{
    // What a crew lead types: part of a code, or of a Chinese street name.
    filterBench(state, [](const City&, int i) {
        AssetQuery q;
        q.text = i ? QStringLiteral("YS-01") : QStringLiteral("路");
        return q;
    });
}

void AssetTableScrollEnd(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    Table t(*c.replica);
    bool bottom = false;
    for (auto _ : state) {
        bottom = !bottom;
        if (bottom) t.view.scrollToBottom();
        else t.view.scrollToTop();
        t.paint();
    }
    report(state, c);
}

// Qt's stock answer: a QSqlQueryModel over the replica's rows, the columns read out of the
// JSON, sorted by code, its first screen painted.
void ReferenceQSqlQueryModel(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        QSqlQueryModel model;
        model.setQuery(QStringLiteral(
                           "SELECT json_extract(body, '$.code') AS code, kind, "
                           "json_extract(body, '$.chainage_from_m') AS chainage, status, "
                           "json_extract(body, '$.condition_grade') AS grade FROM replica_row "
                           "WHERE entity = 'asset' AND deleted = 0 ORDER BY code"),
                       c.replica->database());
        QTableView view;
        view.setModel(&model);
        view.resize(1280, 800);
        view.show();
        benchmark::DoNotOptimize(view.viewport()->grab());
    }
    report(state, c);
}

struct Map {
    explicit Map(const Replica& replica)
    {
        view.resize(1280, 800);
        if (auto s = view.load(replica); !s) throw std::runtime_error("map: " + s.error().code);
        view.show();
        view.showAll();
    }
    void paint() { benchmark::DoNotOptimize(view.viewport()->grab()); }
    AssetMapView view;
};

void MapLoad(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    AssetMapView view;
    for (auto _ : state)
        if (auto s = view.load(*c.replica); !s) state.SkipWithError(s.error().code.c_str());
    report(state, c);
}

void MapFullRedraw(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    Map m(*c.replica);
    for (auto _ : state) m.paint();
    report(state, c);
    state.counters["inlets"] = static_cast<double>(c.inlets);
}

// A 40-pixel drag each frame, back and forth, at the whole city (range 1 = 0) or at the street
// zoom around the busiest place (range 1 = 1; codes and lines drawn).
void MapPan(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    Map m(*c.replica);
    if (state.range(1) == 1) m.view.select(c.someAssetId);
    QScrollBar* bar = m.view.horizontalScrollBar();
    int step = 40;
    for (auto _ : state) {
        if (bar->value() + step > bar->maximum() || bar->value() + step < bar->minimum()) step = -step;
        bar->setValue(bar->value() + step);
        m.paint();
    }
    report(state, c);
}

void Card(benchmark::State& state)
{
    City& c = city(static_cast<int>(state.range(0)));
    const std::string id = c.someAssetId.toStdString();
    for (auto _ : state) benchmark::DoNotOptimize(AssetCard::describe(*c.replica, id));
    report(state, c);
}

std::vector<int> scales()
{
    std::vector<int> out;
    const QString text = qEnvironmentVariable("YANGHU_BENCH_SCALES", QStringLiteral("1,10"));
    for (const QString& part : text.split(QLatin1Char(',')))
        if (const int n = part.trimmed().toInt(); n > 0) out.push_back(n);
    return out;
}

void registerAll()
{
    for (int scale : scales()) {
        auto add = [&](const std::string& name, auto fn) {
            return benchmark::RegisterBenchmark((name + "/scale:" + std::to_string(scale)).c_str(), fn)
                ->Arg(scale)
                ->Unit(benchmark::kMillisecond);
        };
        add("AssetTable/Open", AssetTableOpen);
        for (int column : {AssetTableModel::Code, AssetTableModel::Street, AssetTableModel::Condition})
            benchmark::RegisterBenchmark(("AssetTable/Sort/scale:" + std::to_string(scale) + "/column:" + std::to_string(column)).c_str(),
                                         AssetTableSort)
                ->Args({scale, column})
                ->Unit(benchmark::kMillisecond);
        add("AssetTable/Filter/Kind", AssetTableFilterKind);
        add("AssetTable/Filter/Street", AssetTableFilterStreet);
        add("AssetTable/Filter/Text", AssetTableFilterText);
        add("AssetTable/ScrollEnd", AssetTableScrollEnd);
        add("Reference/QSqlQueryModel/Open+SortByCode", ReferenceQSqlQueryModel)->Iterations(3);
        add("Map/Load", MapLoad)->Iterations(3);
        add("Map/FullRedraw", MapFullRedraw);
        benchmark::RegisterBenchmark(("Map/Pan/City/scale:" + std::to_string(scale)).c_str(), MapPan)
            ->Args({scale, 0})
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("Map/Pan/Street/scale:" + std::to_string(scale)).c_str(), MapPan)
            ->Args({scale, 1})
            ->Unit(benchmark::kMillisecond);
        add("Card", Card);
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    registerAll();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    try {
        benchmark::RunSpecifiedBenchmarks();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "client bench: %s\n", e.what());
        return 1;
    }
    benchmark::Shutdown();
    return 0;
}
