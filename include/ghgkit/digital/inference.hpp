#pragma once
/// LLM inference by the EcoLogits methodology (GenAI Impact, "Environmental Impacts of LLM Inference",
/// https://ecologits.ai/latest/methodology/llm_inference/), per request, times `requests`:
///
///     f_E      = alpha x exp(beta x B) x P_active + gamma          Wh per output token, one GPU
///     GPUs     = 2^ceil(log2(ceil(1.2 x P_total x Q / 8 / 80 GB)))  rounded up to 1, 2, 4, 8, ...
///     dT       = min(T_out x (a x P_active + b x B + c), latency)   s, generation latency
///     E_server = dT / 3600 x W_server\GPU x GPUs / 8 / B            kWh, server without its GPUs
///     E        = PUE x (E_server + GPUs x T_out x f_E / 1000)       kWh
///     embodied = dT / (B x life) x (GPUs / 8 x I_server\GPU + GPUs x I_GPU)
///     CO2e     = E x grid intensity + embodied
///
/// P in billions of parameters, B the batch size (64), Q the bits per weight (16), T_out the output
/// tokens; every constant is a coefficient of factors/llm (source ecologits-llm-inference). A model
/// whose parameters are a range (undisclosed, mixture-of-experts estimates), or a provider whose PUE
/// is a range, is computed at both ends: low_kg and high_kg are the ends, and energy_kwh,
/// operational_kg, embodied_kg and co2e_kg their midpoints (said in the warnings). Input tokens are
/// not counted (the method has no term for them; said when given).
///
///     inference_inputs in;
///     in.model = "gpt-4o-mini"; in.output_tokens = 500; in.grid.region = "US";
///     auto r = ghgkit::digital::inference(db, in);   // r.low_kg, r.high_kg, r.co2e_kg, r.steps

#include <optional>
#include <string>

#include "ghgkit/digital/compute.hpp"
#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

struct inference_inputs {
  std::optional<std::string> model;             ///< catalogue name or alias (factors/llm/ecologits_models.yaml)
  std::optional<std::string> provider;          ///< tells apart catalogue models of the same name
  double output_tokens = 0.0;                   ///< per request
  double input_tokens = 0.0;                    ///< per request; not counted by the method (warning)
  double requests = 1.0;                        ///< the result is for this many requests
  std::optional<double> active_params_b;        ///< billions; overrides the catalogue (both ends)
  std::optional<double> total_params_b;         ///< billions; overrides the catalogue (both ends)
  std::optional<std::string> accelerator;       ///< only an NVIDIA H100 (the method's fit); none: H100 80 GB
  std::optional<double> batch_size;             ///< B; none: the method's 64
  std::optional<double> quantization_bits;      ///< Q; none: the method's 16
  std::optional<double> pue;                    ///< none: EcoLogits' PUE of the model's provider, else the
                                                ///< database's figure for an unknown provider
  std::optional<double> request_latency_s;      ///< measured latency of one request: upper bound of dT
  grid_choice grid;
};

/// Energy and CO2e of LLM requests by the EcoLogits method (see the file comment). Throws input_error
/// for a bad or missing argument, lookup_error for a model the catalogue does not have.
[[nodiscard]] footprint inference(const factor_database& db, const inference_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
