#pragma once
/// Exact summation of doubles: the sum of every value added, held without rounding, and rounded once
/// (to nearest, ties to even) when read. The result has the same bits whatever the order of the adds
/// and however the values were split into partial sums that were then merged; so totals are identical
/// for any thread count, batch size and row order.
///
///     ghgkit::exact_sum s;
///     s.add(1e308); s.add(1.0); s.add(-1e308);
///     s.value();   // 1.0 (a naive or Neumaier sum may lose it)
///
/// Method: the "small superaccumulator" of R. M. Neal, "Fast exact summation using small and large
/// superaccumulators" (arXiv:1505.05571, 2015), written anew here. A fixed-point number covering the
/// whole double range (2^-1074 to beyond 2^1024) is held in 67 signed 64-bit chunks of 32 bits each,
/// every chunk with 31 bits of headroom, so an add touches two chunks with no carry; carries are
/// propagated once every 1023 adds (or merges) and when the value is read.
///
/// Special values follow IEEE 754 as a sequential sum would: any NaN, or both +inf and -inf, give NaN;
/// else an infinity gives that infinity. A finite sum beyond the largest double rounds to +-inf. The sum
/// of nothing is +0.0; it is -0.0 only when every value added was -0.0 (as in IEEE, x + -x = +0.0).
/// Capacity: exact for any number of values below 2^64 (the top chunk has room for 2^77 maximal ones).

#include <array>
#include <bit>
#include <cstdint>
#include <span>

namespace ghgkit {
inline namespace v0 {

class exact_sum {
 public:
  /// Adds one value exactly.
  void add(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    ++count_;
    not_all_negative_zero_ |= bits != negative_zero_bits;
    const auto biased = static_cast<unsigned>((bits >> 52) & 0x7ffU);
    if (biased == 0x7ffU) {
      add_special(bits);
      return;
    }
    std::uint64_t mantissa = bits & mantissa_mask;
    // A normal number carries its implicit bit; a subnormal has the quantum of the smallest exponent.
    unsigned position = biased;
    if (biased != 0) mantissa |= std::uint64_t{1} << 52;
    else position = 1;
    --position;  // bit 0 of the accumulator is 2^-1074
    const unsigned chunk = position >> 5;
    const unsigned shift = position & 31U;
    // Negated without a branch (signs of real data are unpredictable): (v ^ -1) + 1 = -v.
    const std::int64_t sign = static_cast<std::int64_t>(bits) >> 63;  // 0 or -1
    const auto low = static_cast<std::int64_t>((mantissa << shift) & low_mask);
    const auto high = static_cast<std::int64_t>(mantissa >> (32U - shift));
    chunks_[chunk] += (low ^ sign) - sign;
    chunks_[chunk + 1] += (high ^ sign) - sign;
    if (++load_ >= load_limit) normalize();
  }

  /// Adds every value of a column.
  void add(std::span<const double> values) {
    // Long columns alternate between two accumulators: consecutive values of similar size hit the same
    // chunk, and two chains of read-modify-write run in parallel where one would wait on the other.
    if (values.size() < 1024) {
      for (const double v : values) add(v);
      return;
    }
    exact_sum odd;
    const std::size_t pairs = values.size() / 2;
    for (std::size_t i = 0; i < pairs; ++i) {
      add(values[2 * i]);
      odd.add(values[2 * i + 1]);
    }
    if (values.size() % 2 != 0) add(values.back());
    merge(odd);
  }

  /// Adds the values held by another accumulator (a per-thread or per-batch partial sum).
  void merge(const exact_sum& other);

  /// The exact sum rounded to the nearest double (ties to even); see the class comment for NaN, inf, -0.
  [[nodiscard]] double value() const;

  /// How many values were added (merges included).
  [[nodiscard]] std::uint64_t count() const { return count_; }

  /// True when a NaN or an infinity was added (value() is then NaN or infinite).
  [[nodiscard]] bool has_special() const { return nan_ || positive_inf_ || negative_inf_; }

 private:
  static constexpr int chunk_count = 67;
  static constexpr std::uint64_t mantissa_mask = (std::uint64_t{1} << 52) - 1;
  static constexpr std::uint64_t low_mask = 0xffffffffU;
  static constexpr std::uint64_t negative_zero_bits = std::uint64_t{1} << 63;
  // A chunk after normalize() is below 2^32 and an add puts less than 2^53 into it: with load_ (a
  // bound in units of 2^53, merges adding theirs) kept under 1023, every chunk stays under 2^63.
  static constexpr std::uint32_t load_limit = 1023;

  void add_special(std::uint64_t bits);
  void normalize();

  std::array<std::int64_t, chunk_count> chunks_{};
  std::uint64_t count_ = 0;
  std::uint32_t load_ = 1;  // bound on chunk magnitudes in units of 2^53
  bool not_all_negative_zero_ = false;
  bool nan_ = false, positive_inf_ = false, negative_inf_ = false;
};

}  // namespace v0
}  // namespace ghgkit
