#pragma once
/// The batch path: many activities at once, the same semantics as calculate(), rows that cannot be
/// computed kept with their reason. Factors are resolved once per distinct (activity, unit, region,
/// year), then each row is a multiply. computed + skipped = rows, and total = sum of computed rows.
///
///     std::vector<std::string_view> activity{"electricity.grid", "electricity.grid"};
///     std::vector<double> amount{1200, 800};
///     std::vector<std::string_view> unit{"kWh"}, region{"FR", "DE"};   // size 1 broadcasts
///     auto r = ghgkit::calculate_batch(db, {activity, amount, unit, region, {}}, {});

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/calc/calculate.hpp"

namespace ghgkit {
inline namespace v0 {

/// Input columns. `unit`, `region` and `year` hold one value per row, or one value for every row;
/// `region` and `year` may be empty (none). A year of 0 means "latest".
struct batch_columns {
  std::span<const std::string_view> activity;  ///< activity paths or factor ids
  std::span<const double> amount;
  std::span<const std::string_view> unit;
  std::span<const std::string_view> region;
  std::span<const std::int32_t> year;
};

struct batch_result {
  std::vector<double> co2e_kg;          ///< 0 for skipped rows (see `computed`)
  std::vector<double> biogenic_co2_kg;
  std::vector<std::string> gas_names;   ///< the gases of gas_kg, sorted
  std::vector<std::vector<double>> gas_kg;  ///< one column per gas name
  std::vector<std::uint8_t> computed;   ///< 1 computed, 0 skipped
  std::vector<std::string> reason;      ///< why a row was skipped; empty when computed
  std::vector<std::int32_t> factor;     ///< index into factor_ids, -1 when skipped
  std::vector<std::string> factor_ids;  ///< distinct factors used
  std::vector<std::string> fallbacks;   ///< per row: fallbacks taken, "" when none
  std::size_t computed_rows = 0;
  std::size_t skipped_rows = 0;
  double total_co2e_kg = 0.0;
  double total_biogenic_co2_kg = 0.0;
  std::string database_hash;
  std::string gwp_set;
  std::vector<std::string> warnings;    ///< distinct warnings (e.g. CO2e not restated under the set)
};

/// Throws input_error only for structural problems (column lengths); bad rows are skipped with a reason.
[[nodiscard]] batch_result calculate_batch(const factor_database& db, const batch_columns& columns,
                                           const calc_options& options = {});

}  // namespace v0
}  // namespace ghgkit
