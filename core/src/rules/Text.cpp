// SPDX-License-Identifier: MIT
#include "rules/Text.h"

#include <cstdint>

namespace yanghu::rules {

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto lead = static_cast<std::uint8_t>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            cp = lead & 0x1Fu;
            min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            cp = lead & 0x0Fu;
            min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            cp = lead & 0x07u;
            min = 0x10000;
        } else {
            return false; // a continuation byte where a lead was expected, or 0xF8..0xFF
        }
        if (n - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto byte = static_cast<std::uint8_t>(text[i + k]);
            if ((byte & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (byte & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

std::string_view trimmed(std::string_view text)
{
    constexpr std::string_view ideographicSpace = "\xE3\x80\x80";
    const auto isAsciiSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    for (;;) {
        if (!text.empty() && isAsciiSpace(text.front()))
            text.remove_prefix(1);
        else if (text.starts_with(ideographicSpace))
            text.remove_prefix(ideographicSpace.size());
        else
            break;
    }
    for (;;) {
        if (!text.empty() && isAsciiSpace(text.back()))
            text.remove_suffix(1);
        else if (text.ends_with(ideographicSpace))
            text.remove_suffix(ideographicSpace.size());
        else
            break;
    }
    return text;
}

} // namespace yanghu::rules
