#pragma once
/// Arrow record batches in and out, through the C Data Interface (ghgkit/arrow/c_interface.hpp).
///
/// In: read_record_batch() views the columns of a struct array ("+s", as pyarrow, polars and DuckDB
/// export a record batch) without copying: each column_view points into the producer's buffers, so it
/// is valid while the producer's ArrowArray is (imported_batch keeps it alive and releases it once).
/// Out: batch_builder gathers columns of double, int32 and strings, and export_to() hands them over as
/// an ArrowSchema and ArrowArray whose release callbacks own (and free) the buffers.
///
///     ghgkit::arrow::imported_batch batch(schema, array);         // takes ownership of both
///     auto view = ghgkit::arrow::read_record_batch(batch.schema(), batch.array());
///     const auto& amount = view.column("amount", {ghgkit::arrow::column_type::float64});
///     double first = amount.is_valid(0) ? amount.values_as<double>()[0] : 0.0;

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/arrow/c_interface.hpp"

namespace ghgkit {
inline namespace v0 {
namespace arrow {

/// The physical types read; the Arrow format string of each is in brackets.
enum class column_type {
  float64,     ///< "g"
  float32,     ///< "f"
  int32,       ///< "i"
  int64,       ///< "l"
  utf8,        ///< "u": 32-bit offsets
  large_utf8,  ///< "U": 64-bit offsets
  dictionary,  ///< indices "c", "s", "i" or "l" (int8 to int64) into a "u" or "U" dictionary
};

/// The name of a column_type as messages print it ("float64", "utf8", ...).
[[nodiscard]] std::string_view to_string(column_type type);

/// The string part of a utf8 / large_utf8 array (a column, or a dictionary's values).
struct string_buffers {
  const void* offsets = nullptr;  ///< int32 (utf8) or int64 (large_utf8), length + offset + 1 entries
  const char* data = nullptr;
  bool large = false;
  std::int64_t offset = 0;        ///< the array's own offset
  const std::uint8_t* validity = nullptr;  ///< bit (offset + i); null when every value is valid
  std::int64_t length = 0;

  /// The i-th string (0 <= i < length); empty for a null.
  [[nodiscard]] std::string_view at(std::int64_t i) const;
};

/// One column of a record batch: pointers into the producer's buffers, nothing copied.
/// Element i (0 <= i < length) is the producer's element (offset + i) of every buffer.
struct column_view {
  std::string_view name;
  std::string_view format;   ///< the Arrow format string (for dictionaries, the indices' format)
  column_type type = column_type::float64;
  std::int64_t length = 0;
  std::int64_t offset = 0;   ///< the child's offset plus the record batch's
  std::int64_t null_count = 0;  ///< as the producer gave it: -1 when not computed
  const std::uint8_t* validity = nullptr;  ///< null when every value is valid
  const void* values = nullptr;  ///< numbers, or dictionary indices; unused for utf8 / large_utf8
  int index_bytes = 0;           ///< dictionary: width of an index (1, 2, 4 or 8)
  string_buffers strings;        ///< utf8 / large_utf8: the column; dictionary: its values

  [[nodiscard]] bool is_valid(std::int64_t i) const {
    if (validity == nullptr) return true;
    const std::int64_t bit = offset + i;
    return ((validity[bit >> 3] >> (bit & 7)) & 1) != 0;
  }
  /// The numbers of a float64, float32, int32 or int64 column (T must match), from element 0.
  template <class T>
  [[nodiscard]] std::span<const T> values_as() const {
    return {static_cast<const T*>(values) + offset, static_cast<std::size_t>(length)};
  }
  /// A number of any numeric column as a double (int64 beyond 2^53 rounds); NaN for a null.
  [[nodiscard]] double number(std::int64_t i) const;
  /// The dictionary index of row i (dictionary columns), or -1 for a null.
  [[nodiscard]] std::int64_t index(std::int64_t i) const;
  /// The string of row i of a utf8, large_utf8 or dictionary column; empty for a null.
  [[nodiscard]] std::string_view string(std::int64_t i) const;
};

/// The columns of one record batch, in schema order.
struct record_batch_view {
  std::int64_t length = 0;
  std::vector<column_view> columns;

  /// The column named `name`, of one of the `accepted` types; input_error naming the column, its
  /// format and what was expected otherwise, or when no column has that name.
  [[nodiscard]] const column_view& column(std::string_view name,
                                          std::initializer_list<column_type> accepted) const;
};

/// Views a record batch: `schema` of format "+s" with one child per column, `array` its data.
/// Throws input_error for a released or inconsistent array, or a column of a format not read here.
[[nodiscard]] record_batch_view read_record_batch(const ArrowSchema& schema, const ArrowArray& array);

/// Owns an imported schema and array (moved from the producer's structs, which are marked released)
/// and calls each release callback exactly once, when destroyed.
class imported_batch {
 public:
  imported_batch(ArrowSchema& schema, ArrowArray& array) noexcept;
  imported_batch(const imported_batch&) = delete;
  imported_batch& operator=(const imported_batch&) = delete;
  ~imported_batch();

  [[nodiscard]] const ArrowSchema& schema() const { return schema_; }
  [[nodiscard]] const ArrowArray& array() const { return array_; }

 private:
  ArrowSchema schema_;
  ArrowArray array_;
};

/// Columns gathered for export as one record batch (all columns of the same length).
class batch_builder {
 public:
  batch_builder();
  batch_builder(batch_builder&&) noexcept;
  batch_builder& operator=(batch_builder&&) noexcept;
  ~batch_builder();

  /// A float64 column; `valid` (1 valid, 0 null) is empty when every value is valid.
  void add_double(std::string name, std::vector<double> values, std::span<const std::uint8_t> valid = {});
  /// An int32 column; `valid` as for add_double.
  void add_int32(std::string name, std::vector<std::int32_t> values, std::span<const std::uint8_t> valid = {});
  /// A utf8 column (copied into one data buffer with 32-bit offsets).
  void add_utf8(std::string name, std::span<const std::string> values);
  /// A dictionary column: int32 indices (-1 for a null) into utf8 `dictionary`.
  void add_dictionary(std::string name, std::vector<std::int32_t> indices, std::span<const std::string> dictionary);

  /// Moves the columns into `schema` and `array` (a "+s" record batch), whose release callbacks own
  /// every buffer. Throws input_error when the columns differ in length. The builder is empty after.
  void export_to(ArrowSchema& schema, ArrowArray& array);

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace arrow
}  // namespace v0
}  // namespace ghgkit
