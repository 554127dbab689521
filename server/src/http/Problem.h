// SPDX-License-Identifier: MIT
#pragma once

#include "http/Reply.h"

#include "yanghu/core/Result.h"

#include <string>
#include <string_view>

namespace yanghu::http {

// The one place that maps error codes to HTTP: status per code, and the
// application/problem+json body (RFC 9457): type, title, status, detail, code, params,
// errors[] (field, code, params) and the request id.
int statusFor(std::string_view code);
Reply problem(const Error& error, const std::string& requestId);

} // namespace yanghu::http
