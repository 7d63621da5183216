#pragma once
/// Uncertainty of a factor, an activity amount or a result, as the IPCC 2006 Guidelines (Vol. 1,
/// ch. 3) state it: the 95% confidence interval as percentages below and above the value, plus the
/// distribution when one is given (for Monte Carlo, Approach 2).
///
///     auto u = uncertainty::interval95(5, 20);   // -5% / +20%
///     auto total = combine_product({factor_u, activity_u});   // Approach 1 for a product

#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace ghgkit {
inline namespace v0 {

struct uncertainty {
  enum class distribution { none, interval, normal, lognormal, triangular, uniform };

  distribution shape = distribution::none;
  double minus_pct = std::numeric_limits<double>::quiet_NaN();  ///< 95% interval, percent below
  double plus_pct = std::numeric_limits<double>::quiet_NaN();   ///< 95% interval, percent above
  /// Parameters as given: gsd (lognormal), sd_pct (normal), min_pct/max_pct (triangular, uniform).
  double param_a = std::numeric_limits<double>::quiet_NaN();
  double param_b = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] bool known() const { return shape != distribution::none; }
  [[nodiscard]] static uncertainty interval95(double minus_pct, double plus_pct);
  [[nodiscard]] static uncertainty normal(double sd_pct);
  [[nodiscard]] static uncertainty lognormal(double gsd);
  [[nodiscard]] static uncertainty triangular(double min_pct, double max_pct);
  [[nodiscard]] static uncertainty uniform(double min_pct, double max_pct);
};

[[nodiscard]] std::string to_string(uncertainty::distribution d);

/// Approach 1 for a product of uncorrelated terms: U = sqrt(U1^2 + U2^2 + ...), each side apart.
/// Unknown when any term is unknown: an unknown never becomes a zero.
[[nodiscard]] uncertainty combine_product(std::initializer_list<uncertainty> terms);

}  // namespace v0
}  // namespace ghgkit
