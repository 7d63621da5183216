#pragma once
/// The result of a digital-service calculation (data center, compute job, AI training, SCI): energy,
/// operational and embodied emissions kept apart, every figure used with its origin (an argument of
/// the call, or a coefficient or factor of the database with its source), and the formula's steps.
///
///     auto r = ghgkit::digital::training(db, {.count = 8, .hours = 100, .tdp_w = 400, .utilization = 0.9,
///                                             .pue = 1.2, .intensity_kg_per_kwh = 0.05});
///     r.energy_kwh; r.operational_kg; r.embodied_kg; r.co2e_kg; r.figures; r.steps;

#include <optional>
#include <string>
#include <vector>

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// A figure a calculation used, and where it came from.
struct used_figure {
  std::string name;       ///< what it is: "pue", "grid intensity", "memory power per GB", ...
  double value = 0.0;     ///< in `unit`
  std::string unit;       ///< "1", "kg/kWh", "W/GB", "h", ...
  std::string origin;     ///< "argument", or the id of the coefficient, factor or catalogue entry
  std::string source_id;  ///< the cited source of a database figure; empty for an argument

  friend bool operator==(const used_figure&, const used_figure&) = default;
};

struct footprint {
  double energy_kwh = 0.0;               ///< energy drawn from the grid (after PUE where it applies)
  double operational_kg = 0.0;           ///< energy x grid intensity, location-based
  double embodied_kg = 0.0;              ///< manufacturing emissions allocated to this use
  double co2e_kg = 0.0;                  ///< operational + embodied, location-based
  std::optional<double> co2e_market_kg;  ///< market-based total, where the method has one
  std::optional<double> low_kg;          ///< bounds of co2e_kg where the method gives a range
  std::optional<double> high_kg;
  std::vector<used_figure> figures;
  std::vector<std::string> steps;        ///< the formula with its numbers, in order
  std::vector<std::string> warnings;     ///< assumptions and what is not counted
  std::string database_hash;             ///< empty when no database figure was used

  /// The figure named `name` (the first one), or nullptr.
  [[nodiscard]] const used_figure* figure(std::string_view name) const;
};

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
