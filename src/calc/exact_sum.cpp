// The small superaccumulator of Neal (2015): carry propagation and the one correct rounding.

#include "ghgkit/calc/exact_sum.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace ghgkit {
inline namespace v0 {

namespace {

using chunk_array = std::array<std::int64_t, 67>;

// Leaves chunks 0..65 in [0, 2^32) and the signed rest of the number in the top chunk.
void propagate(chunk_array& c) {
  for (std::size_t i = 0; i + 1 < c.size(); ++i) {
    const std::int64_t carry = c[i] >> 32;  // arithmetic shift (C++20): floor division by 2^32
    c[i] &= 0xffffffff;
    c[i + 1] += carry;
  }
}

std::uint64_t limb(const chunk_array& c, std::size_t i) { return static_cast<std::uint64_t>(c[i]); }

// 64 bits of the magnitude starting at bit `from` (chunks below the top hold 32 bits each).
std::uint64_t window(const chunk_array& c, unsigned from) {
  const std::size_t i = from >> 5;
  const unsigned shift = from & 31U;
  const std::uint64_t low = limb(c, i) | (limb(c, i + 1) << 32);
  const std::uint64_t high = limb(c, i + 2);
  return (low >> shift) | (shift == 0 ? 0 : high << (64U - shift));
}

// True when any bit below `below` is set.
bool any_bit_below(const chunk_array& c, unsigned below) {
  const std::size_t i = below >> 5;
  for (std::size_t j = 0; j < i; ++j)
    if (c[j] != 0) return true;
  const std::uint64_t mask = (std::uint64_t{1} << (below & 31U)) - 1;
  return (limb(c, i) & mask) != 0;
}

// Rounds a non-negative, propagated, non-zero magnitude (bit 0 = 2^-1074) to the nearest double.
double round_magnitude(const chunk_array& c) {
  constexpr unsigned overflow_bit = 1074 + 1024;  // 2^1024 and above round to infinity
  if (c[66] != 0 || c[65] >= (std::int64_t{1} << (overflow_bit - 65 * 32)))
    return std::numeric_limits<double>::infinity();
  std::size_t top = 65;
  while (c[top] == 0) --top;
  const auto highest = static_cast<unsigned>(32 * top) + static_cast<unsigned>(std::bit_width(limb(c, top))) - 1;
  const unsigned lowest = highest > 52 ? highest - 52 : 0;  // 53 bits, or down to the subnormal quantum
  const unsigned width = highest - lowest + 1;
  std::uint64_t mantissa = window(c, lowest) & ((std::uint64_t{1} << width) - 1);
  if (lowest > 0) {
    const bool round_bit = ((limb(c, (lowest - 1) >> 5) >> ((lowest - 1) & 31U)) & 1U) != 0;
    const bool sticky = lowest > 1 && any_bit_below(c, lowest - 1);
    if (round_bit && (sticky || (mantissa & 1U) != 0)) ++mantissa;  // to nearest, ties to even
  }
  // mantissa <= 2^53 is exact as a double; the scaling is exact or overflows to infinity as it should.
  return std::ldexp(static_cast<double>(mantissa), static_cast<int>(lowest) - 1074);
}

}  // namespace

void exact_sum::normalize() {
  propagate(chunks_);
  load_ = 1;
}

void exact_sum::add_special(std::uint64_t bits) {
  if ((bits & mantissa_mask) != 0) nan_ = true;
  else if ((bits >> 63) != 0) negative_inf_ = true;
  else positive_inf_ = true;
}

void exact_sum::merge(const exact_sum& other) {
  if (load_ + other.load_ > load_limit) normalize();
  for (std::size_t i = 0; i < chunks_.size(); ++i) chunks_[i] += other.chunks_[i];
  load_ += other.load_;
  if (load_ >= load_limit) normalize();
  count_ += other.count_;
  not_all_negative_zero_ = not_all_negative_zero_ || other.not_all_negative_zero_;
  nan_ = nan_ || other.nan_;
  positive_inf_ = positive_inf_ || other.positive_inf_;
  negative_inf_ = negative_inf_ || other.negative_inf_;
}

double exact_sum::value() const {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (nan_ || (positive_inf_ && negative_inf_)) return std::numeric_limits<double>::quiet_NaN();
  if (positive_inf_) return inf;
  if (negative_inf_) return -inf;
  chunk_array c = chunks_;
  propagate(c);
  const bool negative = c[66] < 0;
  if (negative) {
    for (auto& chunk : c) chunk = -chunk;
    propagate(c);
  }
  bool zero = true;
  for (const auto chunk : c) zero = zero && chunk == 0;
  if (zero) return count_ > 0 && !not_all_negative_zero_ ? -0.0 : 0.0;
  const double magnitude = round_magnitude(c);
  return negative ? -magnitude : magnitude;
}

}  // namespace v0
}  // namespace ghgkit
