#include "ghgkit/digital/datacenter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figures.hpp"
#include "ghgkit/digital/server_embodied.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::fraction;
using detail::grid_intensity;
using detail::num;

namespace {

std::string field_of(std::size_t i, std::string_view name) { return fmt::format("equipment[{}].{}", i, name); }

/// Average draw of one unit: power_w, or idle + u x (max - idle).
double item_power(const equipment_item& e, std::size_t i, datacenter_footprint& out, std::string& how) {
  const std::string label = e.name.empty() ? fmt::format("equipment[{}]", i) : e.name;
  if (e.power_w) {
    how = fmt::format("{} W", num(*e.power_w));
    return argument(out, label + " power", checked(field_of(i, "power_w"), *e.power_w), "W");
  }
  if (!e.idle_w || !e.max_w || !e.utilization) {
    throw input_error(describe_problem({}, field_of(i, "power_w"), "nothing",
                                       "the average power of one unit in W, or idle_w, max_w and utilization (0-1)"));
  }
  const double idle = argument(out, label + " idle power", checked(field_of(i, "idle_w"), *e.idle_w), "W");
  const double max = argument(out, label + " max power", checked(field_of(i, "max_w"), *e.max_w), "W");
  const double u = argument(out, label + " utilization", fraction(field_of(i, "utilization"), *e.utilization), "1");
  if (max < idle) {
    throw input_error(describe_problem({}, field_of(i, "max_w"), fmt::format("{} W", max),
                                       fmt::format("at least idle_w, {} W", num(idle))));
  }
  how = fmt::format("({} + {} x ({} - {})) W", num(idle), num(u), num(max), num(idle));
  return idle + u * (max - idle);
}

/// count x TE x hours / lifetime of one item (zero when it states no embodied figure).
void item_embodied(const factor_database& db, const equipment_item& e, std::size_t i, double count, double hours,
                   equipment_result& r, datacenter_footprint& out) {
  if (e.archetype && e.embodied_kg) {
    throw input_error(describe_problem({}, field_of(i, "embodied_kg"), num(*e.embodied_kg),
                                       "either an archetype or embodied_kg, not both"));
  }
  if (!e.archetype && !e.embodied_kg) return;
  double te = 0.0, low = 0.0, high = 0.0;
  std::optional<double> lifetime;
  if (e.archetype) {
    server_embodied_inputs s;
    s.archetype = e.archetype;
    const server_footprint server = server_embodied(db, s);
    te = server.embodied_kg;
    low = *server.low_kg;
    high = *server.high_kg;
    lifetime = server.lifetime_h;
    for (const auto& f : server.figures) out.figures.push_back(f);
    for (const auto& w : server.warnings) out.warnings.push_back(fmt::format("{}: {}", r.name, w));
    out.steps.push_back(fmt::format("{}: {}", r.name, server.steps.back()));
    out.database_hash = server.database_hash;
  } else {
    te = low = high = argument(out, r.name + " embodied per unit", checked(field_of(i, "embodied_kg"), *e.embodied_kg), "kg");
  }
  if (e.lifetime_h) lifetime = argument(out, r.name + " lifetime", checked(field_of(i, "lifetime_h"), *e.lifetime_h, true), "h");
  if (!lifetime) {
    throw input_error(describe_problem({}, field_of(i, "lifetime_h"), "nothing",
                                       "the lifetime of one unit in hours (the archetype gives none)"));
  }
  const double factor = count * hours / *lifetime;
  r.embodied_kg = te * factor;
  r.embodied_low_kg = low * factor;
  r.embodied_high_kg = high * factor;
  out.steps.push_back(fmt::format("{} embodied = {} x {} kg x {} h / {} h = {} kg", r.name, num(count), num(te), num(hours),
                                  num(*lifetime), num(r.embodied_kg)));
}

/// IT energy and embodied share of the inventory, item by item.
double inventory(const factor_database& db, const std::vector<equipment_item>& items, datacenter_footprint& out) {
  double it_kwh = 0.0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const equipment_item& e = items[i];
    equipment_result r;
    r.name = e.name.empty() ? fmt::format("equipment[{}]", i) : e.name;
    const double count = argument(out, r.name + " count", checked(field_of(i, "count"), e.count), "1");
    const double hours = argument(out, r.name + " hours", checked(field_of(i, "hours"), e.hours), "h");
    std::string how;
    const double power = item_power(e, i, out, how);
    r.it_energy_kwh = count * power * hours / 1000.0;
    out.steps.push_back(fmt::format("{} = {} x {} x {} h / 1000 = {} kWh", r.name, num(count), how, num(hours),
                                    num(r.it_energy_kwh)));
    item_embodied(db, e, i, count, hours, r, out);
    it_kwh += r.it_energy_kwh;
    out.equipment.push_back(std::move(r));
  }
  out.steps.push_back(fmt::format("IT energy = sum of the equipment = {} kWh", num(it_kwh)));
  return it_kwh;
}

double hourly_sum(const std::vector<grid::hourly_energy>& values) {
  double sum = 0.0;
  for (const auto& h : values) sum += h.kwh;
  return sum;
}

/// The IT energy from it_energy_kwh, the equipment, or the hourly consumption / PUE.
double it_energy(const factor_database& db, const datacenter_inputs& in, double pue, datacenter_footprint& out) {
  if (in.it_energy_kwh && !in.equipment.empty()) {
    throw input_error(describe_problem({}, "it_energy_kwh", fmt::format("{} kWh", *in.it_energy_kwh),
                                       "either it_energy_kwh or an equipment inventory, not both"));
  }
  if (in.it_energy_kwh) return argument(out, "it energy", checked("it_energy_kwh", *in.it_energy_kwh), "kWh");
  if (!in.equipment.empty()) return inventory(db, in.equipment, out);
  if (in.hourly) {
    const double it = hourly_sum(in.hourly->consumption) / pue;
    out.steps.push_back(fmt::format("IT energy = hourly consumption {} kWh / PUE {} = {} kWh",
                                    num(hourly_sum(in.hourly->consumption)), num(pue), num(it)));
    return it;
  }
  throw input_error(describe_problem({}, "it_energy_kwh", "nothing",
                                     "the IT energy in kWh, an equipment inventory, or hourly consumption"));
}

/// Market-based operational emissions of the hourly method (grid::cfe_score), with the CFE score.
double hourly_market(const datacenter_hourly& h, double rest_rate, datacenter_footprint& out) {
  if (h.series == nullptr) {
    throw input_error(describe_problem({}, "hourly.series", "nothing", "an hourly intensity series"));
  }
  const double metered = hourly_sum(h.consumption);
  if (std::abs(metered - out.energy_kwh) > 1e-3 * std::max(metered, out.energy_kwh)) {
    throw input_error(describe_problem({}, "hourly.consumption", fmt::format("{} kWh in all", num(metered)),
                                       fmt::format("the facility energy, {} kWh (IT energy x PUE)", num(out.energy_kwh))));
  }
  const grid::cfe_result cfe = grid::cfe_score(*h.series, h.consumption, h.clean_supply, h.zone);
  out.cfe_score = cfe.score;
  out.clean_matched_kwh = cfe.matched_kwh;
  double unpriced_kwh = 0.0;
  for (const auto& u : cfe.unpriced) unpriced_kwh += u.kwh;
  const double market = cfe.market_kg + unpriced_kwh * rest_rate;
  out.steps.push_back(fmt::format("CFE = {} kWh matched hour by hour / {} kWh = {}", num(cfe.matched_kwh),
                                  num(cfe.consumption_kwh), num(cfe.score)));
  out.steps.push_back(fmt::format("market-based (hourly) = unmatched kWh of each hour x its intensity = {} kg{}",
                                  num(cfe.market_kg),
                                  unpriced_kwh > 0.0 ? fmt::format(" + {} kWh outside the series x {} kg/kWh = {} kg",
                                                                   num(unpriced_kwh), num(rest_rate), num(market))
                                                     : std::string()));
  if (unpriced_kwh > 0.0) {
    out.warnings.push_back(fmt::format("{} unmatched kWh fall in hours the intensity series does not cover: priced at "
                                       "{} kg/kWh (residual mix, else grid average)",
                                       num(unpriced_kwh), num(rest_rate)));
  }
  if (cfe.excess_supply_kwh > 0.0) {
    out.warnings.push_back(fmt::format("{} kWh of clean supply match no consumption of their hour and are not "
                                       "counted", num(cfe.excess_supply_kwh)));
  }
  return market;
}

/// Market-based operational emissions: certificates (annual) or the hourly method.
double market_operational(const datacenter_inputs& in, double intensity, datacenter_footprint& out) {
  const double certified = argument(out, "certificates", checked("certificates_kwh", in.certificates_kwh), "kWh");
  if (in.hourly && certified > 0.0) {
    throw input_error(describe_problem({}, "certificates_kwh", fmt::format("{} kWh", certified),
                                       "0 with hourly data (the hourly clean supply is the claim)"));
  }
  if (certified > out.energy_kwh) {
    throw input_error(describe_problem({}, "certificates_kwh", fmt::format("{} kWh", certified),
                                       fmt::format("at most the facility energy, {} kWh (a claim beyond the "
                                                   "consumption is not allowed)", num(out.energy_kwh))));
  }
  const double cert_rate = argument(out, "certificate rate", checked("certificate_kg_per_kwh", in.certificate_kg_per_kwh),
                                    "kg/kWh");
  double rest_rate = intensity;
  if (in.residual_mix_kg_per_kwh) {
    rest_rate = argument(out, "residual mix", checked("residual_mix_kg_per_kwh", *in.residual_mix_kg_per_kwh), "kg/kWh");
  } else if (certified < out.energy_kwh && !in.hourly) {
    out.warnings.push_back("no residual mix given: the grid average stands in for the uncovered kWh of the market-based "
                           "method (Scope 2 Guidance, last resort)");
  }
  if (in.hourly) return hourly_market(*in.hourly, rest_rate, out);
  const double market = certified * cert_rate + (out.energy_kwh - certified) * rest_rate;
  out.steps.push_back(fmt::format("market-based = {} kWh x {} + {} kWh x {} = {} kg", num(certified), num(cert_rate),
                                  num(out.energy_kwh - certified), num(rest_rate), num(market)));
  return market;
}

void heat_and_water(const datacenter_inputs& in, double it, datacenter_footprint& out) {
  const double reused = argument(out, "reused heat", checked("reused_heat_kwh", in.reused_heat_kwh), "kWh");
  if (reused > 0.0) {
    if (out.energy_kwh > 0.0) {
      out.erf = reused / out.energy_kwh;
      if (*out.erf > 1.0) {
        throw input_error(describe_problem({}, "reused_heat_kwh", fmt::format("{} kWh", reused),
                                           fmt::format("at most the facility energy, {} kWh", num(out.energy_kwh))));
      }
      out.steps.push_back(fmt::format("ERF = {} kWh / {} kWh = {}", num(reused), num(out.energy_kwh), num(*out.erf)));
    }
    if (in.displaced_heat_kg_per_kwh) {
      const double displaced = argument(out, "displaced heat intensity",
                                        checked("displaced_heat_kg_per_kwh", *in.displaced_heat_kg_per_kwh), "kg/kWh");
      out.avoided_kg = reused * displaced;
      out.steps.push_back(fmt::format("avoided elsewhere (reported apart, not subtracted) = {} kWh x {} kg/kWh = {} kg",
                                      num(reused), num(displaced), num(*out.avoided_kg)));
    } else {
      out.warnings.push_back("displaced_heat_kg_per_kwh not given: the emissions the reused heat avoids are not estimated");
    }
  }
  if (in.water_l) {
    const double water = argument(out, "water", checked("water_l", *in.water_l), "L");
    if (it > 0.0) {
      out.wue_l_per_kwh = water / it;
      out.steps.push_back(fmt::format("WUE = {} L / {} kWh (IT) = {} L/kWh", num(water), num(it), num(*out.wue_l_per_kwh)));
    }
  }
}

}  // namespace

datacenter_footprint datacenter(const factor_database& db, const datacenter_inputs& in) {
  datacenter_footprint out;
  if (!in.pue) throw input_error(describe_problem({}, "pue", "nothing", "the site's PUE (>= 1)"));
  if (*in.pue < 1.0 || !std::isfinite(*in.pue)) {
    throw input_error(describe_problem({}, "pue", fmt::format("{}", *in.pue), "a PUE >= 1"));
  }
  const double it = it_energy(db, in, *in.pue, out);
  out.it_energy_kwh = it;
  const double pue = argument(out, "pue", *in.pue, "1");
  const double intensity = grid_intensity(db, in.grid, out);
  out.facility_energy_kwh = it * pue;
  out.energy_kwh = out.facility_energy_kwh;
  out.steps.push_back(fmt::format("facility energy = {} kWh x PUE {} = {} kWh", num(it), num(pue), num(out.energy_kwh)));
  out.operational_kg = out.energy_kwh * intensity;
  out.steps.push_back(fmt::format("location-based = {} kWh x {} kg/kWh = {} kg", num(out.energy_kwh), num(intensity),
                                  num(out.operational_kg)));
  const double market = market_operational(in, intensity, out);

  double embodied = argument(out, "embodied", checked("embodied_kg", in.embodied_kg), "kg");
  double low = embodied, high = embodied;
  for (const auto& e : out.equipment) {
    embodied += e.embodied_kg;
    low += e.embodied_low_kg;
    high += e.embodied_high_kg;
  }
  out.embodied_kg = embodied;
  out.co2e_kg = out.operational_kg + out.embodied_kg;
  out.co2e_market_kg = market + out.embodied_kg;
  if (low != embodied || high != embodied) {
    out.low_kg = out.operational_kg + low;
    out.high_kg = out.operational_kg + high;
    out.steps.push_back(fmt::format("embodied = {} kg (low {}, high {})", num(embodied), num(low), num(high)));
  }
  heat_and_water(in, it, out);
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
