#pragma once
/// IPCC 2006 Guidelines, Vol. 1, ch. 3, Approach 2: Monte Carlo over an inventory. Each factor's
/// uncertainty is drawn once per iteration and shared by every row that uses the factor (rows of one
/// factor are fully correlated); each row's activity uncertainty is drawn on its own. Rows whose
/// uncertainty is unknown keep their value and are counted. Same seed, same numbers, on any platform:
/// the generator (SplitMix64) and the normal transform are ghgkit's own.
///
///     auto mc = ghgkit::monte_carlo(inv, result, db, {.iterations = 10000, .seed = 42});
///     mc.total_location.low_kg, mc.total_location.high_kg;

#include <cstdint>
#include <map>
#include <string>

#include "ghgkit/activity/inventory.hpp"
#include "ghgkit/factors/database.hpp"
#include "ghgkit/calc/inventory_result.hpp"

namespace ghgkit {
inline namespace v0 {

struct monte_carlo_options {
  std::size_t iterations = 10000;
  std::uint64_t seed = 1;
};

/// The distribution of one total over the iterations.
struct simulated_total {
  double mean_kg = 0.0;
  double low_kg = 0.0;   ///< 2.5th percentile
  double high_kg = 0.0;  ///< 97.5th percentile
  std::size_t rows = 0;
  std::size_t rows_without_uncertainty = 0;  ///< rows whose factor states no uncertainty (held fixed)
};

struct monte_carlo_result {
  std::size_t iterations = 0;
  std::uint64_t seed = 0;
  simulated_total scope1, scope2_location, scope2_market, scope3, total_location, total_market;
  std::map<int, simulated_total> scope3_categories;
};

/// Throws input_error for 0 iterations or more than 10,000,000.
[[nodiscard]] monte_carlo_result monte_carlo(const inventory& inv, const inventory_result& result,
                                             const factor_database& db, const monte_carlo_options& options = {});

/// One draw of the multiplier (1 + relative error) of a quantity with uncertainty `u`, from two
/// uniform numbers in (0, 1). Exposed for tests of the distributions.
[[nodiscard]] double draw_multiplier(const uncertainty& u, double uniform_a, double uniform_b);

}  // namespace v0
}  // namespace ghgkit
