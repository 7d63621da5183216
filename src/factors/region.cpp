#include "ghgkit/factors/region.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "../text.hpp"

namespace ghgkit {
inline namespace v0 {

void region_registry::add(region r) {
  if (!r.alpha3.empty()) alpha3_.insert_or_assign(r.alpha3, r.code);
  upper_.insert_or_assign(detail::upper(r.code), r.code);
  std::string code = r.code;
  regions_.insert_or_assign(std::move(code), std::move(r));
}

void region_registry::add_group(region_group g) {
  upper_.insert_or_assign(detail::upper(g.code), g.code);
  std::string code = g.code;
  groups_.insert_or_assign(std::move(code), std::move(g));
}

void region_registry::validate() const {
  for (const auto& [code, r] : regions_) {
    if (r.parent.empty()) continue;
    const region* p = find(r.parent);
    if (p == nullptr) {
      raise<factor_error>(r.where, "parent", quote(r.parent), "the code of a region defined in the database");
    }
    std::size_t depth = 0;
    for (const region* up = p; up != nullptr && !up->parent.empty(); up = find(up->parent)) {
      if (++depth > 16) raise<factor_error>(r.where, "parent", quote(r.parent), "a parent chain without a cycle");
    }
  }
  for (const auto& [code, g] : groups_) {
    for (const auto& m : g.members) {
      if (!regions_.contains(m)) {
        raise<factor_error>(g.where, "members", quote(m), "the code of a region defined in the database");
      }
    }
  }
}

std::optional<std::string> region_registry::canonical(std::string_view code) const {
  if (regions_.contains(code) || groups_.contains(code)) return std::string(code);
  if (auto it = alpha3_.find(code); it != alpha3_.end()) return it->second;
  const std::string up = detail::upper(code);
  if (auto it = alpha3_.find(up); it != alpha3_.end()) return it->second;
  if (auto it = upper_.find(up); it != upper_.end()) return it->second;
  return std::nullopt;
}

std::string region_registry::require(std::string_view code) const {
  if (auto c = canonical(code)) return *c;
  throw lookup_error(fmt::format("unknown region '{}': expected {}", code, expected_for(code)));
}

std::string region_registry::expected_for(std::string_view code) const {
  std::vector<std::string> names;
  for (const auto& [c, _] : regions_) names.push_back(c);
  for (const auto& [c, _] : groups_) names.push_back(c);
  auto near = detail::near_matches(code, names);
  return near.empty()
      ? "an ISO 3166-1 alpha-2 or alpha-3 code, an ISO 3166-2 code, a grid zone, a cloud region, a group or WORLD"
      : fmt::format("a known region such as '{}'", fmt::join(near, "' or '"));
}

const region* region_registry::find(std::string_view canonical_code) const {
  auto it = regions_.find(canonical_code);
  return it == regions_.end() ? nullptr : &it->second;
}

std::vector<std::string> region_registry::fallback_chain(std::string_view canonical_code) const {
  std::vector<std::string> chain{std::string(canonical_code)};
  if (canonical_code == world_region) return chain;
  std::string country;
  for (const region* r = find(canonical_code); r != nullptr; r = find(r->parent)) {
    if (r->kind == "country") country = r->code;
    if (r->parent.empty() || chain.size() > 16) break;
    chain.push_back(r->parent);
  }
  if (!country.empty()) {
    std::vector<const region_group*> holding;
    for (const auto& [_, g] : groups_) {
      if (std::find(g.members.begin(), g.members.end(), country) != g.members.end()) holding.push_back(&g);
    }
    std::sort(holding.begin(), holding.end(), [](const region_group* a, const region_group* b) {
      return a->members.size() != b->members.size() ? a->members.size() < b->members.size() : a->code < b->code;
    });
    for (const auto* g : holding) chain.push_back(g->code);
  }
  chain.emplace_back(world_region);
  return chain;
}

}  // namespace v0
}  // namespace ghgkit
