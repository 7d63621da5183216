// ghgkit/calc/emission.hpp: the result record and its 95% bounds.

#include "ghgkit/calc/emission.hpp"

#include <doctest/doctest.h>

TEST_CASE("the 95% bounds of an emission follow its interval on each side") {
  ghgkit::emission e;
  e.co2e_kg = 200.0;
  e.uncertainty = ghgkit::uncertainty::interval95(10, 25);
  // 200 x (1 - 0.10) = 180; 200 x (1 + 0.25) = 250
  CHECK(*e.co2e_low_kg() == doctest::Approx(180.0).epsilon(1e-12));
  CHECK(*e.co2e_high_kg() == doctest::Approx(250.0).epsilon(1e-12));
  CHECK(e.co2e().kg() == doctest::Approx(200.0).epsilon(1e-12));
}

TEST_CASE("an emission of unknown uncertainty has no bounds") {
  ghgkit::emission e;
  e.co2e_kg = 200.0;
  CHECK_FALSE(e.co2e_low_kg().has_value());
  CHECK_FALSE(e.co2e_high_kg().has_value());
}
