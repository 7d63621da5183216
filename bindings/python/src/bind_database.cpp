// FactorDatabase and Factor.

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

#include <mutex>

#include "bindings.hpp"

namespace ghgkit::python {
namespace {

std::filesystem::path& default_directory() {
  static std::filesystem::path dir;
  return dir;
}

}  // namespace

const factor_database& default_database() {
  static std::once_flag once;
  static std::unique_ptr<factor_database> db;
  std::call_once(once, [] { db = std::make_unique<factor_database>(factor_database::load({default_directory()})); });
  return *db;
}

namespace {

std::vector<std::filesystem::path> paths_of(const py::args& args) {
  std::vector<std::filesystem::path> paths;
  for (const auto& a : args) paths.push_back(py::cast<std::filesystem::path>(a));
  return paths;
}

py::dict family_dict(const activity_family& f) {
  py::dict d;
  d["path"] = f.path;
  d["dimensions"] = f.dimensions;
  d["scope"] = f.scope ? py::object(py::int_(*f.scope)) : py::object(py::none());
  d["category"] = f.category ? py::object(py::int_(*f.category)) : py::object(py::none());
  d["preferred_sources"] = f.preferred_sources;
  d["upstream"] = f.upstream;
  d["location"] = f.where.str();
  return d;
}

bound_factor bind(const factor_database& db, const factor& f) { return bound_factor{f, db.source_of(f), std::nullopt}; }

py::dict values_of(const factor& f) {
  py::dict values;
  for (const auto& g : f.gases) values[py::str(g.gas)] = g.kg;
  if (f.co2e_kg) values["CO2e"] = *f.co2e_kg;
  if (f.biogenic_co2_kg) values["CO2_biogenic"] = *f.biogenic_co2_kg;
  return values;
}

std::string repr(const bound_factor& b) {
  const factor& f = b.value;
  return fmt::format("<Factor {} {} {} {} per {} ({})>", f.id, f.activity, f.region, f.year, f.unit.symbol, f.source_id);
}

}  // namespace

void bind_database(py::module_& m) {
  m.def("_set_default_factors", [](const std::filesystem::path& p) { default_directory() = p; });
  m.def("gwp", [](const std::string& gas, const std::string& set) { return default_database().gases().gwp(gas, set); },
        py::arg("gas"), py::arg("set") = "AR6",
        "GWP-100 of a gas (or blend) in a set of the shipped database, e.g. gwp('CH4_fossil', 'AR6').\n\n"
        "    >>> ghgkit.gwp('CH4_fossil', 'AR6'), ghgkit.gwp('N2O', set='AR5')\n"
        "    (29.8, 265.0)");

  py::class_<bound_factor>(m, "Factor",
                          "An emission factor with its source.\n\n"
                          "    >>> f = db.find('electricity.grid', region='FR', year=2023)\n"
                          "    >>> f.id, f.unit, f.region, f.year\n"
                          "    ('owid-energy.electricity.grid.FR.2023', 'kWh', 'FR', 2023)\n"
                          "    >>> round(f.values['CO2e'], 6), f.source['id']\n"
                          "    (0.056039, 'owid-energy')")
      .def_property_readonly("id", [](const bound_factor& b) { return b.value.id; })
      .def_property_readonly("activity", [](const bound_factor& b) { return b.value.activity; })
      .def_property_readonly("unit", [](const bound_factor& b) { return b.value.unit.symbol; })
      .def_property_readonly("unit_dimension", [](const bound_factor& b) { return describe(b.value.unit.dim); })
      .def_property_readonly("region", [](const bound_factor& b) { return b.value.region; })
      .def_property_readonly("year", [](const bound_factor& b) { return b.value.year; })
      .def_property_readonly("valid_to", [](const bound_factor& b) { return b.value.valid_to; })
      .def_property_readonly("values", [](const bound_factor& b) { return values_of(b.value); },
                             "kg of each gas (and CO2e) per unit")
      .def_property_readonly("gwp", [](const bound_factor& b) -> py::object {
        return b.value.co2e_gwp_set.empty() ? py::object(py::none()) : py::cast(b.value.co2e_gwp_set);
      })
      .def_property_readonly("basis", [](const bound_factor& b) -> py::object {
        return b.value.basis.empty() ? py::object(py::none()) : py::cast(b.value.basis);
      })
      .def_property_readonly("scope", [](const bound_factor& b) { return b.value.scope; })
      .def_property_readonly("category", [](const bound_factor& b) { return b.value.category; })
      .def_property_readonly("tags", [](const bound_factor& b) { return b.value.tags; })
      .def_property_readonly("source", [](const bound_factor& b) { return to_dict(b.cited); })
      .def_property_readonly("uncertainty", [](const bound_factor& b) { return to_python(b.value.uncertainty, std::nullopt); })
      .def_property_readonly("notes", [](const bound_factor& b) { return b.value.notes; })
      .def_property_readonly("location", [](const bound_factor& b) { return b.value.origin.where.str(); })
      .def_property_readonly("overrides", [](const bound_factor& b) {
        std::vector<std::string> out;
        for (const auto& o : b.value.overrides) out.push_back(o.where.str());
        return out;
      })
      .def_property_readonly("fallbacks", [](const bound_factor& b) {
        return b.lookup ? to_list(b.lookup->fallbacks) : py::list();
      }, "Fallback steps taken when this factor was found by FactorDatabase.find")
      .def("__repr__", &repr);

  py::class_<factor_database>(m, "FactorDatabase",
                             "A validated, immutable factor database.\n\n"
                             "    >>> db = ghgkit.FactorDatabase.default()\n"
                             "    >>> len(db) > 1000, 'AR6' in db.gwp_sets\n"
                             "    (True, True)\n"
                             "    >>> e = db.calculate('electricity.grid', 12000, 'kWh', region='FR', year=2023)\n"
                             "    >>> round(e.co2e_kg, 1), e.factor_id\n"
                             "    (672.5, 'owid-energy.electricity.grid.FR.2023')")
      .def_static("load", [](const py::args& args) {
        if (args.size() == 0) throw input_error("FactorDatabase.load: expected at least one path");
        return factor_database::load(paths_of(args));
      }, "Load YAML factor files or directories as layers, later ones on top, e.g.\n"
         "FactorDatabase.load('factors/', 'my_factors.yaml'); at least one path.\n\n"
         "    >>> ghgkit.FactorDatabase.load()\n"
         "    Traceback (most recent call last):\n"
         "    ...\n"
         "    ghgkit.InputError: FactorDatabase.load: expected at least one path")
      .def_static("default", []() { return default_database(); },
                  "The factors shipped with ghgkit (loaded once per process).\n\n"
                  "    >>> ghgkit.FactorDatabase.default().content_hash == db.content_hash\n"
                  "    True")
      .def("layer", [](const factor_database& db, const py::args& args) { return db.layer(paths_of(args)); },
           "A new database with these files on top (this one is unchanged), e.g.\n"
           "db.layer('my_factors.yaml'); the layers are listed bottom first in `layers`.\n\n"
           "    >>> len(db.layers)\n"
           "    1")
      .def_property_readonly("content_hash", &factor_database::content_hash)
      .def("__len__", &factor_database::size)
      .def("__contains__", &factor_database::contains)
      .def("get", [](const factor_database& db, const std::string& id) { return bind(db, db.get(id)); }, py::arg("factor_id"),
           "The factor with this id; FactorLookupError when there is none.\n\n"
           "    >>> db.get('owid-energy.electricity.grid.FR.2023').region\n"
           "    'FR'")
      .def("find", [](const factor_database& db, const std::string& activity, std::optional<std::string> region,
                      std::optional<int> year, bool strict, bool allow_later_year, std::optional<std::string> source) {
        lookup_query q;
        q.activity = activity;
        q.region = std::move(region);
        q.year = year;
        q.strict = strict;
        q.allow_later_year = allow_later_year;
        q.source = std::move(source);
        lookup_result r = db.find(q);
        bound_factor b = bind(db, *r.found);
        b.lookup = std::move(r);
        return b;
      }, py::arg("activity"), py::arg("region") = py::none(), py::arg("year") = py::none(), py::arg("strict") = false,
         py::arg("allow_later_year") = false, py::arg("source") = py::none(),
         "The factor for an activity, region and year, with the fallback chain (region, year) when none fits\n"
         "exactly; the steps taken are in Factor.fallbacks. strict=True refuses fallbacks.\n\n"
         "    >>> f = db.find('electricity.grid', region='FRA', year=2023)\n"
         "    >>> f.region, f.fallbacks\n"
         "    ('FR', [])")
      .def("factors", [](const factor_database& db, std::optional<std::string> activity, std::optional<std::string> region,
                         std::optional<int> year, std::optional<std::string> source) {
        std::optional<std::string> code;
        if (region) code = db.regions().require(*region);
        std::vector<bound_factor> out;
        for (const auto& f : db.factors()) {
          if (activity && !(f.activity == *activity || (f.activity.starts_with(*activity) && f.activity[activity->size()] == '.'))) continue;
          if (code && f.region != *code) continue;
          if (year && !(f.year <= *year && *year <= f.valid_to)) continue;
          if (source && f.source_id != *source) continue;
          out.push_back(bind(db, f));
        }
        return out;
      }, py::arg("activity") = py::none(), py::arg("region") = py::none(), py::arg("year") = py::none(),
         py::arg("source") = py::none(), "Factors filtered by activity prefix, region, year and source.\n\n"
         "    >>> sorted(f.source['id'] for f in db.factors('electricity.grid', region='FR', year=2023))\n"
         "    ['owid-carbontracker', 'owid-energy']")
      .def("__iter__", [](const factor_database& db) {
        std::vector<bound_factor> all;
        for (const auto& f : db.factors()) all.push_back(bind(db, f));
        return py::iter(py::cast(all));
      })
      .def_property_readonly("sources", [](const factor_database& db) {
        py::dict d;
        for (const auto& [id, s] : db.sources()) d[py::str(id)] = to_dict(s);
        return d;
      })
      .def_property_readonly("gwp_sets", [](const factor_database& db) { return db.gases().sets(); })
      .def("gwp", [](const factor_database& db, const std::string& gas, const std::string& set) {
        return db.gases().gwp(gas, set);
      }, py::arg("gas"), py::arg("set") = "AR6", "GWP-100 of a gas or refrigerant blend in a set of this database.\n\n"
         "    >>> db.gwp('CH4_fossil'), db.gwp('N2O', 'AR5')\n"
         "    (29.8, 265.0)")
      .def("canonical_gas", [](const factor_database& db, const std::string& gas) { return db.gases().canonical(gas); },
           py::arg("gas"), "The canonical name of a gas or blend given by a name or alias (FactorError when unknown).\n\n"
           "    >>> db.canonical_gas('CH4_fossil')\n"
           "    'CH4_fossil'")
      .def("region", [](const factor_database& db, const std::string& code) { return db.regions().require(code); },
           py::arg("code"), "The canonical code of a region (FRA -> FR).\n\n"
           "    >>> db.region('FRA')\n"
           "    'FR'")
      .def("fallback_chain", [](const factor_database& db, const std::string& code) {
        return db.regions().fallback_chain(db.regions().require(code));
      }, py::arg("region"), "The regions a lookup falls back through, the region itself first.\n\n"
         "    >>> db.fallback_chain('FR')[:3]\n"
         "    ['FR', 'EU27', 'EEA']")
      .def("activities", [](const factor_database& db, std::optional<std::string> prefix) {
        py::list out;
        for (const auto& f : db.activities()) {
          if (prefix && !(f.path == *prefix || (f.path.starts_with(*prefix) && f.path[prefix->size()] == '.'))) continue;
          out.append(family_dict(f));
        }
        return out;
      }, py::arg("prefix") = py::none(),
         "The activity families of the database (optionally under a path prefix): [{'path', 'dimensions', 'scope',\n"
         "'category', 'preferred_sources', 'upstream', 'location'}].\n\n"
         "    >>> [a['path'] for a in db.activities('electricity')][:1]\n"
         "    ['electricity...']")
      .def("activity_family", [](const factor_database& db, const std::string& activity) -> std::optional<py::dict> {
        const activity_family* f = db.family_of(activity);
        if (f == nullptr) return std::nullopt;
        return family_dict(*f);
      }, py::arg("activity"), "The family an activity path falls under (longest matching prefix) as a dict, or None.\n\n"
         "    >>> db.activity_family('electricity.grid')['dimensions']\n"
         "    ['energy']")
      .def_property_readonly("layers", [](const factor_database& db) {
        std::vector<std::string> out;
        for (const auto& p : db.layer_paths()) out.push_back(p.string());
        return out;
      })
      .def("__repr__", [](const factor_database& db) {
        return fmt::format("<FactorDatabase {} factors, {} sources, hash {}>", db.size(), db.sources().size(),
                           db.content_hash().substr(0, 12));
      });
  // After the class, so that its signature (and the stubs) name FactorDatabase.
  m.def("_default_database", []() { return default_database(); });
}

}  // namespace ghgkit::python
