#pragma once
/// An organisation's inventory input: reporting period, GWP set, organisational boundary (entities
/// with ownership and control), activity records, and the contractual instruments of scope 2.
/// Read from `schema: ghgkit.inventory/1` YAML with bulk rows in CSV (see docs/inventory-format.md).
///
///     auto inv = ghgkit::load_inventory("examples/lyon/inventory.yaml");
///     auto result = ghgkit::compute_inventory(inv, db);

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ghgkit/activity/flight.hpp"
#include "ghgkit/error.hpp"
#include "ghgkit/factors/uncertainty.hpp"

namespace ghgkit {
inline namespace v0 {

/// GHG Protocol Corporate Standard, chapter 3: the consolidation approaches.
enum class consolidation_approach { equity_share, financial_control, operational_control };

[[nodiscard]] std::string to_string(consolidation_approach a);

struct entity {
  std::string id;
  std::string name;
  std::string parent;            ///< empty for a root
  double ownership = 1.0;        ///< equity share held by the parent (0..1)
  bool operational_control = true;
  bool financial_control = true;
  source_location where;
};

/// One activity: an amount of something an entity did, with what is needed to find its factor.
struct activity_record {
  std::size_t index = 0;         ///< position among all input rows (YAML then CSV files, in order)
  std::string id;
  std::string entity;
  std::string activity;          ///< activity path, or a factor id when `factor` is empty
  std::string factor;            ///< explicit factor id (optional)
  double amount = 0.0;
  std::string unit;
  std::string region;
  std::optional<int> year;
  std::string basis;             ///< net_cv | gross_cv
  std::optional<int> scope;      ///< override of the scope derived from the activity family
  std::optional<int> category;   ///< scope 3 category, override
  std::string data_quality;
  ghgkit::uncertainty uncertainty;
  std::string notes;
  /// A flight given by its airports (fields from, to, cabin, passengers, round_trip,
  /// radiative_forcing): amount and unit are then the passenger-km the calculation derives.
  std::optional<ghgkit::flight> flight;
  /// Fugitive emissions by the screening method: `amount` is the equipment's full refrigerant charge,
  /// and the refrigerant lost is charge x the annual leak rate, the row's own or the default of its
  /// `equipment` type (coefficient refrigerant.annual_leak_rate).
  std::string equipment;
  std::optional<double> annual_leak_rate;  ///< fraction per year (the row gives a percentage)
  source_location where;         ///< YAML position or CSV file:row
  std::string problem;           ///< set when the row itself could not be read (kept, never dropped)
};

/// An energy attribute certificate or a contract conveying attributes (Scope 2 Guidance, ch. 6-7).
struct energy_certificate {
  std::string id;
  std::string type;              ///< GO | REC | I-REC | PPA | other
  std::string entity;            ///< empty: any entity in the boundary
  double volume_kwh = 0.0;
  int vintage = 0;
  std::string market;            ///< region code of the market boundary (e.g. FR, EU27)
  std::string technology;
  double kg_co2e_per_kwh = 0.0;  ///< emission rate of the generation (0 for renewables)
  source_location where;
};

/// A supplier-specific emission rate for an entity's electricity (second in the market hierarchy).
struct supplier_rate {
  std::string entity;            ///< empty: any entity
  std::string supplier;
  std::string region;
  double kg_co2e_per_kwh = 0.0;
  std::string source;
  source_location where;
};

/// A denominator of an intensity metric (GHG Protocol ch. 9): revenue, employees, floor area, ...
struct intensity_denominator {
  std::string name;   ///< e.g. "net revenue"
  double value = 0.0;
  std::string unit;   ///< a unit of the registry (EUR, m2, ...) or the name of a counted thing (employee)
  source_location where;
};

struct inventory {
  std::filesystem::path file;
  std::string organisation;
  int year = 0;                  ///< reporting year
  std::optional<int> base_year;
  std::string gwp = "AR6";
  /// Accept a factor of a later year when none of the reporting year or before exists (each such
  /// fallback is written into the row's provenance). Off unless the inventory says so.
  bool allow_later_years = false;
  /// Derive scope 3 category 3 (WTT of fuels, upstream and T&D losses of electricity) from the
  /// scope 1 and 2 rows through each activity family's `upstream` activities. Off when the
  /// inventory says `category3: given`, and whenever a row already reports category 3.
  bool derive_category3 = true;
  consolidation_approach consolidation = consolidation_approach::operational_control;
  std::vector<std::filesystem::path> factor_layers;  ///< user factor files, on top of the shipped ones
  std::vector<entity> entities;
  std::vector<activity_record> activities;
  std::vector<energy_certificate> certificates;
  std::vector<supplier_rate> supplier_rates;
  std::vector<intensity_denominator> denominators;
};

/// Reads an inventory YAML file and the CSV files it names. Structural problems throw input_error
/// (file:line:column, field, found, expected); a bad row is kept with its problem set.
[[nodiscard]] inventory load_inventory(const std::filesystem::path& file);

}  // namespace v0
}  // namespace ghgkit
