// ghgkit._core.digital.cloud_usage: cloud usage by the Cloud Carbon Footprint method
// (include/ghgkit/digital/cloud.hpp), with the keyword arguments of the public API;
// cloud_usage_batch and cloud_usage_csv: billing exports in batch (include/ghgkit/digital/cloud_batch.hpp),
// columns of lists (or NumPy arrays, pandas Series) in, plain lists out.

#include <pybind11/stl.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstring>

#include "bindings.hpp"
#include "ghgkit/digital/cloud.hpp"
#include "ghgkit/digital/cloud_batch.hpp"

namespace ghgkit::python {
namespace {

using opt_d = std::optional<double>;
using opt_s = std::optional<std::string>;
using opt_i = std::optional<int>;

digital::footprint cloud_usage(const std::string& provider, const std::string& region, double vcpu_hours,
                               const opt_d& cpu_utilization, double memory_gb_hours, double storage_tb_hours,
                               const std::string& storage_type, double replication, double network_gb, double gpu_hours,
                               const opt_s& gpu, const opt_d& min_watts_per_vcpu, const opt_d& max_watts_per_vcpu,
                               const opt_d& pue, const opt_d& intensity, const opt_s& microarchitecture, const opt_i& year,
                               const opt_d& gpu_utilization, const opt_s& grid_source, bool allow_later_year,
                               const opt_s& coefficient_source, const opt_s& instance, const factor_database* db) {
  digital::cloud_usage_inputs in;
  in.provider = provider;
  in.region = region;
  in.vcpu_hours = vcpu_hours;
  in.cpu_utilization = cpu_utilization;
  in.microarchitecture = microarchitecture;
  in.min_watts_per_vcpu = min_watts_per_vcpu;
  in.max_watts_per_vcpu = max_watts_per_vcpu;
  in.memory_gb_hours = memory_gb_hours;
  in.storage_tb_hours = storage_tb_hours;
  in.storage_type = storage_type;
  in.replication = replication;
  in.network_gb = network_gb;
  in.gpu_hours = gpu_hours;
  in.gpu = gpu;
  in.gpu_utilization = gpu_utilization;
  in.pue = pue;
  in.intensity_kg_per_kwh = intensity;
  in.year = year;
  in.allow_later_year = allow_later_year;
  in.grid_source = grid_source;
  in.coefficient_source = coefficient_source;
  in.instance = instance;
  return digital::cloud_usage(db != nullptr ? *db : default_database(), in);
}


// ---- billing exports in batch ----

constexpr std::array<const char*, 7> text_columns{"provider", "region", "service", "storage_type", "gpu",
                                                  "microarchitecture", "instance"};
constexpr std::array<const char*, 7> number_columns{"vcpu_hours", "cpu_utilization", "memory_gb_hours",
                                                    "storage_tb_hours", "replication", "network_gb", "gpu_hours"};

std::string type_name(const py::handle& v) { return py::str(py::type::of(v).attr("__name__")).cast<std::string>(); }

// A pandas Series (or anything with to_numpy) as its NumPy array; other values as they are.
py::object unwrapped(const py::handle& v) {
  if (!py::isinstance<py::str>(v) && py::hasattr(v, "to_numpy")) return v.attr("to_numpy")();
  return py::reinterpret_borrow<py::object>(v);
}

// Python strings kept alive as std::string while the kernel reads them as views. None and NaN
// (pandas' missing value) are "".
struct text_column {
  std::vector<std::string> storage;
  std::vector<std::string_view> views;

  void load(const py::handle& given, const char* name) {
    const py::object values = unwrapped(given);
    auto add = [&](const py::handle& v) {
      if (v.is_none()) storage.emplace_back();
      else if (py::isinstance<py::str>(v)) storage.push_back(v.cast<std::string>());
      else if (py::isinstance<py::float_>(v) && std::isnan(v.cast<double>())) storage.emplace_back();
      else throw input_error(fmt::format("cloud usage column '{}': found {}, expected text", name, type_name(v)));
    };
    if (py::isinstance<py::str>(values)) add(values);
    else for (const auto& v : values) add(v);
    views.assign(storage.begin(), storage.end());
  }
};

// Numbers from a float64 buffer (NumPy) by copy, else item by item; None is `missing`.
std::vector<double> number_column(const py::handle& given, const char* name, double missing) {
  const py::object values = unwrapped(given);
  std::vector<double> out;
  auto add = [&](const py::handle& v) {
    if (v.is_none()) {
      out.push_back(missing);
      return;
    }
    if (py::isinstance<py::str>(v) || py::isinstance<py::bytes>(v)) {
      throw input_error(fmt::format("cloud usage column '{}': found {}, expected numbers", name, type_name(v)));
    }
    try {
      out.push_back(v.cast<double>());
    } catch (const py::cast_error&) {
      throw input_error(fmt::format("cloud usage column '{}': found {}, expected numbers", name, type_name(v)));
    }
  };
  if (values.is_none() || py::isinstance<py::float_>(values) || py::isinstance<py::int_>(values)) {
    add(values);
    return out;
  }
  if (py::isinstance<py::buffer>(values)) {
    const py::buffer_info info = py::reinterpret_borrow<py::buffer>(values).request();
    if (info.ndim == 1 && info.format == py::format_descriptor<double>::format() &&
        info.strides[0] == static_cast<py::ssize_t>(sizeof(double))) {
      out.resize(static_cast<std::size_t>(info.shape[0]));
      if (!out.empty()) std::memcpy(out.data(), info.ptr, out.size() * sizeof(double));
      return out;
    }
  }
  for (const auto& v : values) add(v);
  return out;
}

digital::cloud_batch_options batch_options(const opt_d& min_w, const opt_d& max_w, const opt_d& gpu_utilization,
                                           const opt_d& pue, const opt_d& intensity, const opt_i& year,
                                           const opt_s& grid_source, bool allow_later_year,
                                           const opt_s& coefficient_source) {
  digital::cloud_batch_options o;
  o.min_watts_per_vcpu = min_w;
  o.max_watts_per_vcpu = max_w;
  o.gpu_utilization = gpu_utilization;
  o.pue = pue;
  o.intensity_kg_per_kwh = intensity;
  o.year = year;
  o.grid_source = grid_source;
  o.allow_later_year = allow_later_year;
  o.coefficient_source = coefficient_source;
  return o;
}

digital::cloud_batch_result cloud_usage_batch(const py::dict& columns, const factor_database* db,
                                              const digital::cloud_batch_options& o) {
  std::array<text_column, 7> text;
  std::array<std::vector<double>, 7> numbers;
  for (const auto& [key, value] : columns) {
    const std::string name = py::str(key).cast<std::string>();
    bool known = false;
    for (std::size_t j = 0; j < text_columns.size(); ++j) {
      if (name == text_columns[j]) {
        text[j].load(value, text_columns[j]);
        known = true;
      }
    }
    for (std::size_t j = 0; j < number_columns.size(); ++j) {
      if (name == number_columns[j]) {
        const double missing = j == 1 ? std::nan("") : (j == 4 ? 1.0 : 0.0);
        numbers[j] = number_column(value, number_columns[j], missing);
        known = true;
      }
    }
    if (!known) {
      throw input_error(describe_problem({}, "columns", quote(name),
                                         "a column of a cloud billing export: provider, region, service, vcpu_hours, "
                                         "cpu_utilization, memory_gb_hours, storage_tb_hours, storage_type, replication, "
                                         "network_gb, gpu_hours, gpu, microarchitecture"));
    }
  }
  for (std::size_t j : {std::size_t{0}, std::size_t{1}}) {
    if (text[j].views.empty()) {
      throw input_error(describe_problem({}, "columns", fmt::format("no column '{}'", text_columns[j]),
                                         "the columns provider and region, and any of the others"));
    }
  }
  digital::cloud_usage_columns c;
  c.provider = text[0].views;
  c.region = text[1].views;
  c.service = text[2].views;
  c.storage_type = text[3].views;
  c.gpu = text[4].views;
  c.microarchitecture = text[5].views;
  c.instance = text[6].views;
  c.vcpu_hours = numbers[0];
  c.cpu_utilization = numbers[1];
  c.memory_gb_hours = numbers[2];
  c.storage_tb_hours = numbers[3];
  c.replication = numbers[4];
  c.network_gb = numbers[5];
  c.gpu_hours = numbers[6];
  const factor_database& database = db != nullptr ? *db : default_database();
  py::gil_scoped_release release;
  return digital::cloud_usage_batch(database, c, o);
}

py::dict totals_of(const digital::cloud_totals& t) {
  py::dict d;
  d["rows"] = t.rows;
  d["energy_kwh"] = t.energy_kwh;
  d["co2e_kg"] = t.co2e_kg;
  d["embodied_kg"] = t.embodied_kg;
  return d;
}

void bind_batch_result(py::module_& digital) {
  using R = digital::cloud_batch_result;
  py::class_<R>(digital, "CloudUsageBatch",
                "Cloud usage rows in batch: per-row lists (energy_kwh, co2e_kg, computed, reason, figure_set), "
                "total, subtotals per provider/region/service, the figure sets used (listed once) and warnings.\n"
                "\n"
                "    >>> b = digital.cloud_usage_batch({'provider': 'ovhcloud', 'region': 'gra', 'vcpu_hours': [720.0, None]})\n"
                "    >>> len(b), b.computed_rows, round(b.total_co2e_kg, 4)\n"
                "    (2, 2, 0.1755)")
      .def_property_readonly("energy_kwh", [](const R& r) { return r.energy_kwh; }, "per row; 0 when skipped")
      .def_property_readonly("co2e_kg", [](const R& r) { return r.co2e_kg; },
                             "per row, operational location-based + embodied; 0 when skipped")
      .def_property_readonly("embodied_kg", [](const R& r) { return r.embodied_kg; },
                             "per row, the instance type's embodied share; 0 without an instance type")
      .def_property_readonly("computed", [](const R& r) { return std::vector<bool>(r.computed.begin(), r.computed.end()); })
      .def_property_readonly("reason", [](const R& r) { return r.reason; }, "per row: why it was skipped, '' when computed")
      .def_property_readonly("figure_set", [](const R& r) {
        py::list out;
        for (auto i : r.figure_set) out.append(i < 0 ? py::object(py::none()) : py::cast(i));
        return out;
      }, "per row: index into figure_sets, None when skipped")
      .def_property_readonly("figure_sets", [](const R& r) {
        py::list out;
        for (const auto& s : r.figure_sets) {
          py::dict d;
          d["provider"] = s.provider;
          d["region"] = s.region;
          d["figures"] = to_list(s.figures);
          d["grid_factor_id"] = s.grid_factor_id;
          d["rows"] = s.rows;
          out.append(d);
        }
        return out;
      }, "[{'provider', 'region', 'figures': [{'name', 'value', 'unit', 'origin', 'source'}], 'grid_factor_id', 'rows'}]")
      .def_property_readonly("subtotals", [](const R& r) {
        py::list out;
        for (const auto& s : r.subtotals) {
          py::dict d = totals_of(s.totals);
          d["provider"] = s.provider;
          d["region"] = s.region;
          d["service"] = s.service;
          out.append(d);
        }
        return out;
      }, "[{'provider', 'region', 'service', 'rows', 'energy_kwh', 'co2e_kg'}], sorted")
      .def_property_readonly("total", [](const R& r) { return totals_of(r.total); }, "{'rows', 'energy_kwh', 'co2e_kg'}")
      .def_property_readonly("total_energy_kwh", [](const R& r) { return r.total.energy_kwh; })
      .def_property_readonly("total_co2e_kg", [](const R& r) { return r.total.co2e_kg; })
      .def_readonly("computed_rows", &R::computed_rows)
      .def_readonly("skipped_rows", &R::skipped_rows)
      .def_readonly("resolved_keys", &R::resolved_keys)
      .def_readonly("warnings", &R::warnings)
      .def_readonly("database_hash", &R::database_hash)
      .def("__len__", [](const R& r) { return r.computed.size(); })
      .def("__repr__", [](const R& r) {
        return fmt::format("<CloudUsageBatch {} rows ({} computed, {} skipped), {:.6g} kWh, {:.6g} kg CO2e>",
                           r.computed.size(), r.computed_rows, r.skipped_rows, r.total.energy_kwh, r.total.co2e_kg);
      });
}

}  // namespace

void bind_digital_cloud(py::module_& digital) {
  digital.def("cloud_usage", &cloud_usage, py::arg("provider"), py::arg("region"), py::arg("vcpu_hours") = 0.0,
              py::arg("cpu_utilization") = py::none(), py::arg("memory_gb_hours") = 0.0,
              py::arg("storage_tb_hours") = 0.0, py::arg("storage_type") = "ssd", py::arg("replication") = 1.0,
              py::arg("network_gb") = 0.0, py::arg("gpu_hours") = 0.0, py::arg("gpu") = py::none(),
              py::arg("min_watts_per_vcpu") = py::none(), py::arg("max_watts_per_vcpu") = py::none(),
              py::arg("pue") = py::none(), py::arg("intensity_kg_per_kwh") = py::none(), py::kw_only(),
              py::arg("microarchitecture") = py::none(), py::arg("year") = py::none(),
              py::arg("gpu_utilization") = py::none(), py::arg("grid_source") = py::none(),
              py::arg("allow_later_year") = false, py::arg("coefficient_source") = py::none(),
              py::arg("instance") = py::none(), py::arg("db") = py::none(),
              "Cloud usage by the Cloud Carbon Footprint method: (compute + memory + storage x replication + network + "
              "GPU) kWh x the provider's PUE x the region's grid factor. Utilisation is a fraction 0-1 (CCF's code "
              "takes percent); coefficients come from one source per call (CCF's for AWS, GCP, Azure, Alibaba; "
              "'ccf-generic' for OVHcloud, Scaleway, Outscale; a user's YAML for a provider they add; "
              "coefficient_source chooses), figures in provenance. A region without its own grid factor takes its "
              "country's grid average (warned). With instance= (an instance type of the catalogue), the platform "
              "server's embodied share of the vCPU-hours is added (BoaviztAPI component method), with low/high. "
              "Scope 3 category 1 for the buyer.\n\n"
              "    >>> r = ghgkit.digital.cloud_usage('ovhcloud', 'gra', vcpu_hours=720)\n"
              "    >>> round(r.co2e_kg, 4)\n    0.1755");

  bind_batch_result(digital);
  digital.def(
      "cloud_usage_batch",
      [](const py::dict& columns, const factor_database* db, const opt_d& min_w, const opt_d& max_w,
         const opt_d& gpu_utilization, const opt_d& pue, const opt_d& intensity, const opt_i& year,
         const opt_s& grid_source, bool allow_later_year, const opt_s& coefficient_source) {
        return cloud_usage_batch(columns, db,
                                 batch_options(min_w, max_w, gpu_utilization, pue, intensity, year, grid_source,
                                               allow_later_year, coefficient_source));
      },
      py::arg("columns"), py::arg("db") = py::none(), py::kw_only(), py::arg("min_watts_per_vcpu") = py::none(),
      py::arg("max_watts_per_vcpu") = py::none(), py::arg("gpu_utilization") = py::none(), py::arg("pue") = py::none(),
      py::arg("intensity_kg_per_kwh") = py::none(), py::arg("year") = py::none(), py::arg("grid_source") = py::none(),
      py::arg("allow_later_year") = false, py::arg("coefficient_source") = py::none(),
      "cloud_usage over columns (a dict of lists, NumPy arrays or pandas Series; a single value is for every row): "
      "provider, region (required), service, vcpu_hours, cpu_utilization (None/NaN: CCF's average), memory_gb_hours, "
      "storage_tb_hours, storage_type, replication, network_gb, gpu_hours, gpu, microarchitecture, instance. Each "
      "distinct key "
      "is resolved once; rows equal cloud_usage; bad rows are kept with their reason -> CloudUsageBatch.\n"
      "\n"
      "    >>> b = digital.cloud_usage_batch({'provider': ['aws', 'gcp'], 'region': ['us-east-1', 'europe-west1'],\n"
      "    ...                                'vcpu_hours': [100.0, 100.0]})\n"
      "    >>> b.computed, [round(kg, 4) for kg in b.co2e_kg]\n"
      "    ([True, True], [0.0912, 0.0318])");
  digital.def(
      "cloud_usage_csv",
      [](const py::object& path, const factor_database* db, const opt_d& min_w, const opt_d& max_w,
         const opt_d& gpu_utilization, const opt_d& pue, const opt_d& intensity, const opt_i& year,
         const opt_s& grid_source, bool allow_later_year, const opt_s& coefficient_source) {
        const auto file = py::module_::import("os").attr("fspath")(path).cast<std::string>();
        const auto o = batch_options(min_w, max_w, gpu_utilization, pue, intensity, year, grid_source, allow_later_year,
                                     coefficient_source);
        const factor_database& database = db != nullptr ? *db : default_database();
        py::gil_scoped_release release;
        return digital::cloud_usage_csv(database, file, o);
      },
      py::arg("path"), py::arg("db") = py::none(), py::kw_only(), py::arg("min_watts_per_vcpu") = py::none(),
      py::arg("max_watts_per_vcpu") = py::none(), py::arg("gpu_utilization") = py::none(), py::arg("pue") = py::none(),
      py::arg("intensity_kg_per_kwh") = py::none(), py::arg("year") = py::none(), py::arg("grid_source") = py::none(),
      py::arg("allow_later_year") = false, py::arg("coefficient_source") = py::none(),
      "cloud_usage_batch over a CSV billing export whose header names the columns (provider and region required; "
      "empty cells take their default). Unknown or missing columns raise InputError naming file:1; a bad cell skips "
      "its row with file:line and the field -> CloudUsageBatch.\n"
      "\n"
      "    >>> import pathlib, tempfile\n"
      "    >>> path = pathlib.Path(tempfile.mkdtemp()) / 'usage.csv'\n"
      "    >>> _ = path.write_text('provider,region,vcpu_hours\\n"
      "ovhcloud,gra,720\\n"
      "')\n"
      "    >>> round(digital.cloud_usage_csv(path).total_co2e_kg, 4)\n"
      "    0.1755");
}

}  // namespace ghgkit::python
