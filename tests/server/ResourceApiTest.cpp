// SPDX-License-Identifier: MIT
// Users, crews, streets, assets, programmes, shift calendars and crew shifts over the real
// server, on SQLite and PostgreSQL.
#include "ApiFixture.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using namespace yanghu;
using namespace yanghu::servertest;
using Json = nlohmann::json;

namespace {

const std::string kApi = "/api/v1";

class ResourceApiTest : public ApiTest {
protected:
    // Every item of a list, walking next_cursor with pages of `limit`; fails the test when a
    // page is refused or an id comes twice.
    std::vector<Json> listAll(const std::string& path, const std::string& user, int limit = 500)
    {
        std::vector<Json> items;
        std::set<std::string> seen;
        std::string cursor;
        const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
        for (int pages = 0; pages < 100; ++pages) {
            auto r = client().get(path + sep + "limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor),
                                  token(user));
            EXPECT_EQ(r.status, 200) << path << " " << r.body;
            if (r.status != 200) break;
            auto body = r.json();
            EXPECT_LE(body["items"].size(), static_cast<std::size_t>(limit));
            for (auto& item : body["items"]) {
                EXPECT_TRUE(seen.insert(item["id"].get<std::string>()).second) << "repeated " << item["id"];
                items.push_back(item);
            }
            if (body["next_cursor"].is_null()) break;
            cursor = body["next_cursor"].get<std::string>();
        }
        return items;
    }

    // The values of `member` over a whole list, as a set.
    std::set<std::string> listed(const std::string& path, const std::string& user, const std::string& member = "code")
    {
        std::set<std::string> out;
        for (const auto& item : listAll(path, user)) out.insert(item[member].get<std::string>());
        return out;
    }
};

// ---- users and crews --------------------------------------------------------------------

class UserCrewApi : public ResourceApiTest {};

TEST_P(UserCrewApi, AdminCreatesAUserWhoCanSignInAndThePasswordIsNeverEchoed)
{
    const Json body = {{"username", "li_wei"}, {"display_name", "李伟"},          {"role", "field_crew"},
                       {"crew_id", crewA.id.toString()}, {"password", "夜班-secret-1"}};
    auto r = client().post(kApi + "/users", body, token("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    auto created = r.json();
    const std::string id = created["id"].get<std::string>();
    EXPECT_EQ(r.header("location"), kApi + "/users/" + id);
    EXPECT_EQ(r.header("etag"), "\"1\"");
    EXPECT_EQ(created["display_name"], "李伟");
    EXPECT_EQ(created["crew_id"], crewA.id.toString());
    EXPECT_TRUE(created["active"].get<bool>());
    EXPECT_FALSE(created.contains("password"));
    EXPECT_FALSE(created.contains("password_hash"));
    EXPECT_EQ(r.body.find("secret"), std::string::npos);

    auto got = client().get(kApi + "/users/" + id, token("admin"));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json(), created);
    const std::string t = client().login("li_wei", "夜班-secret-1");
    auto me = client().get(kApi + "/auth/me", t);
    EXPECT_EQ(me.json()["display_name"], "李伟");
}

TEST_P(UserCrewApi, CreatingAUserRefusesBadPasswordsHashesMissingCrewAndDuplicates)
{
    const std::string before = databaseDigest();
    const Json good = {{"username", "zhao"}, {"display_name", "赵"}, {"role", "dispatcher"}, {"password", "long-enough"}};
    auto post = [&](Json body) { return client().post(kApi + "/users", body, token("admin")); };

    auto withHash = good;
    withHash["password_hash"] = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
    auto r = post(withHash);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(fieldErrors(r), (std::set<std::string>{"password_hash:not_allowed"}));

    auto shortPassword = good;
    shortPassword["password"] = "short";
    EXPECT_EQ(fieldErrors(post(shortPassword)), (std::set<std::string>{"password:out_of_range"}));
    auto noPassword = good;
    noPassword.erase("password");
    EXPECT_EQ(fieldErrors(post(noPassword)), (std::set<std::string>{"password:required"}));

    auto crewWithoutCrew = good;
    crewWithoutCrew["role"] = "field_crew";
    EXPECT_EQ(fieldErrors(post(crewWithoutCrew)), (std::set<std::string>{"crew_id:required"}));
    auto unknownCrew = crewWithoutCrew;
    unknownCrew["crew_id"] = "01890000-0000-7000-8000-000000000000";
    EXPECT_EQ(fieldErrors(post(unknownCrew)), (std::set<std::string>{"crew_id:not_found"}));
    auto unknownMember = good;
    unknownMember["nickname"] = "小赵";
    EXPECT_EQ(fieldErrors(post(unknownMember)), (std::set<std::string>{"nickname:unknown_field"}));

    auto duplicate = good;
    duplicate["username"] = "dispatcher";
    auto dup = post(duplicate);
    EXPECT_EQ(dup.status, 409) << dup.body;
    EXPECT_EQ(dup.json()["code"], "duplicate");
    EXPECT_EQ(databaseDigest(), before);
}

TEST_P(UserCrewApi, UsersListFiltersByRoleAndCrewAndPagesThroughEveryone)
{
    EXPECT_EQ(listed(kApi + "/users?role=field_crew", "admin", "username"), (std::set<std::string>{"crew_a", "crew_b"}));
    EXPECT_EQ(listed(kApi + "/users?crew_id=" + crewB.id.toString(), "admin", "username"),
              (std::set<std::string>{"crew_b"}));
    auto everyone = listAll(kApi + "/users", "admin", 2);
    EXPECT_EQ(everyone.size(), 5u);

    auto badRole = client().get(kApi + "/users?role=boss", token("admin"));
    EXPECT_EQ(badRole.status, 422);
    EXPECT_EQ(fieldErrors(badRole), (std::set<std::string>{"role:invalid_enum"}));
    auto misspelt = client().get(kApi + "/users?rol=admin", token("admin"));
    EXPECT_EQ(fieldErrors(misspelt), (std::set<std::string>{"rol:unknown_field"}));
}

TEST_P(UserCrewApi, OnlyAdminsSeeUsersAndUnknownOrMalformedIdsAreNotFound)
{
    EXPECT_EQ(client().get(kApi + "/users", token("dispatcher")).status, 403);
    EXPECT_EQ(client().get(kApi + "/users/" + users["crew_a"].id.toString(), token("crew_a")).status, 403);
    EXPECT_EQ(client().get(kApi + "/users/01890000-0000-7000-8000-000000000000", token("admin")).status, 404);
    auto malformed = client().get(kApi + "/users/not-a-uuid", token("admin"));
    EXPECT_EQ(malformed.status, 404);
    EXPECT_EQ(malformed.json()["code"], "not_found");
}

TEST_P(UserCrewApi, PatchingAUserNeedsTheCurrentVersionAndANewPasswordEndsTheirSessions)
{
    const std::string path = kApi + "/users/" + users["crew_b"].id.toString();
    const Json rename = {{"display_name", "王芳"}};
    EXPECT_EQ(client().patch(path, rename, token("admin"), "").status, 428);
    const std::string before = databaseDigest();
    auto stale = client().patch(path, rename, token("admin"), "\"7\"");
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(client().patch(path, rename, token("admin"), "seven").status, 412);
    EXPECT_EQ(client().patch(path, {{"username", "wang"}}, token("admin"), "\"1\"").status, 422);
    EXPECT_EQ(databaseDigest(), before);

    auto renamed = client().patch(path, rename, token("admin"), "\"1\"");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.header("etag"), "\"2\"");
    EXPECT_EQ(renamed.json()["display_name"], "王芳");
    // A rename leaves the sessions and the password alone.
    EXPECT_EQ(client().get(kApi + "/auth/me", token("crew_b")).status, 200);
    EXPECT_NO_THROW(client().login("crew_b", "pw-crew_b"));

    auto repassword = client().patch(path, {{"password", "a-new-password"}}, token("admin"), "\"2\"");
    ASSERT_EQ(repassword.status, 200) << repassword.body;
    EXPECT_EQ(client().get(kApi + "/auth/me", token("crew_b")).status, 401);
    EXPECT_THROW(client().login("crew_b", "pw-crew_b"), std::runtime_error);
    EXPECT_NO_THROW(client().login("crew_b", "a-new-password"));
}

TEST_P(UserCrewApi, DeactivatingAUserEndsTheirSessionsAndSignIn)
{
    const std::string path = kApi + "/users/" + users["supervisor"].id.toString();
    auto r = client().patch(path, {{"active", false}}, token("admin"), "\"1\"");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json()["active"].get<bool>());
    EXPECT_EQ(client().get(kApi + "/auth/me", token("supervisor")).status, 401);
    EXPECT_THROW(client().login("supervisor", "pw-supervisor"), std::runtime_error);
    // Other users keep theirs.
    EXPECT_EQ(client().get(kApi + "/auth/me", token("dispatcher")).status, 200);
}

TEST_P(UserCrewApi, AdminCreatesAndPatchesCrewsWithChineseNames)
{
    const Json body = {{"code", "C-03"},       {"name", "桥梁养护班"},         {"district", "复兴区"},
                       {"skills", {"bridge"}}, {"depot_name", "复兴区养护站"}, {"size", 6}};
    EXPECT_EQ(client().post(kApi + "/crews", body, token("dispatcher")).status, 403);
    auto r = client().post(kApi + "/crews", body, token("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = r.json()["id"].get<std::string>();
    EXPECT_EQ(r.header("location"), kApi + "/crews/" + id);
    EXPECT_EQ(r.json()["name"], "桥梁养护班");

    auto dup = client().post(kApi + "/crews", body, token("admin"));
    EXPECT_EQ(dup.status, 409);
    auto bad = client().post(kApi + "/crews", {{"code", "C-04"}, {"name", " "}, {"size", 0}}, token("admin"));
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"name:required", "size:out_of_range"}));

    EXPECT_EQ(client().patch(kApi + "/crews/" + id, {{"size", 5}}, token("admin"), "").status, 428);
    auto patched = client().patch(kApi + "/crews/" + id, {{"size", 5}, {"name", "桥梁一班"}}, token("admin"), "\"1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.header("etag"), "\"2\"");
    auto stale = client().patch(kApi + "/crews/" + id, {{"size", 7}}, token("admin"), "\"1\"");
    EXPECT_EQ(stale.status, 412);
    auto got = client().get(kApi + "/crews/" + id, token("supervisor"));
    EXPECT_EQ(got.json()["name"], "桥梁一班");
    EXPECT_EQ(got.json()["size"], 5);
    EXPECT_EQ(listed(kApi + "/crews?district=复兴区", "dispatcher"), (std::set<std::string>{"C-03"}));
}

TEST_P(UserCrewApi, ACrewMemberSeesOnlyTheirOwnCrew)
{
    EXPECT_EQ(listed(kApi + "/crews", "dispatcher"), (std::set<std::string>{"C-01", "C-02"}));
    EXPECT_EQ(listed(kApi + "/crews", "crew_a"), (std::set<std::string>{"C-01"}));
    EXPECT_EQ(listed(kApi + "/crews?district=邯山区", "crew_a"), (std::set<std::string>{}));
    EXPECT_EQ(client().get(kApi + "/crews/" + crewA.id.toString(), token("crew_a")).status, 200);
    auto other = client().get(kApi + "/crews/" + crewB.id.toString(), token("crew_a"));
    auto unknown = client().get(kApi + "/crews/01890000-0000-7000-8000-000000000000", token("crew_a"));
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(other.json()["code"], unknown.json()["code"]);
    EXPECT_EQ(other.json()["errors"], unknown.json()["errors"]);
}

YANGHU_API_BOTH_BACKENDS(UserCrewApi);

// ---- streets and assets -----------------------------------------------------------------

class AssetApi : public ResourceApiTest {
protected:
    Json newInlet(const std::string& code) const
    {
        return {{"kind", "storm_inlet"},
                {"code", code},
                {"street_id", streetA.id.toString()},
                {"side", "right"},
                {"geometry", Json::array({Json::array({114.4855, 36.6101})})},
                {"attributes", {{"grate_type", "铸铁篦子"}}},
                {"extra", {{"备注", "靠近公交站"}}}};
    }
};

TEST_P(AssetApi, StreetsFilterByDistrictAndNameAndCrewsSeeOnlyTheirDistrict)
{
    EXPECT_EQ(listed(kApi + "/streets", "dispatcher", "name"), (std::set<std::string>{"太行东街", "人民路"}));
    EXPECT_EQ(listed(kApi + "/streets?district=邯山区", "dispatcher", "name"), (std::set<std::string>{"人民路"}));
    EXPECT_EQ(listed(kApi + "/streets?q=太行", "supervisor", "name"), (std::set<std::string>{"太行东街"}));
    EXPECT_EQ(listed(kApi + "/streets", "crew_a", "name"), (std::set<std::string>{"太行东街"}));
    EXPECT_EQ(listed(kApi + "/streets?district=邯山区", "crew_a", "name"), (std::set<std::string>{}));

    auto own = client().get(kApi + "/streets/" + streetA.id.toString(), token("crew_a"));
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.json()["name"], "太行东街");
    EXPECT_EQ(own.header("etag"), "\"1\"");
    EXPECT_EQ(client().get(kApi + "/streets/" + streetB.id.toString(), token("crew_a")).status, 404);
    EXPECT_EQ(client().get(kApi + "/streets/" + streetB.id.toString(), token("crew_b")).status, 200);
    EXPECT_EQ(client().get(kApi + "/streets/x", token("admin")).status, 404);
    EXPECT_EQ(client().get(kApi + "/streets?name=x", token("admin")).status, 422);
}

TEST_P(AssetApi, AssetListFiltersByKindStreetDistrictStatusBoxAndText)
{
    EXPECT_EQ(listed(kApi + "/assets?kind=manhole", "dispatcher"), (std::set<std::string>{"MH-A1"}));
    EXPECT_EQ(listed(kApi + "/assets?street_id=" + streetB.id.toString(), "dispatcher"), (std::set<std::string>{"YS-B1"}));
    EXPECT_EQ(listed(kApi + "/assets?district=丛台区&kind=storm_inlet", "dispatcher"),
              (std::set<std::string>{"YS-A1", "YS-A2"}));
    EXPECT_EQ(listed(kApi + "/assets?status=removed", "dispatcher"), (std::set<std::string>{}));
    EXPECT_EQ(listed(kApi + "/assets?bbox=114.4805,36.6,114.4825,36.62", "dispatcher"),
              (std::set<std::string>{"YS-A1", "YS-A2"}));
    EXPECT_EQ(listed(kApi + "/assets?q=ys-a", "dispatcher"), (std::set<std::string>{"YS-A1", "YS-A2"}));
    // One asset a page, every asset once.
    EXPECT_EQ(listAll(kApi + "/assets", "supervisor", 1).size(), 4u);
}

TEST_P(AssetApi, AssetListRefusesBadBoxesEnumsAndUnknownParameters)
{
    for (const std::string bbox : {"1,2,3", "114.49,36.6,114.48,36.62", "190,0,191,1", "a,b,c,d", "0,-91,1,0"}) {
        auto r = client().get(kApi + "/assets?bbox=" + bbox, token("dispatcher"));
        EXPECT_EQ(r.status, 422) << bbox;
        ASSERT_EQ(r.json()["errors"].size(), 1u) << r.body;
        EXPECT_EQ(r.json()["errors"][0]["field"], "bbox");
    }
    EXPECT_EQ(fieldErrors(client().get(kApi + "/assets?kind=hydrant&colour=red", token("dispatcher"))),
              (std::set<std::string>{"kind:invalid_enum", "colour:unknown_field"}));
    EXPECT_EQ(fieldErrors(client().get(kApi + "/assets?limit=501", token("dispatcher"))),
              (std::set<std::string>{"limit:out_of_range"}));
    EXPECT_EQ(fieldErrors(client().get(kApi + "/assets?cursor=garbage", token("dispatcher"))),
              (std::set<std::string>{"cursor:invalid_format"}));
}

TEST_P(AssetApi, ACrewMemberSeesOnlyTheAssetsOfTheirDistrict)
{
    EXPECT_EQ(listed(kApi + "/assets", "crew_a"), (std::set<std::string>{"YS-A1", "YS-A2", "MH-A1"}));
    EXPECT_EQ(listed(kApi + "/assets", "crew_b"), (std::set<std::string>{"YS-B1"}));
    EXPECT_EQ(listed(kApi + "/assets?district=邯山区", "crew_a"), (std::set<std::string>{}));
    EXPECT_EQ(listed(kApi + "/assets?street_id=" + streetB.id.toString(), "crew_a"), (std::set<std::string>{}));

    EXPECT_EQ(client().get(kApi + "/assets/" + inletA1.id.toString(), token("crew_a")).status, 200);
    auto hidden = client().get(kApi + "/assets/" + inletB1.id.toString(), token("crew_a"));
    auto unknown = client().get(kApi + "/assets/01890000-0000-7000-8000-000000000000", token("crew_a"));
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(hidden.json()["errors"], unknown.json()["errors"]);
    EXPECT_EQ(hidden.json().value("params", Json()), unknown.json().value("params", Json()));

    // An asset on no street belongs to no district.
    auto loose = newInlet("YS-X1");
    loose.erase("street_id");
    loose["side"] = "none";
    auto created = client().post(kApi + "/assets", loose, token("dispatcher"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client().get(created.header("location"), token("crew_a")).status, 404);
    EXPECT_EQ(client().get(created.header("location"), token("dispatcher")).status, 200);
}

TEST_P(AssetApi, DispatcherCreatesAnAssetThatRoundTripsChineseText)
{
    auto r = client().post(kApi + "/assets", newInlet("YS-A3"), token("dispatcher"));
    ASSERT_EQ(r.status, 201) << r.body;
    auto created = r.json();
    EXPECT_EQ(r.header("location"), kApi + "/assets/" + created["id"].get<std::string>());
    EXPECT_EQ(r.header("etag"), "\"1\"");
    EXPECT_EQ(created["attributes"]["grate_type"], "铸铁篦子");
    EXPECT_EQ(created["extra"]["备注"], "靠近公交站");
    EXPECT_EQ(created["status"], "in_service");
    auto got = client().get(r.header("location"), token("crew_a"));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json(), created);
    EXPECT_EQ(listed(kApi + "/assets?q=ys-a3", "dispatcher"), (std::set<std::string>{"YS-A3"}));
}

TEST_P(AssetApi, CreatingAnAssetRefusesBadFieldsUnknownStreetsAndDuplicateCodes)
{
    const std::string before = databaseDigest();
    auto post = [&](const Json& body) { return client().post(kApi + "/assets", body, token("admin")); };
    auto bad = newInlet("YS-A3");
    bad["condition_grade"] = 7;
    bad["geometry"] = Json::array();
    bad["row_version"] = 3;
    auto r = post(bad);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(fieldErrors(r), (std::set<std::string>{"row_version:not_allowed"}));
    bad.erase("row_version");
    EXPECT_EQ(fieldErrors(post(bad)), (std::set<std::string>{"condition_grade:out_of_range", "geometry:empty"}));

    auto unknownStreet = newInlet("YS-A3");
    unknownStreet["street_id"] = "01890000-0000-7000-8000-000000000000";
    EXPECT_EQ(fieldErrors(post(unknownStreet)), (std::set<std::string>{"street_id:not_found"}));
    auto unknownMember = newInlet("YS-A3");
    unknownMember["attributes"]["colour"] = "red";
    EXPECT_EQ(fieldErrors(post(unknownMember)), (std::set<std::string>{"attributes.colour:unknown_field"}));
    auto duplicate = post(newInlet("YS-A1"));
    EXPECT_EQ(duplicate.status, 409) << duplicate.body;
    EXPECT_EQ(client().post(kApi + "/assets", newInlet("YS-A3"), token("crew_a")).status, 403);
    EXPECT_EQ(databaseDigest(), before);
}

TEST_P(AssetApi, PatchingAnAssetNeedsTheCurrentVersionAndKeepsItsKind)
{
    const std::string path = kApi + "/assets/" + inletA2.id.toString();
    const Json grade = {{"condition_grade", 4}, {"attributes", {{"last_cleaned", "2026-04-30"}}}};
    EXPECT_EQ(client().patch(path, grade, token("dispatcher"), "").status, 428);
    const std::string before = databaseDigest();
    EXPECT_EQ(client().patch(path, grade, token("dispatcher"), "\"2\"").status, 412);
    EXPECT_EQ(fieldErrors(client().patch(path, {{"kind", "manhole"}}, token("dispatcher"), "\"1\"")),
              (std::set<std::string>{"kind:not_allowed"}));
    EXPECT_EQ(fieldErrors(client().patch(path, {{"condition_grade", 0}}, token("dispatcher"), "\"1\"")),
              (std::set<std::string>{"condition_grade:out_of_range"}));
    EXPECT_EQ(client().patch(path, grade, token("crew_a"), "\"1\"").status, 403);
    EXPECT_EQ(client().patch(kApi + "/assets/nope", grade, token("dispatcher"), "\"1\"").status, 404);
    EXPECT_EQ(databaseDigest(), before);

    auto r = client().patch(path, grade, token("dispatcher"), "\"1\"");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("etag"), "\"2\"");
    EXPECT_EQ(r.json()["condition_grade"], 4);
    EXPECT_EQ(r.json()["attributes"]["last_cleaned"], "2026-04-30");
    EXPECT_EQ(r.json()["code"], "YS-A2");
    // null removes an optional member (merge patch).
    auto cleared = client().patch(path, {{"condition_grade", nullptr}}, token("admin"), "\"2\"");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_FALSE(cleared.json().contains("condition_grade"));
}

TEST_P(AssetApi, DeletingAnAssetNeedsIfMatchAndHidesItFromReadsAndLists)
{
    const std::string path = kApi + "/assets/" + manholeA1.id.toString();
    EXPECT_EQ(client().del(path, token("dispatcher")).status, 428);
    EXPECT_EQ(client().del(path, token("dispatcher"), "\"5\"").status, 412);
    EXPECT_EQ(client().del(path, token("crew_a"), "\"1\"").status, 403);
    auto r = client().del(path, token("dispatcher"), "\"1\"");
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_EQ(client().get(path, token("dispatcher")).status, 404);
    EXPECT_EQ(listed(kApi + "/assets?kind=manhole", "dispatcher"), (std::set<std::string>{}));
    EXPECT_EQ(client().del(path, token("dispatcher"), "\"2\"").status, 404);
    EXPECT_EQ(client().patch(path, {{"condition_grade", 2}}, token("dispatcher"), "\"2\"").status, 404);
}

YANGHU_API_BOTH_BACKENDS(AssetApi);

// ---- programmes, shift calendars, crew shifts -------------------------------------------

class PlanningApi : public ResourceApiTest {};

TEST_P(PlanningApi, ProgrammesAreCreatedByPlannersReadByAllAndFilteredByStatus)
{
    const Json body = {{"code", "P-2026-01"},
                       {"name", "汛前雨水井清掏"},
                       {"asset_kind", "storm_inlet"},
                       {"districts", {"丛台区"}},
                       {"start_date", "2026-04-01"},
                       {"deadline", "2026-06-01"}};
    EXPECT_EQ(client().post(kApi + "/programmes", body, token("crew_a")).status, 403);
    EXPECT_EQ(client().post(kApi + "/programmes", body, token("supervisor")).status, 403);
    auto r = client().post(kApi + "/programmes", body, token("dispatcher"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string location = r.header("location");
    EXPECT_EQ(location, kApi + "/programmes/" + r.json()["id"].get<std::string>());
    EXPECT_EQ(r.json()["status"], "planned");

    auto got = client().get(location, token("crew_a"));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json()["name"], "汛前雨水井清掏");
    EXPECT_EQ(got.json()["districts"], Json::array({"丛台区"}));
    EXPECT_EQ(listed(kApi + "/programmes?status=planned", "crew_b"), (std::set<std::string>{"P-2026-01"}));
    EXPECT_EQ(listed(kApi + "/programmes?status=active", "crew_b"), (std::set<std::string>{}));

    EXPECT_EQ(client().patch(location, {{"status", "active"}}, token("admin"), "").status, 428);
    auto active = client().patch(location, {{"status", "active"}}, token("admin"), "\"1\"");
    ASSERT_EQ(active.status, 200) << active.body;
    EXPECT_EQ(active.header("etag"), "\"2\"");
    EXPECT_EQ(client().patch(location, {{"status", "closed"}}, token("admin"), "\"1\"").status, 412);
    EXPECT_EQ(listed(kApi + "/programmes?status=active", "dispatcher"), (std::set<std::string>{"P-2026-01"}));
    EXPECT_EQ(client().get(kApi + "/programmes/01890000-0000-7000-8000-000000000000", token("admin")).status, 404);
}

TEST_P(PlanningApi, ProgrammeWritesAreValidated)
{
    auto r = client().post(kApi + "/programmes",
                           {{"code", "P-X"}, {"name", "x"}, {"start_date", "2026-06-02"}, {"deadline", "2026-06-01"},
                            {"status", "paused"}},
                           token("dispatcher"));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(fieldErrors(r), (std::set<std::string>{"status:invalid_enum"}));
    auto order = client().post(kApi + "/programmes",
                               {{"code", "P-X"}, {"name", "x"}, {"start_date", "2026-06-02"}, {"deadline", "2026-06-01"}},
                               token("dispatcher"));
    EXPECT_EQ(fieldErrors(order), (std::set<std::string>{"deadline:order_invalid"}));
    auto missing = client().post(kApi + "/programmes", {{"code", "P-X"}, {"name", "x"}}, token("dispatcher"));
    EXPECT_EQ(fieldErrors(missing), (std::set<std::string>{"deadline:required"}));
}

TEST_P(PlanningApi, ShiftCalendarsAreCreatedByAdminsAndAdjustedByDispatchers)
{
    const Json body = {{"name", "邯郸市"}, {"utc_offset_minutes", 480}, {"night", {{"start", "23:00"}, {"end", "05:30"}}}};
    EXPECT_EQ(client().post(kApi + "/shift-calendars", body, token("dispatcher")).status, 403);
    auto r = client().post(kApi + "/shift-calendars", body, token("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string location = r.header("location");
    EXPECT_EQ(location, kApi + "/shift-calendars/" + r.json()["id"].get<std::string>());
    EXPECT_EQ(r.json()["night"]["start"], "23:00");
    EXPECT_EQ(r.json()["day"]["start"], "08:00");

    auto bad = client().patch(location, {{"day", {{"start", "09:00"}, {"end", "09:00"}}}}, token("dispatcher"), "\"1\"");
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"day:empty"}));
    auto patched = client().patch(location, {{"holidays", {"2026-10-01"}}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json()["holidays"], Json::array({"2026-10-01"}));
    EXPECT_EQ(patched.json()["night"]["end"], "05:30");
    EXPECT_EQ(client().patch(location, {{"name", "x"}}, token("supervisor"), "\"2\"").status, 403);

    auto got = client().get(location, token("crew_a"));
    EXPECT_EQ(got.json()["name"], "邯郸市");
    EXPECT_EQ(got.header("etag"), "\"2\"");
    EXPECT_EQ(listed(kApi + "/shift-calendars", "crew_b", "name"), (std::set<std::string>{"邯郸市"}));
    EXPECT_EQ(client().get(kApi + "/shift-calendars?name=x", token("crew_b")).status, 422);
}

TEST_P(PlanningApi, CrewShiftsListByCrewDateAndKindAndCrewsSeeOnlyTheirOwn)
{
    auto add = [&](const Crew& crew, const std::string& date, const std::string& kind) {
        auto r = client().post(kApi + "/crew-shifts", {{"crew_id", crew.id.toString()}, {"date", date}, {"kind", kind}},
                               token("dispatcher"));
        EXPECT_EQ(r.status, 201) << r.body;
        EXPECT_EQ(r.header("location"), kApi + "/crew-shifts/" + r.json()["id"].get<std::string>());
        return r.json()["id"].get<std::string>();
    };
    const std::string a1 = add(crewA, "2026-05-20", "night");
    const std::string a2 = add(crewA, "2026-05-21", "night");
    const std::string a3 = add(crewA, "2026-05-22", "day");
    const std::string b1 = add(crewB, "2026-05-21", "night");

    const auto ids = [&](const std::string& query, const std::string& user) { return listed(kApi + "/crew-shifts" + query, user, "id"); };
    EXPECT_EQ(ids("", "dispatcher"), (std::set<std::string>{a1, a2, a3, b1}));
    EXPECT_EQ(ids("?crew_id=" + crewA.id.toString() + "&date_from=2026-05-21", "dispatcher"), (std::set<std::string>{a2, a3}));
    EXPECT_EQ(ids("?date_from=2026-05-21&date_to=2026-05-21", "dispatcher"), (std::set<std::string>{a2, b1}));
    EXPECT_EQ(ids("?kind=day", "supervisor"), (std::set<std::string>{a3}));
    EXPECT_EQ(ids("", "crew_a"), (std::set<std::string>{a1, a2, a3}));
    EXPECT_EQ(ids("", "crew_b"), (std::set<std::string>{b1}));
    EXPECT_EQ(ids("?crew_id=" + crewB.id.toString(), "crew_a"), (std::set<std::string>{}));
    EXPECT_EQ(listAll(kApi + "/crew-shifts", "dispatcher", 3).size(), 4u);

    EXPECT_EQ(fieldErrors(client().get(kApi + "/crew-shifts?date_from=2026-05-22&date_to=2026-05-21", token("dispatcher"))),
              (std::set<std::string>{"date_to:order_invalid"}));
    EXPECT_EQ(fieldErrors(client().get(kApi + "/crew-shifts?date_from=21.05.2026&kind=evening", token("dispatcher"))),
              (std::set<std::string>{"date_from:invalid_date", "kind:invalid_enum"}));
}

TEST_P(PlanningApi, CrewShiftsRefuseUnknownCrewsAndAreDeletedWithIfMatch)
{
    const std::string before = databaseDigest();
    auto unknown = client().post(kApi + "/crew-shifts",
                                 {{"crew_id", "01890000-0000-7000-8000-000000000000"}, {"date", "2026-05-20"}, {"kind", "night"}},
                                 token("dispatcher"));
    EXPECT_EQ(fieldErrors(unknown), (std::set<std::string>{"crew_id:not_found"}));
    auto missing = client().post(kApi + "/crew-shifts", {{"date", "2026-02-30"}}, token("dispatcher"));
    EXPECT_EQ(missing.status, 422);
    EXPECT_TRUE(fieldErrors(missing).count("crew_id:required")) << missing.body;
    EXPECT_EQ(client().post(kApi + "/crew-shifts", {{"crew_id", crewA.id.toString()}, {"date", "2026-05-20"}, {"kind", "night"}},
                            token("crew_a"))
                  .status,
              403);
    EXPECT_EQ(databaseDigest(), before);

    auto r = client().post(kApi + "/crew-shifts", {{"crew_id", crewA.id.toString()}, {"date", "2026-05-20"}, {"kind", "night"}},
                           token("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string location = r.header("location");
    EXPECT_EQ(client().del(location, token("dispatcher")).status, 428);
    EXPECT_EQ(client().del(location, token("dispatcher"), "\"2\"").status, 412);
    EXPECT_EQ(client().del(location, token("dispatcher"), "\"1\"").status, 204);
    EXPECT_EQ(listed(kApi + "/crew-shifts", "dispatcher", "id"), (std::set<std::string>{}));
    EXPECT_EQ(client().del(location, token("dispatcher"), "\"2\"").status, 404);
    EXPECT_EQ(client().del(kApi + "/crew-shifts/garbage", token("dispatcher"), "\"1\"").status, 404);
}

YANGHU_API_BOTH_BACKENDS(PlanningApi);

} // namespace
