// SPDX-License-Identifier: MIT
#include "yanghu/core/Time.h"

#include <charconv>
#include <cstdio>

namespace yanghu {
namespace {

bool readInt(std::string_view s, std::size_t pos, std::size_t len, int& out)
{
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    auto res = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return res.ec == std::errc{};
}

} // namespace

std::string formatInstant(Instant t)
{
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd{day};
    auto ms = (t - day).count();
    int h = static_cast<int>(ms / 3'600'000);
    int m = static_cast<int>(ms / 60'000 % 60);
    int s = static_cast<int>(ms / 1000 % 60);
    int f = static_cast<int>(ms % 1000);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), h, m, s, f);
    return buf;
}

std::optional<Instant> parseInstant(std::string_view s)
{
    using namespace std::chrono;
    auto date = parseDate(s.substr(0, 10));
    if (!date || s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
    int h, mi, se;
    if (!readInt(s, 11, 2, h) || s[13] != ':' || !readInt(s, 14, 2, mi) || s[16] != ':' || !readInt(s, 17, 2, se))
        return std::nullopt;
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    std::size_t pos = 19;
    long long millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3) millis = millis * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int d = digits; d < 3; ++d) millis *= 10;
    }
    if (pos >= s.size()) return std::nullopt;
    int offsetMin = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!readInt(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !readInt(s, pos + 4, 2, om))
            return std::nullopt;
        offsetMin = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    Instant t = sys_days{*date} + hours{h} + minutes{mi} + seconds{se} + milliseconds{millis};
    return t - minutes{offsetMin};
}

std::string formatDate(Date d)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
    return buf;
}

std::optional<Date> parseDate(std::string_view s)
{
    using namespace std::chrono;
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !readInt(s, 0, 4, y) || !readInt(s, 5, 2, m) ||
        !readInt(s, 8, 2, d))
        return std::nullopt;
    Date date{year{y}, month{unsigned(m)}, day{unsigned(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string formatMinuteOfDay(MinuteOfDay m)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 24, m % 60);
    return buf;
}

std::optional<MinuteOfDay> parseMinuteOfDay(std::string_view s)
{
    int h, m;
    if (s.size() != 5 || s[2] != ':' || !readInt(s, 0, 2, h) || !readInt(s, 3, 2, m) || h > 23 || m > 59)
        return std::nullopt;
    return h * 60 + m;
}

Date CityTime::localDate(Instant t) const
{
    using namespace std::chrono;
    return Date{floor<days>(t + minutes{utcOffsetMinutes})};
}

MinuteOfDay CityTime::localMinuteOfDay(Instant t) const
{
    using namespace std::chrono;
    auto local = t + minutes{utcOffsetMinutes};
    return static_cast<MinuteOfDay>(duration_cast<minutes>(local - floor<days>(local)).count());
}

Instant CityTime::at(Date date, MinuteOfDay minute) const
{
    using namespace std::chrono;
    return Instant{sys_days{date}} + minutes{minute} - minutes{utcOffsetMinutes};
}

} // namespace yanghu
