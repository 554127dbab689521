// SPDX-License-Identifier: MIT
#include "transfer/AssetExporter.h"
#include "transfer/NumberText.h"

#include "yanghu/core/Time.h"
#include "yanghu/core/wire/JsonText.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <utility>

namespace yanghu::transfer {

namespace {

using Json = nlohmann::json;

// The columns in order, each with its value as JSON (null = blank/omitted). The CSV and the
// GeoJSON writers share this, so the two layouts cannot drift apart.
std::vector<std::pair<const char*, Json>> columnsOf(const Asset& a, const ExportLookups& lookups)
{
    auto opt = [](const auto& o) { return o ? Json(*o) : Json(); };
    Json extra = a.extra.is_object() && !a.extra.empty() ? a.extra : Json();
    std::vector<std::pair<const char*, Json>> c;
    c.reserve(30);
    c.emplace_back("id", a.id.toString());
    c.emplace_back("source_id", a.sourceId.empty() ? a.id.toString() : a.sourceId);
    c.emplace_back("code", a.code.empty() ? Json() : Json(a.code));
    c.emplace_back("kind", std::string(enumName(a.kind)));
    c.emplace_back("status", std::string(enumName(a.status)));
    const bool isPoint = a.geometry.size() == 1;
    c.emplace_back("lon", isPoint ? Json(a.geometry[0].lon) : Json());
    c.emplace_back("lat", isPoint ? Json(a.geometry[0].lat) : Json());
    Json line;
    if (a.geometry.size() > 1) {
        line = Json::array();
        for (const auto& p : a.geometry) line.push_back(Json::array({p.lon, p.lat}));
    }
    c.emplace_back("geometry", line);
    c.emplace_back("condition_grade", opt(a.conditionGrade));
    c.emplace_back("condition_score", opt(a.conditionScore));
    c.emplace_back("street_id", a.streetId ? Json(a.streetId->toString()) : Json());
    Json street;
    if (a.streetId)
        if (auto it = lookups.streetNames.find(*a.streetId); it != lookups.streetNames.end()) street = it->second;
    c.emplace_back("street", street);
    c.emplace_back("side", a.side == StreetSide::None ? Json() : Json(std::string(enumName(a.side))));
    c.emplace_back("chainage_from_m", opt(a.chainageFromM));
    c.emplace_back("chainage_to_m", opt(a.chainageToM));

    const auto* sw = std::get_if<SidewalkAttributes>(&a.attributes);
    const auto* si = std::get_if<StormInletAttributes>(&a.attributes);
    const auto* mh = std::get_if<ManholeAttributes>(&a.attributes);
    const auto* pi = std::get_if<PipeAttributes>(&a.attributes);
    const auto* br = std::get_if<BridgeAttributes>(&a.attributes);
    c.emplace_back("paving_type", sw ? opt(sw->pavingType) : Json());
    c.emplace_back("width_m", sw ? opt(sw->widthM) : Json());
    c.emplace_back("area_m2", sw ? opt(sw->areaM2) : Json());
    c.emplace_back("grate_type", si ? opt(si->grateType) : Json());
    c.emplace_back("last_cleaned", si && si->lastCleaned ? Json(formatDate(*si->lastCleaned)) : Json());
    c.emplace_back("cover_material", mh ? opt(mh->coverMaterial) : Json());
    c.emplace_back("diameter_mm", mh ? opt(mh->diameterMm) : pi ? opt(pi->diameterMm) : Json());
    c.emplace_back("load_class", mh ? opt(mh->loadClass) : Json());
    c.emplace_back("length_m", pi ? opt(pi->lengthM) : Json());
    c.emplace_back("material", pi ? opt(pi->material) : Json());
    c.emplace_back("span_m", br ? opt(br->spanM) : Json());
    c.emplace_back("deck_area_m2", br ? opt(br->deckAreaM2) : Json());
    c.emplace_back("rating", br ? opt(br->rating) : Json());
    c.emplace_back("extra", extra);
    return c;
}

void writeCsvField(std::ostream& out, const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        out << s;
        return;
    }
    out << '"';
    for (char ch : s) {
        if (ch == '"') out << '"';
        out << ch;
    }
    out << '"';
}

std::string csvText(const Json& v)
{
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_float()) return formatNumber(v.get<double>());
    return wire::toJsonText(v); // integers, arrays (geometry), objects (extra): JSON text, UTF-8 as is
}

} // namespace

void exportAssetsGeoJson(std::ostream& out, const std::vector<Asset>& assets, const ExportLookups& lookups)
{
    // Written feature by feature so a large export never holds one giant JSON tree.
    out << R"({"type":"FeatureCollection","features":[)";
    bool first = true;
    for (const auto& a : assets) {
        Json geometry;
        if (a.geometry.size() == 1) {
            geometry = {{"type", "Point"}, {"coordinates", {a.geometry[0].lon, a.geometry[0].lat}}};
        } else if (a.geometry.size() > 1) {
            Json coords = Json::array();
            for (const auto& p : a.geometry) coords.push_back(Json::array({p.lon, p.lat}));
            geometry = {{"type", "LineString"}, {"coordinates", coords}};
        }
        Json properties = Json::object();
        for (auto& [name, value] : columnsOf(a, lookups)) {
            const std::string_view n = name;
            if (value.is_null() || n == "lon" || n == "lat" || n == "geometry") continue;
            properties[name] = std::move(value);
        }
        Json feature = {{"type", "Feature"}, {"id", a.id.toString()}, {"geometry", geometry}, {"properties", properties}};
        out << (first ? "" : ",") << '\n' << wire::toJsonText(feature);
        first = false;
    }
    out << "\n]}\n";
}

void exportAssetsCsv(std::ostream& out, const std::vector<Asset>& assets, const ExportLookups& lookups)
{
    out << "\xEF\xBB\xBF";
    const Asset probe;
    bool firstColumn = true;
    for (const auto& [name, value] : columnsOf(probe, lookups)) {
        out << (firstColumn ? "" : ",") << name;
        firstColumn = false;
    }
    out << "\r\n";
    for (const auto& a : assets) {
        firstColumn = true;
        for (const auto& [name, value] : columnsOf(a, lookups)) {
            if (!firstColumn) out << ',';
            writeCsvField(out, csvText(value));
            firstColumn = false;
        }
        out << "\r\n";
    }
}

} // namespace yanghu::transfer
