// ghgkit/calc/calculate.hpp: one calculation, worked by hand on the fixture tests/cpp/fixtures/calc/
// (factors per kWh in kg unless stated; GWP tables AR5 {CO2 1, CH4 28, N2O 265} and
// AR6 {CO2 1, CH4 27.0, N2O 273}), then one on the shipped database.

#include "ghgkit/calc/calculate.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "test_support.hpp"

using ghgkit::amount;
using ghgkit::calc_options;
using ghgkit::calculate;
using ghgkit::factor_database;
using ghgkit_test::fixtures;
using namespace ghgkit::units::symbols;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

factor_database calc_db() { return factor_database::load({fixtures() / "calc"}); }

double gas_kg(const ghgkit::emission& e, const std::string& gas) {
  for (const auto& g : e.gases_kg) {
    if (g.gas == gas) return g.kg;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

bool has_warning(const ghgkit::emission& e, const std::string& text) {
  return std::find(e.provenance.warnings.begin(), e.provenance.warnings.end(), text) != e.provenance.warnings.end();
}

}  // namespace

TEST_CASE("per-gas factors give CO2e under AR5: 1000 kWh of natural gas is 254.5 kg") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.natural_gas", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR5"});
  // 1000 x (0.2 x 1 + 0.001 x 28 + 0.0001 x 265) = 1000 x (0.2 + 0.028 + 0.0265) = 254.5 kg CO2e
  CHECK(e.co2e_kg == exactly(254.5));
  CHECK(gas_kg(e, "CO2") == exactly(200.0));  // 1000 x 0.2
  CHECK(gas_kg(e, "CH4") == exactly(1.0));    // 1000 x 0.001
  CHECK(gas_kg(e, "N2O") == exactly(0.1));    // 1000 x 0.0001
  CHECK(e.gases_kg.size() == 3u);
  CHECK(e.biogenic_co2_kg == exactly(0.0));
  CHECK(e.co2e().kg() == exactly(254.5));
  CHECK(e.provenance.gwp_set == "AR5");
  CHECK(e.provenance.co2e_method == "sum of gases x GWP-100 (AR5)");
}

TEST_CASE("the same factor under AR6 uses the AR6 values of the fixture's own table") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.natural_gas", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR6"});
  // 1000 x (0.2 x 1 + 0.001 x 27.0 + 0.0001 x 273) = 200 + 27 + 27.3 = 254.3 kg CO2e
  CHECK(e.co2e_kg == exactly(254.3));
  CHECK(gas_kg(e, "CH4") == exactly(1.0));  // the gas masses do not depend on the GWP set
  // AR6 is the default set.
  CHECK(calculate(db, "fuel.natural_gas", amount{1000, "kWh"}, {.region = "FR"}).co2e_kg == exactly(254.3));
}

TEST_CASE("biogenic CO2 is reported apart and is not part of CO2e") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.wood_pellets", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR5"});
  // CO2e: 1000 x (0.001 x 28 + 0.00001 x 265) = 28 + 2.65 = 30.65 kg; biogenic CO2: 1000 x 0.4 = 400 kg
  CHECK(e.co2e_kg == exactly(30.65));
  CHECK(e.biogenic_co2_kg == exactly(400.0));
  CHECK(std::isnan(gas_kg(e, "CO2_biogenic")));  // not among the gases either
  CHECK(std::isnan(gas_kg(e, "CO2")));
}

TEST_CASE("a CO2e-only factor under another GWP set is used as given, with a warning") {
  const auto db = calc_db();
  const auto ar6 = calculate(db, "electricity.grid", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR6"});
  CHECK(ar6.co2e_kg == exactly(50.0));  // 1000 x 0.05, not restated
  CHECK(ar6.provenance.co2e_method == "CO2e as given by the source (AR5)");
  CHECK(has_warning(ar6, "factor 'calc.electricity.grid.FR.2022' gives CO2e under AR5 and no per-gas values, so it "
                         "cannot be restated under AR6; used as given"));
  const auto ar5 = calculate(db, "electricity.grid", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR5"});
  CHECK(ar5.co2e_kg == exactly(50.0));
  CHECK_FALSE(has_warning(ar5, "factor 'calc.electricity.grid.FR.2022' gives CO2e under AR5 and no per-gas values, "
                               "so it cannot be restated under AR5; used as given"));
  CHECK(ar5.provenance.warnings.size() == 1u);  // only: the factor states no uncertainty
}

TEST_CASE("a CO2e factor whose source states no GWP set carries a warning under any set") {
  const auto db = calc_db();
  const auto e = calculate(db, "electricity.grid", amount{1000, "kWh"}, {.region = "DE", .gwp = "AR5"});
  CHECK(e.co2e_kg == exactly(380.0));  // 380 g/kWh x 1000 kWh = 380 000 g
  CHECK(e.provenance.co2e_method == "CO2e as given by the source (GWP set not stated by the source)");
  CHECK(has_warning(e, "factor 'calc.electricity.grid.DE.2022': the source does not state the GWP set of its CO2e; "
                       "used as given under AR5"));
}

TEST_CASE("the amount is converted to the factor's unit: MWh, GJ and therm for a factor per kWh") {
  const auto db = calc_db();
  const calc_options ar5{.region = "FR", .gwp = "AR5"};
  // 0.2545 kg CO2e per kWh under AR5 (see above).
  const auto mwh = calculate(db, "fuel.natural_gas", amount{1, "MWh"}, ar5);
  CHECK(mwh.co2e_kg == exactly(254.5));  // 1 MWh = 1000 kWh
  CHECK(mwh.provenance.amount_in_factor_unit == exactly(1000.0));
  const auto gj = calculate(db, "fuel.natural_gas", amount{3.6, "GJ"}, ar5);
  CHECK(gj.co2e_kg == exactly(254.5));  // 3.6e9 J / 3.6e6 J per kWh = 1000 kWh
  const auto therm = calculate(db, "fuel.natural_gas", amount{10, "therm"}, ar5);
  // 10 therm = 10 x 105.505585262 MJ = 1055.05585262 MJ; / 3.6 MJ per kWh = 293.0710701722 kWh
  const double kwh = 10 * 105.505585262 / 3.6;
  CHECK(therm.provenance.amount_in_factor_unit == exactly(kwh));
  CHECK(therm.co2e_kg == exactly(kwh * 0.2545));  // = 74.5865873588 kg
  CHECK(therm.co2e_kg == doctest::Approx(74.5865873588).epsilon(1e-10));
}

TEST_CASE("typed quantities enter through their named units") {
  const auto db = calc_db();
  const calc_options ar5{.region = "FR", .gwp = "AR5"};
  const auto e = calculate(db, "fuel.natural_gas", 1.0 * MWh, ar5);
  CHECK(e.co2e_kg == exactly(254.5));
  CHECK(e.provenance.amount == exactly(1000.0));
  CHECK(e.provenance.amount_unit == "kWh");
  // Diesel per litre: 10 US gal = 37.85411784 L; x 2.5 kg CO2/L = 94.6352946 kg.
  const auto diesel = calculate(db, "fuel.diesel", 10.0 * US_gal, ar5);
  CHECK(diesel.co2e_kg == exactly(94.6352946));
  CHECK(gas_kg(diesel, "CO2") == exactly(94.6352946));
  CHECK(calculate(db, "fuel.diesel", amount{10, "US_gal"}, ar5).co2e_kg == exactly(94.6352946));
}

TEST_CASE("an amount whose dimension does not fit the factor is a unit_error naming both dimensions") {
  const auto db = calc_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.natural_gas", amount{5, "kg"}, {.region = "FR"}),
                       "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'calc.fuel.natural_gas.FR.2022' for "
                       "'fuel.natural_gas' is per kWh",
                       ghgkit::unit_error);
  CHECK_THROWS_WITH_AS((void)calculate(db, "electricity.grid", 5.0 * kg, {.region = "FR"}),
                       "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'calc.electricity.grid.FR.2022' for "
                       "'electricity.grid' is per kWh",
                       ghgkit::unit_error);
  // By factor id: the conversion itself refuses.
  CHECK_THROWS_WITH_AS((void)calculate(db, "calc.fuel.natural_gas.FR.2022", amount{5, "kg"}),
                       "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'calc.fuel.natural_gas.FR.2022' for "
                       "'fuel.natural_gas' is per kWh",
                       ghgkit::unit_error);
}

TEST_CASE("negative, NaN and infinite amounts are rejected with input_error") {
  const auto db = calc_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "electricity.grid", amount{-1, "kWh"}, {.region = "FR"}),
                       "field 'amount': found -1, expected a finite number >= 0", ghgkit::input_error);
  CHECK_THROWS_WITH_AS(
      (void)calculate(db, "electricity.grid", amount{std::numeric_limits<double>::quiet_NaN(), "kWh"}, {.region = "FR"}),
      "field 'amount': found nan, expected a finite number >= 0", ghgkit::input_error);
  CHECK_THROWS_WITH_AS(
      (void)calculate(db, "electricity.grid", amount{std::numeric_limits<double>::infinity(), "kWh"}, {.region = "FR"}),
      "field 'amount': found inf, expected a finite number >= 0", ghgkit::input_error);
  CHECK(calculate(db, "electricity.grid", amount{0, "kWh"}, {.region = "FR"}).co2e_kg == exactly(0.0));
}

TEST_CASE("an unknown GWP set fails before any lookup") {
  const auto db = calc_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "electricity.grid", amount{1, "kWh"}, {.region = "FR", .gwp = "AR7"}),
                       "unknown GWP set 'AR7': expected one of AR5, AR6", ghgkit::factor_error);
}

TEST_CASE("the factor's uncertainty combines with the activity's: 3% and 4% give 5%") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.natural_gas", amount{1000, "kWh"},
                           {.region = "FR", .gwp = "AR5", .activity_uncertainty = ghgkit::uncertainty::interval95(4, 4)});
  // Factor +-3%, activity +-4%: sqrt(3^2 + 4^2) = 5%.
  CHECK(e.uncertainty.minus_pct == exactly(5.0));
  CHECK(e.uncertainty.plus_pct == exactly(5.0));
  REQUIRE(e.co2e_low_kg().has_value());
  CHECK(*e.co2e_low_kg() == exactly(241.775));   // 254.5 x 0.95
  CHECK(*e.co2e_high_kg() == exactly(267.225));  // 254.5 x 1.05
}

TEST_CASE("without an activity uncertainty the factor's interval is used, with a warning") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.natural_gas", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR5"});
  CHECK(e.uncertainty.minus_pct == exactly(3.0));
  CHECK(has_warning(e, "activity uncertainty not given: the interval covers the factor's uncertainty only"));
  // WORLD's factor is -20% / +30%.
  const auto world = calculate(db, "calc.electricity.grid.WORLD.2022", amount{100, "kWh"}, {.gwp = "AR5"});
  CHECK(*world.co2e_low_kg() == exactly(36.0));   // 45 x 0.8
  CHECK(*world.co2e_high_kg() == exactly(58.5));  // 45 x 1.3
}

TEST_CASE("a factor without uncertainty gives an unknown uncertainty, never zero") {
  const auto db = calc_db();
  const auto e = calculate(db, "electricity.grid", amount{1000, "kWh"},
                           {.region = "FR", .gwp = "AR5", .activity_uncertainty = ghgkit::uncertainty::interval95(4, 4)});
  CHECK_FALSE(e.uncertainty.known());
  CHECK_FALSE(e.co2e_low_kg().has_value());
  CHECK_FALSE(e.co2e_high_kg().has_value());
  CHECK(has_warning(e, "factor 'calc.electricity.grid.FR.2022' states no uncertainty: the result's uncertainty is unknown"));
}

TEST_CASE("the provenance names the factor, its source, what was used and where it is defined") {
  const auto db = calc_db();
  const auto e = calculate(db, "fuel.natural_gas", amount{1, "MWh"}, {.region = "FRA", .gwp = "AR5"});
  const auto& p = e.provenance;
  CHECK(p.factor_id == "calc.fuel.natural_gas.FR.2022");
  CHECK(p.activity == "fuel.natural_gas");
  CHECK(p.source_id == "calc-src");
  CHECK(p.source_publisher == "ghgkit test suite");
  CHECK(p.source_title == "Hand-made factors for calculation tests");
  CHECK(p.source_url == "https://example.org/ghgkit/calc");
  CHECK(p.source_licence == "CC0-1.0");
  CHECK(p.source_year == 2024);
  CHECK(p.region_requested == "FRA");
  CHECK(p.region_used == "FR");
  CHECK_FALSE(p.year_requested.has_value());
  CHECK(p.year_used == 2022);
  CHECK(p.fallbacks.empty());
  CHECK(p.database_hash == db.content_hash());
  CHECK(p.database_hash.size() == 64u);
  CHECK(p.factor_location == (fixtures() / "calc" / "factors.yaml").string() + ":4:5");
  CHECK(p.overrides.empty());
  CHECK(p.amount == exactly(1.0));
  CHECK(p.amount_unit == "MWh");
  CHECK(p.amount_in_factor_unit == exactly(1000.0));
  CHECK(p.factor_unit == "kWh");
}

TEST_CASE("the fallbacks taken are written into the provenance") {
  const auto db = calc_db();
  // SE has no factor: WORLD's; 2024 has none: 2022's.
  const auto e = calculate(db, "electricity.grid", amount{100, "kWh"}, {.region = "SE", .year = 2024, .gwp = "AR5"});
  CHECK(e.co2e_kg == exactly(45.0));  // 100 x 0.45
  CHECK(e.provenance.factor_id == "calc.electricity.grid.WORLD.2022");
  CHECK(e.provenance.region_used == "WORLD");
  CHECK(e.provenance.year_requested == 2024);
  CHECK(e.provenance.year_used == 2022);
  REQUIRE(e.provenance.fallbacks.size() == 2u);
  CHECK(e.provenance.fallbacks[0].kind == "region");
  CHECK(e.provenance.fallbacks[0].from == "SE");
  CHECK(e.provenance.fallbacks[0].to == "WORLD");
  CHECK(e.provenance.fallbacks[1].kind == "year");
  CHECK(e.provenance.fallbacks[1].from == "2024");
  CHECK(e.provenance.fallbacks[1].to == "2022");
  // Strict mode refuses them.
  CHECK_THROWS_AS((void)calculate(db, "electricity.grid", amount{100, "kWh"}, {.region = "SE", .strict = true}),
                  ghgkit::lookup_error);
}

TEST_CASE("a factor id can be given instead of an activity") {
  const auto db = calc_db();
  const auto e = calculate(db, "calc.electricity.grid.DE.2022", amount{2, "MWh"}, {.gwp = "AR5"});
  CHECK(e.co2e_kg == exactly(760.0));  // 2000 kWh x 0.38 kg/kWh
  CHECK(e.provenance.factor_id == "calc.electricity.grid.DE.2022");
  CHECK(e.provenance.region_used == "DE");
}

TEST_CASE("an override in a user layer shows in the provenance") {
  const auto db = factor_database::load({fixtures() / "calc"}).layer({fixtures() / "calc_user_override.yaml"});
  const auto e = calculate(db, "electricity.grid", amount{1000, "kWh"}, {.region = "FR", .gwp = "AR5"});
  CHECK(e.co2e_kg == exactly(20.0));  // 1000 x 0.02 from the user's layer
  REQUIRE(e.provenance.overrides.size() == 1u);
  CHECK(e.provenance.overrides[0] == (fixtures() / "calc" / "factors.yaml").string() + ":21:5");
  CHECK(e.provenance.factor_location == (fixtures() / "calc_user_override.yaml").string() + ":4:5");
}

TEST_CASE("co2e_per_unit and resolve_factor expose the two halves of a calculation") {
  const auto db = calc_db();
  const auto& gas = db.get("calc.fuel.natural_gas.FR.2022");
  const auto rate = ghgkit::co2e_per_unit(gas, db.gases(), "AR5");
  CHECK(rate.kg_per_unit == exactly(0.2545));  // 0.2 + 0.001 x 28 + 0.0001 x 265
  CHECK(rate.warning.empty());
  const auto found = ghgkit::resolve_factor(db, "fuel.natural_gas", ghgkit::parse_unit("therm"), {.region = "FR"});
  CHECK(found.found->id == "calc.fuel.natural_gas.FR.2022");
}

TEST_CASE("12000 kWh of grid electricity in France for the latest year, on the shipped database") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  // electricity.grid prefers owid-energy (factors/electricity/activities.yaml). Its latest French
  // figure, cross-checked in the raw file it was imported from: codecarbon's
  // data/private_infra/global_energy_mix.json (mlco2/codecarbon@b05965e), "FRA":
  // {"carbon_intensity": 56.039, "year": 2023}, in g CO2e per kWh.
  // 12000 kWh x 56.039 g/kWh = 672 468 g = 672.468 kg CO2e.
  const auto e = calculate(db, "electricity.grid", 12000.0 * kWh, {.region = "FR"});
  CHECK(e.co2e_kg == exactly(672.468));
  CHECK(e.provenance.factor_id == "owid-energy.electricity.grid.FR.2023");
  CHECK(e.provenance.source_id == "owid-energy");
  CHECK(e.provenance.year_used == 2023);
  CHECK(e.provenance.region_used == "FR");
  CHECK(e.provenance.fallbacks.empty());
  CHECK(e.provenance.factor_location.find("factors/electricity/owid_energy.yaml:") != std::string::npos);
}

TEST_CASE("on the shipped database, preferred_sources decides between sources of the same year") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  // FR 2023 is given by owid-energy and by owid-carbontracker; owid-energy comes first in
  // preferred_sources. Same figure as above: 12000 x 0.056039 = 672.468 kg.
  const auto e = calculate(db, "electricity.grid", 12000.0 * kWh, {.region = "FRA", .year = 2023});
  CHECK(e.provenance.factor_id == "owid-energy.electricity.grid.FR.2023");
  CHECK(e.co2e_kg == exactly(672.468));
  // The GWP set of the figure is not stated by the source: the result says so.
  CHECK(has_warning(e, "factor 'owid-energy.electricity.grid.FR.2023': the source does not state the GWP set of its "
                       "CO2e; used as given under AR6"));
}
