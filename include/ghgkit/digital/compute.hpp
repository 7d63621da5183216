#pragma once
/// Energy and emissions of computation: CPU jobs (Green Algorithms) and AI training runs.
///
/// compute_job (Lannelongue, Grealey and Inouye, "Green Algorithms: Quantifying the Carbon Footprint
/// of Computation", Advanced Science 8 (2021) 2100707):
///     E = hours x (cores x core_power_w x usage + memory_gb x memory_power_w_per_gb) x PUE / 1000
///     CO2e = E x I
/// with the memory power per GB (coefficient hardware.memory.power_per_capacity) and, when not given,
/// the PUE of an unknown provider (cloud.datacenter.pue, key unknown_provider) from the database.
///
/// training: the IT energy of the accelerators (measured energy, or count x hours x average power,
/// or count x hours x TDP x utilisation) plus host servers (host_power_w x hours), x PUE, x I;
/// embodied emissions of the accelerators amortised over their lifetime (SCI's TE x TiR / EL) when
/// the catalogue gives the accelerator's embodied figure. Published footprints reproduce from their
/// inputs, e.g. BLOOM (Luccioni et al. 2022): 1,082,990 GPU-hours x 400 W = 433,196 kWh x 0.057 kg/kWh
/// = 24.7 t CO2e.
///
/// The grid intensity is the argument, or the location-based grid factor of `region` (and `year`)
/// in the database (electricity.grid), with its provenance.

#include <optional>
#include <string>

#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// Where the grid intensity comes from: an explicit figure, or a region (and year) of the database.
struct grid_choice {
  std::optional<double> intensity_kg_per_kwh;
  std::optional<std::string> region;
  std::optional<int> year;
  bool allow_later_year = false;
};

struct compute_job_inputs {
  double cores = 0.0;
  double core_power_w = 0.0;         ///< power draw per core at full use (e.g. TDP / cores)
  double usage = 1.0;                ///< core usage factor 0-1
  double memory_gb = 0.0;
  double hours = 0.0;
  std::optional<double> pue;
  grid_choice grid;
};

[[nodiscard]] footprint compute_job(const factor_database& db, const compute_job_inputs& in);

struct training_inputs {
  std::optional<std::string> accelerator;  ///< catalogue name (TDP, average power, embodied figure)
  double count = 1.0;                      ///< accelerators used
  double hours = 0.0;                      ///< wall-clock hours of the run
  std::optional<double> avg_power_w;       ///< measured average power per accelerator
  std::optional<double> tdp_w;             ///< with `utilization` when no average power is known
  std::optional<double> utilization;       ///< 0-1, of the TDP
  std::optional<double> energy_kwh;        ///< measured IT energy of the accelerators: overrides power
  double host_power_w = 0.0;               ///< host servers, networking, storage during the run
  std::optional<double> pue;
  grid_choice grid;
  bool embodied = true;                    ///< count the accelerators' embodied share
  std::optional<double> lifetime_h;        ///< accelerator lifetime for the embodied share
};

[[nodiscard]] footprint training(const factor_database& db, const training_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
