// SPDX-License-Identifier: MIT
// Throughput of the wire codec (entities <-> text) on a realistic sync payload: ~1000 work
// orders with lines and Chinese notes, ~5000 assets of every kind. The same texts go through
// nlohmann alone (tree <-> text, the codec's own floor) and Poco::JSON (parse text to a tree,
// stringify a tree) as a like-for-like reference. Bytes processed are the document's size.
#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

using namespace yanghu;
using namespace std::chrono;

namespace {

constexpr int workOrderCount = 1000;
constexpr int assetCount = 5000;

// A deterministic city's worth of rows: the same bytes on every run.
class Payload {
public:
    Payload() : m_clock(sys_days{2025y / March / 1}), m_ids(m_clock, 2025) {}

    std::vector<Asset> assets()
    {
        static constexpr std::array<const char*, 4> materials = {"ductile_iron", "concrete", "composite", "铸铁"};
        std::vector<Asset> out;
        for (int i = 0; i < assetCount; ++i) {
            Asset a;
            a.id = next();
            a.kind = static_cast<AssetKind>(i % 5);
            a.code = "YS-" + std::to_string(10000 + i);
            a.streetId = m_streets[static_cast<std::size_t>(i % 7)];
            a.side = i % 2 ? StreetSide::Left : StreetSide::Right;
            a.chainageFromM = 12.5 * (i % 200);
            a.chainageToM = 12.5 * (i % 200) + 12.5;
            a.geometry = {{114.48 + i * 1e-5, 36.60 + i * 7e-6}};
            if (a.kind == AssetKind::SidewalkSegment || a.kind == AssetKind::PipeSegment)
                a.geometry.push_back({114.48 + i * 1e-5 + 1e-4, 36.60 + i * 7e-6});
            a.conditionGrade = 1 + i % 5;
            if (i % 3 == 0) a.conditionScore = 40.0 + i % 60;
            const std::string material = materials[static_cast<std::size_t>(i % 4)];
            switch (a.kind) {
            case AssetKind::SidewalkSegment: a.attributes = SidewalkAttributes{"granite_paver", 3.5, 43.75}; break;
            case AssetKind::StormInlet: a.attributes = StormInletAttributes{"cast_iron", sys_days{2024y / May / 20}}; break;
            case AssetKind::Manhole: a.attributes = ManholeAttributes{material, 700, "D400"}; break;
            case AssetKind::PipeSegment: a.attributes = PipeAttributes{600, 48.5, material}; break;
            case AssetKind::Bridge: a.attributes = BridgeAttributes{32.5, 410.0, i % 10}; break;
            }
            a.extra = {{"OWNER", "市政设施管理处"}, {"INSTALL_YEAR", 1990 + i % 30}};
            a.sourceId = "FAC-" + std::to_string(70000 + i);
            a.meta = meta(i);
            out.push_back(std::move(a));
        }
        return out;
    }

    std::vector<WorkOrder> workOrders()
    {
        static constexpr std::array<const char*, 4> notes = {"井盖异响，已更换", "雨水井清掏完毕，垃圾约0.3吨",
                                                             "人行道破损砖已重铺 ✅", "夜间施工，已设置围挡和警示灯 🚧"};
        std::vector<WorkOrder> out;
        for (int i = 0; i < workOrderCount; ++i) {
            WorkOrder w;
            w.id = next();
            w.number = "WO-2025-" + std::to_string(100000 + i);
            w.title = "太行东街 " + std::to_string(i % 80) + " 号井盖更换";
            w.description = "市民反映井盖沉陷，夜间车辆经过有异响";
            w.type = static_cast<WorkType>(i % 6);
            w.assetIds = {next(), next()};
            w.defectIds = {next()};
            w.priority = 1 + i % 4;
            w.trafficImpact = static_cast<TrafficImpact>(i % 4);
            w.estimatedMinutes = 30 + i % 4 * 30;
            w.requiredSkills = {"manhole"};
            w.requiredEquipment = {"crane", "plate_compactor"};
            w.dueDate = sys_days{2025y / March / 10} + days{i % 30};
            const Instant start = m_clock.now() + hours{i % 240};
            w.assignment = Assignment{m_streets[0], sys_days{2025y / March / 5}, start, start + minutes{90}, 1 + i % 12};
            w.actualStart = start + minutes{5};
            w.actualEnd = start + minutes{80};
            w.labour = {{next(), next(), "王建国", 1.5}, {next(), std::nullopt, "李师傅", 1.25}};
            w.materials = {{next(), "球墨铸铁井盖 D400", 1, "pcs"}, {next(), "C30 混凝土", 0.2, "m3"}};
            w.quantities = {{next(), "covers_replaced", 1, "pcs"}};
            for (int n = 0; n < 2; ++n)
                w.notes.push_back({next(), next(), start + minutes{60 + n}, notes[static_cast<std::size_t>((i + n) % 4)]});
            w.photos = {"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"};
            w.status = WorkOrderStatus::Completed;
            w.meta = meta(i);
            out.push_back(std::move(w));
        }
        return out;
    }

private:
    Uuid next()
    {
        m_clock.advance(milliseconds{1});
        return m_ids.next();
    }
    RowMeta meta(int i) const
    {
        return RowMeta{i + 1, false, m_clock.now() - hours{48}, m_clock.now()};
    }

    ManualClock m_clock;
    UuidGenerator m_ids;
    std::array<Uuid, 7> m_streets{next(), next(), next(), next(), next(), next(), next()};
};

// The entities and the document text they encode to (an array of objects, as a sync page).
template <class T>
struct Document {
    std::vector<T> rows;
    std::string text;
};

template <class T>
std::string encode(const std::vector<T>& rows)
{
    wire::Json array = wire::Json::array();
    array.get_ref<wire::Json::array_t&>().reserve(rows.size());
    for (const T& row : rows) array.push_back(wire::toJson(row));
    return wire::toJsonText(array);
}

template <class T>
std::vector<T> decode(const std::string& text)
{
    auto tree = wire::parse(text);
    if (!tree.ok()) std::abort();
    std::vector<T> rows;
    rows.reserve(tree->size());
    for (const wire::Json& element : *tree) {
        auto row = wire::fromJson<T>(element);
        if (!row.ok()) std::abort(); // the benchmark measures the success path only
        rows.push_back(std::move(row).value());
    }
    return rows;
}

// Built once per type, on first use.
template <class T>
const Document<T>& document()
{
    static const Document<T> built = [] {
        Payload payload;
        std::vector<T> rows;
        if constexpr (std::is_same_v<T, WorkOrder>)
            rows = payload.workOrders();
        else
            rows = payload.assets();
        std::string text = encode(rows);
        return Document<T>{std::move(rows), std::move(text)};
    }();
    return built;
}

template <class T>
void report(benchmark::State& state, const Document<T>& d)
{
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(d.text.size()));
    state.counters["rows"] = static_cast<double>(d.rows.size());
    state.counters["doc_kb"] = static_cast<double>(d.text.size()) / 1024.0;
}

// Our codec, entities to text and back.
template <class T>
void codecEncode(benchmark::State& state)
{
    const auto& d = document<T>();
    for (auto _ : state) benchmark::DoNotOptimize(encode(d.rows));
    report(state, d);
}

template <class T>
void codecDecode(benchmark::State& state)
{
    const auto& d = document<T>();
    for (auto _ : state) benchmark::DoNotOptimize(decode<T>(d.text));
    report(state, d);
}

// nlohmann alone: what the codec costs on top of its JSON library.
template <class T>
void nlohmannParse(benchmark::State& state)
{
    const auto& d = document<T>();
    for (auto _ : state) benchmark::DoNotOptimize(wire::Json::parse(d.text));
    report(state, d);
}

template <class T>
void nlohmannDump(benchmark::State& state)
{
    const auto& d = document<T>();
    const wire::Json tree = wire::Json::parse(d.text);
    for (auto _ : state) benchmark::DoNotOptimize(tree.dump());
    report(state, d);
}

template <class T>
void jsonTextWrite(benchmark::State& state)
{
    const auto& d = document<T>();
    const wire::Json tree = wire::Json::parse(d.text);
    for (auto _ : state) benchmark::DoNotOptimize(wire::toJsonText(tree));
    report(state, d);
}

// Poco::JSON: parse text to a tree; stringify a tree.
template <class T>
void pocoParse(benchmark::State& state)
{
    const auto& d = document<T>();
    for (auto _ : state) {
        Poco::JSON::Parser parser;
        benchmark::DoNotOptimize(parser.parse(d.text));
    }
    report(state, d);
}

template <class T>
void pocoStringify(benchmark::State& state)
{
    const auto& d = document<T>();
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var tree = parser.parse(d.text);
    for (auto _ : state) {
        std::ostringstream out;
        Poco::JSON::Stringifier::condense(tree, out);
        benchmark::DoNotOptimize(out.str());
    }
    report(state, d);
}

} // namespace

BENCHMARK_TEMPLATE(codecEncode, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(nlohmannDump, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(jsonTextWrite, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(pocoStringify, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(codecDecode, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(nlohmannParse, WorkOrder)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(pocoParse, WorkOrder)->Unit(benchmark::kMillisecond);

BENCHMARK_TEMPLATE(codecEncode, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(nlohmannDump, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(jsonTextWrite, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(pocoStringify, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(codecDecode, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(nlohmannParse, Asset)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(pocoParse, Asset)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
