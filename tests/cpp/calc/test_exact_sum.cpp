// ghgkit/calc/exact_sum.hpp: exact sums rounded once. Expected values are worked out by hand next to
// each case, or computed a second way:
// - __float128 (113-bit significand) holds the sum of a few doubles whose bits all lie within a 100-bit
//   window exactly, so its sum, converted once to double (a correctly rounded conversion), is the
//   correctly rounded exact sum;
// - over the whole double range, a plain big integer (the sum scaled by 2^1074, one bit at a time) checks
//   that the result r is nearest: |sum - r| is at most half the gap to r's neighbour, ties to even.

#include "ghgkit/calc/exact_sum.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using ghgkit::exact_sum;

namespace {

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

double sum_of(const std::vector<double>& values) {
  exact_sum s;
  s.add(values);
  return s.value();
}

// A double with a random 53-bit significand, a random sign and an exponent in [low, high].
double random_double(std::mt19937_64& rng, int low, int high) {
  std::uniform_int_distribution<int> exponent(low, high);
  const auto significand = static_cast<double>((rng() >> 11) | (std::uint64_t{1} << 52));
  const double x = std::ldexp(significand, exponent(rng) - 52);
  return (rng() & 1U) != 0 ? -x : x;
}

// A signed integer in base 2^32 digits, scaled so that 1 is 2^-1074: any double is an integer there.
struct scaled_integer {
  std::vector<std::int64_t> digits = std::vector<std::int64_t>(72, 0);

  void add_bit(int position, bool negative) {
    digits[static_cast<std::size_t>(position / 32)] += (negative ? -1 : 1) * (std::int64_t{1} << (position % 32));
    carry();
  }
  void carry() {  // every digit but the last into [0, 2^32), by floor division
    constexpr std::int64_t base = std::int64_t{1} << 32;
    for (std::size_t i = 0; i + 1 < digits.size(); ++i) {
      std::int64_t c = digits[i] / base;
      if (digits[i] - c * base < 0) --c;
      digits[i] -= c * base;
      digits[i + 1] += c;
    }
  }
  // x = m x 2^(e - 53) with frexp's e; subnormals are x = k x 2^-1074 for an integer k.
  void add(double x) {
    int e = 0;
    const double f = std::frexp(std::abs(x), &e);
    const bool subnormal = std::abs(x) < std::numeric_limits<double>::min();
    auto m = static_cast<std::uint64_t>(subnormal ? std::ldexp(std::abs(x), 1074) : std::ldexp(f, 53));
    const int low = subnormal ? 0 : e - 53 + 1074;
    for (int k = 0; m != 0; ++k, m >>= 1)
      if ((m & 1U) != 0) add_bit(low + k, x < 0);
  }
  [[nodiscard]] bool negative() const { return digits.back() < 0; }
  [[nodiscard]] scaled_integer magnitude() const {
    scaled_integer m = *this;
    if (negative()) {
      for (auto& d : m.digits) d = -d;
      m.carry();
    }
    return m;
  }
  [[nodiscard]] int highest_bit() const {  // -1 for zero; for a non-negative value
    for (std::size_t i = digits.size(); i-- > 0;)
      for (int b = 31; b >= 0; --b)
        if (((digits[i] >> b) & 1) != 0) return static_cast<int>(i) * 32 + b;
    return -1;
  }
  [[nodiscard]] bool only_bit(int position) const {
    for (std::size_t i = 0; i < digits.size(); ++i)
      for (int b = 0; b < 32; ++b)
        if (((digits[i] >> b) & 1) != 0 && static_cast<int>(i) * 32 + b != position) return false;
    return true;
  }
};

// True when r is the double nearest the exact sum of `values` (ties to even), by the big integer.
bool is_correctly_rounded(const std::vector<double>& values, double r) {
  scaled_integer difference;
  for (const double v : values) difference.add(v);
  difference.add(-r);
  const bool below_r = difference.negative() != (r < 0);  // the exact sum lies between r and zero
  const scaled_integer d = difference.magnitude();
  int e = 0;
  std::frexp(r, &e);
  const bool normal = std::abs(r) >= std::numeric_limits<double>::min();
  int gap = normal ? e - 53 + 1074 : 0;  // the spacing of doubles at r, as a bit position
  if (normal && below_r && std::frexp(std::abs(r), &e) == 0.5 && gap > 0) --gap;  // r = 2^k: closer below
  const int h = d.highest_bit();
  if (h < 0) return true;  // r is the exact sum
  if (h < gap - 1) return true;
  if (h > gap - 1) return false;
  return d.only_bit(gap - 1) && (std::bit_cast<std::uint64_t>(r) & 1U) == 0;  // a tie goes to even
}

}  // namespace

TEST_CASE("exact sum: a unit between two huge terms that cancel is kept") {
  // 1e308 + 1 - 1e308 = 1 exactly; a sequential double sum gives 0.
  CHECK(sum_of({1e308, 1.0, -1e308}) == 1.0);
  CHECK(sum_of({1e308, -1e308, 1.0}) == 1.0);
  volatile double naive = 1e308;
  naive = naive + 1.0;
  CHECK(naive - 1e308 == 0.0);
}

TEST_CASE("exact sum: a thousand ones added to 1e16 are all counted") {
  // 1e16 + 1000 = 10000000000001000 is even, below 2^54, so a double holds it exactly. A sequential sum
  // rounds each 1e16 + 1 (a tie at spacing 2) back to 1e16.
  exact_sum s;
  double naive = 1e16;
  s.add(1e16);
  for (int i = 0; i < 1000; ++i) {
    s.add(1.0);
    naive += 1.0;
  }
  CHECK(s.value() == 10000000000001000.0);
  CHECK(naive == 1e16);
}

TEST_CASE("exact sum: subnormal terms are summed exactly and carry into the normal range") {
  const double tiny = std::numeric_limits<double>::denorm_min();  // 2^-1074
  const double smallest_normal = std::numeric_limits<double>::min();  // 2^-1022
  exact_sum s;
  for (int i = 0; i < 1024; ++i) s.add(tiny);
  CHECK(s.value() == std::ldexp(1.0, -1064));  // 2^10 x 2^-1074
  CHECK(sum_of({smallest_normal - tiny, tiny}) == smallest_normal);
  CHECK(sum_of({smallest_normal, -tiny}) == smallest_normal - tiny);  // the largest subnormal
  CHECK(sum_of({tiny, -tiny, tiny}) == tiny);
  // A term far below the result's precision is rounded away, yet kept for what follows:
  CHECK(sum_of({1.0, tiny}) == 1.0);
  CHECK(sum_of({1.0, tiny, -1.0}) == tiny);
}

TEST_CASE("exact sum: alternating huge and tiny terms leave exactly the tiny ones") {
  // Each triple adds 1e300 + 1e-300 - 1e300 = d, where d is the double nearest 1e-300. The exact total
  // 1000 d, rounded once, is what one IEEE multiplication 1000 * d gives.
  exact_sum s;
  for (int i = 0; i < 1000; ++i) {
    s.add(1e300);
    s.add(1e-300);
    s.add(-1e300);
  }
  CHECK(bits(s.value()) == bits(1000.0 * 1e-300));
}

TEST_CASE("exact sum: terms that cancel give exactly positive zero") {
  std::mt19937_64 rng(7);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const double x = random_double(rng, -1000, 1000);
    values.push_back(x);
    values.push_back(-x);
  }
  std::shuffle(values.begin(), values.end(), rng);
  const double total = sum_of(values);
  CHECK(total == 0.0);
  CHECK_FALSE(std::signbit(total));
}

TEST_CASE("exact sum: the sign of a zero sum follows IEEE addition") {
  // IEEE 754 round to nearest: -0 + -0 = -0, -0 + +0 = +0, x + -x = +0. So a sum is -0 only when every
  // term is -0. The empty sum is +0.
  CHECK_FALSE(std::signbit(exact_sum{}.value()));
  CHECK(std::signbit(sum_of({-0.0})));
  CHECK(std::signbit(sum_of({-0.0, -0.0})));
  CHECK_FALSE(std::signbit(sum_of({-0.0, 0.0})));
  CHECK_FALSE(std::signbit(sum_of({-1.0, 1.0})));
  CHECK_FALSE(std::signbit(sum_of({-0.0, -1.0, 1.0, -0.0})));
  exact_sum a, b;
  a.add(-0.0);
  b.add(-0.0);
  a.merge(b);
  CHECK(std::signbit(a.value()));
  a.merge(exact_sum{});  // merging an empty sum adds no term
  CHECK(std::signbit(a.value()));
}

TEST_CASE("exact sum: rounding is to nearest with ties to even") {
  const double half_ulp = std::ldexp(1.0, -53);  // half the spacing of doubles in [1, 2)
  CHECK(sum_of({1.0, half_ulp}) == 1.0);                                          // tie, 1 is even
  CHECK(sum_of({1.0, half_ulp, std::ldexp(1.0, -200)}) == 1.0 + 2 * half_ulp);  // just above the tie
  CHECK(sum_of({1.0, half_ulp, -std::ldexp(1.0, -200)}) == 1.0);                 // just below it
  CHECK(sum_of({1.0 + 2 * half_ulp, half_ulp}) == 1.0 + 4 * half_ulp);           // tie, odd rounds up
  CHECK(sum_of({-1.0, -half_ulp}) == -1.0);
  CHECK(sum_of({-1.0 - 2 * half_ulp, -half_ulp}) == -1.0 - 4 * half_ulp);
}

TEST_CASE("exact sum: sums beyond the largest double round to infinity as IEEE does") {
  const double max = std::numeric_limits<double>::max();  // (2^53 - 1) x 2^971
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(sum_of({max, max}) == inf);
  CHECK(sum_of({-max, -max}) == -inf);
  CHECK(sum_of({max, max, -max}) == max);  // the intermediate 2 max is held exactly
  CHECK(sum_of({max, std::ldexp(1.0, 969)}) == max);   // below half a spacing (2^970)
  CHECK(sum_of({max, std::ldexp(1.0, 970)}) == inf);   // a tie: max is odd, so it rounds up
}

TEST_CASE("exact sum: NaN and infinities give what a sequential IEEE sum gives") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(std::isnan(sum_of({1.0, nan, 2.0})));
  CHECK(sum_of({1.0, inf, 1e308}) == inf);
  CHECK(sum_of({-inf, 1.0}) == -inf);
  CHECK(std::isnan(sum_of({inf, 1.0, -inf})));
  exact_sum s;
  s.add(1.0);
  CHECK_FALSE(s.has_special());
  exact_sum t;
  t.add(-inf);
  s.merge(t);
  CHECK(s.has_special());
  CHECK(s.value() == -inf);
}

TEST_CASE("exact sum: ten million tenths sum to the correctly rounded exact total") {
  // Exact total 10^7 x d (d the double nearest 0.1), rounded once: one IEEE multiplication. This also
  // goes through thousands of carry propagations.
  exact_sum s;
  for (int i = 0; i < 10'000'000; ++i) s.add(0.1);
  CHECK(bits(s.value()) == bits(1e7 * 0.1));
  CHECK(s.count() == 10'000'000U);
}

TEST_CASE("exact sum: the sum has the same bits for any order of adds and any split into merged partials") {
  std::mt19937_64 rng(2026);
  std::vector<double> values(100'000);
  for (auto& v : values) v = random_double(rng, -300, 300);
  const std::uint64_t expected = bits(sum_of(values));
  for (int round = 0; round < 5; ++round) {
    std::shuffle(values.begin(), values.end(), rng);
    CHECK(bits(sum_of(values)) == expected);
    // Random cut points: partial sums of random sizes (1 to a few thousand), merged in random order.
    std::vector<exact_sum> partials;
    std::size_t start = 0;
    while (start < values.size()) {
      const std::size_t size = std::min<std::size_t>(values.size() - start, 1 + rng() % 4000);
      partials.emplace_back().add(std::span<const double>(values).subspan(start, size));
      start += size;
    }
    std::shuffle(partials.begin(), partials.end(), rng);
    while (partials.size() > 1) {  // pairwise, as threads would combine
      partials[partials.size() - 2].merge(partials.back());
      partials.pop_back();
      if (partials.size() > 2) std::swap(partials[rng() % partials.size()], partials.back());
    }
    CHECK(bits(partials.front().value()) == expected);
    CHECK(partials.front().count() == values.size());
  }
}

TEST_CASE("exact sum: many merges in a row keep the sum exact") {
  // 5000 partials of 1e15 and 1 merged one by one: exact total 5000 x (1e15 + 1) = 5e18 + 5000. Doubles
  // in [2^62, 2^63) are 2^10 = 1024 apart and 5e18 = 2^18 x 5^19 is one of them, so the nearest is
  // 5e18 + 5120 (5 x 1024, 120 away; 4 x 1024 is 904 away).
  exact_sum total;
  for (int i = 0; i < 5000; ++i) {
    exact_sum part;
    part.add(1e15);
    part.add(1.0);
    total.merge(part);
  }
  CHECK(total.value() == 5000000000000005120.0);
}

TEST_CASE("exact sum: small random sets agree with an exact __float128 sum") {
  __extension__ typedef __float128 quad;
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 2000; ++trial) {
    // Exponents in [-20, 20]: every bit lies between 2^-72 and 2^20; 64 terms add at most 6 bits, so
    // the sum fits in 99 bits < 113 and the quad sum is exact.
    const auto n = static_cast<int>(1 + rng() % 64);
    std::vector<double> values;
    quad exact = 0;
    for (int i = 0; i < n; ++i) {
      values.push_back(random_double(rng, -20, 20));
      exact += static_cast<quad>(values.back());
    }
    const auto expected = static_cast<double>(exact);
    CHECK(bits(sum_of(values)) == bits(expected == 0 ? 0.0 : expected));
  }
}

TEST_CASE("exact sum: sums over the whole double range are nearest by a big-integer check") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    // Values within a random 200-binade window anywhere from the subnormals to near overflow, some of
    // them cancelled by a neighbour of their negative so the result lands far below the largest term.
    std::uniform_int_distribution<int> window(-1074 + 52, 800);
    const int low = window(rng);
    std::vector<double> values;
    const auto n = static_cast<int>(1 + rng() % 24);
    for (int i = 0; i < n; ++i) {
      const double x = random_double(rng, std::max(low, -1022), low + 200);
      values.push_back(x);
      if (rng() % 2 == 0) values.push_back(-std::nextafter(x, 0.0));
    }
    if (rng() % 4 == 0) values.push_back(std::numeric_limits<double>::denorm_min());
    const double r = sum_of(values);
    REQUIRE(std::isfinite(r));
    CHECK(is_correctly_rounded(values, r));
    CHECK_FALSE(is_correctly_rounded(values, std::nextafter(r, 1e308)));  // the check can fail
  }
}
