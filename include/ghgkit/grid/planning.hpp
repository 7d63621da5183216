#pragma once
/// Carbon-aware planning on an intensity series: the start time, and the zone, that minimise a job's
/// emissions, with the saving against starting now (the concept of the Green Software Foundation's
/// Carbon Aware SDK); and the 24/7 carbon-free energy score of hour-matched clean supply.
///
///     auto w = ghgkit::grid::best_window(series, "FR", {.duration_h = 4, .power_kw = 10,
///                                                       .start = now, .end = now + std::chrono::hours{24}});
///     w.start; w.co2e_kg; w.saving_kg; w.saving_pct;
///
/// A job draws `power_kw` for `duration_h` from its start: emissions = power_kw x sum over the steps it
/// overlaps of (overlap in hours x intensity) / 1000. Candidate starts are `start` itself and every
/// step of the series after it whose job ends by `end`; a window that crosses a gap (or leaves the
/// series) is not eligible. Ties go to the earliest start. Methods: docs/methodology/grid.md.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/grid/intensity_series.hpp"

namespace ghgkit {
inline namespace v0 {
namespace grid {

/// A job of constant power and the bounds it must run within.
struct job_window {
  double duration_h = 0.0;
  double power_kw = 0.0;
  utc_time start;  ///< earliest start: "now"
  utc_time end;    ///< the job must be over by then
};

struct window_plan {
  std::string zone;
  utc_time start;
  utc_time end;
  double energy_kwh = 0.0;
  double co2e_kg = 0.0;
  std::optional<double> now_co2e_kg;  ///< starting at job_window::start, when that window has data
  std::optional<double> saving_kg;    ///< now_co2e_kg - co2e_kg
  std::optional<double> saving_pct;   ///< saving_kg / now_co2e_kg x 100, when now_co2e_kg > 0
  std::size_t windows_considered = 0; ///< eligible start times compared
  std::size_t windows_skipped = 0;    ///< start times whose window crosses a gap or leaves the series
};

/// The best start time in `zone`; input_error on bad arguments or when no window is eligible.
[[nodiscard]] window_plan best_window(const intensity_series& series, std::string_view zone, const job_window& job);

/// One candidate zone of best_region: its best window, or why it has none.
struct region_candidate {
  std::string zone;
  std::optional<window_plan> best;
  std::string reason;  ///< empty when `best` is set
};

struct region_plan {
  window_plan best;                          ///< the lowest-emission window over every candidate
  std::vector<region_candidate> candidates;  ///< in the order given
  std::string baseline_zone;                 ///< the first candidate
  std::optional<double> baseline_co2e_kg;    ///< the first candidate starting now
  std::optional<double> saving_kg;           ///< baseline_co2e_kg - best.co2e_kg
  std::optional<double> saving_pct;
};

/// best_window across zones; input_error for an unknown zone, no candidate, or no eligible window anywhere.
[[nodiscard]] region_plan best_region(const intensity_series& series, std::span<const std::string> zones,
                                      const job_window& job);

/// One consumption hour of a CFE score.
struct cfe_hour {
  utc_time time;
  double consumption_kwh = 0.0;
  double supply_kwh = 0.0;                    ///< clean supply of the same hour (0 when none is given)
  double matched_kwh = 0.0;                   ///< min(consumption, supply)
  double unmatched_kwh = 0.0;                 ///< consumption - matched
  std::optional<double> intensity_g_per_kwh;  ///< the zone's intensity over the hour, when known
  std::optional<double> market_kg;            ///< unmatched x intensity / 1000 (0 when fully matched)
};

/// 24/7 carbon-free energy: CFE = sum_h min(consumption_h, supply_h) / sum_h consumption_h.
struct cfe_result {
  std::string zone;
  double score = 0.0;                    ///< 0 to 1: the matched share of consumption
  double consumption_kwh = 0.0;
  double supply_kwh = 0.0;
  double matched_kwh = 0.0;
  double unmatched_kwh = 0.0;
  double excess_supply_kwh = 0.0;        ///< clean supply of no consumption hour or above it
  double market_kg = 0.0;                ///< sum of market_kg over priced hours
  std::vector<cfe_hour> hours;           ///< one per consumption hour, in time order
  std::vector<unpriced_hour> unpriced;   ///< unmatched consumption of hours without an intensity
};

/// Hour-matched CFE score and the market-based emissions of the unmatched consumption in `zone`.
[[nodiscard]] cfe_result cfe_score(const intensity_series& series, std::span<const hourly_energy> consumption,
                                   std::span<const hourly_energy> supply, std::string_view zone);

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
