#pragma once
// What every columnar batch path shares (calc/batch.cpp, digital/cloud_batch.cpp,
// digital/inference_batch.cpp): column length checks, broadcast reads and compensated totals.

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>

#include "ghgkit/error.hpp"

namespace ghgkit::detail {

/// A column has one value per row, or one for every row, or (when optional) none; else input_error.
inline std::size_t column_size(std::size_t size, std::size_t rows, std::string_view name, bool optional) {
  if (size == rows || size == 1 || (optional && size == 0)) return size;
  throw input_error(fmt::format("batch column '{}' has {} values: expected {} (one per row){}", name, size, rows,
                                optional ? ", 1 (for every row) or 0 (none)" : " or 1 (for every row)"));
}

/// The value of `row` in a column checked by column_size: its own, the one for every row, or `none`.
template <class T>
T value_at(std::span<const T> column, std::size_t row, T none) {
  if (column.empty()) return none;
  return column[column.size() == 1 ? 0 : row];
}

/// Neumaier's compensated sum: totals that do not drift with the row count.
struct compensated_sum {
  double sum = 0.0, compensation = 0.0;
  void add(double x) {
    const double t = sum + x;
    compensation += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  [[nodiscard]] double value() const { return sum + compensation; }
};

}  // namespace ghgkit::detail
