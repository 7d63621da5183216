#include "ghgkit/calc/calculate.hpp"

#include "ghgkit/calc/amount_conversion.hpp"

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
  const dimension energy = parse_unit("J").dim;
  // Whether the activity has factors per a dimension at all: a failed lookup then has another cause
  // (no region, ambiguity) that converting the amount must not hide.
  auto has_factors_per = [&](const dimension& d) {
    for (const auto& f : db.factors()) {
      if (f.activity == activity_or_factor_id && f.unit.dim == d) return true;
    }
    return false;
  };
  // A factor per `d`: for an energy on no stated basis, factors on both bases are told apart by
  // taking the net one (IPCC's convention; the calculation warns that the basis was assumed).
  auto find_per = [&](const dimension& d, const std::optional<std::string>& basis) -> lookup_result {
    q.unit_dimension = d;
    q.basis = d == energy ? basis : std::nullopt;
    try {
      return db.find(q);
    } catch (const lookup_error&) {
      if (d != energy || basis) throw;
      q.basis = "net_cv";
      try {
        return db.find(q);
      } catch (const lookup_error&) {
      }
      throw;
    }
  };
  // An energy on a stated calorific basis: a factor on that basis first, then one on the other
  // basis (the amount is converted with the fuel's GCV/NCV ratio).
  if (options.basis && amount_unit.dim == energy) {
    try {
      return find_per(energy, options.basis);
    } catch (const lookup_error&) {
    }
  }
  try {
    return find_per(amount_unit.dim, std::nullopt);
  } catch (const lookup_error&) {
    if (has_factors_per(amount_unit.dim)) throw;
    // A fuel given by volume, mass or energy may be priced per another of these, through its density
    // and calorific value: a factor per energy (the basis of IPCC's figures) first, then mass, then volume.
    if (is_fuel_dimension(amount_unit.dim)) {
      for (const char* other : {"J", "kg", "m3"}) {
        const dimension d = parse_unit(other).dim;
        if (d == amount_unit.dim || !has_factors_per(d)) continue;
        try {
          return find_per(d, std::nullopt);
        } catch (const lookup_error&) {
        }
      }
    }
    // Nothing per a unit of the amount's dimension: if a factor exists per another dimension,
    // the problem is the unit, and the error should say so.
    q.unit_dimension.reset();
    q.basis.reset();
    const lookup_result any = db.find(q);  // throws the lookup's own error when the activity has no factor at all
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
  const double in_factor_unit = amount_in_factor_unit(db, a, options.basis, f, options.year, p.conversions, p.warnings);

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
