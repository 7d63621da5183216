// Queries on an intensity series and the hour-matched emissions of a load.

#include "ghgkit/grid/intensity_series.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ghgkit {
inline namespace v0 {
namespace grid {
namespace {

std::string zone_list(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + quote(n);
  return text;
}

}  // namespace

std::vector<std::string> intensity_series::zones() const {
  std::vector<std::string> names;
  for (const auto& z : zones_) names.push_back(z.name);
  return names;
}

const intensity_series::zone_series& intensity_series::find(std::string_view zone) const {
  auto it = std::find_if(zones_.begin(), zones_.end(), [&](const zone_series& z) { return z.name == zone; });
  if (it == zones_.end()) raise<input_error>({}, "zone", quote(zone), "one of the series' zones: " + zone_list(zones()));
  return *it;
}

const std::string& intensity_series::resolve_zone(std::optional<std::string_view> zone) const {
  if (zone) return find(*zone).name;
  if (zones_.size() != 1) {
    raise<input_error>({}, "zone", "no zone", "one of " + zone_list(zones()) + " (the series has several zones)");
  }
  return zones_.front().name;
}

std::chrono::seconds intensity_series::step(std::string_view zone) const { return find(zone).step; }

std::span<const intensity_row> intensity_series::rows(std::string_view zone) const { return find(zone).rows; }

double intensity_series::average_g_per_kwh(std::string_view zone) const {
  const auto& z = find(zone);
  double sum = 0.0;
  for (const auto& r : z.rows) sum += r.intensity_g_per_kwh;
  return z.rows.empty() ? 0.0 : sum / static_cast<double>(z.rows.size());
}

std::optional<double> intensity_series::mean_g_per_kwh(std::string_view zone, utc_time from, utc_time to) const {
  const auto& z = find(zone);
  if (to <= from) return std::nullopt;
  // The step containing `from`: the last row at or before it.
  auto it = std::upper_bound(z.rows.begin(), z.rows.end(), from, [](utc_time t, const auto& r) { return t < r.time; });
  if (it == z.rows.begin()) return std::nullopt;
  --it;
  double weighted = 0.0;  // sum of seconds x g/kWh
  for (utc_time covered = from; covered < to; ++it) {
    if (it == z.rows.end() || it->time > covered || it->time + z.step <= covered) return std::nullopt;
    const utc_time part_end = std::min(it->time + z.step, to);
    weighted += static_cast<double>((part_end - covered).count()) * it->intensity_g_per_kwh;
    covered = part_end;
  }
  return weighted / static_cast<double>((to - from).count());
}

std::string intensity_series::missing_reason(std::string_view zone, utc_time from, utc_time to) const {
  const auto& z = find(zone);
  if (z.rows.empty() || to <= z.rows.front().time || from < z.rows.front().time) return "before the series";
  if (to > z.rows.back().time + z.step) return "after the series";
  return "in a gap";
}

emissions_result intensity_series::emissions(std::span<const hourly_energy> load, std::string_view zone) const {
  const auto& z = find(zone);
  emissions_result r;
  r.zone = z.name;
  r.average_g_per_kwh = average_g_per_kwh(zone);
  for (const auto& h : checked_hourly(load, "load")) {
    r.energy_kwh += h.kwh;
    const auto intensity = mean_g_per_kwh(zone, h.time, h.time + std::chrono::hours{1});
    if (!intensity) {
      r.unpriced.push_back(unpriced_hour{h.time, h.kwh, missing_reason(zone, h.time, h.time + std::chrono::hours{1})});
      r.unpriced_energy_kwh += h.kwh;
      continue;
    }
    r.priced_energy_kwh += h.kwh;
    r.co2e_kg += h.kwh * *intensity / 1000.0;
  }
  r.co2e_average_kg = r.priced_energy_kwh * r.average_g_per_kwh / 1000.0;
  r.difference_kg = r.co2e_kg - r.co2e_average_kg;
  if (r.co2e_average_kg > 0) r.difference_pct = r.difference_kg / r.co2e_average_kg * 100.0;
  r.steps.push_back(fmt::format("hourly: sum over {} priced hours of kWh_h x intensity_h = {:.6g} kWh -> {:.6g} kg",
                                load.size() - r.unpriced.size(), r.priced_energy_kwh, r.co2e_kg));
  r.steps.push_back(fmt::format("average: {:.6g} kWh x {:.6g} g/kWh (mean of {} steps of zone '{}') / 1000 = {:.6g} kg",
                                r.priced_energy_kwh, r.average_g_per_kwh, z.rows.size(), z.name, r.co2e_average_kg));
  if (!r.unpriced.empty()) {
    r.steps.push_back(fmt::format("unpriced: {} hours, {:.6g} kWh without an intensity (not counted above)",
                                  r.unpriced.size(), r.unpriced_energy_kwh));
  }
  return r;
}

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
