// Exporting a record batch through the Arrow C Data Interface: every ArrowSchema and ArrowArray node
// (the struct, each column, each dictionary) owns its buffers in a holder freed by its own release
// callback. A parent's release calls its children's, so a consumer may release the whole batch at once
// or move a child out first (the specification's "moving child arrays") and release it later.

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "ghgkit/arrow/columns.hpp"
#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {
namespace arrow {

namespace {

struct schema_holder {
  std::string format, name;
  std::vector<ArrowSchema*> children;  // allocated here; each released by its own callback
  ArrowSchema* dictionary = nullptr;
};

void release_schema(ArrowSchema* s) {
  auto* h = static_cast<schema_holder*>(s->private_data);
  for (ArrowSchema* child : h->children) {
    if (child->release != nullptr) child->release(child);
    delete child;
  }
  if (h->dictionary != nullptr) {
    if (h->dictionary->release != nullptr) h->dictionary->release(h->dictionary);
    delete h->dictionary;
  }
  delete h;
  s->release = nullptr;
}

void fill_schema(ArrowSchema& s, schema_holder* h, std::int64_t flags) {
  s.format = h->format.c_str();
  s.name = h->name.c_str();
  s.metadata = nullptr;
  s.flags = flags;
  s.n_children = static_cast<std::int64_t>(h->children.size());
  s.children = h->children.empty() ? nullptr : h->children.data();
  s.dictionary = h->dictionary;
  s.release = &release_schema;
  s.private_data = h;
}

ArrowSchema* new_schema(std::string format, std::string name, ArrowSchema* dictionary = nullptr) {
  auto* h = new schema_holder;
  h->format = std::move(format);
  h->name = std::move(name);
  h->dictionary = dictionary;
  auto* s = new ArrowSchema;
  fill_schema(*s, h, ARROW_FLAG_NULLABLE);
  return s;
}

struct array_holder {
  std::vector<double> f64;
  std::vector<std::int32_t> i32;  // int32 values, dictionary indices or utf8 offsets
  std::string chars;
  std::vector<std::uint8_t> validity;
  std::vector<const void*> buffers;
  std::vector<ArrowArray*> children;
  ArrowArray* dictionary = nullptr;
};

void release_array(ArrowArray* a) {
  auto* h = static_cast<array_holder*>(a->private_data);
  for (ArrowArray* child : h->children) {
    if (child->release != nullptr) child->release(child);
    delete child;
  }
  if (h->dictionary != nullptr) {
    if (h->dictionary->release != nullptr) h->dictionary->release(h->dictionary);
    delete h->dictionary;
  }
  delete h;
  a->release = nullptr;
}

ArrowArray* new_array(array_holder* h, std::int64_t length, std::int64_t null_count) {
  auto* a = new ArrowArray;
  a->length = length;
  a->null_count = null_count;
  a->offset = 0;
  a->n_buffers = static_cast<std::int64_t>(h->buffers.size());
  a->n_children = static_cast<std::int64_t>(h->children.size());
  a->buffers = h->buffers.data();
  a->children = h->children.empty() ? nullptr : h->children.data();
  a->dictionary = h->dictionary;
  a->release = &release_array;
  a->private_data = h;
  return a;
}

// Bit i set when valid[i] != 0; returns the number of nulls.
std::int64_t pack_validity(std::span<const std::uint8_t> valid, std::vector<std::uint8_t>& bitmap) {
  bitmap.assign((valid.size() + 7) / 8, 0);
  std::int64_t nulls = 0;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (valid[i] != 0) bitmap[i / 8] = static_cast<std::uint8_t>(bitmap[i / 8] | (1U << (i % 8)));
    else ++nulls;
  }
  return nulls;
}

void put_strings(array_holder& h, std::span<const std::string> values) {
  h.i32.reserve(values.size() + 1);
  h.i32.push_back(0);
  for (const auto& v : values) {
    h.chars += v;
    if (h.chars.size() > static_cast<std::size_t>(INT32_MAX))
      throw input_error("Arrow export: utf8 strings over 2 GiB in one column: expected less (32-bit offsets)");
    h.i32.push_back(static_cast<std::int32_t>(h.chars.size()));
  }
}

[[noreturn]] void export_problem(std::string_view name, std::string_view found, std::string_view expected) {
  throw input_error(fmt::format("Arrow export column {}: {}", quote(name), describe_problem({}, "", found, expected)));
}

void check_validity(const std::string& name, std::size_t flags, std::size_t rows) {
  if (flags != 0 && flags != rows)
    export_problem(name, fmt::format("{} validity flags", flags), fmt::format("{} (one per value) or none", rows));
}

}  // namespace

struct batch_builder::state {
  struct column {
    ArrowSchema* schema = nullptr;
    ArrowArray* array = nullptr;
  };
  std::vector<column> columns;
  std::vector<std::string> names;

  ~state() {
    for (auto& c : columns) {
      release_schema(c.schema);
      delete c.schema;
      release_array(c.array);
      delete c.array;
    }
  }
  void check_length(const std::string& name, std::size_t rows) const {
    if (columns.empty()) return;
    const auto expected = static_cast<std::size_t>(columns.front().array->length);
    if (rows != expected)
      export_problem(name, fmt::format("{} rows", rows), fmt::format("{} rows, as column {}", expected, quote(names.front())));
  }
  void add(std::string name, ArrowSchema* schema, ArrowArray* array) {
    columns.push_back({schema, array});
    names.push_back(std::move(name));
  }
};

batch_builder::batch_builder() : state_(std::make_unique<state>()) {}
batch_builder::batch_builder(batch_builder&&) noexcept = default;
batch_builder& batch_builder::operator=(batch_builder&&) noexcept = default;
batch_builder::~batch_builder() = default;

void batch_builder::add_double(std::string name, std::vector<double> values, std::span<const std::uint8_t> valid) {
  state_->check_length(name, values.size());
  check_validity(name, valid.size(), values.size());
  auto* h = new array_holder;
  const std::int64_t nulls = valid.empty() ? 0 : pack_validity(valid, h->validity);
  h->f64 = std::move(values);
  h->buffers = {h->validity.empty() ? nullptr : h->validity.data(), h->f64.data()};
  auto* array = new_array(h, static_cast<std::int64_t>(h->f64.size()), nulls);
  state_->add(name, new_schema("g", name), array);
}

void batch_builder::add_int32(std::string name, std::vector<std::int32_t> values, std::span<const std::uint8_t> valid) {
  state_->check_length(name, values.size());
  check_validity(name, valid.size(), values.size());
  auto* h = new array_holder;
  const std::int64_t nulls = valid.empty() ? 0 : pack_validity(valid, h->validity);
  h->i32 = std::move(values);
  h->buffers = {h->validity.empty() ? nullptr : h->validity.data(), h->i32.data()};
  auto* array = new_array(h, static_cast<std::int64_t>(h->i32.size()), nulls);
  state_->add(name, new_schema("i", name), array);
}

void batch_builder::add_utf8(std::string name, std::span<const std::string> values) {
  state_->check_length(name, values.size());
  auto* h = new array_holder;
  put_strings(*h, values);
  h->buffers = {nullptr, h->i32.data(), h->chars.data()};
  auto* array = new_array(h, static_cast<std::int64_t>(values.size()), 0);
  state_->add(name, new_schema("u", name), array);
}

void batch_builder::add_dictionary(std::string name, std::vector<std::int32_t> indices,
                                   std::span<const std::string> dictionary) {
  state_->check_length(name, indices.size());
  std::vector<std::uint8_t> valid(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] >= static_cast<std::int64_t>(dictionary.size()))
      export_problem(name, fmt::format("index {} at row {}", indices[i], i),
                     fmt::format("-1 (null) or an index below the dictionary's {} values", dictionary.size()));
    valid[i] = indices[i] >= 0 ? 1 : 0;
    if (indices[i] < 0) indices[i] = 0;  // a null slot still holds an in-range index for strict readers
  }
  auto* d = new array_holder;
  put_strings(*d, dictionary);
  d->buffers = {nullptr, d->i32.data(), d->chars.data()};
  auto* dictionary_array = new_array(d, static_cast<std::int64_t>(dictionary.size()), 0);
  auto* h = new array_holder;
  const std::int64_t nulls = pack_validity(valid, h->validity);
  h->i32 = std::move(indices);
  h->buffers = {nulls == 0 ? nullptr : h->validity.data(), h->i32.data()};
  h->dictionary = dictionary_array;
  auto* array = new_array(h, static_cast<std::int64_t>(h->i32.size()), nulls);
  state_->add(name, new_schema("i", name, new_schema("u", "")), array);
}

void batch_builder::export_to(ArrowSchema& schema, ArrowArray& array) {
  auto* sh = new schema_holder;
  sh->format = "+s";
  auto* ah = new array_holder;
  ah->buffers = {nullptr};
  std::int64_t length = 0;
  for (const auto& c : state_->columns) {
    sh->children.push_back(c.schema);
    ah->children.push_back(c.array);
    length = c.array->length;
  }
  state_->columns.clear();
  state_->names.clear();
  fill_schema(schema, sh, 0);
  ArrowArray* root = new_array(ah, length, 0);
  array = *root;  // the root lives in the caller's struct; its holder is what release frees
  delete root;
}

}  // namespace arrow
}  // namespace v0
}  // namespace ghgkit
