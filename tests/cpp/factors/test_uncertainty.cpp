// ghgkit/factors/uncertainty.hpp: 95% intervals (IPCC 2006 Guidelines, Vol. 1, ch. 3) and Approach 1
// for products. The expected intervals are worked out here from the distributions' definitions.

#include "ghgkit/factors/uncertainty.hpp"

#include <doctest/doctest.h>

#include <cmath>

using ghgkit::combine_product;
using ghgkit::uncertainty;

namespace {
doctest::Approx close(double v) { return doctest::Approx(v).epsilon(1e-9); }
// The 97.5% quantile of the standard normal distribution, to 7 significant digits (any table).
constexpr double z975 = 1.959964;
}  // namespace

TEST_CASE("interval95 keeps the two half-widths as given") {
  const auto u = uncertainty::interval95(5, 20);
  CHECK(u.known());
  CHECK(u.shape == uncertainty::distribution::interval);
  CHECK(u.minus_pct == close(5.0));
  CHECK(u.plus_pct == close(20.0));
  CHECK(ghgkit::to_string(u.shape) == "interval95");
}

TEST_CASE("a default uncertainty is unknown, not zero") {
  const uncertainty u;
  CHECK_FALSE(u.known());
  CHECK(std::isnan(u.minus_pct));
  CHECK(std::isnan(u.plus_pct));
  CHECK(ghgkit::to_string(u.shape) == "none");
}

TEST_CASE("a lognormal with gsd 1.5 has the interval [median / 1.5^z, median x 1.5^z]") {
  const auto u = uncertainty::lognormal(1.5);
  // 1.5^1.959964 = exp(1.959964 x ln 1.5) = 2.21377...
  // minus = 100 x (1 - 1.5^-1.959964) = 54.828...%; plus = 100 x (1.5^1.959964 - 1) = 121.377...%
  const double minus = 100.0 * (1.0 - std::pow(1.5, -z975));
  const double plus = 100.0 * (std::pow(1.5, z975) - 1.0);
  CHECK(u.minus_pct == doctest::Approx(minus).epsilon(1e-6));
  CHECK(u.plus_pct == doctest::Approx(plus).epsilon(1e-6));
  CHECK(u.minus_pct == doctest::Approx(54.828).epsilon(1e-4));
  CHECK(u.plus_pct == doctest::Approx(121.377).epsilon(1e-4));
  CHECK(u.shape == uncertainty::distribution::lognormal);
  CHECK(u.param_a == close(1.5));
}

TEST_CASE("a normal with a 5% standard deviation has a 95% half-width of 1.96 x 5%") {
  const auto u = uncertainty::normal(5);
  // 1.959964 x 5 = 9.79982%
  CHECK(u.minus_pct == doctest::Approx(9.79982).epsilon(1e-6));
  CHECK(u.plus_pct == doctest::Approx(9.79982).epsilon(1e-6));
  CHECK(u.shape == uncertainty::distribution::normal);
  CHECK(u.param_a == close(5.0));
}

TEST_CASE("a uniform from -10% to +10% has the interval of its 2.5% and 97.5% quantiles") {
  const auto u = uncertainty::uniform(-10, 10);
  // Width 20: quantiles at -10 + 0.025 x 20 = -9.5 and 10 - 0.025 x 20 = 9.5.
  CHECK(u.minus_pct == close(9.5));
  CHECK(u.plus_pct == close(9.5));
}

TEST_CASE("a triangular from -10% to +30% with its mode at the value has the quantiles of its CDF") {
  const auto u = uncertainty::triangular(-10, 30);
  // Triangle a = -10, c = 0, b = 30, width 40: F(x) = (x - a)^2 / (40 x 10) left of the mode, where
  // F(0) = 0.25 > 0.025, so q2.5 = -10 + sqrt(0.025 x 40 x 10) = -10 + sqrt(10) = -6.83772;
  // 1 - F(x) = (b - x)^2 / (40 x 30) right of it: q97.5 = 30 - sqrt(30) = 24.52277.
  CHECK(u.minus_pct == close(10.0 - std::sqrt(10.0)));
  CHECK(u.plus_pct == close(30.0 - std::sqrt(30.0)));
}

TEST_CASE("a skewed triangular takes its 2.5% quantile from the branch of the CDF it falls in") {
  const auto u = uncertainty::triangular(-0.5, 30);
  // a = -0.5, c = 0, b = 30, width 30.5. F(0) = 0.5 / 30.5 = 0.0164 < 0.025, so the 2.5% quantile
  // lies right of the mode: 1 - (30 - q)^2 / (30.5 x 30) = 0.025 -> q = 30 - sqrt(0.975 x 30.5 x 30)
  // = +0.13154%: the lower bound is above the value, so minus_pct = -0.13154.
  const double q025 = 30.0 - std::sqrt(0.975 * 30.5 * 30.0);
  CHECK(u.minus_pct == close(-q025));
  // The 97.5% quantile is right of the mode: 30 - sqrt(0.025 x 30.5 x 30) = 25.2170.
  CHECK(u.plus_pct == close(30.0 - std::sqrt(0.025 * 30.5 * 30.0)));
}

TEST_CASE("combine_product adds relative uncertainties in quadrature: 3% and 4% give 5%") {
  // Approach 1 (IPCC 2006 Vol. 1, eq. 3.1): sqrt(3^2 + 4^2) = sqrt(25) = 5.
  const auto u = combine_product({uncertainty::interval95(3, 3), uncertainty::interval95(4, 4)});
  CHECK(u.known());
  CHECK(u.minus_pct == close(5.0));
  CHECK(u.plus_pct == close(5.0));
}

TEST_CASE("combine_product treats each side apart") {
  // minus: sqrt(3^2 + 4^2) = 5; plus: sqrt(6^2 + 8^2) = sqrt(100) = 10.
  const auto u = combine_product({uncertainty::interval95(3, 6), uncertainty::interval95(4, 8)});
  CHECK(u.minus_pct == close(5.0));
  CHECK(u.plus_pct == close(10.0));
  // Three terms: sqrt(2^2 + 3^2 + 6^2) = sqrt(49) = 7.
  const auto three = combine_product(
      {uncertainty::interval95(2, 2), uncertainty::interval95(3, 3), uncertainty::interval95(6, 6)});
  CHECK(three.minus_pct == close(7.0));
}

TEST_CASE("an unknown term makes the combination unknown, never zero") {
  const auto u = combine_product({uncertainty::interval95(3, 3), uncertainty{}});
  CHECK_FALSE(u.known());
  CHECK(std::isnan(u.minus_pct));
  CHECK(std::isnan(u.plus_pct));
  CHECK_FALSE(combine_product({uncertainty{}, uncertainty::lognormal(1.2)}).known());
}
