#include "ghgkit/calc/calculate.hpp"

#include "ghgkit/calc/spend.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ghgkit {
inline namespace v0 {
namespace {

lookup_query query_for(std::string_view activity, const calc_options& o) {
  lookup_query q;
  q.activity = std::string(activity);
  q.region = o.region;
  q.year = o.year;
  q.strict = o.strict;
  q.allow_later_year = o.allow_later_year;
  q.source = o.source;
  q.basis = o.basis;
  return q;
}

void check_amount(double value) {
  if (!std::isfinite(value) || value < 0.0) {
    throw input_error(describe_problem({}, "amount", fmt::format("{}", value), "a finite number >= 0"));
  }
}

}  // namespace

std::optional<double> emission::co2e_low_kg() const {
  if (!uncertainty.known()) return std::nullopt;
  return co2e_kg * (1.0 - uncertainty.minus_pct / 100.0);
}

std::optional<double> emission::co2e_high_kg() const {
  if (!uncertainty.known()) return std::nullopt;
  return co2e_kg * (1.0 + uncertainty.plus_pct / 100.0);
}

lookup_result resolve_factor(const factor_database& db, std::string_view activity_or_factor_id,
                             const ghgkit::unit& amount_unit, const calc_options& options) {
  if (db.contains(activity_or_factor_id)) {
    const factor& f = db.get(activity_or_factor_id);
    lookup_result r;
    r.found = &f;
    r.region_requested = options.region.value_or("");
    r.region_used = f.region;
    r.year_requested = options.year;
    r.year_used = f.year;
    return r;
  }
  lookup_query q = query_for(activity_or_factor_id, options);
  q.unit_dimension = amount_unit.dim;
  try {
    return db.find(q);
  } catch (const lookup_error&) {
    // Nothing per a unit of the amount's dimension: if a factor exists per another dimension,
    // the problem is the unit, and the error should say so.
    q.unit_dimension.reset();
    lookup_result any;
    try {
      any = db.find(q);
    } catch (const lookup_error&) {
      throw;
    }
    throw unit_error(fmt::format("cannot convert '{}' ({}) to '{}' ({}): factor '{}' for '{}' is per {}",
                                 amount_unit.symbol, describe(amount_unit.dim), any.found->unit.symbol,
                                 describe(any.found->unit.dim), any.found->id, activity_or_factor_id,
                                 any.found->unit.symbol));
  }
}

co2e_rate co2e_per_unit(const factor& f, const gas_registry& gases, std::string_view gwp_set) {
  co2e_rate rate;
  if (!f.gases.empty()) {
    for (const auto& g : f.gases) rate.kg_per_unit += g.kg * gases.gwp(g.gas, gwp_set);
    rate.method = fmt::format("sum of gases x GWP-100 ({})", gwp_set);
    return rate;
  }
  if (f.co2e_kg) {
    rate.kg_per_unit = *f.co2e_kg;
    if (f.co2e_gwp_set == "unspecified") {
      rate.method = "CO2e as given by the source (GWP set not stated by the source)";
      rate.warning = fmt::format("factor '{}': the source does not state the GWP set of its CO2e; used as given "
                                 "under {}", f.id, gwp_set);
    } else {
      rate.method = fmt::format("CO2e as given by the source ({})", f.co2e_gwp_set);
      if (f.co2e_gwp_set != gwp_set) {
        rate.warning = fmt::format("factor '{}' gives CO2e under {} and no per-gas values, so it cannot be restated "
                                   "under {}; used as given", f.id, f.co2e_gwp_set, gwp_set);
      }
    }
    return rate;
  }
  rate.method = "no fossil or scope gases (biogenic CO2 only)";
  return rate;
}

emission calculate(const factor_database& db, std::string_view activity_or_factor_id, const amount& a,
                   const calc_options& options) {
  check_amount(a.value);
  (void)db.gases().table(options.gwp);  // an unknown GWP set fails before any lookup
  const ghgkit::unit amount_unit = parse_unit(a.unit);
  const lookup_result found = resolve_factor(db, activity_or_factor_id, amount_unit, options);
  const factor& f = *found.found;
  emission e;
  provenance& p = e.provenance;
  double in_factor_unit = 0.0;
  if (const std::string currency = amount_unit.dim.currency(); !currency.empty() && !f.unit.dim.currency().empty()) {
    if (!options.year) {
      p.warnings.push_back(fmt::format("spend year not given: taken as the factor's price year {}", f.year));
    }
    in_factor_unit = spend_in_factor_terms(db, a.value, currency, f, options.year.value_or(f.year), p.conversions);
  } else {
    in_factor_unit = a.value * conversion_factor(amount_unit, f.unit);
  }

  for (const auto& g : f.gases) e.gases_kg.push_back({g.gas, in_factor_unit * g.kg});
  e.biogenic_co2_kg = in_factor_unit * f.biogenic_co2_kg.value_or(0.0);
  const co2e_rate rate = co2e_per_unit(f, db.gases(), options.gwp);
  e.co2e_kg = in_factor_unit * rate.kg_per_unit;

  if (!rate.warning.empty()) p.warnings.push_back(rate.warning);
  if (f.uncertainty.known() && options.activity_uncertainty.known()) {
    e.uncertainty = combine_product({f.uncertainty, options.activity_uncertainty});
  } else if (f.uncertainty.known()) {
    e.uncertainty = f.uncertainty;
    p.warnings.push_back("activity uncertainty not given: the interval covers the factor's uncertainty only");
  } else {
    p.warnings.push_back(fmt::format("factor '{}' states no uncertainty: the result's uncertainty is unknown", f.id));
  }
  const source& s = db.source_of(f);
  p.factor_id = f.id;
  p.activity = f.activity;
  p.source_id = s.id;
  p.source_publisher = s.publisher;
  p.source_title = s.title;
  p.source_url = s.url;
  p.source_licence = s.licence;
  p.source_year = s.year;
  p.region_requested = found.region_requested;
  p.region_used = found.region_used;
  p.year_requested = found.year_requested;
  p.year_used = found.year_used;
  p.fallbacks = found.fallbacks;
  p.database_hash = db.content_hash();
  p.gwp_set = options.gwp;
  p.co2e_method = rate.method;
  p.factor_location = f.origin.where.str();
  for (const auto& o : f.overrides) p.overrides.push_back(o.where.str());
  p.amount = a.value;
  p.amount_unit = amount_unit.symbol;
  p.amount_in_factor_unit = in_factor_unit;
  p.factor_unit = f.unit.symbol;
  return e;
}

emission calculate(const factor_database& db, std::string_view id, units::energy e, const calc_options& o) {
  return calculate(db, id, amount{units::in(e, units::symbols::kWh), "kWh"}, o);
}
emission calculate(const factor_database& db, std::string_view id, units::mass m, const calc_options& o) {
  return calculate(db, id, amount{units::in(m, units::symbols::kg), "kg"}, o);
}
emission calculate(const factor_database& db, std::string_view id, units::volume v, const calc_options& o) {
  return calculate(db, id, amount{units::in(v, units::symbols::L), "L"}, o);
}
emission calculate(const factor_database& db, std::string_view id, units::distance d, const calc_options& o) {
  return calculate(db, id, amount{units::in(d, units::symbols::km), "km"}, o);
}

}  // namespace v0
}  // namespace ghgkit
