#pragma once
/// One calculation: an amount with its unit x a factor -> mass per gas and CO2e with provenance.
///
///     auto db = ghgkit::factor_database::shipped();
///     auto e = ghgkit::calculate(db, "electricity.grid", {12000, "kWh"}, {.region = "FR"});
///     e.co2e_kg; e.provenance.factor_id; e.provenance.database_hash;

#include <optional>
#include <string>
#include <string_view>

#include "ghgkit/calc/emission.hpp"
#include "ghgkit/factors/database.hpp"
#include "ghgkit/units/dimensions.hpp"

namespace ghgkit {
inline namespace v0 {

/// An activity amount with its unit as a string (from files, CSV, Python).
struct amount {
  double value = 0.0;
  std::string unit;
};

struct calc_options {
  std::optional<std::string> region;
  std::optional<int> year;
  std::string gwp = "AR6";
  bool strict = false;
  bool allow_later_year = false;
  std::optional<std::string> source;
  std::optional<std::string> basis;
  /// Uncertainty of the activity amount, if known (combined with the factor's).
  ghgkit::uncertainty activity_uncertainty;
};

/// `activity_or_factor_id`: a factor id of the database, or an activity path to look up.
/// Throws unit_error (the amount's unit does not fit the factor's), lookup_error, input_error.
[[nodiscard]] emission calculate(const factor_database& db, std::string_view activity_or_factor_id,
                                 const amount& a, const calc_options& options = {});

/// The same for a typed energy (kWh enters only as a named unit, never as a bare double).
[[nodiscard]] emission calculate(const factor_database& db, std::string_view activity_or_factor_id,
                                 units::energy e, const calc_options& options = {});
/// The same for a typed mass, volume and distance.
[[nodiscard]] emission calculate(const factor_database& db, std::string_view activity_or_factor_id,
                                 units::mass m, const calc_options& options = {});
[[nodiscard]] emission calculate(const factor_database& db, std::string_view activity_or_factor_id,
                                 units::volume v, const calc_options& options = {});
[[nodiscard]] emission calculate(const factor_database& db, std::string_view activity_or_factor_id,
                                 units::distance d, const calc_options& options = {});

/// The factor a calculation would use, with the fallbacks taken (no arithmetic).
[[nodiscard]] lookup_result resolve_factor(const factor_database& db, std::string_view activity_or_factor_id,
                                           const ghgkit::unit& amount_unit, const calc_options& options);

/// The CO2e per activity unit of a factor under a GWP set, with how it was obtained and any warning.
struct co2e_rate {
  double kg_per_unit = 0.0;
  std::string method;
  std::string warning;
};
[[nodiscard]] co2e_rate co2e_per_unit(const factor& f, const gas_registry& gases, std::string_view gwp_set);

}  // namespace v0
}  // namespace ghgkit
