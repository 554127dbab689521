// SPDX-License-Identifier: MIT
#include "store/UserRepository.h"

namespace yanghu::store {

namespace {
Mapping<User> userMapping()
{
    return {"app_user",
            {
                field<User>("username", [](auto& u) -> auto& { return u.username; }),
                field<User>("display_name", [](auto& u) -> auto& { return u.displayName; }),
                field<User>("role", [](auto& u) -> auto& { return u.role; }),
                field<User>("crew_id", [](auto& u) -> auto& { return u.crewId; }),
                field<User>("active", [](auto& u) -> auto& { return u.active; }),
                field<User>("password_hash", [](auto& u) -> auto& { return u.passwordHash; }),
            },
            {}};
}
} // namespace

UserRepository::UserRepository() : Repository<User>(shared(&userMapping)) {}

Where UserRepository::where(const UserFilter& filter)
{
    Where where;
    if (filter.role) where.add("role = ?", {std::string(enumName(*filter.role))});
    if (filter.crewId) where.add("crew_id = ?", {filter.crewId->toString()});
    return where;
}

Result<Page<User>> UserRepository::list(Tx& tx, const UserFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

Result<User> UserRepository::findByUsername(Tx& tx, const std::string& username)
{
    auto rows = selectLoaded(tx, "username = ? AND deleted = 0", {username});
    if (rows.empty()) return Error::of(std::string(codes::NotFound), {{"entity", "app_user"}, {"username", username}});
    return std::move(rows.front().entity);
}

} // namespace yanghu::store
