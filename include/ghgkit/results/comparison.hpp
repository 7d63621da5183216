#pragma once
/// Year-over-year (or base year) comparison of two computed inventories, line by line: scopes,
/// both scope 2 methods, scope 3 categories and totals (GHG Protocol ch. 5, tracking over time).

#include <string>
#include <vector>

#include "ghgkit/calc/inventory_result.hpp"

namespace ghgkit {
inline namespace v0 {

struct total_change {
  std::string line;         ///< "scope1", "scope2_location", "scope2_market", "scope3", "scope3_category_6", "total_location", ...
  double base_kg = 0.0;
  double current_kg = 0.0;
  double change_kg = 0.0;   ///< current - base
  std::optional<double> change_pct;  ///< relative to base; none when base is 0
};

/// The change of every line from `base` to `current`. Notes a differing GWP set or factor database
/// in `notes` (a change of factors is a methodological change the GHG Protocol asks to explain).
struct inventory_comparison {
  int base_year = 0;
  int current_year = 0;
  std::vector<total_change> lines;
  std::vector<std::string> notes;
};

[[nodiscard]] inventory_comparison compare(const inventory_result& base, const inventory_result& current);

}  // namespace v0
}  // namespace ghgkit
