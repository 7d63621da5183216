// Merging the coefficient entries of all layers: a higher layer replaces an id (recorded in
// `overrides`), sources and countries resolved, name indexes and cross-reference warnings built.

#include <fmt/format.h>

#include <map>
#include <set>

#include "database_content.hpp"

namespace ghgkit::detail {
namespace {

// The section that first defined an id: an entry replaces only an entry of its own section.
struct id_owner {
  std::string_view section;
  source_location where;
  std::size_t layer = 0;
};
using id_owners = std::map<std::string, id_owner, std::less<>>;

std::string resolve_country(const database_content& c, const std::string& text, const source_location& where) {
  const auto code = c.regions.canonical(text);
  if (!code) raise<factor_error>(where, "country", quote(text), c.regions.expected_for(text));
  if (const region* r = c.regions.find(*code); r != nullptr && r->kind != "country") {
    raise<factor_error>(where, "country", fmt::format("'{}' (a {})", text, r->kind),
                        "the ISO 3166-1 alpha-2 code of a country");
  }
  return *code;
}

template <class Entry>
Entry resolve(const database_content& c, const raw_entry<Entry>& raw) {
  Entry e = raw.value;
  require_source(c, e.source_id, raw.where_source, "source");
  if constexpr (requires { e.country; }) {
    if (!e.country.empty()) e.country = resolve_country(c, e.country, raw.where_country);
  }
  if constexpr (requires { e.embodied_source; }) {
    if (!e.embodied_source.empty()) require_source(c, e.embodied_source, raw.where_embodied_source, "embodied_source");
  }
  return e;
}

void claim_id(id_owners& owners, const document_entry& e, std::string_view section) {
  const id_owner mine{section, e.origin.where, e.origin.layer};
  const auto [it, inserted] = owners.try_emplace(e.id, mine);
  if (inserted || it->second.section == section) return;
  // Reported at the entry of the higher layer: the one that tries to replace.
  const bool mine_higher = mine.layer >= it->second.layer;
  const id_owner& upper = mine_higher ? mine : it->second;
  const id_owner& lower_one = mine_higher ? it->second : mine;
  raise<factor_error>(upper.where, "id", fmt::format("'{}' in section '{}'", e.id, upper.section),
                      fmt::format("an id not used in another section (an entry of section '{}' has it, at {}; a "
                                  "higher layer replaces entries of the same section only)",
                                  lower_one.section, lower_one.where.str()));
}

// One section over all layers, bottom to top, sorted by id.
template <class Entry>
std::vector<Entry> merge_section(const database_content& c, std::vector<raw_entry<Entry>> coefficient_layer::*member,
                                 std::string_view section, id_owners& owners) {
  std::map<std::string, Entry, std::less<>> by_id;
  for (const auto& layer : c.layers) {
    for (const auto& raw : layer.entries.*member) {
      Entry e = resolve(c, raw);
      claim_id(owners, e, section);
      if (auto it = by_id.find(e.id); it != by_id.end()) {
        e.overrides = it->second.overrides;
        e.overrides.push_back(it->second.origin);
        it->second = std::move(e);
      } else {
        std::string id = e.id;
        by_id.emplace(std::move(id), std::move(e));
      }
    }
  }
  std::vector<Entry> out;
  out.reserve(by_id.size());
  for (auto& [_, e] : by_id) out.push_back(std::move(e));
  return out;
}

void add_key(std::unordered_map<std::string, std::vector<std::size_t>>& index, std::string_view key, std::size_t i) {
  auto& list = index[lower(key)];
  if (list.empty() || list.back() != i) list.push_back(i);
}

void build_indexes(coefficient_catalogue& k) {
  for (std::size_t i = 0; i < k.coefficients.size(); ++i) k.coefficients_by_quantity[k.coefficients[i].quantity].push_back(i);
  for (std::size_t i = 0; i < k.models.size(); ++i) {
    for (const auto& key : {k.models[i].id, k.models[i].name}) add_key(k.models_by_name, key, i);
    for (const auto& alias : k.models[i].aliases) add_key(k.models_by_name, alias, i);
  }
  for (std::size_t i = 0; i < k.accelerators.size(); ++i) {
    const accelerator& a = k.accelerators[i];
    for (const auto& key : {a.id, a.name, a.device}) add_key(k.accelerators_by_name, key, i);
    for (const auto& alias : a.aliases) add_key(k.accelerators_by_name, alias, i);
  }
  for (std::size_t i = 0; i < k.cpus.size(); ++i) {
    for (const auto& key : {k.cpus[i].id, k.cpus[i].name}) add_key(k.cpus_by_name, key, i);
  }
  for (std::size_t i = 0; i < k.airports.size(); ++i) {
    const airport& a = k.airports[i];
    for (const auto& key : {a.id, a.iata}) add_key(k.airports_by_code, key, i);
    if (!a.icao.empty()) add_key(k.airports_by_code, a.icao, i);
  }
}

// Cross-references the specification checks as warnings: an instance's platform among the server
// archetypes; GPU models of instances and archetypes among the accelerators.
void collect_warnings(coefficient_catalogue& k) {
  std::set<std::string, std::less<>> platforms;
  for (const auto& s : k.server_archetypes) platforms.insert(s.archetype);
  auto known_accelerator = [&](const std::string& name) { return k.accelerators_by_name.contains(lower(name)); };
  for (const auto& i : k.instances) {
    if (!i.platform.empty() && !platforms.contains(i.platform)) {
      k.warnings.push_back(fmt::format("{}: instance '{}': platform '{}' is not the archetype of a server_archetypes entry",
                                       i.origin.where.str(), i.id, i.platform));
    }
    if (!i.gpu_model.empty() && !known_accelerator(i.gpu_model)) {
      k.warnings.push_back(fmt::format("{}: instance '{}': gpu_model '{}' names no accelerator (name, device or alias)",
                                       i.origin.where.str(), i.id, i.gpu_model));
    }
  }
  for (const auto& s : k.server_archetypes) {
    if (s.gpu && !s.gpu->name.empty() && !known_accelerator(s.gpu->name)) {
      k.warnings.push_back(fmt::format("{}: server archetype '{}': gpu.name '{}' names no accelerator (name, device or alias)",
                                       s.origin.where.str(), s.id, s.gpu->name));
    }
  }
}

}  // namespace

void build_catalogue(database_content& c) {
  id_owners owners;
  coefficient_catalogue& k = c.catalogue;
  k.coefficients = merge_section(c, &coefficient_layer::coefficients, "coefficients", owners);
  k.models = merge_section(c, &coefficient_layer::models, "models", owners);
  k.accelerators = merge_section(c, &coefficient_layer::accelerators, "accelerators", owners);
  k.cpus = merge_section(c, &coefficient_layer::cpus, "cpus", owners);
  k.instances = merge_section(c, &coefficient_layer::instances, "instances", owners);
  k.cloud_regions = merge_section(c, &coefficient_layer::cloud_regions, "cloud_regions", owners);
  k.server_archetypes = merge_section(c, &coefficient_layer::server_archetypes, "server_archetypes", owners);
  k.airports = merge_section(c, &coefficient_layer::airports, "airports", owners);
  build_indexes(k);
  collect_warnings(k);
}

}  // namespace ghgkit::detail
