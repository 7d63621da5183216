// Carbon-aware planning: the best start time of a job in one zone, and across zones.

#include "ghgkit/grid/planning.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ghgkit {
inline namespace v0 {
namespace grid {
namespace {

using std::chrono::seconds;

seconds checked_duration(const job_window& job) {
  if (!std::isfinite(job.duration_h) || job.duration_h <= 0) {
    raise<input_error>({}, "duration_h", fmt::format("{}", job.duration_h), "a finite number of hours > 0");
  }
  if (!std::isfinite(job.power_kw) || job.power_kw <= 0) {
    raise<input_error>({}, "power_kw", fmt::format("{}", job.power_kw), "a finite power in kW > 0");
  }
  const seconds d{std::llround(job.duration_h * 3600.0)};
  if (job.end - job.start < d) {
    raise<input_error>({}, "end", format_time(job.end),
                       fmt::format("at least duration_h = {} h after start {}", job.duration_h, format_time(job.start)));
  }
  return d;
}

// kg of a job of `job.power_kw` over [from, from + d), or nullopt when part of it has no data.
std::optional<double> job_kg(const intensity_series& s, std::string_view zone, const job_window& job, utc_time from,
                             seconds d) {
  const auto mean = s.mean_g_per_kwh(zone, from, from + d);
  if (!mean) return std::nullopt;
  return job.power_kw * job.duration_h * *mean / 1000.0;
}

std::optional<double> pct(double part, std::optional<double> whole) {
  if (!whole || *whole <= 0) return std::nullopt;
  return part / *whole * 100.0;
}

// The best window of one zone, or nullopt when none is eligible (arguments already checked).
std::optional<window_plan> search(const intensity_series& s, std::string_view zone, const job_window& job, seconds d) {
  window_plan plan;
  plan.zone = std::string(zone);
  plan.energy_kwh = job.power_kw * job.duration_h;
  plan.now_co2e_kg = job_kg(s, zone, job, job.start, d);
  bool found = false;
  auto consider = [&](utc_time from) {
    const auto kg = job_kg(s, zone, job, from, d);
    if (!kg) {
      ++plan.windows_skipped;
      return;
    }
    ++plan.windows_considered;
    if (!found || *kg < plan.co2e_kg) {
      plan.co2e_kg = *kg;
      plan.start = from;
      found = true;
    }
  };
  consider(job.start);
  for (const auto& row : s.rows(zone)) {
    if (row.time > job.start && row.time + d <= job.end) consider(row.time);
  }
  if (!found) return std::nullopt;
  plan.end = plan.start + d;
  if (plan.now_co2e_kg) {
    plan.saving_kg = *plan.now_co2e_kg - plan.co2e_kg;
    plan.saving_pct = pct(*plan.saving_kg, plan.now_co2e_kg);
  }
  return plan;
}

std::string no_window(std::string_view zone, const job_window& job) {
  return fmt::format("no window of {} h without a gap in zone '{}' between {} and {}", job.duration_h, zone,
                     format_time(job.start), format_time(job.end));
}

}  // namespace

window_plan best_window(const intensity_series& series, std::string_view zone, const job_window& job) {
  const seconds d = checked_duration(job);
  const std::string& name = series.resolve_zone(zone);
  auto plan = search(series, name, job, d);
  if (!plan) raise<input_error>({}, "zone", quote(name), "data for the job: " + no_window(name, job));
  return *plan;
}

region_plan best_region(const intensity_series& series, std::span<const std::string> zones, const job_window& job) {
  const seconds d = checked_duration(job);
  if (zones.empty()) raise<input_error>({}, "candidates", "no zone", "at least one candidate zone");
  region_plan r;
  r.baseline_zone = series.resolve_zone(zones.front());
  const region_candidate* best = nullptr;
  for (const auto& zone : zones) {
    region_candidate c;
    c.zone = series.resolve_zone(zone);
    c.best = search(series, c.zone, job, d);
    if (!c.best) c.reason = no_window(c.zone, job);
    r.candidates.push_back(std::move(c));
  }
  for (const auto& c : r.candidates) {
    if (c.best && (best == nullptr || c.best->co2e_kg < best->best->co2e_kg)) best = &c;
  }
  if (best == nullptr) raise<input_error>({}, "candidates", "no zone with data for the job", "an eligible window in one zone");
  r.best = *best->best;
  // The baseline: the first candidate starting now, computed even when that zone has no better window.
  r.baseline_co2e_kg = job_kg(series, r.baseline_zone, job, job.start, d);
  if (r.baseline_co2e_kg) {
    r.saving_kg = *r.baseline_co2e_kg - r.best.co2e_kg;
    r.saving_pct = pct(*r.saving_kg, r.baseline_co2e_kg);
  }
  return r;
}

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
