// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <Poco/Exception.h>

#include <optional>

namespace yanghu::store {

// Turns a UNIQUE violation reported by either driver into Error duplicate (params field,
// value when the driver names them); nullopt for every other failure.
std::optional<Error> uniqueViolation(const Poco::Exception& e);

} // namespace yanghu::store
