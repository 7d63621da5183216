// ghgkit/factors/database.hpp: loading YAML layers, the content hash, user layers, and every way a
// factor file can be wrong. Fixtures: tests/cpp/fixtures (good_basic/ and its copies; bad_*.yaml,
// each beside bad_*.expected, the exact message with {fixtures} standing for the fixture directory).

#include "ghgkit/factors/database.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::factor_database;
using ghgkit::factor_error;
using ghgkit_test::fixtures;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

factor_database good_basic() { return factor_database::load({fixtures() / "good_basic"}); }

std::string location(const fs::path& file, int line, int column) {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// The message a bad fixture must produce: the one line of its .expected file, with {fixtures} (the
// fixture directory as given) and {fixtures_root} (the same, canonical) filled in.
std::string expected_message(const std::string& name) {
  std::string text = ghgkit_test::read_text(fixtures() / (name + ".expected"));
  text = text.substr(0, text.find('\n'));
  text = ghgkit_test::replace_all(text, "{fixtures}", fixtures().string());
  return ghgkit_test::replace_all(text, "{fixtures_root}", fs::weakly_canonical(fixtures()).string());
}

// Loads good_basic with the bad file as a second layer, so that every reference it makes exists.
void check_bad_fixture(const std::string& name) {
  CAPTURE(name);
  const std::string expected = expected_message(name);
  CHECK_THROWS_WITH_AS((void)factor_database::load({fixtures() / "good_basic", fixtures() / (name + ".yaml")}),
                       expected.c_str(), factor_error);
}

// Every bad fixture, each tested by one TEST_CASE below.
const std::set<std::string> kBadFixtures = {
    "bad_malformed_yaml",   "bad_duplicate_id",   "bad_unknown_unit",    "bad_unit_dimension",
    "bad_unknown_gas",      "bad_negative_value", "bad_nan_value",       "bad_inf_value",
    "bad_missing_source",   "bad_unknown_source", "bad_source_without_licence",
    "bad_unknown_region",   "bad_year_1850",      "bad_year_2200",       "bad_unknown_field",
    "bad_duplicate_key",    "bad_alias_bomb",     "bad_deep_nesting",    "bad_include_outside",
    "bad_empty_file",       "bad_wrong_schema",   "bad_blend_sum",       "bad_co2e_without_gwp",
    "bad_unknown_gwp_set"};

class scoped_env {
 public:
  scoped_env(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~scoped_env() {
    if (old_.empty()) ::unsetenv(name_);
    else ::setenv(name_, old_.c_str(), 1);
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::string old_;
};

}  // namespace

TEST_CASE("a small database loads its sources, regions, activities, GWP table and factors") {
  const auto db = good_basic();
  CHECK(db.size() == 6u);
  CHECK(db.sources().size() == 2u);
  CHECK(db.sources().at("test-grid").licence == "CC0-1.0");
  CHECK(db.sources().at("test-grid").url == "https://example.org/ghgkit/test-grid");
  CHECK(db.sources().at("test-ipcc").year == 2013);
  CHECK(db.regions().canonical("FRA") == "FR");
  CHECK(db.regions().find("WORLD") != nullptr);  // added when no file defines it
  CHECK(db.regions().groups().at("FRDE").members == std::vector<std::string>{"FR", "DE"});
  CHECK(db.activities().size() == 2u);
  CHECK(db.gases().has_set("AR5"));
  CHECK(db.gases().gwp("R-32", "AR5") == exactly(677.0));
  // R-410A: 0.5 x 677 + 0.5 x 3170 = 1923.5
  CHECK(db.gases().gwp("R-410A", "AR5") == exactly(1923.5));
  CHECK(db.layer_paths() == std::vector<fs::path>{fixtures() / "good_basic"});
  // factors() is sorted by id.
  std::vector<std::string> ids;
  for (const auto& f : db.factors()) ids.push_back(f.id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("a factor keeps every field, with file defaults applied") {
  const auto db = good_basic();
  const auto& fr = db.get("test-grid.electricity.grid.FR.2020");
  CHECK(fr.activity == "electricity.grid");
  CHECK(fr.unit.symbol == "kWh");
  CHECK(fr.mass_unit == "kg");
  CHECK(fr.co2e_kg == exactly(0.05));
  CHECK(fr.co2e_gwp_set == "AR5");
  CHECK(fr.gases.empty());
  CHECK_FALSE(fr.biogenic_co2_kg.has_value());
  CHECK(fr.region == "FR");
  CHECK(fr.year == 2020);
  CHECK(fr.valid_to == 2020);
  CHECK(fr.source_id == "test-grid");
  CHECK(fr.tags == std::vector<std::string>{"location_based"});
  CHECK(fr.has_tag("location_based"));
  CHECK(fr.uncertainty.shape == ghgkit::uncertainty::distribution::interval);
  CHECK(fr.uncertainty.minus_pct == exactly(10.0));
  CHECK(fr.origin.where.str() == location(fixtures() / "good_basic" / "factors.yaml", 10, 5));
  CHECK(fr.origin.layer == 0u);
  CHECK(fr.overrides.empty());
  CHECK(db.source_of(fr).title == "Hand-made grid and fuel factors for loader tests");

  const auto& gas = db.get("test-grid.fuel.natural_gas.DE.2022");
  REQUIRE(gas.gases.size() == 3u);  // sorted by gas name
  CHECK(gas.gases[0].gas == "CH4");
  CHECK(gas.gases[0].kg == exactly(0.001));
  CHECK(gas.gases[1].gas == "CO2");
  CHECK(gas.gases[1].kg == exactly(0.2));
  CHECK(gas.gases[2].gas == "N2O");
  CHECK(gas.gases[2].kg == exactly(0.0001));
  CHECK_FALSE(gas.co2e_kg.has_value());
  CHECK(gas.basis == "net_cv");
  CHECK(gas.scope == 1);
  CHECK(gas.tags.empty());
  CHECK(gas.notes == "per kWh of gas burnt (net calorific value)");
  CHECK(db.family_of(gas.activity)->path == "fuel");

  const auto& de = db.get("test-grid.electricity.grid.DE.2022");
  CHECK(de.uncertainty.shape == ghgkit::uncertainty::distribution::lognormal);
  CHECK(de.uncertainty.param_a == exactly(1.2));
}

TEST_CASE("the activity family of a path is its longest declared prefix") {
  const auto db = good_basic();
  REQUIRE(db.family_of("electricity.grid") != nullptr);
  CHECK(db.family_of("electricity.grid")->preferred_sources == std::vector<std::string>{"test-grid"});
  CHECK(db.family_of("fuel.natural_gas.lng")->path == "fuel");
  CHECK(db.family_of("fuel")->dimensions == std::vector<std::string>{"energy", "volume"});
  CHECK(db.family_of("fuelwood") == nullptr);  // a prefix ends at a dot
  CHECK(db.family_of("water") == nullptr);
}

TEST_CASE("get() of an unknown id is a lookup_error naming near ids") {
  const auto db = good_basic();
  CHECK(db.contains("test-grid.electricity.grid.FR.2021"));
  CHECK_FALSE(db.contains("test-grid.electricity.grid.FR.2023"));
  CHECK_THROWS_WITH_AS((void)db.get("test-grid.electricity.grid.FR.2023"),
                       "unknown factor id 'test-grid.electricity.grid.FR.2023'; did you mean "
                       "'test-grid.electricity.grid.FR.2020' or 'test-grid.electricity.grid.FR.2021' or "
                       "'test-grid.electricity.grid.FR.2022'?",
                       ghgkit::lookup_error);
  CHECK_THROWS_WITH_AS((void)db.get("nothing.like.it"), "unknown factor id 'nothing.like.it'", ghgkit::lookup_error);
}

TEST_CASE("the content hash is a SHA-256 that loading again reproduces") {
  const auto a = good_basic();
  const auto b = good_basic();
  CHECK(a.content_hash().size() == 64u);
  CHECK(a.content_hash().find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a.content_hash() == b.content_hash());
}

TEST_CASE("the content hash does not change when files are split, ordered or keyed differently") {
  // reordered/: other files (one included from a subdirectory), lists reversed, keys shuffled,
  // defaults written out.
  CHECK(factor_database::load({fixtures() / "reordered"}).content_hash() == good_basic().content_hash());
}

TEST_CASE("the content hash does not change when values are spelled differently") {
  // reformatted/: quoting, flow and block styles, 0.050 / 5.5e-2 / +0.35, alpha-3 and lower-case
  // region codes, `valid:` for `year:`, `pct95: [10, 10]` for `pct95: 10`.
  CHECK(factor_database::load({fixtures() / "reformatted"}).content_hash() == good_basic().content_hash());
}

TEST_CASE("the content hash changes when one figure changes") {
  // changed/: good_basic with FR 2021 0.06 -> 0.061.
  const auto changed = factor_database::load({fixtures() / "changed"});
  CHECK(changed.get("test-grid.electricity.grid.FR.2021").co2e_kg == exactly(0.061));
  CHECK(changed.content_hash() != good_basic().content_hash());
}

TEST_CASE("the content hash does not depend on the key order of a blend's components") {
  // The same blend written {HFC-32: 0.45, HFC-125: 0.55} and {HFC-125: 0.55, HFC-32: 0.45}: a YAML
  // mapping has no order, so the content is the same.
  const auto ab = factor_database::load({fixtures() / "good_basic", fixtures() / "hash" / "blend_components_ab.yaml"});
  const auto ba = factor_database::load({fixtures() / "good_basic", fixtures() / "hash" / "blend_components_ba.yaml"});
  // Both give 0.45 x 677 + 0.55 x 3170 = 304.65 + 1743.5 = 2048.15 under AR5.
  CHECK(ab.gases().gwp("R-410B", "AR5") == exactly(2048.15));
  CHECK(ba.gases().gwp("R-410B", "AR5") == exactly(2048.15));
  CHECK(ab.content_hash() == ba.content_hash());
}

TEST_CASE("a user layer overrides a factor by id and records what it replaced") {
  const auto base = good_basic();
  const std::string base_hash = base.content_hash();
  const auto mine = base.layer({fixtures() / "user_override.yaml"});
  const auto& f = mine.get("test-grid.electricity.grid.FR.2022");
  CHECK(f.co2e_kg == exactly(0.048));  // 48 g/kWh = 0.048 kg/kWh
  CHECK(f.mass_unit == "g");
  CHECK(f.notes == "supplier-specific figure");
  CHECK(f.origin.layer == 1u);
  CHECK(f.origin.where.str() == location(fixtures() / "user_override.yaml", 4, 5));
  REQUIRE(f.overrides.size() == 1u);
  CHECK(f.overrides[0].layer == 0u);
  CHECK(f.overrides[0].where.str() == location(fixtures() / "good_basic" / "factors.yaml", 19, 5));
  CHECK(mine.size() == base.size());
  CHECK(mine.content_hash() != base_hash);
  CHECK(mine.layer_paths() == std::vector<fs::path>{fixtures() / "good_basic", fixtures() / "user_override.yaml"});
  // Loading both layers at once is the same database.
  CHECK(factor_database::load({fixtures() / "good_basic", fixtures() / "user_override.yaml"}).content_hash() ==
        mine.content_hash());
}

TEST_CASE("layer() leaves the original database unchanged") {
  const auto base = good_basic();
  const std::string base_hash = base.content_hash();
  const auto mine = base.layer({fixtures() / "user_override.yaml"});
  const auto& original = base.get("test-grid.electricity.grid.FR.2022");
  CHECK(original.co2e_kg == exactly(0.055));
  CHECK(original.overrides.empty());
  CHECK(original.origin.layer == 0u);
  CHECK(base.content_hash() == base_hash);
  CHECK(base.layer_paths().size() == 1u);
  // Factors not overridden are the same in both.
  CHECK(mine.get("test-grid.electricity.grid.FR.2021").co2e_kg == exactly(0.06));
  CHECK(mine.get("test-grid.electricity.grid.FR.2021").overrides.empty());
}

TEST_CASE("a missing path and an empty path list are refused") {
  const fs::path missing = fixtures() / "no_such_directory";
  CHECK_THROWS_WITH_AS((void)factor_database::load({missing}), (missing.string() + ": no such file or directory").c_str(),
                       factor_error);
  CHECK_THROWS_WITH_AS((void)factor_database::load({}), "factor_database::load: expected at least one path",
                       ghgkit::input_error);
}

TEST_CASE("shipped() loads the directory named by GHGKIT_FACTORS") {
  {
    const scoped_env env("GHGKIT_FACTORS", (fixtures() / "good_basic").string());
    CHECK(factor_database::shipped_directory() == fixtures() / "good_basic");
    CHECK(factor_database::shipped().content_hash() == good_basic().content_hash());
  }
  {
    const scoped_env env("GHGKIT_FACTORS", (fixtures() / "no_such_directory").string());
    const std::string expected = "shipped factor directory '" + (fixtures() / "no_such_directory").string() +
                                 "' not found: set GHGKIT_FACTORS to the factors/ directory of ghgkit";
    CHECK_THROWS_WITH_AS((void)factor_database::shipped(), expected.c_str(), factor_error);
  }
}

TEST_CASE("the shipped factor database loads") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  CHECK(db.size() > 0u);
  CHECK(db.gases().has_set("AR4"));
  CHECK(db.gases().has_set("AR5"));
  CHECK(db.gases().has_set("AR6"));
  CHECK(db.content_hash().size() == 64u);
}

TEST_CASE("every bad fixture on disk has an expected message and a test") {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(fixtures())) {
    const std::string name = entry.path().stem().string();
    if (name.rfind("bad_", 0) == 0 && entry.path().extension() == ".yaml") on_disk.insert(name);
  }
  CHECK(on_disk == kBadFixtures);
  for (const auto& name : on_disk) {
    CAPTURE(name);
    CHECK(fs::is_regular_file(fixtures() / (name + ".expected")));
  }
}

// One test per bad fixture: the exact message, with file:line:column and field.
TEST_CASE("malformed YAML is refused with its position") { check_bad_fixture("bad_malformed_yaml"); }
TEST_CASE("a duplicate factor id is refused naming both definitions") { check_bad_fixture("bad_duplicate_id"); }
TEST_CASE("an unknown unit is refused with a suggestion") { check_bad_fixture("bad_unknown_unit"); }
TEST_CASE("a unit whose dimension does not fit the activity is refused") { check_bad_fixture("bad_unit_dimension"); }
TEST_CASE("an unknown gas is refused with near matches") { check_bad_fixture("bad_unknown_gas"); }
TEST_CASE("a negative factor value is refused") { check_bad_fixture("bad_negative_value"); }
TEST_CASE("a NaN factor value is refused") { check_bad_fixture("bad_nan_value"); }
TEST_CASE("an infinite factor value is refused") { check_bad_fixture("bad_inf_value"); }
TEST_CASE("a factor without a source is refused") { check_bad_fixture("bad_missing_source"); }
TEST_CASE("a factor citing an unknown source is refused with near matches") { check_bad_fixture("bad_unknown_source"); }
TEST_CASE("a source without a licence is refused") { check_bad_fixture("bad_source_without_licence"); }
TEST_CASE("an unknown region code is refused with near matches") { check_bad_fixture("bad_unknown_region"); }
TEST_CASE("a year before 1900 is refused") { check_bad_fixture("bad_year_1850"); }
TEST_CASE("a year after 2100 is refused") { check_bad_fixture("bad_year_2200"); }
TEST_CASE("an unknown field is refused, listing the fields allowed") { check_bad_fixture("bad_unknown_field"); }
TEST_CASE("a key given twice in one mapping is refused") { check_bad_fixture("bad_duplicate_key"); }
TEST_CASE("a file nested deeper than the limit is refused") { check_bad_fixture("bad_deep_nesting"); }
TEST_CASE("an include leaving the database root is refused") { check_bad_fixture("bad_include_outside"); }
TEST_CASE("an empty file is refused") { check_bad_fixture("bad_empty_file"); }
TEST_CASE("a file of another schema version is refused") { check_bad_fixture("bad_wrong_schema"); }
TEST_CASE("blend fractions that do not sum to 1 are refused") { check_bad_fixture("bad_blend_sum"); }
TEST_CASE("a CO2e value without its GWP set is refused") { check_bad_fixture("bad_co2e_without_gwp"); }
TEST_CASE("a CO2e value under an unknown GWP set is refused") { check_bad_fixture("bad_unknown_gwp_set"); }

TEST_CASE("an alias bomb fails fast at the node limit instead of expanding") {
  const auto start = std::chrono::steady_clock::now();
  check_bad_fixture("bad_alias_bomb");
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // 10^10 nodes if expanded; the 10^7-node budget stops it (about 16 s in an unoptimised build here).
  CHECK(seconds < 60.0);
}
