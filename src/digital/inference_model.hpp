#pragma once
// The EcoLogits inference method split in two, shared by inference() and inference_batch(): what does not
// depend on the output tokens (resolved once per model, grid and options: f_E, GPUs, f_L, the embodied
// shares, PUE, intensity, at the low and high ends) and the per-request arithmetic in T_out. Both paths
// evaluate the same expressions in the same order, so a batch row equals inference() to the last bit.

#include <algorithm>
#include <optional>
#include <string>

#include "ghgkit/digital/inference.hpp"

namespace ghgkit::detail {

// The method's constants as this call uses them (database coefficients or arguments).
struct inference_constants {
  double alpha = 0.0, beta = 0.0, gamma = 0.0;  // f_E, Wh per output token
  double overhead = 0.0, gpu_memory_gb = 0.0, bits = 0.0, batch = 0.0;
  double server_kw = 0.0, installed = 0.0;
  double lat_a = 0.0, lat_b = 0.0, lat_c = 0.0;  // f_L, s per output token
  double server_kg = 0.0, gpu_kg = 0.0, lifetime_s = 0.0;
};

// One end of the range: the quantities that do not depend on T_out.
struct inference_end {
  double active = 0.0, total = 0.0, pue = 0.0;
  double f_e_wh = 0.0, memory_gb = 0.0, gpus = 0.0;
  double f_l_s = 0.0;            // s per output token
  double embodied_per_s = 0.0;   // the bracket of the embodied formula, kg
  double embodied_divisor = 0.0; // B x life, s
};

// One end of the range, per request.
struct inference_request {
  double latency_s = 0.0, gpu_kwh = 0.0, server_kwh = 0.0, energy_kwh = 0.0, embodied_kg = 0.0;
};

// A resolved model, grid and options: everything but T_out and requests.
struct inference_model {
  const llm_model* model = nullptr;  // nullptr when given by parameter counts only
  inference_constants c;
  inference_end low, high;
  double intensity = 0.0;            // kg CO2e/kWh
  bool range = false;                // parameters or PUE are a range
};

// The totals of `requests` requests from both ends (midpoints where the ends differ).
struct request_totals {
  double low_kg = 0.0, high_kg = 0.0, energy_kwh = 0.0, embodied_kg = 0.0, operational_kg = 0.0, co2e_kg = 0.0;
};

/// Said when the parameters or the PUE are a range.
inline constexpr const char* inference_range_warning =
    "parameters or PUE are a range: low_kg and high_kg are computed at its ends; energy_kwh, operational_kg, "
    "embodied_kg and co2e_kg are their midpoints";

/// Accelerator, parameters, constants, PUE and grid of `in` (its tokens, requests and latency unused),
/// figures and warnings recorded in `out` in the order inference() has always recorded them.
inference_model resolve_inference(const factor_database& db, const digital::inference_inputs& in,
                                  digital::footprint& out);

/// The warnings on what the method leaves out (after resolve_inference and the input-token warning).
void inference_scope_warnings(digital::footprint& out);

/// One request of `tokens` output tokens at one end; `latency_cap` bounds dT (it is not linear in T_out).
inline inference_request per_request(const inference_constants& c, const inference_end& e, double tokens,
                                     const std::optional<double>& latency_cap) {
  inference_request r;
  r.latency_s = tokens * e.f_l_s;
  if (latency_cap) r.latency_s = std::min(r.latency_s, *latency_cap);
  r.gpu_kwh = tokens * e.f_e_wh / 1000.0;
  r.server_kwh = r.latency_s / 3600.0 * c.server_kw * e.gpus / c.installed / c.batch;
  r.energy_kwh = e.pue * (r.server_kwh + e.gpus * r.gpu_kwh);
  r.embodied_kg = r.latency_s / e.embodied_divisor * e.embodied_per_s;
  return r;
}

/// `requests` requests from both ends: low and high, and the midpoints of energy and embodied.
inline request_totals combine(const inference_request& lo, const inference_request& hi, double intensity,
                                double requests) {
  request_totals t;
  t.low_kg = requests * (lo.energy_kwh * intensity + lo.embodied_kg);
  t.high_kg = requests * (hi.energy_kwh * intensity + hi.embodied_kg);
  t.energy_kwh = requests * (lo.energy_kwh + hi.energy_kwh) / 2.0;
  t.embodied_kg = requests * (lo.embodied_kg + hi.embodied_kg) / 2.0;
  t.operational_kg = t.energy_kwh * intensity;
  t.co2e_kg = t.operational_kg + t.embodied_kg;
  return t;
}

}  // namespace ghgkit::detail
