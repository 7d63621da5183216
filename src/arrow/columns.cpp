// Reading a record batch through the Arrow C Data Interface (views, no copies) and exporting one
// (buffers owned by the release callbacks), following https://arrow.apache.org/docs/format/CDataInterface.html.

#include "ghgkit/arrow/columns.hpp"

#include <fmt/format.h>

#include <limits>
#include <utility>

#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {
namespace arrow {

namespace {

constexpr std::string_view readable_formats =
    "float64 'g', float32 'f', int32 'i', int64 'l', utf8 'u', large_utf8 'U', or a dictionary "
    "(indices 'c', 's', 'i' or 'l') of utf8 or large_utf8";

// "Arrow column 'name': found ..., expected ...": the column is named as the producer named it.
[[noreturn]] void column_problem(std::string_view name, std::string_view found, std::string_view expected) {
  throw input_error(fmt::format("Arrow column {}: {}", quote(name), describe_problem({}, "", found, expected)));
}

[[noreturn]] void batch_problem(std::string_view found, std::string_view expected) {
  throw input_error("Arrow record batch: " + describe_problem({}, "", found, expected));
}

const void* buffer(const ArrowArray& a, std::int64_t i) { return a.buffers[i]; }

void expect_buffers(const ArrowArray& a, std::int64_t n, std::string_view name, std::string_view format) {
  if (a.n_buffers != n || a.buffers == nullptr)
    column_problem(name, fmt::format("format {} with {} buffers", quote(format), a.n_buffers),
                   fmt::format("{} buffers as the specification lays out that format", n));
  for (std::int64_t i = 1; i < n; ++i)
    if (buffer(a, i) == nullptr && a.length > 0)
      column_problem(name, fmt::format("format {} with a null data buffer {}", quote(format), i),
                     "a data buffer for every non-empty array");
}

string_buffers read_strings(const ArrowArray& a, bool large, std::int64_t offset, std::int64_t length) {
  string_buffers s;
  s.offsets = buffer(a, 1);
  s.data = static_cast<const char*>(buffer(a, 2));
  s.large = large;
  s.offset = offset;
  s.validity = static_cast<const std::uint8_t*>(buffer(a, 0));
  s.length = length;
  return s;
}

int index_width(std::string_view format) {
  if (format == "c") return 1;
  if (format == "s") return 2;
  if (format == "i") return 4;
  if (format == "l") return 8;
  return 0;
}

void read_dictionary(column_view& c, const ArrowSchema& schema, const ArrowArray& a) {
  c.type = column_type::dictionary;
  c.index_bytes = index_width(c.format);
  if (c.index_bytes == 0)
    column_problem(c.name, fmt::format("dictionary indices of format {}", quote(c.format)),
                   "signed integer indices 'c', 's', 'i' or 'l'");
  const std::string_view values_format = schema.dictionary->format;
  if (values_format != "u" && values_format != "U")
    column_problem(c.name, fmt::format("a dictionary of format {}", quote(values_format)),
                   "a dictionary of utf8 'u' or large_utf8 'U'");
  if (a.dictionary == nullptr)
    column_problem(c.name, "a dictionary-encoded schema with no dictionary array", "the dictionary's values");
  expect_buffers(a, 2, c.name, c.format);
  expect_buffers(*a.dictionary, 3, c.name, values_format);
  c.values = buffer(a, 1);
  c.strings = read_strings(*a.dictionary, values_format == "U", a.dictionary->offset, a.dictionary->length);
}

column_view read_column(const ArrowSchema& schema, const ArrowArray& a, const ArrowArray& batch) {
  column_view c;
  c.name = schema.name != nullptr ? schema.name : "";
  c.format = schema.format != nullptr ? schema.format : "";
  c.length = batch.length;
  c.offset = a.offset + batch.offset;
  c.null_count = a.null_count;
  if (a.length < batch.offset + batch.length)
    column_problem(c.name, fmt::format("{} values", a.length),
                   fmt::format("at least {} (the record batch's offset plus length)", batch.offset + batch.length));
  if (a.n_buffers > 0 && a.buffers != nullptr) c.validity = static_cast<const std::uint8_t*>(a.buffers[0]);
  if (schema.dictionary != nullptr) {
    read_dictionary(c, schema, a);
    return c;
  }
  const std::string_view f = c.format;
  if (f == "g" || f == "f" || f == "i" || f == "l") {
    c.type = f == "g" ? column_type::float64 : f == "f" ? column_type::float32 : f == "i" ? column_type::int32
                                                                                         : column_type::int64;
    expect_buffers(a, 2, c.name, f);
    c.values = buffer(a, 1);
  } else if (f == "u" || f == "U") {
    c.type = f == "u" ? column_type::utf8 : column_type::large_utf8;
    expect_buffers(a, 3, c.name, f);
    c.strings = read_strings(a, f == "U", c.offset, c.length);
  } else {
    column_problem(c.name, fmt::format("format {}", quote(f)), readable_formats);
  }
  return c;
}

}  // namespace

std::string_view to_string(column_type type) {
  switch (type) {
    case column_type::float64: return "float64";
    case column_type::float32: return "float32";
    case column_type::int32: return "int32";
    case column_type::int64: return "int64";
    case column_type::utf8: return "utf8";
    case column_type::large_utf8: return "large_utf8";
    case column_type::dictionary: return "dictionary";
  }
  return "unknown";
}

std::string_view string_buffers::at(std::int64_t i) const {
  const std::int64_t j = offset + i;
  if (validity != nullptr && ((validity[j >> 3] >> (j & 7)) & 1) == 0) return {};
  std::int64_t begin = 0, end = 0;
  if (large) {
    const auto* o = static_cast<const std::int64_t*>(offsets);
    begin = o[j];
    end = o[j + 1];
  } else {
    const auto* o = static_cast<const std::int32_t*>(offsets);
    begin = o[j];
    end = o[j + 1];
  }
  return {data + begin, static_cast<std::size_t>(end - begin)};
}

double column_view::number(std::int64_t i) const {
  if (!is_valid(i)) return std::numeric_limits<double>::quiet_NaN();
  const std::int64_t j = offset + i;
  switch (type) {
    case column_type::float64: return static_cast<const double*>(values)[j];
    case column_type::float32: return static_cast<double>(static_cast<const float*>(values)[j]);
    case column_type::int32: return static_cast<double>(static_cast<const std::int32_t*>(values)[j]);
    case column_type::int64: return static_cast<double>(static_cast<const std::int64_t*>(values)[j]);
    default: break;
  }
  column_problem(name, fmt::format("{} {}", to_string(type), quote(format)),
                 "a number column (float64, float32, int32 or int64)");
}

std::int64_t column_view::index(std::int64_t i) const {
  if (type != column_type::dictionary)
    column_problem(name, fmt::format("{} {}", to_string(type), quote(format)), "a dictionary column");
  if (!is_valid(i)) return -1;
  const std::int64_t j = offset + i;
  switch (index_bytes) {
    case 1: return static_cast<const std::int8_t*>(values)[j];
    case 2: return static_cast<const std::int16_t*>(values)[j];
    case 4: return static_cast<const std::int32_t*>(values)[j];
    default: return static_cast<const std::int64_t*>(values)[j];
  }
}

std::string_view column_view::string(std::int64_t i) const {
  if (type == column_type::utf8 || type == column_type::large_utf8) return strings.at(i);
  const std::int64_t k = index(i);
  if (k < 0 && is_valid(i)) column_problem(name, fmt::format("dictionary index {} at row {}", k, i), "an index >= 0");
  if (k >= strings.length)
    column_problem(name, fmt::format("dictionary index {} at row {}", k, i),
                   fmt::format("an index below the dictionary's {} values", strings.length));
  return k < 0 ? std::string_view{} : strings.at(k);
}

const column_view& record_batch_view::column(std::string_view name, std::initializer_list<column_type> accepted) const {
  for (const auto& c : columns) {
    if (c.name != name) continue;
    for (const auto t : accepted)
      if (c.type == t) return c;
    std::string expected;
    for (const auto t : accepted) expected += (expected.empty() ? "" : " or ") + std::string(to_string(t));
    column_problem(name, fmt::format("{} {}", to_string(c.type), quote(c.format)), expected);
  }
  std::string names;
  for (const auto& c : columns) names += (names.empty() ? "" : ", ") + quote(c.name);
  throw input_error(fmt::format("record batch has no column {}: its columns are {}", quote(name),
                                names.empty() ? "none" : names));
}

record_batch_view read_record_batch(const ArrowSchema& schema, const ArrowArray& array) {
  if (schema.release == nullptr || array.release == nullptr)
    batch_problem("a released ArrowSchema or ArrowArray", "a live one");
  const std::string_view format = schema.format != nullptr ? schema.format : "";
  if (format != "+s")
    batch_problem(fmt::format("format {}", quote(format)), "a struct '+s' with one child per column");
  if (schema.n_children != array.n_children)
    batch_problem(fmt::format("{} array children", array.n_children),
                  fmt::format("{}, one per schema field", schema.n_children));
  if (array.n_children > 0 && (schema.children == nullptr || array.children == nullptr))
    batch_problem("null children pointers", "one ArrowSchema and one ArrowArray per column");
  if (array.null_count != 0 && array.n_buffers > 0 && array.buffers != nullptr && array.buffers[0] != nullptr)
    batch_problem("a struct array with null rows", "a record batch (no null rows)");
  record_batch_view view;
  view.length = array.length;
  view.columns.reserve(static_cast<std::size_t>(array.n_children));
  for (std::int64_t i = 0; i < array.n_children; ++i)
    view.columns.push_back(read_column(*schema.children[i], *array.children[i], array));
  return view;
}

imported_batch::imported_batch(ArrowSchema& schema, ArrowArray& array) noexcept : schema_(schema), array_(array) {
  schema.release = nullptr;  // moved: the producer's structs are now released shells
  array.release = nullptr;
}

imported_batch::~imported_batch() {
  if (array_.release != nullptr) array_.release(&array_);
  if (schema_.release != nullptr) schema_.release(&schema_);
}

}  // namespace arrow
}  // namespace v0
}  // namespace ghgkit
