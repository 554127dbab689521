// SPDX-License-Identifier: MIT
#include "demo/DemoStaff.h"

#include <algorithm>
#include <cstdio>

namespace yanghu::demo {
namespace {

struct CrewTemplate {
    const char* name;
    const char* skill;
    std::vector<std::string> equipment;
    int size;
    ShiftKind shift;
};

const std::vector<CrewTemplate> CrewTemplates = {
    {"人行道铺装一班", "paving", {"plate_compactor", "paver_cutter"}, 6, ShiftKind::Day},
    {"人行道铺装二班", "paving", {"plate_compactor", "paver_cutter"}, 5, ShiftKind::Day},
    {"雨水井清掏一班", "inlet_cleaning", {"vactor_truck"}, 4, ShiftKind::Night},
    {"雨水井清掏二班", "inlet_cleaning", {"vactor_truck"}, 4, ShiftKind::Night},
    {"雨水井清掏三班", "inlet_cleaning", {"vactor_truck"}, 4, ShiftKind::Night},
    {"雨水井清掏四班", "inlet_cleaning", {"vactor_truck"}, 4, ShiftKind::Night},
    {"井盖维修班", "manhole", {"asphalt_cutter", "crane_truck"}, 5, ShiftKind::Night},
    {"管道疏通班", "dredging", {"jetter", "vactor_truck"}, 4, ShiftKind::Night},
    {"桥梁养护班", "bridge", {"bridge_inspection_vehicle"}, 5, ShiftKind::Night},
};

const std::vector<std::string> Surnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
                                           "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "郑"};
const std::vector<std::string> GivenNames = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰",
                                             "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "志强",
                                             "海燕", "立新", "卫东", "春生", "红梅", "国庆", "永刚", "晓东"};

std::string personName(DemoRandom& rng) { return rng.pick(Surnames) + rng.pick(GivenNames); }

} // namespace

bool DemoStaff::works(std::size_t crew, Date date) const
{
    if (std::find(calendar.holidays.begin(), calendar.holidays.end(), date) != calendar.holidays.end()) return false;
    const auto day = std::chrono::sys_days{date}.time_since_epoch().count();
    return (day + static_cast<long>(crew)) % 7 != 6;
}

DemoStaff buildStaff(const CityLayout& city, int scale, DemoRandom rng, UuidGenerator& ids, Instant setupAt,
                     Date historyFrom, Date historyTo)
{
    using namespace std::chrono;
    DemoStaff staff;
    auto stamp = [&](RowMeta& meta) {
        meta.createdAt = setupAt;
        meta.updatedAt = setupAt;
    };

    staff.calendar.id = ids.next();
    staff.calendar.name = "邯郸市政养护中心";
    staff.calendar.cityTime.utcOffsetMinutes = 8 * 60;
    // New Year and the first three days of National Day: fixed-date holidays (the lunar ones
    // move and are left to the admin).
    for (int y = int(historyFrom.year()); y <= int(historyTo.year()); ++y) {
        for (Date d : {year{y} / 1 / 1, year{y} / 10 / 1, year{y} / 10 / 2, year{y} / 10 / 3})
            if (d >= historyFrom && d <= historyTo) staff.calendar.holidays.push_back(d);
    }
    stamp(staff.calendar.meta);

    auto addUser = [&](std::string username, std::string displayName, Role role, std::string password,
                       std::optional<Uuid> crewId) {
        User u;
        u.id = ids.next();
        u.username = std::move(username);
        u.displayName = std::move(displayName);
        u.role = role;
        u.crewId = crewId;
        stamp(u.meta);
        staff.logins.push_back({u.username, std::move(password), role});
        staff.users.push_back(std::move(u));
        return staff.users.size() - 1;
    };

    staff.admin = addUser("admin", "系统管理员", Role::Admin, "demo-admin", std::nullopt);
    for (int i = 1; i <= 2; ++i)
        staff.dispatchers.push_back(addUser("dispatcher" + std::to_string(i), personName(rng) + "（调度）",
                                            Role::Dispatcher, "demo-dispatcher", std::nullopt));
    for (int i = 1; i <= 2; ++i)
        staff.supervisors.push_back(addUser("supervisor" + std::to_string(i), personName(rng) + "（质检）",
                                            Role::Supervisor, "demo-supervisor", std::nullopt));

    for (int tile = 0; tile < scale; ++tile) {
        const std::string& district = city.tileDistricts[static_cast<std::size_t>(tile)];
        for (const CrewTemplate& t : CrewTemplates) {
            Crew c;
            c.id = ids.next();
            char codeBuf[16];
            std::snprintf(codeBuf, sizeof codeBuf, "C-%02zu", staff.crews.size() + 1);
            c.code = codeBuf;
            c.name = tile == 0 ? std::string(t.name) : district + t.name;
            c.district = district;
            c.skills = {t.skill};
            c.equipment = t.equipment;
            c.size = t.size;
            c.depotName = district + "养护站";
            c.depot = city.tileDepots[static_cast<std::size_t>(tile)];
            stamp(c.meta);

            CrewInfo info{tile, t.skill, t.shift, {}};
            char userBuf[32];
            for (int k = 1; k <= t.size; ++k) {
                std::snprintf(userBuf, sizeof userBuf, "crew%02zu-%d", staff.crews.size() + 1, k);
                info.members.push_back(
                    addUser(userBuf, personName(rng), Role::FieldCrew, "demo-crew", c.id));
            }
            staff.crews.push_back(std::move(c));
            staff.info.push_back(std::move(info));
        }
    }
    return staff;
}

} // namespace yanghu::demo
