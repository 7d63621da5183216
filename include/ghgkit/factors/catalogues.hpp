#pragma once
/// Catalogues of `ghgkit.coefficients/1` documents (specification: factors/cloud/README.md): LLMs,
/// accelerators, CPUs, cloud instance types, cloud regions, server archetypes and airports. One entry per
/// source record: records of different sources about the same product stay apart.
///
///     const auto& m = db.find_llm_model("gpt-4o");           // by name or alias
///     m.active_params_b.low, m.active_params_b.high;         // billions; equal for a single figure
///     const auto& a = db.find_accelerator("A100 SXM4 80 GB", "mlco2-impact-gpus");
///     a.tdp_w;                                               // std::optional<double>, watts

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/factors/coefficients.hpp"

namespace ghgkit {
inline namespace v0 {

/// A figure the source gives either as one value (low == high) or only as bounds {min, max}. A
/// calculation carries both ends through; it never takes the midpoint silently.
struct param_range {
  double low = 0.0;
  double high = 0.0;

  [[nodiscard]] bool is_range() const { return low != high; }
  friend bool operator==(const param_range&, const param_range&) = default;
};

/// An LLM (section `models`).
struct llm_model : document_entry {
  std::string provider;                 ///< as the source names it: openai, anthropic, mistralai, ...
  std::string name;                     ///< as the provider's API spells it
  std::vector<std::string> aliases;     ///< other names that mean this model
  std::string architecture;             ///< "dense" or "moe"
  param_range total_params_b;           ///< billions of parameters (all experts for moe)
  param_range active_params_b;          ///< billions active per token (== total for dense)
  std::vector<std::string> warnings;    ///< the source's caveats (model-arch-not-released, ...)
  std::vector<std::string> references;  ///< the source's citations for this model
};

/// One source's record of a GPU, TPU or other accelerator (section `accelerators`).
struct accelerator : document_entry {
  std::string device;                ///< the product: records with the same device describe the same one
  std::string vendor;                ///< NVIDIA, AMD, Google, AWS, Intel
  std::string name;                  ///< as the source writes it
  std::string type;                  ///< "gpu", "tpu" or "npu"
  std::vector<std::string> aliases;  ///< names other records give the same device
  std::optional<double> memory_gb;   ///< memory of one accelerator
  std::optional<double> tdp_w;       ///< thermal design power
  std::optional<double> avg_power_w; ///< average power in use, where the source gives that instead
  std::optional<double> fp32_tflops;
  std::optional<double> fp16_tflops;
  std::optional<double> embodied_kg_co2e;  ///< embodied emissions of one accelerator
  std::string embodied_source;       ///< source id of that figure when it differs from source_id
  std::string reference;
};

/// One source's record of a CPU model (section `cpus`).
struct cpu : document_entry {
  std::string name;                       ///< as the source writes it
  double tdp_w = 0.0;                     ///< thermal design power
  std::optional<double> cores;
  std::optional<double> tdp_per_core_w;
  std::optional<int> release_year;
  std::optional<double> feature_size_nm;
  std::optional<double> die_area_cm2;
  std::string reference;
};

/// A cloud instance type (section `instances`).
struct cloud_instance : document_entry {
  std::string provider;
  std::string instance;               ///< the provider's instance type, e.g. p4d.24xlarge
  std::optional<double> vcpu;
  std::optional<double> memory_gb;
  std::optional<double> ssd_gb;
  std::optional<double> hdd_gb;
  std::optional<double> gpus;         ///< number of GPUs; a fraction for a shared GPU
  std::string gpu_model;
  std::string platform;               ///< the server archetype it runs on (server_archetype::archetype)
  std::string reference;
};

/// A region of a cloud provider (section `cloud_regions`).
struct cloud_region : document_entry {
  std::string provider;
  std::string region;    ///< the provider's region id or display name
  std::string country;   ///< canonical region-registry code, or empty
  std::string location;  ///< ISO 3166-2 code where the source gives one, e.g. US-OR
  std::string place;     ///< city or area as written
  std::string reference;
};

/// A number of a server archetype: one value, or BoaviztAPI's `default;min;max` (min == max == value
/// for a single value).
struct archetype_number {
  double value = 0.0;
  double min = 0.0;
  double max = 0.0;

  [[nodiscard]] bool is_range() const { return min != value || max != value; }
  friend bool operator==(const archetype_number&, const archetype_number&) = default;
};

/// A server archetype (section `server_archetypes`): the platform of cloud instances, with the
/// component counts BoaviztAPI uses for embodied and use-phase impacts. Units are in the names.
struct server_archetype : document_entry {
  struct cpu_group {
    std::optional<archetype_number> units, core_units, die_size_per_core_mm2, threads;
    std::string name;
  };
  struct storage_group {  ///< ram, ssd and hdd
    std::optional<archetype_number> units, capacity_gb;
  };
  struct gpu_group {
    std::optional<archetype_number> units;
    std::string name;
    std::optional<archetype_number> vram_gb;  ///< per GPU in some archetypes, per server in others
  };
  struct power_supply_group {
    std::optional<archetype_number> units, unit_weight_kg;
  };
  struct usage_group {
    std::optional<archetype_number> time_workload_pct, use_time_ratio, hours_life_time, other_consumption_ratio;
  };

  std::string archetype;     ///< BoaviztAPI archetype id (the platform of instances)
  std::string manufacturer;
  std::string case_type;     ///< "rack", "blade" or empty
  std::optional<cpu_group> cpu;
  std::optional<storage_group> ram, ssd, hdd;
  std::optional<gpu_group> gpu;
  std::optional<power_supply_group> power_supply;
  std::optional<usage_group> usage;
};

/// An airport (section `airports`, factors/travel/README.md): where a flight starts or ends, for the
/// great-circle distance of category 6 flights given by airport codes.
struct airport : document_entry {
  std::string iata;       ///< three-letter IATA location code, upper case
  std::string icao;       ///< four-letter ICAO code, or empty
  std::string name;
  std::string city;
  std::string country;    ///< canonical region-registry code (ISO 3166-1 alpha-2)
  double latitude = 0.0;  ///< degrees north, WGS 84
  double longitude = 0.0; ///< degrees east, WGS 84
};

}  // namespace v0
}  // namespace ghgkit
