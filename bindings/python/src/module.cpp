// ghgkit._core: the compiled core. Exceptions map one to one onto the C++ hierarchy and carry the
// same message.

#include <pybind11/stl.h>

#include "bindings.hpp"

namespace ghgkit::python {
namespace {

// The Python classes of the C++ errors, set once at import (the translator below cannot capture).
struct exception_classes {
  py::handle error, unit_error, factor_error, lookup_error, input_error;
};
exception_classes& classes() {
  static exception_classes c;
  return c;
}

// Exception classes with two bases (ghgkit.Error and the fitting built-in), created once and kept
// for the life of the interpreter.
py::handle new_exception(py::module_& m, const char* name, py::handle base, py::handle builtin, const char* doc) {
  std::string qualified = std::string("ghgkit.") + name;
  py::tuple bases = builtin ? py::tuple(py::make_tuple(base, builtin)) : py::tuple(py::make_tuple(base));
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));
  return cls;
}

}  // namespace

py::dict to_dict(const source& s) {
  py::dict d;
  d["id"] = s.id;
  d["publisher"] = s.publisher;
  d["title"] = s.title;
  d["year"] = s.year;
  d["url"] = s.url;
  d["licence"] = s.licence;
  d["retrieved"] = s.retrieved;
  d["notes"] = s.notes;
  return d;
}

py::list to_list(const std::vector<fallback_step>& steps) {
  py::list out;
  for (const auto& s : steps) {
    py::dict d;
    d["kind"] = s.kind;
    d["from"] = s.from;
    d["to"] = s.to;
    d["reason"] = s.reason;
    out.append(d);
  }
  return out;
}

py::object to_python(const uncertainty& u, std::optional<double> value) {
  if (!u.known()) return py::none();
  py::dict d;
  d["distribution"] = to_string(u.shape);
  d["pct95_minus"] = u.minus_pct;
  d["pct95_plus"] = u.plus_pct;
  if (value) {
    d["low"] = *value * (1.0 - u.minus_pct / 100.0);
    d["high"] = *value * (1.0 + u.plus_pct / 100.0);
  }
  return d;
}

py::dict to_dict(const provenance& p) {
  py::dict d;
  d["factor_id"] = p.factor_id;
  d["activity"] = p.activity;
  py::dict src;
  src["id"] = p.source_id;
  src["publisher"] = p.source_publisher;
  src["title"] = p.source_title;
  src["year"] = p.source_year;
  src["url"] = p.source_url;
  src["licence"] = p.source_licence;
  d["source"] = src;
  d["region_requested"] = p.region_requested.empty() ? py::object(py::none()) : py::cast(p.region_requested);
  d["region"] = p.region_used;
  d["year_requested"] = p.year_requested ? py::cast(*p.year_requested) : py::object(py::none());
  d["year"] = p.year_used;
  d["fallbacks"] = to_list(p.fallbacks);
  d["database_hash"] = p.database_hash;
  d["gwp"] = p.gwp_set;
  d["co2e_method"] = p.co2e_method;
  d["factor_location"] = p.factor_location;
  d["overrides"] = p.overrides;
  d["amount"] = p.amount;
  d["unit"] = p.amount_unit;
  d["amount_in_factor_unit"] = p.amount_in_factor_unit;
  d["factor_unit"] = p.factor_unit;
  d["warnings"] = p.warnings;
  d["conversions"] = p.conversions;
  d["ghgkit_version"] = std::string(version);
  return d;
}

}  // namespace ghgkit::python

PYBIND11_MODULE(_core, m) {
  using namespace ghgkit::python;
  m.doc() = "ghgkit compiled core (private: use the ghgkit package)";
  m.attr("__version__") = std::string(ghgkit::version);

  exception_classes& c = classes();
  py::handle error = c.error = new_exception(m, "Error", PyExc_Exception, py::handle(),
                    "Base of every ghgkit error.\n\n"
                    "    >>> try:\n"
                    "    ...     ghgkit.convert(1, 'kWh', 'kg')\n"
                    "    ... except ghgkit.Error as e:\n"
                    "    ...     print(type(e).__name__, e)\n"
                    "    UnitError cannot convert 'kWh' (energy) to 'kg' (mass)");
  c.unit_error = new_exception(m, "UnitError", error, PyExc_ValueError,
                                        "A unit that cannot be parsed, or a conversion across dimensions.\n\n"
                                        "    >>> ghgkit.convert(1, 'kWh', 'kg')\n"
                                        "    Traceback (most recent call last):\n"
                                        "    ...\n"
                                        "    ghgkit.UnitError: cannot convert 'kWh' (energy) to 'kg' (mass)\n"
                                        "    >>> issubclass(ghgkit.UnitError, ValueError)\n"
                                        "    True");
  py::handle factor_error = c.factor_error = new_exception(m, "FactorError", error, PyExc_ValueError,
                                          "A factor database that cannot be loaded or a factor that cannot be used.\n\n"
                                          "    >>> issubclass(ghgkit.FactorError, ValueError)\n"
                                          "    True\n"
                                          "    >>> issubclass(ghgkit.FactorLookupError, ghgkit.FactorError)\n"
                                          "    True");
  c.lookup_error = new_exception(m, "FactorLookupError", factor_error, PyExc_LookupError,
                                          "No factor fits a lookup, or several fit and none is preferred.\n\n"
                                          "    >>> db.get('no.such.factor')\n"
                                          "    Traceback (most recent call last):\n"
                                          "    ...\n"
                                          "    ghgkit.FactorLookupError: unknown factor id 'no.such.factor'\n"
                                          "    >>> issubclass(ghgkit.FactorLookupError, LookupError)\n"
                                          "    True");
  c.input_error = new_exception(m, "InputError", error, PyExc_ValueError, "Bad activity data or arguments.\n\n"
                "    >>> db.calculate('electricity.grid', 1, 'kWh', region='FR', activity_uncertainty_pct95=-1)\n"
                "    Traceback (most recent call last):\n"
                "    ...\n"
                "    ghgkit.InputError: field 'activity_uncertainty_pct95': found -1, expected a percentage >= 0");
  py::register_exception_translator([](std::exception_ptr p) {
    const exception_classes& k = classes();
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ghgkit::lookup_error& e) {
      PyErr_SetString(k.lookup_error.ptr(), e.what());
    } catch (const ghgkit::unit_error& e) {
      PyErr_SetString(k.unit_error.ptr(), e.what());
    } catch (const ghgkit::factor_error& e) {
      PyErr_SetString(k.factor_error.ptr(), e.what());
    } catch (const ghgkit::input_error& e) {
      PyErr_SetString(k.input_error.ptr(), e.what());
    } catch (const ghgkit::error& e) {
      PyErr_SetString(k.error.ptr(), e.what());
    }
  });

  m.def("convert", &ghgkit::convert, py::arg("value"), py::arg("from_unit"), py::arg("to_unit"),
        "value converted from one unit to another; UnitError across dimensions.\n\n"
        "    >>> ghgkit.convert(1.5, 'MWh', 'kWh')\n"
        "    1500.0\n"
        "    >>> round(ghgkit.convert(100, 'therm', 'kWh'), 2)\n"
        "    2930.71");
  m.def("unit_dimension", [](const std::string& unit) { return ghgkit::describe(ghgkit::parse_unit(unit).dim); },
        py::arg("unit"), "The dimension of a unit, e.g. 'energy' for 'kWh'.\n\n"
        "    >>> ghgkit.unit_dimension('kWh'), ghgkit.unit_dimension('passenger.km')\n"
        "    ('energy', ...)");
  m.def("unit_symbols", &ghgkit::unit_symbols, "Every atomic unit symbol the registry knows.\n\n"
        "    >>> 'kWh' in ghgkit.unit_symbols()\n"
        "    True");
  m.def("dimension_names", &ghgkit::dimension_names,
        "Every dimension name the registry knows (as unit_dimension and Factor.unit_dimension give them).\n\n"
        "    >>> 'energy' in ghgkit.dimension_names()\n"
        "    True");
  m.def("is_currency_code", [](const std::string& code) { return ghgkit::is_currency_code(code); }, py::arg("code"),
        "Whether `code` is an ISO 4217 currency code the unit registry knows.\n\n"
        "    >>> ghgkit.is_currency_code('EUR'), ghgkit.is_currency_code('XYZ')\n"
        "    (True, False)");
  bind_database(m);
  bind_coefficients(m);
  bind_calculate(m);
  bind_inventory(m);
  bind_digital(m);
  bind_grid(m);
}
