#include "figures.hpp"

#include <fmt/format.h>

#include <cmath>

#include "ghgkit/calc/calculate.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

const used_figure* footprint::figure(std::string_view name) const {
  for (const auto& f : figures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace digital
}  // namespace v0

namespace detail {

double checked(std::string_view field, double value, bool positive) {
  if (!std::isfinite(value) || value < 0.0 || (positive && value == 0.0)) {
    throw input_error(describe_problem({}, field, fmt::format("{}", value),
                                       positive ? "a finite number > 0" : "a finite number >= 0"));
  }
  return value;
}

double fraction(std::string_view field, double value) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw input_error(describe_problem({}, field, fmt::format("{}", value), "a fraction from 0 to 1"));
  }
  return value;
}

std::string num(double value) { return fmt::format("{:.6g}", value); }

double argument(digital::footprint& out, std::string_view name, double value, std::string_view unit) {
  out.figures.push_back({std::string(name), value, std::string(unit), "argument", ""});
  return value;
}

double coefficient_figure(const factor_database& db, const coefficient_query& query, std::string_view name,
                          std::string_view unit, digital::footprint& out) {
  const coefficient& c = db.find_coefficient(query);
  const ghgkit::unit wanted = parse_unit(unit);
  if (c.unit.dim != wanted.dim) {
    throw unit_error(fmt::format("coefficient '{}' ({}) is in '{}' ({}); {} needs {}", c.id, c.quantity, c.unit.symbol,
                                 describe(c.unit.dim), name, describe(wanted.dim)));
  }
  const double value = c.value * c.unit.scale / wanted.scale;
  out.figures.push_back({std::string(name), value, std::string(unit), c.id, c.source_id});
  out.database_hash = db.content_hash();
  return value;
}

double grid_intensity(const factor_database& db, const digital::grid_choice& grid, digital::footprint& out) {
  if (grid.intensity_kg_per_kwh) {
    return argument(out, "grid intensity", checked("intensity_kg_per_kwh", *grid.intensity_kg_per_kwh), "kg/kWh");
  }
  if (!grid.region) {
    throw input_error(describe_problem({}, "intensity_kg_per_kwh", "nothing",
                                       "a grid intensity in kg CO2e/kWh, or a region whose grid factor the database has"));
  }
  calc_options o;
  o.region = grid.region;
  o.year = grid.year;
  o.allow_later_year = grid.allow_later_year;
  const emission e = calculate(db, "electricity.grid", amount{1.0, "kWh"}, o);
  const auto& p = e.provenance;
  out.figures.push_back({"grid intensity", e.co2e_kg, "kg/kWh", p.factor_id, p.source_id});
  for (const auto& w : p.warnings) {
    if (w.find("states no uncertainty") == std::string::npos) out.warnings.push_back(w);
  }
  for (const auto& f : p.fallbacks) out.warnings.push_back(fmt::format("grid factor: {} {} -> {}", f.kind, f.from, f.to));
  out.database_hash = db.content_hash();
  return e.co2e_kg;
}

}  // namespace detail
}  // namespace ghgkit
