// Approach 2 of IPCC 2006 Vol. 1 ch. 3: expected intervals are worked from the normal
// distribution by hand (a 95% half-width U on a sum of fully correlated terms stays U; on two
// independent equal terms it becomes U / sqrt(2)).

#include <doctest/doctest.h>

#include <cmath>

#include "ghgkit/ghgkit.hpp"
#include "test_support.hpp"

using namespace ghgkit;

namespace {

struct mc_case {
  factor_database db;
  inventory inv;
  inventory_result result;
};

mc_case load_case(const char* name) {
  const auto dir = ghgkit_test::fixtures() / "montecarlo";
  auto db = factor_database::load({dir / "factors.yaml"});
  auto inv = load_inventory(dir / name);
  auto result = compute_inventory(inv, db);
  return {std::move(db), std::move(inv), std::move(result)};
}

}  // namespace

TEST_CASE("a draw of a 95% interval maps z = 1 to one standard deviation, U / 1.96") {
  // Box-Muller with a = exp(-0.5), b = 0 gives z = sqrt(1) x cos(0) = 1.
  const double a = std::exp(-0.5);
  const auto u = uncertainty::interval95(10.0, 20.0);
  CHECK(draw_multiplier(u, a, 0.0) == doctest::Approx(1.0 + 20.0 / 1.959963984540054 / 100.0).epsilon(1e-12));
  // b = 0.5 gives cos(pi) = -1: the lower side's half-width applies.
  CHECK(draw_multiplier(u, a, 0.5) == doctest::Approx(1.0 - 10.0 / 1.959963984540054 / 100.0).epsilon(1e-12));
  CHECK(draw_multiplier(uncertainty{}, 0.3, 0.7) == 1.0);
}

TEST_CASE("rows of one factor move together: their sum keeps the factor's 10%") {
  const auto c = load_case("correlated.yaml");
  REQUIRE(c.result.rows.size() == 3u);
  const auto mc = monte_carlo(c.inv, c.result, c.db, {.iterations = 200000, .seed = 7});
  // 200 kg with +/-10% (the two fuel.a rows) plus 50 kg held fixed (fuel.c states no uncertainty):
  // the 95% interval is 250 -/+ 20 kg.
  CHECK(mc.scope1.mean_kg == doctest::Approx(250.0).epsilon(0.002));
  CHECK(mc.scope1.low_kg == doctest::Approx(230.0).epsilon(0.003));
  CHECK(mc.scope1.high_kg == doctest::Approx(270.0).epsilon(0.003));
  CHECK(mc.scope1.rows == 3u);
  CHECK(mc.scope1.rows_without_uncertainty == 1u);
}

TEST_CASE("two independent factors of 10% on equal terms give 10% / sqrt(2) on the sum") {
  const auto c = load_case("independent.yaml");
  const auto mc = monte_carlo(c.inv, c.result, c.db, {.iterations = 200000, .seed = 11});
  const double half_width = 200.0 * 0.10 / std::sqrt(2.0);  // 14.142 kg
  CHECK(mc.total_location.low_kg == doctest::Approx(200.0 - half_width).epsilon(0.003));
  CHECK(mc.total_location.high_kg == doctest::Approx(200.0 + half_width).epsilon(0.003));
  // Approach 1 on the same rows gives the same half-width: sqrt((10 x 100)^2 x 2) / 200 = 7.07%.
  CHECK(c.result.total().pct95 == doctest::Approx(10.0 / std::sqrt(2.0)).epsilon(1e-12));
}

TEST_CASE("the same seed gives the same numbers, another seed other numbers") {
  const auto c = load_case("independent.yaml");
  const auto first = monte_carlo(c.inv, c.result, c.db, {.iterations = 1000, .seed = 3});
  const auto again = monte_carlo(c.inv, c.result, c.db, {.iterations = 1000, .seed = 3});
  const auto other = monte_carlo(c.inv, c.result, c.db, {.iterations = 1000, .seed = 4});
  CHECK(first.total_location.low_kg == again.total_location.low_kg);
  CHECK(first.total_location.high_kg == again.total_location.high_kg);
  CHECK(first.total_location.low_kg != other.total_location.low_kg);
}

TEST_CASE("zero iterations is refused with the accepted range") {
  const auto c = load_case("independent.yaml");
  CHECK_THROWS_WITH_AS((void)monte_carlo(c.inv, c.result, c.db, {.iterations = 0, .seed = 1}),
                       "field 'iterations': found 0, expected 1 to 10,000,000", input_error);
}
