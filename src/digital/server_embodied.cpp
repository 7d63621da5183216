#include "ghgkit/digital/server_embodied.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "figures.hpp"
#include "ghgkit/digital/sci.hpp"
#include "ghgkit/units/unit_registry.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::coefficient_figure;
using detail::num;

namespace {

constexpr std::string_view kDefaultKey = "DEFAULT";  // BoaviztAPI's component archetypes

/// A figure with the ends of its range that give the least and the most emissions.
struct ranged {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
};

ranged exact(double v) { return {v, v, v}; }

ranged span_of(double value, double a, double b) {
  return {value, std::min({value, a, b}), std::max({value, a, b})};
}

std::string show(const ranged& r, std::string_view unit) {
  if (r.low == r.value && r.high == r.value) return fmt::format("{} {}", num(r.value), unit);
  return fmt::format("{} {} ({}-{})", num(r.value), unit, num(std::min(r.low, r.high)), num(std::max(r.low, r.high)));
}

bool iequal(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

const server_archetype& find_archetype(const factor_database& db, std::string_view name) {
  for (const auto& a : db.server_archetypes()) {
    if (iequal(a.id, name) || iequal(a.archetype, name)) return a;
  }
  throw lookup_error(describe_problem({}, "archetype", quote(name),
                                      "a server archetype of the database (its id or name, e.g. "
                                      "'platform_compute_medium' or 'dellR740')"));
}

double constant(const factor_database& db, std::string_view quantity, std::string_view name, std::string_view unit,
                footprint& out) {
  coefficient_query q;
  q.quantity = std::string(quantity);
  return coefficient_figure(db, q, name, unit, out);
}

/// Reads each count or size of the server: the argument, else the archetype's figure, else the
/// DEFAULT component archetype of BoaviztAPI; each recorded in the figures.
struct reader {
  const factor_database& db;
  const server_archetype* arch;
  server_footprint& out;

  std::optional<ranged> pick(std::string_view name, std::string_view unit, std::string_view field,
                             const std::optional<double>& given, const std::optional<archetype_number>& from_archetype,
                             std::string_view default_quantity = {}) const {
    if (given) return exact(argument(out, name, checked(field, *given), unit));
    if (from_archetype) {
      const archetype_number& n = *from_archetype;
      out.figures.push_back({std::string(name), n.value, std::string(unit), arch->id, arch->source_id});
      out.database_hash = db.content_hash();
      return span_of(n.value, n.min, n.max);
    }
    if (default_quantity.empty()) return std::nullopt;
    coefficient_query q;
    q.quantity = std::string(default_quantity);
    q.key = std::string(kDefaultKey);
    const double v = coefficient_figure(db, q, name, unit, out);
    const coefficient& c = db.find_coefficient(q);
    const double scale = c.value != 0.0 ? v / c.value : 1.0;
    return span_of(v, c.min.value_or(c.value) * scale, c.max.value_or(c.value) * scale);
  }
};

/// GB per cm2 of die: the argument, else the mean of the database's entries of `quantity` with their
/// least and greatest as the range (BoaviztAPI: "(avg;min;max) in our dataset").
ranged density(const factor_database& db, const std::optional<double>& given, std::string_view field,
               std::string_view quantity, std::string_view name, server_footprint& out) {
  if (given) return exact(argument(out, name, checked(field, *given, true), "GB/cm^2"));
  const ghgkit::unit wanted = parse_unit("GB/cm^2");
  double sum = 0.0, lo = 0.0, hi = 0.0;
  std::size_t n = 0;
  std::string source;
  for (const auto& c : db.coefficients()) {
    if (c.quantity != quantity || c.unit.dim != wanted.dim) continue;
    const double v = c.value * c.unit.scale / wanted.scale;
    lo = n == 0 ? v : std::min(lo, v);
    hi = n == 0 ? v : std::max(hi, v);
    sum += v;
    source = n == 0 || source == c.source_id ? c.source_id : std::string("several");
    ++n;
  }
  if (n == 0) {
    throw lookup_error(fmt::format("no coefficient '{}' in GB/cm^2 in the database: the {} needs it (or give {})",
                                   quantity, name, field));
  }
  const double mean = sum / static_cast<double>(n);
  out.figures.push_back({std::string(name), mean, "GB/cm^2", fmt::format("mean of {} ({} entries)", quantity, n), source});
  out.database_hash = db.content_hash();
  out.warnings.push_back(fmt::format("{} not given: the mean of the database's {} entries, {} GB/cm^2 (range {}-{})",
                                     name, n, num(mean), num(lo), num(hi)));
  // More GB per cm2 means less die, so the densest entry is the low end of the emissions.
  return {mean, hi, lo};
}

void add(server_footprint& out, std::string name, double units, const ranged& kg, std::string step) {
  out.components.push_back({std::move(name), units, kg.value, kg.low, kg.high});
  out.steps.push_back(std::move(step));
}

ranged times(const ranged& a, const ranged& b) { return {a.value * b.value, a.low * b.low, a.high * b.high}; }

// Without a die size for the CPU: the die area of one CPU over the distinct CPUs whose archetypes
// give one (cores x die size per core), their mean as the value and their least and greatest as the
// range, as BoaviztAPI completes a missing figure from "(avg;min;max) in our dataset"; warned.
ranged catalogued_die(const reader& r, const server_archetype::cpu_group* cpu) {
  std::map<std::string, double> per_cpu;  // one entry per CPU name (archetypes repeat CPUs)
  for (const auto& a : r.db.server_archetypes()) {
    if (!a.cpu || !a.cpu->die_size_per_core_mm2 || !a.cpu->core_units) continue;
    const std::string key = a.cpu->name.empty() ? a.id : a.cpu->name;
    per_cpu.emplace(key, a.cpu->core_units->value * a.cpu->die_size_per_core_mm2->value);
  }
  const std::string what =
      r.arch == nullptr ? std::string("no archetype given")
                        : fmt::format("archetype '{}' gives no die size{}", r.arch->archetype,
                                      cpu != nullptr && !cpu->name.empty() ? fmt::format(" (its CPU: '{}')", cpu->name)
                                                                           : std::string());
  if (per_cpu.empty()) {
    throw input_error(describe_problem({}, "cpu_die_size_mm2", "nothing",
                                       fmt::format("the die size of one CPU in mm2, or cpu_die_size_per_core_mm2 with "
                                                   "cpu_core_units ({}; the database has no CPU die areas)", what)));
  }
  double sum = 0.0, lo = per_cpu.begin()->second, hi = lo;
  for (const auto& [_, mm2] : per_cpu) {
    sum += mm2;
    lo = std::min(lo, mm2);
    hi = std::max(hi, mm2);
  }
  const double mean = sum / static_cast<double>(per_cpu.size());
  r.out.figures.push_back({"cpu die size", mean, "mm^2",
                           fmt::format("mean of {} catalogued CPUs (server archetypes)", per_cpu.size()),
                           r.db.server_archetypes().empty() ? std::string() : r.db.server_archetypes().front().source_id});
  r.out.warnings.push_back(fmt::format("cpu die size unknown ({}): the mean die area of the {} CPUs the server archetypes "
                                       "describe, {} mm2 per CPU (range {}-{}); give cpu_die_size_mm2",
                                       what, per_cpu.size(), num(mean), num(lo), num(hi)));
  return {mean, lo, hi};
}

ranged cpu_die(const reader& r, const server_embodied_inputs& in) {
  const auto* cpu = r.arch != nullptr && r.arch->cpu ? &*r.arch->cpu : nullptr;
  if (in.cpu_die_size_mm2) return *r.pick("cpu die size", "mm^2", "cpu_die_size_mm2", in.cpu_die_size_mm2, std::nullopt);
  const auto per_core = r.pick("cpu die size per core", "mm^2", "cpu_die_size_per_core_mm2", in.cpu_die_size_per_core_mm2,
                               cpu != nullptr ? cpu->die_size_per_core_mm2 : std::nullopt);
  if (!per_core) return catalogued_die(r, cpu);
  const auto cores = r.pick("cpu core units", "1", "cpu_core_units", in.cpu_core_units,
                            cpu != nullptr ? cpu->core_units : std::nullopt, "hardware.component.cpu.core_units");
  return times(*cores, *per_core);
}

void cpu_part(const reader& r, const server_embodied_inputs& in) {
  const auto* cpu = r.arch != nullptr && r.arch->cpu ? &*r.arch->cpu : nullptr;
  const ranged units = *r.pick("cpu units", "1", "cpu_units", in.cpu_units, cpu != nullptr ? cpu->units : std::nullopt,
                               "hardware.component.cpu.units");
  const ranged die = cpu_die(r, in);
  const double die_kg = constant(r.db, "hardware.embodied.cpu.per_die_area", "cpu die impact", "kgCO2e/mm^2", r.out);
  const double base = constant(r.db, "hardware.embodied.cpu.base", "cpu base impact", "kgCO2e", r.out);
  const auto one = [&](double u, double d) { return u * (d * die_kg + base); };
  const ranged kg{one(units.value, die.value), one(units.low, die.low), one(units.high, die.high)};
  add(r.out, "cpu", units.value, kg,
      fmt::format("cpu = {} x ({} x {} kg/mm2 + {} kg) = {} kg", show(units, "CPU"), show(die, "mm2"), num(die_kg),
                  num(base), num(kg.value)));
}

/// RAM modules and SSDs: units x (capacity / density x die impact + base).
void memory_part(const reader& r, std::string_view part, const std::optional<double>& units_arg,
                 const std::optional<double>& capacity_arg, const std::optional<double>& density_arg,
                 const std::optional<server_archetype::storage_group>& group, bool default_units) {
  const std::string p(part);
  const auto units = r.pick(p + " units", "1", p + "_units", units_arg, group ? group->units : std::nullopt,
                            default_units ? "hardware.component." + p + ".units" : std::string());
  if (!units || units->high == 0.0) return;
  const ranged capacity = *r.pick(p + " capacity", "GB", p + "_capacity_gb", capacity_arg,
                                  group ? group->capacity_gb : std::nullopt, "hardware.component." + p + ".capacity");
  const ranged dens = density(r.db, density_arg, p + "_density_gb_per_cm2", "hardware." + p + ".die_density",
                              p + " die density", r.out);
  const double die_kg = constant(r.db, "hardware.embodied." + p + ".per_die_area", p + " die impact", "kgCO2e/cm^2", r.out);
  const double base = constant(r.db, "hardware.embodied." + p + ".base", p + " base impact", "kgCO2e", r.out);
  const auto one = [&](double u, double c, double d) { return u * (c / d * die_kg + base); };
  const ranged kg{one(units->value, capacity.value, dens.value), one(units->low, capacity.low, dens.low),
                  one(units->high, capacity.high, dens.high)};
  add(r.out, p, units->value, kg,
      fmt::format("{} = {} x ({} / {} x {} kg/cm2 + {} kg) = {} kg", p, show(*units, part == "ram" ? "modules" : "SSDs"),
                  show(capacity, "GB"),
                  show(dens, "GB/cm2"), num(die_kg), num(base), num(kg.value)));
}

void hdd_part(const reader& r, const server_embodied_inputs& in) {
  const auto units = r.pick("hdd units", "1", "hdd_units", in.hdd_units,
                            r.arch != nullptr && r.arch->hdd ? r.arch->hdd->units : std::nullopt);
  if (!units || units->high == 0.0) return;
  const double each = constant(r.db, "hardware.embodied.hdd", "hdd impact", "kgCO2e", r.out);
  const ranged kg = times(*units, exact(each));
  add(r.out, "hdd", units->value, kg, fmt::format("hdd = {} x {} kg = {} kg", show(*units, "disks"), num(each), num(kg.value)));
}

void power_supply_part(const reader& r, const server_embodied_inputs& in) {
  const auto* psu = r.arch != nullptr && r.arch->power_supply ? &*r.arch->power_supply : nullptr;
  const ranged units = *r.pick("psu units", "1", "psu_units", in.psu_units, psu != nullptr ? psu->units : std::nullopt,
                               "hardware.component.power_supply.units");
  const ranged weight = *r.pick("psu weight", "kg", "psu_weight_kg", in.psu_weight_kg,
                                psu != nullptr ? psu->unit_weight_kg : std::nullopt,
                                "hardware.component.power_supply.unit_weight");
  const double per_kg = constant(r.db, "hardware.embodied.power_supply.per_mass", "psu impact per kg", "kgCO2e/kg", r.out);
  const ranged kg = times(times(units, weight), exact(per_kg));
  add(r.out, "power_supply", units.value, kg,
      fmt::format("power supplies = {} x {} x {} kg/kg = {} kg", show(units, "PSUs"), show(weight, "kg"), num(per_kg),
                  num(kg.value)));
}

void case_part(const reader& r, const server_embodied_inputs& in) {
  std::string type;
  if (in.case_type) {
    type = *in.case_type;
  } else if (r.arch != nullptr && !r.arch->case_type.empty()) {
    type = r.arch->case_type;
  } else {
    type = "rack";
    r.out.warnings.push_back("case_type not given: a rack case is assumed");
  }
  if (iequal(type, "rack")) {
    const double kg = constant(r.db, "hardware.embodied.case.rack", "rack case impact", "kgCO2e", r.out);
    add(r.out, "case", 1.0, exact(kg), fmt::format("case (rack) = {} kg", num(kg)));
  } else if (iequal(type, "blade")) {
    const double server = constant(r.db, "hardware.embodied.case.blade", "blade case impact", "kgCO2e", r.out);
    const double enclosure = constant(r.db, "hardware.embodied.case.blade_enclosure_16_slots",
                                      "blade enclosure impact (16 slots)", "kgCO2e", r.out);
    const double kg = server + enclosure / 16.0;  // the coefficient is per 16-slot enclosure
    add(r.out, "case", 1.0, exact(kg),
        fmt::format("case (blade) = {} kg + {} kg / 16 slots = {} kg", num(server), num(enclosure), num(kg)));
  } else {
    throw input_error(describe_problem({}, "case_type", quote(type), "'rack' or 'blade'"));
  }
}

void fixed_parts(const reader& r) {
  const double board = constant(r.db, "hardware.embodied.motherboard", "motherboard impact", "kgCO2e", r.out);
  add(r.out, "motherboard", 1.0, exact(board), fmt::format("motherboard = {} kg", num(board)));
  const double assembly = constant(r.db, "hardware.embodied.server.assembly", "assembly impact", "kgCO2e", r.out);
  add(r.out, "assembly", 1.0, exact(assembly), fmt::format("assembly = {} kg", num(assembly)));
}

void gpu_warning(const server_archetype* arch, server_footprint& out) {
  if (arch == nullptr || !arch->gpu || !arch->gpu->units || arch->gpu->units->value <= 0.0) return;
  out.warnings.push_back(fmt::format("the archetype's {} GPU(s){} are not counted: the database has no GPU embodied "
                                     "figure (BoaviztAPI's GPU factors state no units)",
                                     num(arch->gpu->units->value),
                                     arch->gpu->name.empty() ? std::string() : fmt::format(" ({})", arch->gpu->name)));
}

}  // namespace

server_footprint server_embodied(const factor_database& db, const server_embodied_inputs& in) {
  server_footprint out;
  const server_archetype* arch = in.archetype ? &find_archetype(db, *in.archetype) : nullptr;
  if (arch != nullptr) {
    out.archetype = arch->archetype;
    if (arch->usage && arch->usage->hours_life_time) out.lifetime_h = arch->usage->hours_life_time->value;
  }
  const reader r{db, arch, out};
  cpu_part(r, in);
  memory_part(r, "ram", in.ram_units, in.ram_capacity_gb, in.ram_density_gb_per_cm2, arch ? arch->ram : std::nullopt, true);
  memory_part(r, "ssd", in.ssd_units, in.ssd_capacity_gb, in.ssd_density_gb_per_cm2, arch ? arch->ssd : std::nullopt, false);
  hdd_part(r, in);
  fixed_parts(r);
  power_supply_part(r, in);
  case_part(r, in);
  gpu_warning(arch, out);
  if (arch == nullptr && !in.ssd_units && !in.hdd_units) out.warnings.push_back("no ssd_units or hdd_units: no disk counted");

  ranged total;
  for (const auto& c : out.components) {
    total.value += c.kg;
    total.low += c.low_kg;
    total.high += c.high_kg;
  }
  out.embodied_kg = total.value;
  out.co2e_kg = total.value;
  out.low_kg = total.low;
  out.high_kg = total.high;
  std::string sum;
  for (const auto& c : out.components) sum += fmt::format("{}{}", sum.empty() ? "" : " + ", num(c.kg));
  out.steps.push_back(fmt::format("server = {} = {} kg (low {}, high {})", sum, num(total.value), num(total.low),
                                  num(total.high)));
  return out;
}

namespace {

double lifetime_of(const factor_database& db, const server_footprint& server, const std::optional<double>& given,
                   footprint& out) {
  if (given) return argument(out, "lifetime", checked("lifetime_h", *given, true), "h");
  if (!server.lifetime_h) {
    throw input_error(describe_problem({}, "lifetime_h", "nothing",
                                       "the server's lifetime in hours (no archetype gives one)"));
  }
  const server_archetype& arch = find_archetype(db, server.archetype);
  out.figures.push_back({"lifetime", *server.lifetime_h, "h", arch.id, arch.source_id});
  return *server.lifetime_h;
}

void take_server(footprint& out, const server_footprint& server) {
  out.figures.insert(out.figures.end(), server.figures.begin(), server.figures.end());
  out.steps.insert(out.steps.end(), server.steps.begin(), server.steps.end());
  out.warnings.insert(out.warnings.end(), server.warnings.begin(), server.warnings.end());
  out.database_hash = server.database_hash;
}

}  // namespace

footprint server_embodied_share(const factor_database& db, const server_share_inputs& in) {
  const server_footprint server = server_embodied(db, in.server);
  footprint out;
  take_server(out, server);
  const double lifetime = lifetime_of(db, server, in.lifetime_h, out);
  embodied_share_inputs s;
  s.total_kg = server.embodied_kg;
  s.time_reserved_h = in.hours;
  s.lifetime_h = lifetime;
  s.resources_reserved = detail::fraction("share", in.share);
  s.total_resources = 1.0;
  const footprint m = embodied_share(s);
  out.steps.insert(out.steps.end(), m.steps.begin(), m.steps.end());
  out.warnings.insert(out.warnings.end(), m.warnings.begin(), m.warnings.end());
  const double factor = in.hours / lifetime * in.share;
  out.embodied_kg = m.embodied_kg;
  out.co2e_kg = m.embodied_kg;
  out.low_kg = *server.low_kg * factor;
  out.high_kg = *server.high_kg * factor;
  return out;
}

namespace {

const cloud_instance& find_instance(const factor_database& db, std::string_view provider, std::string_view type) {
  for (const auto& i : db.cloud_instances()) {
    if (!i.platform.empty() && iequal(i.provider, provider) && iequal(i.instance, type)) return i;
  }
  throw lookup_error(describe_problem({}, "instance_type", quote(type),
                                      fmt::format("an instance type of provider '{}' whose platform the instance "
                                                  "catalogue gives (factors/cloud/boaviztapi_instances.yaml)",
                                                  provider)));
}

/// vCPUs of the whole platform server, by the rules of instance_embodied (header).
double platform_vcpus(const factor_database& db, const cloud_instance& inst, const server_archetype& arch,
                      const std::optional<double>& given, footprint& out) {
  if (given) return argument(out, "platform vcpu", checked("platform_vcpu", *given, true), "vCPU");
  if (arch.cpu && arch.cpu->threads && arch.cpu->units && arch.cpu->threads->value > 0.0) {
    // BoaviztAPI's total vCPUs of a platform: threads per CPU x CPU units.
    const double threads = arch.cpu->threads->value;
    const double units = arch.cpu->units->value;
    out.figures.push_back({"platform cpu threads", threads, "1", arch.id, arch.source_id});
    out.steps.push_back(fmt::format("platform vCPUs = {} threads x {} CPUs = {}", num(threads), num(units),
                                    num(threads * units)));
    return threads * units;
  }
  for (const auto& i : db.cloud_instances()) {
    if (i.vcpu && iequal(i.provider, inst.provider) && iequal(i.instance, inst.platform)) {
      out.figures.push_back({"platform vcpu", *i.vcpu, "vCPU", i.id, i.source_id});
      return *i.vcpu;
    }
  }
  const cloud_instance* largest = nullptr;
  for (const auto& i : db.cloud_instances()) {
    if (i.vcpu && iequal(i.provider, inst.provider) && iequal(i.platform, inst.platform) &&
        (largest == nullptr || *i.vcpu > *largest->vcpu)) {
      largest = &i;
    }
  }
  if (largest == nullptr) {
    throw input_error(describe_problem({}, "platform_vcpu", "nothing",
                                       fmt::format("the vCPUs of platform '{}' (the catalogue gives none)", inst.platform)));
  }
  out.figures.push_back({"platform vcpu", *largest->vcpu, "vCPU", largest->id, largest->source_id});
  out.warnings.push_back(fmt::format("platform '{}' vCPUs: those of its largest instance, {} ({}); a larger server "
                                     "would lower the share",
                                     inst.platform, largest->instance, num(*largest->vcpu)));
  return *largest->vcpu;
}

}  // namespace

instance_platform_share instance_platform(const factor_database& db, const instance_embodied_inputs& in) {
  const cloud_instance& inst = find_instance(db, in.provider, in.instance_type);
  server_embodied_inputs s = in.server;
  s.archetype = inst.platform;
  const server_footprint server = server_embodied(db, s);
  instance_platform_share p;
  footprint& out = p.recorded;
  take_server(out, server);
  out.steps.push_back(fmt::format("platform of {} {}: server archetype '{}' ({})", inst.provider, inst.instance,
                                  inst.platform, inst.id));
  p.server_kg = server.embodied_kg;
  p.server_low_kg = *server.low_kg;
  p.server_high_kg = *server.high_kg;
  p.vcpus = platform_vcpus(db, inst, find_archetype(db, inst.platform), in.platform_vcpu, out);
  p.lifetime_h = lifetime_of(db, server, in.lifetime_h, out);
  return p;
}

instance_share instance_share_of(const instance_platform_share& p, double vcpu_hours) {
  const double factor = vcpu_hours / (p.vcpus * p.lifetime_h);
  return {p.server_kg * factor, p.server_low_kg * factor, p.server_high_kg * factor};
}

footprint instance_embodied(const factor_database& db, const instance_embodied_inputs& in) {
  instance_platform_share p = instance_platform(db, in);
  footprint out = std::move(p.recorded);
  const double vcpu_hours = argument(out, "vcpu hours", checked("vcpu_hours", in.vcpu_hours), "vCPU.h");
  const instance_share share = instance_share_of(p, vcpu_hours);
  out.embodied_kg = share.kg;
  out.co2e_kg = out.embodied_kg;
  out.low_kg = share.low_kg;
  out.high_kg = share.high_kg;
  out.steps.push_back(fmt::format("instance = {} kg x {} vCPU-h / ({} vCPU x {} h) = {} kg (low {}, high {})",
                                  num(p.server_kg), num(vcpu_hours), num(p.vcpus), num(p.lifetime_h),
                                  num(out.embodied_kg), num(*out.low_kg), num(*out.high_kg)));
  return out;
}

footprint instance_embodied(const factor_database& db, std::string provider, std::string instance_type,
                            double vcpu_hours) {
  instance_embodied_inputs in;
  in.provider = std::move(provider);
  in.instance_type = std::move(instance_type);
  in.vcpu_hours = vcpu_hours;
  return instance_embodied(db, in);
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
