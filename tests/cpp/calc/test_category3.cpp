// Scope 3 category 3 derived from scope 1 and 2 rows through the activity families' `upstream`
// activities (GHG Protocol Scope 3 Technical Guidance, category 3 a and c). Worked by hand.

#include <doctest/doctest.h>

#include "ghgkit/ghgkit.hpp"
#include "test_support.hpp"

using namespace ghgkit;

namespace {
inventory_result computed(const char* name) {
  const auto dir = ghgkit_test::fixtures() / "category3";
  return compute_inventory(load_inventory(dir / name), factor_database::load({dir / "factors.yaml"}));
}
}  // namespace

TEST_CASE("category 3 rows are derived from fuel and electricity rows with the same amount") {
  const auto r = computed("inventory.yaml");
  REQUIRE(r.rows.size() == 4u);  // 2 input rows + 2 derived
  CHECK(r.computed_input_rows() == 2u);
  CHECK(r.input_rows == r.computed_input_rows() + r.skipped.size());
  // Well-to-tank of 1000 kWh of gas: 1000 x (0.03 + 0.001 x 27.0) = 57 kg CO2e (AR6 table of the fixture).
  const auto& wtt = r.rows[2];
  CHECK(wtt.derived_from == std::optional<std::size_t>(0));
  CHECK(wtt.scope == 3);
  CHECK(wtt.category == std::optional<int>(3));
  CHECK(wtt.activity == "fuel.wtt.gas");
  CHECK(wtt.co2e_kg == doctest::Approx(57.0).epsilon(1e-12));
  // T&D losses of 2 MWh: 2000 x 0.008 = 16 kg CO2e.
  CHECK(r.rows[3].co2e_kg == doctest::Approx(16.0).epsilon(1e-12));
  CHECK(r.total_kg(3, 3) == doctest::Approx(73.0).epsilon(1e-12));
  // Scopes 1 and 2 are unchanged: 1000 x 0.2 = 200 and 2000 x 0.1 = 200.
  CHECK(r.total_kg(1) == doctest::Approx(200.0));
  CHECK(r.total_kg(2) == doctest::Approx(200.0));
}

TEST_CASE("an inventory that says category3: given derives nothing") {
  const auto r = computed("given.yaml");
  CHECK(r.rows.size() == 2u);
  CHECK(r.total_kg(3) == 0.0);
}
