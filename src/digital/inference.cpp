#include "ghgkit/digital/inference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "figures.hpp"
#include "inference_model.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::coefficient_figure;
using detail::grid_intensity;
using detail::num;

namespace {

using detail::inference_constants;
using detail::inference_end;
using detail::inference_model;
using detail::inference_request;
using constants = inference_constants;

// The model's parameter counts (billions), each a range (low == high for one figure).
struct parameters {
  const llm_model* model = nullptr;
  param_range active;
  param_range total;
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

double coef(const factor_database& db, std::string_view quantity, std::string_view name, std::string_view unit,
            footprint& out, const std::optional<std::string>& key = std::nullopt) {
  coefficient_query q;
  q.quantity = std::string(quantity);
  q.key = key;
  return coefficient_figure(db, q, name, unit, out);
}

double arg_or_coef(const factor_database& db, const std::optional<double>& given, std::string_view field,
                   std::string_view quantity, std::string_view name, footprint& out) {
  if (given) return argument(out, name, checked(field, *given, true), "1");
  return coef(db, quantity, name, "1", out);
}

constants method_constants(const factor_database& db, const inference_inputs& in, footprint& out) {
  constants c;
  c.alpha = coef(db, "llm.inference.gpu_energy_per_output_token.alpha", "f_E alpha", "Wh/token", out);
  c.beta = coef(db, "llm.inference.gpu_energy_per_output_token.beta", "f_E beta", "1", out);
  c.gamma = coef(db, "llm.inference.gpu_energy_per_output_token.gamma", "f_E gamma", "Wh/token", out);
  c.batch = arg_or_coef(db, in.batch_size, "batch_size", "llm.inference.batch_size", "batch size", out);
  c.overhead = coef(db, "llm.inference.model_memory_overhead", "memory overhead", "1", out);
  c.bits = arg_or_coef(db, in.quantization_bits, "quantization_bits", "llm.inference.quantization_bits",
                       "quantization bits", out);
  c.gpu_memory_gb = coef(db, "llm.inference.gpu_memory", "GPU memory", "GB/GPU", out);
  c.lat_a = coef(db, "llm.inference.latency_per_output_token.alpha", "f_L alpha", "s/token", out);
  c.lat_b = coef(db, "llm.inference.latency_per_output_token.beta", "f_L beta", "s/token", out);
  c.lat_c = coef(db, "llm.inference.latency_per_output_token.gamma", "f_L gamma", "s/token", out);
  c.server_kw = coef(db, "llm.inference.server_power_without_gpus", "server power without GPUs", "kW", out);
  c.installed = coef(db, "llm.inference.server_installed_gpus", "GPUs installed per server", "GPU", out);
  c.server_kg = coef(db, "llm.inference.embodied.server_without_gpus", "server embodied without GPUs", "kgCO2e", out);
  c.gpu_kg = coef(db, "llm.inference.embodied.gpu", "GPU embodied", "kgCO2e", out);
  c.lifetime_s = coef(db, "llm.inference.hardware_lifetime", "hardware lifetime", "s", out);
  return c;
}

void record_range(footprint& out, const std::string& name, const param_range& r, const llm_model& m) {
  if (!r.is_range()) {
    out.figures.push_back({name, r.low, "billion parameters", m.id, m.source_id});
    return;
  }
  out.figures.push_back({name + " (low)", r.low, "billion parameters", m.id, m.source_id});
  out.figures.push_back({name + " (high)", r.high, "billion parameters", m.id, m.source_id});
}

param_range given_params(footprint& out, std::string_view field, std::string_view name, double value) {
  const double v = argument(out, name, checked(field, value, true), "billion parameters");
  return {v, v};
}

parameters model_parameters(const factor_database& db, const inference_inputs& in, footprint& out) {
  parameters p;
  if (in.model) {
    p.model = &db.find_llm_model(*in.model, in.provider);
    p.active = p.model->active_params_b;
    p.total = p.model->total_params_b;
    record_range(out, "active parameters", p.active, *p.model);
    record_range(out, "total parameters", p.total, *p.model);
    for (const auto& w : p.model->warnings) out.warnings.push_back(fmt::format("model '{}': {}", p.model->name, w));
    out.database_hash = db.content_hash();
  } else if (!in.active_params_b && !in.total_params_b) {
    throw input_error(describe_problem({}, "model", "nothing",
                                       "a model of the catalogue, or active_params_b and/or total_params_b"));
  }
  if (in.active_params_b) p.active = given_params(out, "active_params_b", "active parameters", *in.active_params_b);
  if (in.total_params_b) p.total = given_params(out, "total_params_b", "total parameters", *in.total_params_b);
  if (p.model == nullptr && !(in.active_params_b && in.total_params_b)) {
    if (in.active_params_b) {
      p.total = p.active;
    } else {
      p.active = p.total;
    }
    out.warnings.push_back("only one parameter count given: the model is taken as dense (P_active = P_total)");
  }
  if (p.active.low > p.total.low || p.active.high > p.total.high) {
    throw input_error(describe_problem({}, "active_params_b", num(p.active.high),
                                       fmt::format("at most the total parameters ({})", num(p.total.high))));
  }
  return p;
}

bool has_provider_pue(const factor_database& db, const std::string& provider) {
  return std::any_of(db.coefficients().begin(), db.coefficients().end(), [&](const coefficient& c) {
    return c.quantity == "llm.inference.datacenter.pue.low" && iequals(c.key, provider);
  });
}

param_range pue_of(const factor_database& db, const inference_inputs& in, const llm_model* model, footprint& out) {
  if (in.pue) {
    if (!(*in.pue >= 1.0)) throw input_error(describe_problem({}, "pue", fmt::format("{}", *in.pue), "a PUE >= 1"));
    const double v = argument(out, "pue", checked("pue", *in.pue), "1");
    return {v, v};
  }
  if (model != nullptr && has_provider_pue(db, model->provider)) {
    const double low = coef(db, "llm.inference.datacenter.pue.low", "pue (low)", "1", out, model->provider);
    const double high = coef(db, "llm.inference.datacenter.pue.high", "pue (high)", "1", out, model->provider);
    return {low, high};
  }
  coefficient_query q;
  q.quantity = "cloud.datacenter.pue";
  q.key = "unknown_provider";
  const double v = coefficient_figure(db, q, "pue", "1", out);
  out.warnings.push_back(fmt::format("pue not given and EcoLogits gives none for this provider: {} (the database's "
                                     "figure for an unknown provider)", num(v)));
  return {v, v};
}

inference_end prepare_end(const constants& c, double active, double total, double pue) {
  inference_end e;
  e.active = active;
  e.total = total;
  e.pue = pue;
  e.f_e_wh = c.alpha * std::exp(c.beta * c.batch) * active + c.gamma;
  e.memory_gb = c.overhead * total * c.bits / 8.0;
  const double needed = std::max(1.0, std::ceil(e.memory_gb / c.gpu_memory_gb));
  e.gpus = std::exp2(std::ceil(std::log2(needed)));  // rounded up to 1, 2, 4, 8, ... (the method)
  e.f_l_s = c.lat_a * active + c.lat_b * c.batch + c.lat_c;
  e.embodied_divisor = c.batch * c.lifetime_s;
  e.embodied_per_s = e.gpus / c.installed * c.server_kg + e.gpus * c.gpu_kg;
  return e;
}

void end_steps(footprint& out, const std::string& tag, const constants& c, const inference_end& e, double tokens,
               const inference_request& r) {
  const double active = e.active, total = e.total, pue = e.pue;
  out.steps.push_back(fmt::format("{}f_E = {} x exp({} x {}) x {} + {} = {} Wh per output token", tag, num(c.alpha),
                                  num(c.beta), num(c.batch), num(active), num(c.gamma), num(e.f_e_wh)));
  out.steps.push_back(fmt::format("{}GPUs = 2^ceil(log2(ceil({} x {} x {} / 8 / {} GB))) = {}", tag, num(c.overhead),
                                  num(total), num(c.bits), num(c.gpu_memory_gb), num(e.gpus)));
  out.steps.push_back(fmt::format("{}dT = {} tokens x ({} x {} + {} x {} + {}) s = {} s", tag, num(tokens),
                                  num(c.lat_a), num(active), num(c.lat_b), num(c.batch), num(c.lat_c), num(r.latency_s)));
  out.steps.push_back(fmt::format("{}E_server = {} s / 3600 x {} kW x {} / {} / {} = {} kWh", tag, num(r.latency_s),
                                  num(c.server_kw), num(e.gpus), num(c.installed), num(c.batch), num(r.server_kwh)));
  out.steps.push_back(fmt::format("{}E = PUE {} x ({} + {} x {} tokens x {} Wh / 1000) = {} kWh per request", tag,
                                  num(pue), num(r.server_kwh), num(e.gpus), num(tokens), num(e.f_e_wh),
                                  num(r.energy_kwh)));
  out.steps.push_back(fmt::format("{}embodied = {} s / ({} x {} s) x ({} / {} x {} kg + {} x {} kg) = {} kg per request",
                                  tag, num(r.latency_s), num(c.batch), num(c.lifetime_s), num(e.gpus), num(c.installed),
                                  num(c.server_kg), num(e.gpus), num(c.gpu_kg), num(r.embodied_kg)));
}

void check_accelerator(const inference_inputs& in, footprint& out) {
  if (!in.accelerator) {
    out.warnings.push_back("hardware as the method assumes: NVIDIA H100 80GB GPUs in servers of 8 (AWS p5.48xlarge)");
    return;
  }
  std::string lower = *in.accelerator;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.find("h100") == std::string::npos) {
    throw input_error(describe_problem({}, "accelerator", quote(*in.accelerator),
                                       "an NVIDIA H100 (EcoLogits' fit is for H100 80GB GPUs; no cited method covers "
                                       "other accelerators)"));
  }
  out.steps.push_back(fmt::format("accelerator '{}': the method's NVIDIA H100 80GB", *in.accelerator));
}

}  // namespace
}  // namespace digital
}  // namespace v0

namespace detail {

inference_model resolve_inference(const factor_database& db, const digital::inference_inputs& in,
                                  digital::footprint& out) {
  digital::check_accelerator(in, out);
  const digital::parameters p = digital::model_parameters(db, in, out);
  inference_model m;
  m.model = p.model;
  m.c = digital::method_constants(db, in, out);
  const param_range pue = digital::pue_of(db, in, p.model, out);
  m.intensity = grid_intensity(db, in.grid, out);
  m.low = digital::prepare_end(m.c, p.active.low, p.total.low, pue.low);
  m.high = digital::prepare_end(m.c, p.active.high, p.total.high, pue.high);
  m.range = p.active.is_range() || p.total.is_range() || pue.is_range();
  return m;
}

void inference_scope_warnings(digital::footprint& out) {
  out.warnings.push_back("generation latency from EcoLogits' fallback fit on ML.ENERGY data (its first choice, "
                         "OpenRouter's time to first token and tokens per second per model, is not in the database)");
  out.warnings.push_back("not counted (limits of the method): model training, networking, storage, idle capacity, "
                         "end-user devices");
}

}  // namespace detail

inline namespace v0 {
namespace digital {

footprint inference(const factor_database& db, const inference_inputs& in) {
  footprint out;
  const double tokens = argument(out, "output tokens", checked("output_tokens", in.output_tokens), "token");
  checked("input_tokens", in.input_tokens);
  const double requests = argument(out, "requests", checked("requests", in.requests), "request");
  std::optional<double> cap;
  if (in.request_latency_s) cap = argument(out, "request latency", checked("request_latency_s", *in.request_latency_s), "s");
  const inference_model m = detail::resolve_inference(db, in, out);
  if (in.input_tokens > 0.0) {
    out.warnings.push_back(fmt::format("input tokens not counted: the EcoLogits method counts output tokens only ({} "
                                       "input tokens per request given)", num(in.input_tokens)));
  }
  detail::inference_scope_warnings(out);

  const inference_request lo = detail::per_request(m.c, m.low, tokens, cap);
  const inference_request hi = detail::per_request(m.c, m.high, tokens, cap);
  end_steps(out, m.range ? "low: " : "", m.c, m.low, tokens, lo);
  if (m.range) {
    end_steps(out, "high: ", m.c, m.high, tokens, hi);
    out.warnings.push_back(detail::inference_range_warning);
  }
  const detail::request_totals t = detail::combine(lo, hi, m.intensity, requests);
  out.low_kg = t.low_kg;
  out.high_kg = t.high_kg;
  out.energy_kwh = t.energy_kwh;
  out.embodied_kg = t.embodied_kg;
  out.operational_kg = t.operational_kg;
  out.co2e_kg = t.co2e_kg;
  out.steps.push_back(fmt::format("x {} requests: E = {} kWh, operational = {} kWh x {} kg/kWh = {} kg, embodied = {} kg",
                                  num(requests), num(out.energy_kwh), num(out.energy_kwh), num(m.intensity),
                                  num(out.operational_kg), num(out.embodied_kg)));
  out.steps.push_back(fmt::format("CO2e = {} kg (low {} kg, high {} kg)", num(out.co2e_kg), num(*out.low_kg),
                                  num(*out.high_kg)));
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
