// LLM request logs: rows per second of digital::inference_batch (and inference_csv) against one
// digital::inference() call per row, in the same process, on the same generated log.
//
//     bench_inference_batch [rows = 1000000] [per-request calls = 20000]
//
// The log cycles over four catalogue models (two of them ranges: claude-3-5-sonnet, claude-3-5-haiku)
// and output tokens 1..2000, grid region US. The per-request path is timed on its first `calls` rows
// (one call per row takes tens of microseconds: a million would take minutes) and its rate compared.
// Each checked row must equal the batch's to the last bit; the program fails otherwise.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/inference.hpp"
#include "ghgkit/digital/inference_batch.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ghgkit::digital;
  const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t calls = std::min<std::size_t>(rows, argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20000);
  const auto db = ghgkit::factor_database::load({GHGKIT_BENCH_FACTORS});

  const std::string_view models[] = {"gpt-4o-mini", "claude-3-5-sonnet-20241022", "mistral-small",
                                     "claude-3-5-haiku-20241022"};
  std::vector<std::string_view> model(rows);
  std::vector<double> tokens(rows), requests(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    model[i] = models[i % 4];
    tokens[i] = static_cast<double>(1 + (i * 7919) % 2000);
    requests[i] = static_cast<double>(1 + i % 3);
  }
  inference_columns columns;
  columns.model = model;
  columns.output_tokens = tokens;
  columns.requests = requests;
  inference_batch_options options;
  options.grid.region = "US";

  auto start = clock_type::now();
  const auto batch = inference_batch(db, columns, options);
  const double batch_s = seconds_since(start);

  double per_request_total = 0.0;
  std::size_t mismatches = 0;
  start = clock_type::now();
  for (std::size_t i = 0; i < calls; ++i) {
    inference_inputs in;
    in.model = std::string(model[i]);
    in.output_tokens = tokens[i];
    in.requests = requests[i];
    in.grid.region = "US";
    const auto one = inference(db, in);
    per_request_total += one.co2e_kg;
    if (one.co2e_kg != batch.co2e_kg[i] || *one.low_kg != batch.low_kg[i] || *one.high_kg != batch.high_kg[i]) {
      ++mismatches;
    }
  }
  const double per_request_s = seconds_since(start);

  const auto csv = std::filesystem::temp_directory_path() / "ghgkit-bench-inference-log.csv";
  {
    std::ofstream out(csv);
    out << "model,output_tokens,requests\n";
    for (std::size_t i = 0; i < rows; ++i) out << model[i] << ',' << tokens[i] << ',' << requests[i] << '\n';
  }
  start = clock_type::now();
  const auto from_csv = inference_csv(db, csv, options);
  const double csv_s = seconds_since(start);
  std::filesystem::remove(csv);

  const double batch_rate = static_cast<double>(rows) / batch_s;
  const double per_request_rate = static_cast<double>(calls) / per_request_s;
  std::printf("rows %zu: batch %.3f s (%.3g rows/s), %zu computed, total %.9g kg CO2e, %zu resolutions\n", rows,
              batch_s, batch_rate, batch.computed_rows, batch.total.co2e_kg, batch.resolutions.size());
  std::printf("csv: %.3f s (%.3g rows/s, reading and parsing included), total %.9g kg CO2e\n", csv_s,
              static_cast<double>(rows) / csv_s, from_csv.total.co2e_kg);
  std::printf("per-request inference(): %zu calls in %.3f s (%.3g rows/s)\n", calls, per_request_s, per_request_rate);
  std::printf("ratio batch / per-request: %.0fx; rows differing from inference(): %zu\n", batch_rate / per_request_rate,
              mismatches);
  (void)per_request_total;
  return mismatches == 0 && from_csv.computed_rows == rows && batch.computed_rows == rows ? 0 : 1;
}
