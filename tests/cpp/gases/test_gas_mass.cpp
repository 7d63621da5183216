// ghgkit/gases/gas_mass.hpp: masses of a named gas as kinds. Same-gas arithmetic works; the only
// bridge between gases is to_co2e() through a named GWP set. (What must not compile is checked by
// tests/compile_fail.)

#include "ghgkit/gases/gas_mass.hpp"

#include <doctest/doctest.h>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

namespace gas = ghgkit::gas;
using ghgkit::co2e_mass;
using ghgkit::gas_mass;
using ghgkit::to_co2e;
using namespace ghgkit::units::symbols;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

// AR4 GWP-100 (IPCC AR4 WG1 Table 2.14): CH4 25, N2O 298; AR6 (WG1 Table 7.15) CH4_fossil 29.8.
ghgkit::gas_registry hand_registry() {
  ghgkit::gas_registry g;
  ghgkit::gwp_table ar4;
  ar4.set = "AR4";
  ar4.source_id = "ipcc-ar4";
  ar4.values = {{"CO2", 1}, {"CH4", 25}, {"N2O", 298}};
  g.add_table(ar4);
  ghgkit::gwp_table ar6;
  ar6.set = "AR6";
  ar6.source_id = "ipcc-ar6";
  ar6.values = {{"CO2", 1}, {"CH4_fossil", 29.8}, {"N2O", 273}};
  g.add_table(ar6);
  return g;
}

}  // namespace

TEST_CASE("masses of one gas add, subtract, scale and compare") {
  const gas_mass<gas::ch4> a{2.0 * kg}, b{500.0 * g};
  CHECK((a + b).kg() == exactly(2.5));
  CHECK((a - b).kg() == exactly(1.5));
  CHECK((3.0 * a).kg() == exactly(6.0));
  CHECK((a * 0.5).kg() == exactly(1.0));
  CHECK(b < a);
  CHECK(a == gas_mass<gas::ch4>{0.002 * t});
  gas_mass<gas::ch4> total{0.0 * kg};
  total += a;
  total -= b;
  CHECK(total.kg() == exactly(1.5));
  CHECK(ghgkit::units::in(a.mass(), g) == exactly(2000.0));
}

TEST_CASE("to_co2e converts a gas mass through a named GWP set") {
  const auto gases = hand_registry();
  // 2 kg CH4 x 25 (AR4) = 50 kg CO2e.
  CHECK(to_co2e(gas_mass<gas::ch4>{2.0 * kg}, gases, "AR4").kg() == exactly(50.0));
  // 1 kg fossil CH4 x 29.8 (AR6) = 29.8 kg CO2e.
  CHECK(to_co2e(gas_mass<gas::ch4_fossil>{1.0 * kg}, gases, "AR6").kg() == exactly(29.8));
  // CO2 is its own CO2e; CO2e is unchanged.
  CHECK(to_co2e(gas_mass<gas::co2>{7.0 * kg}, gases, "AR6").kg() == exactly(7.0));
  CHECK(to_co2e(co2e_mass{3.0 * kg}, gases, "AR4").kg() == exactly(3.0));
}

TEST_CASE("CO2e masses of different gases add once converted") {
  const auto gases = hand_registry();
  const co2e_mass ch4 = to_co2e(gas_mass<gas::ch4>{2.0 * kg}, gases, "AR4");    // 2 x 25 = 50
  const co2e_mass n2o = to_co2e(gas_mass<gas::n2o>{100.0 * g}, gases, "AR4");  // 0.1 x 298 = 29.8
  const co2e_mass co2 = to_co2e(gas_mass<gas::co2>{1.0 * t}, gases, "AR4");    // 1000
  CHECK((ch4 + n2o + co2).kg() == exactly(1079.8));                            // 50 + 29.8 + 1000
}

TEST_CASE("to_co2e under a set that lacks the gas is a factor_error naming gas and set") {
  const auto gases = hand_registry();
  CHECK_THROWS_WITH_AS((void)to_co2e(gas_mass<gas::ch4_fossil>{1.0 * kg}, gases, "AR4"),
                       "gas 'CH4_fossil' has no GWP in set AR4 (source 'ipcc-ar4')", ghgkit::factor_error);
  CHECK_THROWS_WITH_AS((void)to_co2e(gas_mass<gas::ch4>{1.0 * kg}, gases, "AR5"),
                       "unknown GWP set 'AR5': expected one of AR4, AR6", ghgkit::factor_error);
}

TEST_CASE("to_co2e with the shipped tables uses the IPCC figures") {
  const auto db = ghgkit::factor_database::load({ghgkit_test::shipped_factors() / "gwp"});
  // IPCC AR6 WG1 Table 7.SM.7: SF6 25200, NF3 17400; AR5 WG1 Table 8.A.1: N2O 265.
  CHECK(to_co2e(gas_mass<gas::sf6>{1.0 * g}, db.gases(), "AR6").kg() == exactly(25.2));     // 0.001 x 25200
  CHECK(to_co2e(gas_mass<gas::nf3>{2.0 * kg}, db.gases(), "AR6").kg() == exactly(34800.0));  // 2 x 17400
  CHECK(to_co2e(gas_mass<gas::n2o>{1.0 * kg}, db.gases(), "AR5").kg() == exactly(265.0));
  CHECK(to_co2e(gas_mass<gas::ch4_nonfossil>{1.0 * kg}, db.gases(), "AR6").kg() == exactly(27.0));
}
