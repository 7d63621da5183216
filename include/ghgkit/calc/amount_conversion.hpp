#pragma once
/// An activity amount expressed in the unit of the factor that prices it. Three cases, each step
/// written into `steps` (provenance.conversions) so an auditor can redo it:
///   - same dimension: a unit conversion (MWh -> kWh, t -> kg);
///   - money: currency at the spend year's rate, deflated to the factor's price year (spend.hpp);
///   - fuels: between volume, mass and energy and between gross and net calorific value, with the
///     fuel's properties as coefficients whose `key` is the fuel's activity path (or a parent path):
///         fuel.density             mass per volume
///         fuel.net_calorific_value energy per mass, net (lower) heating value
///         fuel.gcv_per_ncv         gross / net calorific value (dimensionless)
///     mass = volume x density; net energy = mass x NCV; gross energy = net energy x GCV/NCV
///     (IPCC 2006 Vol. 2 ch. 1, section 1.4.1.2: inventories use net calorific values, and gross
///     values are converted with the fuel's GCV/NCV ratio).
///
///     std::vector<std::string> steps, warnings;
///     double litres_as_tj = amount_in_factor_unit(db, {11000, "L"}, std::nullopt, ipcc_diesel_per_tj, 2024,
///                                                 steps, warnings);

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/calc/calculate.hpp"

namespace ghgkit {
inline namespace v0 {

/// Volume, mass and energy: the dimensions a fuel amount may be given in.
[[nodiscard]] bool is_fuel_dimension(const dimension& d);

/// `a` (whose energy, if it is one, is on `basis` "net_cv"/"gross_cv" or unstated) in the unit and
/// basis of factor `f`. `year` is the spend year of a money amount. Throws unit_error when the
/// dimensions cannot be bridged, lookup_error naming a missing property, rate or index.
[[nodiscard]] double amount_in_factor_unit(const factor_database& db, const amount& a,
                                           const std::optional<std::string>& basis, const factor& f,
                                           std::optional<int> year, std::vector<std::string>& steps,
                                           std::vector<std::string>& warnings);

}  // namespace v0
}  // namespace ghgkit
