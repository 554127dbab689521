// SPDX-License-Identifier: MIT
#include "store/Cursor.h"

#include "yanghu/core/Uuid.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>

#include <sstream>

namespace yanghu::store {

namespace {
constexpr std::string_view kPrefix = "k1:";
}

std::string encodeCursor(const std::string& lastId)
{
    std::ostringstream out;
    {
        Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        encoder << kPrefix << lastId;
        encoder.close();
    }
    return out.str();
}

std::optional<std::string> decodeCursor(std::string_view cursor)
{
    try {
        std::istringstream in{std::string(cursor)};
        Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        std::string text((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
        if (text.rfind(kPrefix, 0) != 0) return std::nullopt;
        std::string id = text.substr(kPrefix.size());
        if (!Uuid::parse(id)) return std::nullopt;
        return id;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

} // namespace yanghu::store
