// SPDX-License-Identifier: MIT
#include "admin/DemoCityWriter.h"

#include "auth/PasswordHasher.h"
#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/DefectReportRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"
#include "store/Sql.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"

#include <map>

namespace yanghu::admin {

Status writeDemoCity(store::Store& store, demo::DemoCity& city, bool cheapHashes)
{
    return store.write([&](store::Tx& tx) -> Status {
        for (const char* table : {"street", "asset", "app_user"}) {
            auto rows = store::sql::query(tx.session(), std::string("SELECT COUNT(*) FROM ") + table, {},
                                          {store::SqlType::Int});
            auto count = std::get<std::int64_t>(rows.at(0).at(0));
            if (count > 0)
                return Error::of("not_empty", {{"table", table}, {"rows", std::to_string(count)}});
        }
        // Hashing is slow by design (~0.1 s a login); it runs only once the database is known
        // to be empty, inside the transaction, so a refused run costs nothing.
        server::PasswordHasher hasher{cheapHashes ? server::PasswordHasher::Cost::Minimal
                                                  : server::PasswordHasher::Cost::Interactive};
        std::map<std::string, const demo::DemoLogin*> logins;
        for (const auto& login : city.logins) logins[login.username] = &login;
        for (auto& user : city.users) {
            auto it = logins.find(user.username);
            if (it != logins.end()) user.passwordHash = hasher.hash(it->second->password);
        }
        // Parents before children; defects and work orders point at each other, which the
        // schema allows within one transaction (deferred foreign keys).
        store::StreetRepository{}.insertMany(tx, city.streets);
        store::CrewRepository{}.insertMany(tx, city.crews);
        store::UserRepository{}.insertMany(tx, city.users);
        store::ShiftCalendarRepository{}.insertMany(tx, city.calendars);
        store::CrewShiftRepository{}.insertMany(tx, city.crewShifts);
        store::AssetRepository{}.insertMany(tx, city.assets);
        store::ProgrammeRepository{}.insertMany(tx, city.programmes);
        store::WorkOrderRepository{}.insertMany(tx, city.workOrders);
        store::DefectReportRepository{}.insertMany(tx, city.defects);
        return success();
    });
}

} // namespace yanghu::admin
