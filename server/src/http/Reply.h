// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/wire/JsonText.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yanghu::http {

// What a handler answers on success. Errors are Error values that one place (Problem.h)
// turns into problem+json, so handlers never build error bodies themselves.
struct Reply {
    // A body produced piece by piece instead of held in `body`, for answers too large to keep
    // in memory (a photo): `length` bytes, each call to `read` filling up to `max` bytes of
    // `buffer` and returning how many. A 0 before `length` bytes were given means the source
    // failed: the connection is closed, since the client was promised `length` bytes.
    struct Stream {
        std::uint64_t length = 0;
        std::function<std::size_t(char* buffer, std::size_t max)> read;
    };

    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<Stream> stream; // when set, the body (`body` is then empty)

    // Content-Length of the answer (also for HEAD, which sends no body).
    std::uint64_t bodySize() const { return stream ? stream->length : body.size(); }

    static Reply json(int status, const nlohmann::json& document)
    {
        Reply r;
        r.status = status;
        r.body = wire::toJsonText(document);
        return r;
    }
    static Reply text(int status, std::string contentType, std::string body)
    {
        Reply r;
        r.status = status;
        r.contentType = std::move(contentType);
        r.body = std::move(body);
        return r;
    }
    static Reply streamed(int status, std::string contentType, Stream stream)
    {
        Reply r;
        r.status = status;
        r.contentType = std::move(contentType);
        r.stream = std::move(stream);
        return r;
    }
    static Reply noContent()
    {
        Reply r;
        r.status = 204;
        r.contentType.clear();
        return r;
    }
    Reply& header(std::string name, std::string value)
    {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

} // namespace yanghu::http
