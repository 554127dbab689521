// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/domain/Common.h"

namespace yanghu {

enum class Role { FieldCrew, Dispatcher, Supervisor, Admin };
YANGHU_ENUM_NAMES(Role, {Role::FieldCrew, "field_crew"}, {Role::Dispatcher, "dispatcher"},
                  {Role::Supervisor, "supervisor"}, {Role::Admin, "admin"});

struct User {
    Uuid id;
    std::string username;
    std::string displayName;
    Role role = Role::FieldCrew;
    std::optional<Uuid> crewId; // required for field_crew
    bool active = true;
    // A slow-KDF hash in PHC string format; never on the wire, never logged.
    std::string passwordHash;
    RowMeta meta;
    bool operator==(const User&) const = default;
};

} // namespace yanghu
