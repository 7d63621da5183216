#pragma once
// How a digital calculation takes each figure: an argument (checked), a coefficient of the
// database (converted to the unit the formula uses), or the grid factor of a region; each is
// recorded in the result's `figures`.

#include <optional>
#include <string>
#include <string_view>

#include "ghgkit/digital/compute.hpp"
#include "ghgkit/factors/coefficients.hpp"

namespace ghgkit::detail {

/// A finite number >= 0 (> 0 when `positive`), else input_error naming `field`.
double checked(std::string_view field, double value, bool positive = false);
/// A fraction 0-1, else input_error naming `field`.
double fraction(std::string_view field, double value);

/// Records an argument of the call.
double argument(digital::footprint& out, std::string_view name, double value, std::string_view unit);

/// The coefficient of `query`, in `unit` (its dimension checked), recorded.
double coefficient_figure(const factor_database& db, const coefficient_query& query, std::string_view name,
                          std::string_view unit, digital::footprint& out);

/// The grid intensity in kg CO2e/kWh: the explicit figure, or the location-based factor of
/// electricity.grid for the region and year (its warnings kept). input_error when neither is given.
double grid_intensity(const factor_database& db, const digital::grid_choice& grid, digital::footprint& out);

/// A number for the steps: six significant digits.
std::string num(double value);

}  // namespace ghgkit::detail
