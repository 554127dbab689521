// SPDX-License-Identifier: MIT
#include "transfer/ImportMapping.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <array>
#include <utility>

namespace yanghu::transfer {

namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 15> CommonTargets = {
    "id", "source_id", "code", "kind", "status", "lon", "lat", "geometry", "condition_grade",
    "condition_score", "street_id", "street", "side", "chainage_from_m", "chainage_to_m"};

constexpr std::array<std::pair<std::string_view, AssetKind>, 13> AttributeTargets = {{
    {"paving_type", AssetKind::SidewalkSegment},
    {"width_m", AssetKind::SidewalkSegment},
    {"area_m2", AssetKind::SidewalkSegment},
    {"grate_type", AssetKind::StormInlet},
    {"last_cleaned", AssetKind::StormInlet},
    {"cover_material", AssetKind::Manhole},
    {"diameter_mm", AssetKind::Manhole}, // pipes too: see attributeKind()
    {"load_class", AssetKind::Manhole},
    {"length_m", AssetKind::PipeSegment},
    {"material", AssetKind::PipeSegment},
    {"span_m", AssetKind::Bridge},
    {"deck_area_m2", AssetKind::Bridge},
    {"rating", AssetKind::Bridge},
}};

// name, JSON text
constexpr std::pair<std::string_view, std::string_view> Builtins[] = {
#include "BuiltinMappings.inc"
};

FieldError fieldError(std::string field, std::string_view code, std::map<std::string, std::string> params = {})
{
    return FieldError{std::move(field), std::string(code), std::move(params)};
}

void readStrings(const Json& json, const std::string& path, std::vector<std::string>& out,
                 std::vector<FieldError>& errors)
{
    if (json.is_string()) {
        out.push_back(json.get<std::string>());
        return;
    }
    if (!json.is_array()) {
        errors.push_back(fieldError(path, codes::WrongType, {{"expected", "array"}}));
        return;
    }
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (!json[i].is_string())
            errors.push_back(fieldError(path + "[" + std::to_string(i) + "]", codes::WrongType, {{"expected", "string"}}));
        else
            out.push_back(json[i].get<std::string>());
    }
}

void readSentinels(const Json& json, const std::string& path, std::vector<Json>& out, std::vector<FieldError>& errors)
{
    if (!json.is_array()) {
        errors.push_back(fieldError(path, codes::WrongType, {{"expected", "array"}}));
        return;
    }
    for (const auto& v : json) out.push_back(v);
}

FieldSpec readFieldSpec(const Json& json, const std::string& path, std::vector<FieldError>& errors)
{
    FieldSpec spec;
    if (json.is_string()) { // shorthand: "target": "COLUMN"
        spec.columns.push_back(json.get<std::string>());
        return spec;
    }
    if (!json.is_object()) {
        errors.push_back(fieldError(path, codes::WrongType, {{"expected", "object"}}));
        return spec;
    }
    if (!json.contains("column"))
        errors.push_back(fieldError(path + ".column", codes::Required));
    else
        readStrings(json["column"], path + ".column", spec.columns, errors);
    if (json.contains("values")) {
        if (!json["values"].is_object())
            errors.push_back(fieldError(path + ".values", codes::WrongType, {{"expected", "object"}}));
        else
            for (const auto& [k, v] : json["values"].items()) spec.values.emplace(k, v);
    }
    if (json.contains("unknown")) readSentinels(json["unknown"], path + ".unknown", spec.unknown, errors);
    if (json.contains("date_format")) {
        const auto& f = json["date_format"];
        if (!f.is_string() || (f != "M/D/Y" && f != "YYYYMMDD" && f != "YYYY-MM-DD"))
            errors.push_back(fieldError(path + ".date_format", codes::InvalidEnum, {{"value", f.dump()}}));
        else
            spec.dateFormat = f.get<std::string>();
    }
    if (json.contains("scale")) {
        if (!json["scale"].is_number())
            errors.push_back(fieldError(path + ".scale", codes::WrongType, {{"expected", "number"}}));
        else
            spec.scale = json["scale"].get<double>();
    }
    for (const char* key : {"strip", "prefix"}) {
        if (!json.contains(key)) continue;
        if (!json[key].is_string())
            errors.push_back(fieldError(path + "." + key, codes::WrongType, {{"expected", "string"}}));
        else
            (std::string_view(key) == "strip" ? spec.strip : spec.prefix) = json[key].get<std::string>();
    }
    return spec;
}

} // namespace

bool isKnownTarget(std::string_view target)
{
    for (auto t : CommonTargets)
        if (t == target) return true;
    for (const auto& [t, k] : AttributeTargets)
        if (t == target) return true;
    return false;
}

std::optional<AssetKind> attributeKind(std::string_view target)
{
    for (const auto& [t, k] : AttributeTargets)
        if (t == target) return k;
    return std::nullopt;
}

std::set<std::string> ImportMapping::mappedColumns() const
{
    std::set<std::string> out;
    for (const auto& [target, spec] : fields) out.insert(spec.columns.begin(), spec.columns.end());
    if (!extraJsonColumn.empty()) out.insert(extraJsonColumn);
    return out;
}

bool ImportMapping::matches(const std::set<std::string>& columns) const
{
    if (detect.empty()) return false;
    for (const auto& c : detect)
        if (!columns.contains(c)) return false;
    return true;
}

Result<ImportMapping> ImportMapping::fromJson(const Json& json)
{
    std::vector<FieldError> errors;
    ImportMapping m;
    if (!json.is_object()) return Error::validation({fieldError("", codes::WrongType, {{"expected", "object"}})});

    if (json.contains("name") && json["name"].is_string()) m.name = json["name"].get<std::string>();
    else m.name = "custom";

    if (json.contains("format")) {
        const auto& f = json["format"];
        if (f == "csv") m.format = ImportFormat::Csv;
        else if (f == "geojson") m.format = ImportFormat::GeoJson;
        else if (f != "any") errors.push_back(fieldError("format", codes::InvalidEnum, {{"value", f.dump()}}));
    }
    if (json.contains("kind") && !json["kind"].is_null()) {
        const auto& k = json["kind"];
        auto kind = k.is_string() ? enumFromName<AssetKind>(k.get<std::string>()) : std::nullopt;
        if (!kind) errors.push_back(fieldError("kind", codes::InvalidEnum, {{"value", k.is_string() ? k.get<std::string>() : k.dump()}}));
        m.kind = kind;
    }
    if (json.contains("detect")) readStrings(json["detect"], "detect", m.detect, errors);
    if (json.contains("blank_values")) readStrings(json["blank_values"], "blank_values", m.blankValues, errors);
    if (json.contains("two_digit_year_pivot")) {
        const auto& p = json["two_digit_year_pivot"];
        if (!p.is_number_integer() || p.get<int>() < 0 || p.get<int>() > 100)
            errors.push_back(fieldError("two_digit_year_pivot", codes::OutOfRange, {{"min", "0"}, {"max", "100"}}));
        else
            m.twoDigitYearPivot = p.get<int>();
    }
    if (json.contains("code_prefix")) {
        if (!json["code_prefix"].is_string())
            errors.push_back(fieldError("code_prefix", codes::WrongType, {{"expected", "string"}}));
        else
            m.codePrefix = json["code_prefix"].get<std::string>();
    }
    if (json.contains("extra_json_column")) {
        if (!json["extra_json_column"].is_string())
            errors.push_back(fieldError("extra_json_column", codes::WrongType, {{"expected", "string"}}));
        else
            m.extraJsonColumn = json["extra_json_column"].get<std::string>();
    }
    if (!json.contains("fields") || !json["fields"].is_object()) {
        errors.push_back(fieldError("fields", codes::Required));
    } else {
        for (const auto& [target, spec] : json["fields"].items()) {
            const std::string path = "fields." + target;
            if (!isKnownTarget(target)) {
                errors.push_back(fieldError(path, codes::InvalidEnum, {{"value", target}}));
                continue;
            }
            m.fields.emplace(target, readFieldSpec(spec, path, errors));
        }
    }
    if (json.contains("extra")) {
        if (!json["extra"].is_object()) {
            errors.push_back(fieldError("extra", codes::WrongType, {{"expected", "object"}}));
        } else {
            for (const auto& [column, rule] : json["extra"].items()) {
                auto& sentinels = m.extraUnknown[column];
                if (rule.is_object() && rule.contains("unknown"))
                    readSentinels(rule["unknown"], "extra." + column + ".unknown", sentinels, errors);
            }
        }
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    return m;
}

std::vector<std::string> ImportMapping::builtinNames()
{
    std::vector<std::string> names;
    for (const auto& [name, text] : Builtins) names.emplace_back(name);
    return names;
}

Result<ImportMapping> ImportMapping::builtin(std::string_view name)
{
    for (const auto& [n, text] : Builtins) {
        if (n != name) continue;
        // The built-in files are part of the source tree; a parse failure is a programmer error
        // that the tests catch, so letting nlohmann throw is right here.
        return fromJson(Json::parse(text));
    }
    return Error::of(std::string(codes::NotFound), {{"mapping", std::string(name)}});
}

} // namespace yanghu::transfer
