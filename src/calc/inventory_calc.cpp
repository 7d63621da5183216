#include "ghgkit/calc/inventory_calc.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "ghgkit/calc/calculate.hpp"
#include "ghgkit/calc/flight_distance.hpp"
#include "ghgkit/version.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

using share_map = std::map<std::string, double, std::less<>>;

bool in_boundary(const entity& e, consolidation_approach a) {
  if (a == consolidation_approach::operational_control) return e.operational_control;
  if (a == consolidation_approach::financial_control) return e.financial_control;
  return true;
}

// Scope and category: the row's own, else the factor's hint, else its activity family's.
std::pair<std::optional<int>, std::optional<int>> scope_of(const activity_record& a, const factor& f,
                                                           const factor_database& db) {
  const activity_family* family = db.family_of(f.activity);
  std::optional<int> scope = a.scope ? a.scope : f.scope ? f.scope : family ? family->scope : std::nullopt;
  std::optional<int> category = a.category ? a.category : f.category ? f.category : family ? family->category : std::nullopt;
  if (scope != 3) category.reset();
  return {scope, category};
}

bool region_covers(const factor_database& db, const std::string& market, const std::string& region) {
  if (market.empty() || region.empty()) return market.empty();
  const auto code = db.regions().canonical(region);
  const auto market_code = db.regions().canonical(market);
  if (!code || !market_code) return false;
  const auto chain = db.regions().fallback_chain(*code);
  return std::find(chain.begin(), chain.end(), *market_code) != chain.end();
}

struct electricity_use {
  inventory_row* row;
  const activity_record* record;
  double kwh;
  double remaining;
};

void allocate_certificates(const inventory& inv, const factor_database& db, std::vector<electricity_use>& uses,
                           inventory_result& out) {
  for (const auto& c : inv.certificates) {
    if (!c.entity.empty() && std::none_of(inv.entities.begin(), inv.entities.end(), [&](const entity& e) { return e.id == c.entity; })) {
      throw input_error(describe_problem(c.where, "entity", quote(c.entity), "the id of an entity of this inventory"));
    }
    if (!db.regions().canonical(c.market)) {
      throw input_error(describe_problem(c.where, "market", quote(c.market), db.regions().expected_for(c.market)));
    }
    double left = c.volume_kwh;
    if (c.vintage != inv.year) {
      out.warnings.push_back(fmt::format("certificate '{}' has vintage {} for reporting year {} (Scope 2 quality "
                                         "criteria: vintage close to the consumption period)", c.id, c.vintage, inv.year));
    }
    for (auto& use : uses) {
      if (left <= 0.0) break;
      if (use.row->share == 0.0) continue;  // outside the boundary: not the reporter's consumption to claim
      if (!c.entity.empty() && use.row->entity != c.entity) continue;
      if (!region_covers(db, c.market, use.record->region)) continue;
      const double take = std::min(left, use.remaining);
      if (take <= 0.0) continue;
      use.row->market_steps.push_back({"certificate", c.id, take, c.kg_co2e_per_kwh, take * c.kg_co2e_per_kwh});
      use.remaining -= take;
      left -= take;
    }
    if (left > 1e-6 * std::max(1.0, c.volume_kwh)) {
      throw input_error(describe_problem(c.where, "volume", fmt::format("{:g} kWh more than the eligible consumption", left),
                                         fmt::format("certificates of at most the electricity consumed by {} in market {}",
                                                     c.entity.empty() ? "the boundary" : c.entity, c.market)));
    }
  }
}

void apply_remaining(const inventory& inv, const factor_database& db, electricity_use& use, inventory_result& out) {
  if (use.remaining <= 0.0) return;
  for (const auto& s : inv.supplier_rates) {
    if (!s.entity.empty() && s.entity != use.row->entity) continue;
    if (!s.region.empty() && !region_covers(db, s.region, use.record->region)) continue;
    use.row->market_steps.push_back({"supplier", s.supplier, use.remaining, s.kg_co2e_per_kwh, use.remaining * s.kg_co2e_per_kwh});
    use.remaining = 0.0;
    return;
  }
  const std::string& region = use.row->result.provenance.region_used;
  try {
    lookup_query q;
    q.activity = "electricity.residual_mix";
    q.region = region;
    q.year = use.row->result.provenance.year_used;
    const lookup_result r = db.find(q);
    const double rate = co2e_per_unit(*r.found, db.gases(), inv.gwp).kg_per_unit *
                        conversion_factor(parse_unit("kWh"), r.found->unit);
    use.row->market_steps.push_back({"residual_mix", r.found->id, use.remaining, rate, use.remaining * rate});
  } catch (const lookup_error&) {
    const double rate = use.row->result.co2e_kg / use.kwh;
    use.row->market_steps.push_back({"grid_average", use.row->result.provenance.factor_id, use.remaining, rate,
                                     use.remaining * rate});
    out.warnings.push_back(fmt::format("row {} ({}): no residual mix for {}: the grid average stands in for the "
                                       "market-based method (Scope 2 Guidance, last resort)",
                                       use.row->index + 1, use.record->where.str(), region));
  }
  use.remaining = 0.0;
}

void market_based(const inventory& inv, const factor_database& db, inventory_result& out) {
  std::vector<electricity_use> uses;
  for (auto& row : out.rows) {
    if (row.scope != 2) continue;
    const activity_record& record = inv.activities[row.index];
    if (!row.result.provenance.activity.starts_with("electricity")) {
      row.co2e_market_kg = row.co2e_kg;  // heat, steam, cooling without instruments: the supplier's factor as used
      row.market_steps.push_back({"location_factor", row.result.provenance.factor_id, 0.0, 0.0, row.result.co2e_kg});
      continue;
    }
    const double kwh = record.amount * conversion_factor(parse_unit(record.unit), parse_unit("kWh"));
    uses.push_back({&row, &record, kwh, kwh});
  }
  allocate_certificates(inv, db, uses, out);
  for (auto& use : uses) {
    apply_remaining(inv, db, use, out);
    double total = 0.0;
    for (const auto& step : use.row->market_steps) total += step.co2e_kg;
    use.row->co2e_market_kg = use.row->share * total;
  }
}

// Screening method for refrigeration and air-conditioning equipment (GHG Protocol HFC/PFC guidance;
// New Zealand MfE guide, Appendix B, method B): refrigerant lost = full charge x annual leak rate.
double refrigerant_lost(const factor_database& db, const activity_record& a, std::vector<std::string>& steps) {
  const std::string& path = a.factor.empty() ? a.activity : db.get(a.factor).activity;
  if (!path.starts_with("refrigerant.")) {
    throw input_error(describe_problem({}, a.equipment.empty() ? "annual_leak_rate_pct" : "equipment",
                                       quote(a.equipment.empty() ? fmt::format("{}", *a.annual_leak_rate * 100) : a.equipment),
                                       fmt::format("nothing: a leak rate applies to a refrigerant charge, and '{}' is "
                                                   "not a refrigerant.* activity", path)));
  }
  double rate = 0.0;
  std::string cited;
  if (a.annual_leak_rate) {
    rate = *a.annual_leak_rate;
    cited = "the row's annual_leak_rate_pct";
  } else {
    coefficient_query q;
    q.quantity = "refrigerant.annual_leak_rate";
    q.key = a.equipment;
    const coefficient* found = nullptr;
    try {
      found = &db.find_coefficient(q);
    } catch (const lookup_error&) {
      std::vector<std::string> types;
      for (const auto& c : db.coefficients()) {
        if (c.quantity == q.quantity) types.push_back(c.key);
      }
      throw input_error(describe_problem({}, "equipment", quote(a.equipment),
                                         fmt::format("an equipment type with a default leak rate ({}), or the row's "
                                                     "own annual_leak_rate_pct", fmt::join(types, ", "))));
    }
    rate = found->value * found->unit.scale;
    cited = fmt::format("refrigerant.annual_leak_rate of {}: {}, source {}", found->key, found->id, found->source_id);
  }
  const double lost = a.amount * rate;
  steps.push_back(fmt::format("charge {} {} x annual leak rate {:.4g}% ({}) = {:.6g} {} lost (screening method)", a.amount,
                              a.unit, rate * 100, cited, lost, a.unit));
  return lost;
}

// The region of an activity's factors when they all have the same one.
std::optional<std::string> single_region_of(const factor_database& db, std::string_view activity) {
  std::optional<std::string> region;
  for (const auto& f : db.factors()) {
    if (f.activity != activity) continue;
    if (region && *region != f.region) return std::nullopt;
    region = f.region;
  }
  return region;
}

// GHG Protocol Scope 3 Technical Guidance, category 3: upstream of purchased fuels and energy,
// derived with the same amount as the scope 1 or 2 row through the family's `upstream` activities.
void derive_category3(const inventory& inv, const factor_database& db, inventory_result& out) {
  const bool given = std::any_of(out.rows.begin(), out.rows.end(), [](const inventory_row& r) {
    return r.scope == 3 && r.category == 3;
  });
  if (!inv.derive_category3 || given) {
    if (given && inv.derive_category3) out.warnings.push_back("category 3 rows are given: none derived");
    return;
  }
  std::vector<inventory_row> derived;
  for (const auto& row : out.rows) {
    if ((row.scope != 1 && row.scope != 2) || row.share == 0.0) continue;
    const factor& used = db.get(row.result.provenance.factor_id);
    const activity_family* family = db.family_of(used.activity);
    if (family == nullptr || family->upstream.empty()) continue;
    if (row.scope == 2 && used.has_tag("lifecycle")) {
      out.warnings.push_back(fmt::format("category 3 not derived from {}: its location factor '{}' is lifecycle (it "
                                         "already holds the upstream emissions)", row.where.str(), used.id));
      continue;
    }
    const activity_record& a = inv.activities[row.index];
    for (const auto& upstream : family->upstream) {
      calc_options o;
      o.gwp = inv.gwp;
      if (!a.region.empty()) o.region = a.region;
      o.year = a.year.value_or(inv.year);
      o.allow_later_year = inv.allow_later_years;
      if (!a.basis.empty()) o.basis = a.basis;
      inventory_row d;
      try {
        try {
          d.result = calculate(db, upstream, amount{a.amount, a.unit}, o);
        } catch (const lookup_error&) {
          // Upstream factors are scarce (the shipped ones are the UK's): where the row's region has
          // none and a single region has some, that region stands in as a proxy, said in the result.
          const std::optional<std::string> proxy = single_region_of(db, upstream);
          if (!proxy || !o.region || *proxy == *o.region) throw;
          const std::string wanted = *o.region;
          o.region = *proxy;
          d.result = calculate(db, upstream, amount{a.amount, a.unit}, o);
          d.result.provenance.warnings.push_back(fmt::format(
              "proxy: no '{}' factor for {} or its fallbacks; the factor of {} (the only region with one) stands in",
              upstream, wanted, *proxy));
          out.warnings.push_back(fmt::format("category 3 '{}' of {}: {} factor used as a proxy for {}", upstream,
                                             row.where.str(), *proxy, wanted));
        }
      } catch (const error& e) {
        out.warnings.push_back(fmt::format("category 3 '{}' not derived from {}: {}", upstream, row.where.str(), e.what()));
        continue;
      }
      d.index = row.index;
      d.derived_from = row.index;
      d.id = row.id.empty() ? upstream : fmt::format("{}/{}", row.id, upstream);
      d.entity = row.entity;
      d.activity = d.result.provenance.activity;
      d.where = row.where;
      d.scope = 3;
      d.category = 3;
      d.share = row.share;
      d.co2e_kg = d.share * d.result.co2e_kg;
      for (const auto& g : d.result.gases_kg) d.gases_kg.push_back({g.gas, d.share * g.kg});
      d.biogenic_co2_kg = d.share * d.result.biogenic_co2_kg;
      derived.push_back(std::move(d));
    }
  }
  for (auto& d : derived) out.rows.push_back(std::move(d));
}

}  // namespace

std::vector<std::pair<std::string, double>> consolidation_shares(const inventory& inv) {
  std::map<std::string, const entity*, std::less<>> by_id;
  for (const auto& e : inv.entities) by_id.emplace(e.id, &e);
  std::vector<std::pair<std::string, double>> shares;
  for (const auto& e : inv.entities) {
    double share = 1.0;
    std::size_t depth = 0;
    for (const entity* up = &e; up != nullptr;) {
      if (++depth > inv.entities.size()) raise<input_error>(e.where, "parent", quote(e.parent), "an entity tree without cycles");
      share *= inv.consolidation == consolidation_approach::equity_share ? up->ownership
                                                                          : (in_boundary(*up, inv.consolidation) ? 1.0 : 0.0);
      if (up->parent.empty()) break;
      auto parent = by_id.find(up->parent);
      if (parent == by_id.end()) raise<input_error>(up->where, "parent", quote(up->parent), "the id of an entity of this inventory");
      up = parent->second;
    }
    shares.emplace_back(e.id, share);
  }
  return shares;
}

inventory_result compute_inventory(const inventory& inv, const factor_database& base) {
  const factor_database db = inv.factor_layers.empty() ? base : base.layer(inv.factor_layers);
  share_map shares;
  for (const auto& [id, share] : consolidation_shares(inv)) shares.emplace(id, share);

  inventory_result out;
  out.organisation = inv.organisation;
  out.year = inv.year;
  out.base_year = inv.base_year;
  out.gwp = inv.gwp;
  out.consolidation = inv.consolidation;
  out.database_hash = db.content_hash();
  out.ghgkit_version = std::string(version);
  out.inventory_file = inv.file.string();
  out.input_rows = inv.activities.size();
  out.denominators = inv.denominators;
  for (const auto& a : inv.activities) {
    auto skip = [&](std::string reason) {
      out.skipped.push_back({a.index, a.id, a.activity.empty() ? a.factor : a.activity, a.where, std::move(reason)});
    };
    if (!a.problem.empty()) { skip(a.problem); continue; }
    auto share = shares.find(a.entity);
    if (share == shares.end()) {
      skip(a.entity.empty() ? "no entity: name one (the inventory has several)" : fmt::format("unknown entity '{}'", a.entity));
      continue;
    }
    calc_options o;
    o.gwp = inv.gwp;
    if (!a.region.empty()) o.region = a.region;
    o.year = a.year.value_or(inv.year);
    o.allow_later_year = inv.allow_later_years;
    if (!a.basis.empty()) o.basis = a.basis;
    o.activity_uncertainty = a.uncertainty;
    inventory_row row;
    try {
      if (a.flight) {
        flight_activity leg = flight_passenger_km(db, *a.flight);
        o.region = leg.region;
        row.result = calculate(db, a.factor.empty() ? leg.activity : a.factor, amount{leg.passenger_km, "passenger.km"}, o);
        auto& steps = row.result.provenance.conversions;
        steps.insert(steps.begin(), leg.steps.begin(), leg.steps.end());
      } else if (!a.equipment.empty() || a.annual_leak_rate) {
        std::vector<std::string> steps;
        const double lost = refrigerant_lost(db, a, steps);
        row.result = calculate(db, a.factor.empty() ? a.activity : a.factor, amount{lost, a.unit}, o);
        auto& conversions = row.result.provenance.conversions;
        conversions.insert(conversions.begin(), steps.begin(), steps.end());
      } else {
        row.result = calculate(db, a.factor.empty() ? a.activity : a.factor, amount{a.amount, a.unit}, o);
      }
    } catch (const error& e) {
      skip(e.what());
      continue;
    }
    const auto [scope, category] = scope_of(a, db.get(row.result.provenance.factor_id), db);
    if (!scope) { skip(fmt::format("no scope for activity '{}': give 'scope' on the row", row.result.provenance.activity)); continue; }
    row.index = a.index;
    row.id = a.id;
    row.entity = a.entity;
    row.activity = row.result.provenance.activity;
    row.where = a.where;
    row.scope = *scope;
    row.category = category;
    row.share = share->second;
    row.co2e_kg = row.share * row.result.co2e_kg;
    for (const auto& g : row.result.gases_kg) row.gases_kg.push_back({g.gas, row.share * g.kg});
    row.biogenic_co2_kg = row.share * row.result.biogenic_co2_kg;
    out.rows.push_back(std::move(row));
  }
  market_based(inv, db, out);
  derive_category3(inv, db, out);
  return out;
}

inventory_total inventory_result::total(std::optional<int> scope, std::optional<int> category, scope2_method method) const {
  inventory_total t;
  double squares = 0.0, with_uncertainty = 0.0;
  for (const auto& r : rows) {
    if (scope && r.scope != *scope) continue;
    if (category && r.category != category) continue;
    const double value = method == scope2_method::market && r.co2e_market_kg ? *r.co2e_market_kg : r.co2e_kg;
    t.co2e_kg += value;
    ++t.rows;
    if (r.result.uncertainty.known()) {
      const double u = std::max(r.result.uncertainty.minus_pct, r.result.uncertainty.plus_pct);
      squares += (u * value) * (u * value);
      with_uncertainty += value;
      ++t.rows_with_uncertainty;
    }
  }
  // IPCC 2006 Vol. 1 eq. 3.2 over the rows whose uncertainty is known.
  t.pct95 = with_uncertainty != 0.0 ? std::sqrt(squares) / std::abs(with_uncertainty) : 0.0;
  return t;
}

std::vector<gas_amount> inventory_result::gases_kg(std::optional<int> scope) const {
  std::map<std::string, double> sums;
  for (const auto& r : rows) {
    if (scope && r.scope != *scope) continue;
    for (const auto& g : r.gases_kg) sums[g.gas] += g.kg;
  }
  std::vector<gas_amount> out;
  for (const auto& [gas, kg] : sums) out.push_back({gas, kg});
  return out;
}

std::size_t inventory_result::computed_input_rows() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const inventory_row& r) { return !r.derived_from.has_value(); }));
}

double inventory_result::biogenic_co2_kg() const {
  double sum = 0.0;
  for (const auto& r : rows) sum += r.biogenic_co2_kg;
  return sum;
}

}  // namespace v0
}  // namespace ghgkit
