// Exact summation: nanoseconds per add of ghgkit::exact_sum against a naive double sum and the Neumaier
// compensated sum the batch path uses (detail::compensated_sum in src/calc/batch_columns.hpp, restated
// below so the bench needs no private header), in the same process on the same data.
//
//     bench_exact_sum [values = 10000000]
//
// Two data sets: emission-like values (positive, 1e-3 to 1e6) and signed values with exponents spread
// over [-300, 300]. Each timing is the best of 5 runs. The exact sum is also computed on a shuffled copy
// and from 64 merged partials; the program fails if the bits differ.

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "ghgkit/calc/exact_sum.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

struct neumaier {  // as detail::compensated_sum
  double sum = 0.0, compensation = 0.0;
  void add(double x) {
    const double t = sum + x;
    compensation += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  [[nodiscard]] double value() const { return sum + compensation; }
};

template <class F>
double best_ns_per_value(std::size_t n, F&& run, double& result) {
  double best = 1e300;
  for (int r = 0; r < 5; ++r) {
    const auto start = clock_type::now();
    result = run();
    const double ns = std::chrono::duration<double, std::nano>(clock_type::now() - start).count();
    best = std::min(best, ns / static_cast<double>(n));
  }
  return best;
}

int bench(const char* title, std::vector<double> values) {
  const std::size_t n = values.size();
  double naive_value = 0, neumaier_value = 0, exact_value = 0;
  const double naive_ns = best_ns_per_value(n, [&] {
    double s = 0.0;
    for (const double v : values) s += v;
    return s;
  }, naive_value);
  const double neumaier_ns = best_ns_per_value(n, [&] {
    neumaier s;
    for (const double v : values) s.add(v);
    return s.value();
  }, neumaier_value);
  const double exact_ns = best_ns_per_value(n, [&] {
    ghgkit::exact_sum s;
    s.add(values);
    return s.value();
  }, exact_value);

  // The same bits from a shuffled copy, and from 64 partials merged in reverse order.
  std::mt19937_64 rng(99);
  std::shuffle(values.begin(), values.end(), rng);
  ghgkit::exact_sum shuffled;
  shuffled.add(values);
  std::vector<ghgkit::exact_sum> partials(64);
  for (std::size_t i = 0; i < n; ++i) partials[i % 64].add(values[i]);
  ghgkit::exact_sum merged;
  for (auto it = partials.rbegin(); it != partials.rend(); ++it) merged.merge(*it);
  const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  const bool same = bits(shuffled.value()) == bits(exact_value) && bits(merged.value()) == bits(exact_value);

  std::printf("%s (%zu values)\n", title, n);
  std::printf("  naive     %6.2f ns/value   sum %.17g\n", naive_ns, naive_value);
  std::printf("  neumaier  %6.2f ns/value   sum %.17g   (%.2fx naive)\n", neumaier_ns, neumaier_value,
              neumaier_ns / naive_ns);
  std::printf("  exact_sum %6.2f ns/value   sum %.17g   (%.2fx naive, %.2fx neumaier)\n", exact_ns, exact_value,
              exact_ns / naive_ns, exact_ns / neumaier_ns);
  std::printf("  shuffled and merged exact sums: %s\n", same ? "same bits" : "DIFFERENT BITS");
  return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  std::mt19937_64 rng(2026);
  std::vector<double> emissions(n), spread(n);
  std::uniform_real_distribution<double> log10_value(-3.0, 6.0);
  for (auto& v : emissions) v = std::pow(10.0, log10_value(rng));
  std::uniform_int_distribution<int> exponent(-300, 300);
  for (auto& v : spread) {
    const double x = std::ldexp(static_cast<double>((rng() >> 11) | (std::uint64_t{1} << 52)), exponent(rng) - 52);
    v = (rng() & 1U) != 0 ? -x : x;
  }
  int failures = bench("emission-like values, 1e-3 to 1e6", std::move(emissions));
  failures += bench("signed values, exponents -300 to 300", std::move(spread));
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
