#include "ghgkit/results/comparison.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace ghgkit {
inline namespace v0 {

inventory_comparison compare(const inventory_result& base, const inventory_result& current) {
  inventory_comparison out;
  out.base_year = base.year;
  out.current_year = current.year;
  auto line = [&](std::string name, double b, double c) {
    total_change t{std::move(name), b, c, c - b, std::nullopt};
    if (b != 0.0) t.change_pct = 100.0 * (c - b) / std::abs(b);
    out.lines.push_back(std::move(t));
  };
  const auto market = scope2_method::market;
  line("scope1", base.total_kg(1), current.total_kg(1));
  line("scope2_location", base.total_kg(2), current.total_kg(2));
  line("scope2_market", base.total_kg(2, std::nullopt, market), current.total_kg(2, std::nullopt, market));
  line("scope3", base.total_kg(3), current.total_kg(3));
  std::set<int> categories;
  for (const auto* r : {&base, &current}) {
    for (const auto& row : r->rows) {
      if (row.scope == 3 && row.category) categories.insert(*row.category);
    }
  }
  for (int c : categories) line(fmt::format("scope3_category_{}", c), base.total_kg(3, c), current.total_kg(3, c));
  line("total_location", base.total_kg(), current.total_kg());
  line("total_market", base.total_kg(std::nullopt, std::nullopt, market),
       current.total_kg(std::nullopt, std::nullopt, market));
  line("biogenic_co2", base.biogenic_co2_kg(), current.biogenic_co2_kg());
  if (base.gwp != current.gwp) {
    out.notes.push_back(fmt::format("GWP sets differ ({} vs {}): part of the change is methodological", base.gwp, current.gwp));
  }
  if (base.database_hash != current.database_hash) {
    out.notes.push_back("the factor databases differ: part of the change may come from factor updates, not activity");
  }
  if (base.consolidation != current.consolidation) {
    out.notes.push_back("the consolidation approaches differ: the base year needs recalculating (GHG Protocol ch. 5)");
  }
  return out;
}

}  // namespace v0
}  // namespace ghgkit
