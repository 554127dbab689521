// SPDX-License-Identifier: MIT
#include "transfer/AssetImporter.h"
#include "transfer/NumberText.h"

#include "transfer/CsvReader.h"

#include "yanghu/core/Time.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/Validation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace yanghu::transfer {

namespace {

using Json = nlohmann::json;

// One source value: a CSV cell (text only) or a GeoJSON property (raw set; numbers also carry
// `number`, and `text` is their shortest decimal form so value maps and prefixes work alike).
struct Cell {
    bool present = false;
    std::string text;
    std::optional<double> number;
    const Json* raw = nullptr;
};

Cell cellFromJson(const Json& v)
{
    Cell c;
    if (v.is_null()) return c;
    c.present = true;
    c.raw = &v;
    if (v.is_string()) c.text = v.get<std::string>();
    else if (v.is_number_integer()) { c.number = v.get<double>(); c.text = v.dump(); }
    else if (v.is_number()) { c.number = v.get<double>(); c.text = formatNumber(*c.number); }
    else c.text = v.dump();
    return c;
}

class CsvRow {
public:
    CsvRow(const std::vector<std::string>& header, const std::unordered_map<std::string, std::size_t>& index,
           const std::vector<std::string_view>& fields)
        : m_header(header), m_index(index), m_fields(fields)
    {
    }
    Cell get(const std::string& column) const
    {
        Cell c;
        auto it = m_index.find(column);
        if (it == m_index.end() || it->second >= m_fields.size()) return c;
        c.present = true;
        c.text = std::string(m_fields[it->second]);
        return c;
    }
    template <class F>
    void forEach(F&& f) const
    {
        for (std::size_t i = 0; i < m_header.size() && i < m_fields.size(); ++i) {
            Cell c;
            c.present = true;
            c.text = std::string(m_fields[i]);
            f(m_header[i], c);
        }
    }
    const Json* geometry() const { return nullptr; }
    const std::vector<std::string_view>& fields() const { return m_fields; }

private:
    const std::vector<std::string>& m_header;
    const std::unordered_map<std::string, std::size_t>& m_index;
    const std::vector<std::string_view>& m_fields;
};

class FeatureRow {
public:
    FeatureRow(const Json& feature, const Json& properties) : m_feature(feature), m_properties(properties) {}
    Cell get(const std::string& column) const
    {
        if (column == "$id") {
            auto it = m_feature.find("id");
            return it == m_feature.end() ? Cell{} : cellFromJson(*it);
        }
        if (!m_properties.is_object()) return {};
        auto it = m_properties.find(column);
        return it == m_properties.end() ? Cell{} : cellFromJson(*it);
    }
    template <class F>
    void forEach(F&& f) const
    {
        if (!m_properties.is_object()) return;
        for (auto it = m_properties.begin(); it != m_properties.end(); ++it) f(it.key(), cellFromJson(*it));
    }
    const Json* geometry() const
    {
        auto it = m_feature.find("geometry");
        return it == m_feature.end() ? nullptr : &*it;
    }

private:
    const Json& m_feature;
    const Json& m_properties;
};

std::optional<double> parseNumber(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool readInt(std::string_view& s, int& out, int minDigits, int maxDigits)
{
    int digits = 0;
    int v = 0;
    while (!s.empty() && s.front() >= '0' && s.front() <= '9' && digits < maxDigits) {
        v = v * 10 + (s.front() - '0');
        s.remove_prefix(1);
        ++digits;
    }
    out = v;
    return digits >= minDigits;
}

std::optional<Date> parseDateAs(std::string_view text, std::string_view format, int pivot)
{
    using namespace std::chrono;
    int y = 0, m = 0, d = 0;
    if (format == "YYYY-MM-DD") return parseDate(text);
    if (format == "YYYYMMDD") {
        if (text.size() != 8) return std::nullopt;
        std::string_view s = text;
        if (!readInt(s, y, 4, 4) || !readInt(s, m, 2, 2) || !readInt(s, d, 2, 2)) return std::nullopt;
    } else { // M/D/Y, year of 2 or 4 digits, then optionally a space and a time (ignored)
        std::string_view s = text;
        if (!readInt(s, m, 1, 2) || s.empty() || s.front() != '/') return std::nullopt;
        s.remove_prefix(1);
        if (!readInt(s, d, 1, 2) || s.empty() || s.front() != '/') return std::nullopt;
        s.remove_prefix(1);
        const auto before = s.size();
        if (!readInt(s, y, 2, 4)) return std::nullopt;
        const auto yearDigits = before - s.size();
        if (yearDigits == 3) return std::nullopt;
        if (yearDigits == 2) y += (y < pivot ? 2000 : 1900);
        if (!s.empty() && s.front() != ' ') return std::nullopt;
    }
    const Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

bool matchesSentinel(const Cell& c, const std::vector<Json>& sentinels)
{
    for (const auto& s : sentinels) {
        if (s.is_string() && !c.number && c.text == s.get<std::string>()) return true;
        if (s.is_number()) {
            auto n = c.number ? c.number : parseNumber(c.text);
            if (n && *n == s.get<double>()) return true;
        }
    }
    return false;
}

// A value after blank/strip/sentinel/value-map treatment.
struct Value {
    std::string text;
    std::optional<double> number;
    const Json* raw = nullptr;
    std::string column;
};

// A CSV column that goes to `extra` unless blank or a sentinel; computed once per file.
struct ExtraColumn {
    std::size_t index = 0;
    const std::string* name = nullptr;          // into the header
    const std::vector<Json>* sentinels = nullptr; // the mapping's extra rule, if any
};

// The CSV columns no field reads, sorted by name (stable: equal names keep header order), so
// that each row's `extra` object can be filled by appending at the end of its sorted map.
std::vector<ExtraColumn> planExtra(const std::vector<std::string>& header, const std::set<std::string>& mapped,
                                   const ImportMapping& mapping)
{
    std::vector<ExtraColumn> plan;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (mapped.contains(header[i])) continue;
        auto it = mapping.extraUnknown.find(header[i]);
        plan.push_back(ExtraColumn{i, &header[i], it == mapping.extraUnknown.end() ? nullptr : &it->second});
    }
    std::stable_sort(plan.begin(), plan.end(),
                     [](const ExtraColumn& a, const ExtraColumn& b) { return *a.name < *b.name; });
    return plan;
}

// Builds one asset from one row. Every problem becomes an issue on `line`; the row is rejected
// when there is at least one.
template <class Row>
class AssetBuilder {
public:
    AssetBuilder(const ImportMapping& mapping, const ImportOptions& options, const std::set<std::string>& mapped,
                 const Row& row, int line, std::vector<ImportIssue>& issues,
                 const std::vector<ExtraColumn>* extraPlan = nullptr)
        : m_mapping(mapping), m_options(options), m_mapped(mapped), m_row(row), m_line(line), m_issues(issues),
          m_extraPlan(extraPlan)
    {
    }

    std::optional<Asset> build()
    {
        Asset a;
        // Kind first: the attributes alternative depends on it.
        std::optional<AssetKind> kind = m_mapping.kind;
        if (!kind) {
            if (auto v = value("kind")) {
                kind = enumFromName<AssetKind>(v->text);
                if (!kind) fail("kind", codes::InvalidEnum, {{"value", v->text}, {"column", v->column}});
                else if (m_options.kind && *m_options.kind != *kind)
                    fail("kind", codes::Mismatch, {{"with", "kind_option"}, {"value", v->text}});
            } else if (m_options.kind) {
                kind = m_options.kind;
            } else {
                fail("kind", codes::Required);
            }
        }
        if (!kind) return std::nullopt;
        a.kind = *kind;
        a.attributes = defaultAttributes(*kind);

        if (auto v = value("source_id")) a.sourceId = m_fields.at("source_id").prefix + v->text;
        else fail("source_id", codes::Required, {{"column", firstColumn("source_id")}});

        if (auto v = value("code")) a.code = m_fields.at("code").prefix + v->text;
        else if (!m_mapping.codePrefix.empty() && !a.sourceId.empty()) a.code = m_mapping.codePrefix + a.sourceId;

        std::optional<Uuid> id;
        if (auto v = value("id")) {
            id = Uuid::parse(v->text);
            if (!id) fail("id", codes::InvalidUuid, {{"value", v->text}, {"column", v->column}});
        }

        readGeometry(a);

        if (auto v = value("status")) {
            auto s = enumFromName<AssetStatus>(v->text);
            if (s) a.status = *s;
            else fail("status", codes::InvalidEnum, {{"value", v->text}, {"column", v->column}});
        }
        if (auto n = integer("condition_grade")) a.conditionGrade = *n;
        a.conditionScore = number("condition_score");
        if (auto v = value("side")) {
            auto s = enumFromName<StreetSide>(v->text);
            if (s) a.side = *s;
            else fail("side", codes::InvalidEnum, {{"value", v->text}, {"column", v->column}});
        }
        a.chainageFromM = number("chainage_from_m");
        a.chainageToM = number("chainage_to_m");

        readExtra(a);
        readStreet(a);
        readAttributes(a);

        if (m_failed) return std::nullopt;
        for (auto& e : rules::validateAsset(a)) fail(std::move(e.field), e.code, std::move(e.params));
        if (m_failed) return std::nullopt;
        a.id = id ? *id : m_options.ids.next();
        return a;
    }

private:
    void fail(std::string field, std::string_view code, std::map<std::string, std::string> params = {})
    {
        m_failed = true;
        m_issues.push_back(ImportIssue{m_line, std::move(field), std::string(code), std::move(params)});
    }

    std::string firstColumn(const std::string& target) const
    {
        auto it = m_fields.find(target);
        return it == m_fields.end() || it->second.columns.empty() ? target : it->second.columns.front();
    }

    bool isBlank(const Cell& c) const
    {
        if (!c.present) return true;
        if (c.number || (c.raw && !c.raw->is_string())) return false;
        if (c.text.empty()) return true;
        for (const auto& b : m_mapping.blankValues)
            if (c.text == b) return true;
        return false;
    }

    std::optional<Value> value(const std::string& target)
    {
        auto it = m_fields.find(target);
        if (it == m_fields.end()) return std::nullopt;
        const FieldSpec& spec = it->second;
        for (const auto& column : spec.columns) {
            Cell c = m_row.get(column);
            if (isBlank(c)) continue;
            if (!spec.strip.empty() && !c.number) {
                const auto b = c.text.find_first_not_of(spec.strip);
                if (b == std::string::npos) continue;
                c.text = c.text.substr(b, c.text.find_last_not_of(spec.strip) - b + 1);
            }
            if (matchesSentinel(c, spec.unknown)) return std::nullopt;
            if (!spec.values.empty()) {
                auto mapped = spec.values.find(c.text);
                if (mapped == spec.values.end()) {
                    fail(target, codes::InvalidEnum, {{"value", c.text}, {"column", column}});
                    return std::nullopt;
                }
                Cell m = cellFromJson(mapped->second);
                return Value{m.text, m.number, nullptr, column};
            }
            return Value{std::move(c.text), c.number, c.raw, column};
        }
        return std::nullopt;
    }

    std::optional<double> number(const std::string& target)
    {
        auto v = value(target);
        if (!v) return std::nullopt;
        auto n = v->number ? v->number : parseNumber(v->text);
        if (!n) {
            fail(target, codes::InvalidFormat, {{"expected", "number"}, {"value", v->text}, {"column", v->column}});
            return std::nullopt;
        }
        if (const auto& scale = m_fields.at(target).scale) *n *= *scale;
        return n;
    }

    std::optional<int> integer(const std::string& target)
    {
        auto n = number(target);
        if (!n) return std::nullopt;
        if (*n != std::floor(*n) || std::abs(*n) > 1e9) {
            fail(target, codes::InvalidFormat, {{"expected", "integer"}, {"value", formatNumber(*n)}});
            return std::nullopt;
        }
        return static_cast<int>(*n);
    }

    std::optional<std::string> text(const std::string& target)
    {
        auto v = value(target);
        if (!v) return std::nullopt;
        return m_fields.at(target).prefix + v->text;
    }

    std::optional<Date> date(const std::string& target)
    {
        auto v = value(target);
        if (!v) return std::nullopt;
        auto d = parseDateAs(v->text, m_fields.at(target).dateFormat, m_mapping.twoDigitYearPivot);
        if (!d) fail(target, codes::InvalidDate, {{"value", v->text}, {"column", v->column},
                                                  {"expected", m_fields.at(target).dateFormat}});
        return d;
    }

    std::optional<GeoPoint> point(const Json& coords, const std::string& field)
    {
        if (coords.is_array() && coords.size() >= 2 && coords[0].is_number() && coords[1].is_number())
            return GeoPoint{coords[0].get<double>(), coords[1].get<double>()};
        fail(field, codes::InvalidFormat, {{"expected", "[lon,lat]"}});
        return std::nullopt;
    }

    void readLine(const Json& coords, Asset& a)
    {
        if (!coords.is_array() || coords.empty()) {
            fail("geometry", codes::InvalidFormat, {{"expected", "[[lon,lat],...]"}});
            return;
        }
        for (std::size_t i = 0; i < coords.size(); ++i)
            if (auto p = point(coords[i], "geometry[" + std::to_string(i) + "]")) a.geometry.push_back(*p);
    }

    // `v` as a number into `out`; false (with an invalid_format issue on `target`) otherwise.
    bool coordinate(const std::string& target, const Value& v, double& out)
    {
        if (v.number) {
            out = *v.number;
            return true;
        }
        if (auto parsed = parseNumber(v.text)) {
            out = *parsed;
            return true;
        }
        fail(target, codes::InvalidFormat, {{"expected", "number"}, {"value", v.text}, {"column", v.column}});
        return false;
    }

    void readGeometry(Asset& a)
    {
        if (auto g = value("geometry")) {
            if (g->raw && !g->raw->is_string()) {
                readLine(*g->raw, a);
            } else {
                Json parsed = Json::parse(g->text, nullptr, false);
                if (parsed.is_discarded()) fail("geometry", codes::InvalidFormat, {{"expected", "[[lon,lat],...]"}, {"column", g->column}});
                else readLine(parsed, a);
            }
            return;
        }
        const bool hasLonLat = m_fields.contains("lon") || m_fields.contains("lat");
        const Json* featureGeometry = m_row.geometry();
        if (hasLonLat) {
            auto lon = value("lon");
            auto lat = value("lat");
            if (lon || lat || !featureGeometry) {
                if (!lon) fail("lon", codes::Required, {{"column", firstColumn("lon")}});
                if (!lat) fail("lat", codes::Required, {{"column", firstColumn("lat")}});
                // Plain doubles with explicit flags (not optionals picked by a conditional):
                // every path writes them before they are read.
                double x = 0.0;
                double y = 0.0;
                const bool haveX = lon && coordinate("lon", *lon, x);
                const bool haveY = lat && coordinate("lat", *lat, y);
                if (haveX && haveY) a.geometry.push_back(GeoPoint{x, y});
                return;
            }
        }
        if (!featureGeometry || featureGeometry->is_null()) {
            fail("geometry", codes::Required);
            return;
        }
        const Json& g = *featureGeometry;
        const auto type = g.is_object() && g.contains("type") && g["type"].is_string() ? g["type"].get<std::string>() : std::string();
        if (!g.is_object() || !g.contains("coordinates")) {
            fail("geometry", codes::InvalidFormat, {{"expected", "geojson_geometry"}});
        } else if (type == "Point") {
            if (auto p = point(g["coordinates"], "geometry")) a.geometry.push_back(*p);
        } else if (type == "LineString" || type == "MultiPoint") {
            readLine(g["coordinates"], a);
        } else {
            fail("geometry", codes::InvalidEnum, {{"value", type}, {"expected", "Point|LineString|MultiPoint"}});
        }
    }

    // Same result as the generic loop below: a later duplicate column overwrites an earlier one.
    void readPlannedExtra(Asset& a)
    {
        const auto& fields = m_row.fields();
        Json::object_t* obj = nullptr;
        Json::object_t::iterator last;
        Cell c;
        c.present = true;
        for (const auto& e : *m_extraPlan) {
            if (e.index >= fields.size()) continue;
            const std::string_view text = fields[e.index];
            if (text.empty()) continue;
            bool blank = false;
            for (const auto& b : m_mapping.blankValues) blank = blank || text == b;
            if (blank) continue;
            if (e.sentinels) {
                c.text.assign(text);
                if (matchesSentinel(c, *e.sentinels)) continue;
            }
            if (!obj) {
                obj = &a.extra.get_ref<Json::object_t&>();
                last = obj->end();
            }
            if (last != obj->end() && last->first == *e.name) {
                last->second = Json(std::string(text));
                continue;
            }
            // Keys arrive sorted and distinct from all earlier ones (duplicates are adjacent).
            last = obj->emplace_hint(obj->end(), *e.name, Json(std::string(text)));
        }
    }

    void readExtra(Asset& a)
    {
        if constexpr (std::is_same_v<Row, CsvRow>) {
            if (m_extraPlan && a.extra.is_object() && a.extra.empty()) readPlannedExtra(a);
            else readGenericExtra(a);
        } else {
            readGenericExtra(a);
        }
        readExtraJson(a);
    }

    void readGenericExtra(Asset& a)
    {
        m_row.forEach([&](const std::string& column, const Cell& c) {
            if (m_mapped.contains(column) || isBlank(c)) return;
            if (auto it = m_mapping.extraUnknown.find(column);
                it != m_mapping.extraUnknown.end() && matchesSentinel(c, it->second))
                return;
            a.extra[column] = c.raw ? *c.raw : Json(c.text);
        });
    }

    void readExtraJson(Asset& a)
    {
        if (m_mapping.extraJsonColumn.empty()) return;
        Cell c = m_row.get(m_mapping.extraJsonColumn);
        if (isBlank(c)) return;
        Json obj = c.raw && !c.raw->is_string() ? *c.raw : Json::parse(c.text, nullptr, false);
        if (!obj.is_object()) {
            fail("extra", codes::InvalidFormat, {{"expected", "json_object"}, {"column", m_mapping.extraJsonColumn}});
            return;
        }
        a.extra.update(obj);
    }

    void readStreet(Asset& a)
    {
        if (auto v = value("street_id")) {
            a.streetId = Uuid::parse(v->text);
            if (!a.streetId) fail("street_id", codes::InvalidUuid, {{"value", v->text}, {"column", v->column}});
            return;
        }
        if (auto name = value("street")) {
            auto it = m_options.streetIdsByName.find(name->text);
            if (it != m_options.streetIdsByName.end()) a.streetId = it->second;
            else a.extra["street"] = name->text; // unresolved: kept, not lost
        }
    }

    void readAttributes(Asset& a)
    {
        for (const auto& [target, spec] : m_fields) {
            const auto owner = attributeKind(target);
            if (!owner) continue;
            const bool applies = *owner == a.kind || (target == "diameter_mm" && a.kind == AssetKind::PipeSegment);
            if (!applies) {
                if (auto v = value(target))
                    fail(target, codes::Mismatch, {{"with", "kind"}, {"kind", std::string(enumName(a.kind))}, {"column", v->column}});
                continue;
            }
            std::visit([&](auto& attrs) { setAttribute(attrs, target); }, a.attributes);
        }
    }

    void setAttribute(SidewalkAttributes& s, const std::string& t)
    {
        if (t == "paving_type") s.pavingType = text(t);
        else if (t == "width_m") s.widthM = number(t);
        else if (t == "area_m2") s.areaM2 = number(t);
    }
    void setAttribute(StormInletAttributes& s, const std::string& t)
    {
        if (t == "grate_type") s.grateType = text(t);
        else if (t == "last_cleaned") s.lastCleaned = date(t);
    }
    void setAttribute(ManholeAttributes& s, const std::string& t)
    {
        if (t == "cover_material") s.coverMaterial = text(t);
        else if (t == "diameter_mm") s.diameterMm = number(t);
        else if (t == "load_class") s.loadClass = text(t);
    }
    void setAttribute(PipeAttributes& s, const std::string& t)
    {
        if (t == "diameter_mm") s.diameterMm = number(t);
        else if (t == "length_m") s.lengthM = number(t);
        else if (t == "material") s.material = text(t);
    }
    void setAttribute(BridgeAttributes& s, const std::string& t)
    {
        if (t == "span_m") s.spanM = number(t);
        else if (t == "deck_area_m2") s.deckAreaM2 = number(t);
        else if (t == "rating") s.rating = integer(t);
    }

    const ImportMapping& m_mapping;
    const std::map<std::string, FieldSpec>& m_fields = m_mapping.fields;
    const ImportOptions& m_options;
    const std::set<std::string>& m_mapped;
    const Row& m_row;
    int m_line;
    std::vector<ImportIssue>& m_issues;
    const std::vector<ExtraColumn>* m_extraPlan; // CSV only; null = generic per-row loop
    bool m_failed = false;
};

// Chooses the mapping (explicit file > built-in by name > detected built-in > generic) and
// checks it against the format, the --kind option and the columns present. On failure
// `result.fileError` is set (and mapping file problems are listed in result.issues).
std::optional<ImportMapping> selectMapping(const ImportOptions& o, ImportFormat format,
                                           const std::set<std::string>& columns, ImportResult& result)
{
    std::optional<ImportMapping> chosen;
    if (!o.mapping.is_null()) {
        auto m = ImportMapping::fromJson(o.mapping);
        if (!m) {
            for (const auto& e : m.error().fields) result.issues.push_back(ImportIssue{0, "mapping." + e.field, e.code, e.params});
            result.fileError = ImportIssue{0, "mapping", std::string(codes::ValidationFailed), {}};
            return std::nullopt;
        }
        chosen = std::move(m).value();
    } else if (!o.mappingName.empty()) {
        auto m = ImportMapping::builtin(o.mappingName);
        if (!m) {
            result.fileError = ImportIssue{0, "mapping", m.error().code, m.error().params};
            return std::nullopt;
        }
        chosen = std::move(m).value();
    } else {
        for (const auto& name : ImportMapping::builtinNames()) {
            if (name == "generic") continue;
            auto m = ImportMapping::builtin(name);
            if (!m || (m->format && *m->format != format) || (o.kind && m->kind && *m->kind != *o.kind)) continue;
            if (m->matches(columns)) {
                chosen = std::move(m).value();
                break;
            }
        }
        if (!chosen) chosen = ImportMapping::builtin("generic").value();
    }
    result.mappingName = chosen->name;
    if (chosen->format && *chosen->format != format) {
        result.fileError = ImportIssue{0, "format", std::string(codes::Mismatch), {{"with", chosen->name}}};
        return std::nullopt;
    }
    if (o.kind && chosen->kind && *o.kind != *chosen->kind) {
        result.fileError = ImportIssue{0, "kind", std::string(codes::Mismatch),
                                       {{"with", chosen->name}, {"value", std::string(enumName(*o.kind))}}};
        return std::nullopt;
    }
    // Without any source-id column no row could be accepted: refuse the file once rather than
    // reporting every row.
    if (auto it = chosen->fields.find("source_id"); it == chosen->fields.end()) {
        result.fileError = ImportIssue{0, "source_id", std::string(codes::Required), {{"mapping", chosen->name}}};
        return std::nullopt;
    } else {
        bool any = false;
        for (const auto& c : it->second.columns) any = any || columns.contains(c);
        if (!any) {
            result.fileError = ImportIssue{0, "source_id", std::string(codes::Required),
                                           {{"column", it->second.columns.empty() ? "" : it->second.columns.front()},
                                            {"mapping", chosen->name}}};
            return std::nullopt;
        }
    }
    return chosen;
}

// Accepts or rejects one built asset, enforcing unique source ids within the file.
class Collector {
public:
    // `expectedRows` (an upper bound when known, else 0) sizes the outputs once: growing a
    // vector of assets moves every asset already read, again and again.
    Collector(ImportResult& r, std::size_t expectedRows) : m_r(r)
    {
        m_r.assets.reserve(expectedRows);
        m_firstLine.reserve(expectedRows);
    }
    void add(std::optional<Asset> asset, int line)
    {
        ++m_r.read;
        if (asset) {
            auto [it, inserted] = m_firstLine.emplace(asset->sourceId, line);
            if (inserted) {
                ++m_r.accepted;
                m_r.assets.push_back(std::move(*asset));
                return;
            }
            m_r.issues.push_back(ImportIssue{line, "source_id", std::string(codes::Duplicate),
                                             {{"value", asset->sourceId}, {"first_line", std::to_string(it->second)}}});
        }
        ++m_r.rejected;
    }

private:
    ImportResult& m_r;
    std::unordered_map<std::string, int> m_firstLine;
};

void refuseFile(ImportResult& r, ImportIssue why)
{
    r.fileError = std::move(why);
    r.assets.clear();
    r.rejected = r.read;
    r.accepted = 0;
}

ImportResult importCsv(CsvReader& reader, const ImportOptions& options, std::size_t expectedRows)
{
    ImportResult r;
    auto status = reader.next();
    if (status == CsvReader::Status::Broken) {
        const auto& p = reader.error();
        refuseFile(r, ImportIssue{p.line, "", p.code, p.params});
        return r;
    }
    if (status == CsvReader::Status::End) {
        refuseFile(r, ImportIssue{1, "header", std::string(codes::Required), {}});
        return r;
    }
    const std::vector<std::string> header(reader.fields().begin(), reader.fields().end());
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < header.size(); ++i) index.emplace(header[i], i);
    const std::set<std::string> columns(header.begin(), header.end());

    auto mapping = selectMapping(options, ImportFormat::Csv, columns, r);
    if (!mapping) return r;
    const auto mapped = mapping->mappedColumns();
    reader.expectFieldCount(header.size());
    const auto extraPlan = planExtra(header, mapped, *mapping);

    Collector collector(r, expectedRows);
    for (;;) {
        status = reader.next();
        if (status == CsvReader::Status::End) break;
        if (status == CsvReader::Status::Broken) {
            const auto& p = reader.error();
            ++r.read;
            refuseFile(r, ImportIssue{p.line, "", p.code, p.params});
            return r;
        }
        if (status == CsvReader::Status::BadRecord) {
            const auto& p = reader.error();
            r.issues.push_back(ImportIssue{p.line, "", p.code, p.params});
            collector.add(std::nullopt, reader.line());
            continue;
        }
        CsvRow row(header, index, reader.fields());
        AssetBuilder<CsvRow> builder(*mapping, options, mapped, row, reader.line(), r.issues, &extraPlan);
        collector.add(builder.build(), reader.line());
    }
    return r;
}

ImportResult importGeoJson(const Json& doc, const ImportOptions& options)
{
    ImportResult r;
    if (!doc.is_object() || doc.value("type", Json()) != "FeatureCollection" || !doc.contains("features") ||
        !doc["features"].is_array()) {
        refuseFile(r, ImportIssue{0, "", std::string(codes::InvalidFormat), {{"expected", "FeatureCollection"}}});
        return r;
    }
    const Json& features = doc["features"];
    std::set<std::string> columns;
    for (const auto& f : features) {
        if (!f.is_object()) continue;
        if (f.contains("id")) columns.insert("$id");
        if (auto p = f.find("properties"); p != f.end() && p->is_object())
            for (auto it = p->begin(); it != p->end(); ++it) columns.insert(it.key());
    }
    auto mapping = selectMapping(options, ImportFormat::GeoJson, columns, r);
    if (!mapping) return r;
    const auto mapped = mapping->mappedColumns();

    Collector collector(r, features.size());
    const Json noProperties = Json::object();
    for (std::size_t i = 0; i < features.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const Json& f = features[i];
        if (!f.is_object() || f.value("type", Json()) != "Feature") {
            r.issues.push_back(ImportIssue{number, "", std::string(codes::InvalidFormat), {{"expected", "Feature"}}});
            collector.add(std::nullopt, number);
            continue;
        }
        auto p = f.find("properties");
        const Json& props = (p != f.end() && p->is_object()) ? *p : noProperties;
        FeatureRow row(f, props);
        AssetBuilder<FeatureRow> builder(*mapping, options, mapped, row, number, r.issues);
        collector.add(builder.build(), number);
    }
    return r;
}

ImportResult malformedJson(const Json::parse_error& e)
{
    ImportResult r;
    refuseFile(r, ImportIssue{0, "", std::string(codes::MalformedJson), {{"offset", std::to_string(e.byte)}}});
    return r;
}

} // namespace

ImportResult importAssets(std::istream& data, ImportFormat format, const ImportOptions& options)
{
    if (format == ImportFormat::Csv) {
        CsvReader reader(data);
        return importCsv(reader, options, 0);
    }
    const std::string text{std::istreambuf_iterator<char>(data), std::istreambuf_iterator<char>()};
    return importAssets(std::string_view(text), format, options);
}

ImportResult importAssets(std::string_view data, ImportFormat format, const ImportOptions& options)
{
    if (format == ImportFormat::Csv) {
        // Line breaks bound the record count from above (quoted ones only overestimate).
        const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n'));
        CsvReader reader(data);
        return importCsv(reader, options, lines + 1);
    }
    // A UTF-8 BOM before the JSON text is tolerated (some GIS tools write one).
    if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
    Json doc;
    try {
        doc = Json::parse(data.begin(), data.end());
    } catch (const Json::parse_error& e) {
        return malformedJson(e);
    }
    return importGeoJson(doc, options);
}

} // namespace yanghu::transfer
