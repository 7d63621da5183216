#pragma once
/// Gases and global warming potentials: the run-time gas registry that factor databases fill from
/// factors/gwp/*.yaml (GWP-100 tables per IPCC assessment report, and refrigerant blends).
///
///     double ch4 = db.gases().gwp("CH4_fossil", "AR6");   // 29.8
///     double r410a = db.gases().gwp("R-410A", "AR4");      // 0.5 x 675 + 0.5 x 3500 = 2087.5

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {

/// Carbon dioxide equivalent: the unit every GWP table converts to (GWP 1 by definition).
inline constexpr std::string_view co2e_gas = "CO2e";
/// CO2 from biomass combustion: reported apart, outside the scopes, never part of CO2e.
inline constexpr std::string_view biogenic_co2_gas = "CO2_biogenic";

/// One GWP table (e.g. AR6, 100-year horizon) with its source.
struct gwp_table {
  std::string set;
  int horizon_years = 100;
  std::string source_id;
  std::map<std::string, double, std::less<>> values;
  source_location where;
};

/// A refrigerant blend defined by the mass fractions of its components.
struct refrigerant_blend {
  std::string id;
  std::vector<std::pair<std::string, double>> components;
  std::string source_id;
  source_location where;
};

/// Known gases, their aliases, GWP tables and blends.
class gas_registry {
 public:
  void add_table(gwp_table table);
  void add_alias(std::string alias, std::string canonical);
  void add_blend(refrigerant_blend blend);

  /// The canonical name of `gas` (aliases resolved). Throws factor_error naming near matches.
  [[nodiscard]] std::string canonical(std::string_view gas) const;
  [[nodiscard]] bool knows(std::string_view gas) const;
  /// What an unknown `gas` should have been: near matches, or the kinds of gas accepted.
  [[nodiscard]] std::string expected_for(std::string_view gas) const;
  /// GWP of `gas` in `set`; blends are computed from their composition. Throws factor_error when the
  /// set is unknown, the gas has no value in it, or the gas is biogenic CO2 (never converted).
  [[nodiscard]] double gwp(std::string_view gas, std::string_view set) const;
  [[nodiscard]] bool has_set(std::string_view set) const;
  [[nodiscard]] std::vector<std::string> sets() const;
  [[nodiscard]] const gwp_table& table(std::string_view set) const;
  [[nodiscard]] const std::map<std::string, refrigerant_blend, std::less<>>& blends() const { return blends_; }
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& aliases() const { return aliases_; }
  [[nodiscard]] const std::map<std::string, gwp_table, std::less<>>& tables() const { return tables_; }

 private:
  std::map<std::string, gwp_table, std::less<>> tables_;
  std::map<std::string, std::string, std::less<>> aliases_;
  std::map<std::string, refrigerant_blend, std::less<>> blends_;
};

}  // namespace v0
}  // namespace ghgkit
