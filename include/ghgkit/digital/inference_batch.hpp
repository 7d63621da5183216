#pragma once
/// LLM request logs in batch: the method of inference() (EcoLogits) over columns of requests, with the
/// semantics of the batch path (calc/batch.hpp): columns in, columns out, rows that cannot be computed
/// kept with their reason, computed + skipped = rows, totals the compensated sums of their rows.
///
/// Each distinct (model, region) is resolved once (catalogue, coefficients, PUE, grid, and the
/// quantities of both ends that do not depend on the tokens: f_E, GPUs, f_L, embodied shares); each row
/// is then arithmetic in its output tokens and requests, the same expressions as inference(), so that
/// a row equals inference() for the same request to the last bit.
///
///     std::vector<std::string_view> model{"gpt-4o-mini", "claude-3-5-sonnet-20241022"};
///     std::vector<double> tokens{500, 1200};
///     inference_columns cols;  cols.model = model;  cols.output_tokens = tokens;
///     inference_batch_options o;  o.grid.region = "US";
///     auto r = ghgkit::digital::inference_batch(db, cols, o);   // r.co2e_kg[i], r.total.co2e_kg, r.by_model

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/compute.hpp"
#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// Input columns. `model` and `output_tokens` hold one value per row or one for every row (the longer
/// sets the rows); `input_tokens`, `requests` and `region` one per row, one for every row, or none
/// (0, 1 and the options' region).
struct inference_columns {
  std::span<const std::string_view> model;  ///< catalogue name or alias
  std::span<const double> output_tokens;    ///< per request
  std::span<const double> input_tokens;     ///< per request; not counted by the method (warning)
  std::span<const double> requests;         ///< the row is for this many requests
  std::span<const std::string_view> region; ///< grid region of the row; "" takes the options' region
};

/// What applies to every row: the arguments of inference() that are not per request.
struct inference_batch_options {
  std::optional<std::string> provider;
  std::optional<std::string> accelerator;
  std::optional<double> batch_size;
  std::optional<double> quantization_bits;
  std::optional<double> pue;
  std::optional<double> request_latency_s;  ///< upper bound of dT, applied per row (not linear)
  grid_choice grid;                         ///< an intensity, or a region (a region column overrides it)
};

/// Sums of the computed rows (Neumaier compensated).
struct inference_totals {
  std::size_t rows = 0;
  double requests = 0.0;
  double output_tokens = 0.0;
  double energy_kwh = 0.0;
  double operational_kg = 0.0;
  double embodied_kg = 0.0;
  double co2e_kg = 0.0;
  double low_kg = 0.0;
  double high_kg = 0.0;
};

/// One distinct (model, region) as it was resolved: its figures listed once, or why it cannot be.
struct inference_resolution {
  std::string model;                  ///< as the column spells it
  std::string region;                 ///< as the column spells it; "" for the options' grid
  std::string catalogue_model;        ///< the catalogue's name (provider/name); empty when not resolved
  bool ok = false;
  std::string reason;                 ///< the error when not ok
  bool range = false;                 ///< parameters or PUE are a range (low < high)
  std::vector<used_figure> figures;
};

struct inference_batch_result {
  std::vector<double> energy_kwh;      ///< 0 for skipped rows (see `computed`)
  std::vector<double> operational_kg;
  std::vector<double> embodied_kg;
  std::vector<double> co2e_kg;
  std::vector<double> low_kg;
  std::vector<double> high_kg;
  std::vector<std::uint8_t> computed;  ///< 1 computed, 0 skipped
  std::vector<std::string> reason;     ///< why a row was skipped; empty when computed
  std::vector<std::int32_t> resolution;  ///< index into `resolutions`; -1 when skipped before resolving
  std::vector<inference_resolution> resolutions;  ///< each distinct (model, region), in order of first use
  std::vector<std::pair<std::string, inference_totals>> by_model;  ///< per catalogue model, sorted
  inference_totals total;
  std::size_t computed_rows = 0;
  std::size_t skipped_rows = 0;
  std::vector<std::string> warnings;   ///< distinct, in order of first appearance
  std::string database_hash;
};

/// Throws input_error only for structural problems (column lengths, options no row can use); bad rows
/// are skipped with a reason.
[[nodiscard]] inference_batch_result inference_batch(const factor_database& db, const inference_columns& columns,
                                                     const inference_batch_options& options = {});

/// The same over a CSV file with the header `model,output_tokens[,input_tokens,requests,region]` (any
/// order; empty optional cells take their default). An unknown or missing column throws input_error
/// naming `file:1`; a cell that is not a number skips its row with `file:line: field '...': ...`.
/// Every skipped row's reason starts with its `file:line`. computed + skipped = data rows of the file.
[[nodiscard]] inference_batch_result inference_csv(const factor_database& db, const std::filesystem::path& file,
                                                   const inference_batch_options& options = {});

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
