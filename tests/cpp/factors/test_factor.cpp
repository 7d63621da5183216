// ghgkit/factors/factor.hpp: the factor record.

#include "ghgkit/factors/factor.hpp"

#include <doctest/doctest.h>

TEST_CASE("has_tag finds a tag among a factor's tags") {
  ghgkit::factor f;
  f.tags = {"lifecycle", "location_based"};
  CHECK(f.has_tag("location_based"));
  CHECK_FALSE(f.has_tag("market_based"));
  CHECK_FALSE(ghgkit::factor{}.has_tag("lifecycle"));
}

TEST_CASE("a new factor has no CO2e, no biogenic CO2, no uncertainty and no overrides") {
  const ghgkit::factor f;
  CHECK_FALSE(f.co2e_kg.has_value());
  CHECK_FALSE(f.biogenic_co2_kg.has_value());
  CHECK_FALSE(f.uncertainty.known());
  CHECK(f.overrides.empty());
  CHECK(f.origin.layer == 0u);
}
