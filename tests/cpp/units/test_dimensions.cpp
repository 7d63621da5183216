// ghgkit/units/dimensions.hpp: typed quantities. A number enters only with a named unit, and is read
// back with in() or by dividing by a unit. Expected values are the unit definitions, by hand.

#include "ghgkit/units/dimensions.hpp"

#include <doctest/doctest.h>

#include <type_traits>

namespace units = ghgkit::units;
using namespace ghgkit::units::symbols;

namespace {
doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }
}  // namespace

TEST_CASE("an energy divided by a unit of energy is a plain number: 12000 kWh / MWh == 12") {
  const units::energy e = 12000.0 * kWh;
  const double in_mwh = e / MWh;  // 12000 kWh x (1 MWh / 1000 kWh) = 12
  CHECK(in_mwh == exactly(12.0));
}

TEST_CASE("in() reads a quantity back in any unit of its dimension") {
  CHECK(units::in(1.0 * MWh, kWh) == exactly(1000.0));
  CHECK(units::in(1.0 * kWh, MJ) == exactly(3.6));        // 1000 Wh x 3600 J/Wh = 3.6e6 J
  CHECK(units::in(2.5 * t, kg) == exactly(2500.0));
  CHECK(units::in(1.0 * km, m) == exactly(1000.0));
  CHECK(units::in(1.0 * h, min) == exactly(60.0));
  CHECK(units::in(1.0 * d, h) == exactly(24.0));
  CHECK(units::in(1.0 * GiB, MiB) == exactly(1024.0));
  CHECK(units::in(1.0 * m3, L) == exactly(1000.0));
  CHECK(units::in(1.0 * kW, W) == exactly(1000.0));
}

TEST_CASE("a tonne-kilometre is a thousand kilogram-kilometres") {
  // 1 t.km = 1000 kg x 1 km.
  CHECK(units::in(1.0 * tonne_km, kg * km) == exactly(1000.0));
  // The product of a mass and a distance is the tonne_distance type itself, not a look-alike.
  static_assert(std::is_same_v<std::remove_cv_t<decltype(t * km)>, units::tonne_distance>);
  const units::tonne_distance freight = (20.0 * t) * (150.0 * km);  // 20 t over 150 km
  CHECK(units::in(freight, tonne_km) == exactly(3000.0));
  CHECK(units::in(1.0 * tonne_mi, tonne_km) == exactly(1.609344));  // international mile 1609.344 m
}

TEST_CASE("passenger distance and the countable units keep their own dimensions") {
  CHECK(units::in(1.0 * passenger_mi, passenger_km) == exactly(1.609344));
  CHECK(units::in(2.0 * GPU_h, GPU_h) == exactly(2.0));
  CHECK(units::in(1.0 * TB_h, GB_h) == exactly(1000.0));
  const units::room_nights stay = 3.0 * room_night;
  CHECK(units::in(stay, room_night) == exactly(3.0));
  const units::tokens prompt = 1500.0 * token;
  CHECK(units::in(prompt + 500.0 * token, token) == exactly(2000.0));
  CHECK(units::in(4.0 * request, request) == exactly(4.0));
  CHECK(units::in(1.0 * vCPU_h, vCPU_h) == exactly(1.0));
}

TEST_CASE("quantities of one dimension add, subtract, scale and compare") {
  const units::energy sum = 1.0 * kWh + 500.0 * Wh;  // 1000 Wh + 500 Wh
  CHECK(units::in(sum, kWh) == exactly(1.5));
  CHECK(units::in(2.0 * MWh - 500.0 * kWh, kWh) == exactly(1500.0));
  CHECK(units::in(3.0 * (2.0 * kg), kg) == exactly(6.0));
  CHECK(1.0 * t > 999.0 * kg);
  CHECK(1.0 * mi < 1.0 * nmi);  // 1609.344 m < 1852 m
}

TEST_CASE("an energy divided by a duration is a power") {
  const units::power p = (3.6 * MJ) / (1.0 * h);  // 3.6e6 J / 3600 s = 1000 W
  CHECK(units::in(p, kW) == exactly(1.0));
  const units::energy e = (2.0 * kW) * (3.0 * h);  // 6 kWh
  CHECK(units::in(e, kWh) == exactly(6.0));
}

TEST_CASE("non-SI energy, mass and volume units match their definitions") {
  // Independent constants: IT Btu 1055.05585262 J (ISO 31-4); therm = 1e5 Btu; toe = 41.868 GJ
  // (IEA); lb = 0.45359237 kg (1959); US gal = 3.785411784 L; UK gal = 4.54609 L.
  CHECK(units::in(1.0 * Btu, J) == exactly(1055.05585262));
  CHECK(units::in(1.0 * therm, MJ) == exactly(105.505585262));
  CHECK(units::in(1.0 * toe, GJ) == exactly(41.868));
  CHECK(units::in(1.0 * MMBtu, kWh) == exactly(1055.05585262e6 / 3.6e6));
  CHECK(units::in(1.0 * lb, kg) == exactly(0.45359237));
  CHECK(units::in(1.0 * short_ton, kg) == exactly(907.18474));   // 2000 lb
  CHECK(units::in(1.0 * long_ton, kg) == exactly(1016.0469088));  // 2240 lb
  CHECK(units::in(1.0 * US_gal, L) == exactly(3.785411784));
  CHECK(units::in(1.0 * UK_gal, L) == exactly(4.54609));
  CHECK(units::in(1.0 * ft3, L) == exactly(28.316846592));  // 0.3048^3 m3
  CHECK(units::in(1.0 * yr, d) == exactly(365.25));         // Julian year
}

TEST_CASE("money adds, subtracts and scales within one currency") {
  const units::money<units::currency::EUR> total = 12.5 * EUR + 7.5 * EUR;  // 20 EUR
  CHECK(units::in(total, EUR) == exactly(20.0));
  CHECK(units::in(total - 5.0 * EUR, EUR) == exactly(15.0));
  CHECK(units::in(0.5 * total, EUR) == exactly(10.0));
  const double ratio = (30.0 * USD) / (3.0 * USD);
  CHECK(ratio == exactly(10.0));
  CHECK(units::in(1000.0 * JPY + 1.0 * JPY, JPY) == exactly(1001.0));
  CHECK(2.0 * GBP > 1.0 * GBP);
}
