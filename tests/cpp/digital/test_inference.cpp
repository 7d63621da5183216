// LLM inference by the EcoLogits method (include/ghgkit/digital/inference.hpp). Every expected value
// is worked by hand below from the coefficients of factors/llm (source ecologits-llm-inference,
// https://ecologits.ai/latest/methodology/llm_inference/):
//   f_E  alpha 1.1665e-6 Wh/token, beta -0.011206, gamma 4.0529e-5 Wh/token; B = 64; Q = 16 bits;
//   memory overhead 1.2; 80 GB per GPU; f_L 6.78e-4, 3.12e-4, 1.94e-2 s/token; server 1.2 kW and
//   8 GPUs; embodied 5700 kg (server without GPUs) and 273 kg (GPU); life 3 yr = 3 x 365.25 x 86400 s.
//   exp(-0.011206 x 64) = 0.488146...

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ghgkit/digital/inference.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

doctest::Approx close(double v) { return doctest::Approx(v).epsilon(1e-9); }

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

constexpr double kLifeS = 3.0 * 365.25 * 86400.0;  // 94,672,800 s

// f_E of the shipped coefficients at B = 64, Wh per output token and GPU.
double f_e(double active) { return 1.1665e-6 * std::exp(-0.011206 * 64.0) * active + 4.0529e-5; }

bool has_warning(const footprint& r, const std::string& part) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

inference_inputs dense70() {
  inference_inputs in;
  in.active_params_b = 70;
  in.total_params_b = 70;
  in.output_tokens = 1000;
  in.pue = 1.2;
  in.grid.intensity_kg_per_kwh = 0.5;
  return in;
}

}  // namespace

TEST_CASE("inference: a dense 70B model, 1000 output tokens, worked by hand") {
  // f_E = 1.1665e-6 x 0.488146 x 70 + 4.0529e-5 = 8.03868e-5 Wh/token.
  // memory = 1.2 x 70 x 16 / 8 = 168 GB; 168 / 80 = 2.1 -> 3 -> rounded up to a power of two: 4 GPUs.
  // dT = 1000 x (6.78e-4 x 70 + 3.12e-4 x 64 + 1.94e-2) = 1000 x 0.086828 = 86.828 s.
  // E_server = 86.828 / 3600 x 1.2 kW x 4 / 8 / 64 = 2.26115e-4 kWh.
  // E = 1.2 x (2.26115e-4 + 4 x 1000 x 8.03868e-5 / 1000) = 1.2 x 5.47661e-4 = 6.57194e-4 kWh.
  // embodied = 86.828 / (64 x 94,672,800) x (4/8 x 5700 + 4 x 273 = 3942) = 5.64900e-5 kg.
  const auto r = inference(shipped(), dense70());
  const double server = 86.828 / 3600.0 * 1.2 * 4.0 / 8.0 / 64.0;
  const double energy = 1.2 * (server + 4.0 * 1000.0 * f_e(70) / 1000.0);
  const double embodied = 86.828 / (64.0 * kLifeS) * 3942.0;
  CHECK(f_e(70) == doctest::Approx(8.03868e-5).epsilon(1e-5));
  CHECK(energy == doctest::Approx(6.57194e-4).epsilon(1e-5));
  CHECK(r.energy_kwh == close(energy));
  CHECK(r.embodied_kg == close(embodied));
  CHECK(r.operational_kg == close(energy * 0.5));
  CHECK(r.co2e_kg == close(energy * 0.5 + embodied));
  REQUIRE(r.low_kg.has_value());
  REQUIRE(r.high_kg.has_value());
  CHECK(*r.low_kg == close(r.co2e_kg));
  CHECK(*r.high_kg == close(r.co2e_kg));
  CHECK(r.steps[1] == "GPUs = 2^ceil(log2(ceil(1.2 x 70 x 16 / 8 / 80 GB))) = 4");
  CHECK(r.steps[2] == "dT = 1000 tokens x (0.000678 x 70 + 0.000312 x 64 + 0.0194) s = 86.828 s");
  CHECK(r.figure("f_E alpha")->origin == "ecologits.llm.inference.gpu_energy_per_output_token.alpha");
  CHECK(r.figure("GPU embodied")->source_id == "ecologits-llm-inference");
  CHECK(r.figure("pue")->origin == "argument");
  CHECK(has_warning(r, "hardware as the method assumes"));
  CHECK_FALSE(has_warning(r, "range"));
}

TEST_CASE("inference: requests multiply and input tokens are accepted but not counted") {
  auto in = dense70();
  const auto one = inference(shipped(), in);
  CHECK_FALSE(has_warning(one, "input tokens"));
  in.requests = 3;
  in.input_tokens = 2000;
  const auto three = inference(shipped(), in);
  CHECK(three.energy_kwh == close(3.0 * one.energy_kwh));
  CHECK(three.co2e_kg == close(3.0 * one.co2e_kg));
  CHECK(*three.high_kg == close(3.0 * *one.high_kg));
  CHECK(has_warning(three, "input tokens not counted: the EcoLogits method counts output tokens only (2000"));
}

TEST_CASE("inference: quantization bits, batch size and a measured latency change the GPUs, f_E and dT") {
  auto in = dense70();
  in.quantization_bits = 4;  // 1.2 x 70 x 4 / 8 = 42 GB -> 1 GPU
  in.batch_size = 32;        // f_E = 1.1665e-6 x exp(-0.011206 x 32) x 70 + 4.0529e-5
  in.request_latency_s = 10; // dT = min(1000 x (0.04746 + 3.12e-4 x 32 + 0.0194) = 76.844 s, 10 s) = 10 s
  const auto r = inference(shipped(), in);
  const double fe = 1.1665e-6 * std::exp(-0.011206 * 32.0) * 70.0 + 4.0529e-5;
  const double server = 10.0 / 3600.0 * 1.2 * 1.0 / 8.0 / 32.0;
  const double energy = 1.2 * (server + 1.0 * 1000.0 * fe / 1000.0);
  const double embodied = 10.0 / (32.0 * kLifeS) * (1.0 / 8.0 * 5700.0 + 273.0);
  CHECK(r.energy_kwh == close(energy));
  CHECK(r.embodied_kg == close(embodied));
  CHECK(r.figure("batch size")->origin == "argument");
}

TEST_CASE("inference: a catalogue mixture-of-experts model gives low and high with midpoints") {
  // claude-3-5-sonnet-20241022 (EcoLogits models.json): total 440, active 44-132; Anthropic's PUE
  // 1.09-1.14 (EcoLogits' data center table). 500 output tokens, intensity 0.4 kg/kWh.
  // memory = 1.2 x 440 x 16 / 8 = 1056 GB / 80 = 13.2 -> 14 -> 16 GPUs at both ends.
  // low:  dT = 500 x (6.78e-4 x 44 + 0.019968 + 0.0194) = 34.6 s; E_server = 34.6/3600 x 1.2 x 16/8/64
  //       = 3.60417e-4 kWh; E = 1.09 x (3.60417e-4 + 16 x 500 x f_E(44)/1000) = 9.64734e-4 kWh.
  // high: dT = 500 x (6.78e-4 x 132 + 0.019968 + 0.0194) = 64.432 s; E = 1.14 x (6.71167e-4 + 16 x 500 x
  //       f_E(132)/1000) = 1.82022e-3 kWh.
  // embodied = dT / (64 x life) x (16/8 x 5700 + 16 x 273 = 15768).
  inference_inputs in;
  in.model = "claude-3-5-sonnet-20241022";
  in.output_tokens = 500;
  in.grid.intensity_kg_per_kwh = 0.4;
  const auto r = inference(shipped(), in);
  const double e_lo = 1.09 * (34.6 / 3600.0 * 1.2 * 2.0 / 64.0 + 16.0 * 500.0 * f_e(44) / 1000.0);
  const double e_hi = 1.14 * (64.432 / 3600.0 * 1.2 * 2.0 / 64.0 + 16.0 * 500.0 * f_e(132) / 1000.0);
  const double m_lo = 34.6 / (64.0 * kLifeS) * 15768.0;
  const double m_hi = 64.432 / (64.0 * kLifeS) * 15768.0;
  CHECK(e_lo == doctest::Approx(9.64734e-4).epsilon(1e-5));
  CHECK(e_hi == doctest::Approx(1.82022e-3).epsilon(1e-5));
  CHECK(*r.low_kg == close(e_lo * 0.4 + m_lo));
  CHECK(*r.high_kg == close(e_hi * 0.4 + m_hi));
  CHECK(r.energy_kwh == close((e_lo + e_hi) / 2.0));
  CHECK(r.embodied_kg == close((m_lo + m_hi) / 2.0));
  CHECK(r.co2e_kg == close((*r.low_kg + *r.high_kg) / 2.0));
  CHECK(r.figure("active parameters (low)")->value == 44.0);
  CHECK(r.figure("active parameters (high)")->value == 132.0);
  CHECK(r.figure("total parameters")->origin == "ecologits.anthropic.claude-3-5-sonnet-20241022");
  CHECK(r.figure("pue (high)")->origin == "ecologits.llm.inference.datacenter.pue.high.anthropic");
  CHECK(has_warning(r, "are their midpoints"));
  CHECK(has_warning(r, "model-arch-not-released"));
  CHECK(r.steps[0].rfind("low: f_E = ", 0) == 0);
}

TEST_CASE("inference: parameter counts given as arguments override the catalogue") {
  // claude-3-5-haiku (8-28B in the catalogue) stated by the caller as a dense 8B, PUE 1.2: one GPU
  // (1.2 x 8 x 16 / 8 = 19.2 GB).
  inference_inputs in;
  in.model = "claude-3-5-haiku-20241022";  // dense 8-28 in the catalogue
  in.active_params_b = 8;
  in.total_params_b = 8;
  in.output_tokens = 100;
  in.pue = 1.2;
  in.grid.intensity_kg_per_kwh = 0.1;
  const auto r = inference(shipped(), in);
  // dT = 100 x (6.78e-4 x 8 + 0.019968 + 0.0194) = 4.4792 s.
  const double energy = 1.2 * (4.4792 / 3600.0 * 1.2 / 8.0 / 64.0 + 100.0 * f_e(8) / 1000.0);
  CHECK(r.energy_kwh == close(energy));
  CHECK(*r.low_kg == close(*r.high_kg));
}

TEST_CASE("inference: one parameter count alone means a dense model, and the PUE falls back with a warning") {
  inference_inputs in;
  in.total_params_b = 70;
  in.output_tokens = 1000;
  in.grid.intensity_kg_per_kwh = 0.5;
  const auto r = inference(shipped(), in);
  // The same as the dense 70B case with the unknown-provider PUE 1.56 (Green Algorithms) instead of 1.2.
  const double server = 86.828 / 3600.0 * 1.2 * 4.0 / 8.0 / 64.0;
  CHECK(r.energy_kwh == close(1.56 * (server + 4.0 * f_e(70))));
  CHECK(r.figure("pue")->origin == "green-algorithms-cloud.datacenter.pue.unknown_provider");
  CHECK(has_warning(r, "taken as dense"));
  CHECK(has_warning(r, "pue not given"));
}

TEST_CASE("inference: refuses what the method cannot compute") {
  inference_inputs in;
  in.output_tokens = 10;
  in.grid.intensity_kg_per_kwh = 0.5;
  CHECK_THROWS_WITH_AS((void)inference(shipped(), in),
                       "field 'model': found nothing, expected a model of the catalogue, or active_params_b and/or "
                       "total_params_b",
                       input_error);
  auto d = dense70();
  d.accelerator = "A100 SXM4 80 GB";
  CHECK_THROWS_WITH_AS((void)inference(shipped(), d),
                       "field 'accelerator': found 'A100 SXM4 80 GB', expected an NVIDIA H100 (EcoLogits' fit is for "
                       "H100 80GB GPUs; no cited method covers other accelerators)",
                       input_error);
  d.accelerator = "NVIDIA H100 SXM 80GB";
  CHECK(inference(shipped(), d).energy_kwh == close(inference(shipped(), dense70()).energy_kwh));
  d = dense70();
  d.active_params_b = 100;
  CHECK_THROWS_WITH_AS((void)inference(shipped(), d),
                       "field 'active_params_b': found 100, expected at most the total parameters (70)", input_error);
  d = dense70();
  d.pue = 0.9;
  CHECK_THROWS_WITH_AS((void)inference(shipped(), d), "field 'pue': found 0.9, expected a PUE >= 1", input_error);
  d = dense70();
  d.output_tokens = -1;
  CHECK_THROWS_AS((void)inference(shipped(), d), input_error);
  d = dense70();
  d.grid.intensity_kg_per_kwh.reset();
  CHECK_THROWS_AS((void)inference(shipped(), d), input_error);
  inference_inputs unknown;
  unknown.model = "no-such-model-xyz";
  unknown.output_tokens = 1;
  unknown.grid.intensity_kg_per_kwh = 0.5;
  CHECK_THROWS_AS((void)inference(shipped(), unknown), lookup_error);
}
