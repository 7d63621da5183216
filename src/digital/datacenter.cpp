#include "ghgkit/digital/datacenter.hpp"

#include <fmt/format.h>

#include <cmath>

#include "figures.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::grid_intensity;
using detail::num;

datacenter_footprint datacenter(const factor_database& db, const datacenter_inputs& in) {
  datacenter_footprint out;
  const double it = argument(out, "it energy", checked("it_energy_kwh", in.it_energy_kwh), "kWh");
  if (!in.pue) throw input_error(describe_problem({}, "pue", "nothing", "the site's PUE (>= 1)"));
  if (*in.pue < 1.0 || !std::isfinite(*in.pue)) {
    throw input_error(describe_problem({}, "pue", fmt::format("{}", *in.pue), "a PUE >= 1"));
  }
  const double pue = argument(out, "pue", *in.pue, "1");
  const double intensity = grid_intensity(db, in.grid, out);
  out.facility_energy_kwh = it * pue;
  out.energy_kwh = out.facility_energy_kwh;
  out.steps.push_back(fmt::format("facility energy = {} kWh x PUE {} = {} kWh", num(it), num(pue), num(out.energy_kwh)));
  out.operational_kg = out.energy_kwh * intensity;
  out.steps.push_back(fmt::format("location-based = {} kWh x {} kg/kWh = {} kg", num(out.energy_kwh), num(intensity),
                                  num(out.operational_kg)));

  const double certified = argument(out, "certificates", checked("certificates_kwh", in.certificates_kwh), "kWh");
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
  } else if (certified < out.energy_kwh) {
    out.warnings.push_back("no residual mix given: the grid average stands in for the uncovered kWh of the market-based "
                           "method (Scope 2 Guidance, last resort)");
  }
  const double market_operational = certified * cert_rate + (out.energy_kwh - certified) * rest_rate;
  out.steps.push_back(fmt::format("market-based = {} kWh x {} + {} kWh x {} = {} kg", num(certified), num(cert_rate),
                                  num(out.energy_kwh - certified), num(rest_rate), num(market_operational)));

  out.embodied_kg = argument(out, "embodied", checked("embodied_kg", in.embodied_kg), "kg");
  out.co2e_kg = out.operational_kg + out.embodied_kg;
  out.co2e_market_kg = market_operational + out.embodied_kg;

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
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
