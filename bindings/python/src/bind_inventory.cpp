// Inventory and InventoryResult.

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

#include "bindings.hpp"

namespace ghgkit::python {
namespace {

scope2_method method_of(const std::string& name) {
  if (name == "location") return scope2_method::location;
  if (name == "market") return scope2_method::market;
  throw input_error(describe_problem({}, "scope2", quote(name), "'location' or 'market'"));
}

py::dict row_dict(const inventory_row& r) {
  py::dict d;
  d["row"] = r.index + 1;
  d["derived_from"] = r.derived_from ? py::object(py::int_(*r.derived_from + 1)) : py::object(py::none());
  d["id"] = r.id;
  d["input"] = r.where.str();
  d["entity"] = r.entity;
  d["activity"] = r.activity;
  d["scope"] = r.scope;
  d["category"] = r.category;
  d["share"] = r.share;
  d["co2e_kg"] = r.co2e_kg;
  d["co2e_market_kg"] = r.co2e_market_kg;
  py::dict gases;
  for (const auto& g : r.gases_kg) gases[py::str(g.gas)] = g.kg;
  d["gases_kg"] = gases;
  d["biogenic_co2_kg"] = r.biogenic_co2_kg;
  d["factor_id"] = r.result.provenance.factor_id;
  d["provenance"] = to_dict(r.result.provenance);
  d["uncertainty"] = to_python(r.result.uncertainty, r.co2e_kg);
  py::list steps;
  for (const auto& m : r.market_steps) {
    py::dict s;
    s["kind"] = m.kind;
    s["instrument"] = m.instrument;
    s["kwh"] = m.kwh;
    s["kg_per_kwh"] = m.kg_per_kwh;
    s["co2e_kg"] = m.co2e_kg;
    steps.append(s);
  }
  d["market_steps"] = steps;
  return d;
}

py::dict simulated(const simulated_total& t) {
  py::dict d;
  d["mean_kg"] = t.mean_kg;
  d["low_kg"] = t.low_kg;
  d["high_kg"] = t.high_kg;
  d["rows"] = t.rows;
  d["rows_without_uncertainty"] = t.rows_without_uncertainty;
  return d;
}

}  // namespace

void bind_inventory(py::module_& m) {
  // Registered first so that the signatures of Inventory.compute and monte_carlo (and the stubs) name it.
  py::class_<inventory_result> result_class(m, "InventoryResult", "A computed GHG inventory with provenance on every row.\n"
    "(In the examples, result = ghgkit.Inventory.load('examples/lyon/inventory.yaml').compute().)\n"
    "\n"
    "    >>> result.input_rows == result.computed_input_rows + len(result.skipped)\n"
    "    True\n"
    "    >>> round(result.total_kg() / 1000, 3), round(result.total_kg(scope2='market') / 1000, 3)\n"
    "    (164.821, 151.567)");

  py::class_<inventory>(m, "Inventory", "An organisation's inventory input (schema ghgkit.inventory/1).\n"
                                        "\n"
                                        "    >>> inventory = ghgkit.Inventory.load('examples/lyon/inventory.yaml')\n"
                                        "    >>> inventory.organisation, inventory.year, inventory.rows\n"
                                        "    ('Lumière Textiles SAS', 2024, 19)")
      .def_static("load", &load_inventory, py::arg("path"), "Read an inventory YAML file and the CSV files it names.\n"
                                                            "\n"
                                                            "    >>> ghgkit.Inventory.load('examples/lyon/inventory.yaml').consolidation\n"
                                                            "    'operational_control'")
      .def_property_readonly("organisation", [](const inventory& i) { return i.organisation; })
      .def_property_readonly("year", [](const inventory& i) { return i.year; })
      .def_property_readonly("gwp", [](const inventory& i) { return i.gwp; })
      .def_property_readonly("consolidation", [](const inventory& i) { return to_string(i.consolidation); })
      .def_property_readonly("rows", [](const inventory& i) { return i.activities.size(); })
      .def("compute", [](const inventory& i, const py::object& db) {
        const factor_database& base = db.is_none() ? default_database()
                                                   : py::cast<const factor_database&>(db);
        py::gil_scoped_release release;
        return compute_inventory(i, base);
      }, py::arg("db") = py::none(), "Compute the inventory with `db` (default: the shipped factors), e.g. result = inventory.compute().\n"
                                     "\n"
                                     "    >>> result.input_rows, result.computed_input_rows\n"
                                     "    (19, 18)")
      .def("monte_carlo", [](const inventory& i, const inventory_result& result, const py::object& db,
                             std::size_t iterations, std::uint64_t seed) {
        const factor_database& base = db.is_none() ? default_database() : py::cast<const factor_database&>(db);
        monte_carlo_result mc;
        {
          py::gil_scoped_release release;
          mc = monte_carlo(i, result, base, {iterations, seed});
        }
        py::dict d;
        d["iterations"] = mc.iterations;
        d["seed"] = mc.seed;
        d["scope1"] = simulated(mc.scope1);
        d["scope2_location"] = simulated(mc.scope2_location);
        d["scope2_market"] = simulated(mc.scope2_market);
        d["scope3"] = simulated(mc.scope3);
        d["total_location"] = simulated(mc.total_location);
        d["total_market"] = simulated(mc.total_market);
        py::dict categories;
        for (const auto& [c, t] : mc.scope3_categories) categories[py::int_(c)] = simulated(t);
        d["scope3_categories"] = categories;
        return d;
      }, py::arg("result"), py::arg("db") = py::none(), py::arg("iterations") = 10000, py::arg("seed") = 1,
         "IPCC Approach 2: seeded Monte Carlo 95% intervals of the totals (factor draws shared by their rows).\n"
         "\n"
         "    >>> mc = inventory.monte_carlo(result, iterations=20, seed=1)\n"
         "    >>> mc['iterations'], sorted(mc['total_location'])\n"
         "    (20, ['high_kg', 'low_kg', 'mean_kg', 'rows', 'rows_without_uncertainty'])")
      .def("consolidation_shares", [](const inventory& i) { return consolidation_shares(i); },
           "(entity, share) of each entity under the inventory's consolidation approach.\n"
           "\n"
           "    >>> all(0 <= share <= 1 for _, share in inventory.consolidation_shares())\n"
           "    True")
      .def("__repr__", [](const inventory& i) {
        return fmt::format("<Inventory {} {} ({} rows)>", i.organisation, i.year, i.activities.size());
      });

  result_class
      .def("total_kg", [](const inventory_result& r, std::optional<int> scope, std::optional<int> category,
                          const std::string& scope2) { return r.total_kg(scope, category, method_of(scope2)); },
           py::arg("scope") = py::none(), py::arg("category") = py::none(), py::arg("scope2") = "location",
           "Consolidated kg CO2e of a scope / scope 3 category / everything, scope 2 'location' or 'market'.\n"
           "\n"
           "    >>> round(result.total_kg(scope=1) / 1000, 3)\n"
           "    69.999")
      .def("uncertainty_pct95", [](const inventory_result& r, std::optional<int> scope, std::optional<int> category,
                                   const std::string& scope2) {
        const inventory_total t = r.total(scope, category, method_of(scope2));
        py::dict d;
        d["pct95"] = t.pct95;
        d["rows"] = t.rows;
        d["rows_with_uncertainty"] = t.rows_with_uncertainty;
        return d;
      }, py::arg("scope") = py::none(), py::arg("category") = py::none(), py::arg("scope2") = "location",
         "95% interval (IPCC Approach 1, in % of the total) of a total, and how many of its rows state an uncertainty."
         "\n\n    >>> result.uncertainty_pct95(scope=1)\n    {'pct95': 0.0, 'rows': 5, 'rows_with_uncertainty': 0}")
      .def_property_readonly("rows", [](const inventory_result& r) {
        py::list out;
        for (const auto& row : r.rows) out.append(row_dict(row));
        return out;
      })
      .def_property_readonly("skipped", [](const inventory_result& r) {
        py::list out;
        for (const auto& k : r.skipped) {
          py::dict d;
          d["row"] = k.index + 1;
          d["id"] = k.id;
          d["input"] = k.where.str();
          d["activity"] = k.activity;
          d["reason"] = k.reason;
          out.append(d);
        }
        return out;
      })
      .def_property_readonly("input_rows", [](const inventory_result& r) { return r.input_rows; })
      .def_property_readonly("computed_input_rows", &inventory_result::computed_input_rows)
      .def_property_readonly("biogenic_co2_kg", &inventory_result::biogenic_co2_kg)
      .def_property_readonly("database_hash", [](const inventory_result& r) { return r.database_hash; })
      .def_property_readonly("warnings", [](const inventory_result& r) { return r.warnings; })
      .def("gases_kg", [](const inventory_result& r, std::optional<int> scope) {
        py::dict d;
        for (const auto& g : r.gases_kg(scope)) d[py::str(g.gas)] = g.kg;
        return d;
      }, py::arg("scope") = py::none(), "kg of each gas (as stated by the factors) of a scope or of everything."
         "\n\n    >>> round(result.gases_kg(scope=1)['CO2'], 1)\n    61896.8")
      .def("compare", [](const inventory_result& current, const inventory_result& base) {
        const inventory_comparison c = compare(base, current);
        py::dict d;
        d["base_year"] = c.base_year;
        d["year"] = c.current_year;
        py::list lines;
        for (const auto& t : c.lines) {
          py::dict l;
          l["line"] = t.line;
          l["base_kg"] = t.base_kg;
          l["kg"] = t.current_kg;
          l["change_kg"] = t.change_kg;
          l["change_pct"] = t.change_pct;
          lines.append(l);
        }
        d["lines"] = lines;
        d["notes"] = c.notes;
        return d;
      }, py::arg("base"), "Change of every total from `base` (e.g. the base year) to this result.\n"
                          "\n"
                          "    >>> result.compare(result)['lines'][0]['change_kg']\n"
                          "    0.0")
      .def_property_readonly("intensity", [](const inventory_result& r) {
        py::list out;
        for (const auto& d : r.denominators) {
          py::dict i;
          i["name"] = d.name;
          i["value"] = d.value;
          i["unit"] = d.unit;
          i["kg_co2e_per_unit_location"] = r.total_kg() / d.value;
          i["kg_co2e_per_unit_market"] = r.total_kg(std::nullopt, std::nullopt, scope2_method::market) / d.value;
          out.append(i);
        }
        return out;
      }, "Intensity metrics per the inventory's denominators.")
      .def("to_json", [](const inventory_result& r) { return to_json(r); },
           "The result as JSON (schema ghgkit.inventory-result/1).\n"
           "\n"
           "    >>> import json; json.loads(result.to_json())['schema']\n"
           "    'ghgkit.inventory-result/1'")
      .def("to_csv", [](const inventory_result& r) { return to_csv(r); }, "One CSV line per row, computed and skipped."
           "\n\n    >>> result.to_csv().splitlines()[0].split(',')[:4]\n    ['row', 'input', 'id', 'entity']")
      .def("to_text", [](const inventory_result& r) { return to_text(r); }, "A plain-text summary of the totals."
           "\n"
           "\n"
           "    >>> result.to_text().splitlines()[0]\n"
           "    'GHG inventory: Lumière Textiles SAS, 2024 (operational_control, GWP-100 AR6)'")
      .def("__repr__", [](const inventory_result& r) {
        return fmt::format("<InventoryResult {} {}: {:.3f} t CO2e (location), {:.3f} t (market); {} rows, {} skipped>",
                           r.organisation, r.year, r.total_kg() / 1000.0,
                           r.total_kg(std::nullopt, std::nullopt, scope2_method::market) / 1000.0, r.rows.size(),
                           r.skipped.size());
      });
}

}  // namespace ghgkit::python
