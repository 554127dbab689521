// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/wire/JsonText.h"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace yanghu::http {

// What a handler answers on success. Errors are Error values that one place (Problem.h)
// turns into problem+json, so handlers never build error bodies themselves.
struct Reply {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

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
