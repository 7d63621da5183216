// The canonical text of a database: what the content hash covers. Sorted, one record a line, numbers
// in shortest round-trip form, file positions left out, so reordering or reformatting files leaves
// the hash unchanged while any change to a figure, source or reference changes it.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "database_content.hpp"

namespace ghgkit::detail {
namespace {

std::string number(double v) { return std::isnan(v) ? std::string("-") : fmt::format("{}", v); }

template <class T>
std::string optional(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string("-");
}

std::string uncertainty_text(const uncertainty& u) {
  return fmt::format("{}:{}:{}:{}:{}", to_string(u.shape), number(u.minus_pct), number(u.plus_pct),
                     number(u.param_a), number(u.param_b));
}

}  // namespace

std::string canonical_text(const database_content& c) {
  std::string out = "ghgkit.factors/1\n";
  for (const auto& [id, s] : c.sources) {
    out += fmt::format("source\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", id, s.publisher, s.title, s.year, s.url,
                       s.licence, s.retrieved, s.notes);
  }
  for (const auto& a : c.activities) {
    out += fmt::format("activity\t{}\t{}\t{}\t{}\t{}\t{}\n", a.path, fmt::join(a.dimensions, ","), optional(a.scope),
                       optional(a.category), fmt::join(a.preferred_sources, ","), fmt::join(a.upstream, ","));
  }
  for (const auto& [code, r] : c.regions.regions()) {
    out += fmt::format("region\t{}\t{}\t{}\t{}\t{}\n", code, r.alpha3, r.name, r.kind, r.parent);
  }
  for (const auto& [code, g] : c.regions.groups()) {
    out += fmt::format("group\t{}\t{}\t{}\t{}\n", code, g.name, fmt::join(g.members, ","), g.source_id);
  }
  for (const auto& [set, t] : c.gases.tables()) {
    out += fmt::format("gwp\t{}\t{}\t{}", set, t.horizon_years, t.source_id);
    for (const auto& [gas, v] : t.values) out += fmt::format("\t{}={}", gas, number(v));
    out += "\n";
  }
  for (const auto& [alias, canonical] : c.gases.aliases()) out += fmt::format("alias\t{}\t{}\n", alias, canonical);
  for (const auto& [id, b] : c.gases.blends()) {
    out += fmt::format("blend\t{}\t{}", id, b.source_id);
    for (const auto& [gas, fraction] : b.components) out += fmt::format("\t{}={}", gas, number(fraction));
    out += "\n";
  }
  for (const auto& f : c.factors) {
    out += fmt::format("factor\t{}\t{}\t{}", f.id, f.activity, f.unit.symbol);
    for (const auto& g : f.gases) out += fmt::format("\t{}={}", g.gas, number(g.kg));
    out += fmt::format("\tCO2e={}@{}\tbio={}\t{}\t{}-{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", optional(f.co2e_kg),
                       f.co2e_gwp_set, optional(f.biogenic_co2_kg), f.region, f.year, f.valid_to, f.basis,
                       optional(f.scope), optional(f.category), fmt::join(f.tags, ","), f.source_id,
                       uncertainty_text(f.uncertainty), f.notes);
  }
  out += catalogue_canonical_text(c.catalogue);
  return out;
}

}  // namespace ghgkit::detail
