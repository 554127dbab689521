// SPDX-License-Identifier: MIT
#pragma once

#include "wire/Reader.h"
#include "wire/Writer.h"

#include <type_traits>
#include <variant>

// The wire field list of every entity, written once and run in both directions: with a Writer
// (IO::isWriter, the entity is const) it encodes, with a Reader it decodes. Keys are the C++
// field names in snake_case. `req` marks what a decoder must find; everything else keeps its
// default (or nullopt) when absent or null.
namespace yanghu::wire {

// `T` as the field list sees it: const when encoding.
template <class IO, class T>
using Target = std::conditional_t<IO::isWriter, const T, T>;

// RowMeta is flattened into its entity's object. A client creating a row knows none of it.
template <class IO>
void fields(IO& io, Target<IO, RowMeta>& m)
{
    io.opt("row_version", m.rowVersion);
    io.opt("deleted", m.deleted);
    io.opt("created_at", m.createdAt);
    io.opt("updated_at", m.updatedAt);
}

template <class IO>
void fields(IO& io, Target<IO, Street>& s)
{
    io.req("id", s.id);
    io.req("name", s.name);
    io.opt("district", s.district);
    io.opt("centreline", s.centreline);
    io.opt("length_m", s.lengthM);
    fields(io, s.meta);
}

template <class IO>
void fields(IO& io, Target<IO, SidewalkAttributes>& a)
{
    io.opt("paving_type", a.pavingType);
    io.opt("width_m", a.widthM);
    io.opt("area_m2", a.areaM2);
}

template <class IO>
void fields(IO& io, Target<IO, StormInletAttributes>& a)
{
    io.opt("grate_type", a.grateType);
    io.opt("last_cleaned", a.lastCleaned);
}

template <class IO>
void fields(IO& io, Target<IO, ManholeAttributes>& a)
{
    io.opt("cover_material", a.coverMaterial);
    io.opt("diameter_mm", a.diameterMm);
    io.opt("load_class", a.loadClass);
}

template <class IO>
void fields(IO& io, Target<IO, PipeAttributes>& a)
{
    io.opt("diameter_mm", a.diameterMm);
    io.opt("length_m", a.lengthM);
    io.opt("material", a.material);
}

template <class IO>
void fields(IO& io, Target<IO, BridgeAttributes>& a)
{
    io.opt("span_m", a.spanM);
    io.opt("deck_area_m2", a.deckAreaM2);
    io.opt("rating", a.rating);
}

// Whichever alternative the variant holds; a decoder sets the alternative from the kind first.
template <class IO>
void fields(IO& io, Target<IO, AssetAttributes>& attributes)
{
    std::visit([&io](auto& alternative) { fields(io, alternative); }, attributes);
}

template <class IO>
void fields(IO& io, Target<IO, Asset>& a)
{
    const bool kindKnown = io.req("kind", a.kind);
    io.req("id", a.id);
    io.req("code", a.code);
    io.opt("street_id", a.streetId);
    io.opt("side", a.side);
    io.opt("chainage_from_m", a.chainageFromM);
    io.opt("chainage_to_m", a.chainageToM);
    io.opt("geometry", a.geometry);
    io.opt("condition_grade", a.conditionGrade);
    io.opt("condition_score", a.conditionScore);
    io.opt("status", a.status);
    io.opt("extra", a.extra);
    io.opt("source_id", a.sourceId);
    fields(io, a.meta);
    // The attribute keys depend on the kind: without a kind there is nothing to check them against.
    if constexpr (!IO::isWriter) {
        if (!kindKnown) {
            io.skip("attributes");
            return;
        }
        a.attributes = defaultAttributes(a.kind);
    }
    io.opt("attributes", a.attributes);
}

template <class IO>
void fields(IO& io, Target<IO, DefectReport>& d)
{
    io.req("id", d.id);
    io.req("category", d.category);
    io.opt("severity", d.severity);
    io.opt("source", d.source);
    io.opt("asset_id", d.assetId);
    io.opt("location", d.location);
    io.opt("description", d.description);
    io.opt("photos", d.photos);
    io.opt("status", d.status);
    io.opt("duplicate_of", d.duplicateOf);
    io.opt("work_order_id", d.workOrderId);
    io.opt("reject_reason", d.rejectReason);
    io.req("reported_at", d.reportedAt);
    io.opt("reported_by", d.reportedBy);
    io.opt("external_id", d.externalId);
    fields(io, d.meta);
}

template <class IO>
void fields(IO& io, Target<IO, Assignment>& a)
{
    io.opt("crew_id", a.crewId);
    io.opt("shift_date", a.shiftDate);
    io.opt("planned_start", a.plannedStart);
    io.opt("planned_end", a.plannedEnd);
    io.opt("route_order", a.routeOrder);
}

template <class IO>
void fields(IO& io, Target<IO, LabourLine>& l)
{
    io.req("id", l.id);
    io.opt("user_id", l.userId);
    io.opt("worker", l.worker);
    io.req("hours", l.hours);
}

template <class IO>
void fields(IO& io, Target<IO, MaterialLine>& m)
{
    io.req("id", m.id);
    io.req("material", m.material);
    io.req("quantity", m.quantity);
    io.opt("unit", m.unit);
}

template <class IO>
void fields(IO& io, Target<IO, QuantityLine>& q)
{
    io.req("id", q.id);
    io.req("measure", q.measure);
    io.req("quantity", q.quantity);
    io.opt("unit", q.unit);
}

template <class IO>
void fields(IO& io, Target<IO, WorkNote>& n)
{
    io.req("id", n.id);
    io.opt("author_id", n.authorId);
    io.req("at", n.at);
    io.req("text", n.text);
}

template <class IO>
void fields(IO& io, Target<IO, WorkOrder>& w)
{
    io.req("id", w.id);
    io.opt("number", w.number);
    io.req("title", w.title);
    io.opt("description", w.description);
    io.req("type", w.type);
    io.opt("asset_ids", w.assetIds);
    io.opt("defect_ids", w.defectIds);
    io.opt("programme_id", w.programmeId);
    io.opt("follows_id", w.followsId);
    io.opt("priority", w.priority);
    io.opt("traffic_impact", w.trafficImpact);
    io.opt("estimated_minutes", w.estimatedMinutes);
    io.opt("required_skills", w.requiredSkills);
    io.opt("required_equipment", w.requiredEquipment);
    io.opt("due_date", w.dueDate);
    io.opt("assignment", w.assignment);
    io.opt("actual_start", w.actualStart);
    io.opt("actual_end", w.actualEnd);
    io.opt("labour", w.labour);
    io.opt("materials", w.materials);
    io.opt("quantities", w.quantities);
    io.opt("notes", w.notes);
    io.opt("photos", w.photos);
    io.opt("status", w.status);
    io.opt("hold_reason", w.holdReason);
    io.opt("verified_by", w.verifiedBy);
    fields(io, w.meta);
}

template <class IO>
void fields(IO& io, Target<IO, Crew>& c)
{
    io.req("id", c.id);
    io.req("code", c.code);
    io.opt("name", c.name);
    io.opt("district", c.district);
    io.opt("skills", c.skills);
    io.opt("equipment", c.equipment);
    io.opt("size", c.size);
    io.opt("depot_name", c.depotName);
    io.opt("depot", c.depot);
    io.opt("active", c.active);
    fields(io, c.meta);
}

// The window's kind is implied by its key ("day" / "night"), so only the times travel.
template <class IO>
void fields(IO& io, Target<IO, ShiftWindow>& w)
{
    io.clockTime("start", w.start);
    io.clockTime("end", w.end);
}

template <class IO>
void fields(IO& io, Target<IO, ShiftCalendar>& c)
{
    io.req("id", c.id);
    io.opt("name", c.name);
    io.opt("utc_offset_minutes", c.cityTime.utcOffsetMinutes);
    io.opt("day", c.day);
    io.opt("night", c.night);
    io.opt("holidays", c.holidays);
    fields(io, c.meta);
}

template <class IO>
void fields(IO& io, Target<IO, CrewShift>& s)
{
    io.req("id", s.id);
    io.req("crew_id", s.crewId);
    io.req("date", s.date);
    io.req("kind", s.kind);
    fields(io, s.meta);
}

template <class IO>
void fields(IO& io, Target<IO, Programme>& p)
{
    io.req("id", p.id);
    io.req("code", p.code);
    io.opt("name", p.name);
    io.opt("description", p.description);
    io.opt("asset_kind", p.assetKind);
    io.opt("districts", p.districts);
    io.opt("asset_ids", p.assetIds);
    io.opt("start_date", p.startDate);
    io.req("deadline", p.deadline);
    io.opt("status", p.status);
    fields(io, p.meta);
}

// password_hash is deliberately absent: it never leaves the server, and a decoder never takes
// one from a client.
template <class IO>
void fields(IO& io, Target<IO, User>& u)
{
    io.req("id", u.id);
    io.req("username", u.username);
    io.opt("display_name", u.displayName);
    io.req("role", u.role);
    io.opt("crew_id", u.crewId);
    io.opt("active", u.active);
    fields(io, u.meta);
}

} // namespace yanghu::wire
