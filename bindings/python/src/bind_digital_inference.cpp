// ghgkit._core.digital.inference: LLM inference by the EcoLogits method (include/ghgkit/digital/inference.hpp),
// with the keyword arguments of the public API.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "ghgkit/digital/inference.hpp"

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
      "PUE ranges give low and high; energy_kwh and co2e_kg are then the midpoints (said in the warnings).");
}

}  // namespace ghgkit::python
