// ghgkit/calc/amount_conversion.hpp through calculate() and calculate_batch(): fuel amounts given in
// volume, mass or energy priced by a factor per another of these (through the fuel's density and net
// calorific value), and energies converted between gross and net calorific value. Every expected
// number is worked by hand from tests/cpp/fixtures/fuels (invented, round figures):
//
//   fuel.testoil     factor 75,000 kg CO2/TJ (net);  density 0.8 kg/L, NCV 40 GJ/t, GCV/NCV 1.05
//   fuel.testoil.stationary  70,000 kg CO2/TJ (net); no property of its own (parent fuel.testoil)
//   fuel.testgas     factor 50 kg CO2/GJ (gross);    density 0.8 kg/m3, NCV 50 GJ/t, GCV/NCV 1.1
//   fuel.testdual    60 kg CO2/GJ (net) and 54 kg CO2/GJ (gross);       GCV/NCV 1.1
//   fuel.testlpg     factor 3 kg CO2/kg;             density 0.5 kg/L
//   fuel.testpetrol  factor 2.3 kg CO2/L;            density 0.75 kg/L, NCV 44 GJ/t, GCV/NCV 1.1
//   fuel.testdiesel  2.5 kg CO2/L and 74,000 kg CO2/TJ (net); density 0.84 kg/L, NCV 43 GJ/t
//   fuel.testmissing 1,000 kg CO2/TJ (net);          no property
//   fuel.testhalf    10 kg CO2/GJ (gross);           density 0.8 kg/L, NCV 40 GJ/t, no GCV/NCV
//   fuel.testbadunit density written as 40 GJ/t;  fuel.testnegative density -0.8 kg/L
//   biomass.wood     100 kg CO2/GJ (net), family [energy, mass]; density 0.5 kg/L, NCV 15 GJ/t
//   electricity.grid 0.1 kg CO2/kWh, family [energy]; density and NCV coefficients that must not be used

#include "ghgkit/calc/amount_conversion.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/calc/batch.hpp"
#include "ghgkit/calc/calculate.hpp"
#include "test_support.hpp"

using ghgkit::amount;
using ghgkit::calc_options;
using ghgkit::calculate;
using ghgkit::factor_database;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

factor_database fuel_db() { return factor_database::load({ghgkit_test::fixtures() / "fuels"}); }

calc_options on_basis(const std::string& basis) {
  calc_options o;
  o.basis = basis;
  return o;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

bool has_warning(const ghgkit::emission& e, std::string_view text) {
  const auto& w = e.provenance.warnings;
  return std::find(w.begin(), w.end(), text) != w.end();
}

bool any_warning_containing(const std::vector<std::string>& warnings, std::string_view part) {
  return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) { return contains(w, part); });
}

}  // namespace

TEST_CASE("fuel: litres -> mass -> net energy priced per TJ, each step in the provenance") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testoil", amount{1000.0, "L"});
  // 1000 L x 0.8 kg/L = 800 kg; 800 kg x 40 GJ/t = 32 GJ (net) = 0.032 TJ; x 75,000 kg/TJ = 2,400 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testoil.tj");
  CHECK(e.provenance.amount_in_factor_unit == exactly(0.032));
  CHECK(e.co2e_kg == exactly(2400.0));
  REQUIRE(e.gases_kg.size() == 1u);
  CHECK(e.gases_kg[0].kg == exactly(2400.0));
  CHECK(e.provenance.amount == exactly(1000.0));
  CHECK(e.provenance.amount_unit == "L");
  CHECK(e.provenance.factor_unit == "TJ");
  const auto& steps = e.provenance.conversions;
  REQUIRE(steps.size() == 3u);
  CHECK(contains(steps[0], "1000 L"));
  CHECK(contains(steps[0], "fuel.density 0.8 kg/L of fuel.testoil: fx.testoil.density, source fuel-fixture"));
  CHECK(contains(steps[0], "= 800 kg"));
  CHECK(steps[1] == "800 kg x fuel.net_calorific_value 40 GJ/t of fuel.testoil: fx.testoil.ncv, source fuel-fixture = "
                    "32 GJ (net CV)");
  CHECK(steps[2] == "= 0.032 TJ (the unit of factor 'fx.testoil.tj')");
  // A volume amount has no calorific basis: no basis warning.
  CHECK_FALSE(any_warning_containing(e.provenance.warnings, "calorific basis"));
}

TEST_CASE("fuel: a mass priced per TJ goes through the net calorific value only") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testoil", amount{500.0, "kg"});
  // 500 kg x 40 GJ/t = 20 GJ (net) = 0.02 TJ; x 75,000 = 1,500 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testoil.tj");
  CHECK(e.co2e_kg == exactly(1500.0));
  const auto& steps = e.provenance.conversions;
  REQUIRE(steps.size() == 2u);
  CHECK(contains(steps[0], "500 kg x fuel.net_calorific_value 40 GJ/t"));
  CHECK(contains(steps[0], "= 20 GJ (net CV)"));
  CHECK(steps[1] == "= 0.02 TJ (the unit of factor 'fx.testoil.tj')");
  // The same amount in tonnes: 0.5 t = 500 kg.
  CHECK(calculate(db, "fuel.testoil", amount{0.5, "t"}).co2e_kg == exactly(1500.0));
}

TEST_CASE("fuel: an energy on a gross basis priced by a net factor is divided by GCV/NCV") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testoil", amount{105.0, "GJ"}, on_basis("gross_cv"));
  // 105 GJ (gross) / 1.05 = 100 GJ (net) = 0.1 TJ; x 75,000 = 7,500 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testoil.tj");
  CHECK(e.provenance.amount_in_factor_unit == exactly(0.1));
  CHECK(e.co2e_kg == exactly(7500.0));
  REQUIRE(e.provenance.conversions.size() == 1u);
  const std::string& step = e.provenance.conversions[0];
  CHECK(contains(step, "105 GJ (gross CV) / fuel.gcv_per_ncv 1.05"));
  CHECK(contains(step, "of fuel.testoil: fx.testoil.ratio, source fuel-fixture"));
  CHECK(contains(step, "= 0.1 TJ (net CV)"));
  CHECK_FALSE(any_warning_containing(e.provenance.warnings, "calorific basis"));
}

TEST_CASE("fuel: an energy on a net basis priced by a gross factor is multiplied by GCV/NCV") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testgas", amount{100.0, "GJ"}, on_basis("net_cv"));
  // 100 GJ (net) x 1.1 = 110 GJ (gross); x 50 kg/GJ = 5,500 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testgas.gj");
  CHECK(e.provenance.amount_in_factor_unit == exactly(110.0));
  CHECK(e.co2e_kg == exactly(5500.0));
  REQUIRE(e.provenance.conversions.size() == 1u);
  CHECK(contains(e.provenance.conversions[0], "100 GJ (net CV) x fuel.gcv_per_ncv 1.1"));
  CHECK(contains(e.provenance.conversions[0], "of fuel.testgas: fx.testgas.ratio"));
  CHECK(contains(e.provenance.conversions[0], "= 110 GJ (gross CV)"));
}

TEST_CASE("fuel: an energy without a basis against a factor with one is taken on the factor's basis, with a warning") {
  const auto db = fuel_db();
  // 100 GJ taken as gross: x 50 = 5,000 kg CO2, no conversion step.
  const auto gross = calculate(db, "fuel.testgas", amount{100.0, "GJ"});
  CHECK(gross.co2e_kg == exactly(5000.0));
  CHECK(gross.provenance.conversions.empty());
  CHECK(has_warning(gross, "calorific basis of the amount not given: taken as the factor's (gross CV)"));
  // 100 GJ taken as net: 0.1 TJ x 75,000 = 7,500 kg CO2.
  const auto net = calculate(db, "fuel.testoil", amount{100.0, "GJ"});
  CHECK(net.co2e_kg == exactly(7500.0));
  CHECK(has_warning(net, "calorific basis of the amount not given: taken as the factor's (net CV)"));
  // An energy through mass to a per-volume factor without a basis: taken as net, said.
  const auto petrol = calculate(db, "fuel.testpetrol", amount{33.0, "GJ"});
  CHECK(petrol.co2e_kg == exactly(2300.0));
  CHECK(has_warning(petrol, "calorific basis of the amount not given: 33 GJ taken as net calorific value"));
}

TEST_CASE("fuel: a basis with an amount that is not an energy is ignored with a warning") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testoil", amount{1000.0, "L"}, on_basis("net_cv"));
  CHECK(e.co2e_kg == exactly(2400.0));  // as without a basis
  CHECK(e.provenance.conversions.size() == 3u);
  CHECK(has_warning(e, "basis net_cv ignored: a calorific basis qualifies an energy, not 'L'"));
  // Gross on a mass: ignored too, no GCV/NCV step (500 kg -> 20 GJ net -> 1,500 kg CO2).
  const auto m = calculate(db, "fuel.testoil", amount{500.0, "kg"}, on_basis("gross_cv"));
  CHECK(m.co2e_kg == exactly(1500.0));
  CHECK(m.provenance.conversions.size() == 2u);
  CHECK(has_warning(m, "basis gross_cv ignored: a calorific basis qualifies an energy, not 'kg'"));
}

TEST_CASE("fuel: a basis other than net_cv or gross_cv is an input_error") {
  const auto db = fuel_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testoil", amount{1.0, "GJ"}, on_basis("lower")),
                       "field 'basis': found 'lower', expected net_cv or gross_cv", ghgkit::input_error);
}

TEST_CASE("fuel: a volume amount priced by a per-mass factor goes through the density only") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testlpg", amount{200.0, "L"});
  // 200 L x 0.5 kg/L = 100 kg; x 3 kg CO2/kg = 300 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testlpg.kg");
  CHECK(e.provenance.amount_in_factor_unit == exactly(100.0));
  CHECK(e.co2e_kg == exactly(300.0));
  const auto& steps = e.provenance.conversions;
  REQUIRE(steps.size() == 2u);
  CHECK(contains(steps[0], "200 L (200 L) x fuel.density 0.5 kg/L of fuel.testlpg"));
  CHECK(contains(steps[0], "= 100 kg"));
  CHECK(steps[1] == "= 100 kg (the unit of factor 'fx.testlpg.kg')");
}

TEST_CASE("fuel: an energy priced by a per-volume factor goes through mass and density") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testpetrol", amount{33.0, "GJ"}, on_basis("net_cv"));
  // 33 GJ (net) / 44 GJ/t = 0.75 t = 750 kg; / 0.75 kg/L = 1,000 L; x 2.3 kg/L = 2,300 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testpetrol.l");
  CHECK(e.provenance.amount_in_factor_unit == exactly(1000.0));
  CHECK(e.co2e_kg == exactly(2300.0));
  const auto& steps = e.provenance.conversions;
  REQUIRE(steps.size() == 3u);
  CHECK(contains(steps[0], "33 GJ (net CV) / fuel.net_calorific_value 44 GJ/t of fuel.testpetrol"));
  CHECK(contains(steps[0], "= 750 kg"));
  CHECK(contains(steps[1], "750 kg / fuel.density 0.75 kg/L of fuel.testpetrol"));
  CHECK(contains(steps[1], "= 1000 L"));
  CHECK(steps[2] == "= 1000 L (the unit of factor 'fx.testpetrol.l')");
  CHECK_FALSE(any_warning_containing(e.provenance.warnings, "calorific basis"));

  // On a gross basis: 36.3 GJ (gross) / 1.1 = 33 GJ (net), then as above; one more step.
  const auto g = calculate(db, "fuel.testpetrol", amount{36.3, "GJ"}, on_basis("gross_cv"));
  CHECK(g.co2e_kg == exactly(2300.0));
  REQUIRE(g.provenance.conversions.size() == 4u);
  CHECK(contains(g.provenance.conversions[0], "36.3 GJ (36.3 GJ (gross CV)) / fuel.gcv_per_ncv 1.1"));
  CHECK(contains(g.provenance.conversions[0], "= 33 GJ (net CV)"));
}

TEST_CASE("fuel: a volume in cubic metres priced per GJ gross goes volume -> mass -> net -> gross") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testgas", amount{1000.0, "m3"});
  // 1,000 m3 x 0.8 kg/m3 = 800 kg; x 50 GJ/t = 40 GJ (net); x 1.1 = 44 GJ (gross); x 50 kg/GJ = 2,200 kg.
  CHECK(e.provenance.factor_id == "fx.testgas.gj");
  CHECK(e.provenance.amount_in_factor_unit == exactly(44.0));
  CHECK(e.co2e_kg == exactly(2200.0));
  const auto& steps = e.provenance.conversions;
  REQUIRE(steps.size() == 4u);
  CHECK(contains(steps[0], "= 800 kg"));
  CHECK(contains(steps[1], "= 40 GJ (net CV)"));
  CHECK(contains(steps[2], "40 GJ (net CV) x fuel.gcv_per_ncv 1.1"));
  CHECK(contains(steps[2], "of fuel.testgas: fx.testgas.ratio"));
  CHECK(contains(steps[2], "= 44 GJ (gross CV)"));
  CHECK(steps[3] == "= 44 GJ (the unit of factor 'fx.testgas.gj')");
}

TEST_CASE("fuel: a factor per the amount's dimension is preferred over a conversion, then one per energy") {
  const auto db = fuel_db();
  // Litres: the per-litre factor, no conversion (100 L x 2.5 = 250 kg CO2).
  const auto litres = calculate(db, "fuel.testdiesel", amount{100.0, "L"});
  CHECK(litres.provenance.factor_id == "fx.testdiesel.l");
  CHECK(litres.co2e_kg == exactly(250.0));
  CHECK(litres.provenance.conversions.empty());
  // Energy: the per-TJ factor (4.3 GJ = 0.0043 TJ x 74,000 = 318.2 kg CO2).
  const auto energy = calculate(db, "fuel.testdiesel", amount{4.3, "GJ"}, on_basis("net_cv"));
  CHECK(energy.provenance.factor_id == "fx.testdiesel.tj");
  CHECK(energy.co2e_kg == exactly(318.2));
  CHECK(energy.provenance.conversions.empty());
  // Kilograms (no per-mass factor): the per-energy factor before the per-volume one.
  // 100 kg x 43 GJ/t = 4.3 GJ = 0.0043 TJ; x 74,000 = 318.2 kg CO2.
  const auto kg = calculate(db, "fuel.testdiesel", amount{100.0, "kg"});
  CHECK(kg.provenance.factor_id == "fx.testdiesel.tj");
  CHECK(kg.co2e_kg == exactly(318.2));
  CHECK(kg.provenance.conversions.size() == 2u);
  // Asked by factor id, the per-litre factor converts kilograms through the density:
  // 100 kg / 0.84 kg/L = 119.0476 L; x 2.5 = 297.619 kg CO2.
  const auto by_id = calculate(db, "fx.testdiesel.l", amount{100.0, "kg"});
  CHECK(by_id.co2e_kg == exactly(100.0 / 0.84 * 2.5));
}

TEST_CASE("fuel: the factor on the amount's stated basis is preferred") {
  const auto db = fuel_db();
  const auto gross = calculate(db, "fuel.testdual", amount{10.0, "GJ"}, on_basis("gross_cv"));
  CHECK(gross.provenance.factor_id == "fx.testdual.gross");
  CHECK(gross.co2e_kg == exactly(540.0));  // 10 GJ x 54, no conversion
  CHECK(gross.provenance.conversions.empty());
  const auto net = calculate(db, "fuel.testdual", amount{10.0, "GJ"}, on_basis("net_cv"));
  CHECK(net.provenance.factor_id == "fx.testdual.net");
  CHECK(net.co2e_kg == exactly(600.0));  // 10 GJ x 60
  CHECK(net.provenance.conversions.empty());
  // In kWh: 10 GJ = 2,777.78 kWh; the unit differs, the basis decides the same way.
  const auto kwh = calculate(db, "fuel.testdual", amount{10000.0 / 3.6, "kWh"}, on_basis("gross_cv"));
  CHECK(kwh.provenance.factor_id == "fx.testdual.gross");
  CHECK(kwh.co2e_kg == exactly(540.0));
}

TEST_CASE("fuel: an energy without a basis, for a fuel priced on both bases, takes the net factor and says so") {
  // Neither factor fits better; IPCC's convention (net) decides, and the warning names the assumption.
  // It is never priced through another dimension (the activity has energy factors).
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testdual", amount{10.0, "GJ"});
  CHECK(e.provenance.factor_id == "fx.testdual.net");
  CHECK(e.co2e_kg == exactly(600.0));  // 10 GJ x 60
  CHECK(e.provenance.conversions.empty());
  REQUIRE(!e.provenance.warnings.empty());
  CHECK(e.provenance.warnings.front() == "calorific basis of the amount not given: taken as the factor's (net CV)");
}

TEST_CASE("fuel: a property is found under a parent path of the activity") {
  const auto db = fuel_db();
  const auto e = calculate(db, "fuel.testoil.stationary", amount{1000.0, "L"});
  // Properties of fuel.testoil: 1000 L -> 800 kg -> 32 GJ = 0.032 TJ; x 70,000 = 2,240 kg CO2.
  CHECK(e.provenance.factor_id == "fx.testoil.stationary.tj");
  CHECK(e.co2e_kg == exactly(2240.0));
  REQUIRE(e.provenance.conversions.size() == 3u);
  CHECK(contains(e.provenance.conversions[0], "fuel.density 0.8 kg/L of fuel.testoil: fx.testoil.density"));
  CHECK(contains(e.provenance.conversions[1], "fuel.net_calorific_value 40 GJ/t of fuel.testoil: fx.testoil.ncv"));
  CHECK(e.provenance.conversions[2] == "= 0.032 TJ (the unit of factor 'fx.testoil.stationary.tj')");
}

TEST_CASE("fuel: a missing property is a unit_error naming the property, the fuel and what to add") {
  const auto db = fuel_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testmissing", amount{10.0, "L"}),
                       "cannot convert 'L' (volume) to 'TJ' (energy) for 'fuel.testmissing': no fuel.density for "
                       "'fuel.testmissing' in the database, needed to convert between the fuel's volume and mass (a "
                       "coefficient 'fuel.density' in a mass per volume such as kg/L with key 'fuel.testmissing' or a "
                       "parent path; add one in a factor layer of your own)",
                       ghgkit::unit_error);
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testmissing", amount{10.0, "kg"}),
                       "cannot convert 'kg' (mass) to 'TJ' (energy) for 'fuel.testmissing': no "
                       "fuel.net_calorific_value for 'fuel.testmissing' in the database, needed to convert between the "
                       "fuel's mass and energy (a coefficient 'fuel.net_calorific_value' in an energy per mass such as "
                       "GJ/t with key 'fuel.testmissing' or a parent path; add one in a factor layer of your own)",
                       ghgkit::unit_error);
  // Density and NCV present, the GCV/NCV ratio missing for a gross factor.
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testhalf", amount{10.0, "L"}),
                       "cannot convert 'L' (volume) to 'GJ' (energy) for 'fuel.testhalf': no fuel.gcv_per_ncv for "
                       "'fuel.testhalf' in the database, needed to convert between gross and net calorific value (a "
                       "coefficient 'fuel.gcv_per_ncv' in a dimensionless ratio (unit \"1\") with key 'fuel.testhalf' "
                       "or a parent path; add one in a factor layer of your own)",
                       ghgkit::unit_error);
  // An energy on the other basis than the factor's, without the ratio.
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testhalf", amount{10.0, "GJ"}, on_basis("net_cv")),
                       "cannot convert 10 GJ on a net CV basis to factor 'fx.testhalf.gj' on a gross CV basis: no "
                       "fuel.gcv_per_ncv for 'fuel.testhalf' in the database, needed to convert between gross and net "
                       "calorific value (a coefficient 'fuel.gcv_per_ncv' in a dimensionless ratio (unit \"1\") with "
                       "key 'fuel.testhalf' or a parent path; add one in a factor layer of your own)",
                       ghgkit::unit_error);
}

TEST_CASE("fuel: a family that does not list both dimensions gives the plain cannot-convert unit_error") {
  const auto db = fuel_db();
  // biomass lists energy and mass: kilograms convert (100 kg x 15 GJ/t = 1.5 GJ; x 100 = 150 kg CO2) ...
  CHECK(calculate(db, "biomass.wood", amount{100.0, "kg"}).co2e_kg == exactly(150.0));
  // ... litres do not, although a density exists.
  CHECK_THROWS_WITH_AS((void)calculate(db, "biomass.wood", amount{10.0, "L"}),
                       "cannot convert 'L' (volume) to 'GJ' (energy): factor 'fx.biomass.wood' for 'biomass.wood' is "
                       "per GJ",
                       ghgkit::unit_error);
  // electricity lists energy only: never a mass, though density and NCV coefficients are keyed to it.
  CHECK_THROWS_WITH_AS((void)calculate(db, "electricity.grid", amount{5.0, "kg"}),
                       "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'fx.electricity' for 'electricity.grid' "
                       "is per kWh",
                       ghgkit::unit_error);
  CHECK_THROWS_WITH_AS((void)calculate(db, "fx.electricity", amount{5.0, "L"}),
                       "cannot convert 'L' (volume) to 'kWh' (energy): factor 'fx.electricity' for 'electricity.grid' "
                       "is per kWh",
                       ghgkit::unit_error);
}

TEST_CASE("fuel: a property coefficient in a unit of the wrong dimension, or not positive, is a unit_error") {
  const auto db = fuel_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testbadunit", amount{10.0, "L"}),
                       "coefficient 'fx.testbadunit.density' (fuel.density of 'fuel.testbadunit') is in 'GJ/t' (energy "
                       "per mass); expected a mass per volume such as kg/L",
                       ghgkit::unit_error);
  CHECK_THROWS_WITH_AS((void)calculate(db, "fuel.testnegative", amount{10.0, "L"}),
                       "coefficient 'fx.testnegative.density' (fuel.density of 'fuel.testnegative') is -0.8; expected "
                       "a positive value",
                       ghgkit::unit_error);
}

TEST_CASE("fuel: amount_in_factor_unit called directly gives the steps and warnings of calculate()") {
  const auto db = fuel_db();
  std::vector<std::string> steps, warnings;
  const double tj = ghgkit::amount_in_factor_unit(db, amount{1000.0, "L"}, std::nullopt, db.get("fx.testoil.tj"),
                                                  std::nullopt, steps, warnings);
  CHECK(tj == exactly(0.032));
  CHECK(steps == calculate(db, "fuel.testoil", amount{1000.0, "L"}).provenance.conversions);
  CHECK(warnings.empty());
  CHECK(ghgkit::is_fuel_dimension(ghgkit::parse_unit("L").dim));
  CHECK(ghgkit::is_fuel_dimension(ghgkit::parse_unit("t").dim));
  CHECK(ghgkit::is_fuel_dimension(ghgkit::parse_unit("kWh").dim));
  CHECK_FALSE(ghgkit::is_fuel_dimension(ghgkit::parse_unit("km").dim));
}

TEST_CASE("fuel: the batch path converts fuel amounts like calculate() (a second method)") {
  const auto db = fuel_db();
  const std::vector<std::string_view> activity{"fuel.testoil", "fuel.testoil",    "fuel.testlpg",     "fuel.testpetrol",
                                               "fuel.testgas", "fuel.testdiesel", "fuel.testmissing", "electricity.grid",
                                               "fuel.testoil.stationary"};
  const std::vector<double> amounts{1000.0, 500.0, 200.0, 33.0, 1000.0, 100.0, 10.0, 5.0, 2000.0};
  const std::vector<std::string_view> units{"L", "kg", "L", "GJ", "m3", "kg", "L", "kg", "L"};
  const auto r = ghgkit::calculate_batch(db, {activity, amounts, units, {}, {}}, {});
  // Hand-worked: 2,400; 1,500; 300; 2,300; 2,200; 318.2; skipped; skipped; 2 x 2,240 = 4,480.
  const std::vector<double> by_hand{2400.0, 1500.0, 300.0, 2300.0, 2200.0, 318.2, 0.0, 0.0, 4480.0};
  REQUIRE(r.co2e_kg.size() == activity.size());
  for (std::size_t i = 0; i < activity.size(); ++i) {
    CAPTURE(i);
    CHECK(r.co2e_kg[i] == exactly(by_hand[i]));
    if (r.computed[i] == 0) continue;
    const auto e = calculate(db, activity[i], amount{amounts[i], std::string(units[i])});
    CHECK(r.co2e_kg[i] == exactly(e.co2e_kg));
    CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[i])] == e.provenance.factor_id);
  }
  CHECK(r.computed_rows == 7u);
  CHECK(r.skipped_rows == 2u);
  CHECK(r.computed[6] == 0);
  CHECK(contains(r.reason[6], "cannot convert 'L' (volume) to 'TJ' (energy) for 'fuel.testmissing': no fuel.density"));
  CHECK(r.computed[7] == 0);
  CHECK(r.reason[7] == "cannot convert 'kg' (mass) to 'kWh' (energy): factor 'fx.electricity' for 'electricity.grid' "
                       "is per kWh");
  CHECK(r.total_co2e_kg == exactly(2400.0 + 1500.0 + 300.0 + 2300.0 + 2200.0 + 318.2 + 4480.0));
  // The energy without a basis is taken as net: said once among the batch's warnings.
  CHECK(any_warning_containing(r.warnings, "calorific basis of the amount not given"));
}

TEST_CASE("fuel: the batch path applies the calorific basis of its options like calculate()") {
  const auto db = fuel_db();
  const std::vector<std::string_view> activity{"fuel.testoil", "fuel.testpetrol", "fuel.testdual", "fuel.testgas",
                                               "fuel.testlpg"};
  const std::vector<double> amounts{105.0, 36.3, 10.0, 110.0, 200.0};
  const std::vector<std::string_view> units{"GJ", "GJ", "GJ", "GJ", "L"};
  const auto options = on_basis("gross_cv");
  const auto r = ghgkit::calculate_batch(db, {activity, amounts, units, {}, {}}, options);
  // 105 GJ gross -> 100 GJ net -> 7,500; 36.3 GJ gross -> 2,300; 10 GJ x 54 (gross factor) = 540;
  // 110 GJ gross x 50 = 5,500; 200 L (basis ignored) -> 300.
  const std::vector<double> by_hand{7500.0, 2300.0, 540.0, 5500.0, 300.0};
  REQUIRE(r.computed_rows == activity.size());
  for (std::size_t i = 0; i < activity.size(); ++i) {
    CAPTURE(i);
    CHECK(r.co2e_kg[i] == exactly(by_hand[i]));
    CHECK(r.co2e_kg[i] == exactly(calculate(db, activity[i], amount{amounts[i], std::string(units[i])}, options).co2e_kg));
  }
  CHECK(r.factor_ids[static_cast<std::size_t>(r.factor[2])] == "fx.testdual.gross");
  CHECK(any_warning_containing(r.warnings, "basis gross_cv ignored: a calorific basis qualifies an energy, not 'L'"));
}
