// ghgkit/factors/coefficients.hpp: coefficient documents (schema ghgkit.coefficients/1) loaded into
// the factor database: every field, layering, the content hash, find_coefficient, and every way a
// document can be wrong. Fixtures: tests/cpp/fixtures/coefficients (good/ and its variants;
// bad_*.yaml beside bad_*.expected, the exact message with {fixtures} standing for
// tests/cpp/fixtures). Figures are hand-made test data, not real coefficients.

#include "ghgkit/factors/coefficients.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::factor_database;
using ghgkit::factor_error;
using ghgkit::lookup_error;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

fs::path coef_fixtures() { return ghgkit_test::fixtures() / "coefficients"; }
factor_database good() { return factor_database::load({coef_fixtures() / "good"}); }

std::string location(const fs::path& file, int line, int column) {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const ghgkit::coefficient& by_id(const factor_database& db, const std::string& id) {
  const auto all = db.coefficients();
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
  REQUIRE(it != all.end());
  return *it;
}

// The bad file is a second layer over good/, so every reference it makes exists.
void check_bad_fixture(const std::string& name) {
  CAPTURE(name);
  std::string expected = ghgkit_test::read_text(coef_fixtures() / (name + ".expected"));
  expected = ghgkit_test::replace_all(expected.substr(0, expected.find('\n')), "{fixtures}",
                                      ghgkit_test::fixtures().string());
  CHECK_THROWS_WITH_AS((void)factor_database::load({coef_fixtures() / "good", coef_fixtures() / (name + ".yaml")}),
                       expected.c_str(), factor_error);
}

const std::set<std::string> kBadFixtures = {
    "bad_unknown_field",    "bad_null_field",          "bad_missing_unit",     "bad_duplicate_id",
    "bad_cross_section_id", "bad_unknown_source",      "bad_unknown_unit",     "bad_quantity_unit",
    "bad_value_outside_range", "bad_min_without_max",  "bad_unknown_country",  "bad_country_subdivision",
    "bad_architecture",     "bad_param_range",         "bad_accelerator_type", "bad_negative_tdp",
    "bad_nan_value",        "bad_unknown_section",     "bad_archetype_range",  "bad_quantity_path",
    "bad_year",             "bad_embodied_source",     "bad_schema",           "bad_id_with_space"};

}  // namespace

TEST_CASE("coefficient documents load beside factor files, sorted by id") {
  const auto db = good();
  CHECK(db.size() == 0u);  // no factors: coefficients are not emission factors
  CHECK(db.coefficients().size() == 8u);
  CHECK(db.llm_models().size() == 3u);
  CHECK(db.accelerators().size() == 3u);
  CHECK(db.cpus().size() == 2u);
  CHECK(db.cloud_instances().size() == 2u);
  CHECK(db.cloud_regions().size() == 1u);
  CHECK(db.server_archetypes().size() == 1u);
  // A coefficient document's `sources` section feeds the one registry.
  CHECK(db.sources().contains("test-llm"));
  std::vector<std::string> ids;
  for (const auto& c : db.coefficients()) ids.push_back(c.id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("a coefficient keeps every field of its entry") {
  const auto db = good();
  const auto& pue = by_id(db, "test-cloud.aws.datacenter.pue.us-west-2");
  CHECK(pue.quantity == "cloud.datacenter.pue");
  CHECK(pue.value == exactly(1.15));
  CHECK(pue.min == exactly(1.1));
  CHECK(pue.max == exactly(1.2));
  CHECK(pue.unit.symbol == "1");
  CHECK(pue.unit.dim.dimensionless());
  CHECK(pue.per.empty());
  CHECK(pue.provider == "aws");
  CHECK(pue.region == "us-west-2");
  CHECK(pue.country == "US");
  CHECK(pue.key.empty());
  CHECK(pue.year == 2022);
  CHECK(pue.source_id == "test-cloud");
  CHECK(pue.reference == "https://example.org/ghgkit/pue");
  CHECK(pue.origin.where.str() == location(coef_fixtures() / "good" / "cloud.yaml", 25, 5));
  CHECK(pue.origin.layer == 0u);
  CHECK(pue.overrides.empty());
  // An alpha-3 code is stored canonical, as for factors.
  CHECK(by_id(db, "test-hardware.aws.datacenter.pue.us-west-2").country == "US");

  const auto& alpha = by_id(db, "test-llm.gpu_energy_per_output_token.alpha");
  CHECK(alpha.value == exactly(1.1665e-06));
  CHECK(alpha.per == "billion active parameters");
  CHECK_FALSE(alpha.min.has_value());
  CHECK_FALSE(alpha.year.has_value());
  // 1 Wh/token = 3600 J per token.
  CHECK(alpha.unit.scale == exactly(3600.0));
  CHECK(alpha.unit.dim == ghgkit::parse_unit("J/token").dim);
  // A fit parameter may be negative.
  CHECK(by_id(db, "test-llm.gpu_energy_per_output_token.beta").value == exactly(-0.011206));
}

TEST_CASE("find_coefficient returns the one entry that fits, ignoring case") {
  const auto db = good();
  const auto& c = db.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws", .key = "average"});
  CHECK(c.id == "test-cloud.aws.compute.min_power_per_vcpu.average");
  CHECK(c.value == exactly(0.74));
  CHECK(db.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "AWS", .key = "Median"}).value ==
        exactly(0.65));
  // Fields left out match any value: one thing described, one entry.
  CHECK(db.find_coefficient({.quantity = "cloud.storage.ssd.energy_per_capacity_time"}).value == exactly(1.2));
}

TEST_CASE("find_coefficient names near quantities and the entries of a quantity when nothing fits") {
  const auto db = good();
  CHECK_THROWS_WITH_AS((void)db.find_coefficient({.quantity = "cloud.datacenter.peu"}),
                       "no coefficient of quantity 'cloud.datacenter.peu'; did you mean: cloud.datacenter.pue?",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "gcp"}),
                       "no coefficient 'cloud.compute.min_power_per_vcpu' with provider 'gcp'; entries of this quantity: "
                       "provider 'aws', key 'average' (test-cloud); provider 'aws', key 'median' (test-cloud)",
                       lookup_error);
}

TEST_CASE("find_coefficient refuses a query that fits different things") {
  const auto db = good();
  CHECK_THROWS_WITH_AS((void)db.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws"}),
                       "several coefficients 'cloud.compute.min_power_per_vcpu' fit with provider 'aws': provider 'aws', "
                       "key 'average' (test-cloud); provider 'aws', key 'median' (test-cloud); name the provider, region "
                       "or key",
                       lookup_error);
}

TEST_CASE("find_coefficient never averages sources: the caller names one when two sources fit") {
  const auto db = good();
  const ghgkit::coefficient_query q{.quantity = "cloud.datacenter.pue", .provider = "aws", .region = "us-west-2"};
  CHECK_THROWS_WITH_AS((void)db.find_coefficient(q),
                       "coefficient 'cloud.datacenter.pue' for provider 'aws', region 'us-west-2' is given by several "
                       "sources: 'test-cloud' (test-cloud.aws.datacenter.pue.us-west-2: 1.15 1), 'test-hardware' "
                       "(test-hardware.aws.datacenter.pue.us-west-2: 1.2 1); name one with source (figures of different "
                       "sources are never averaged)",
                       lookup_error);
  auto named = q;
  named.source = "test-hardware";
  CHECK(db.find_coefficient(named).value == exactly(1.2));
  named.source = "test-cloud";
  CHECK(db.find_coefficient(named).value == exactly(1.15));
}

TEST_CASE("a higher layer replaces a coefficient by id and records what it replaced") {
  const auto base = good();
  const auto mine = base.layer({coef_fixtures() / "override.yaml"});
  const auto& c = mine.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws", .key = "average"});
  CHECK(c.value == exactly(0.8));
  CHECK(c.notes == "measured on our own fleet");
  CHECK(c.origin.layer == 1u);
  CHECK(c.origin.where.str() == location(coef_fixtures() / "override.yaml", 5, 5));
  REQUIRE(c.overrides.size() == 1u);
  CHECK(c.overrides[0].layer == 0u);
  CHECK(c.overrides[0].where.str() == location(coef_fixtures() / "good" / "cloud.yaml", 3, 5));
  CHECK(mine.coefficients().size() == base.coefficients().size() + 1);
  CHECK(mine.cpus().size() == base.cpus().size() + 1);
  // The original database is unchanged.
  CHECK(base.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws", .key = "average"})
            .value == exactly(0.74));
  CHECK(mine.content_hash() != base.content_hash());
}

TEST_CASE("the highest layer wins when entries of different ids describe the same thing") {
  // override.yaml has its own id for the AWS us-west-2 PUE that two sources of good/ give.
  const auto db = factor_database::load({coef_fixtures() / "good", coef_fixtures() / "override.yaml"});
  const auto& c = db.find_coefficient({.quantity = "cloud.datacenter.pue", .provider = "aws", .region = "us-west-2"});
  CHECK(c.id == "my.aws.datacenter.pue.us-west-2");
  CHECK(c.value == exactly(1.13));
  CHECK(c.overrides.empty());  // nothing replaced: the lower entries are still there
  CHECK(db.find_coefficient({.quantity = "cloud.datacenter.pue", .provider = "aws", .region = "us-west-2",
                             .source = "test-hardware"})
            .value == exactly(1.2));
}

TEST_CASE("the content hash covers coefficient documents and ignores their order and spelling") {
  const auto a = good();
  // reordered/: one document, sections and entries reversed, keys shuffled, flow style, 7.4e-1 for
  // 0.74, 'usa' for US, aliases reversed, sources moved to a factor file.
  CHECK(factor_database::load({coef_fixtures() / "reordered"}).content_hash() == a.content_hash());
  // changed/: good/ with one figure 0.74 -> 0.741.
  const auto changed = factor_database::load({coef_fixtures() / "changed"});
  CHECK(changed.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws", .key = "average"})
            .value == exactly(0.741));
  CHECK(changed.content_hash() != a.content_hash());
  // A database without coefficient documents keeps the hash it had before they existed.
  CHECK(factor_database::load({ghgkit_test::fixtures() / "good_basic"}).coefficients().empty());
}

TEST_CASE("every bad coefficient fixture on disk has an expected message and a test") {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(coef_fixtures())) {
    const std::string name = entry.path().stem().string();
    if (name.rfind("bad_", 0) == 0 && entry.path().extension() == ".yaml") on_disk.insert(name);
  }
  CHECK(on_disk == kBadFixtures);
  for (const auto& name : on_disk) {
    CAPTURE(name);
    CHECK(fs::is_regular_file(coef_fixtures() / (name + ".expected")));
  }
}

TEST_CASE("a misspelt coefficient field is refused, listing the fields allowed") { check_bad_fixture("bad_unknown_field"); }
TEST_CASE("a field written as null is refused") { check_bad_fixture("bad_null_field"); }
TEST_CASE("a coefficient without a unit is refused") { check_bad_fixture("bad_missing_unit"); }
TEST_CASE("an id used twice in one layer is refused across sections") { check_bad_fixture("bad_duplicate_id"); }
TEST_CASE("a higher layer cannot replace an entry of another section") { check_bad_fixture("bad_cross_section_id"); }
TEST_CASE("an entry citing an unknown source is refused with near ids") { check_bad_fixture("bad_unknown_source"); }
TEST_CASE("an unknown coefficient unit is refused with a suggestion") { check_bad_fixture("bad_unknown_unit"); }
TEST_CASE("a unit of another dimension than the quantity's is refused") { check_bad_fixture("bad_quantity_unit"); }
TEST_CASE("a value outside its own min and max is refused") { check_bad_fixture("bad_value_outside_range"); }
TEST_CASE("a min without a max is refused") { check_bad_fixture("bad_min_without_max"); }
TEST_CASE("an unknown country code is refused") { check_bad_fixture("bad_unknown_country"); }
TEST_CASE("a subdivision given as country is refused") { check_bad_fixture("bad_country_subdivision"); }
TEST_CASE("an LLM architecture other than dense or moe is refused") { check_bad_fixture("bad_architecture"); }
TEST_CASE("a parameter range with min above max is refused") { check_bad_fixture("bad_param_range"); }
TEST_CASE("an accelerator type other than gpu, tpu or npu is refused") { check_bad_fixture("bad_accelerator_type"); }
TEST_CASE("a negative TDP is refused") { check_bad_fixture("bad_negative_tdp"); }
TEST_CASE("a NaN coefficient value is refused") { check_bad_fixture("bad_nan_value"); }
TEST_CASE("a factor-file section in a coefficient document is refused") { check_bad_fixture("bad_unknown_section"); }
TEST_CASE("an archetype default outside its min and max is refused") { check_bad_fixture("bad_archetype_range"); }
TEST_CASE("a quantity that is not a lower-case dotted path is refused") { check_bad_fixture("bad_quantity_path"); }
TEST_CASE("a coefficient year before 1900 is refused") { check_bad_fixture("bad_year"); }
TEST_CASE("an embodied_source without its figure is refused") { check_bad_fixture("bad_embodied_source"); }
TEST_CASE("a schema other than the two accepted ones is refused naming both") { check_bad_fixture("bad_schema"); }
TEST_CASE("an entry id with a space is refused") { check_bad_fixture("bad_id_with_space"); }

TEST_CASE("the shipped coefficient documents load and every unit of the specification parses") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  CHECK(db.coefficients().size() > 400u);
  CHECK(db.llm_models().size() > 300u);
  CHECK(db.cpus().size() > 4000u);
  CHECK(db.catalogue_warnings().empty());
  // CCF AWS_CLOUD_CONSTANTS.MIN_WATTS_AVG and MAX_WATTS_AVG (AwsFootprintEstimationConstants.ts:44, :83).
  CHECK(db.find_coefficient({.quantity = "cloud.compute.min_power_per_vcpu", .provider = "aws", .key = "average"})
            .value == exactly(0.74));
  CHECK(db.find_coefficient({.quantity = "cloud.compute.max_power_per_vcpu", .provider = "aws", .key = "average"})
            .value == exactly(3.5));
}
