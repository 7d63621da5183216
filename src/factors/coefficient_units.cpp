#include "coefficient_units.hpp"

#include <fmt/format.h>

#include <utility>

#include "yaml_reader.hpp"

namespace ghgkit::detail {
namespace {

// Quantities whose unit the specification fixes, with a unit of the expected dimension. Quantities not
// listed (hardware.component.<component>.<attribute>: "as given") take any unit the registry parses.
constexpr std::pair<std::string_view, std::string_view> kQuantityUnits[] = {
    {"cloud.compute.min_power_per_vcpu", "W/vCPU"},
    {"cloud.compute.max_power_per_vcpu", "W/vCPU"},
    {"cloud.compute.min_power_per_accelerator", "W/GPU"},
    {"cloud.compute.max_power_per_accelerator", "W/GPU"},
    {"cloud.compute.memory_per_cpu_chip", "GB"},
    {"cloud.compute.average_cpu_utilization", "1"},
    {"cloud.memory.energy_per_capacity_time", "kWh/GB.h"},
    {"cloud.storage.ssd.energy_per_capacity_time", "Wh/TB.h"},
    {"cloud.storage.hdd.energy_per_capacity_time", "Wh/TB.h"},
    {"cloud.storage.replication_factor", "1"},
    {"cloud.network.energy_per_data", "kWh/GB"},
    {"cloud.datacenter.pue", "1"},
    {"cloud.server.expected_lifespan", "h"},
    {"cloud.grid.default_emission_factor", "tCO2e/kWh"},
    {"hardware.memory.power_per_capacity", "W/GB"},
    {"hardware.cpu.tdp_per_core", "W"},
    {"hardware.accelerator.tdp", "W/GPU"},
    {"hardware.embodied.cpu.per_die_area", "kgCO2e/mm^2"},
    {"hardware.embodied.cpu.base", "kgCO2e"},
    {"hardware.embodied.ram.per_die_area", "kgCO2e/cm^2"},
    {"hardware.embodied.ram.base", "kgCO2e"},
    {"hardware.embodied.ssd.per_die_area", "kgCO2e/cm^2"},
    {"hardware.embodied.ssd.base", "kgCO2e"},
    {"hardware.embodied.hdd", "kgCO2e"},
    {"hardware.embodied.motherboard", "kgCO2e"},
    {"hardware.embodied.case.rack", "kgCO2e"},
    {"hardware.embodied.case.blade", "kgCO2e"},
    {"hardware.embodied.case.blade_enclosure_16_slots", "kgCO2e"},
    {"hardware.embodied.server.assembly", "kgCO2e"},
    {"hardware.embodied.power_supply.per_mass", "kgCO2e/kg"},
    {"hardware.embodied.device", "kgCO2e"},
    {"hardware.ram.die_density", "GB/cm^2"},
    {"hardware.ssd.die_density", "GB/cm^2"},
    {"llm.inference.gpu_energy_per_output_token.alpha", "Wh/token"},
    {"llm.inference.gpu_energy_per_output_token.beta", "1"},
    {"llm.inference.gpu_energy_per_output_token.gamma", "Wh/token"},
    {"llm.inference.model_memory_overhead", "1"},
    {"llm.inference.gpu_memory", "GB/GPU"},
    {"llm.inference.hardware_lifetime", "yr"},
};

std::string_view expected_unit(std::string_view quantity) {
  for (const auto& [q, u] : kQuantityUnits) {
    if (q == quantity) return u;
  }
  return {};
}

}  // namespace

unit coefficient_unit(const yaml_map& m, std::string_view quantity) {
  const std::string text = m.text("unit");
  unit parsed;
  try {
    parsed = parse_unit(text);
  } catch (const unit_error& e) {
    raise<factor_error>(m.at("unit"), "unit", quote(text), fmt::format("a known unit ({})", e.what()));
  }
  const std::string_view example = expected_unit(quantity);
  if (example.empty()) return parsed;
  const unit expected = parse_unit(example);
  // A gas mass (kgCO2e) and a plain mass share a dimension; the quantities of embodied emissions
  // and grid factors are masses of CO2e, so the gas must match too.
  if (!(parsed.dim == expected.dim) || parsed.gas != expected.gas) {
    raise<factor_error>(m.at("unit"), "unit", fmt::format("'{}' ({})", parsed.symbol, describe(parsed.dim)),
                        fmt::format("a unit convertible to '{}' (quantity '{}')", example, quantity));
  }
  return parsed;
}

}  // namespace ghgkit::detail
