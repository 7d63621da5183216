#include "ghgkit/calc/amount_conversion.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ghgkit/calc/spend.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

const dimension& volume_dim() {
  static const dimension d = parse_unit("m3").dim;
  return d;
}
const dimension& mass_dim() {
  static const dimension d = parse_unit("kg").dim;
  return d;
}
const dimension& energy_dim() {
  static const dimension d = parse_unit("J").dim;
  return d;
}
const dimension& ratio_dim() {
  static const dimension d = parse_unit("1").dim;
  return d;
}

bool same_key(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return low(x) == low(y);
  });
}

std::string_view parent_path(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

// A property of a fuel in base units (kg/m3, J/kg or a ratio), found under the fuel's activity path
// or the nearest parent path that has one (fuel.diesel.stationary.manufacturing -> fuel.diesel).
struct fuel_property {
  double base_value = 0.0;
  std::string cited;  // "0.8444 kg/L (id, source s)"
};

fuel_property property_of(const factor_database& db, std::string_view fuel, std::string_view quantity,
                          const dimension& expected, std::string_view expected_text, std::string_view purpose) {
  for (std::string_view path = fuel; !path.empty(); path = parent_path(path)) {
    const auto coefficients = db.coefficients();
    const bool present = std::any_of(coefficients.begin(), coefficients.end(), [&](const coefficient& c) {
      return c.quantity == quantity && same_key(c.key, path);
    });
    if (!present) continue;
    coefficient_query q;
    q.quantity = std::string(quantity);
    q.key = std::string(path);
    const coefficient& c = db.find_coefficient(q);
    if (c.unit.dim != expected) {
      throw unit_error(fmt::format("coefficient '{}' ({} of '{}') is in '{}' ({}); expected {}", c.id, quantity, path,
                                   c.unit.symbol, describe(c.unit.dim), expected_text));
    }
    if (!(c.value > 0.0)) {
      throw unit_error(fmt::format("coefficient '{}' ({} of '{}') is {}; expected a positive value", c.id, quantity,
                                   path, c.value));
    }
    const std::string value = c.unit.symbol == "1" ? fmt::format("{}", c.value) : fmt::format("{} {}", c.value, c.unit.symbol);
    return {c.value * c.unit.scale, fmt::format("{} {} of {}: {}, source {}", quantity, value, c.key, c.id, c.source_id)};
  }
  throw lookup_error(fmt::format("no {} for '{}' in the database, needed {} (a coefficient '{}' in {} with key '{}' or "
                                 "a parent path; add one in a factor layer of your own)",
                                 quantity, fuel, purpose, quantity, expected_text, fuel));
}

fuel_property density_of(const factor_database& db, std::string_view fuel) {
  return property_of(db, fuel, "fuel.density", mass_dim() / volume_dim(), "a mass per volume such as kg/L",
                     "to convert between the fuel's volume and mass");
}
fuel_property ncv_of(const factor_database& db, std::string_view fuel) {
  return property_of(db, fuel, "fuel.net_calorific_value", energy_dim() / mass_dim(), "an energy per mass such as GJ/t",
                     "to convert between the fuel's mass and energy");
}
fuel_property gcv_per_ncv_of(const factor_database& db, std::string_view fuel) {
  return property_of(db, fuel, "fuel.gcv_per_ncv", ratio_dim(), "a dimensionless ratio (unit \"1\")",
                     "to convert between gross and net calorific value");
}

// Quantities of the steps in readable units (the base values are m3, kg and J).
std::string litres(double m3) { return fmt::format("{:.6g} L", m3 * 1e3); }
std::string kilograms(double kg) { return fmt::format("{:.6g} kg", kg); }
std::string gigajoules(double j, std::string_view basis) { return fmt::format("{:.6g} GJ ({})", j / 1e9, basis); }

std::string basis_name(const std::string& basis) { return basis == "gross_cv" ? "gross CV" : "net CV"; }

[[noreturn]] void cannot_convert(const ghgkit::unit& from, const factor& f) {
  throw unit_error(fmt::format("cannot convert '{}' ({}) to '{}' ({}): factor '{}' for '{}' is per {}", from.symbol,
                               describe(from.dim), f.unit.symbol, describe(f.unit.dim), f.id, f.activity, f.unit.symbol));
}

// A fuel amount of one dimension in the factor's dimension, through the fuel's mass.
double fuel_in_factor_unit(const factor_database& db, double value, const ghgkit::unit& u,
                           const std::optional<std::string>& basis, const factor& f, std::vector<std::string>& steps,
                           std::vector<std::string>& warnings) {
  const std::string& fuel = f.activity;
  const double base = value * u.scale;
  const std::string given = fmt::format("{} {}", value, u.symbol);
  std::optional<fuel_property> density, ncv, ratio;
  double mass_kg = 0.0;
  if (u.dim == volume_dim()) {
    density = density_of(db, fuel);
    mass_kg = base * density->base_value;
    steps.push_back(fmt::format("{} ({}) x {} = {}", given, litres(base), density->cited, kilograms(mass_kg)));
  } else if (u.dim == mass_dim()) {
    mass_kg = base;
  } else {
    double net_j = base;
    if (basis == "gross_cv") {
      ratio = gcv_per_ncv_of(db, fuel);
      net_j = base / ratio->base_value;
      steps.push_back(fmt::format("{} ({}) / {} = {}", given, gigajoules(base, "gross CV"), ratio->cited,
                                  gigajoules(net_j, "net CV")));
    } else if (!basis) {
      warnings.push_back(fmt::format("calorific basis of the amount not given: {} taken as net calorific value", given));
    }
    ncv = ncv_of(db, fuel);
    mass_kg = net_j / ncv->base_value;
    steps.push_back(fmt::format("{} / {} = {}", gigajoules(net_j, "net CV"), ncv->cited, kilograms(mass_kg)));
  }
  double out_base = 0.0;
  if (f.unit.dim == mass_dim()) {
    out_base = mass_kg;
  } else if (f.unit.dim == volume_dim()) {
    if (!density) density = density_of(db, fuel);
    out_base = mass_kg / density->base_value;
    steps.push_back(fmt::format("{} / {} = {}", kilograms(mass_kg), density->cited, litres(out_base)));
  } else {
    if (!ncv) ncv = ncv_of(db, fuel);
    const double net_j = mass_kg * ncv->base_value;
    steps.push_back(fmt::format("{} x {} = {}", kilograms(mass_kg), ncv->cited, gigajoules(net_j, "net CV")));
    out_base = net_j;
    if (f.basis == "gross_cv") {
      if (!ratio) ratio = gcv_per_ncv_of(db, fuel);
      out_base = net_j * ratio->base_value;
      steps.push_back(fmt::format("{} x {} = {}", gigajoules(net_j, "net CV"), ratio->cited,
                                  gigajoules(out_base, "gross CV")));
    }
  }
  const double out = out_base / f.unit.scale;
  steps.push_back(fmt::format("= {:.6g} {} (the unit of factor '{}')", out, f.unit.symbol, f.id));
  return out;
}

// An energy on one calorific basis in the factor's unit and basis.
double energy_in_factor_unit(const factor_database& db, double value, const ghgkit::unit& u,
                             const std::optional<std::string>& basis, const factor& f, std::vector<std::string>& steps,
                             std::vector<std::string>& warnings) {
  const double in_unit = value * conversion_factor(u, f.unit);
  if (f.basis.empty()) return in_unit;
  if (!basis) {
    warnings.push_back(fmt::format("calorific basis of the amount not given: taken as the factor's ({})",
                                   basis_name(f.basis)));
    return in_unit;
  }
  if (*basis == f.basis) return in_unit;
  fuel_property ratio;
  try {
    ratio = gcv_per_ncv_of(db, f.activity);
  } catch (const lookup_error& e) {
    throw unit_error(fmt::format("cannot convert {} {} on a {} basis to factor '{}' on a {} basis: {}", value, u.symbol,
                                 basis_name(*basis), f.id, basis_name(f.basis), e.what()));
  }
  const double out = *basis == "gross_cv" ? in_unit / ratio.base_value : in_unit * ratio.base_value;
  steps.push_back(fmt::format("{} {} ({}) {} {} = {:.6g} {} ({})", value, u.symbol, basis_name(*basis),
                              *basis == "gross_cv" ? "/" : "x", ratio.cited, out, f.unit.symbol, basis_name(f.basis)));
  return out;
}

}  // namespace


bool is_fuel_dimension(const dimension& d) { return d == volume_dim() || d == mass_dim() || d == energy_dim(); }

namespace {

std::string_view fuel_dimension_name(const dimension& d) {
  return d == volume_dim() ? "volume" : d == mass_dim() ? "mass" : "energy";
}

// A fuel's amount may be bridged to another dimension only where its activity family lists both:
// electricity per kWh is never a mass.
bool family_allows(const factor_database& db, const factor& f, const dimension& from) {
  const activity_family* family = db.family_of(f.activity);
  if (family == nullptr) return false;
  const auto& dims = family->dimensions;
  auto listed = [&](std::string_view name) { return std::find(dims.begin(), dims.end(), name) != dims.end(); };
  return listed(fuel_dimension_name(from)) && listed(fuel_dimension_name(f.unit.dim));
}

}  // namespace

double amount_in_factor_unit(const factor_database& db, const amount& a, const std::optional<std::string>& basis,
                             const factor& f, std::optional<int> year, std::vector<std::string>& steps,
                             std::vector<std::string>& warnings) {
  if (basis && *basis != "net_cv" && *basis != "gross_cv") {
    throw input_error(describe_problem({}, "basis", quote(*basis), "net_cv or gross_cv"));
  }
  const ghgkit::unit u = parse_unit(a.unit);
  if (basis && u.dim != energy_dim()) {
    warnings.push_back(fmt::format("basis {} ignored: a calorific basis qualifies an energy, not '{}'", *basis, u.symbol));
  }
  if (const std::string currency = u.dim.currency(); !currency.empty() && !f.unit.dim.currency().empty()) {
    if (!year) warnings.push_back(fmt::format("spend year not given: taken as the factor's price year {}", f.year));
    return spend_in_factor_terms(db, a.value, currency, f, year.value_or(f.year), steps);
  }
  if (u.dim == f.unit.dim) {
    if (u.dim == energy_dim()) return energy_in_factor_unit(db, a.value, u, basis, f, steps, warnings);
    return a.value * conversion_factor(u, f.unit);
  }
  if (!is_fuel_dimension(u.dim) || !is_fuel_dimension(f.unit.dim) || !family_allows(db, f, u.dim)) cannot_convert(u, f);
  try {
    return fuel_in_factor_unit(db, a.value, u, u.dim == energy_dim() ? basis : std::nullopt, f, steps, warnings);
  } catch (const lookup_error& e) {
    throw unit_error(fmt::format("cannot convert '{}' ({}) to '{}' ({}) for '{}': {}", u.symbol, describe(u.dim),
                                 f.unit.symbol, describe(f.unit.dim), f.activity, e.what()));
  }
}

}  // namespace v0
}  // namespace ghgkit
