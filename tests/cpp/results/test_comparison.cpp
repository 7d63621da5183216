// Year-over-year comparison and intensity metrics, worked by hand on the Monte Carlo fixture
// (every factor there is 1 kg CO2 per kWh, so kg CO2e = kWh under any GWP set).

#include <doctest/doctest.h>

#include "ghgkit/ghgkit.hpp"
#include "test_support.hpp"

using namespace ghgkit;

namespace {
inventory_result computed(const char* name) {
  const auto dir = ghgkit_test::fixtures() / "montecarlo";
  return compute_inventory(load_inventory(dir / name), factor_database::load({dir / "factors.yaml"}));
}
}  // namespace

TEST_CASE("a comparison gives each line's change in kg and in percent of the base") {
  const auto base = computed("independent.yaml");     // 100 + 100 kWh = 200 kg
  const auto current = computed("with_intensity.yaml");  // 100 + 60 kWh = 160 kg
  const auto c = compare(base, current);
  CHECK(c.base_year == 2024);
  CHECK(c.current_year == 2025);
  const auto& scope1 = c.lines.front();
  CHECK(scope1.line == "scope1");
  CHECK(scope1.base_kg == doctest::Approx(200.0));
  CHECK(scope1.current_kg == doctest::Approx(160.0));
  CHECK(scope1.change_kg == doctest::Approx(-40.0));
  CHECK(*scope1.change_pct == doctest::Approx(-20.0));  // -40 / 200
  const auto& scope2 = c.lines[1];
  CHECK(scope2.line == "scope2_location");
  CHECK_FALSE(scope2.change_pct.has_value());  // nothing in the base: no percentage
  CHECK(c.notes.empty());  // same database, GWP set and approach
}

TEST_CASE("intensity metrics divide the totals by each denominator") {
  const auto r = computed("with_intensity.yaml");
  REQUIRE(r.denominators.size() == 2u);
  CHECK(r.denominators[0].name == "net revenue");
  CHECK(r.total_kg() / r.denominators[0].value == doctest::Approx(160.0 / 2'000'000.0));
  const std::string json = to_json(r);
  CHECK(json.find("\"name\": \"employees\", \"value\": 8, \"unit\": \"employee\", \"kg_co2e_per_unit_location\": 20") !=
        std::string::npos);  // 160 kg / 8 employees
}
