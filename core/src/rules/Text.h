// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

// Byte-level text checks shared by the rules. Strings in core are UTF-8; lengths are in bytes
// (what the database column and the wire limit count), not in characters.
namespace yanghu::rules {

// True when `text` is well-formed UTF-8: no stray continuation bytes, no truncated sequences,
// no overlong encodings, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
bool isValidUtf8(std::string_view text);

// `text` without leading and trailing white space: ASCII spaces, tabs, CR/LF, and the
// ideographic space U+3000 that Chinese input methods type.
std::string_view trimmed(std::string_view text);

inline bool isBlank(std::string_view text) { return trimmed(text).empty(); }

} // namespace yanghu::rules
