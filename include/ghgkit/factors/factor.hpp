#pragma once
/// An emission factor as loaded from a factor database: mass of each gas per activity unit, with
/// region, year, source and uncertainty. Values are stored in kg per `unit`.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ghgkit/error.hpp"
#include "ghgkit/factors/uncertainty.hpp"
#include "ghgkit/units/unit_registry.hpp"

namespace ghgkit {
inline namespace v0 {

/// kg of one gas per activity unit.
struct gas_amount {
  std::string gas;
  double kg = 0.0;
};

/// Where a factor was defined: file position and database layer (0 = bottom).
struct factor_origin {
  source_location where;
  std::size_t layer = 0;
};

struct factor {
  std::string id;
  std::string activity;          ///< dotted path, e.g. electricity.grid
  ghgkit::unit unit;             ///< the activity unit the values are per
  std::string mass_unit;         ///< the mass unit the file gave values in (kg, g, lb, ...)
  std::vector<gas_amount> gases; ///< per gas, kg per `unit` (CO2e and biogenic CO2 excluded)
  std::optional<double> co2e_kg; ///< CO2e as the source gives it, kg per `unit`
  std::string co2e_gwp_set;      ///< the set that CO2e was computed under ("unspecified" if unstated)
  std::optional<double> biogenic_co2_kg;  ///< biogenic CO2, kg per `unit`
  std::string region;            ///< canonical region code
  int year = 0;                  ///< first year of validity
  int valid_to = 0;              ///< last year of validity (== year for a one-year factor)
  std::string basis;             ///< net_cv | gross_cv | empty
  std::optional<int> scope;
  std::optional<int> category;
  std::vector<std::string> tags;
  std::string source_id;
  ghgkit::uncertainty uncertainty;
  std::string notes;
  factor_origin origin;
  std::vector<factor_origin> overrides;  ///< definitions in lower layers this one replaced

  [[nodiscard]] bool has_tag(std::string_view tag) const;
};

}  // namespace v0
}  // namespace ghgkit
