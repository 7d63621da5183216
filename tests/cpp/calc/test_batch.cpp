// ghgkit/calc/batch.hpp: many rows at once on the fixture tests/cpp/fixtures/calc/. Rows that cannot
// be computed are kept with their reason; computed + skipped = rows; the total is the sum of the
// computed rows (summed again here, independently).

#include "ghgkit/calc/batch.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.hpp"

using ghgkit::batch_columns;
using ghgkit::calculate_batch;
using ghgkit::factor_database;
using ghgkit_test::fixtures;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

factor_database calc_db() { return factor_database::load({fixtures() / "calc"}); }

// Seven rows; one unit for all; regions per row; no year (latest). Under AR5:
//   0 electricity.grid 1000 kWh FR -> 1000 x 0.05               =   50
//   1 electricity.grid 2000 kWh DE -> 2000 x 0.38 (380 g/kWh)    =  760
//   2 fuel.natural_gas  500 kWh FR -> 500 x 0.2545                =  127.25
//   3 no.such.activity   10 kWh FR -> skipped (unknown activity)
//   4 electricity.grid   -5 kWh FR -> skipped (negative amount)
//   5 electricity.grid  300 kWh SE -> WORLD: 300 x 0.45           =  135
//   6 fuel.natural_gas  100 kWh FR -> 100 x 0.2545                =   25.45
// where 0.2545 = 0.2 + 0.001 x 28 + 0.0001 x 265 kg CO2e per kWh.
const std::array<std::string_view, 7> kActivity = {"electricity.grid", "electricity.grid", "fuel.natural_gas",
                                                   "no.such.activity", "electricity.grid", "electricity.grid",
                                                   "fuel.natural_gas"};
const std::array<double, 7> kAmount = {1000, 2000, 500, 10, -5, 300, 100};
const std::array<std::string_view, 1> kUnit = {"kWh"};
const std::array<std::string_view, 7> kRegion = {"FR", "DE", "FR", "FR", "FR", "SE", "FR"};

ghgkit::batch_result mixed_batch(const factor_database& db) {
  return calculate_batch(db, batch_columns{kActivity, kAmount, kUnit, kRegion, {}}, {.gwp = "AR5"});
}

}  // namespace

TEST_CASE("a batch computes each row with its own region and a broadcast unit") {
  const auto db = calc_db();
  const auto r = mixed_batch(db);
  REQUIRE(r.co2e_kg.size() == 7u);
  CHECK(r.co2e_kg[0] == exactly(50.0));
  CHECK(r.co2e_kg[1] == exactly(760.0));
  CHECK(r.co2e_kg[2] == exactly(127.25));
  CHECK(r.co2e_kg[5] == exactly(135.0));
  CHECK(r.co2e_kg[6] == exactly(25.45));
  CHECK(r.computed == std::vector<std::uint8_t>{1, 1, 1, 0, 0, 1, 1});
  CHECK(r.database_hash == db.content_hash());
  CHECK(r.gwp_set == "AR5");
}

TEST_CASE("rows that cannot be computed are skipped with their reason, never dropped") {
  const auto r = mixed_batch(calc_db());
  CHECK(r.co2e_kg[3] == 0.0);
  CHECK(r.co2e_kg[4] == 0.0);
  CHECK(r.reason[3] == "no factor for activity 'no.such.activity'");
  CHECK(r.reason[4] == "field 'amount': found -5, expected a finite number >= 0");
  for (std::size_t row : {0u, 1u, 2u, 5u, 6u}) {
    CAPTURE(row);
    CHECK(r.reason[row].empty());
  }
  CHECK(r.factor[3] == -1);
  CHECK(r.factor[4] == -1);
}

TEST_CASE("computed plus skipped rows equal the input rows") {
  const auto r = mixed_batch(calc_db());
  CHECK(r.computed_rows == 5u);
  CHECK(r.skipped_rows == 2u);
  CHECK(r.computed_rows + r.skipped_rows == kActivity.size());
}

TEST_CASE("the total is the sum of the computed rows") {
  const auto r = mixed_batch(calc_db());
  // By hand: 50 + 760 + 127.25 + 135 + 25.45 = 1097.7
  CHECK(r.total_co2e_kg == exactly(1097.7));
  double sum = 0.0;
  for (std::size_t i = 0; i < r.co2e_kg.size(); ++i) {
    if (r.computed[i] != 0) sum += r.co2e_kg[i];
  }
  CHECK(r.total_co2e_kg == exactly(sum));
  CHECK(r.total_biogenic_co2_kg == 0.0);
}

TEST_CASE("per-gas columns hold each gas for the rows whose factor gives it") {
  const auto r = mixed_batch(calc_db());
  REQUIRE(r.gas_names == std::vector<std::string>{"CH4", "CO2", "N2O"});
  REQUIRE(r.gas_kg.size() == 3u);
  const auto& ch4 = r.gas_kg[0];
  const auto& co2 = r.gas_kg[1];
  const auto& n2o = r.gas_kg[2];
  CHECK(co2[2] == exactly(100.0));  // 500 x 0.2
  CHECK(co2[6] == exactly(20.0));   // 100 x 0.2
  CHECK(ch4[2] == exactly(0.5));    // 500 x 0.001
  CHECK(ch4[6] == exactly(0.1));
  CHECK(n2o[2] == exactly(0.05));   // 500 x 0.0001
  CHECK(n2o[6] == exactly(0.01));
  for (std::size_t row : {0u, 1u, 3u, 4u, 5u}) {  // CO2e-only factors and skipped rows
    CAPTURE(row);
    CHECK(co2[row] == 0.0);
    CHECK(ch4[row] == 0.0);
    CHECK(n2o[row] == 0.0);
  }
}

TEST_CASE("each computed row points at the distinct factor it used") {
  const auto r = mixed_batch(calc_db());
  REQUIRE(r.factor_ids.size() == 4u);
  CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[0])] == "calc.electricity.grid.FR.2022");
  CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[1])] == "calc.electricity.grid.DE.2022");
  CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[2])] == "calc.fuel.natural_gas.FR.2022");
  CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[5])] == "calc.electricity.grid.WORLD.2022");
  CHECK(r.factor[6] == r.factor[2]);
}

TEST_CASE("fallbacks and warnings are reported per row and per batch") {
  const auto r = mixed_batch(calc_db());
  CHECK(r.fallbacks[5] == "region SE -> WORLD");
  CHECK(r.fallbacks[0].empty());
  CHECK(r.warnings == std::vector<std::string>{"factor 'calc.electricity.grid.DE.2022': the source does not state the "
                                               "GWP set of its CO2e; used as given under AR5"});
}

TEST_CASE("units and years may be given per row") {
  const auto db = calc_db();
  const std::array<std::string_view, 4> activity = {"electricity.grid", "electricity.grid", "electricity.grid",
                                                    "electricity.grid"};
  const std::array<double, 4> amount = {1000, 1, 3.6, 5};
  const std::array<std::string_view, 4> unit = {"kWh", "MWh", "GJ", "kg"};
  const std::array<std::string_view, 1> region = {"FR"};
  const std::array<std::int32_t, 4> year = {2022, 0, 2030, 2022};
  const auto r = calculate_batch(db, batch_columns{activity, amount, unit, region, year}, {.gwp = "AR5"});
  // 1000 kWh, 1 MWh and 3.6 GJ are all 1000 kWh: 1000 x 0.05 = 50 each.
  CHECK(r.co2e_kg[0] == exactly(50.0));
  CHECK(r.co2e_kg[1] == exactly(50.0));
  CHECK(r.co2e_kg[2] == exactly(50.0));
  CHECK(r.fallbacks[2] == "year 2030 -> 2022");
  CHECK(r.computed[3] == 0);
  CHECK(r.reason[3] == "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'calc.electricity.grid.FR.2022' for "
                       "'electricity.grid' is per kWh");
  CHECK(r.total_co2e_kg == exactly(150.0));
}

TEST_CASE("biogenic CO2 has its own column and total") {
  const auto db = calc_db();
  const std::array<std::string_view, 2> activity = {"fuel.wood_pellets", "fuel.natural_gas"};
  const std::array<double, 2> amount = {1000, 1000};
  const std::array<std::string_view, 1> unit = {"kWh"};
  const std::array<std::string_view, 1> region = {"FR"};
  const auto r = calculate_batch(db, batch_columns{activity, amount, unit, region, {}}, {.gwp = "AR5"});
  CHECK(r.biogenic_co2_kg[0] == exactly(400.0));  // 1000 x 0.4
  CHECK(r.biogenic_co2_kg[1] == 0.0);
  CHECK(r.co2e_kg[0] == exactly(30.65));  // 1000 x (0.001 x 28 + 0.00001 x 265)
  CHECK(r.total_biogenic_co2_kg == exactly(400.0));
  CHECK(r.total_co2e_kg == exactly(30.65 + 254.5));
}

TEST_CASE("NaN amounts are skipped with their reason") {
  const auto db = calc_db();
  const std::array<std::string_view, 2> activity = {"electricity.grid", "electricity.grid"};
  const std::array<double, 2> amount = {std::numeric_limits<double>::quiet_NaN(), 10};
  const std::array<std::string_view, 1> unit = {"kWh"};
  const std::array<std::string_view, 1> region = {"FR"};
  const auto r = calculate_batch(db, batch_columns{activity, amount, unit, region, {}}, {.gwp = "AR5"});
  CHECK(r.reason[0] == "field 'amount': found nan, expected a finite number >= 0");
  CHECK(r.computed_rows == 1u);
  CHECK(r.total_co2e_kg == exactly(0.5));  // 10 x 0.05
}

TEST_CASE("a column whose length fits neither the rows nor broadcasting throws input_error") {
  const auto db = calc_db();
  const std::array<std::string_view, 2> two_units = {"kWh", "kWh"};
  CHECK_THROWS_WITH_AS((void)calculate_batch(db, batch_columns{kActivity, kAmount, two_units, kRegion, {}}),
                       "batch column 'unit' has 2 values: expected 7 (one per row) or 1 (for every row)",
                       ghgkit::input_error);
  const std::array<std::string_view, 3> three_regions = {"FR", "DE", "SE"};
  CHECK_THROWS_WITH_AS((void)calculate_batch(db, batch_columns{kActivity, kAmount, kUnit, three_regions, {}}),
                       "batch column 'region' has 3 values: expected 7 (one per row), 1 (for every row) or 0 (none)",
                       ghgkit::input_error);
  const std::array<double, 6> six_amounts = {1, 2, 3, 4, 5, 6};
  CHECK_THROWS_WITH_AS((void)calculate_batch(db, batch_columns{kActivity, six_amounts, kUnit, kRegion, {}}),
                       "batch column 'amount' has 6 values: expected 7 (one per row) or 1 (for every row)",
                       ghgkit::input_error);
  const std::array<std::int32_t, 2> two_years = {2022, 2022};
  CHECK_THROWS_AS((void)calculate_batch(db, batch_columns{kActivity, kAmount, kUnit, kRegion, two_years}),
                  ghgkit::input_error);
}

TEST_CASE("an amount column of one value is either broadcast or refused, never read past its end") {
  const auto db = calc_db();
  const std::array<std::string_view, 3> activity = {"electricity.grid", "electricity.grid", "electricity.grid"};
  // The span covers one value; the storage behind it holds others that must not be read.
  const std::array<double, 3> storage = {1000, 1, 2};
  const std::span<const double> one_amount(storage.data(), 1);
  const std::array<std::string_view, 1> region = {"FR"};
  ghgkit::batch_result r;
  try {
    r = calculate_batch(db, batch_columns{activity, one_amount, kUnit, region, {}}, {.gwp = "AR5"});
  } catch (const ghgkit::input_error&) {
    return;  // refused as a structural problem: fine
  }
  // Accepted: the one amount applies to every row, 1000 x 0.05 = 50 kg each.
  CHECK(r.co2e_kg[0] == exactly(50.0));
  CHECK(r.co2e_kg[1] == exactly(50.0));
  CHECK(r.co2e_kg[2] == exactly(50.0));
  CHECK(r.total_co2e_kg == exactly(150.0));
}

TEST_CASE("an empty batch computes nothing and totals zero") {
  const auto r = calculate_batch(calc_db(), batch_columns{}, {});
  CHECK(r.computed_rows == 0u);
  CHECK(r.skipped_rows == 0u);
  CHECK(r.total_co2e_kg == 0.0);
  CHECK(r.co2e_kg.empty());
}

TEST_CASE("an unknown GWP set is a structural error of the whole batch") {
  CHECK_THROWS_WITH_AS((void)calculate_batch(calc_db(), batch_columns{kActivity, kAmount, kUnit, kRegion, {}},
                                             {.gwp = "AR7"}),
                       "unknown GWP set 'AR7': expected one of AR5, AR6", ghgkit::factor_error);
}
