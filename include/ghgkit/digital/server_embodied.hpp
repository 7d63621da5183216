#pragma once
/// Manufacturing (embodied) emissions of a server, BoaviztAPI's bottom-up component method
/// (BoaviztAPI documentation, Explanations/devices/server and Explanations/components/*; constants of
/// Umweltbundesamt, Green Cloud Computing, Texte 94/2021, in factors/hardware/boaviztapi.yaml):
///
///     server = cpu_units x (die_size x cpu_die_impact + cpu_base)
///            + ram_units x (capacity / density x ram_die_impact + ram_base)
///            + ssd_units x (capacity / density x ssd_die_impact + ssd_base)
///            + hdd_units x hdd + motherboard + psu_units x psu_weight x psu_per_kg
///            + case (rack, or blade + 1/16 of a 16-slot enclosure) + assembly
///     die_size = core_units x die_size_per_core (mm2), unless the die size is given
///
/// The counts and sizes come from a server archetype of the database (`server_archetypes`), with the
/// arguments given replacing them. low_kg / high_kg: every component at the end of its range that
/// gives the least / the most emissions (the archetype's {default, min, max}; die densities: the
/// densest / least dense entry of the database when no density is given).
///
///     server_embodied_inputs in;
///     in.archetype = "platform_compute_medium";
///     auto r = ghgkit::digital::server_embodied(db, in);    // r.embodied_kg, r.low_kg, r.high_kg
///
/// instance_embodied: the share of a cloud instance, TE(platform) x vCPU-hours / (platform vCPUs x
/// lifetime hours), the platform being the instance's server archetype in the instance catalogue.

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// A server described by an archetype, by its components, or by an archetype with some replaced.
struct server_embodied_inputs {
  std::optional<std::string> archetype;  ///< a server archetype's id or name (e.g. "dellR740")
  std::optional<double> cpu_units;
  std::optional<double> cpu_core_units;              ///< physical cores of one CPU
  std::optional<double> cpu_die_size_mm2;            ///< die of one CPU; replaces cores x per-core size
  std::optional<double> cpu_die_size_per_core_mm2;
  std::optional<double> ram_units;                   ///< modules
  std::optional<double> ram_capacity_gb;             ///< of one module
  std::optional<double> ram_density_gb_per_cm2;      ///< GB per cm2 of die
  std::optional<double> ssd_units;
  std::optional<double> ssd_capacity_gb;             ///< of one SSD
  std::optional<double> ssd_density_gb_per_cm2;
  std::optional<double> hdd_units;
  std::optional<double> psu_units;
  std::optional<double> psu_weight_kg;               ///< of one power supply
  std::optional<std::string> case_type;              ///< "rack" or "blade"
};

/// One component's part of the server's embodied emissions.
struct server_component {
  std::string name;  ///< cpu, ram, ssd, hdd, motherboard, power_supply, case, assembly
  double units = 0.0;
  double kg = 0.0;   ///< all units of it
  double low_kg = 0.0;
  double high_kg = 0.0;
};

struct server_footprint : footprint {
  std::vector<server_component> components;
  std::string archetype;              ///< the archetype used, or empty
  std::optional<double> lifetime_h;   ///< the archetype's hours_life_time
};

/// The manufacturing emissions of one server (embodied_kg == co2e_kg; energy 0). lookup_error for an
/// unknown archetype or a constant missing from the database; input_error naming the field for a bad
/// argument or a figure neither the archetype nor the arguments give (e.g. the CPU die size).
[[nodiscard]] server_footprint server_embodied(const factor_database& db, const server_embodied_inputs& in);

/// The share of a server's manufacturing emissions for `hours` of use of `share` of it (0-1), over its
/// lifetime (argument, else the archetype's hours_life_time): SCI's TE x TiR/EL x RR/ToR.
struct server_share_inputs {
  server_embodied_inputs server;
  double hours = 0.0;
  double share = 1.0;
  std::optional<double> lifetime_h;
};

[[nodiscard]] footprint server_embodied_share(const factor_database& db, const server_share_inputs& in);

/// A cloud instance's share of its platform server's manufacturing emissions.
struct instance_embodied_inputs {
  std::string provider;                 ///< aws, azure, gcp, ovhcloud, scaleway
  std::string instance_type;            ///< e.g. "c5.xlarge"
  double vcpu_hours = 0.0;
  std::optional<double> platform_vcpu;  ///< vCPUs of the whole platform server
  std::optional<double> lifetime_h;     ///< else the platform archetype's hours_life_time
  server_embodied_inputs server;        ///< replaces figures of the platform archetype (archetype ignored)
};

/// embodied = TE(platform) x vCPU-hours / (platform vCPUs x lifetime hours), with low/high from the
/// platform's range. Platform vCPUs: the argument; else the archetype's CPU threads x CPU units
/// (BoaviztAPI's total vCPUs of a platform); else the catalogue's instance named as the platform (AWS:
/// c5.18xlarge, c5.metal, ...); else the largest instance of the catalogue on that platform (warned).
[[nodiscard]] footprint instance_embodied(const factor_database& db, const instance_embodied_inputs& in);

/// The part of instance_embodied that does not depend on the vCPU-hours (a batch resolves it once per
/// instance type): the platform server's embodied emissions and range, its vCPUs and lifetime, and the
/// figures, steps and warnings that gave them. `vcpu_hours` of the inputs is not used.
struct instance_platform_share {
  double server_kg = 0.0;
  double server_low_kg = 0.0;
  double server_high_kg = 0.0;
  double vcpus = 0.0;
  double lifetime_h = 0.0;
  footprint recorded;
};
[[nodiscard]] instance_platform_share instance_platform(const factor_database& db, const instance_embodied_inputs& in);

/// The share of `vcpu_hours`, the arithmetic of instance_embodied (the same expressions, so a batch row
/// equals instance_embodied to the last bit).
struct instance_share {
  double kg = 0.0;
  double low_kg = 0.0;
  double high_kg = 0.0;
};
[[nodiscard]] instance_share instance_share_of(const instance_platform_share& p, double vcpu_hours);
[[nodiscard]] footprint instance_embodied(const factor_database& db, std::string provider,
                                          std::string instance_type, double vcpu_hours);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
