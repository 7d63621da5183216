#pragma once
/// The result of one calculation: mass per gas, CO2e under a named GWP set, biogenic CO2 apart,
/// uncertainty, and the provenance an auditor needs to trace the number back to its source.

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/factors/factor.hpp"
#include "ghgkit/factors/lookup.hpp"
#include "ghgkit/gases/gas_mass.hpp"

namespace ghgkit {
inline namespace v0 {

struct provenance {
  std::string factor_id;
  std::string activity;
  std::string source_id, source_publisher, source_title, source_url, source_licence;
  int source_year = 0;
  std::string region_requested, region_used;
  std::optional<int> year_requested;
  int year_used = 0;
  std::vector<fallback_step> fallbacks;
  std::string database_hash;
  std::string gwp_set;          ///< the set CO2e is expressed in
  std::string co2e_method;      ///< how CO2e was obtained ("gases x GWP (AR6)", "as given by the source (AR5)")
  std::string factor_location;  ///< file:line:column where the factor was defined
  std::vector<std::string> overrides;  ///< file positions of lower-layer definitions it replaced
  double amount = 0.0;
  std::string amount_unit;
  double amount_in_factor_unit = 0.0;
  std::string factor_unit;
  std::vector<std::string> warnings;   ///< everything a reader should know that is not an error
  std::vector<std::string> conversions;  ///< spend-based steps: currency at the spend year's rate, deflation
};

struct emission {
  double co2e_kg = 0.0;
  std::vector<gas_amount> gases_kg;  ///< per gas (CO2e and biogenic CO2 excluded)
  double biogenic_co2_kg = 0.0;
  ghgkit::uncertainty uncertainty;   ///< 95% interval of co2e_kg
  ghgkit::provenance provenance;

  [[nodiscard]] co2e_mass co2e() const { return co2e_mass(co2e_kg * units::symbols::kg); }
  /// The 95% bounds of co2e_kg, or nothing when the uncertainty is unknown.
  [[nodiscard]] std::optional<double> co2e_low_kg() const;
  [[nodiscard]] std::optional<double> co2e_high_kg() const;
};

}  // namespace v0
}  // namespace ghgkit
