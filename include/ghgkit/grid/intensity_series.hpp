#pragma once
/// An hourly (or finer) grid carbon-intensity series for one or more zones, and the emissions of an
/// hourly load priced hour by hour. Methods: docs/methodology/grid.md.
///
///     auto s = ghgkit::grid::intensity_series::from_csv("examples/grid/synthetic_two_zones.csv");
///     auto r = s.emissions(load, "FR");  // r.co2e_kg (hourly) beside r.co2e_average_kg (period average)
///
/// CSV: a header with `timestamp` (ISO 8601 with offset), `zone`, `intensity_g_per_kwh` and the
/// optional `marginal_g_per_kwh`; rows in any order, several zones per file. Each zone's step is the
/// smallest interval between its rows (it must divide one hour); missing steps are reported in
/// gaps(), never filled. Two rows of one zone at the same UTC instant are an error naming both lines.

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/grid/time.hpp"

namespace ghgkit {
inline namespace v0 {
namespace grid {

/// One row of a series: the intensity of the step that starts at `time`.
struct intensity_row {
  std::string zone;
  utc_time time;
  double intensity_g_per_kwh = 0.0;           ///< average (location-based) intensity, gCO2e/kWh
  std::optional<double> marginal_g_per_kwh;   ///< marginal intensity where the source gives it
  std::size_t line = 0;                       ///< line in the CSV file; row number for rows built in code
};

/// Missing steps of a zone: [from, to), `from` the first missing instant, `to` the next one present.
struct gap {
  std::string zone;
  utc_time from;
  utc_time to;
  std::size_t missing_steps = 0;

  friend bool operator==(const gap&, const gap&) = default;
};

/// Energy drawn during the UTC hour that starts at `time`.
struct hourly_energy {
  utc_time time;
  double kwh = 0.0;
};

/// A load hour that could not be priced, kept with its energy and why.
struct unpriced_hour {
  utc_time time;
  double kwh = 0.0;
  std::string reason;  ///< "before the series", "after the series" or "in a gap"
};

/// Emissions of an hourly load in one zone: hour-matched beside the period average.
struct emissions_result {
  std::string zone;
  double energy_kwh = 0.0;                   ///< the whole load
  double priced_energy_kwh = 0.0;            ///< the load of the hours with an intensity
  double co2e_kg = 0.0;                      ///< sum over priced hours of kWh_h x intensity_h / 1000
  double average_g_per_kwh = 0.0;            ///< mean intensity of the zone over the whole series
  double co2e_average_kg = 0.0;              ///< priced_energy_kwh x average_g_per_kwh / 1000
  double difference_kg = 0.0;                ///< co2e_kg - co2e_average_kg
  std::optional<double> difference_pct;      ///< difference_kg / co2e_average_kg x 100, when that is > 0
  std::vector<unpriced_hour> unpriced;       ///< hours of the load without an intensity, in time order
  double unpriced_energy_kwh = 0.0;          ///< energy_kwh = priced + unpriced
  std::vector<std::string> steps;            ///< the formulas with their numbers
};

class intensity_series {
 public:
  /// Reads a series; throws input_error naming file:line and field on bad rows.
  [[nodiscard]] static intensity_series from_csv(const std::filesystem::path& file);
  /// The same checks on rows built in code; `source` names them in messages ("rows" by default).
  [[nodiscard]] static intensity_series from_rows(std::vector<intensity_row> rows, std::string source = "rows");

  /// Zone names in order of first appearance.
  [[nodiscard]] std::vector<std::string> zones() const;
  /// `zone`, or the only zone when none is given; input_error for an unknown zone or an ambiguous call.
  [[nodiscard]] const std::string& resolve_zone(std::optional<std::string_view> zone) const;
  /// Resolution of a zone's series (one hour for a zone of a single row).
  [[nodiscard]] std::chrono::seconds step(std::string_view zone) const;
  /// A zone's rows in time order.
  [[nodiscard]] std::span<const intensity_row> rows(std::string_view zone) const;
  /// Missing steps of every zone, by zone then time.
  [[nodiscard]] const std::vector<gap>& gaps() const { return gaps_; }
  /// Mean intensity of a zone over its whole series (every step has the same length).
  [[nodiscard]] double average_g_per_kwh(std::string_view zone) const;

  /// Time-weighted mean intensity over [from, to), or nullopt when part of it has no data.
  [[nodiscard]] std::optional<double> mean_g_per_kwh(std::string_view zone, utc_time from, utc_time to) const;
  /// Why [from, to) cannot be priced: "before the series", "after the series" or "in a gap".
  [[nodiscard]] std::string missing_reason(std::string_view zone, utc_time from, utc_time to) const;

  /// Hour-matched emissions of `load` in `zone` (each value covers [time, time + 1 h)).
  [[nodiscard]] emissions_result emissions(std::span<const hourly_energy> load, std::string_view zone) const;

 private:
  struct zone_series {
    std::string name;
    std::chrono::seconds step{3600};
    std::vector<intensity_row> rows;
  };
  [[nodiscard]] const zone_series& find(std::string_view zone) const;

  std::vector<zone_series> zones_;
  std::vector<gap> gaps_;
};

/// The load sorted by time; input_error for a negative or non-finite kWh, or two values less than
/// one hour apart (`name` words the message: "load[3]").
[[nodiscard]] std::vector<hourly_energy> checked_hourly(std::span<const hourly_energy> values, std::string_view name);

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
