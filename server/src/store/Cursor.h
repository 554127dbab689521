// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace yanghu::store {

// Page cursors are opaque to callers: today a versioned, base64url-encoded last id, so the
// encoding can change without breaking clients that only echo it back.
std::string encodeCursor(const std::string& lastId);
// nullopt when `cursor` was not made by encodeCursor.
std::optional<std::string> decodeCursor(std::string_view cursor);

} // namespace yanghu::store
