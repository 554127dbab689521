// SPDX-License-Identifier: MIT
#include "store/ShiftCalendarRepository.h"

namespace yanghu::store {

namespace {
Mapping<ShiftCalendar> calendarMapping()
{
    return {"shift_calendar",
            {
                field<ShiftCalendar>("name", [](auto& c) -> auto& { return c.name; }),
                field<ShiftCalendar>("utc_offset_minutes", [](auto& c) -> auto& { return c.cityTime.utcOffsetMinutes; }),
                field<ShiftCalendar>("day_start", [](auto& c) -> auto& { return c.day.start; }),
                field<ShiftCalendar>("day_end", [](auto& c) -> auto& { return c.day.end; }),
                field<ShiftCalendar>("night_start", [](auto& c) -> auto& { return c.night.start; }),
                field<ShiftCalendar>("night_end", [](auto& c) -> auto& { return c.night.end; }),
                field<ShiftCalendar>("holidays", [](auto& c) -> auto& { return c.holidays; }),
            },
            {}};
}
} // namespace

ShiftCalendarRepository::ShiftCalendarRepository() : Repository<ShiftCalendar>(shared(&calendarMapping)) {}

} // namespace yanghu::store
