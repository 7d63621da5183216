#include "ghgkit/gases/gwp.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "../text.hpp"

namespace ghgkit {
inline namespace v0 {

void gas_registry::add_table(gwp_table table) {
  std::string set = table.set;
  tables_.insert_or_assign(std::move(set), std::move(table));
}

void gas_registry::add_alias(std::string alias, std::string canonical_name) {
  aliases_.insert_or_assign(std::move(alias), std::move(canonical_name));
}

void gas_registry::add_blend(refrigerant_blend blend) {
  std::string id = blend.id;
  blends_.insert_or_assign(std::move(id), std::move(blend));
}

bool gas_registry::knows(std::string_view gas) const {
  if (gas == co2e_gas || gas == biogenic_co2_gas) return true;
  if (aliases_.contains(gas) || blends_.contains(gas)) return true;
  for (const auto& [_, table] : tables_) {
    if (table.values.contains(gas)) return true;
  }
  return false;
}

std::string gas_registry::canonical(std::string_view gas) const {
  if (auto it = aliases_.find(gas); it != aliases_.end()) return it->second;
  if (knows(gas)) return std::string(gas);
  throw factor_error(fmt::format("unknown gas '{}': expected {}", gas, expected_for(gas)));
}

std::string gas_registry::expected_for(std::string_view gas) const {
  std::vector<std::string> names = {std::string(co2e_gas), std::string(biogenic_co2_gas)};
  for (const auto& [name, _] : aliases_) names.push_back(name);
  for (const auto& [name, _] : blends_) names.push_back(name);
  for (const auto& [_, table] : tables_) {
    for (const auto& [name, __] : table.values) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  auto near = detail::near_matches(gas, names);
  return near.empty() ? "a gas of the GWP tables (CO2, CH4, N2O, SF6, NF3, HFC-134a, ...), a blend or CO2e"
                      : fmt::format("a known gas such as '{}'", fmt::join(near, "' or '"));
}

bool gas_registry::has_set(std::string_view set) const { return tables_.contains(set); }

std::vector<std::string> gas_registry::sets() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : tables_) names.push_back(name);
  return names;
}

const gwp_table& gas_registry::table(std::string_view set) const {
  auto it = tables_.find(set);
  if (it == tables_.end()) {
    throw factor_error(fmt::format("unknown GWP set '{}': expected one of {}", set, fmt::join(sets(), ", ")));
  }
  return it->second;
}

double gas_registry::gwp(std::string_view gas, std::string_view set) const {
  const std::string name = canonical(gas);
  if (name == biogenic_co2_gas) {
    throw factor_error("biogenic CO2 has no GWP in ghgkit: it is reported apart, outside the scopes, never in CO2e");
  }
  if (name == co2e_gas) return 1.0;
  const gwp_table& t = table(set);
  if (auto it = t.values.find(name); it != t.values.end()) return it->second;
  if (auto blend = blends_.find(name); blend != blends_.end()) {
    double total = 0.0;
    for (const auto& [component, fraction] : blend->second.components) total += fraction * gwp(component, set);
    return total;
  }
  throw factor_error(fmt::format("gas '{}' has no GWP in set {} (source '{}')", name, set, t.source_id));
}

}  // namespace v0
}  // namespace ghgkit
