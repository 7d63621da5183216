#include "ghgkit/digital/inference_batch.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "../activity/csv_reader.hpp"
#include "../calc/batch_columns.hpp"
#include "figures.hpp"
#include "inference_model.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {
namespace {

using detail::column_size;
using detail::compensated_sum;
using detail::value_at;

struct totals_sum {
  std::size_t rows = 0;
  compensated_sum requests, tokens, energy, operational, embodied, co2e, low, high;

  void add(double n, double t, const detail::request_totals& r) {
    ++rows;
    requests.add(n);
    tokens.add(n * t);
    energy.add(r.energy_kwh);
    operational.add(r.operational_kg);
    embodied.add(r.embodied_kg);
    co2e.add(r.co2e_kg);
    low.add(r.low_kg);
    high.add(r.high_kg);
  }
  [[nodiscard]] inference_totals value() const {
    inference_totals v;
    v.rows = rows;
    v.requests = requests.value();
    v.output_tokens = tokens.value();
    v.energy_kwh = energy.value();
    v.operational_kg = operational.value();
    v.embodied_kg = embodied.value();
    v.co2e_kg = co2e.value();
    v.low_kg = low.value();
    v.high_kg = high.value();
    return v;
  }
};

// Text of a bad number, the wording of detail::checked (no exception per bad row).
bool bad_number(double v, std::string_view field, std::string& reason) {
  if (std::isfinite(v) && v >= 0.0) return false;
  reason = describe_problem({}, field, fmt::format("{}", v), "a finite number >= 0");
  return true;
}

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// One distinct (model, region), resolved once.
struct key_entry {
  bool ok = false;
  detail::inference_model model;
  totals_sum* by_model = nullptr;
};

class resolver {
 public:
  resolver(const factor_database& db, const inference_batch_options& o, inference_batch_result& out)
      : db_(db), options_(o), out_(out) {}

  std::int32_t get(std::string_view model, std::string_view region) {
    if (last_ >= 0 && model == last_model_ && region == last_region_) return last_;
    key_.assign(model);
    key_.push_back('\x1f');
    key_.append(region);
    auto it = cache_.find(std::string_view(key_));
    if (it == cache_.end()) it = cache_.emplace(key_, resolve(model, region)).first;
    last_ = it->second;
    last_model_ = model;
    last_region_ = region;
    return last_;
  }

  const key_entry& entry(std::int32_t index) const { return entries_[static_cast<std::size_t>(index)]; }

  void warn(const std::string& w) {
    if (seen_.insert(w).second) out_.warnings.push_back(w);
  }

  std::map<std::string, totals_sum> by_model_;

 private:
  std::int32_t resolve(std::string_view model, std::string_view region) {
    inference_inputs in;
    in.model = std::string(model);
    in.provider = options_.provider;
    in.accelerator = options_.accelerator;
    in.batch_size = options_.batch_size;
    in.quantization_bits = options_.quantization_bits;
    in.pue = options_.pue;
    in.grid = options_.grid;
    if (!region.empty()) in.grid.region = std::string(region);
    inference_resolution res;
    res.model = std::string(model);
    res.region = std::string(region);
    key_entry e;
    footprint fp;
    try {
      e.model = detail::resolve_inference(db_, in, fp);
      e.ok = true;
      res.ok = true;
      res.range = e.model.range;
      res.catalogue_model = fmt::format("{}/{}", e.model.model->provider, e.model.model->name);
      res.figures = std::move(fp.figures);
      e.by_model = &by_model_[res.catalogue_model];
      for (const auto& w : fp.warnings) warn(w);
      if (e.model.range) warn(detail::inference_range_warning);
    } catch (const error& x) {
      res.reason = x.what();
    }
    out_.resolutions.push_back(std::move(res));
    entries_.push_back(std::move(e));
    return static_cast<std::int32_t>(entries_.size() - 1);
  }

  const factor_database& db_;
  const inference_batch_options& options_;
  inference_batch_result& out_;
  std::unordered_map<std::string, std::int32_t, string_hash, std::equal_to<>> cache_;
  std::vector<key_entry> entries_;
  std::unordered_set<std::string> seen_;
  std::string key_;
  std::int32_t last_ = -1;
  std::string_view last_model_, last_region_;
};

// Problems of the options that no row could get past: thrown, as inference() would for every row.
void check_options(const factor_database& db, const inference_columns& c, const inference_batch_options& o) {
  if (o.request_latency_s) detail::checked("request_latency_s", *o.request_latency_s);
  if (o.grid.intensity_kg_per_kwh && !c.region.empty()) {
    throw input_error(describe_problem({}, "region", "a region column and intensity_kg_per_kwh",
                                       "one of them (an intensity applies to every row)"));
  }
  if (!o.grid.intensity_kg_per_kwh && !o.grid.region && c.region.empty()) {
    throw input_error(describe_problem(
        {}, "intensity_kg_per_kwh", "nothing",
        "a grid intensity in kg CO2e/kWh, or a region whose grid factor the database has"));
  }
  // A dense 1B model under the options: accelerator, batch size, bits and PUE checked as inference() does.
  inference_inputs probe;
  probe.active_params_b = 1.0;
  probe.total_params_b = 1.0;
  probe.accelerator = o.accelerator;
  probe.batch_size = o.batch_size;
  probe.quantization_bits = o.quantization_bits;
  probe.pue = o.pue;
  probe.grid.intensity_kg_per_kwh = 0.0;
  footprint scratch;
  (void)detail::resolve_inference(db, probe, scratch);
}

inference_batch_result sized_result(std::size_t rows) {
  inference_batch_result out;
  for (auto* column : {&out.energy_kwh, &out.operational_kg, &out.embodied_kg, &out.co2e_kg, &out.low_kg,
                       &out.high_kg}) {
    column->assign(rows, 0.0);
  }
  out.computed.assign(rows, 0);
  out.reason.resize(rows);
  out.resolution.assign(rows, -1);
  return out;
}

// Rows with a reason in `preset` (cells a CSV reader could not read) are skipped with it.
inference_batch_result run(const factor_database& db, const inference_columns& c, const inference_batch_options& o,
                           std::span<const std::string> preset) {
  // The longer of model and output_tokens sets the rows; either may hold one value for every row.
  const std::size_t rows = c.model.size() == 1 ? c.output_tokens.size() : c.model.size();
  column_size(c.model.size(), rows, "model", false);
  column_size(c.output_tokens.size(), rows, "output_tokens", false);
  column_size(c.input_tokens.size(), rows, "input_tokens", true);
  column_size(c.requests.size(), rows, "requests", true);
  column_size(c.region.size(), rows, "region", true);
  check_options(db, c, o);

  inference_batch_result out = sized_result(rows);
  out.database_hash = db.content_hash();
  resolver resolve(db, o, out);
  totals_sum total;
  compensated_sum input_tokens;
  for (std::size_t i = 0; i < rows; ++i) {
    if (!preset.empty() && !preset[i].empty()) {
      out.reason[i] = preset[i];
      continue;
    }
    const double tokens = value_at(c.output_tokens, i, 0.0);
    const double input = value_at(c.input_tokens, i, 0.0);
    const double requests = value_at(c.requests, i, 1.0);
    if (bad_number(tokens, "output_tokens", out.reason[i]) || bad_number(input, "input_tokens", out.reason[i]) ||
        bad_number(requests, "requests", out.reason[i])) {
      continue;
    }
    const std::string_view none;
    const std::int32_t key = resolve.get(value_at(c.model, i, none), value_at(c.region, i, none));
    out.resolution[i] = key;
    const key_entry& e = resolve.entry(key);
    if (!e.ok) {
      out.reason[i] = out.resolutions[static_cast<std::size_t>(key)].reason;
      continue;
    }
    const auto lo = detail::per_request(e.model.c, e.model.low, tokens, o.request_latency_s);
    const auto hi = detail::per_request(e.model.c, e.model.high, tokens, o.request_latency_s);
    const detail::request_totals t = detail::combine(lo, hi, e.model.intensity, requests);
    out.computed[i] = 1;
    out.energy_kwh[i] = t.energy_kwh;
    out.operational_kg[i] = t.operational_kg;
    out.embodied_kg[i] = t.embodied_kg;
    out.co2e_kg[i] = t.co2e_kg;
    out.low_kg[i] = t.low_kg;
    out.high_kg[i] = t.high_kg;
    total.add(requests, tokens, t);
    e.by_model->add(requests, tokens, t);
    if (input > 0.0) input_tokens.add(requests * input);
  }
  out.total = total.value();
  out.computed_rows = total.rows;
  out.skipped_rows = rows - total.rows;
  for (const auto& [name, sum] : resolve.by_model_) out.by_model.emplace_back(name, sum.value());
  if (input_tokens.value() > 0.0) {
    resolve.warn(fmt::format("input tokens not counted: the EcoLogits method counts output tokens only ({} input "
                             "tokens given over the computed rows)", detail::num(input_tokens.value())));
  }
  footprint scope;
  detail::inference_scope_warnings(scope);
  for (const auto& w : scope.warnings) resolve.warn(w);
  return out;
}

// ---- CSV -------------------------------------------------------------------------------------------------

enum csv_column : std::size_t { col_model, col_output, col_input, col_requests, col_region, col_count };
constexpr std::string_view kColumnNames[col_count] = {"model", "output_tokens", "input_tokens", "requests", "region"};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A number cell: empty takes `none` (or is an error without one), text that is not a number is an error.
bool parse_cell(std::string_view cell, std::optional<double> none, const source_location& where, std::string_view field,
                double& value, std::string& reason) {
  const std::string_view s = trimmed(cell);
  if (s.empty()) {
    if (none) {
      value = *none;
      return true;
    }
    reason = describe_problem(where, field, "an empty cell", "a number");
    return false;
  }
  const char* first = s.data();
  if (*first == '+') ++first;
  const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    reason = describe_problem(where, field, quote(cell), "a number");
    return false;
  }
  return true;
}

std::array<std::ptrdiff_t, col_count> csv_header(const std::filesystem::path& file,
                                                 const std::vector<std::string>& header) {
  std::array<std::ptrdiff_t, col_count> index;
  index.fill(-1);
  const source_location first{file.string(), 1, 0};
  for (std::size_t j = 0; j < header.size(); ++j) {
    const std::string_view name = trimmed(header[j]);
    std::size_t k = 0;
    while (k < col_count && kColumnNames[k] != name) ++k;
    if (k == col_count) {
      throw input_error(describe_problem(first, "header", quote(name),
                                         "the columns model, output_tokens, input_tokens, requests, region"));
    }
    if (index[k] >= 0) throw input_error(describe_problem(first, "header", fmt::format("'{}' twice", name), "once"));
    index[k] = static_cast<std::ptrdiff_t>(j);
  }
  for (std::size_t k : {col_model, col_output}) {
    if (index[k] < 0) {
      throw input_error(describe_problem(
          first, "header", fmt::format("no column '{}'", kColumnNames[k]),
          "the columns model and output_tokens (input_tokens, requests, region optional)"));
    }
  }
  return index;
}

}  // namespace

inference_batch_result inference_batch(const factor_database& db, const inference_columns& columns,
                                       const inference_batch_options& options) {
  return run(db, columns, options, {});
}

inference_batch_result inference_csv(const factor_database& db, const std::filesystem::path& file,
                                     const inference_batch_options& options) {
  const detail::csv_table table = detail::read_csv(file);
  const auto index = csv_header(file, table.header);
  const std::size_t rows = table.rows.size();
  std::vector<std::string_view> model(rows), region;
  std::vector<double> output(rows, 0.0), input, requests;
  if (index[col_input] >= 0) input.assign(rows, 0.0);
  if (index[col_requests] >= 0) requests.assign(rows, 1.0);
  if (index[col_region] >= 0) region.resize(rows);
  std::vector<std::string> preset(rows);
  const std::string name = file.string();
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& record = table.rows[i];
    const source_location where{name, record.line, 0};
    if (record.fields.size() != table.header.size()) {
      preset[i] = describe_problem(where, "", fmt::format("{} fields", record.fields.size()),
                                   fmt::format("{} (the header's)", table.header.size()));
      continue;
    }
    const auto cell = [&](csv_column k) { return std::string_view(record.fields[static_cast<std::size_t>(index[k])]); };
    model[i] = trimmed(cell(col_model));
    if (index[col_region] >= 0) region[i] = trimmed(cell(col_region));
    bool ok = parse_cell(cell(col_output), std::nullopt, where, "output_tokens", output[i], preset[i]);
    if (ok && index[col_input] >= 0) ok = parse_cell(cell(col_input), 0.0, where, "input_tokens", input[i], preset[i]);
    if (ok && index[col_requests] >= 0) parse_cell(cell(col_requests), 1.0, where, "requests", requests[i], preset[i]);
  }
  inference_columns c;
  c.model = model;
  c.output_tokens = output;
  c.input_tokens = input;
  c.requests = requests;
  c.region = region;
  inference_batch_result out = run(db, c, options, preset);
  for (std::size_t i = 0; i < rows; ++i) {
    if (out.computed[i] == 0 && preset[i].empty()) {
      out.reason[i] = fmt::format("{}:{}: {}", name, table.rows[i].line, out.reason[i]);
    }
  }
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
