#include "ghgkit/digital/compute.hpp"

#include <fmt/format.h>

#include "figures.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::coefficient_figure;
using detail::fraction;
using detail::grid_intensity;
using detail::num;

namespace {

double pue_of(const factor_database& db, const std::optional<double>& pue, footprint& out) {
  if (pue) {
    if (*pue < 1.0) throw input_error(describe_problem({}, "pue", fmt::format("{}", *pue), "a PUE >= 1"));
    return argument(out, "pue", checked("pue", *pue), "1");
  }
  coefficient_query q;
  q.quantity = "cloud.datacenter.pue";
  q.key = "unknown_provider";
  const double value = coefficient_figure(db, q, "pue", "1", out);
  out.warnings.push_back(fmt::format("pue not given: {} (the database's figure for an unknown provider)", num(value)));
  return value;
}

void finish(footprint& out, double intensity) {
  out.operational_kg = out.energy_kwh * intensity;
  out.co2e_kg = out.operational_kg + out.embodied_kg;
  out.steps.push_back(fmt::format("operational = {} kWh x {} kg/kWh = {} kg", num(out.energy_kwh), num(intensity),
                                  num(out.operational_kg)));
  if (out.embodied_kg > 0.0) {
    out.steps.push_back(fmt::format("CO2e = {} + {} (embodied) = {} kg", num(out.operational_kg), num(out.embodied_kg),
                                    num(out.co2e_kg)));
  }
}

}  // namespace

footprint compute_job(const factor_database& db, const compute_job_inputs& in) {
  footprint out;
  const double cores = argument(out, "cores", checked("cores", in.cores), "1");
  const double core_w = argument(out, "core power", checked("core_power_w", in.core_power_w), "W");
  const double usage = argument(out, "usage", fraction("usage", in.usage), "1");
  const double memory_gb = argument(out, "memory", checked("memory_gb", in.memory_gb), "GB");
  const double hours = argument(out, "hours", checked("hours", in.hours), "h");
  double memory_w_per_gb = 0.0;
  if (memory_gb > 0.0) {
    coefficient_query q;
    q.quantity = "hardware.memory.power_per_capacity";
    memory_w_per_gb = coefficient_figure(db, q, "memory power per GB", "W/GB", out);
  }
  const double pue = pue_of(db, in.pue, out);
  const double intensity = grid_intensity(db, in.grid, out);
  const double power_w = cores * core_w * usage + memory_gb * memory_w_per_gb;
  out.energy_kwh = hours * power_w * pue / 1000.0;
  out.steps.push_back(fmt::format("E = {} h x ({} cores x {} W x {} + {} GB x {} W/GB) x PUE {} / 1000 = {} kWh",
                                  num(hours), num(cores), num(core_w), num(usage), num(memory_gb), num(memory_w_per_gb),
                                  num(pue), num(out.energy_kwh)));
  finish(out, intensity);
  return out;
}

footprint training(const factor_database& db, const training_inputs& in) {
  footprint out;
  const double count = argument(out, "count", checked("count", in.count, true), "1");
  const double hours = argument(out, "hours", checked("hours", in.hours), "h");
  const accelerator* device = in.accelerator ? &db.find_accelerator(*in.accelerator) : nullptr;

  double it_kwh = 0.0;
  if (in.energy_kwh) {
    it_kwh = argument(out, "accelerator energy", checked("energy_kwh", *in.energy_kwh), "kWh");
    out.steps.push_back(fmt::format("accelerator energy {} kWh (measured)", num(it_kwh)));
  } else {
    double power_w = 0.0;
    std::string how;
    if (in.avg_power_w) {
      power_w = argument(out, "average power", checked("avg_power_w", *in.avg_power_w), "W");
      how = "average power";
    } else if (device != nullptr && device->avg_power_w && !in.tdp_w) {
      power_w = *device->avg_power_w;
      out.figures.push_back({"average power", power_w, "W", device->id, device->source_id});
      how = "average power";
    } else {
      double tdp = 0.0;
      if (in.tdp_w) {
        tdp = argument(out, "tdp", checked("tdp_w", *in.tdp_w), "W");
      } else if (device != nullptr && device->tdp_w) {
        tdp = *device->tdp_w;
        out.figures.push_back({"tdp", tdp, "W", device->id, device->source_id});
      } else {
        throw input_error(describe_problem({}, "avg_power_w", "nothing",
                                           "energy_kwh, avg_power_w, or tdp_w (or an accelerator whose TDP the "
                                           "catalogue has) with utilization"));
      }
      if (!in.utilization) {
        throw input_error(describe_problem({}, "utilization", "nothing",
                                           "the share of the TDP drawn on average (0-1), or avg_power_w or energy_kwh"));
      }
      const double u = argument(out, "utilization", fraction("utilization", *in.utilization), "1");
      power_w = tdp * u;
      how = fmt::format("TDP {} W x utilization {}", num(tdp), num(u));
    }
    it_kwh = count * hours * power_w / 1000.0;
    out.steps.push_back(fmt::format("accelerator energy = {} x {} h x {} W ({}) / 1000 = {} kWh", num(count), num(hours),
                                    num(power_w), how, num(it_kwh)));
  }
  const double host_w = argument(out, "host power", checked("host_power_w", in.host_power_w), "W");
  const double host_kwh = hours * host_w / 1000.0;
  if (host_w > 0.0) {
    out.steps.push_back(fmt::format("host energy = {} h x {} W / 1000 = {} kWh", num(hours), num(host_w), num(host_kwh)));
  } else {
    out.warnings.push_back("host_power_w not given: host servers, networking and storage are not counted");
  }
  const double pue = pue_of(db, in.pue, out);
  const double intensity = grid_intensity(db, in.grid, out);
  out.energy_kwh = (it_kwh + host_kwh) * pue;
  out.steps.push_back(fmt::format("E = ({} + {}) kWh x PUE {} = {} kWh", num(it_kwh), num(host_kwh), num(pue),
                                  num(out.energy_kwh)));

  if (in.embodied) {
    if (device != nullptr && device->embodied_kg_co2e) {
      const double te = *device->embodied_kg_co2e;
      out.figures.push_back({"accelerator embodied", te, "kg", device->id,
                             device->embodied_source.empty() ? device->source_id : device->embodied_source});
      double lifetime = 0.0;
      if (in.lifetime_h) {
        lifetime = argument(out, "lifetime", checked("lifetime_h", *in.lifetime_h, true), "h");
      } else {
        coefficient_query q;
        q.quantity = "hardware.component.gpu.lifetime";
        lifetime = coefficient_figure(db, q, "lifetime", "h", out);
      }
      out.embodied_kg = count * te * hours / lifetime;
      out.steps.push_back(fmt::format("embodied = {} x {} kg x {} h / {} h = {} kg", num(count), num(te), num(hours),
                                      num(lifetime), num(out.embodied_kg)));
    } else {
      out.warnings.push_back(device == nullptr
                                 ? "embodied emissions not counted: no accelerator named"
                                 : fmt::format("embodied emissions not counted: the catalogue has no embodied figure for "
                                               "'{}'", device->name));
    }
  }
  finish(out, intensity);
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
