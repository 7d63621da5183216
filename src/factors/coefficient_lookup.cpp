// factor_database's coefficient and catalogue lookups. A find returns one source's entry or fails
// naming candidates: figures of different sources are never averaged. Several entries that fit: the
// highest layer wins; if several sources remain, the caller names one (the coefficient specification
// defines no preference list).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "../text.hpp"
#include "database_content.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

using detail::lower;
using index_map = std::unordered_map<std::string, std::vector<std::size_t>>;

bool same(std::string_view a, std::string_view b) { return detail::iequals(a, b); }

template <class Entry>
void keep_top_layer(std::vector<const Entry*>& entries) {
  std::size_t top = 0;
  for (const Entry* e : entries) top = std::max(top, e->origin.layer);
  std::erase_if(entries, [&](const Entry* e) { return e->origin.layer != top; });
}

// Entries named exactly `wanted` (name or id) when some are, else all: an alias yields to a name.
template <class Entry>
void prefer_named(std::vector<const Entry*>& entries, std::string_view wanted) {
  auto named = [&](const Entry* e) { return same(e->name, wanted) || same(e->id, wanted); };
  if (std::any_of(entries.begin(), entries.end(), named)) std::erase_if(entries, [&](const Entry* e) { return !named(e); });
}

template <class Entry>
std::vector<const Entry*> hits_of(const std::vector<Entry>& entries, const index_map& index, std::string_view name) {
  std::vector<const Entry*> hits;
  if (auto it = index.find(lower(name)); it != index.end()) {
    for (std::size_t i : it->second) hits.push_back(&entries[i]);
  }
  return hits;
}

// Up to five names near `wanted`: within edit distance 2 ignoring case first, then names containing it.
template <class Names>
std::string did_you_mean(std::string_view wanted, const Names& names) {
  const std::string w = lower(wanted);
  std::vector<std::pair<std::size_t, std::string>> near;
  for (const auto& n : names) {
    const std::string l = lower(n);
    const std::size_t d = detail::edit_distance(w, l);
    if (d <= 2 || (!w.empty() && l.find(w) != std::string::npos)) near.emplace_back(d <= 2 ? d : 3 + l.size(), n);
  }
  std::sort(near.begin(), near.end());
  near.erase(std::unique(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.second == b.second; }),
             near.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < near.size() && out.size() < 5; ++i) out.push_back(quote(near[i].second));
  return out.empty() ? std::string() : fmt::format("; did you mean {}?", fmt::join(out, " or "));
}

std::string fields_of(const coefficient& c) {
  std::vector<std::string> parts;
  if (!c.provider.empty()) parts.push_back(fmt::format("provider '{}'", c.provider));
  if (!c.region.empty()) parts.push_back(fmt::format("region '{}'", c.region));
  if (!c.key.empty()) parts.push_back(fmt::format("key '{}'", c.key));
  return parts.empty() ? std::string("no provider, region or key") : fmt::format("{}", fmt::join(parts, ", "));
}

std::string asked(const coefficient_query& q) {
  std::vector<std::string> parts;
  for (const auto& [name, value] : {std::pair{"provider", &q.provider}, std::pair{"region", &q.region},
                                    std::pair{"key", &q.key}, std::pair{"source", &q.source}}) {
    if (*value) parts.push_back(fmt::format("{} '{}'", name, **value));
  }
  return parts.empty() ? std::string() : fmt::format(" with {}", fmt::join(parts, ", "));
}

std::string listing(const std::vector<std::string>& items, std::size_t limit = 6) {
  std::vector<std::string> shown(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(limit, items.size())));
  std::string text = fmt::format("{}", fmt::join(shown, "; "));
  if (items.size() > limit) text += fmt::format("; and {} more", items.size() - limit);
  return text;
}

// The entries of a quantity nearest the query first (most fields in common), one line per thing described.
std::string nearest(const std::vector<const coefficient*>& entries, const coefficient_query& q) {
  auto closeness = [](const std::string& have, const std::optional<std::string>& want) {
    if (!want) return 0;
    if (same(have, *want)) return 2;
    return detail::edit_distance(lower(have), lower(*want)) <= 2 ? 1 : 0;
  };
  auto score = [&](const coefficient* c) {
    return closeness(c->provider, q.provider) + closeness(c->region, q.region) + closeness(c->key, q.key);
  };
  std::vector<const coefficient*> ranked = entries;
  std::stable_sort(ranked.begin(), ranked.end(), [&](auto* a, auto* b) { return score(a) > score(b); });
  std::vector<std::string> lines;
  for (const coefficient* c : ranked) {
    std::string line = fmt::format("{} ({})", fields_of(*c), c->source_id);
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
  }
  return listing(lines);
}

[[noreturn]] void unknown_quantity(const detail::coefficient_catalogue& k, const std::string& quantity) {
  std::vector<std::string> names;
  for (const auto& [q, _] : k.coefficients_by_quantity) names.push_back(q);
  std::sort(names.begin(), names.end());
  std::vector<std::string> near = detail::near_matches(quantity, names);
  for (const auto& n : names) {
    if (near.size() >= 5) break;
    if (n.starts_with(quantity + ".") && std::find(near.begin(), near.end(), n) == near.end()) near.push_back(n);
  }
  throw lookup_error(fmt::format("no coefficient of quantity '{}'{}", quantity,
                                 near.empty() ? "" : fmt::format("; did you mean: {}?", fmt::join(near, ", "))));
}

std::string describe_thing(const coefficient& c) { return lower(c.provider) + '\t' + lower(c.region) + '\t' + lower(c.key); }

}  // namespace

std::span<const coefficient> factor_database::coefficients() const { return content_->catalogue.coefficients; }

const coefficient& factor_database::find_coefficient(const coefficient_query& q) const {
  const auto& k = content_->catalogue;
  const auto it = k.coefficients_by_quantity.find(q.quantity);
  if (it == k.coefficients_by_quantity.end()) unknown_quantity(k, q.quantity);
  std::vector<const coefficient*> all, fit;
  for (std::size_t i : it->second) {
    const coefficient& c = k.coefficients[i];
    all.push_back(&c);
    const bool fits = (!q.provider || same(c.provider, *q.provider)) && (!q.region || same(c.region, *q.region)) &&
                      (!q.key || same(c.key, *q.key)) && (!q.source || c.source_id == *q.source);
    if (fits) fit.push_back(&c);
  }
  if (fit.empty()) {
    throw lookup_error(fmt::format("no coefficient '{}'{}; entries of this quantity: {}", q.quantity, asked(q), nearest(all, q)));
  }
  std::set<std::string> things;
  for (const coefficient* c : fit) things.insert(describe_thing(*c));
  if (things.size() > 1) {
    throw lookup_error(fmt::format("several coefficients '{}' fit{}: {}; name the provider, region or key", q.quantity,
                                   asked(q), nearest(fit, q)));
  }
  keep_top_layer(fit);
  if (fit.size() > 1) {
    std::vector<std::string> sources;
    for (const coefficient* c : fit) sources.push_back(fmt::format("'{}' ({}: {} {})", c->source_id, c->id, c->value, c->unit.symbol));
    throw lookup_error(fmt::format("coefficient '{}' for {} is given by several sources: {}; name one with source "
                                   "(figures of different sources are never averaged)",
                                   q.quantity, fields_of(*fit.front()), fmt::join(sources, ", ")));
  }
  return *fit.front();
}

std::span<const llm_model> factor_database::llm_models() const { return content_->catalogue.models; }

const llm_model& factor_database::find_llm_model(std::string_view name, const std::optional<std::string>& provider) const {
  const auto& k = content_->catalogue;
  std::vector<const llm_model*> hits = hits_of(k.models, k.models_by_name, name);
  if (hits.empty()) {
    std::vector<std::string> names;
    for (const auto& m : k.models) {
      names.push_back(m.name);
      names.insert(names.end(), m.aliases.begin(), m.aliases.end());
    }
    throw lookup_error(fmt::format("unknown LLM model '{}'{}", name, did_you_mean(name, names)));
  }
  if (provider) {
    std::vector<std::string> providers;
    for (const llm_model* m : hits) providers.push_back(quote(m->provider));
    std::erase_if(hits, [&](const llm_model* m) { return !same(m->provider, *provider); });
    if (hits.empty()) {
      throw lookup_error(fmt::format("no LLM model '{}' of provider '{}'; '{}' is a model of {}", name, *provider, name,
                                     fmt::join(providers, ", ")));
    }
  }
  prefer_named(hits, name);
  keep_top_layer(hits);
  if (hits.size() > 1) {
    std::vector<std::string> ids;
    for (const llm_model* m : hits) ids.push_back(fmt::format("'{}' (provider '{}')", m->id, m->provider));
    throw lookup_error(fmt::format("several LLM models are named '{}': {}; give the provider", name, fmt::join(ids, ", ")));
  }
  return *hits.front();
}

std::span<const cpu> factor_database::cpus() const { return content_->catalogue.cpus; }
std::span<const cloud_instance> factor_database::cloud_instances() const { return content_->catalogue.instances; }
std::span<const cloud_region> factor_database::cloud_regions() const { return content_->catalogue.cloud_regions; }
std::span<const server_archetype> factor_database::server_archetypes() const {
  return content_->catalogue.server_archetypes;
}
std::span<const airport> factor_database::airports() const { return content_->catalogue.airports; }

const airport& factor_database::find_airport(std::string_view code) const {
  const auto& k = content_->catalogue;
  std::vector<const airport*> hits = hits_of(k.airports, k.airports_by_code, code);
  if (hits.empty()) {
    if (k.airports.empty()) {
      throw lookup_error(fmt::format("unknown airport '{}': the database has no airports (section 'airports' of a "
                                     "ghgkit.coefficients/1 document, shipped in factors/travel/airports.yaml)", code));
    }
    std::vector<std::string> codes;
    for (const auto& a : k.airports) codes.push_back(a.iata);
    throw lookup_error(fmt::format("unknown airport '{}' (expected an IATA code such as 'LYS' or an ICAO code such as "
                                   "'LFLL'){}", code, did_you_mean(code, codes)));
  }
  keep_top_layer(hits);
  if (hits.size() > 1) {
    std::vector<std::string> ids;
    for (const airport* a : hits) ids.push_back(fmt::format("'{}' ({}, {})", a->id, a->name, a->country));
    throw lookup_error(fmt::format("code '{}' names several airports: {}; give the id", code, fmt::join(ids, ", ")));
  }
  return *hits.front();
}

std::span<const std::string> factor_database::catalogue_warnings() const { return content_->catalogue.warnings; }

const cpu& factor_database::find_cpu(std::string_view name, const std::optional<std::string>& source) const {
  const auto& k = content_->catalogue;
  std::vector<const cpu*> hits = hits_of(k.cpus, k.cpus_by_name, name);
  if (hits.empty()) {
    std::vector<std::string> names;
    for (const auto& c : k.cpus) names.push_back(c.name);
    throw lookup_error(fmt::format("unknown CPU '{}'{}", name, did_you_mean(name, names)));
  }
  std::vector<std::string> sources;
  for (const cpu* c : hits) sources.push_back(quote(c->source_id));
  if (source) std::erase_if(hits, [&](const cpu* c) { return c->source_id != *source; });
  if (hits.empty()) {
    throw lookup_error(fmt::format("no record of CPU '{}' from source '{}'; sources with a record: {}", name, *source,
                                   fmt::join(sources, ", ")));
  }
  keep_top_layer(hits);
  if (hits.size() > 1) {
    std::vector<std::string> records;
    for (const cpu* c : hits) records.push_back(fmt::format("'{}' ({}: TDP {} W)", c->source_id, c->id, c->tdp_w));
    throw lookup_error(fmt::format("CPU '{}' has several records: {}; name a source or give an id (figures of "
                                   "different sources are never averaged)",
                                   name, fmt::join(records, ", ")));
  }
  return *hits.front();
}

std::span<const accelerator> factor_database::accelerators() const { return content_->catalogue.accelerators; }

namespace {

std::string figures_of(const accelerator& a) {
  std::vector<std::string> parts;
  if (a.tdp_w) parts.push_back(fmt::format("TDP {} W", *a.tdp_w));
  if (a.avg_power_w) parts.push_back(fmt::format("average power {} W", *a.avg_power_w));
  if (a.memory_gb) parts.push_back(fmt::format("{} GB", *a.memory_gb));
  return parts.empty() ? std::string("no figures") : fmt::format("{}", fmt::join(parts, ", "));
}

// The one device a name stands for: devices named by name, id or device before those named by an alias.
std::string device_named(const std::vector<const accelerator*>& hits, std::string_view wanted) {
  std::set<std::string> all, strong;
  for (const accelerator* a : hits) {
    all.insert(a->device);
    if (same(a->name, wanted) || same(a->id, wanted) || same(a->device, wanted)) strong.insert(a->device);
  }
  const std::set<std::string>& devices = strong.size() == 1 ? strong : all;
  if (devices.size() > 1) {
    throw lookup_error(fmt::format("'{}' names several accelerators (devices '{}'); give one of these devices", wanted,
                                   fmt::join(devices, "', '")));
  }
  return *devices.begin();
}

}  // namespace

const accelerator& factor_database::find_accelerator(std::string_view name, const std::optional<std::string>& source) const {
  const auto& k = content_->catalogue;
  const std::vector<const accelerator*> hits = hits_of(k.accelerators, k.accelerators_by_name, name);
  if (hits.empty()) {
    std::vector<std::string> names;
    for (const auto& a : k.accelerators) {
      names.push_back(a.name);
      names.push_back(a.device);
    }
    throw lookup_error(fmt::format("unknown accelerator '{}'{}", name, did_you_mean(name, names)));
  }
  // Records of other sources name the same product through `device`.
  const std::string device = device_named(hits, name);
  std::vector<const accelerator*> records;
  std::vector<std::string> sources;
  for (const auto& a : k.accelerators) {
    if (a.device != device) continue;
    records.push_back(&a);
    if (std::find(sources.begin(), sources.end(), quote(a.source_id)) == sources.end()) sources.push_back(quote(a.source_id));
  }
  if (source) std::erase_if(records, [&](const accelerator* a) { return a->source_id != *source; });
  if (records.empty()) {
    throw lookup_error(fmt::format("no record of accelerator '{}' (device '{}') from source '{}'; sources with a record: {}",
                                   name, device, *source, fmt::join(sources, ", ")));
  }
  keep_top_layer(records);
  if (records.size() > 1) prefer_named(records, name);
  if (records.size() > 1) {
    std::vector<std::string> lines;
    for (const accelerator* a : records) lines.push_back(fmt::format("'{}' ({}: {})", a->source_id, a->id, figures_of(*a)));
    throw lookup_error(fmt::format("accelerator '{}' (device '{}') has several records: {}; name a source or give an id "
                                   "(figures of different sources are never averaged)",
                                   name, device, fmt::join(lines, ", ")));
  }
  return *records.front();
}

}  // namespace v0
}  // namespace ghgkit
