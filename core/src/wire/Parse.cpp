// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/Codec.h"

namespace yanghu::wire {

Result<Json> parse(std::string_view text)
{
    // nlohmann reports a syntax error only by exception; it ends here as a value.
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // e.byte counts the bytes read, the offending one included: the offset is one less.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        return Error::of(std::string(codes::MalformedJson),
                         {{"offset", std::to_string(offset)}, {"detail", e.what()}});
    }
}

} // namespace yanghu::wire
