#include "ghgkit/factors/uncertainty.hpp"

#include <cmath>

namespace ghgkit {
inline namespace v0 {
namespace {
// Two-sided 95% quantile of the standard normal distribution.
constexpr double z95 = 1.959963984540054;
}  // namespace

uncertainty uncertainty::interval95(double minus, double plus) {
  uncertainty u;
  u.shape = distribution::interval;
  u.minus_pct = minus;
  u.plus_pct = plus;
  return u;
}

uncertainty uncertainty::normal(double sd_pct) {
  uncertainty u = interval95(z95 * sd_pct, z95 * sd_pct);
  u.shape = distribution::normal;
  u.param_a = sd_pct;
  return u;
}

uncertainty uncertainty::lognormal(double gsd) {
  // The 95% interval of a lognormal around its median m is [m / gsd^z, m x gsd^z].
  const double spread = std::pow(gsd, z95);
  uncertainty u = interval95(100.0 * (1.0 - 1.0 / spread), 100.0 * (spread - 1.0));
  u.shape = distribution::lognormal;
  u.param_a = gsd;
  return u;
}

uncertainty uncertainty::triangular(double min_pct, double max_pct) {
  // Mode at the value (0%): the 2.5% and 97.5% quantiles of the triangle [min, max], each taken
  // from the branch of the distribution function it falls in.
  const double a = min_pct, b = max_pct, c = 0.0, width = b - a;
  const double at_mode = (c - a) / width;  // F(mode)
  auto quantile = [&](double p) {
    return p < at_mode ? a + std::sqrt(p * width * (c - a)) : b - std::sqrt((1.0 - p) * width * (b - c));
  };
  const double low = quantile(0.025);
  const double high = quantile(0.975);
  uncertainty u = interval95(-low, high);
  u.shape = distribution::triangular;
  u.param_a = min_pct;
  u.param_b = max_pct;
  return u;
}

uncertainty uncertainty::uniform(double min_pct, double max_pct) {
  const double width = max_pct - min_pct;
  uncertainty u = interval95(-(min_pct + 0.025 * width), max_pct - 0.025 * width);
  u.shape = distribution::uniform;
  u.param_a = min_pct;
  u.param_b = max_pct;
  return u;
}

std::string to_string(uncertainty::distribution d) {
  switch (d) {
    case uncertainty::distribution::none: return "none";
    case uncertainty::distribution::interval: return "interval95";
    case uncertainty::distribution::normal: return "normal";
    case uncertainty::distribution::lognormal: return "lognormal";
    case uncertainty::distribution::triangular: return "triangular";
    case uncertainty::distribution::uniform: return "uniform";
  }
  return "none";
}

uncertainty combine_product(std::initializer_list<uncertainty> terms) {
  double minus = 0.0, plus = 0.0;
  for (const auto& t : terms) {
    if (!t.known()) return {};
    minus += t.minus_pct * t.minus_pct;
    plus += t.plus_pct * t.plus_pct;
  }
  return uncertainty::interval95(std::sqrt(minus), std::sqrt(plus));
}

}  // namespace v0
}  // namespace ghgkit
