#pragma once
/// Cloud usage by the Cloud Carbon Footprint method (CCF, Thoughtworks, cloudcarbonfootprint.org,
/// "Methodology"): billing-style usage (vCPU-hours, GB-hours of memory, TB-hours of storage, GB sent
/// over the network, GPU-hours) times CCF's energy coefficients, times the provider's PUE, times the
/// grid intensity of the provider's region.
///
///     compute  kWh = (min + u x (max - min)) W/vCPU x vCPU-hours / 1000
///     memory   kWh = GB-hours x kWh/GB.h
///     storage  kWh = TB-hours x Wh/TB.h / 1000 x replication
///     network  kWh = GB x kWh/GB
///     GPU      kWh = (min + u x (max - min)) W/GPU x GPU-hours / 1000
///     energy       = (compute + memory + storage + network + GPU) x PUE
///     CO2e         = energy x grid intensity of the region
///
/// Coefficients come from one source per call, never mixed: CCF's (source `ccf`) for the providers it
/// covers (AWS, GCP, Azure, Alibaba); otherwise the one source that gives the provider coefficients:
/// `ccf-generic` (CCF's provider-independent figures) for OVHcloud, Scaleway and Outscale, or a user's
/// own coefficient document for a provider added in YAML (`coefficient_source` chooses when several
/// do). From it: min/max W per vCPU of the microarchitecture or, without one, of the provider's average
/// (`median` for GCP, as CCF uses); the average utilisation when none is given. The PUE: the region's,
/// then the provider's average of that source; else the provider's figure of another source (e.g.
/// Green Algorithms' OVHcloud PUE); else an industry average, warned. The grid factor is the
/// database's `cloud.electricity.<provider>.<region>` factor; a region without one that the cloud region
/// catalogue places in a country takes that country's grid average (`electricity.grid`), warned.
/// Embodied emissions, when the instance type is given (CCF's share, TE x TiR / EL x RR / ToR):
/// instance_embodied (server_embodied.hpp) of the vCPU-hours, the platform server's manufacturing
/// emissions by the BoaviztAPI component method spread over its vCPUs and lifetime; low/high from the
/// platform's ranges. Without an instance type they are not counted, and said.
///
///     cloud_usage_inputs in;
///     in.provider = "aws"; in.region = "eu-west-3"; in.vcpu_hours = 720;
///     auto r = ghgkit::digital::cloud_usage(db, in);   // r.energy_kwh, r.co2e_kg, r.figures, r.steps

#include <optional>
#include <string>

#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// Usage of one provider region over a period, as a cloud bill reports it.
struct cloud_usage_inputs {
  std::string provider;                          ///< aws, gcp, azure, alibaba, ... (ignoring case)
  std::string region;                            ///< the provider's region id, e.g. eu-west-3
  double vcpu_hours = 0.0;
  std::optional<double> cpu_utilization;         ///< 0-1; none: CCF's average of the provider
  std::optional<std::string> microarchitecture;  ///< CCF key, e.g. CASCADE_LAKE ("Cascade Lake" accepted)
  std::optional<double> min_watts_per_vcpu;      ///< override of the coefficient
  std::optional<double> max_watts_per_vcpu;
  double memory_gb_hours = 0.0;
  double storage_tb_hours = 0.0;
  std::string storage_type = "ssd";              ///< ssd or hdd
  double replication = 1.0;                      ///< copies stored (CCF's per-service figures are in the database)
  double network_gb = 0.0;
  double gpu_hours = 0.0;                        ///< hours of one GPU, summed over GPUs
  std::optional<std::string> gpu;                ///< CCF key, e.g. NVIDIA_T4; required with gpu_hours
  std::optional<double> gpu_utilization;         ///< 0-1; none: the CPU utilisation used (as CCF does)
  std::optional<double> pue;                     ///< override of the provider's PUE (>= 1)
  std::optional<double> intensity_kg_per_kwh;    ///< override of the region's grid factor
  std::optional<int> year;                       ///< of the grid factor; none: the latest
  bool allow_later_year = false;
  std::optional<std::string> grid_source;        ///< a source id for the grid factor (e.g. "ccf")
  std::optional<std::string> coefficient_source; ///< a source id for the method's coefficients (see above)
  std::optional<std::string> instance;           ///< instance type (e.g. c5.xlarge), for the embodied share
};

/// Energy and CO2e of cloud usage by the Cloud Carbon Footprint method (see the file comment).
/// Throws input_error for a bad argument, lookup_error for a provider, region or key the database
/// does not have (naming near ones).
[[nodiscard]] footprint cloud_usage(const factor_database& db, const cloud_usage_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
