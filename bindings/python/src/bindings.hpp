#pragma once
// Shared declarations of the binding files of ghgkit._core.

#include <pybind11/pybind11.h>

#include "ghgkit/ghgkit.hpp"

namespace ghgkit::python {

namespace py = pybind11;

/// A factor as Python sees it: the factor with its source and, after a lookup, how it was found.
struct bound_factor {
  factor value;
  source cited;
  std::optional<lookup_result> lookup;
};

py::dict to_dict(const source& s);
py::dict to_dict(const provenance& p);
py::object to_python(const uncertainty& u, std::optional<double> value);
py::list to_list(const std::vector<fallback_step>& steps);

/// The figures of a digital result: [{'name', 'value', 'unit', 'origin', 'source'}].
py::list to_list(const std::vector<digital::used_figure>& figures);

void bind_database(py::module_& m);
void bind_calculate(py::module_& m);
void bind_coefficients(py::module_& m);  // after bind_database: adds FactorDatabase methods
void bind_inventory(py::module_& m);
void bind_digital(py::module_& m);  // the submodule ghgkit._core.digital
void bind_digital_cloud(py::module_& digital);      // into ghgkit._core.digital
void bind_digital_inference(py::module_& digital);  // into ghgkit._core.digital
void bind_grid(py::module_& m);                     // the submodule ghgkit._core.grid

/// A time from Python: an ISO 8601 string with an offset, or a timezone-aware datetime (pandas.Timestamp
/// is one); anything else is an input_error naming `field` (bind_grid.cpp).
grid::utc_time time_from_py(py::handle value, const std::string& field);
/// Hourly energy from Python: a dict {time: kWh} or an iterable of (time, kWh) pairs (bind_grid.cpp).
std::vector<grid::hourly_energy> hourly_from_py(const py::object& values, const char* name);

/// The shipped database, loaded once on first use.
const factor_database& default_database();

}  // namespace ghgkit::python
