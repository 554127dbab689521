// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/Validation.h"

#include "yanghu/core/rules/ErrorCodes.h"
#include "rules/Text.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <type_traits>

namespace yanghu::rules {

namespace {

using Params = std::map<std::string, std::string>;

// Shortest text that reads back as the same double ("0.5", "-180", "nan").
std::string number(double value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc{}) return std::to_string(value);
    return std::string(buffer, end);
}
std::string number(long long value) { return std::to_string(value); }

std::string indexed(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

bool isSet(const std::optional<Uuid>& id) { return id && !id->isNil(); }

bool isSha256Hex(std::string_view text)
{
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool isUsernameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// Collects every problem of one entity. Each check adds at most one error per field, so a
// client can show one message beside each input.
class Problems {
public:
    void add(std::string field, std::string_view code, Params params = {})
    {
        m_errors.push_back(FieldError{std::move(field), std::string(code), std::move(params)});
    }

    void required(std::string field) { add(std::move(field), codes::Required); }

    // Free text: well-formed UTF-8 first (a length or blank check on broken bytes means
    // nothing), then non-blank when `mustHave`, then at most `maxBytes` bytes (0 = no limit).
    void text(const std::string& field, std::string_view value, bool mustHave, std::size_t maxBytes = 0)
    {
        if (!isValidUtf8(value))
            add(field, codes::InvalidFormat, {{"expected", "utf8"}});
        else if (mustHave && isBlank(value))
            required(field);
        else if (maxBytes != 0 && value.size() > maxBytes)
            add(field, codes::TooLong, {{"max", std::to_string(maxBytes)}});
    }

    void optionalText(const std::string& field, const std::optional<std::string>& value)
    {
        if (value) text(field, *value, false);
    }

    void intRange(const std::string& field, long long value, long long min, long long max)
    {
        if (value < min || value > max)
            add(field, codes::OutOfRange, {{"min", number(min)}, {"max", number(max)}, {"value", number(value)}});
    }

    // min <= value <= max, and finite.
    void range(const std::string& field, double value, double min, double max)
    {
        if (!std::isfinite(value) || value < min || value > max)
            add(field, codes::OutOfRange, {{"min", number(min)}, {"max", number(max)}, {"value", number(value)}});
    }

    // value >= min, and finite.
    void atLeast(const std::string& field, double value, double min)
    {
        if (!std::isfinite(value) || value < min)
            add(field, codes::OutOfRange, {{"min", number(min)}, {"value", number(value)}});
    }

    // value > 0 (and <= max when given), finite. "min_exclusive" tells the reader that 0
    // itself is out.
    void positive(const std::string& field, double value, std::optional<double> max = std::nullopt)
    {
        if (std::isfinite(value) && value > 0 && (!max || value <= *max)) return;
        Params params{{"min", "0"}, {"min_exclusive", "true"}, {"value", number(value)}};
        if (max) params["max"] = number(*max);
        add(field, codes::OutOfRange, std::move(params));
    }

    void positive(const std::string& field, const std::optional<double>& value)
    {
        if (value) positive(field, *value);
    }

    void point(const GeoPoint& p, const std::string& field)
    {
        range(field + ".lon", p.lon, -180, 180);
        range(field + ".lat", p.lat, -90, 90);
    }

    void points(const std::vector<GeoPoint>& list, const std::string& field)
    {
        for (std::size_t i = 0; i < list.size(); ++i) point(list[i], indexed(field, i));
    }

    void photos(const std::vector<std::string>& list)
    {
        for (std::size_t i = 0; i < list.size(); ++i)
            if (!isSha256Hex(list[i])) add(indexed("photos", i), codes::InvalidFormat, {{"expected", "sha256_hex"}});
    }

    void date(const std::string& field, const Date& d)
    {
        if (!d.ok()) add(field, codes::InvalidDate);
    }

    std::vector<FieldError> take() { return std::move(m_errors); }

private:
    std::vector<FieldError> m_errors;
};

void checkAttributes(Problems& p, const SidewalkAttributes& a)
{
    p.optionalText("attributes.paving_type", a.pavingType);
    p.positive("attributes.width_m", a.widthM);
    p.positive("attributes.area_m2", a.areaM2);
}
void checkAttributes(Problems& p, const StormInletAttributes& a)
{
    p.optionalText("attributes.grate_type", a.grateType);
    if (a.lastCleaned) p.date("attributes.last_cleaned", *a.lastCleaned);
}
void checkAttributes(Problems& p, const ManholeAttributes& a)
{
    p.optionalText("attributes.cover_material", a.coverMaterial);
    p.positive("attributes.diameter_mm", a.diameterMm);
    p.optionalText("attributes.load_class", a.loadClass);
}
void checkAttributes(Problems& p, const PipeAttributes& a)
{
    p.positive("attributes.diameter_mm", a.diameterMm);
    p.positive("attributes.length_m", a.lengthM);
    p.optionalText("attributes.material", a.material);
}
void checkAttributes(Problems& p, const BridgeAttributes& a)
{
    p.positive("attributes.span_m", a.spanM);
    p.positive("attributes.deck_area_m2", a.deckAreaM2);
    if (a.rating) p.intRange("attributes.rating", *a.rating, 0, 9);
}

// A link that must be present exactly when the report is in `status`.
void checkStatusLink(Problems& p, bool inStatus, bool linkPresent, const std::string& field)
{
    if (inStatus && !linkPresent) p.required(field);
    if (!inStatus && linkPresent) p.add(field, codes::NotAllowed);
}

void checkWindow(Problems& p, const ShiftWindow& window, const std::string& field)
{
    const auto startField = field + ".start";
    const auto endField = field + ".end";
    p.intRange(startField, window.start, 0, 24 * 60 - 1);
    p.intRange(endField, window.end, 0, 24 * 60 - 1);
    // end < start is a window across midnight (the night shift); only equal bounds are empty.
    if (window.start == window.end) p.add(field, codes::Empty);
}

} // namespace

std::vector<FieldError> validateGeoPoint(const GeoPoint& point, const std::string& field)
{
    Problems p;
    p.point(point, field);
    return p.take();
}

std::vector<FieldError> validateStreet(const Street& street)
{
    Problems p;
    p.text("name", street.name, true, 200);
    p.text("district", street.district, true);
    p.atLeast("length_m", street.lengthM, 0);
    p.points(street.centreline, "centreline");
    return p.take();
}

std::vector<FieldError> validateAsset(const Asset& asset)
{
    Problems p;
    p.text("code", asset.code, true, 64);
    if (asset.geometry.empty()) p.add("geometry", codes::Empty);
    p.points(asset.geometry, "geometry");
    if (attributesKind(asset.attributes) != asset.kind) p.add("attributes", codes::Mismatch, {{"with", "kind"}});
    std::visit([&p](const auto& attributes) { checkAttributes(p, attributes); }, asset.attributes);
    if (asset.conditionGrade) p.intRange("condition_grade", *asset.conditionGrade, 1, 5);
    if (asset.conditionScore) p.range("condition_score", *asset.conditionScore, 0, 100);
    if (asset.chainageFromM) p.atLeast("chainage_from_m", *asset.chainageFromM, 0);
    if (asset.chainageToM) p.atLeast("chainage_to_m", *asset.chainageToM, 0);
    // Order is only meaningful between two valid chainages (one error per field).
    if (asset.chainageFromM && asset.chainageToM && *asset.chainageFromM >= 0 && *asset.chainageToM >= 0 &&
        *asset.chainageToM < *asset.chainageFromM)
        p.add("chainage_to_m", codes::OrderInvalid, {{"after", "chainage_from_m"}});
    // A side only means something along a street.
    if (asset.side != StreetSide::None && !isSet(asset.streetId)) p.required("street_id");
    p.text("source_id", asset.sourceId, false);
    return p.take();
}

std::vector<FieldError> validateDefectReport(const DefectReport& report)
{
    Problems p;
    p.intRange("severity", report.severity, 1, 4);
    p.text("description", report.description, false, 4000);
    if (report.location) p.point(*report.location, "location");
    if (!isSet(report.assetId) && !report.location) p.add("asset_id", codes::Required, {{"alternative", "location"}});
    checkStatusLink(p, report.status == DefectStatus::Duplicate, isSet(report.duplicateOf), "duplicate_of");
    checkStatusLink(p, report.status == DefectStatus::Converted, isSet(report.workOrderId), "work_order_id");
    if (!isValidUtf8(report.rejectReason))
        p.add("reject_reason", codes::InvalidFormat, {{"expected", "utf8"}});
    else
        checkStatusLink(p, report.status == DefectStatus::Rejected, !isBlank(report.rejectReason), "reject_reason");
    p.photos(report.photos);
    p.text("external_id", report.externalId, false);
    return p.take();
}

std::vector<FieldError> validateWorkOrder(const WorkOrder& order)
{
    Problems p;
    p.text("number", order.number, false);
    p.text("title", order.title, true, 200);
    p.text("description", order.description, false);
    p.intRange("priority", order.priority, 1, 4);
    p.intRange("estimated_minutes", order.estimatedMinutes, 1, 7 * 24 * 60);
    if (order.assetIds.empty() && order.defectIds.empty())
        p.add("asset_ids", codes::Required, {{"alternative", "defect_ids"}});
    if (order.followsId && *order.followsId == order.id) p.add("follows_id", codes::Cycle, {{"id", order.id.toString()}});

    const Assignment& a = order.assignment;
    if (a.plannedStart && a.plannedEnd && *a.plannedEnd <= *a.plannedStart)
        p.add("assignment.planned_end", codes::OrderInvalid, {{"after", "assignment.planned_start"}});
    if (a.routeOrder && *a.routeOrder < 1)
        p.add("assignment.route_order", codes::OutOfRange, {{"min", "1"}, {"value", number(static_cast<long long>(*a.routeOrder))}});
    if (order.actualStart && order.actualEnd && *order.actualEnd < *order.actualStart)
        p.add("actual_end", codes::OrderInvalid, {{"after", "actual_start"}});

    for (std::size_t i = 0; i < order.labour.size(); ++i) {
        const auto field = indexed("labour", i);
        p.positive(field + ".hours", order.labour[i].hours, 24.0);
        p.text(field + ".worker", order.labour[i].worker, false);
    }
    for (std::size_t i = 0; i < order.materials.size(); ++i) {
        const auto field = indexed("materials", i);
        p.text(field + ".material", order.materials[i].material, true);
        p.positive(field + ".quantity", order.materials[i].quantity);
        p.text(field + ".unit", order.materials[i].unit, true);
    }
    for (std::size_t i = 0; i < order.quantities.size(); ++i) {
        const auto field = indexed("quantities", i);
        p.text(field + ".measure", order.quantities[i].measure, true);
        p.positive(field + ".quantity", order.quantities[i].quantity);
        p.text(field + ".unit", order.quantities[i].unit, true);
    }
    for (std::size_t i = 0; i < order.notes.size(); ++i) p.text(indexed("notes", i) + ".text", order.notes[i].text, true);
    p.photos(order.photos);
    p.text("hold_reason", order.holdReason, false);
    if (order.dueDate) p.date("due_date", *order.dueDate);
    if (a.shiftDate) p.date("assignment.shift_date", *a.shiftDate);
    return p.take();
}

std::vector<FieldError> validateCrew(const Crew& crew)
{
    Problems p;
    p.text("code", crew.code, true);
    p.text("name", crew.name, true);
    p.text("district", crew.district, false);
    p.text("depot_name", crew.depotName, false);
    p.intRange("size", crew.size, 1, 50);
    if (crew.depot) p.point(*crew.depot, "depot");
    return p.take();
}

std::vector<FieldError> validateShiftCalendar(const ShiftCalendar& calendar)
{
    Problems p;
    p.text("name", calendar.name, false);
    // UTC-12:00 .. UTC+14:00, the offsets in use anywhere.
    p.intRange("utc_offset_minutes", calendar.cityTime.utcOffsetMinutes, -12 * 60, 14 * 60);
    checkWindow(p, calendar.day, "day");
    checkWindow(p, calendar.night, "night");
    for (std::size_t i = 0; i < calendar.holidays.size(); ++i) p.date(indexed("holidays", i), calendar.holidays[i]);
    return p.take();
}

std::vector<FieldError> validateCrewShift(const CrewShift& shift)
{
    Problems p;
    if (shift.crewId.isNil()) p.required("crew_id");
    p.date("date", shift.date);
    return p.take();
}

std::vector<FieldError> validateProgramme(const Programme& programme)
{
    Problems p;
    p.text("code", programme.code, false);
    p.text("name", programme.name, true);
    p.text("description", programme.description, false);
    p.date("deadline", programme.deadline);
    if (programme.startDate) p.date("start_date", *programme.startDate);
    if (programme.startDate && programme.startDate->ok() && programme.deadline.ok() &&
        programme.deadline < *programme.startDate)
        p.add("deadline", codes::OrderInvalid, {{"after", "start_date"}});
    return p.take();
}

std::vector<FieldError> validateUser(const User& user)
{
    Problems p;
    if (user.username.empty()) {
        p.required("username");
    } else {
        bool ok = user.username.size() >= 3 && user.username.size() <= 64;
        for (char c : user.username) ok = ok && isUsernameChar(c);
        if (!ok) p.add("username", codes::InvalidFormat, {{"expected", "[a-z0-9_.-]{3,64}"}});
    }
    p.text("display_name", user.displayName, true);
    // Crew membership decides which work a field crew member may start and complete; for the
    // office roles it would mean nothing, so it is refused rather than silently kept.
    if (user.role == Role::FieldCrew && !isSet(user.crewId)) p.required("crew_id");
    if (user.role != Role::FieldCrew && isSet(user.crewId)) p.add("crew_id", codes::NotAllowed);
    return p.take();
}

Status toStatus(std::vector<FieldError> errors)
{
    if (errors.empty()) return success();
    return Error::validation(std::move(errors));
}

} // namespace yanghu::rules
