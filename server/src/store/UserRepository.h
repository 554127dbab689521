// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/User.h"

namespace yanghu::store {

struct UserFilter {
    std::optional<Role> role{};
    std::optional<Uuid> crewId{};
};

// Users including their password hash (the store keeps it; the wire codec never sends it).
class UserRepository : public Repository<User> {
public:
    UserRepository();
    using Repository<User>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const UserFilter& filter);
    Result<Page<User>> list(Tx& tx, const UserFilter& filter, const PageRequest& page = {});
    // The live (not deleted) user with this username; not_found otherwise.
    Result<User> findByUsername(Tx& tx, const std::string& username);
};

} // namespace yanghu::store
