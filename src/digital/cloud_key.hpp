#pragma once
// The Cloud Carbon Footprint method (include/ghgkit/digital/cloud.hpp) in the two halves that
// cloud_usage (one row) and cloud_usage_batch (many rows) share, so that the batch is the same method
// and not a copy of it:
// - resolve_cloud_key: the figures of one key (provider, region, microarchitecture, storage type, GPU,
//   utilisation given or not, which parts are used), from the arguments or the database, recorded;
// - cloud_energy_of: the arithmetic of one row on those figures, the expressions cloud_usage always used,
//   so a batch row equals cloud_usage for the same usage to the last bit.

#include <cstdint>
#include <optional>
#include <string>

#include "ghgkit/digital/cloud.hpp"

namespace ghgkit::detail {

/// How far resolution got, in the order cloud_usage checks things. A batch row's own error (a
/// quantity, its utilisation, its replication) and its key's error are compared by stage: the earlier
/// one is the row's reason, as cloud_usage would have thrown it.
enum class cloud_stage : std::uint8_t {
  quantities,    ///< the row's usage numbers (per row)
  usage,         ///< provider and region given, not on-premise
  utilization,   ///< a given utilisation (per row in the batch), or CCF's average
  compute,       ///< W per vCPU
  memory,
  storage_type,
  replication,   ///< per row in the batch
  storage,
  network,
  gpu,
  pue,
  grid,
  embodied,      ///< the instance type's embodied share (per row: vCPU-hours; per key: the platform)
  done
};

/// The figures of one key: per vCPU, per GB-hour, per TB-hour, per GB, per GPU, PUE and intensity.
/// A figure of a part the key does not use stays 0.
struct cloud_key_figures {
  bool utilization_per_row = false;        ///< the batch: each row gives its own cpu_utilization
  double utilization = 0.0;                ///< of the vCPUs, when not per row (argument or CCF's average)
  std::optional<double> gpu_utilization;   ///< of the GPUs; none: the vCPUs' (as CCF does)
  double min_w_per_vcpu = 0.0;             ///< W/vCPU
  double max_w_per_vcpu = 0.0;
  double min_w_per_gpu = 0.0;              ///< W/GPU
  double max_w_per_gpu = 0.0;
  double memory_kwh_per_gb_h = 0.0;        ///< kWh/GB.h
  std::string storage_type;                ///< ssd or hdd
  double storage_wh_per_tb_h = 0.0;        ///< Wh/TB.h
  double network_kwh_per_gb = 0.0;         ///< kWh/GB
  double pue = 1.0;
  double intensity_kg_per_kwh = 0.0;
};

/// One row's usage, with the vCPU utilisation that applies to it.
struct cloud_row_usage {
  double vcpu_hours = 0.0;
  double utilization = 0.0;
  double memory_gb_hours = 0.0;
  double storage_tb_hours = 0.0;
  double replication = 1.0;
  double network_gb = 0.0;
  double gpu_hours = 0.0;
};

/// The terms of the method for one row.
struct cloud_energy {
  double compute_kwh = 0.0;
  double memory_kwh = 0.0;
  double storage_kwh = 0.0;
  double network_kwh = 0.0;
  double gpu_kwh = 0.0;
  double it_kwh = 0.0;
  double energy_kwh = 0.0;  ///< after PUE
  double co2e_kg = 0.0;     ///< location-based, operational
};

/// The figures for `in` (provider in lower case). Only the parts with a quantity > 0 are resolved, so
/// the quantities say which parts the key uses, not how much. With `row_arguments` (cloud_usage) the
/// utilisation and replication of `in` are checked and recorded; without (the batch), a given
/// utilisation is left to each row (`utilization_per_row`) and replication is not looked at. Figures
/// and warnings go to `out`; `stage` says how far it got when it throws.
[[nodiscard]] cloud_key_figures resolve_cloud_key(const factor_database& db, const digital::cloud_usage_inputs& in,
                                                  bool row_arguments, digital::footprint& out, cloud_stage& stage);

/// The method's arithmetic for one row: only the parts with a quantity > 0 are counted, in the order
/// compute, memory, storage, network, GPU.
[[nodiscard]] inline cloud_energy cloud_energy_of(const cloud_key_figures& k, const cloud_row_usage& r) {
  cloud_energy e;
  const double gpu_u = k.gpu_utilization.value_or(r.utilization);
  if (r.vcpu_hours > 0.0) {
    e.compute_kwh = (k.min_w_per_vcpu + r.utilization * (k.max_w_per_vcpu - k.min_w_per_vcpu)) * r.vcpu_hours / 1000.0;
    e.it_kwh += e.compute_kwh;
  }
  if (r.memory_gb_hours > 0.0) {
    e.memory_kwh = r.memory_gb_hours * k.memory_kwh_per_gb_h;
    e.it_kwh += e.memory_kwh;
  }
  if (r.storage_tb_hours > 0.0) {
    e.storage_kwh = r.storage_tb_hours * k.storage_wh_per_tb_h / 1000.0 * r.replication;
    e.it_kwh += e.storage_kwh;
  }
  if (r.network_gb > 0.0) {
    e.network_kwh = r.network_gb * k.network_kwh_per_gb;
    e.it_kwh += e.network_kwh;
  }
  if (r.gpu_hours > 0.0) {
    e.gpu_kwh = (k.min_w_per_gpu + gpu_u * (k.max_w_per_gpu - k.min_w_per_gpu)) * r.gpu_hours / 1000.0;
    e.it_kwh += e.gpu_kwh;
  }
  e.energy_kwh = e.it_kwh * k.pue;
  e.co2e_kg = e.energy_kwh * k.intensity_kg_per_kwh;
  return e;
}

}  // namespace ghgkit::detail
