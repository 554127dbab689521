// SPDX-License-Identifier: MIT
#include "demo/CityLayout.h"

#include "demo/GeoMath.h"

#include <cmath>
#include <cstdio>

namespace yanghu::demo {
namespace {

constexpr int StreetsPerDirection = 20;
constexpr double StreetSpacingM = 260;
constexpr double StubM = 90; // street beyond the outermost intersection
constexpr double TileGapM = 600;
constexpr GeoPoint CityCentre{114.49, 36.61};

// Tile 0: the reference story's streets. 太行东街 and 长邯路 are arterials.
const std::vector<std::string> EastWestNames = {
    "联纺东路", "人民东路", "陵园路", "和平路", "农林路", "太行东街", "丛台路", "北仓路", "朝阳路", "邯山街",
    "学院北路", "滏阳路", "长邯路", "建设路", "展览路", "曙光路", "箭岗路", "罗城头街", "东柳路", "胜利街"};
const std::vector<std::string> NorthSouthNames = {
    "中华北大街", "光明南大街", "滏河北大街", "东柳大街", "浴新南大街", "滏东北大街", "新华大街", "前进大街",
    "丛台大街",   "和平大街",   "复兴大街",   "赵都大街", "环城东大街", "世纪大街",   "友谊大街", "工农大街",
    "岭南大街",   "柳林大街",   "渚河大街",   "美食林街"};
// Further tiles combine these.
const std::vector<std::string> NamePrefixes = {
    "开元", "兴华", "文化", "青年", "先锋", "团结", "振兴", "育才", "春光", "康乐", "永安", "安庆", "广泰", "荣华",
    "瑞祥", "吉祥", "长青", "松林", "桃园", "杏林", "梧桐", "银杏", "明珠", "金谷", "东湖", "南湖", "紫山", "北湖",
    "古城", "沙河", "溢泉", "鼓山", "响堂", "武安", "磁州", "永年", "肥乡", "成安", "馆陶", "广府"};
const std::vector<std::string> EastWestSuffixes = {"路", "街", "东路", "西路", "中路", "南路", "北路"};
const std::vector<std::string> NorthSouthSuffixes = {"大街", "北大街", "南大街", "中大街", "东大街", "西大街"};
const std::vector<std::string> OuterDistricts = {"冀南新区", "肥乡区", "永年区", "峰峰矿区", "武安市",
                                                 "磁县",     "成安县", "临漳县", "大名县"};

const std::vector<std::string> GrateTypes = {"cast_iron_grate", "ductile_iron_grate", "composite_grate", "curb_opening"};
const std::vector<std::string> PavingTypes = {"granite_paver", "concrete_paver", "permeable_brick", "stone_slab"};
const std::vector<double> SidewalkWidths = {3.0, 3.5, 4.0, 4.5, 5.0, 6.0};
const std::vector<std::string> CoverMaterials = {"ductile_iron", "ductile_iron", "composite", "concrete"};
const std::vector<double> PipeDiameters = {300, 400, 500, 600, 800, 1000};
const std::vector<std::string> PipeMaterials = {"reinforced_concrete", "HDPE", "PVC-U"};

std::string streetName(int tile, bool eastWest, int index)
{
    if (tile == 0) return eastWest ? EastWestNames[index] : NorthSouthNames[index];
    const auto& suffixes = eastWest ? EastWestSuffixes : NorthSouthSuffixes;
    const std::size_t k = static_cast<std::size_t>((tile - 1) * StreetsPerDirection + index) + (eastWest ? 0 : 7);
    const std::size_t round = k / NamePrefixes.size();
    std::string name = NamePrefixes[k % NamePrefixes.size()] + suffixes[round % suffixes.size()];
    if (round >= suffixes.size()) name += std::to_string(round / suffixes.size() + 1);
    return name;
}

std::string districtAt(int tile, double fx, double fy)
{
    if (tile > 0) {
        const std::size_t i = static_cast<std::size_t>(tile - 1);
        std::string d = OuterDistricts[i % OuterDistricts.size()];
        if (i >= OuterDistricts.size()) d += std::to_string(i / OuterDistricts.size() + 1);
        return d;
    }
    if (fx < 0.35) return "复兴区";
    if (fx >= 0.7) return "经开区";
    return fy >= 0.5 ? "丛台区" : "邯山区";
}

std::string code(const char* prefix, int number)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%06d", prefix, number);
    return buf;
}

double round2(double v) { return std::round(v * 100) / 100; }

int conditionGrade(DemoRandom& rng, bool worn)
{
    static const std::vector<double> normal = {15, 35, 30, 15, 5};
    static const std::vector<double> old = {2, 10, 33, 35, 20};
    return static_cast<int>(rng.weighted(worn ? old : normal)) + 1;
}

class Builder {
public:
    Builder(DemoRandom rng, UuidGenerator& ids, Instant setupAt) : m_rng(rng), m_ids(ids), m_setupAt(setupAt) {}

    CityLayout build(int scale)
    {
        for (int tile = 0; tile < scale; ++tile) buildTile(tile);
        return std::move(m_city);
    }

private:
    Asset newAsset(AssetKind kind, std::size_t street)
    {
        Asset a;
        a.id = m_ids.next();
        a.kind = kind;
        a.streetId = m_city.streets[street].id;
        a.attributes = defaultAttributes(kind);
        a.status = AssetStatus::InService;
        a.meta.createdAt = m_setupAt;
        a.meta.updatedAt = m_setupAt;
        return a;
    }

    void push(Asset asset, std::size_t street, int tile)
    {
        m_city.tileAssets[static_cast<std::size_t>(tile)][static_cast<std::size_t>(asset.kind)].push_back(
            m_city.assets.size());
        m_city.assets.push_back(std::move(asset));
        m_city.assetStreet.push_back(street);
    }

    void buildTile(int tile)
    {
        m_city.tileAssets.emplace_back();
        const double tileSize = (StreetsPerDirection - 1) * StreetSpacingM;
        const double originEast = -tileSize / 2 + tile * (tileSize + 2 * StubM + TileGapM);
        const double originNorth = -tileSize / 2;
        const GeoPoint origin = offsetPoint(CityCentre, originEast, originNorth);
        m_city.tileDistricts.push_back(districtAt(tile, 0.5, 0.6));
        m_city.tileDepots.push_back(offsetPoint(origin, tileSize * 0.45, tileSize * 0.55));

        // Grid positions with a little irregularity; intersections are shared vertices.
        std::vector<double> xs, ys;
        for (int i = 0; i < StreetsPerDirection; ++i) {
            xs.push_back(i * StreetSpacingM + (i > 0 && i < StreetsPerDirection - 1 ? m_rng.uniform(-25, 25) : 0));
            ys.push_back(i * StreetSpacingM + (i > 0 && i < StreetsPerDirection - 1 ? m_rng.uniform(-25, 25) : 0));
        }
        std::vector<std::vector<GeoPoint>> node(StreetsPerDirection, std::vector<GeoPoint>(StreetsPerDirection));
        for (int r = 0; r < StreetsPerDirection; ++r)
            for (int c = 0; c < StreetsPerDirection; ++c)
                node[r][c] = offsetPoint(origin, xs[c] + m_rng.uniform(-6, 6), ys[r] + m_rng.uniform(-6, 6));

        const std::size_t firstStreet = m_city.streets.size();
        for (int r = 0; r < StreetsPerDirection; ++r) {
            std::vector<GeoPoint> line;
            line.push_back(offsetPoint(node[r][0], -StubM, 0));
            for (int c = 0; c < StreetsPerDirection; ++c) line.push_back(node[r][c]);
            line.push_back(offsetPoint(node[r][StreetsPerDirection - 1], StubM, 0));
            addStreet(tile, true, r, std::move(line), ys[r] / tileSize);
        }
        for (int c = 0; c < StreetsPerDirection; ++c) {
            std::vector<GeoPoint> line;
            line.push_back(offsetPoint(node[0][c], 0, -StubM));
            for (int r = 0; r < StreetsPerDirection; ++r) line.push_back(node[r][c]);
            line.push_back(offsetPoint(node[StreetsPerDirection - 1][c], 0, StubM));
            addStreet(tile, false, c, std::move(line), xs[c] / tileSize);
        }
        // Cross-street widths are needed for sidewalk block ends, so assets come second.
        for (std::size_t s = firstStreet; s < m_city.streets.size(); ++s) addAssets(s, tile, firstStreet);
        addBridges(tile, firstStreet);
    }

    void addStreet(int tile, bool eastWest, int index, std::vector<GeoPoint> line, double across)
    {
        Street s;
        s.id = m_ids.next();
        s.name = streetName(tile, eastWest, index);
        const double along = 0.5;
        s.district = eastWest ? districtAt(tile, along, across) : districtAt(tile, across, along);
        s.centreline = std::move(line);
        s.lengthM = round2(polylineLengthM(s.centreline));
        s.meta.createdAt = m_setupAt;
        s.meta.updatedAt = m_setupAt;

        StreetInfo info;
        info.tile = tile;
        info.eastWest = eastWest;
        info.arterial = index % 4 == 1 || s.name == "太行东街" || s.name == "长邯路";
        info.roadWidthM = info.arterial ? 40 : 24;
        PolylineWalker walker(s.centreline);
        const auto& ch = walker.vertexChainages();
        // Vertices 1..n-2 are the intersections (0 and n-1 are the stub ends).
        info.crossings.assign(ch.begin() + 1, ch.end() - 1);
        m_city.streets.push_back(std::move(s));
        m_city.info.push_back(std::move(info));
    }

    // Half-width of the street crossing `street` at its k-th intersection.
    double crossHalfWidth(std::size_t street, std::size_t k, std::size_t firstStreet) const
    {
        const StreetInfo& info = m_city.info[street];
        const std::size_t other = firstStreet + (info.eastWest ? StreetsPerDirection + k : k);
        return m_city.info[other].roadWidthM / 2;
    }

    void addAssets(std::size_t street, int tile, std::size_t firstStreet)
    {
        const Street& s = m_city.streets[street];
        const StreetInfo& info = m_city.info[street];
        PolylineWalker walker(s.centreline);
        const double length = walker.lengthM();
        const bool worn = s.name == "太行东街";

        // Storm inlets at the kerb, both sides, skipping the crosswalks.
        for (StreetSide side : {StreetSide::Left, StreetSide::Right}) {
            InletRun run{street, side, {}};
            const double left = (side == StreetSide::Left ? 1 : -1) * (info.roadWidthM / 2 - 0.5);
            for (double c = m_rng.uniform(8, 20); c < length - 5; c += m_rng.uniform(24, 34)) {
                bool inCrossing = false;
                for (double x : info.crossings) inCrossing = inCrossing || std::abs(c - x) < 8;
                if (inCrossing) continue;
                Asset a = newAsset(AssetKind::StormInlet, street);
                a.code = code("YS", ++m_inlets);
                a.side = side;
                a.chainageFromM = round2(c);
                a.geometry = {walker.pointAt(c, left)};
                a.conditionGrade = conditionGrade(m_rng, false);
                a.attributes = StormInletAttributes{m_rng.pick(GrateTypes), std::nullopt};
                run.assets.push_back(m_city.assets.size());
                push(std::move(a), street, tile);
            }
            m_city.inletRuns.push_back(std::move(run));
        }

        // Sidewalk segments: one per block per side, between the cross streets' kerbs.
        std::vector<double> bounds;
        bounds.push_back(0);
        for (std::size_t k = 0; k < info.crossings.size(); ++k) {
            const double half = crossHalfWidth(street, k, firstStreet);
            bounds.push_back(info.crossings[k] - half);
            bounds.push_back(info.crossings[k] + half);
        }
        bounds.push_back(length);
        for (StreetSide side : {StreetSide::Left, StreetSide::Right}) {
            const double paving = m_rng.unit();
            for (std::size_t b = 0; b + 1 < bounds.size(); b += 2) {
                const double from = round2(bounds[b]);
                const double to = round2(bounds[b + 1]);
                if (to - from < 10) continue;
                const double width = m_rng.pick(SidewalkWidths);
                const double left = (side == StreetSide::Left ? 1 : -1) * (info.roadWidthM / 2 + width / 2);
                Asset a = newAsset(AssetKind::SidewalkSegment, street);
                a.code = code("RX", ++m_sidewalks);
                a.side = side;
                a.chainageFromM = from;
                a.chainageToM = to;
                a.geometry = walker.range(from, to, left);
                a.conditionGrade = conditionGrade(m_rng, worn);
                a.attributes = SidewalkAttributes{PavingTypes[static_cast<std::size_t>(paving * 4) % 4], width,
                                                  round2(width * (to - from))};
                push(std::move(a), street, tile);
            }
        }

        // Manholes on the centreline and the pipe segments between consecutive ones.
        std::vector<double> manholes;
        for (double c = m_rng.uniform(10, 30); c < length - 5; c += m_rng.uniform(40, 60)) manholes.push_back(c);
        const double diameter = m_rng.pick(PipeDiameters) + (info.arterial ? 200 : 0);
        const std::string material = m_rng.pick(PipeMaterials);
        for (std::size_t k = 0; k < manholes.size(); ++k) {
            Asset a = newAsset(AssetKind::Manhole, street);
            a.code = code("JG", ++m_manholes);
            a.chainageFromM = round2(manholes[k]);
            a.geometry = {walker.pointAt(manholes[k])};
            a.conditionGrade = conditionGrade(m_rng, false);
            a.attributes = ManholeAttributes{m_rng.pick(CoverMaterials), 700.0, info.arterial ? "D400" : "C250"};
            push(std::move(a), street, tile);
        }
        for (std::size_t k = 0; k + 1 < manholes.size(); ++k) {
            Asset a = newAsset(AssetKind::PipeSegment, street);
            a.code = code("GD", ++m_pipes);
            a.chainageFromM = round2(manholes[k]);
            a.chainageToM = round2(manholes[k + 1]);
            a.geometry = walker.range(*a.chainageFromM, *a.chainageToM);
            a.conditionGrade = conditionGrade(m_rng, false);
            a.attributes = PipeAttributes{diameter, round2(polylineLengthM(a.geometry)), material};
            push(std::move(a), street, tile);
        }
    }

    // 滏阳河 runs north-south and crosses every east-west street; 沁河 runs east-west and
    // crosses every other north-south street: 30 bridges per tile, each mid-block.
    void addBridges(int tile, std::size_t firstStreet)
    {
        for (std::size_t i = 0; i < 2 * StreetsPerDirection; ++i) {
            const std::size_t street = firstStreet + i;
            const StreetInfo& info = m_city.info[street];
            const bool fuyang = info.eastWest;
            if (!fuyang && i % 2 == 1) continue;
            const double along = fuyang ? 0.62 + 0.05 * std::sin(static_cast<double>(i)) : 0.30;
            std::size_t block = static_cast<std::size_t>(along * static_cast<double>(info.crossings.size() - 1));
            const double mid = (info.crossings[block] + info.crossings[block + 1]) / 2;
            const double span = std::round(m_rng.uniform(20, 60));
            const Street& s = m_city.streets[street];
            PolylineWalker walker(s.centreline);
            Asset a = newAsset(AssetKind::Bridge, street);
            a.code = code("QL", ++m_bridges);
            a.chainageFromM = round2(mid - span / 2);
            a.chainageToM = round2(mid + span / 2);
            a.geometry = {walker.pointAt(mid)};
            a.conditionGrade = conditionGrade(m_rng, false);
            a.attributes = BridgeAttributes{span, round2(span * (info.roadWidthM + 6)), m_rng.between(5, 8)};
            a.extra = nlohmann::json::object({{"name", (fuyang ? "滏阳河" : "沁河") + s.name + "桥"}});
            push(std::move(a), street, tile);
        }
    }

    DemoRandom m_rng;
    UuidGenerator& m_ids;
    Instant m_setupAt;
    CityLayout m_city;
    int m_inlets = 0, m_sidewalks = 0, m_manholes = 0, m_pipes = 0, m_bridges = 0;
};

} // namespace

CityLayout buildCityLayout(int scale, DemoRandom rng, UuidGenerator& ids, Instant setupAt)
{
    return Builder(rng, ids, setupAt).build(scale);
}

std::string sideLabel(const StreetInfo& street, StreetSide side)
{
    if (side == StreetSide::None) return {};
    if (street.eastWest) return side == StreetSide::Left ? "北侧" : "南侧";
    return side == StreetSide::Left ? "西侧" : "东侧";
}

} // namespace yanghu::demo
