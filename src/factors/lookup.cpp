// factor_database::find: the fallback chain of factors/README.md ("Lookup and fallbacks").

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>

#include "../text.hpp"
#include "database_content.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

bool fits(const factor& f, const lookup_query& q) {
  if (q.source && f.source_id != *q.source) return false;
  // Spend fits a factor per any currency: conversion and deflation happen in the calculation.
  const bool both_money = q.unit_dimension && !q.unit_dimension->currency().empty() && !f.unit.dim.currency().empty();
  if (q.unit_dimension && !both_money && !(f.unit.dim == *q.unit_dimension)) return false;
  if (q.basis && f.basis != *q.basis) return false;
  return true;
}

// Position of a source in the family's preferred_sources; unlisted sources rank after all listed ones.
std::size_t source_rank(const activity_family* family, const std::string& source_id) {
  if (family == nullptr) return SIZE_MAX - 1;
  const auto& list = family->preferred_sources;
  const auto it = std::find(list.begin(), list.end(), source_id);
  return it == list.end() ? list.size() : static_cast<std::size_t>(it - list.begin());
}

// Among one region's candidates: the year rule. Returns the chosen year's factors, or nothing.
std::vector<const factor*> pick_year(const std::vector<const factor*>& in_region, const lookup_query& q,
                                     const activity_family* family, lookup_result& result) {
  std::vector<const factor*> chosen;
  auto take = [&](auto predicate) {
    for (const factor* f : in_region) {
      if (predicate(*f)) chosen.push_back(f);
    }
  };
  if (!q.year) {
    // No year: the highest layer, then the most preferred source present, then its latest year.
    std::size_t top = 0, best_rank = SIZE_MAX;
    for (const factor* f : in_region) top = std::max(top, f->origin.layer);
    for (const factor* f : in_region) {
      if (f->origin.layer == top) best_rank = std::min(best_rank, source_rank(family, f->source_id));
    }
    int latest = 0;
    auto eligible = [&](const factor& f) { return f.origin.layer == top && source_rank(family, f.source_id) == best_rank; };
    for (const factor* f : in_region) {
      if (eligible(*f)) latest = std::max(latest, f->year);
    }
    take([&](const factor& f) { return eligible(f) && f.year == latest; });
    return chosen;
  }
  const int wanted = *q.year;
  take([&](const factor& f) { return f.year <= wanted && wanted <= f.valid_to; });
  if (!chosen.empty() || q.strict) return chosen;
  int earlier = 0;
  for (const factor* f : in_region) {
    if (f->valid_to < wanted) earlier = std::max(earlier, f->year);
  }
  if (earlier != 0) {
    take([&](const factor& f) { return f.year == earlier && f.valid_to < wanted; });
    result.fallbacks.push_back({"year", std::to_string(wanted), std::to_string(earlier), "nearest earlier year available"});
    return chosen;
  }
  if (!q.allow_later_year) return chosen;
  int later = 9999;
  for (const factor* f : in_region) later = std::min(later, f->year);
  take([&](const factor& f) { return f.year == later; });
  result.fallbacks.push_back({"year", std::to_string(wanted), std::to_string(later),
                              "nearest later year (no earlier year available; later years allowed)"});
  return chosen;
}

// Several factors left: the highest layer, then the family's preferred sources.
const factor* pick_one(std::vector<const factor*> chosen, const activity_family* family, const lookup_query& q) {
  std::size_t top = 0;
  for (const factor* f : chosen) top = std::max(top, f->origin.layer);
  std::erase_if(chosen, [&](const factor* f) { return f->origin.layer != top; });
  if (chosen.size() > 1 && family != nullptr) {
    for (const auto& preferred : family->preferred_sources) {
      std::vector<const factor*> from_source;
      for (const factor* f : chosen) {
        if (f->source_id == preferred) from_source.push_back(f);
      }
      if (!from_source.empty()) {
        chosen = from_source;
        break;
      }
    }
  }
  if (chosen.size() == 1) return chosen.front();
  std::vector<std::string> ids;
  for (const factor* f : chosen) ids.push_back(fmt::format("{} (source {}, per {})", f->id, f->source_id, f->unit.symbol));
  throw lookup_error(fmt::format("{} factors fit activity '{}' in {} for {} and none is preferred: {}; pass a source, "
                                 "a unit or a factor id, or set preferred_sources for the activity",
                                 chosen.size(), q.activity, chosen.front()->region, chosen.front()->year,
                                 fmt::join(ids, ", ")));
}

}  // namespace

lookup_result factor_database::find(const lookup_query& q) const {
  lookup_result result;
  result.year_requested = q.year;
  result.region_requested = q.region.value_or("");
  auto it = content_->by_activity.find(q.activity);
  if (it == content_->by_activity.end()) {
    std::vector<std::string> activities;
    for (const auto& [a, _] : content_->by_activity) activities.push_back(a);
    std::sort(activities.begin(), activities.end());
    std::vector<std::string> near = detail::near_matches(q.activity, activities);
    for (const auto& a : activities) {
      if (near.size() >= 5) break;
      if ((a.starts_with(q.activity + ".") || q.activity.starts_with(a + ".")) &&
          std::find(near.begin(), near.end(), a) == near.end()) {
        near.push_back(a);
      }
    }
    throw lookup_error(fmt::format("no factor for activity '{}'{}", q.activity,
                                   near.empty() ? "" : fmt::format("; did you mean: {}?", fmt::join(near, ", "))));
  }
  const std::string region = q.region ? content_->regions.require(*q.region) : std::string(world_region);
  const std::vector<std::string> chain = q.strict ? std::vector<std::string>{region} : content_->regions.fallback_chain(region);
  const auto& per_region = content_->by_activity_region.at(q.activity);
  for (const auto& code : chain) {
    const auto here = per_region.find(code);
    if (here == per_region.end()) continue;
    std::vector<const factor*> in_region;
    for (std::size_t index : here->second) {
      const factor& f = content_->factors[index];
      if (fits(f, q)) in_region.push_back(&f);
    }
    if (in_region.empty()) continue;
    // The first region holding the activity decides: a broader region's other year never stands in.
    std::vector<const factor*> chosen = pick_year(in_region, q, family_of(q.activity), result);
    if (chosen.empty()) {
      std::vector<int> years;
      for (const factor* f : in_region) years.push_back(f->year);
      std::sort(years.begin(), years.end());
      years.erase(std::unique(years.begin(), years.end()), years.end());
      throw lookup_error(fmt::format("no factor for activity '{}' in {} for year {}{}; years available there: {}{}",
                                     q.activity, code, *q.year, code != region ? fmt::format(" (fallback from {})", region) : "",
                                     fmt::join(years, ", "),
                                     q.strict ? " (strict: no fallback allowed)" : "; pass allow_later_year to accept a later year"));
    }
    if (code != region) {
      result.fallbacks.insert(result.fallbacks.begin(),
                              {"region", region, code, fmt::format("no factor for '{}' in {}", q.activity, region)});
    }
    result.found = pick_one(chosen, family_of(q.activity), q);
    result.region_used = code;
    result.year_used = result.found->year;
    return result;
  }
  std::string what = fmt::format("no factor for activity '{}' in region {}", q.activity, region);
  if (q.year) what += fmt::format(" for year {}", *q.year);
  if (q.strict) what += " (strict: no fallback allowed)";
  else what += fmt::format(" or its fallbacks ({})", fmt::join(chain, " -> "));
  throw lookup_error(what);
}

}  // namespace v0
}  // namespace ghgkit
