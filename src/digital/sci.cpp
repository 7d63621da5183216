#include "ghgkit/digital/sci.hpp"

#include <fmt/format.h>

#include "figures.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::num;

footprint embodied_share(const embodied_share_inputs& in) {
  footprint out;
  const double te = argument(out, "total embodied", checked("total_kg", in.total_kg), "kg");
  const double tir = argument(out, "time reserved", checked("time_reserved_h", in.time_reserved_h), "h");
  const double el = argument(out, "lifetime", checked("lifetime_h", in.lifetime_h, true), "h");
  const double rr = argument(out, "resources reserved", checked("resources_reserved", in.resources_reserved), "1");
  const double tor = argument(out, "total resources", checked("total_resources", in.total_resources, true), "1");
  if (rr > tor) {
    throw input_error(describe_problem({}, "resources_reserved", fmt::format("{} of {}", rr, tor),
                                       "at most total_resources"));
  }
  if (tir > el) {
    out.warnings.push_back(fmt::format("time reserved {} h exceeds the lifetime {} h: more than the whole embodied "
                                       "emissions are allocated", num(tir), num(el)));
  }
  out.embodied_kg = te * (tir / el) * (rr / tor);
  out.co2e_kg = out.embodied_kg;
  out.steps.push_back(fmt::format("M = TE x (TiR / EL) x (RR / ToR) = {} kg x ({} h / {} h) x ({} / {}) = {} kg",
                                  num(te), num(tir), num(el), num(rr), num(tor), num(out.embodied_kg)));
  return out;
}

sci_score sci(const sci_inputs& in) {
  sci_score out;
  const double e = argument(out, "energy", checked("energy_kwh", in.energy_kwh), "kWh");
  const double i = argument(out, "grid intensity", checked("intensity_kg_per_kwh", in.intensity_kg_per_kwh), "kg/kWh");
  const double m = argument(out, "embodied", checked("embodied_kg", in.embodied_kg), "kg");
  const double r = argument(out, "functional units", checked("functional_units", in.functional_units, true), "1");
  out.energy_kwh = e;
  out.operational_kg = e * i;
  out.embodied_kg = m;
  out.co2e_kg = out.operational_kg + m;
  out.score_kg_per_unit = out.co2e_kg / r;
  out.steps.push_back(fmt::format("SCI = (E x I + M) / R = ({} kWh x {} kg/kWh + {} kg) / {} = {} kg CO2e per unit",
                                  num(e), num(i), num(m), num(r), num(out.score_kg_per_unit)));
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
