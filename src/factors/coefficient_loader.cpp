// Reading coefficient documents (schema ghgkit.coefficients/1, factors/cloud/README.md): every
// section and field, checked on its own. References (sources, countries) are resolved when layers
// are merged (coefficient_build.cpp).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "coefficient_content.hpp"
#include "coefficient_units.hpp"
#include "yaml_reader.hpp"

namespace ghgkit::detail {
namespace {

constexpr int kMinYear = 1900, kMaxYear = 2100;

using keys = std::span<const std::string_view>;
constexpr std::string_view kTopKeys[] = {"schema", "sources", "coefficients", "models", "accelerators", "cpus",
                                         "instances", "cloud_regions", "server_archetypes", "airports"};
constexpr std::string_view kCoefficientKeys[] = {"id", "quantity", "value", "min", "max", "unit", "per", "provider",
                                                 "region", "country", "key", "year", "source", "reference", "notes"};
constexpr std::string_view kModelKeys[] = {"id", "provider", "name", "aliases", "architecture", "total_params_b",
                                           "active_params_b", "warnings", "source", "references", "notes"};
constexpr std::string_view kAcceleratorKeys[] = {
    "id", "device", "vendor", "name", "type", "aliases", "memory_gb", "tdp_w", "avg_power_w", "fp32_tflops",
    "fp16_tflops", "embodied_kg_co2e", "embodied_source", "source", "reference", "notes"};
constexpr std::string_view kCpuKeys[] = {"id", "name", "tdp_w", "cores", "tdp_per_core_w", "release_year",
                                         "feature_size_nm", "die_area_cm2", "source", "reference", "notes"};
constexpr std::string_view kInstanceKeys[] = {"id", "provider", "instance", "vcpu", "memory_gb", "ssd_gb", "hdd_gb",
                                              "gpus", "gpu_model", "platform", "source", "reference", "notes"};
constexpr std::string_view kCloudRegionKeys[] = {"id", "provider", "region", "country", "location", "place",
                                                 "source", "reference", "notes"};
constexpr std::string_view kAirportKeys[] = {"id", "iata", "icao", "name", "city", "country", "latitude", "longitude",
                                             "source", "notes"};
constexpr std::string_view kArchetypeKeys[] = {"id", "archetype", "manufacturer", "case_type", "cpu", "ram", "ssd",
                                               "hdd", "gpu", "power_supply", "usage", "source", "notes"};

// A field written as `null` is an error: leave it out instead (yaml_map::has treats null as absent).
void reject_nulls(const yaml_map& m, std::string_view prefix = {}) {
  for (const auto& f : m.fields()) {
    if (f.value.IsNull()) {
      raise<factor_error>(m.doc().at(f.key_node), fmt::format("{}{}", prefix, f.key), "nothing (null)",
                          "a value (leave the field out instead)");
    }
  }
}

const yaml_map& open_entry(const yaml_map& m, keys allowed) {
  m.check_keys(allowed);
  reject_nulls(m);
  return m;
}

std::string text_without_spaces(const yaml_map& m, std::string_view key) {
  std::string text = m.text(key);
  if (text.find_first_of(" \t\n") != std::string::npos) {
    raise<factor_error>(m.at(key), key, quote(text), "an id without spaces");
  }
  return text;
}

std::string optional_text(const yaml_map& m, std::string_view key) { return m.optional_text(key).value_or(""); }

std::optional<double> optional_number(const yaml_map& m, std::string_view key, bool allow_negative = false) {
  if (!m.has(key)) return std::nullopt;
  return m.number(key, allow_negative);
}

// A required number of a nested mapping, named `prefix.key` in messages.
double number_in(const yaml_map& m, std::string_view key, const std::string& prefix) {
  const std::string field = prefix + std::string(key);
  if (!m.has(key)) raise<factor_error>(m.at(), field, "nothing", "a number (the field is required)");
  return scalar_number(m.doc(), m.get(key), field);
}

std::string one_of(const yaml_map& m, std::string_view key, std::initializer_list<std::string_view> allowed,
                   std::string_view expected) {
  std::string text = m.text(key);
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    raise<factor_error>(m.at(key), key, quote(text), expected);
  }
  return text;
}

std::vector<std::string> sorted_list(const yaml_map& m, std::string_view key) {
  std::vector<std::string> list = m.text_list(key);
  std::sort(list.begin(), list.end());  // the order of aliases carries no meaning
  return list;
}

// id, source, notes (and the positions resolved later).
template <class Entry>
raw_entry<Entry> read_common(const yaml_map& m, std::size_t layer_index) {
  raw_entry<Entry> r;
  r.value.origin = {m.at(), layer_index};
  r.value.id = text_without_spaces(m, "id");
  r.value.source_id = m.text("source");
  r.where_source = m.at("source");
  r.value.notes = optional_text(m, "notes");
  return r;
}

void read_country(const yaml_map& m, std::string& country, source_location& where) {
  if (!m.has("country")) return;
  country = m.text("country");
  where = m.at("country");
}

raw_entry<coefficient> read_coefficient(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<coefficient>(m, layer_index);
  coefficient& c = r.value;
  c.quantity = m.text("quantity");
  if (!is_dotted_path(c.quantity)) {
    raise<factor_error>(m.at("quantity"), "quantity", quote(c.quantity),
                        "a dotted path of lower-case words such as 'cloud.datacenter.pue'");
  }
  // Fit parameters may be negative (BoaviztAPI's CPU power model has d = -10.13 W): only finiteness.
  c.value = m.number("value", true);
  c.min = optional_number(m, "min", true);
  c.max = optional_number(m, "max", true);
  if (c.min.has_value() != c.max.has_value()) {
    raise<factor_error>(m.at(), c.min ? "max" : "min", "nothing", "both 'min' and 'max', or neither");
  }
  if (c.min && !(*c.min <= c.value && c.value <= *c.max)) {
    raise<factor_error>(m.at("value"), "value", fmt::format("{} with min {} and max {}", c.value, *c.min, *c.max),
                        "min <= value <= max");
  }
  c.unit = coefficient_unit(m, c.quantity);
  c.per = optional_text(m, "per");
  c.provider = optional_text(m, "provider");
  c.region = optional_text(m, "region");
  read_country(m, c.country, r.where_country);
  c.key = optional_text(m, "key");
  c.year = m.optional_integer("year", kMinYear, kMaxYear);
  c.reference = optional_text(m, "reference");
  return r;
}

param_range read_param_range(const yaml_map& m, std::string_view key) {
  if (!m.has(key)) raise<factor_error>(m.at(), key, "nothing", "a number or {min, max} (the field is required)");
  const YAML::Node node = m.get(key);
  if (node.IsScalar()) {
    const double v = scalar_number(m.doc(), node, key);
    return {v, v};
  }
  if (!node.IsMap()) raise<factor_error>(m.at(key), key, describe_node(node), "a number or {min, max}");
  const yaml_map range(m.doc(), node, key);
  range.check_keys({"min", "max"});
  const std::string prefix = fmt::format("{}.", key);
  reject_nulls(range, prefix);
  const param_range out{number_in(range, "min", prefix), number_in(range, "max", prefix)};
  if (out.low > out.high) {
    raise<factor_error>(m.at(key), key, fmt::format("min {} above max {}", out.low, out.high), "min <= max");
  }
  return out;
}

raw_entry<llm_model> read_model(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<llm_model>(m, layer_index);
  llm_model& x = r.value;
  x.provider = m.text("provider");
  x.name = m.text("name");
  x.aliases = sorted_list(m, "aliases");
  x.architecture = one_of(m, "architecture", {"dense", "moe"}, "dense or moe");
  x.total_params_b = read_param_range(m, "total_params_b");
  x.active_params_b = read_param_range(m, "active_params_b");
  x.warnings = m.text_list("warnings");
  x.references = m.text_list("references");
  return r;
}

raw_entry<accelerator> read_accelerator(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<accelerator>(m, layer_index);
  accelerator& a = r.value;
  a.device = m.text("device");
  a.vendor = m.text("vendor");
  a.name = m.text("name");
  a.type = one_of(m, "type", {"gpu", "tpu", "npu"}, "one of gpu, tpu, npu");
  a.aliases = sorted_list(m, "aliases");
  a.memory_gb = optional_number(m, "memory_gb");
  a.tdp_w = optional_number(m, "tdp_w");
  a.avg_power_w = optional_number(m, "avg_power_w");
  a.fp32_tflops = optional_number(m, "fp32_tflops");
  a.fp16_tflops = optional_number(m, "fp16_tflops");
  a.embodied_kg_co2e = optional_number(m, "embodied_kg_co2e");
  if (m.has("embodied_source")) {
    if (!a.embodied_kg_co2e) {
      raise<factor_error>(m.at("embodied_source"), "embodied_source", "a source without 'embodied_kg_co2e'",
                          "'embodied_source' only beside the 'embodied_kg_co2e' it cites");
    }
    a.embodied_source = m.text("embodied_source");
    r.where_embodied_source = m.at("embodied_source");
  }
  a.reference = optional_text(m, "reference");
  return r;
}

raw_entry<cpu> read_cpu(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<cpu>(m, layer_index);
  cpu& c = r.value;
  c.name = m.text("name");
  c.tdp_w = m.number("tdp_w");
  c.cores = optional_number(m, "cores");
  c.tdp_per_core_w = optional_number(m, "tdp_per_core_w");
  c.release_year = m.optional_integer("release_year", kMinYear, kMaxYear);
  c.feature_size_nm = optional_number(m, "feature_size_nm");
  c.die_area_cm2 = optional_number(m, "die_area_cm2");
  c.reference = optional_text(m, "reference");
  return r;
}

raw_entry<cloud_instance> read_instance(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<cloud_instance>(m, layer_index);
  cloud_instance& i = r.value;
  i.provider = m.text("provider");
  i.instance = m.text("instance");
  i.vcpu = optional_number(m, "vcpu");
  i.memory_gb = optional_number(m, "memory_gb");
  i.ssd_gb = optional_number(m, "ssd_gb");
  i.hdd_gb = optional_number(m, "hdd_gb");
  i.gpus = optional_number(m, "gpus");
  i.gpu_model = optional_text(m, "gpu_model");
  i.platform = optional_text(m, "platform");
  i.reference = optional_text(m, "reference");
  return r;
}

raw_entry<cloud_region> read_cloud_region(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<cloud_region>(m, layer_index);
  cloud_region& c = r.value;
  c.provider = m.text("provider");
  c.region = m.text("region");
  read_country(m, c.country, r.where_country);
  c.location = optional_text(m, "location");
  c.place = optional_text(m, "place");
  c.reference = optional_text(m, "reference");
  return r;
}

// `length` upper-case letters or digits, as airport codes are written.
std::string airport_code(const yaml_map& m, std::string_view key, std::size_t length, std::string_view expected) {
  std::string code = m.text(key);
  const bool ok = code.size() == length && std::all_of(code.begin(), code.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  });
  if (!ok) raise<factor_error>(m.at(key), key, quote(code), expected);
  return code;
}

double coordinate(const yaml_map& m, std::string_view key, double limit) {
  const double v = m.number(key, true);
  if (v < -limit || v > limit) {
    raise<factor_error>(m.at(key), key, fmt::format("{}", v), fmt::format("degrees between -{} and {}", limit, limit));
  }
  return v;
}

raw_entry<airport> read_airport(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<airport>(m, layer_index);
  airport& a = r.value;
  a.iata = airport_code(m, "iata", 3, "a three-letter IATA code in upper case, such as 'LYS'");
  if (m.has("icao")) a.icao = airport_code(m, "icao", 4, "a four-character ICAO code in upper case, such as 'LFLL'");
  a.name = m.text("name");
  a.city = optional_text(m, "city");
  if (!m.has("country")) raise<factor_error>(m.at(), "country", "nothing", "the ISO 3166-1 alpha-2 code of a country");
  read_country(m, a.country, r.where_country);
  a.latitude = coordinate(m, "latitude", 90.0);
  a.longitude = coordinate(m, "longitude", 180.0);
  return r;
}

// A number of a server archetype: plain, or BoaviztAPI's {default, min, max}.
// Field `key` of the component group `name` (cpu, ram, ...), named `name.key` in messages.
std::optional<archetype_number> archetype_field(const yaml_map& group, std::string_view name, std::string_view key) {
  if (!group.has(key)) return std::nullopt;
  const std::string field = fmt::format("{}.{}", name, key);
  const std::string prefix = field + ".";
  const YAML::Node node = group.get(key);
  if (node.IsScalar()) {
    const double v = scalar_number(group.doc(), node, field);
    return archetype_number{v, v, v};
  }
  if (!node.IsMap()) raise<factor_error>(group.at(key), field, describe_node(node), "a number or {default, min, max}");
  const yaml_map n(group.doc(), node, field);
  n.check_keys({"default", "min", "max"});
  reject_nulls(n, prefix);
  const archetype_number out{number_in(n, "default", prefix), number_in(n, "min", prefix), number_in(n, "max", prefix)};
  if (!(out.min <= out.value && out.value <= out.max)) {
    raise<factor_error>(group.at(key), field, fmt::format("default {} with min {} and max {}", out.value, out.min, out.max),
                        "min <= default <= max");
  }
  return out;
}

// A component group of an archetype (cpu, ram, ...): a mapping of known fields, none null.
std::optional<yaml_map> open_group(const yaml_map& m, std::string_view key, std::initializer_list<std::string_view> allowed) {
  if (!m.has(key)) return std::nullopt;
  yaml_map group(m.doc(), m.get(key), key);
  group.check_keys(allowed);
  reject_nulls(group);
  return group;
}

std::optional<server_archetype::storage_group> read_storage(const yaml_map& m, std::string_view key) {
  const auto g = open_group(m, key, {"units", "capacity_gb"});
  if (!g) return std::nullopt;
  return server_archetype::storage_group{archetype_field(*g, key, "units"), archetype_field(*g, key, "capacity_gb")};
}

void read_archetype_groups(const yaml_map& m, server_archetype& s) {
  if (const auto g = open_group(m, "cpu", {"units", "core_units", "die_size_per_core_mm2", "name", "threads"})) {
    auto number = [&](std::string_view key) { return archetype_field(*g, "cpu", key); };
    s.cpu = server_archetype::cpu_group{number("units"), number("core_units"), number("die_size_per_core_mm2"),
                                        number("threads"), optional_text(*g, "name")};
  }
  s.ram = read_storage(m, "ram");
  s.ssd = read_storage(m, "ssd");
  s.hdd = read_storage(m, "hdd");
  if (const auto g = open_group(m, "gpu", {"units", "name", "vram_gb"})) {
    s.gpu = server_archetype::gpu_group{archetype_field(*g, "gpu", "units"), optional_text(*g, "name"),
                                        archetype_field(*g, "gpu", "vram_gb")};
  }
  if (const auto g = open_group(m, "power_supply", {"units", "unit_weight_kg"})) {
    s.power_supply = server_archetype::power_supply_group{archetype_field(*g, "power_supply", "units"),
                                                          archetype_field(*g, "power_supply", "unit_weight_kg")};
  }
  if (const auto g = open_group(m, "usage", {"time_workload_pct", "use_time_ratio", "hours_life_time",
                                             "other_consumption_ratio"})) {
    auto number = [&](std::string_view key) { return archetype_field(*g, "usage", key); };
    s.usage = server_archetype::usage_group{number("time_workload_pct"), number("use_time_ratio"),
                                            number("hours_life_time"), number("other_consumption_ratio")};
  }
}

raw_entry<server_archetype> read_server_archetype(const yaml_map& m, std::size_t layer_index) {
  auto r = read_common<server_archetype>(m, layer_index);
  server_archetype& s = r.value;
  s.archetype = m.text("archetype");
  s.manufacturer = optional_text(m, "manufacturer");
  if (m.has("case_type")) s.case_type = one_of(m, "case_type", {"rack", "blade"}, "rack or blade");
  read_archetype_groups(m, s);
  return r;
}

template <class Parse>
void for_each_entry(const yaml_map& top, std::string_view key, Parse parse) {
  if (!top.has(key)) return;
  const YAML::Node list = top.get(key);
  if (!list.IsSequence()) raise<factor_error>(top.at(key), key, describe_node(list), "a list of entries");
  for (const auto& item : list) parse(yaml_map(top.doc(), item, key));
}

}  // namespace

void read_coefficient_document(const yaml_map& top, coefficient_layer& layer, std::size_t layer_index,
                               const std::function<void(const yaml_map&)>& read_source) {
  top.check_keys(kTopKeys);
  reject_nulls(top);
  for_each_entry(top, "sources", read_source);
  auto section = [&](std::string_view key, keys allowed, auto& into, auto read) {
    for_each_entry(top, key, [&](const yaml_map& m) { into.push_back(read(open_entry(m, allowed), layer_index)); });
  };
  section("coefficients", kCoefficientKeys, layer.coefficients, read_coefficient);
  section("models", kModelKeys, layer.models, read_model);
  section("accelerators", kAcceleratorKeys, layer.accelerators, read_accelerator);
  section("cpus", kCpuKeys, layer.cpus, read_cpu);
  section("instances", kInstanceKeys, layer.instances, read_instance);
  section("cloud_regions", kCloudRegionKeys, layer.cloud_regions, read_cloud_region);
  section("server_archetypes", kArchetypeKeys, layer.server_archetypes, read_server_archetype);
  section("airports", kAirportKeys, layer.airports, read_airport);
}

void reject_duplicate_entry_ids(const coefficient_layer& layer) {
  // In file order (files load sorted by path), so the second definition is the one reported.
  std::vector<const document_entry*> all;
  auto collect = [&](const auto& entries) {
    for (const auto& r : entries) all.push_back(&r.value);
  };
  collect(layer.coefficients);
  collect(layer.models);
  collect(layer.accelerators);
  collect(layer.cpus);
  collect(layer.instances);
  collect(layer.cloud_regions);
  collect(layer.server_archetypes);
  collect(layer.airports);
  std::stable_sort(all.begin(), all.end(), [](const document_entry* a, const document_entry* b) {
    const source_location &x = a->origin.where, &y = b->origin.where;
    return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
  });
  std::map<std::string_view, const source_location*> seen;
  for (const document_entry* e : all) {
    auto [it, inserted] = seen.emplace(e->id, &e->origin.where);
    if (!inserted) {
      raise<factor_error>(e->origin.where, "id", fmt::format("duplicate id '{}'", e->id),
                          fmt::format("a unique id among the coefficient entries of the layer (first defined at {})",
                                      it->second->str()));
    }
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace ghgkit::detail
