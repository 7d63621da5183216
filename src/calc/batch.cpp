#include "ghgkit/calc/batch.hpp"

#include "ghgkit/calc/amount_conversion.hpp"
#include "batch_columns.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace ghgkit {
inline namespace v0 {
namespace {

using detail::column_size;
using detail::compensated_sum;

// What a distinct key resolves to: per input unit, kg of each gas and of CO2e, or why it cannot.
struct resolved {
  bool ok = false;
  std::string reason;
  std::int32_t factor = -1;
  double co2e_per_input_unit = 0.0;
  double biogenic_per_input_unit = 0.0;
  std::vector<std::pair<std::size_t, double>> gas_per_input_unit;  // gas column index, kg
  std::string fallbacks;
};

template <class T>
const T* at(std::span<const T> column, std::size_t row) {
  if (column.empty()) return nullptr;
  return &column[column.size() == 1 ? 0 : row];
}

class resolver {
 public:
  resolver(const factor_database& db, const calc_options& options, batch_result& out)
      : db_(db), options_(options), out_(out) {}

  const resolved& get(std::string_view activity, std::string_view unit_text, const std::string_view* region,
                      const std::int32_t* year) {
    std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", activity, unit_text, region ? *region : "",
                                  year ? *year : 0);
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(std::move(key), resolve(activity, unit_text, region, year)).first;
    return it->second;
  }

 private:
  resolved resolve(std::string_view activity, std::string_view unit_text, const std::string_view* region,
                   const std::int32_t* year) {
    resolved r;
    calc_options o = options_;
    if (region != nullptr && !region->empty()) o.region = std::string(*region);
    if (year != nullptr && *year != 0) o.year = *year;
    try {
      const ghgkit::unit u = parse_unit(unit_text);
      const lookup_result found = resolve_factor(db_, activity, u, o);
      const factor& f = *found.found;
      std::vector<std::string> steps_of_key, warnings_of_key;  // per key; per-row provenance lives in calculate()
      const double scale = amount_in_factor_unit(db_, amount{1.0, std::string(unit_text)}, o.basis, f, o.year,
                                                 steps_of_key, warnings_of_key);
      warnings_.insert(warnings_of_key.begin(), warnings_of_key.end());
      const co2e_rate rate = co2e_per_unit(f, db_.gases(), o.gwp);
      if (!rate.warning.empty()) warnings_.insert(rate.warning);
      r.co2e_per_input_unit = scale * rate.kg_per_unit;
      r.biogenic_per_input_unit = scale * f.biogenic_co2_kg.value_or(0.0);
      for (const auto& g : f.gases) r.gas_per_input_unit.emplace_back(gas_column(g.gas), scale * g.kg);
      r.factor = factor_index(f.id);
      std::vector<std::string> steps;
      for (const auto& step : found.fallbacks) steps.push_back(fmt::format("{} {} -> {}", step.kind, step.from, step.to));
      r.fallbacks = fmt::format("{}", fmt::join(steps, "; "));
      r.ok = true;
    } catch (const error& e) {
      r.reason = e.what();
    }
    return r;
  }

  std::size_t gas_column(const std::string& gas) {
    auto [it, inserted] = gas_columns_.emplace(gas, gas_columns_.size());
    return it->second;
  }

  std::int32_t factor_index(const std::string& id) {
    auto [it, inserted] = factor_indexes_.emplace(id, static_cast<std::int32_t>(out_.factor_ids.size()));
    if (inserted) out_.factor_ids.push_back(id);
    return it->second;
  }

 public:
  std::map<std::string, std::size_t> gas_columns_;
  std::set<std::string> warnings_;

 private:
  const factor_database& db_;
  const calc_options& options_;
  batch_result& out_;
  std::unordered_map<std::string, resolved> cache_;
  std::unordered_map<std::string, std::int32_t> factor_indexes_;
};

}  // namespace

batch_result calculate_batch(const factor_database& db, const batch_columns& c, const calc_options& options) {
  const std::size_t rows = c.activity.size();
  column_size(c.amount.size(), rows, "amount", false);
  column_size(c.unit.size(), rows, "unit", false);
  column_size(c.region.size(), rows, "region", true);
  column_size(c.year.size(), rows, "year", true);
  (void)db.gases().table(options.gwp);

  batch_result out;
  out.database_hash = db.content_hash();
  out.gwp_set = options.gwp;
  out.co2e_kg.assign(rows, 0.0);
  out.biogenic_co2_kg.assign(rows, 0.0);
  out.computed.assign(rows, 0);
  out.reason.resize(rows);
  out.factor.assign(rows, -1);
  out.fallbacks.resize(rows);
  resolver resolve(db, options, out);
  std::vector<const resolved*> per_row(rows, nullptr);
  compensated_sum total, biogenic;
  for (std::size_t i = 0; i < rows; ++i) {
    const double value = *at(c.amount, i);
    if (!std::isfinite(value) || value < 0.0) {
      out.reason[i] = describe_problem({}, "amount", fmt::format("{}", value), "a finite number >= 0");
      continue;
    }
    const resolved& r = resolve.get(c.activity[i], *at(c.unit, i), at(c.region, i), at(c.year, i));
    if (!r.ok) {
      out.reason[i] = r.reason;
      continue;
    }
    per_row[i] = &r;
    out.computed[i] = 1;
    out.factor[i] = r.factor;
    out.fallbacks[i] = r.fallbacks;
    out.co2e_kg[i] = value * r.co2e_per_input_unit;
    out.biogenic_co2_kg[i] = value * r.biogenic_per_input_unit;
    total.add(out.co2e_kg[i]);
    biogenic.add(out.biogenic_co2_kg[i]);
  }
  // Gas columns are known only once every key is resolved.
  out.gas_kg.assign(resolve.gas_columns_.size(), std::vector<double>(rows, 0.0));
  for (const auto& [gas, column] : resolve.gas_columns_) out.gas_names.push_back(gas);
  std::vector<std::size_t> sorted_position(resolve.gas_columns_.size());
  std::size_t position = 0;
  for (const auto& [gas, column] : resolve.gas_columns_) sorted_position[column] = position++;
  for (std::size_t i = 0; i < rows; ++i) {
    if (per_row[i] == nullptr) continue;
    for (const auto& [column, kg] : per_row[i]->gas_per_input_unit) {
      out.gas_kg[sorted_position[column]][i] = *at(c.amount, i) * kg;
    }
  }
  for (std::size_t i = 0; i < rows; ++i) (out.computed[i] ? out.computed_rows : out.skipped_rows) += 1;
  out.total_co2e_kg = total.value();
  out.total_biogenic_co2_kg = biogenic.value();
  out.warnings.assign(resolve.warnings_.begin(), resolve.warnings_.end());
  return out;
}

}  // namespace v0
}  // namespace ghgkit
