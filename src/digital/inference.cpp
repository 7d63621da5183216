#include "ghgkit/digital/inference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "figures.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::coefficient_figure;
using detail::grid_intensity;
using detail::num;

namespace {

// The method's constants as this call uses them (database coefficients or arguments).
struct constants {
  double alpha = 0.0, beta = 0.0, gamma = 0.0;  // f_E, Wh per output token
  double overhead = 0.0, gpu_memory_gb = 0.0, bits = 0.0, batch = 0.0;
  double server_kw = 0.0, installed = 0.0;
  double lat_a = 0.0, lat_b = 0.0, lat_c = 0.0;  // f_L, s per output token
  double server_kg = 0.0, gpu_kg = 0.0, lifetime_s = 0.0;
};

// The model's parameter counts (billions), each a range (low == high for one figure).
struct parameters {
  const llm_model* model = nullptr;
  param_range active;
  param_range total;
};

// One end of the range, per request.
struct end_result {
  double f_e_wh = 0.0, memory_gb = 0.0, gpus = 0.0, latency_s = 0.0;
  double gpu_kwh = 0.0, server_kwh = 0.0, energy_kwh = 0.0, embodied_kg = 0.0;
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

end_result at_end(const constants& c, double active, double total, double pue, double tokens,
                  const std::optional<double>& latency_cap) {
  end_result r;
  r.f_e_wh = c.alpha * std::exp(c.beta * c.batch) * active + c.gamma;
  r.memory_gb = c.overhead * total * c.bits / 8.0;
  const double needed = std::max(1.0, std::ceil(r.memory_gb / c.gpu_memory_gb));
  r.gpus = std::exp2(std::ceil(std::log2(needed)));  // rounded up to 1, 2, 4, 8, ... (the method)
  r.latency_s = tokens * (c.lat_a * active + c.lat_b * c.batch + c.lat_c);
  if (latency_cap) r.latency_s = std::min(r.latency_s, *latency_cap);
  r.gpu_kwh = tokens * r.f_e_wh / 1000.0;
  r.server_kwh = r.latency_s / 3600.0 * c.server_kw * r.gpus / c.installed / c.batch;
  r.energy_kwh = pue * (r.server_kwh + r.gpus * r.gpu_kwh);
  r.embodied_kg = r.latency_s / (c.batch * c.lifetime_s) * (r.gpus / c.installed * c.server_kg + r.gpus * c.gpu_kg);
  return r;
}

void end_steps(footprint& out, const std::string& tag, const constants& c, double active, double total, double pue,
               double tokens, const end_result& r) {
  out.steps.push_back(fmt::format("{}f_E = {} x exp({} x {}) x {} + {} = {} Wh per output token", tag, num(c.alpha),
                                  num(c.beta), num(c.batch), num(active), num(c.gamma), num(r.f_e_wh)));
  out.steps.push_back(fmt::format("{}GPUs = 2^ceil(log2(ceil({} x {} x {} / 8 / {} GB))) = {}", tag, num(c.overhead),
                                  num(total), num(c.bits), num(c.gpu_memory_gb), num(r.gpus)));
  out.steps.push_back(fmt::format("{}dT = {} tokens x ({} x {} + {} x {} + {}) s = {} s", tag, num(tokens),
                                  num(c.lat_a), num(active), num(c.lat_b), num(c.batch), num(c.lat_c), num(r.latency_s)));
  out.steps.push_back(fmt::format("{}E_server = {} s / 3600 x {} kW x {} / {} / {} = {} kWh", tag, num(r.latency_s),
                                  num(c.server_kw), num(r.gpus), num(c.installed), num(c.batch), num(r.server_kwh)));
  out.steps.push_back(fmt::format("{}E = PUE {} x ({} + {} x {} tokens x {} Wh / 1000) = {} kWh per request", tag,
                                  num(pue), num(r.server_kwh), num(r.gpus), num(tokens), num(r.f_e_wh),
                                  num(r.energy_kwh)));
  out.steps.push_back(fmt::format("{}embodied = {} s / ({} x {} s) x ({} / {} x {} kg + {} x {} kg) = {} kg per request",
                                  tag, num(r.latency_s), num(c.batch), num(c.lifetime_s), num(r.gpus), num(c.installed),
                                  num(c.server_kg), num(r.gpus), num(c.gpu_kg), num(r.embodied_kg)));
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

void scope_warnings(const inference_inputs& in, footprint& out) {
  if (in.input_tokens > 0.0) {
    out.warnings.push_back(fmt::format("input tokens not counted: the EcoLogits method counts output tokens only ({} "
                                       "input tokens per request given)", num(in.input_tokens)));
  }
  out.warnings.push_back("generation latency from EcoLogits' fallback fit on ML.ENERGY data (its first choice, "
                         "OpenRouter's time to first token and tokens per second per model, is not in the database)");
  out.warnings.push_back("not counted (limits of the method): model training, networking, storage, idle capacity, "
                         "end-user devices");
}

}  // namespace

footprint inference(const factor_database& db, const inference_inputs& in) {
  footprint out;
  const double tokens = argument(out, "output tokens", checked("output_tokens", in.output_tokens), "token");
  checked("input_tokens", in.input_tokens);
  const double requests = argument(out, "requests", checked("requests", in.requests), "request");
  std::optional<double> cap;
  if (in.request_latency_s) cap = argument(out, "request latency", checked("request_latency_s", *in.request_latency_s), "s");
  check_accelerator(in, out);
  const parameters p = model_parameters(db, in, out);
  const constants c = method_constants(db, in, out);
  const param_range pue = pue_of(db, in, p.model, out);
  const double intensity = grid_intensity(db, in.grid, out);
  scope_warnings(in, out);

  const end_result lo = at_end(c, p.active.low, p.total.low, pue.low, tokens, cap);
  const end_result hi = at_end(c, p.active.high, p.total.high, pue.high, tokens, cap);
  const bool range = p.active.is_range() || p.total.is_range() || pue.is_range();
  end_steps(out, range ? "low: " : "", c, p.active.low, p.total.low, pue.low, tokens, lo);
  if (range) {
    end_steps(out, "high: ", c, p.active.high, p.total.high, pue.high, tokens, hi);
    out.warnings.push_back("parameters or PUE are a range: low_kg and high_kg are computed at its ends; energy_kwh, "
                           "operational_kg, embodied_kg and co2e_kg are their midpoints");
  }
  out.low_kg = requests * (lo.energy_kwh * intensity + lo.embodied_kg);
  out.high_kg = requests * (hi.energy_kwh * intensity + hi.embodied_kg);
  out.energy_kwh = requests * (lo.energy_kwh + hi.energy_kwh) / 2.0;
  out.embodied_kg = requests * (lo.embodied_kg + hi.embodied_kg) / 2.0;
  out.operational_kg = out.energy_kwh * intensity;
  out.co2e_kg = out.operational_kg + out.embodied_kg;
  out.steps.push_back(fmt::format("x {} requests: E = {} kWh, operational = {} kWh x {} kg/kWh = {} kg, embodied = {} kg",
                                  num(requests), num(out.energy_kwh), num(out.energy_kwh), num(intensity),
                                  num(out.operational_kg), num(out.embodied_kg)));
  out.steps.push_back(fmt::format("CO2e = {} kg (low {} kg, high {} kg)", num(out.co2e_kg), num(*out.low_kg),
                                  num(*out.high_kg)));
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
