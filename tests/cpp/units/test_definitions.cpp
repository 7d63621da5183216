// ghgkit/units/definitions.hpp: the exact constants both unit layers share, against the published
// definitions typed here.

#include "ghgkit/units/definitions.hpp"

#include <doctest/doctest.h>

namespace def = ghgkit::units::definitions;

TEST_CASE("the shared unit constants are the published definitions") {
  CHECK(def::joules_per_watt_hour == doctest::Approx(3600.0).epsilon(1e-15));             // SI: 1 h = 3600 s
  CHECK(def::joules_per_btu == doctest::Approx(1055.05585262).epsilon(1e-15));            // ISO 31-4 (IT Btu)
  CHECK(def::joules_per_therm == doctest::Approx(105.505585262e6).epsilon(1e-15));        // 1e5 Btu
  CHECK(def::joules_per_toe == doctest::Approx(41.868e9).epsilon(1e-15));                 // IEA
  CHECK(def::kilograms_per_pound == doctest::Approx(0.45359237).epsilon(1e-15));          // 1959 agreement
  CHECK(def::kilograms_per_short_ton == doctest::Approx(907.18474).epsilon(1e-15));       // 2000 lb
  CHECK(def::kilograms_per_long_ton == doctest::Approx(1016.0469088).epsilon(1e-15));     // 2240 lb
  CHECK(def::metres_per_mile == doctest::Approx(1609.344).epsilon(1e-15));                // 1959 agreement
  CHECK(def::metres_per_nautical_mile == doctest::Approx(1852.0).epsilon(1e-15));         // 1929
  CHECK(def::cubic_metres_per_us_gallon == doctest::Approx(3.785411784e-3).epsilon(1e-15));  // 231 in3
  CHECK(def::cubic_metres_per_uk_gallon == doctest::Approx(4.54609e-3).epsilon(1e-15));      // 1985 Act
  CHECK(def::cubic_metres_per_cubic_foot == doctest::Approx(0.028316846592).epsilon(1e-14));  // 0.3048^3
  CHECK(def::seconds_per_year == doctest::Approx(31557600.0).epsilon(1e-15));             // 365.25 x 86400
}
