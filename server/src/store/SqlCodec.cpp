// SPDX-License-Identifier: MIT
#include "store/SqlCodec.h"

namespace yanghu::store::json {

nlohmann::json parse(const SqlValue& v)
{
    const auto* text = std::get_if<std::string>(&v);
    if (!text) corrupt("JSON text expected");
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) corrupt("malformed JSON");
    return j;
}

nlohmann::json fromPoints(const std::vector<GeoPoint>& points)
{
    nlohmann::json j = nlohmann::json::array();
    for (const auto& p : points) j.push_back({p.lon, p.lat});
    return j;
}

std::vector<GeoPoint> toPoints(const nlohmann::json& j)
{
    if (!j.is_array()) corrupt("point list expected");
    std::vector<GeoPoint> out;
    out.reserve(j.size());
    for (const auto& p : j) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) corrupt("point expected");
        out.push_back(GeoPoint{p[0].get<double>(), p[1].get<double>()});
    }
    return out;
}

} // namespace yanghu::store::json
