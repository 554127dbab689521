// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/Codec.h"

namespace yanghu::wire {

namespace {

// Deeper documents are refused before parsing: copying or destroying a JSON tree recurses
// once per level, so a few thousand levels sent by anyone would overflow a thread's stack.
constexpr int kMaxDepth = 64;

// The offset of the first bracket that goes deeper than kMaxDepth (outside strings), or npos.
std::size_t tooDeep(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

Error malformed(std::size_t offset, std::string detail)
{
    return Error::of(std::string(codes::MalformedJson), {{"offset", std::to_string(offset)}, {"detail", std::move(detail)}});
}

} // namespace

Result<Json> parse(std::string_view text)
{
    if (auto at = tooDeep(text); at != std::string_view::npos)
        return malformed(at, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
    // nlohmann reports a syntax error only by exception; it ends here as a value.
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // e.byte counts the bytes read, the offending one included: the offset is one less.
        return malformed(e.byte > 0 ? e.byte - 1 : 0, e.what());
    } catch (const Json::exception& e) {
        // e.g. a number too large for a double (1e400): still the sender's malformed input.
        return malformed(0, e.what());
    }
}

} // namespace yanghu::wire
