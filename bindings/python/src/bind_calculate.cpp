// Emission, FactorDatabase.calculate and FactorDatabase.calculate_batch.

#include <pybind11/stl.h>

#include <fmt/format.h>

#include "bindings.hpp"

namespace ghgkit::python {
namespace {

calc_options options_of(std::optional<std::string> region, std::optional<int> year, std::string gwp, bool strict,
                        bool allow_later_year, std::optional<std::string> source, std::optional<std::string> basis,
                        std::optional<double> activity_uncertainty_pct95) {
  calc_options o;
  o.region = std::move(region);
  o.year = year;
  o.gwp = std::move(gwp);
  o.strict = strict;
  o.allow_later_year = allow_later_year;
  o.source = std::move(source);
  o.basis = std::move(basis);
  if (activity_uncertainty_pct95) {
    if (!(*activity_uncertainty_pct95 >= 0.0)) {
      throw input_error(describe_problem({}, "activity_uncertainty_pct95", fmt::format("{}", *activity_uncertainty_pct95),
                                         "a percentage >= 0"));
    }
    o.activity_uncertainty = uncertainty::interval95(*activity_uncertainty_pct95, *activity_uncertainty_pct95);
  }
  return o;
}

// Python strings kept alive as std::string while the kernel reads them as views.
struct string_column {
  std::vector<std::string> storage;
  std::vector<std::string_view> views;

  explicit string_column(const py::object& values, const char* name) {
    if (values.is_none()) return;
    if (py::isinstance<py::str>(values)) {
      storage.push_back(py::cast<std::string>(values));
    } else {
      for (const auto& v : values) {
        if (v.is_none()) storage.emplace_back();
        else if (py::isinstance<py::str>(v)) storage.push_back(py::cast<std::string>(v));
        else throw input_error(fmt::format("batch column '{}': found {}, expected text", name, py::str(py::type::of(v)).cast<std::string>()));
      }
    }
    views.assign(storage.begin(), storage.end());
  }
};

py::dict batch_to_dict(const batch_result& r) {
  py::dict d;
  d["co2e_kg"] = r.co2e_kg;
  d["biogenic_co2_kg"] = r.biogenic_co2_kg;
  py::dict gases;
  for (std::size_t i = 0; i < r.gas_names.size(); ++i) gases[py::str(r.gas_names[i])] = r.gas_kg[i];
  d["gases_kg"] = gases;
  std::vector<bool> computed(r.computed.begin(), r.computed.end());
  d["computed"] = computed;
  d["reason"] = r.reason;
  py::list ids;
  for (auto index : r.factor) ids.append(index < 0 ? py::object(py::none()) : py::cast(r.factor_ids[static_cast<std::size_t>(index)]));
  d["factor_id"] = ids;
  d["fallbacks"] = r.fallbacks;
  d["computed_rows"] = r.computed_rows;
  d["skipped_rows"] = r.skipped_rows;
  d["total_co2e_kg"] = r.total_co2e_kg;
  d["total_biogenic_co2_kg"] = r.total_biogenic_co2_kg;
  d["database_hash"] = r.database_hash;
  d["gwp"] = r.gwp_set;
  d["warnings"] = r.warnings;
  return d;
}

}  // namespace

void bind_calculate(py::module_& m) {
  py::class_<emission>(m, "Emission",
                       "The result of one calculation, with provenance.\n\n"
                       "    >>> e = db.calculate('electricity.grid', 12000, 'kWh', region='FR', year=2023)\n"
                       "    >>> round(e.co2e_kg, 1), e.provenance['region'], e.provenance['gwp']\n"
                       "    (672.5, 'FR', 'AR6')")
      .def_readonly("co2e_kg", &emission::co2e_kg)
      .def_property_readonly("gases_kg", [](const emission& e) {
        py::dict d;
        for (const auto& g : e.gases_kg) d[py::str(g.gas)] = g.kg;
        return d;
      }, "kg of each gas (CO2e and biogenic CO2 apart)")
      .def_readonly("biogenic_co2_kg", &emission::biogenic_co2_kg)
      .def_property_readonly("factor_id", [](const emission& e) { return e.provenance.factor_id; })
      .def_property_readonly("provenance", [](const emission& e) { return to_dict(e.provenance); })
      .def_property_readonly("uncertainty", [](const emission& e) { return to_python(e.uncertainty, e.co2e_kg); },
                             "95% interval of co2e_kg (dict), or None when unknown")
      .def_property_readonly("warnings", [](const emission& e) { return e.provenance.warnings; })
      .def("__repr__", [](const emission& e) {
        return fmt::format("<Emission {:.6g} kg CO2e ({}) from {}>", e.co2e_kg, e.provenance.gwp_set, e.provenance.factor_id);
      });

  py::class_<factor_database> db = py::reinterpret_borrow<py::class_<factor_database>>(m.attr("FactorDatabase"));
  db.def("calculate", [](const factor_database& self, const std::string& activity_or_factor_id, double amount_value,
                         const std::string& unit, std::optional<std::string> region, std::optional<int> year,
                         std::string gwp, bool strict, bool allow_later_year, std::optional<std::string> source,
                         std::optional<std::string> basis, std::optional<double> activity_uncertainty_pct95) {
    return calculate(self, activity_or_factor_id, amount{amount_value, unit},
                     options_of(std::move(region), year, std::move(gwp), strict, allow_later_year, std::move(source),
                                std::move(basis), activity_uncertainty_pct95));
  }, py::arg("activity_or_factor_id"), py::arg("amount"), py::arg("unit"), py::kw_only(), py::arg("region") = py::none(),
     py::arg("year") = py::none(), py::arg("gwp") = "AR6", py::arg("strict") = false, py::arg("allow_later_year") = false,
     py::arg("source") = py::none(), py::arg("basis") = py::none(), py::arg("activity_uncertainty_pct95") = py::none(),
     "amount (in unit) x the factor for an activity (looked up with fallbacks) or a factor id -> Emission.\n\n"
     "    >>> e = db.calculate('electricity.grid', 12, 'MWh', region='FR', year=2023)\n"
     "    >>> round(e.co2e_kg, 1), e.provenance['amount_in_factor_unit']\n"
     "    (672.5, 12000.0)");

  db.def("resolve_factor", [](const factor_database& self, const std::string& activity_or_factor_id,
                              const std::string& unit, std::optional<std::string> region, std::optional<int> year,
                              bool strict, bool allow_later_year, std::optional<std::string> source,
                              std::optional<std::string> basis) {
    lookup_result r = resolve_factor(self, activity_or_factor_id, parse_unit(unit),
                                     options_of(std::move(region), year, "AR6", strict, allow_later_year,
                                                std::move(source), std::move(basis), std::nullopt));
    bound_factor b{*r.found, self.source_of(*r.found), std::nullopt};
    b.lookup = std::move(r);
    return b;
  }, py::arg("activity_or_factor_id"), py::arg("unit"), py::kw_only(), py::arg("region") = py::none(),
     py::arg("year") = py::none(), py::arg("strict") = false, py::arg("allow_later_year") = false,
     py::arg("source") = py::none(), py::arg("basis") = py::none(),
     "The factor calculate would use for an amount in `unit`, with the fallbacks taken (no arithmetic).\n"
     "\n"
     "    >>> f = db.resolve_factor('electricity.grid', 'MWh', region='FR', year=2023)\n"
     "    >>> f.id, f.fallbacks\n"
     "    ('owid-energy.electricity.grid.FR.2023', [])");

  db.def("co2e_per_unit", [](const factor_database& self, const std::string& factor_id, const std::string& gwp) {
    const co2e_rate r = co2e_per_unit(self.get(factor_id), self.gases(), gwp);
    py::dict d;
    d["kg_per_unit"] = r.kg_per_unit;
    d["method"] = r.method;
    d["warning"] = r.warning.empty() ? py::object(py::none()) : py::cast(r.warning);
    return d;
  }, py::arg("factor_id"), py::arg("gwp") = "AR6",
     "kg CO2e per unit of a factor under a GWP set, and how it was obtained: {'kg_per_unit', 'method', 'warning'}.\n"
     "\n"
     "    >>> round(db.co2e_per_unit('owid-energy.electricity.grid.FR.2023')['kg_per_unit'], 6)\n"
     "    0.056039");

  db.def("amount_in_factor_unit", [](const factor_database& self, double amount_value, const std::string& unit,
                                     const std::string& factor_id, std::optional<std::string> basis,
                                     std::optional<int> year) {
    std::vector<std::string> steps, warnings;
    const factor& f = self.get(factor_id);
    const double value = amount_in_factor_unit(self, amount{amount_value, unit}, basis, f, year, steps, warnings);
    py::dict d;
    d["value"] = value;
    d["unit"] = f.unit.symbol;
    d["steps"] = steps;
    d["warnings"] = warnings;
    return d;
  }, py::arg("amount"), py::arg("unit"), py::arg("factor_id"), py::kw_only(), py::arg("basis") = py::none(),
     py::arg("year") = py::none(),
     "An amount in the unit (and calorific basis) of a factor, as calculate converts it: units, spend (currency,\n"
     "deflation; `year` is the spend year), fuels (volume, mass, energy; basis 'net_cv' or 'gross_cv' of an energy)\n"
     "-> {'value', 'unit', 'steps', 'warnings'}.\n\n"
     "    >>> db.amount_in_factor_unit(1.5, 'MWh', 'owid-energy.electricity.grid.FR.2023')['value']\n"
     "    1500.0");

  db.def("calculate_batch", [](const factor_database& self, const py::object& activity, const std::vector<double>& amounts,
                               const py::object& unit, const py::object& region, const py::object& year, std::string gwp,
                               bool strict, bool allow_later_year) {
    string_column activities(activity, "activity"), units(unit, "unit"), regions(region, "region");
    std::vector<std::int32_t> years;
    if (!year.is_none()) {
      if (py::isinstance<py::int_>(year)) years.push_back(py::cast<std::int32_t>(year));
      else for (const auto& y : year) years.push_back(y.is_none() ? 0 : py::cast<std::int32_t>(y));
    }
    calc_options o = options_of(std::nullopt, std::nullopt, std::move(gwp), strict, allow_later_year, std::nullopt,
                                std::nullopt, std::nullopt);
    batch_result r;
    {
      py::gil_scoped_release release;
      r = calculate_batch(self, {activities.views, amounts, units.views, regions.views, years}, o);
    }
    return batch_to_dict(r);
  }, py::arg("activity"), py::arg("amount"), py::arg("unit"), py::arg("region") = py::none(), py::arg("year") = py::none(),
     py::arg("gwp") = "AR6", py::arg("strict") = false, py::arg("allow_later_year") = false,
     "Columns in, columns out: each of activity, unit, region, year is one value or one per row.\n\n"
     "    >>> r = db.calculate_batch(['electricity.grid'] * 2, [100, 200], 'kWh', region=['FR', 'DE'], year=2023)\n"
     "    >>> r['computed'], r['computed_rows'], r['skipped_rows']\n"
     "    ([True, True], 2, 0)");
}

}  // namespace ghgkit::python
