#include "ghgkit/calc/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace ghgkit {
inline namespace v0 {
namespace {

constexpr double z95 = 1.959963984540054;

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same sequence everywhere.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in (0, 1), never 0 or 1: 53 random bits, offset by half a step.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

double standard_normal(double a, double b) {  // Box-Muller, first output
  return std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * std::numbers::pi * b);
}

double triangular_quantile(double p, double lo, double hi) {  // mode at 0
  const double width = hi - lo, at_mode = -lo / width;
  return p < at_mode ? lo + std::sqrt(p * width * -lo) : hi - std::sqrt((1.0 - p) * width * hi);
}

struct row_draw {
  double value = 0.0;          // consolidated value of the row (per method)
  int factor = -1;             // index into the factor list, -1 when unknown
  uncertainty activity;
};

simulated_total summarise(std::vector<double>& samples, std::size_t rows, std::size_t unknown) {
  simulated_total t;
  t.rows = rows;
  t.rows_without_uncertainty = unknown;
  if (samples.empty()) return t;
  double sum = 0.0;
  for (double s : samples) sum += s;
  t.mean_kg = sum / static_cast<double>(samples.size());
  std::sort(samples.begin(), samples.end());
  auto percentile = [&](double p) {  // linear interpolation between order statistics
    const double pos = p * static_cast<double>(samples.size() - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double frac = pos - static_cast<double>(i);
    return i + 1 < samples.size() ? samples[i] * (1.0 - frac) + samples[i + 1] * frac : samples[i];
  };
  t.low_kg = percentile(0.025);
  t.high_kg = percentile(0.975);
  return t;
}

}  // namespace

double draw_multiplier(const uncertainty& u, double a, double b) {
  using d = uncertainty::distribution;
  switch (u.shape) {
    case d::none: return 1.0;
    case d::lognormal: return std::exp(std::log(u.param_a) * standard_normal(a, b));
    case d::triangular: return 1.0 + triangular_quantile(a, u.param_a, u.param_b) / 100.0;
    case d::uniform: return 1.0 + (u.param_a + a * (u.param_b - u.param_a)) / 100.0;
    case d::normal:
    case d::interval: {
      // A 95% interval read as a (two-piece) normal: sd = half-width / 1.96 on each side.
      const double z = standard_normal(a, b);
      const double half = z < 0.0 ? u.minus_pct : u.plus_pct;
      return std::max(0.0, 1.0 + z * half / z95 / 100.0);
    }
  }
  return 1.0;
}

monte_carlo_result monte_carlo(const inventory& inv, const inventory_result& result, const factor_database& db,
                               const monte_carlo_options& options) {
  if (options.iterations == 0 || options.iterations > 10'000'000) {
    throw input_error(describe_problem({}, "iterations", fmt::format("{}", options.iterations), "1 to 10,000,000"));
  }
  const factor_database layered = inv.factor_layers.empty() ? db : db.layer(inv.factor_layers);
  std::vector<std::string> factor_ids;
  std::vector<uncertainty> factor_u;
  auto factor_index = [&](const std::string& id) {
    auto it = std::find(factor_ids.begin(), factor_ids.end(), id);
    if (it != factor_ids.end()) return static_cast<int>(it - factor_ids.begin());
    factor_ids.push_back(id);
    factor_u.push_back(layered.contains(id) ? layered.get(id).uncertainty : uncertainty{});
    return static_cast<int>(factor_ids.size() - 1);
  };
  struct row_info {
    int scope;
    std::optional<int> category;
    double location, market;
    int factor;
    uncertainty activity;
  };
  std::vector<row_info> rows;
  for (const auto& r : result.rows) {
    rows.push_back({r.scope, r.category, r.co2e_kg, r.co2e_market_kg.value_or(r.co2e_kg),
                    factor_index(r.result.provenance.factor_id), inv.activities[r.index].uncertainty});
  }
  // Sample arrays: one per reported total.
  enum total_id { s1, s2l, s2m, s3, tl, tm, count };
  std::vector<std::vector<double>> samples(count);
  std::map<int, std::vector<double>> category_samples;
  for (auto& s : samples) s.reserve(options.iterations);
  splitmix64 rng(options.seed);
  std::vector<double> factor_draw(factor_ids.size());
  for (std::size_t it = 0; it < options.iterations; ++it) {
    for (std::size_t f = 0; f < factor_ids.size(); ++f) factor_draw[f] = draw_multiplier(factor_u[f], rng.uniform(), rng.uniform());
    std::array<double, count> sums{};
    std::map<int, double> categories;
    for (const auto& r : rows) {
      const double k = factor_draw[static_cast<std::size_t>(r.factor)] * draw_multiplier(r.activity, rng.uniform(), rng.uniform());
      const double loc = r.location * k, mkt = r.market * k;
      if (r.scope == 1) sums[s1] += loc;
      if (r.scope == 2) { sums[s2l] += loc; sums[s2m] += mkt; }
      if (r.scope == 3) {
        sums[s3] += loc;
        if (r.category) categories[*r.category] += loc;
      }
      sums[tl] += loc;
      sums[tm] += r.scope == 2 ? mkt : loc;
    }
    for (int t = 0; t < count; ++t) samples[static_cast<std::size_t>(t)].push_back(sums[static_cast<std::size_t>(t)]);
    for (const auto& r : rows) {
      if (r.scope == 3 && r.category) category_samples[*r.category];  // every category gets a series
    }
    for (auto& [c, series] : category_samples) series.push_back(categories[c]);
  }
  auto count_rows = [&](auto predicate) {
    std::size_t n = 0, unknown = 0;
    for (const auto& r : rows) {
      if (!predicate(r)) continue;
      ++n;
      if (!factor_u[static_cast<std::size_t>(r.factor)].known()) ++unknown;
    }
    return std::pair{n, unknown};
  };
  monte_carlo_result out;
  out.iterations = options.iterations;
  out.seed = options.seed;
  auto make = [&](total_id t, auto predicate) {
    auto [n, unknown] = count_rows(predicate);
    return summarise(samples[static_cast<std::size_t>(t)], n, unknown);
  };
  out.scope1 = make(s1, [](const row_info& r) { return r.scope == 1; });
  out.scope2_location = make(s2l, [](const row_info& r) { return r.scope == 2; });
  out.scope2_market = make(s2m, [](const row_info& r) { return r.scope == 2; });
  out.scope3 = make(s3, [](const row_info& r) { return r.scope == 3; });
  out.total_location = make(tl, [](const row_info&) { return true; });
  out.total_market = make(tm, [](const row_info&) { return true; });
  for (auto& [c, series] : category_samples) {
    auto [n, unknown] = count_rows([c = c](const row_info& r) { return r.scope == 3 && r.category == c; });
    out.scope3_categories[c] = summarise(series, n, unknown);
  }
  return out;
}

}  // namespace v0
}  // namespace ghgkit
