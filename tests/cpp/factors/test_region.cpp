// ghgkit/factors/region.hpp: codes, alpha-3, case, and the fallback chain zone -> country ->
// groups (fewest members first) -> WORLD. A registry built by hand, then the shipped regions.

#include "ghgkit/factors/region.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

using ghgkit::region;
using ghgkit::region_group;
using ghgkit::region_registry;
using chain = std::vector<std::string>;

namespace {

region_registry hand_registry() {
  region_registry r;
  r.add(region{.code = "FR", .alpha3 = "FRA", .name = "France", .kind = "country"});
  r.add(region{.code = "DE", .alpha3 = "DEU", .name = "Germany", .kind = "country"});
  r.add(region{.code = "SE", .alpha3 = "SWE", .name = "Sweden", .kind = "country"});
  r.add(region{.code = "NO", .alpha3 = "NOR", .name = "Norway", .kind = "country"});
  r.add(region{.code = "SE-SE3", .name = "Sweden bidding zone SE3", .kind = "grid_zone", .parent = "SE"});
  r.add(region{.code = "FR-IDF", .name = "Ile-de-France", .kind = "subdivision", .parent = "FR"});
  r.add(region{.code = "eu-west-3", .name = "a cloud region in Paris", .kind = "cloud_region", .parent = "FR-IDF"});
  r.add(region{.code = "WORLD", .name = "World", .kind = "world"});
  // Declared largest first: the chain must still list the smallest group first.
  r.add_group(region_group{.code = "EU4", .name = "four", .members = {"FR", "DE", "SE", "NO"}});
  r.add_group(region_group{.code = "EU3", .name = "three", .members = {"FR", "DE", "SE"}});
  r.add_group(region_group{.code = "NORDIC", .name = "two", .members = {"SE", "NO"}});
  return r;
}

}  // namespace

TEST_CASE("alpha-3 codes resolve to the canonical alpha-2 code") {
  const auto r = hand_registry();
  CHECK(r.canonical("FRA") == "FR");
  CHECK(r.canonical("SWE") == "SE");
  CHECK(r.canonical("FR") == "FR");
  CHECK(r.require("DEU") == "DE");
}

TEST_CASE("codes match without regard to case") {
  const auto r = hand_registry();
  CHECK(r.canonical("fr") == "FR");
  CHECK(r.canonical("fra") == "FR");
  CHECK(r.canonical("se-se3") == "SE-SE3");
  CHECK(r.canonical("nordic") == "NORDIC");
  CHECK(r.canonical("World") == "WORLD");
  CHECK(r.canonical("EU-WEST-3") == "eu-west-3");
  CHECK_FALSE(r.canonical("XX").has_value());
}

TEST_CASE("the fallback chain goes zone, country, groups from the smallest, then WORLD") {
  const auto r = hand_registry();
  CHECK(r.fallback_chain("SE-SE3") == chain{"SE-SE3", "SE", "NORDIC", "EU3", "EU4", "WORLD"});
  CHECK(r.fallback_chain("SE") == chain{"SE", "NORDIC", "EU3", "EU4", "WORLD"});
  CHECK(r.fallback_chain("NO") == chain{"NO", "NORDIC", "EU4", "WORLD"});
  CHECK(r.fallback_chain("eu-west-3") == chain{"eu-west-3", "FR-IDF", "FR", "EU3", "EU4", "WORLD"});
  CHECK(r.fallback_chain("WORLD") == chain{"WORLD"});
  CHECK(r.fallback_chain("EU3") == chain{"EU3", "WORLD"});
}

TEST_CASE("an unknown region is refused with near matches, or with the kinds of code accepted") {
  const auto r = hand_registry();
  CHECK_THROWS_WITH_AS((void)r.require("FRR"), "unknown region 'FRR': expected a known region such as 'FR'",
                       ghgkit::lookup_error);
  // Every two-letter code is two edits from 'XX'; the first three by name are listed.
  CHECK_THROWS_WITH_AS((void)r.require("XX"), "unknown region 'XX': expected a known region such as 'DE' or 'FR' or 'NO'",
                       ghgkit::lookup_error);
  CHECK_THROWS_WITH_AS((void)r.require("Atlantis"),
                       "unknown region 'Atlantis': expected an ISO 3166-1 alpha-2 or alpha-3 code, an ISO 3166-2 code, "
                       "a grid zone, a cloud region, a group or WORLD",
                       ghgkit::lookup_error);
}

TEST_CASE("validate() refuses a parent or a group member that is not defined") {
  region_registry r = hand_registry();
  CHECK_NOTHROW(r.validate());
  r.add(region{.code = "SE-SE9", .kind = "grid_zone", .parent = "SX", .where = {"zones.yaml", 3, 5}});
  CHECK_THROWS_WITH_AS(r.validate(),
                       "zones.yaml:3:5: field 'parent': found 'SX', expected the code of a region defined in the database",
                       ghgkit::factor_error);
  region_registry g = hand_registry();
  g.add_group(region_group{.code = "BALTIC", .members = {"EE", "SE"}, .where = {"groups.yaml", 7, 5}});
  CHECK_THROWS_WITH_AS(g.validate(),
                       "groups.yaml:7:5: field 'members': found 'EE', expected the code of a region defined in the database",
                       ghgkit::factor_error);
}

TEST_CASE("the shipped regions resolve FRA to FR and put EU27 before WORLD in France's chain") {
  const auto db = ghgkit::factor_database::load({ghgkit_test::shipped_factors() / "regions"});
  const auto& regions = db.regions();
  CHECK(regions.canonical("FRA") == "FR");
  CHECK(regions.canonical("fra") == "FR");
  const auto fr = regions.fallback_chain("FR");
  REQUIRE(fr.size() >= 3);
  CHECK(fr.front() == "FR");
  CHECK(fr.back() == "WORLD");
  const auto eu27 = std::find(fr.begin(), fr.end(), "EU27");
  const auto eea = std::find(fr.begin(), fr.end(), "EEA");
  REQUIRE(eu27 != fr.end());
  REQUIRE(eea != fr.end());
  CHECK(eu27 < eea);  // 27 members before 30
  // A Swedish bidding zone falls back to Sweden first.
  const auto se3 = regions.fallback_chain("SE-SE3");
  REQUIRE(se3.size() >= 3);
  CHECK(se3[1] == "SE");
  CHECK(se3.back() == "WORLD");
}
