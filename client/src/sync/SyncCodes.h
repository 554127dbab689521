// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

// Stable codes for what goes wrong between a replica and the server, beside core's codes
// (yanghu/core/rules/ErrorCodes.h) and the server's problem codes, which the engine passes
// on unchanged ("unauthorized", "protocol_unsupported", "resync_required", ...). The UI turns
// them into tr() strings; never rename one.
namespace yanghu::client::codes {

inline constexpr std::string_view NetworkFailed = "network_failed"; // params: detail (no HTTP answer, after retries)
inline constexpr std::string_view ServerFailed = "server_failed";   // params: status (5xx after retries)
inline constexpr std::string_view BadAnswer = "bad_answer";         // params: detail (an answer the engine cannot read)
inline constexpr std::string_view Cancelled = "cancelled";
inline constexpr std::string_view PhotoMissing = "photo_missing";   // params: sha256 (its local copy is gone)

// The server's codes the engine acts on.
inline constexpr std::string_view Unauthorized = "unauthorized";
inline constexpr std::string_view BadCredentials = "bad_credentials";
inline constexpr std::string_view ProtocolUnsupported = "protocol_unsupported";
inline constexpr std::string_view ResyncRequired = "resync_required";
inline constexpr std::string_view UploadOffsetMismatch = "upload_offset_mismatch";
inline constexpr std::string_view ChunkHashMismatch = "chunk_hash_mismatch";
inline constexpr std::string_view HashMismatch = "hash_mismatch";

} // namespace yanghu::client::codes
