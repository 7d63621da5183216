// ghgkit/factors/lookup.hpp (factor_database::find): the fallback chain of factors/README.md,
// "Lookup and fallbacks", on the hand-made fixture tests/cpp/fixtures/lookup/ (see its header for
// the regions: SE-SE3/SE-SE4 -> SE -> NORDIC -> EU3 -> WORLD; FR-IDF -> FR -> EU3 -> WORLD).

#include "ghgkit/factors/lookup.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

using ghgkit::factor_database;
using ghgkit::fallback_step;
using ghgkit::lookup_error;
using ghgkit::lookup_query;
using ghgkit_test::fixtures;

namespace {

factor_database lookup_db() { return factor_database::load({fixtures() / "lookup"}); }

void check_step(const fallback_step& step, const std::string& kind, const std::string& from, const std::string& to,
                const std::string& reason) {
  CHECK(step.kind == kind);
  CHECK(step.from == from);
  CHECK(step.to == to);
  CHECK(step.reason == reason);
}

}  // namespace

TEST_CASE("an exact year in the requested region is found without any fallback") {
  const auto db = lookup_db();
  const auto r = db.find({.activity = "electricity.grid", .region = "FR", .year = 2020});
  REQUIRE(r.found != nullptr);
  CHECK(r.found->id == "lk.elec.FR.2020.a");
  CHECK(r.fallbacks.empty());
  CHECK(r.region_requested == "FR");
  CHECK(r.region_used == "FR");
  CHECK(r.year_requested == 2020);
  CHECK(r.year_used == 2020);
}

TEST_CASE("a missing year falls back to the nearest earlier year, recorded as a fallback step") {
  const auto db = lookup_db();
  const auto r = db.find({.activity = "electricity.grid", .region = "FR", .year = 2021});
  CHECK(r.found->id == "lk.elec.FR.2020.a");
  CHECK(r.year_used == 2020);
  REQUIRE(r.fallbacks.size() == 1u);
  check_step(r.fallbacks[0], "year", "2021", "2020", "nearest earlier year available");

  const auto r2019 = db.find({.activity = "electricity.grid", .region = "FR", .year = 2019});
  CHECK(r2019.found->id == "lk.elec.FR.2018.a");
  // 2030: the nearest earlier year is 2023, which only src-b has.
  const auto r2030 = db.find({.activity = "electricity.grid", .region = "FR", .year = 2030});
  CHECK(r2030.found->id == "lk.elec.FR.2023.b");
  REQUIRE(r2030.fallbacks.size() == 1u);
  check_step(r2030.fallbacks[0], "year", "2030", "2023", "nearest earlier year available");
}

TEST_CASE("a later year is refused unless allow_later_year is set") {
  const auto db = lookup_db();
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity.grid", .region = "FR", .year = 2017}),
                       "no factor for activity 'electricity.grid' in FR for year 2017; years available there: "
                       "2018, 2020, 2022, 2023; pass allow_later_year to accept a later year",
                       lookup_error);
  const auto r = db.find({.activity = "electricity.grid", .region = "FR", .year = 2017, .allow_later_year = true});
  CHECK(r.found->id == "lk.elec.FR.2018.a");
  CHECK(r.year_used == 2018);
  REQUIRE(r.fallbacks.size() == 1u);
  check_step(r.fallbacks[0], "year", "2017", "2018", "nearest later year (no earlier year available; later years allowed)");
}

TEST_CASE("the year rule applies within the first region that has the activity: WORLD 2010 does not stand in for FR 2015") {
  // factors/README.md, "Lookup and fallbacks", step 2: the year is chosen "within the first region
  // that has any factor for the activity". FR has cooling factors (2020 only), so FR 2015 is
  // refused when later years are not allowed; WORLD's 2010 factor is not a candidate.
  const auto db = lookup_db();
  CHECK_THROWS_AS((void)db.find({.activity = "cooling", .region = "FR", .year = 2015}), lookup_error);
  const auto later = db.find({.activity = "cooling", .region = "FR", .year = 2015, .allow_later_year = true});
  CHECK(later.found->id == "lk.cool.FR.2020.a");
}

TEST_CASE("a year left out means the latest year of the most preferred source present") {
  // factors/README.md, "Lookup and fallbacks", step 3: src-a is preferred over src-b, so src-a's
  // latest FR year (2022) wins over src-b's newer 2023.
  const auto db = lookup_db();
  const auto r = db.find({.activity = "electricity.grid", .region = "FR"});
  CHECK(r.found->id == "lk.elec.FR.2022.a");
  CHECK(r.year_used == 2022);
  CHECK_FALSE(r.year_requested.has_value());
  CHECK(r.fallbacks.empty());
  // Restricted to src-b, its own latest year.
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .source = "src-b"}).found->id == "lk.elec.FR.2023.b");
  // Without preferred sources (heat), simply the latest year.
  CHECK(db.find({.activity = "heat.steam"}).year_used == 2021);
}

TEST_CASE("a year left out takes the highest layer first, even when its year is older") {
  const auto db = factor_database::load({fixtures() / "lookup", fixtures() / "lookup_user_old.yaml"});
  const auto r = db.find({.activity = "electricity.grid", .region = "FR"});
  CHECK(r.found->id == "mine.elec.FR.2019");
  CHECK(r.year_used == 2019);
  CHECK(r.fallbacks.empty());
  // With a year, the year rule comes first: 2022 exists below, and the user layer has no 2022.
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .year = 2022}).found->id == "lk.elec.FR.2022.a");
}

TEST_CASE("a factor valid over a range of years matches every year in it") {
  const auto db = lookup_db();
  for (int year : {2019, 2020, 2021}) {
    CAPTURE(year);
    const auto r = db.find({.activity = "electricity.grid", .region = "DE", .year = year});
    CHECK(r.found->id == "lk.elec.DE.2019-2021.a");
    CHECK(r.fallbacks.empty());
  }
  const auto after = db.find({.activity = "electricity.grid", .region = "DE", .year = 2023});
  CHECK(after.found->id == "lk.elec.DE.2019-2021.a");
  REQUIRE(after.fallbacks.size() == 1u);
  CHECK(after.fallbacks[0].kind == "year");
  CHECK(after.fallbacks[0].from == "2023");
}

TEST_CASE("a subdivision falls back to its country, recorded as a region step") {
  const auto db = lookup_db();
  const auto r = db.find({.activity = "electricity.grid", .region = "FR-IDF", .year = 2022});
  CHECK(r.found->id == "lk.elec.FR.2022.a");
  CHECK(r.region_requested == "FR-IDF");
  CHECK(r.region_used == "FR");
  REQUIRE(r.fallbacks.size() == 1u);
  check_step(r.fallbacks[0], "region", "FR-IDF", "FR", "no factor for 'electricity.grid' in FR-IDF");
}

TEST_CASE("a grid zone uses its own factor, or falls back to its country") {
  const auto db = lookup_db();
  const auto own = db.find({.activity = "electricity.grid", .region = "SE-SE3", .year = 2022});
  CHECK(own.found->id == "lk.elec.SE-SE3.2022.a");
  CHECK(own.fallbacks.empty());
  const auto parent = db.find({.activity = "electricity.grid", .region = "SE-SE4", .year = 2022});
  CHECK(parent.found->id == "lk.elec.SE.2022.a");
  REQUIRE(parent.fallbacks.size() == 1u);
  check_step(parent.fallbacks[0], "region", "SE-SE4", "SE", "no factor for 'electricity.grid' in SE-SE4");
}

TEST_CASE("a country falls back to the smallest group holding it, then larger groups") {
  const auto db = lookup_db();
  // SE is in NORDIC (2 members) and EU3 (3 members): NORDIC first.
  const auto zone = db.find({.activity = "heat.district", .region = "SE-SE3", .year = 2022});
  CHECK(zone.found->id == "lk.heat.NORDIC.2022.a");
  REQUIRE(zone.fallbacks.size() == 1u);
  check_step(zone.fallbacks[0], "region", "SE-SE3", "NORDIC", "no factor for 'heat.district' in SE-SE3");
  // FR is only in EU3.
  const auto fr = db.find({.activity = "heat.district", .region = "FR", .year = 2022});
  CHECK(fr.found->id == "lk.heat.EU3.2022.a");
  REQUIRE(fr.fallbacks.size() == 1u);
  check_step(fr.fallbacks[0], "region", "FR", "EU3", "no factor for 'heat.district' in FR");
}

TEST_CASE("WORLD is the last fallback, and the default region") {
  const auto db = lookup_db();
  const auto r = db.find({.activity = "heat.steam", .region = "SE-SE3", .year = 2021});
  CHECK(r.found->id == "lk.steam.WORLD.2021.a");
  CHECK(r.region_used == "WORLD");
  REQUIRE(r.fallbacks.size() == 1u);
  check_step(r.fallbacks[0], "region", "SE-SE3", "WORLD", "no factor for 'heat.steam' in SE-SE3");
  const auto none = db.find({.activity = "heat.steam"});
  CHECK(none.found->id == "lk.steam.WORLD.2021.a");
  CHECK(none.fallbacks.empty());
  CHECK(none.region_requested.empty());
}

TEST_CASE("a region step and a year step are both recorded, region first") {
  const auto db = lookup_db();
  const auto r = db.find({.activity = "heat.steam", .region = "FR", .year = 2023});
  CHECK(r.found->id == "lk.steam.WORLD.2021.a");
  REQUIRE(r.fallbacks.size() == 2u);
  check_step(r.fallbacks[0], "region", "FR", "WORLD", "no factor for 'heat.steam' in FR");
  check_step(r.fallbacks[1], "year", "2023", "2021", "nearest earlier year available");
}

TEST_CASE("strict mode refuses every fallback with the exact message") {
  const auto db = lookup_db();
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity.grid", .region = "FR", .year = 2021, .strict = true}),
                       "no factor for activity 'electricity.grid' in FR for year 2021; years available there: "
                       "2018, 2020, 2022, 2023 (strict: no fallback allowed)",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity.grid", .region = "SE-SE4", .year = 2022, .strict = true}),
                       "no factor for activity 'electricity.grid' in region SE-SE4 for year 2022 (strict: no fallback "
                       "allowed)",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "heat.steam", .region = "FR", .strict = true}),
                       "no factor for activity 'heat.steam' in region FR (strict: no fallback allowed)", lookup_error);
  // What needs no fallback is found in strict mode too.
  const auto exact = db.find({.activity = "electricity.grid", .region = "FR", .year = 2020, .strict = true});
  CHECK(exact.found->id == "lk.elec.FR.2020.a");
  const auto latest = db.find({.activity = "electricity.grid", .region = "FRA", .strict = true});
  CHECK(latest.found->id == "lk.elec.FR.2022.a");
  CHECK(latest.fallbacks.empty());
}

TEST_CASE("FRA and other spellings are accepted for FR, without a fallback step") {
  const auto db = lookup_db();
  for (const char* code : {"FRA", "fra", "fr"}) {
    CAPTURE(code);
    const auto r = db.find({.activity = "electricity.grid", .region = code, .year = 2020});
    CHECK(r.found->id == "lk.elec.FR.2020.a");
    CHECK(r.region_requested == code);
    CHECK(r.region_used == "FR");
    CHECK(r.fallbacks.empty());
  }
}

TEST_CASE("preferred_sources breaks a tie between sources for one region and year") {
  const auto db = lookup_db();
  // FR 2022 exists from src-a and src-b; electricity.grid prefers [src-a, src-b].
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .year = 2022}).found->id == "lk.elec.FR.2022.a");
  // Asking for a source narrows the candidates first.
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .year = 2022, .source = "src-b"}).found->id ==
        "lk.elec.FR.2022.b");
}

TEST_CASE("a tie that no preference breaks fails and names both factors") {
  const auto db = lookup_db();
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "heat.district", .region = "DE", .year = 2022}),
                       "2 factors fit activity 'heat.district' in DE for 2022 and none is preferred: "
                       "lk.heat.DE.2022.a (source src-a, per kWh), lk.heat.DE.2022.b (source src-b, per kWh); "
                       "pass a source, a unit or a factor id, or set preferred_sources for the activity",
                       lookup_error);
  CHECK(db.find({.activity = "heat.district", .region = "DE", .year = 2022, .source = "src-b"}).found->id ==
        "lk.heat.DE.2022.b");
}

TEST_CASE("a factor of a higher layer wins over the lower layer's, whatever its source") {
  const auto db = factor_database::load({fixtures() / "lookup", fixtures() / "lookup_user.yaml"});
  const auto r = db.find({.activity = "electricity.grid", .region = "FR", .year = 2022});
  CHECK(r.found->id == "mine.elec.FR.2022");
  CHECK(r.found->origin.layer == 1u);
  // Years the user layer does not cover still come from below.
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .year = 2020}).found->id == "lk.elec.FR.2020.a");
}

TEST_CASE("an unknown activity or region is a lookup_error that says what is known") {
  const auto db = lookup_db();
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity"}),
                       "no factor for activity 'electricity'; did you mean: electricity.grid?", lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity.gird"}), "no factor for activity 'electricity.gird'; did you mean: electricity.grid?",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find({.activity = "electricity.grid", .region = "FRR"}),
                       "unknown region 'FRR': expected a known region such as 'FR'", lookup_error);
}

TEST_CASE("a unit dimension in the query keeps only factors per that dimension") {
  const auto db = lookup_db();
  const auto energy = ghgkit::parse_unit("MWh").dim;
  CHECK(db.find({.activity = "electricity.grid", .region = "FR", .unit_dimension = energy}).found->id ==
        "lk.elec.FR.2022.a");
  CHECK_THROWS_WITH_AS(
      (void)db.find({.activity = "electricity.grid", .region = "FR", .unit_dimension = ghgkit::parse_unit("kg").dim}),
      "no factor for activity 'electricity.grid' in region FR or its fallbacks (FR -> EU3 -> WORLD)", lookup_error);
}
