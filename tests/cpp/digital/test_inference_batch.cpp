// LLM request logs in batch (include/ghgkit/digital/inference_batch.hpp). The reference of every row is
// the per-request inference() (tests/cpp/digital/test_inference.cpp checks it by hand); both share one
// resolution and one per-request arithmetic, so rows must equal it exactly, not approximately. One
// hand check: claude-3-5-sonnet at 500 output tokens and 0.4 kg/kWh (worked in test_inference.cpp).

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/inference.hpp"
#include "ghgkit/digital/inference_batch.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

constexpr double kLifeS = 3.0 * 365.25 * 86400.0;
double f_e(double active) { return 1.1665e-6 * std::exp(-0.011206 * 64.0) * active + 4.0529e-5; }

// A mixed log: a range model (claude-3-5-sonnet: active 44-132, PUE 1.09-1.14), dense models, aliases of
// one region and several, requests and input tokens, and bad rows (unknown model and region, negative
// tokens, NaN requests).
struct mixed_log {
  std::vector<std::string_view> model{"claude-3-5-sonnet-20241022", "gpt-4o-mini", "mistral-small",
                                      "no-such-model-xyz", "claude-3-5-sonnet-20241022", "gpt-4o-mini",
                                      "mistral-small", "claude-3-5-sonnet-20241022", "gpt-4o-mini",
                                      "mistral-small"};
  std::vector<double> output{500, 1200, 0, 10, -5, 800, 250.5, 3000, 40, 100};
  std::vector<double> input{100, 0, 20, 0, 0, 3000, 0, 0, 0, 0};
  std::vector<double> requests{3, 1, 2, 1, 1, 7, std::numeric_limits<double>::quiet_NaN(), 1, 1000, 2};
  std::vector<std::string_view> region{"FR", "US", "FR", "FR", "FR", "", "US", "DE", "XX", "US"};

  inference_columns columns() const {
    inference_columns c;
    c.model = model;
    c.output_tokens = output;
    c.input_tokens = input;
    c.requests = requests;
    c.region = region;
    return c;
  }
};

inference_batch_options us_options() {
  inference_batch_options o;
  o.grid.region = "US";
  return o;
}

inference_inputs request_of(const mixed_log& log, std::size_t i, const inference_batch_options& o) {
  inference_inputs in;
  in.model = std::string(log.model[i]);
  in.output_tokens = log.output[i];
  in.input_tokens = log.input[i];
  in.requests = log.requests[i];
  in.pue = o.pue;
  in.batch_size = o.batch_size;
  in.quantization_bits = o.quantization_bits;
  in.request_latency_s = o.request_latency_s;
  in.grid = o.grid;
  if (i < log.region.size() && !log.region[i].empty()) in.grid.region = std::string(log.region[i]);
  return in;
}

// Every row equals inference() bit for bit, or is skipped with the message inference() throws.
void check_rows_equal_inference(const mixed_log& log, const inference_batch_options& o) {
  const auto r = inference_batch(shipped(), log.columns(), o);
  REQUIRE(r.co2e_kg.size() == log.model.size());
  for (std::size_t i = 0; i < log.model.size(); ++i) {
    CAPTURE(i);
    std::string expected_reason;
    footprint one;
    try {
      one = inference(shipped(), request_of(log, i, o));
    } catch (const error& e) {
      expected_reason = e.what();
    }
    if (!expected_reason.empty()) {
      CHECK(r.computed[i] == 0);
      CHECK(r.reason[i] == expected_reason);
      CHECK(r.co2e_kg[i] == 0.0);
      continue;
    }
    CHECK(r.computed[i] == 1);
    CHECK(r.reason[i].empty());
    CHECK(r.energy_kwh[i] == one.energy_kwh);
    CHECK(r.operational_kg[i] == one.operational_kg);
    CHECK(r.embodied_kg[i] == one.embodied_kg);
    CHECK(r.co2e_kg[i] == one.co2e_kg);
    CHECK(r.low_kg[i] == *one.low_kg);
    CHECK(r.high_kg[i] == *one.high_kg);
  }
}

}  // namespace

TEST_CASE("inference batch: every row equals the per-request inference, bad rows kept with its message") {
  const mixed_log log;
  check_rows_equal_inference(log, us_options());
  const auto r = inference_batch(shipped(), log.columns(), us_options());
  CHECK(r.computed_rows == 6);
  CHECK(r.skipped_rows == 4);
  CHECK(r.reason[4] == "field 'output_tokens': found -5, expected a finite number >= 0");
  CHECK(r.reason[6] == "field 'requests': found nan, expected a finite number >= 0");
  CHECK(r.resolution[4] == -1);
  CHECK(r.reason[3].find("no-such-model-xyz") != std::string::npos);
  CHECK(r.reason[8].find("XX") != std::string::npos);
  CHECK(r.low_kg[0] < r.co2e_kg[0]);
  CHECK(r.co2e_kg[0] < r.high_kg[0]);
}

TEST_CASE("inference batch: one intensity, PUE, batch size, bits and a latency cap per row equal inference") {
  mixed_log log;
  log.region.clear();
  inference_batch_options o;
  o.grid.intensity_kg_per_kwh = 0.4;
  o.pue = 1.3;
  o.batch_size = 32;
  o.quantization_bits = 8;
  o.request_latency_s = 20;  // binds for long answers only: dT is not linear in T_out beyond it
  check_rows_equal_inference(log, o);
  o.request_latency_s.reset();
  o.pue.reset();
  check_rows_equal_inference(log, o);
}

TEST_CASE("inference batch: a range model worked by hand, times requests") {
  // claude-3-5-sonnet, 500 output tokens, 0.4 kg/kWh, 3 requests (test_inference.cpp works one request):
  // low E = 1.09 x (34.6/3600 x 1.2 x 2/64 + 16 x 500 x f_E(44)/1000), high with 64.432 s, PUE 1.14, f_E(132).
  std::vector<std::string_view> model{"claude-3-5-sonnet-20241022"};
  std::vector<double> tokens{500}, requests{3};
  inference_columns c;
  c.model = model;
  c.output_tokens = tokens;
  c.requests = requests;
  inference_batch_options o;
  o.grid.intensity_kg_per_kwh = 0.4;
  const auto r = inference_batch(shipped(), c, o);
  const double e_lo = 1.09 * (34.6 / 3600.0 * 1.2 * 2.0 / 64.0 + 16.0 * 500.0 * f_e(44) / 1000.0);
  const double e_hi = 1.14 * (64.432 / 3600.0 * 1.2 * 2.0 / 64.0 + 16.0 * 500.0 * f_e(132) / 1000.0);
  const double m_lo = 34.6 / (64.0 * kLifeS) * 15768.0;
  const double m_hi = 64.432 / (64.0 * kLifeS) * 15768.0;
  CHECK(r.low_kg[0] == doctest::Approx(3.0 * (e_lo * 0.4 + m_lo)).epsilon(1e-9));
  CHECK(r.high_kg[0] == doctest::Approx(3.0 * (e_hi * 0.4 + m_hi)).epsilon(1e-9));
  CHECK(r.energy_kwh[0] == doctest::Approx(3.0 * (e_lo + e_hi) / 2.0).epsilon(1e-9));
  REQUIRE(r.resolutions.size() == 1);
  CHECK(r.resolutions[0].range);
  CHECK(r.resolutions[0].catalogue_model == "anthropic/claude-3-5-sonnet-20241022");
  CHECK(std::count(r.warnings.begin(), r.warnings.end(),
                   "parameters or PUE are a range: low_kg and high_kg are computed at its ends; energy_kwh, "
                   "operational_kg, embodied_kg and co2e_kg are their midpoints") == 1);
}

TEST_CASE("inference batch: totals and per-model subtotals reconcile with the rows") {
  const mixed_log log;
  const auto r = inference_batch(shipped(), log.columns(), us_options());
  double co2e = 0.0, low = 0.0, high = 0.0, energy = 0.0, requests = 0.0;
  for (std::size_t i = 0; i < r.co2e_kg.size(); ++i) {
    co2e += r.co2e_kg[i];
    low += r.low_kg[i];
    high += r.high_kg[i];
    energy += r.energy_kwh[i];
    if (r.computed[i]) requests += log.requests[i];
  }
  CHECK(r.computed_rows + r.skipped_rows == log.model.size());
  CHECK(r.total.rows == r.computed_rows);
  CHECK(r.total.co2e_kg == doctest::Approx(co2e).epsilon(1e-12));
  CHECK(r.total.low_kg == doctest::Approx(low).epsilon(1e-12));
  CHECK(r.total.high_kg == doctest::Approx(high).epsilon(1e-12));
  CHECK(r.total.energy_kwh == doctest::Approx(energy).epsilon(1e-12));
  CHECK(r.total.co2e_kg == doctest::Approx(r.total.operational_kg + r.total.embodied_kg).epsilon(1e-12));
  CHECK(r.total.requests == requests);
  double by_model = 0.0;
  std::size_t rows = 0;
  for (const auto& [name, t] : r.by_model) {
    by_model += t.co2e_kg;
    rows += t.rows;
  }
  CHECK(rows == r.computed_rows);
  CHECK(by_model == doctest::Approx(r.total.co2e_kg).epsilon(1e-12));
  REQUIRE(r.by_model.size() == 3);
  CHECK(r.by_model[0].first == "anthropic/claude-3-5-sonnet-20241022");
  CHECK(r.by_model[0].second.rows == 2);  // rows 0 and 7 (row 4 has negative tokens)
  CHECK(std::count_if(r.warnings.begin(), r.warnings.end(),
                      [](const std::string& w) { return w.rfind("input tokens not counted", 0) == 0; }) == 1);
}

TEST_CASE("inference batch: each distinct model and region is resolved once, its figures listed once") {
  std::vector<std::string_view> model;
  std::vector<std::string_view> region;
  std::vector<double> tokens;
  const std::string_view models[] = {"gpt-4o-mini", "mistral-small", "claude-3-5-sonnet-20241022"};
  const std::string_view regions[] = {"FR", "DE"};
  for (std::size_t i = 0; i < 3000; ++i) {
    model.push_back(models[i % 3]);
    region.push_back(regions[(i / 3) % 2]);
    tokens.push_back(static_cast<double>(i % 997));
  }
  inference_columns c;
  c.model = model;
  c.output_tokens = tokens;
  c.region = region;
  const auto r = inference_batch(shipped(), c, {});
  CHECK(r.computed_rows == 3000);
  REQUIRE(r.resolutions.size() == 6);
  for (const auto& res : r.resolutions) {
    CHECK(res.ok);
    CHECK(std::count_if(res.figures.begin(), res.figures.end(),
                        [](const used_figure& f) { return f.name == "f_E alpha"; }) == 1);
    CHECK(std::count_if(res.figures.begin(), res.figures.end(),
                        [](const used_figure& f) { return f.name == "grid intensity"; }) == 1);
  }
  CHECK(r.resolutions[0].model == "gpt-4o-mini");
  CHECK(r.resolutions[0].region == "FR");
  CHECK(r.resolutions[3].region == "DE");
  CHECK(r.by_model.size() == 3);
  const auto distinct = std::set<std::string>(r.warnings.begin(), r.warnings.end());
  CHECK(distinct.size() == r.warnings.size());
}

TEST_CASE("inference batch: structural problems throw, naming the column or option") {
  mixed_log log;
  auto c = log.columns();
  std::vector<double> two{1, 2};
  c.requests = two;
  CHECK_THROWS_WITH_AS((void)inference_batch(shipped(), c, us_options()),
                       "batch column 'requests' has 2 values: expected 10 (one per row), 1 (for every row) or 0 (none)",
                       input_error);
  inference_batch_options o;
  o.grid.intensity_kg_per_kwh = 0.4;
  CHECK_THROWS_WITH_AS((void)inference_batch(shipped(), log.columns(), o),
                       "field 'region': found a region column and intensity_kg_per_kwh, expected one of them (an "
                       "intensity applies to every row)",
                       input_error);
  c = log.columns();
  c.region = {};
  CHECK_THROWS_WITH_AS((void)inference_batch(shipped(), c, {}),
                       "field 'intensity_kg_per_kwh': found nothing, expected a grid intensity in kg CO2e/kWh, or a "
                       "region whose grid factor the database has",
                       input_error);
  o = us_options();
  o.pue = 0.9;
  CHECK_THROWS_WITH_AS((void)inference_batch(shipped(), c, o), "field 'pue': found 0.9, expected a PUE >= 1",
                       input_error);
}

TEST_CASE("inference csv: rows from a file, bad cells skipped with file and line, the header checked") {
  const ghgkit_test::temp_dir dir("inference-csv");
  const auto file = dir.write("log.csv",
                              "model,output_tokens,requests,region\n"
                              "gpt-4o-mini,500,2,FR\n"
                              "gpt-4o-mini,abc,1,FR\n"
                              "mistral-small,120,,US\n"
                              "no-such-model-xyz,5,1,FR\n"
                              "mistral-small,7\n"
                              "claude-3-5-sonnet-20241022,1e3,1,DE\n");
  const auto r = inference_csv(shipped(), file, {});
  const std::string name = file.string();
  REQUIRE(r.co2e_kg.size() == 6);
  CHECK(r.computed_rows == 3);
  CHECK(r.skipped_rows == 3);
  CHECK(r.reason[1] == name + ":3: field 'output_tokens': found 'abc', expected a number");
  CHECK(r.reason[3].rfind(name + ":5: ", 0) == 0);
  CHECK(r.reason[4] == name + ":6: found 2 fields, expected 4 (the header's)");
  inference_inputs in;
  in.model = "mistral-small";
  in.output_tokens = 120;
  in.grid.region = "US";
  CHECK(r.co2e_kg[2] == inference(shipped(), in).co2e_kg);  // an empty requests cell is 1 request
  in.model = "claude-3-5-sonnet-20241022";
  in.output_tokens = 1000;
  in.grid.region = "DE";
  CHECK(r.high_kg[5] == *inference(shipped(), in).high_kg);

  const auto bad = dir.write("bad.csv", "model,output_tokens,colour\ngpt-4o-mini,1,red\n");
  CHECK_THROWS_WITH_AS((void)inference_csv(shipped(), bad, {}),
                       (bad.string() + ":1: field 'header': found 'colour', expected the columns model, output_tokens, "
                                       "input_tokens, requests, region").c_str(),
                       input_error);
  const auto missing = dir.write("missing.csv", "model,requests\ngpt-4o-mini,1\n");
  CHECK_THROWS_WITH_AS((void)inference_csv(shipped(), missing, us_options()),
                       (missing.string() + ":1: field 'header': found no column 'output_tokens', expected the columns "
                                           "model and output_tokens (input_tokens, requests, region optional)").c_str(),
                       input_error);
}

TEST_CASE("inference batch: one model or one token count for every row") {
  std::vector<std::string_view> model{"gpt-4o-mini"};
  std::vector<double> tokens{100, 200, 300};
  inference_columns c;
  c.model = model;
  c.output_tokens = tokens;
  inference_batch_options o;
  o.grid.intensity_kg_per_kwh = 0.5;
  const auto r = inference_batch(shipped(), c, o);
  REQUIRE(r.co2e_kg.size() == 3);
  inference_inputs in;
  in.model = "gpt-4o-mini";
  in.output_tokens = 300;
  in.grid.intensity_kg_per_kwh = 0.5;
  CHECK(r.co2e_kg[2] == inference(shipped(), in).co2e_kg);
  std::vector<std::string_view> models{"gpt-4o-mini", "mistral-small"};
  std::vector<double> one{300};
  c.model = models;
  c.output_tokens = one;
  CHECK(inference_batch(shipped(), c, o).co2e_kg[0] == inference(shipped(), in).co2e_kg);
}
