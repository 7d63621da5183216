#pragma once
/// The computed inventory: one row per computed activity (traceable to its input row and factor),
/// the rows that could not be computed with their reason, and totals by scope and category with
/// both scope 2 methods. computed + skipped = input rows.

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/activity/inventory.hpp"
#include "ghgkit/calc/emission.hpp"

namespace ghgkit {
inline namespace v0 {

/// Scope 2 Guidance: the two totals every inventory reports.
enum class scope2_method { location, market };

/// One step of the market-based hierarchy applied to part of a row's energy.
struct market_step {
  std::string kind;        ///< certificate | supplier | residual_mix | grid_average
  std::string instrument;  ///< certificate id, supplier name, or factor id
  double kwh = 0.0;
  double kg_per_kwh = 0.0;
  double co2e_kg = 0.0;    ///< before consolidation
};

struct inventory_row {
  std::size_t index = 0;             ///< position among the input rows
  std::optional<std::size_t> derived_from;  ///< set on category 3 rows derived from input row `index`
  std::string id;
  std::string entity;
  std::string activity;
  source_location where;
  int scope = 0;
  std::optional<int> category;       ///< scope 3 category
  double share = 1.0;                ///< consolidation share applied
  emission result;                   ///< the calculation before consolidation, with provenance
  double co2e_kg = 0.0;              ///< consolidated, location-based for scope 2
  std::optional<double> co2e_market_kg;   ///< scope 2 rows: consolidated market-based
  std::vector<market_step> market_steps;
  std::vector<gas_amount> gases_kg;  ///< consolidated
  double biogenic_co2_kg = 0.0;      ///< consolidated, outside the scopes
};

struct skipped_row {
  std::size_t index = 0;
  std::string id;
  std::string activity;
  source_location where;
  std::string reason;
};

/// A total with its 95% interval (IPCC Approach 1 over the rows whose uncertainty is known).
struct inventory_total {
  double co2e_kg = 0.0;
  std::size_t rows = 0;
  std::size_t rows_with_uncertainty = 0;
  double pct95 = 0.0;                ///< half-width in percent, over the rows with uncertainty
};

struct inventory_result {
  std::string organisation;
  int year = 0;
  std::optional<int> base_year;
  std::string gwp;
  consolidation_approach consolidation = consolidation_approach::operational_control;
  std::string database_hash;
  std::string ghgkit_version;
  std::string inventory_file;
  std::size_t input_rows = 0;
  std::vector<inventory_row> rows;
  std::vector<skipped_row> skipped;
  std::vector<std::string> warnings;
  std::vector<intensity_denominator> denominators;

  /// Sum of consolidated CO2e over rows matching scope and category (scope 2 by the given method).
  [[nodiscard]] inventory_total total(std::optional<int> scope = std::nullopt, std::optional<int> category = std::nullopt,
                                      scope2_method method = scope2_method::location) const;
  [[nodiscard]] double total_kg(std::optional<int> scope = std::nullopt, std::optional<int> category = std::nullopt,
                                scope2_method method = scope2_method::location) const {
    return total(scope, category, method).co2e_kg;
  }
  /// Consolidated mass of each gas over all rows (scope 2 location-based).
  [[nodiscard]] std::vector<gas_amount> gases_kg(std::optional<int> scope = std::nullopt) const;
  [[nodiscard]] double biogenic_co2_kg() const;
  /// Input rows computed (derived category 3 rows not counted): input_rows = this + skipped.size().
  [[nodiscard]] std::size_t computed_input_rows() const;
};

}  // namespace v0
}  // namespace ghgkit
