// ghgkit._core.digital.inference: LLM inference by the EcoLogits method (include/ghgkit/digital/inference.hpp),
// with the keyword arguments of the public API; inference_batch and inference_csv: request logs in
// batch (include/ghgkit/digital/inference_batch.hpp), plain lists in and out.

#include <pybind11/stl.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bindings.hpp"
#include "ghgkit/digital/inference.hpp"
#include "ghgkit/digital/inference_batch.hpp"

namespace ghgkit::python {
namespace {

using opt_d = std::optional<double>;
using opt_s = std::optional<std::string>;
using opt_i = std::optional<int>;

struct inference_args {
  opt_s model;
  double output_tokens = 0.0;
  double input_tokens = 0.0;
  double requests = 1.0;
  opt_d active_params_b, total_params_b;
  opt_s accelerator;
  opt_d pue;
  opt_s region;
  opt_i year;
  opt_d intensity;
  opt_d batch_size, quantization_bits;
  opt_s provider;
  opt_d request_latency_s;
  bool allow_later_year = false;
};

digital::footprint run(const inference_args& a, const factor_database* db) {
  digital::inference_inputs in;
  in.model = a.model;
  in.provider = a.provider;
  in.output_tokens = a.output_tokens;
  in.input_tokens = a.input_tokens;
  in.requests = a.requests;
  in.active_params_b = a.active_params_b;
  in.total_params_b = a.total_params_b;
  in.accelerator = a.accelerator;
  in.batch_size = a.batch_size;
  in.quantization_bits = a.quantization_bits;
  in.pue = a.pue;
  in.request_latency_s = a.request_latency_s;
  in.grid.intensity_kg_per_kwh = a.intensity;
  in.grid.region = a.region;
  in.grid.year = a.year;
  in.grid.allow_later_year = a.allow_later_year;
  return digital::inference(db != nullptr ? *db : default_database(), in);
}


// ---- request logs in batch -------------------------------------------------------------------------------

// A column of the dict: a sequence (list, tuple, NumPy array, pandas Series: read through list(...)) or
// one value for every row. Python strings are kept alive while the kernel reads them as views.
struct text_column {
  std::vector<std::string> storage;
  std::vector<std::string_view> views;
};

std::string type_name(const py::handle& v) { return py::str(py::type::of(v).attr("__name__")).cast<std::string>(); }

void read_column(const py::dict& columns, const char* name, text_column& out) {
  if (!columns.contains(name)) return;
  const py::object values = columns[name];
  const auto one = [&](const py::handle& v, std::size_t row) {
    if (v.is_none()) return std::string();
    if (!py::isinstance<py::str>(v)) {
      throw input_error(fmt::format("batch column '{}' row {}: found {}, expected text", name, row, type_name(v)));
    }
    return v.cast<std::string>();
  };
  if (py::isinstance<py::str>(values)) {
    out.storage.push_back(values.cast<std::string>());
  } else {
    const py::list items(values);
    out.storage.reserve(items.size());
    std::size_t row = 0;
    for (const auto& v : items) out.storage.push_back(one(v, row++));
  }
  out.views.assign(out.storage.begin(), out.storage.end());
}

void read_column(const py::dict& columns, const char* name, std::vector<double>& out) {
  if (!columns.contains(name)) return;
  const py::object values = columns[name];
  const auto one = [&](const py::handle& v, std::size_t row) {
    if (v.is_none()) return std::nan("");  // kept as a bad row, with its reason
    if (py::isinstance<py::str>(v) || PyNumber_Check(v.ptr()) == 0) {
      throw input_error(
          fmt::format("batch column '{}' row {}: found {}, expected a number", name, row, type_name(v)));
    }
    return v.cast<double>();
  };
  if (!py::hasattr(values, "__iter__")) {
    out.push_back(one(values, 0));
    return;
  }
  const py::list items(values);
  out.reserve(items.size());
  std::size_t row = 0;
  for (const auto& v : items) out.push_back(one(v, row++));
}

struct batch_args {
  opt_s provider, accelerator, region;
  opt_d batch_size, quantization_bits, pue, request_latency_s, intensity;
  opt_i year;
  bool allow_later_year = false;
};

digital::inference_batch_options options_of(const batch_args& a) {
  digital::inference_batch_options o;
  o.provider = a.provider;
  o.accelerator = a.accelerator;
  o.batch_size = a.batch_size;
  o.quantization_bits = a.quantization_bits;
  o.pue = a.pue;
  o.request_latency_s = a.request_latency_s;
  o.grid.intensity_kg_per_kwh = a.intensity;
  o.grid.region = a.region;
  o.grid.year = a.year;
  o.grid.allow_later_year = a.allow_later_year;
  return o;
}

digital::inference_batch_result run_batch(const py::dict& columns, const factor_database* db, const batch_args& a) {
  static constexpr const char* known[] = {"model", "output_tokens", "input_tokens", "requests", "region"};
  for (const auto& [key, value] : columns) {
    const std::string k = py::str(key).cast<std::string>();
    if (std::find(std::begin(known), std::end(known), k) == std::end(known)) {
      throw input_error(describe_problem({}, "columns", quote(k),
                                         "the columns model, output_tokens, input_tokens, requests, region"));
    }
  }
  for (const char* required : {"model", "output_tokens"}) {
    if (!columns.contains(required)) {
      throw input_error(describe_problem(
          {}, "columns", fmt::format("no column '{}'", required),
          "the columns model and output_tokens (input_tokens, requests, region optional)"));
    }
  }
  text_column model, region;
  std::vector<double> output, input, requests;
  read_column(columns, "model", model);
  read_column(columns, "region", region);
  read_column(columns, "output_tokens", output);
  read_column(columns, "input_tokens", input);
  read_column(columns, "requests", requests);
  digital::inference_columns c;
  c.model = model.views;
  c.output_tokens = output;
  c.input_tokens = input;
  c.requests = requests;
  c.region = region.views;
  const auto o = options_of(a);
  const factor_database& database = db != nullptr ? *db : default_database();
  py::gil_scoped_release release;
  return digital::inference_batch(database, c, o);
}

py::dict totals_of(const digital::inference_totals& t) {
  py::dict d;
  d["rows"] = t.rows;
  d["requests"] = t.requests;
  d["output_tokens"] = t.output_tokens;
  d["energy_kwh"] = t.energy_kwh;
  d["operational_kg"] = t.operational_kg;
  d["embodied_kg"] = t.embodied_kg;
  d["co2e_kg"] = t.co2e_kg;
  d["low_kg"] = t.low_kg;
  d["high_kg"] = t.high_kg;
  return d;
}

py::list resolutions_of(const digital::inference_batch_result& r) {
  py::list out;
  for (const auto& res : r.resolutions) {
    py::dict d;
    d["model"] = res.model;
    d["region"] = res.region.empty() ? py::object(py::none()) : py::cast(res.region);
    d["catalogue_model"] = res.catalogue_model.empty() ? py::object(py::none()) : py::cast(res.catalogue_model);
    d["ok"] = res.ok;
    d["reason"] = res.reason;
    d["range"] = res.range;
    d["figures"] = to_list(res.figures);
    out.append(d);
  }
  return out;
}

void bind_batch_result(py::module_& digital) {
  using R = digital::inference_batch_result;
  py::class_<R>(digital, "InferenceBatch",
                "LLM request logs in batch: plain lists per row (0 for skipped rows), totals, per-model subtotals,\n"
                "the figures of each distinct (model, region) resolution, deduplicated warnings.\n"
                "\n"
                "    >>> b = digital.inference_batch({'model': ['gpt-4o-mini', 'nope'], 'output_tokens': [500, 500]}, region='FR')\n"
                "    >>> b.computed, b.reason\n"
                "    ([True, False], ['', \"unknown LLM model 'nope'\"])")
      .def_property_readonly("energy_kwh", [](const R& r) { return py::cast(r.energy_kwh); })
      .def_property_readonly("operational_kg", [](const R& r) { return py::cast(r.operational_kg); })
      .def_property_readonly("embodied_kg", [](const R& r) { return py::cast(r.embodied_kg); })
      .def_property_readonly("co2e_kg", [](const R& r) { return py::cast(r.co2e_kg); })
      .def_property_readonly("low_kg", [](const R& r) { return py::cast(r.low_kg); })
      .def_property_readonly("high_kg", [](const R& r) { return py::cast(r.high_kg); })
      .def_property_readonly("computed", [](const R& r) {
        py::list out(r.computed.size());
        for (std::size_t i = 0; i < r.computed.size(); ++i) out[i] = py::bool_(r.computed[i] != 0);
        return out;
      })
      .def_property_readonly("reason", [](const R& r) { return py::cast(r.reason); }, "'' when computed")
      .def_property_readonly("resolution", [](const R& r) { return py::cast(r.resolution); },
                             "per row: index into resolutions, -1 when skipped before resolving")
      .def_property_readonly("resolutions", &resolutions_of,
                             "[{'model', 'region', 'catalogue_model', 'ok', 'reason', 'range', 'figures'}]")
      .def_readonly("computed_rows", &R::computed_rows)
      .def_readonly("skipped_rows", &R::skipped_rows)
      .def_property_readonly("total", [](const R& r) { return totals_of(r.total); },
                             "{'rows', 'requests', 'output_tokens', 'energy_kwh', 'operational_kg', 'embodied_kg', "
                             "'co2e_kg', 'low_kg', 'high_kg'} over the computed rows")
      .def_property_readonly("by_model", [](const R& r) {
        py::dict d;
        for (const auto& [name, t] : r.by_model) d[py::str(name)] = totals_of(t);
        return d;
      }, "{'provider/model': totals}")
      .def_readonly("warnings", &R::warnings)
      .def_readonly("database_hash", &R::database_hash)
      .def("__len__", [](const R& r) { return r.co2e_kg.size(); })
      .def("__repr__", [](const R& r) {
        return fmt::format("<InferenceBatch {} rows ({} computed, {} skipped), {:.6g} kWh, {:.6g} kg CO2e>",
                           r.co2e_kg.size(), r.computed_rows, r.skipped_rows, r.total.energy_kwh, r.total.co2e_kg);
      });
}

}  // namespace

void bind_digital_inference(py::module_& digital) {
  digital.def(
      "inference",
      [](const opt_s& model, double output_tokens, double input_tokens, double requests, const opt_d& active_params_b,
         const opt_d& total_params_b, const opt_s& accelerator, const opt_d& pue, const opt_s& region,
         const opt_i& year, const opt_d& intensity, const opt_d& batch_size, const opt_d& quantization_bits,
         const factor_database* db, const opt_s& provider, const opt_d& request_latency_s, bool allow_later_year) {
        inference_args a;
        a.model = model;
        a.output_tokens = output_tokens;
        a.input_tokens = input_tokens;
        a.requests = requests;
        a.active_params_b = active_params_b;
        a.total_params_b = total_params_b;
        a.accelerator = accelerator;
        a.pue = pue;
        a.region = region;
        a.year = year;
        a.intensity = intensity;
        a.batch_size = batch_size;
        a.quantization_bits = quantization_bits;
        a.provider = provider;
        a.request_latency_s = request_latency_s;
        a.allow_later_year = allow_later_year;
        return run(a, db);
      },
      py::arg("model") = py::none(), py::kw_only(), py::arg("output_tokens"), py::arg("input_tokens") = 0.0,
      py::arg("requests") = 1.0, py::arg("active_params_b") = py::none(), py::arg("total_params_b") = py::none(),
      py::arg("accelerator") = py::none(), py::arg("pue") = py::none(), py::arg("region") = py::none(),
      py::arg("year") = py::none(), py::arg("intensity_kg_per_kwh") = py::none(), py::arg("batch_size") = py::none(),
      py::arg("quantization_bits") = py::none(), py::arg("db") = py::none(), py::arg("provider") = py::none(),
      py::arg("request_latency_s") = py::none(), py::arg("allow_later_year") = false,
      "LLM requests by the EcoLogits method: GPU energy per output token, GPUs from memory, server share, PUE, grid;\n"
      "embodied share of GPUs and server. A model of the catalogue or its parameter counts (billions). Parameter or\n"
      "PUE ranges give low and high; energy_kwh and co2e_kg are then the midpoints (said in the warnings).\n"
      "\n"
      "    >>> r = digital.inference('gpt-4o-mini', output_tokens=1000, region='FR')\n"
      "    >>> r.low <= r.co2e_kg <= r.high, round(r.co2e_kg * 1e6, 1)\n"
      "    (True, 14.1)");

  bind_batch_result(digital);
  const auto batch_of = [](const opt_s& provider, const opt_s& accelerator, const opt_d& batch_size,
                           const opt_d& quantization_bits, const opt_d& pue, const opt_d& request_latency_s,
                           const opt_s& region, const opt_i& year, const opt_d& intensity, bool allow_later_year) {
    batch_args a;
    a.provider = provider;
    a.accelerator = accelerator;
    a.batch_size = batch_size;
    a.quantization_bits = quantization_bits;
    a.pue = pue;
    a.request_latency_s = request_latency_s;
    a.region = region;
    a.year = year;
    a.intensity = intensity;
    a.allow_later_year = allow_later_year;
    return a;
  };
  digital.def(
      "inference_batch",
      [batch_of](const py::dict& columns, const factor_database* db, const opt_s& provider, const opt_s& accelerator,
                 const opt_d& batch_size, const opt_d& quantization_bits, const opt_d& pue,
                 const opt_d& request_latency_s, const opt_s& region, const opt_i& year, const opt_d& intensity,
                 bool allow_later_year) {
        return run_batch(columns, db,
                         batch_of(provider, accelerator, batch_size, quantization_bits, pue, request_latency_s, region,
                                  year, intensity, allow_later_year));
      },
      py::arg("columns"), py::arg("db") = py::none(), py::kw_only(), py::arg("provider") = py::none(),
      py::arg("accelerator") = py::none(), py::arg("batch_size") = py::none(),
      py::arg("quantization_bits") = py::none(), py::arg("pue") = py::none(),
      py::arg("request_latency_s") = py::none(), py::arg("region") = py::none(), py::arg("year") = py::none(),
      py::arg("intensity_kg_per_kwh") = py::none(), py::arg("allow_later_year") = false,
      "LLM request logs in batch, the method of inference() row by row: columns {'model', 'output_tokens'[,\n"
      "'input_tokens', 'requests', 'region']} of sequences (or one value for every row). Each distinct (model,\n"
      "region) is resolved once; rows that cannot be computed are kept with their reason.\n"
      "\n"
      "    >>> b = digital.inference_batch({'model': ['gpt-4o-mini', 'nope'], 'output_tokens': [500, 500]}, region='FR')\n"
      "    >>> b.computed_rows, b.skipped_rows, b.reason[1]\n"
      "    (1, 1, \"unknown LLM model 'nope'\")");
  digital.def(
      "inference_csv",
      [batch_of](const py::object& path, const factor_database* db, const opt_s& provider, const opt_s& accelerator,
                 const opt_d& batch_size, const opt_d& quantization_bits, const opt_d& pue,
                 const opt_d& request_latency_s, const opt_s& region, const opt_i& year, const opt_d& intensity,
                 bool allow_later_year) {
        const auto file = py::module_::import("os").attr("fspath")(path).cast<std::string>();
        const auto o = options_of(batch_of(provider, accelerator, batch_size, quantization_bits, pue,
                                           request_latency_s, region, year, intensity, allow_later_year));
        const factor_database& database = db != nullptr ? *db : default_database();
        py::gil_scoped_release release;
        return digital::inference_csv(database, file, o);
      },
      py::arg("path"), py::arg("db") = py::none(), py::kw_only(), py::arg("provider") = py::none(),
      py::arg("accelerator") = py::none(), py::arg("batch_size") = py::none(),
      py::arg("quantization_bits") = py::none(), py::arg("pue") = py::none(),
      py::arg("request_latency_s") = py::none(), py::arg("region") = py::none(), py::arg("year") = py::none(),
      py::arg("intensity_kg_per_kwh") = py::none(), py::arg("allow_later_year") = false,
      "inference_batch over a CSV file: header model,output_tokens[,input_tokens,requests,region] in any order;\n"
      "an unknown column raises naming file:1; a cell that is not a number skips its row with file:line.\n"
      "\n"
      "    >>> import pathlib, tempfile\n"
      "    >>> path = pathlib.Path(tempfile.mkdtemp()) / 'requests.csv'\n"
      "    >>> _ = path.write_text('model,output_tokens\\n"
      "gpt-4o-mini,1000\\n"
      "')\n"
      "    >>> b = digital.inference_csv(path, region='FR')\n"
      "    >>> len(b), b.computed_rows\n"
      "    (1, 1)");
}

}  // namespace ghgkit::python
