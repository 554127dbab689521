// SPDX-License-Identifier: MIT
#include "wire/Writer.h"

namespace yanghu::wire {

bool Writer::clockTime(std::string_view key, MinuteOfDay minute)
{
    put(key, formatMinuteOfDay(minute));
    return true;
}

void Writer::put(std::string_view key, Json value)
{
    m_object.get_ref<Json::object_t&>().insert_or_assign(std::string(key), std::move(value));
}

} // namespace yanghu::wire
