// 24/7 carbon-free energy: hour-matched clean supply and the market-based emissions of the rest.

#include <algorithm>

#include "ghgkit/grid/planning.hpp"

namespace ghgkit {
inline namespace v0 {
namespace grid {

cfe_result cfe_score(const intensity_series& series, std::span<const hourly_energy> consumption,
                     std::span<const hourly_energy> supply, std::string_view zone) {
  const std::string& name = series.resolve_zone(zone);
  const auto used = checked_hourly(consumption, "consumption");
  const auto clean = checked_hourly(supply, "supply");
  cfe_result r;
  r.zone = name;
  for (const auto& s : clean) r.supply_kwh += s.kwh;
  for (const auto& c : used) {
    cfe_hour h;
    h.time = c.time;
    h.consumption_kwh = c.kwh;
    auto it = std::lower_bound(clean.begin(), clean.end(), c.time, [](const auto& s, utc_time t) { return s.time < t; });
    h.supply_kwh = (it != clean.end() && it->time == c.time) ? it->kwh : 0.0;
    h.matched_kwh = std::min(h.consumption_kwh, h.supply_kwh);
    h.unmatched_kwh = h.consumption_kwh - h.matched_kwh;
    const utc_time end = c.time + std::chrono::hours{1};
    h.intensity_g_per_kwh = series.mean_g_per_kwh(name, c.time, end);
    if (h.unmatched_kwh == 0.0) {
      h.market_kg = 0.0;
    } else if (h.intensity_g_per_kwh) {
      h.market_kg = h.unmatched_kwh * *h.intensity_g_per_kwh / 1000.0;
      r.market_kg += *h.market_kg;
    } else {
      r.unpriced.push_back(unpriced_hour{c.time, h.unmatched_kwh, series.missing_reason(name, c.time, end)});
    }
    r.consumption_kwh += h.consumption_kwh;
    r.matched_kwh += h.matched_kwh;
    r.unmatched_kwh += h.unmatched_kwh;
    r.hours.push_back(h);
  }
  if (r.consumption_kwh <= 0) {
    raise<input_error>({}, "consumption", "a total of 0 kWh", "some consumption: the CFE score divides by it");
  }
  r.score = r.matched_kwh / r.consumption_kwh;
  r.excess_supply_kwh = r.supply_kwh - r.matched_kwh;
  return r;
}

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
