// SPDX-License-Identifier: MIT
#include "yanghu/core/wire/Codec.h"

#include "wire/Fields.h"

namespace yanghu::wire {
namespace {

template <class T>
Result<T> decode(const Json& json, UnknownFields unknown, T out = {})
{
    auto errors = Reader::readDocument(json, out, unknown == UnknownFields::Refuse);
    if (!errors.empty()) return Error::validation(std::move(errors));
    return out;
}

} // namespace

// Every entity goes through its one field list (Fields.h) in both directions.
#define YANGHU_WIRE_ENTITY(T)                                                                      \
    Json toJson(const T& value) { return Writer::encode(value); }                                  \
    template <>                                                                                    \
    Result<T> fromJson<T>(const Json& json, UnknownFields unknown)                                 \
    {                                                                                              \
        return decode<T>(json, unknown);                                                           \
    }

YANGHU_WIRE_ENTITY(GeoPoint)
YANGHU_WIRE_ENTITY(Street)
YANGHU_WIRE_ENTITY(Asset)
YANGHU_WIRE_ENTITY(DefectReport)
YANGHU_WIRE_ENTITY(WorkOrder)
YANGHU_WIRE_ENTITY(Crew)
YANGHU_WIRE_ENTITY(ShiftCalendar)
YANGHU_WIRE_ENTITY(CrewShift)
YANGHU_WIRE_ENTITY(Programme)
YANGHU_WIRE_ENTITY(User)
#undef YANGHU_WIRE_ENTITY

Json toJson(const RowMeta& meta)
{
    return Writer::encode(meta);
}

Json attributesToJson(const AssetAttributes& attributes)
{
    return Writer::encode(attributes);
}

Result<AssetAttributes> attributesFromJson(AssetKind kind, const Json& json)
{
    return decode<AssetAttributes>(json, UnknownFields::Ignore, defaultAttributes(kind));
}

} // namespace yanghu::wire
