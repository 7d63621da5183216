// Merging layers into one validated database: references resolved, indexes and hash built.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "../detail/sha256.hpp"
#include "../text.hpp"
#include "database_content.hpp"

namespace ghgkit::detail {
namespace {

// Later layers replace earlier definitions with the same key.
template <class Item, class Key>
std::map<std::string, Item, std::less<>> merge_by_key(const std::vector<raw_layer>& layers,
                                                      std::vector<Item> raw_layer::*member, Key key) {
  std::map<std::string, Item, std::less<>> merged;
  for (const auto& layer : layers) {
    for (const auto& item : layer.*member) merged.insert_or_assign(key(item), item);
  }
  return merged;
}

std::string dimension_name_of(const dimension& d, const activity_family& family) {
  for (const auto& name : family.dimensions) {
    if (dimension_matches(d, name)) return name;
  }
  return {};
}

factor resolve_factor(const database_content& c, const raw_factor& r) {
  factor f = r.value;
  if (auto code = c.regions.canonical(r.region_text)) {
    f.region = *code;
  } else {
    raise<factor_error>(r.where_region, "region", quote(r.region_text), c.regions.expected_for(r.region_text));
  }
  require_source(c, f.source_id, r.where_source, "source");
  const activity_family* family = family_for(c.activities, f.activity);
  if (family == nullptr) {
    raise<factor_error>(r.where_activity, "activity", quote(f.activity),
                        "an activity under a family declared in an 'activities:' section (e.g. electricity, fuel, travel)");
  }
  if (dimension_name_of(f.unit.dim, *family).empty()) {
    raise<factor_error>(r.where_unit, "unit", fmt::format("'{}' ({})", f.unit.symbol, describe(f.unit.dim)),
                        fmt::format("a unit of {} for activity '{}'", fmt::join(family->dimensions, " or "), family->path));
  }
  for (std::size_t i = 0; i < r.values_kg.size(); ++i) {
    const auto& [written, kg] = r.values_kg[i];
    if (!c.gases.knows(written)) {
      raise<factor_error>(r.value_locations[i], "values", quote(written), c.gases.expected_for(written));
    }
    const std::string gas = c.gases.canonical(written);
    if (gas == co2e_gas) {
      f.co2e_kg = kg;
    } else if (gas == biogenic_co2_gas) {
      f.biogenic_co2_kg = kg;
    } else {
      if (std::any_of(f.gases.begin(), f.gases.end(), [&](const gas_amount& g) { return g.gas == gas; })) {
        raise<factor_error>(r.value_locations[i], "values", fmt::format("'{}' twice (through an alias)", written), "each gas once");
      }
      f.gases.push_back({gas, kg});
    }
  }
  std::sort(f.gases.begin(), f.gases.end(), [](const gas_amount& a, const gas_amount& b) { return a.gas < b.gas; });
  if (f.co2e_kg && f.co2e_gwp_set.empty()) {
    raise<factor_error>(f.origin.where, "gwp", "nothing",
                        "the GWP set the CO2e value was computed under (AR4, AR5, AR6, or 'unspecified')");
  }
  if (!f.co2e_gwp_set.empty() && f.co2e_gwp_set != "unspecified" && !c.gases.has_set(f.co2e_gwp_set)) {
    raise<factor_error>(r.where_gwp, "gwp", quote(f.co2e_gwp_set),
                        fmt::format("a GWP set of the database ({}) or 'unspecified'", fmt::join(c.gases.sets(), ", ")));
  }
  if (!f.co2e_kg && f.gases.empty() && !f.biogenic_co2_kg) {
    raise<factor_error>(f.origin.where, "values", "no gas", "at least one gas or CO2e");
  }
  return f;
}

void validate_gases(const database_content& c) {
  for (const auto& [set, table] : c.gases.tables()) {
    require_source(c, table.source_id, table.where, "source");
    for (const auto& [gas, _] : table.values) {
      if (gas == co2e_gas || gas == biogenic_co2_gas) {
        raise<factor_error>(table.where, "values", quote(gas), "a gas other than CO2e and CO2_biogenic");
      }
    }
  }
  for (const auto& [id, blend] : c.gases.blends()) {
    require_source(c, blend.source_id, blend.where, "source");
    for (const auto& [gas, _] : blend.components) {
      bool in_a_table = false;
      for (const auto& [set, table] : c.gases.tables()) in_a_table = in_a_table || table.values.contains(c.gases.canonical(gas));
      if (!in_a_table) raise<factor_error>(blend.where, "components", quote(gas), "a gas listed in a GWP table");
    }
  }
}

// Two factors a lookup could not tell apart, in one layer, are a data error.
void reject_indistinct(const database_content& c) {
  std::map<std::string, const factor*> seen;
  for (const auto& f : c.factors) {
    const activity_family* family = family_for(c.activities, f.activity);
    const std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", f.origin.layer, f.activity, f.region, f.year,
                                        f.source_id, dimension_name_of(f.unit.dim, *family), f.basis,
                                        fmt::join(f.tags, ","));
    auto [it, inserted] = seen.emplace(key, &f);
    if (!inserted) {
      raise<factor_error>(f.origin.where, "id", quote(f.id),
                          fmt::format("factors that a lookup can tell apart: '{}' ({}) has the same activity, region, "
                                      "year, source, unit dimension, basis and tags",
                                      it->second->id, it->second->origin.where.str()));
    }
  }
}

void build_factors(database_content& c) {
  std::map<std::string, factor, std::less<>> by_id;
  for (const auto& layer : c.layers) {
    for (const auto& raw : layer.factors) {
      factor f = resolve_factor(c, raw);
      if (auto it = by_id.find(f.id); it != by_id.end()) {
        f.overrides = it->second.overrides;
        f.overrides.push_back(it->second.origin);
        it->second = std::move(f);
      } else {
        std::string id = f.id;
        by_id.emplace(std::move(id), std::move(f));
      }
    }
  }
  c.factors.reserve(by_id.size());
  for (auto& [_, f] : by_id) c.factors.push_back(std::move(f));
  for (std::size_t i = 0; i < c.factors.size(); ++i) {
    c.by_id.emplace(c.factors[i].id, i);
    c.by_activity[c.factors[i].activity].push_back(i);
    c.by_activity_region[c.factors[i].activity][c.factors[i].region].push_back(i);
  }
}

}  // namespace

void require_source(const database_content& c, const std::string& id, const source_location& where,
                    std::string_view field) {
  if (c.sources.contains(id)) return;
  std::vector<std::string> ids;
  for (const auto& [known, _] : c.sources) ids.push_back(known);
  auto near = near_matches(id, ids);
  raise<factor_error>(where, field, quote(id),
                      near.empty() ? std::string("the id of a source in a 'sources:' section")
                                   : fmt::format("a source id such as '{}'", fmt::join(near, "' or '")));
}

const activity_family* family_for(const std::vector<activity_family>& families, std::string_view path) {
  const activity_family* best = nullptr;
  for (const auto& f : families) {
    const bool prefix = path == f.path || (path.starts_with(f.path) && path[f.path.size()] == '.');
    if (prefix && (best == nullptr || f.path.size() > best->path.size())) best = &f;
  }
  return best;
}

std::shared_ptr<const database_content> build_content(std::vector<raw_layer> layers) {
  auto c = std::make_shared<database_content>();
  c->layers = std::move(layers);
  c->sources = merge_by_key(c->layers, &raw_layer::sources, [](const source& s) { return s.id; });
  for (auto& [_, a] : merge_by_key(c->layers, &raw_layer::activities, [](const activity_family& a) { return a.path; })) {
    c->activities.push_back(a);
  }
  for (auto& [_, r] : merge_by_key(c->layers, &raw_layer::regions, [](const region& r) { return r.code; })) c->regions.add(r);
  for (auto& [_, g] : merge_by_key(c->layers, &raw_layer::groups, [](const region_group& g) { return g.code; })) {
    if (!g.source_id.empty()) require_source(*c, g.source_id, g.where, "source");
    c->regions.add_group(g);
  }
  if (!c->regions.find(world_region)) c->regions.add(region{std::string(world_region), "", "World", "world", "", {}});
  c->regions.validate();
  for (auto& [_, t] : merge_by_key(c->layers, &raw_layer::gwp_tables, [](const gwp_table& t) { return t.set; })) {
    c->gases.add_table(t);
  }
  for (const auto& layer : c->layers) {
    for (const auto& a : layer.aliases) c->gases.add_alias(a.alias, a.canonical);
  }
  for (auto& [_, b] : merge_by_key(c->layers, &raw_layer::blends, [](const refrigerant_blend& b) { return b.id; })) {
    c->gases.add_blend(b);
  }
  validate_gases(*c);
  for (const auto& a : c->activities) {
    for (const auto& s : a.preferred_sources) require_source(*c, s, a.where, "preferred_sources");
  }
  build_factors(*c);
  reject_indistinct(*c);
  build_catalogue(*c);
  c->hash = sha256_hex(canonical_text(*c));
  return c;
}

}  // namespace ghgkit::detail
