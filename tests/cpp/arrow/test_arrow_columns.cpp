// ghgkit/arrow/columns.hpp: record batches built by hand in memory, laid out as the C Data Interface
// specification lays them out (https://arrow.apache.org/docs/format/CDataInterface.html and the
// columnar format's buffer layouts), read back as views; and batches exported by batch_builder.

#include "ghgkit/arrow/columns.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ghgkit/error.hpp"

using ghgkit::input_error;
using ghgkit::arrow::batch_builder;
using ghgkit::arrow::column_type;
using ghgkit::arrow::imported_batch;
using ghgkit::arrow::read_record_batch;

namespace {

// Release callbacks of the hand-built producer: count the calls in the int that private_data points
// to, release children and dictionary first (as the specification asks of a parent), mark released.
void release_hand_schema(ArrowSchema* s) {
  for (std::int64_t i = 0; i < s->n_children; ++i)
    if (s->children[i]->release != nullptr) s->children[i]->release(s->children[i]);
  if (s->dictionary != nullptr && s->dictionary->release != nullptr) s->dictionary->release(s->dictionary);
  ++*static_cast<int*>(s->private_data);
  s->release = nullptr;
}

void release_hand_array(ArrowArray* a) {
  for (std::int64_t i = 0; i < a->n_children; ++i)
    if (a->children[i]->release != nullptr) a->children[i]->release(a->children[i]);
  if (a->dictionary != nullptr && a->dictionary->release != nullptr) a->dictionary->release(a->dictionary);
  ++*static_cast<int*>(a->private_data);
  a->release = nullptr;
}

template <class T>
bool released(const T& c_struct) {
  return c_struct.release == nullptr;
}

// A producer written by hand: it owns the structs; the buffers are the test's own vectors.
struct hand_batch {
  std::vector<std::unique_ptr<ArrowSchema>> schemas;
  std::vector<std::unique_ptr<ArrowArray>> arrays;
  std::vector<std::unique_ptr<std::vector<const void*>>> buffer_lists;
  std::vector<ArrowSchema*> schema_children;
  std::vector<ArrowArray*> array_children;
  ArrowSchema schema{};
  ArrowArray array{};
  int schema_releases = 0, array_releases = 0;  // every node's call, children included

  ArrowSchema* new_schema(const char* name, const char* format, ArrowSchema* dictionary = nullptr) {
    auto& s = *schemas.emplace_back(std::make_unique<ArrowSchema>());
    s.format = format;
    s.name = name;
    s.metadata = nullptr;
    s.flags = ARROW_FLAG_NULLABLE;
    s.n_children = 0;
    s.children = nullptr;
    s.dictionary = dictionary;
    s.release = &release_hand_schema;
    s.private_data = &schema_releases;
    return &s;
  }
  ArrowArray* new_array(std::int64_t length, std::int64_t offset, std::int64_t nulls,
                        std::vector<const void*> buffers, ArrowArray* dictionary = nullptr) {
    auto& list = *buffer_lists.emplace_back(std::make_unique<std::vector<const void*>>(std::move(buffers)));
    auto& a = *arrays.emplace_back(std::make_unique<ArrowArray>());
    a.length = length;
    a.null_count = nulls;
    a.offset = offset;
    a.n_buffers = static_cast<std::int64_t>(list.size());
    a.n_children = 0;
    a.buffers = list.data();
    a.children = nullptr;
    a.dictionary = dictionary;
    a.release = &release_hand_array;
    a.private_data = &array_releases;
    return &a;
  }
  void add(ArrowSchema* s, ArrowArray* a) {
    schema_children.push_back(s);
    array_children.push_back(a);
  }
  // The "+s" record batch over the columns added.
  void finish(std::int64_t length, std::int64_t offset = 0) {
    schema.format = "+s";
    schema.name = "";
    schema.metadata = nullptr;
    schema.flags = 0;
    schema.n_children = static_cast<std::int64_t>(schema_children.size());
    schema.children = schema_children.data();
    schema.dictionary = nullptr;
    schema.release = &release_hand_schema;
    schema.private_data = &schema_releases;
    root_buffers = {nullptr};
    array.length = length;
    array.null_count = 0;
    array.offset = offset;
    array.n_buffers = 1;
    array.n_children = static_cast<std::int64_t>(array_children.size());
    array.buffers = root_buffers.data();
    array.children = array_children.data();
    array.dictionary = nullptr;
    array.release = &release_hand_array;
    array.private_data = &array_releases;
  }
  std::vector<const void*> root_buffers;
};

// Four rows, as the columnar format lays them out (validity: bit i of byte i / 8, least significant
// first; 1 = valid; written below as the byte 0b1101 for rows 0, 2, 3 valid):
//   activity utf8        "electricity.grid", null, "", "diesel"   offsets 0 16 16 16 22, validity 0b1101
//   amount   float64     1.5, null, 3.25, -4                      validity 0b1101
//   year     int32       2023, 2024, 2025, 2026                   no validity buffer (no nulls)
//   rows     int64       10, 20, 30, 40
//   share    float32     0.5, 0.25, 0.125, 1
//   region   large_utf8  "FR", "DE", "", "PL"                     int64 offsets 0 2 4 4 6
//   unit     dictionary  int8 indices 1, 0, 1, null over utf8 ["L", "kWh"]   validity 0b0111
struct four_rows {
  const std::uint8_t validity_1101[1] = {0b1101};  // bit i is row i: rows 0, 2, 3 valid, row 1 null
  std::vector<std::int32_t> activity_offsets{0, 16, 16, 16, 22};
  std::string activity_data = "electricity.griddiesel";
  std::vector<double> amount{1.5, 0.0, 3.25, -4.0};
  std::vector<std::int32_t> year{2023, 2024, 2025, 2026};
  std::vector<std::int64_t> rows{10, 20, 30, 40};
  std::vector<float> share{0.5F, 0.25F, 0.125F, 1.0F};
  std::vector<std::int64_t> region_offsets{0, 2, 4, 4, 6};
  std::string region_data = "FRDEPL";
  std::vector<std::int8_t> unit_indices{1, 0, 1, 0};
  const std::uint8_t unit_validity[1] = {0b0111};
  std::vector<std::int32_t> unit_dictionary_offsets{0, 1, 4};
  std::string unit_dictionary_data = "LkWh";
  hand_batch batch;

  four_rows() {
    auto& b = batch;
    b.add(b.new_schema("activity", "u"),
          b.new_array(4, 0, 1, {validity_1101, activity_offsets.data(), activity_data.data()}));
    b.add(b.new_schema("amount", "g"), b.new_array(4, 0, 1, {validity_1101, amount.data()}));
    b.add(b.new_schema("year", "i"), b.new_array(4, 0, 0, {nullptr, year.data()}));
    b.add(b.new_schema("rows", "l"), b.new_array(4, 0, 0, {nullptr, rows.data()}));
    b.add(b.new_schema("share", "f"), b.new_array(4, 0, 0, {nullptr, share.data()}));
    b.add(b.new_schema("region", "U"), b.new_array(4, 0, 0, {nullptr, region_offsets.data(), region_data.data()}));
    auto* dictionary = b.new_array(2, 0, 0, {nullptr, unit_dictionary_offsets.data(), unit_dictionary_data.data()});
    b.add(b.new_schema("unit", "c", b.new_schema("", "u")),
          b.new_array(4, 0, 1, {unit_validity, unit_indices.data()}, dictionary));
    b.finish(4);
  }
};

}  // namespace

TEST_CASE("arrow columns: a record batch of every read type is viewed without copying") {
  four_rows data;
  const auto view = read_record_batch(data.batch.schema, data.batch.array);
  REQUIRE(view.columns.size() == 7);
  CHECK(view.length == 4);

  const auto& activity = view.column("activity", {column_type::utf8});
  CHECK(activity.string(0) == "electricity.grid");
  CHECK_FALSE(activity.is_valid(1));
  CHECK(activity.string(1).empty());
  CHECK(activity.is_valid(2));
  CHECK(activity.string(2).empty());
  CHECK(activity.string(3) == "diesel");
  CHECK(activity.string(3).data() == data.activity_data.data() + 16);  // a view into the producer's bytes

  const auto& amount = view.column("amount", {column_type::float64});
  CHECK(amount.values_as<double>().data() == data.amount.data());
  CHECK(amount.number(0) == 1.5);
  CHECK(std::isnan(amount.number(1)));
  CHECK(amount.number(3) == -4.0);
  CHECK(amount.null_count == 1);

  CHECK(view.column("year", {column_type::int32}).number(3) == 2026.0);
  CHECK(view.column("year", {column_type::int32}).values_as<std::int32_t>()[1] == 2024);
  CHECK(view.column("rows", {column_type::int64}).number(2) == 30.0);
  CHECK(view.column("share", {column_type::float32}).number(2) == 0.125);

  const auto& region = view.column("region", {column_type::large_utf8, column_type::utf8});
  CHECK(region.string(0) == "FR");
  CHECK(region.string(1) == "DE");
  CHECK(region.string(2).empty());
  CHECK(region.string(3) == "PL");

  const auto& unit = view.column("unit", {column_type::dictionary});
  CHECK(unit.format == "c");
  CHECK(unit.index(0) == 1);
  CHECK(unit.index(3) == -1);
  CHECK(unit.string(0) == "kWh");
  CHECK(unit.string(1) == "L");
  CHECK(unit.string(2) == "kWh");
  CHECK(unit.string(3).empty());
}

TEST_CASE("arrow columns: a sliced record batch and sliced columns read from their offsets") {
  // The same four rows, the batch sliced to rows 1 and 2 (struct offset 1, length 2); and an extra
  // float64 column whose own offset is 2 within a buffer of 6: row i of the batch is its element
  // 2 + 1 + i, i.e. 13.0 and 14.0.
  four_rows data;
  std::vector<double> shifted{10.0, 11.0, 12.0, 13.0, 14.0, 15.0};
  const std::uint8_t shifted_validity[1] = {0b11101111};  // element 4 (row 1 of the slice) is null
  auto& b = data.batch;
  b.add(b.new_schema("shifted", "g"), b.new_array(4, 2, 1, {shifted_validity, shifted.data()}));
  b.finish(2, 1);
  const auto view = read_record_batch(b.schema, b.array);
  CHECK(view.length == 2);
  const auto& activity = view.column("activity", {column_type::utf8});
  CHECK_FALSE(activity.is_valid(0));
  CHECK(activity.string(1).empty());
  CHECK(activity.is_valid(1));
  CHECK(view.column("amount", {column_type::float64}).number(1) == 3.25);
  CHECK(view.column("amount", {column_type::float64}).values_as<double>()[1] == 3.25);
  CHECK(view.column("region", {column_type::large_utf8}).string(0) == "DE");
  CHECK(view.column("unit", {column_type::dictionary}).string(0) == "L");
  CHECK(view.column("unit", {column_type::dictionary}).string(1) == "kWh");
  const auto& s = view.column("shifted", {column_type::float64});
  CHECK(s.offset == 3);
  CHECK(s.number(0) == 13.0);
  CHECK(std::isnan(s.number(1)));
  CHECK(s.values_as<double>()[1] == 14.0);  // the raw slot under the null
}

TEST_CASE("arrow columns: dictionary indices of 16 and 64 bits decode into a large_utf8 dictionary with an offset") {
  hand_batch b;
  std::vector<std::int64_t> dict_offsets{0, 3, 6, 9};  // "xxxkWhGJ_" : the dictionary starts at entry 1
  std::string dict_data = "xxxkWhGJ_";
  std::vector<std::int16_t> i16{0, 1, 1};
  std::vector<std::int64_t> i64{1, 0, 0};
  auto* d16 = b.new_array(2, 1, 0, {nullptr, dict_offsets.data(), dict_data.data()});
  auto* d64 = b.new_array(2, 1, 0, {nullptr, dict_offsets.data(), dict_data.data()});
  b.add(b.new_schema("a", "s", b.new_schema("", "U")), b.new_array(3, 0, 0, {nullptr, i16.data()}, d16));
  b.add(b.new_schema("b", "l", b.new_schema("", "U")), b.new_array(3, 0, 0, {nullptr, i64.data()}, d64));
  b.finish(3);
  const auto view = read_record_batch(b.schema, b.array);
  CHECK(view.columns[0].string(0) == "kWh");
  CHECK(view.columns[0].string(1) == "GJ_");
  CHECK(view.columns[1].string(0) == "GJ_");
  CHECK(view.columns[1].string(2) == "kWh");
}

TEST_CASE("arrow columns: an imported batch calls every release callback exactly once") {
  four_rows data;
  auto& b = data.batch;
  {
    imported_batch owned(b.schema, b.array);
    CHECK(released(b.schema));  // moved: the producer's structs are released shells
    CHECK(released(b.array));
    CHECK(read_record_batch(owned.schema(), owned.array()).columns.size() == 7);
    CHECK(b.schema_releases == 0);
  }
  // 1 struct + 7 columns + the dictionary, for the schema and the array each.
  CHECK(b.schema_releases == 9);
  CHECK(b.array_releases == 9);
}

TEST_CASE("arrow columns: unsupported formats and misuse are reported with the column and what was expected") {
  four_rows data;
  auto& b = data.batch;
  std::vector<std::int64_t> stamps{1, 2, 3, 4};
  b.add(b.new_schema("when", "tsu:UTC"), b.new_array(4, 0, 0, {nullptr, stamps.data()}));
  b.finish(4);
  CHECK_THROWS_WITH_AS(read_record_batch(b.schema, b.array),
                       "Arrow column 'when': found format 'tsu:UTC', expected float64 'g', float32 'f', int32 'i', "
                       "int64 'l', utf8 'u', large_utf8 'U', or a dictionary (indices 'c', 's', 'i' or 'l') of "
                       "utf8 or large_utf8",
                       input_error);

  four_rows good;
  const auto view = read_record_batch(good.batch.schema, good.batch.array);
  CHECK_THROWS_WITH_AS((void)view.column("activity", {column_type::float64, column_type::int64}),
                       "Arrow column 'activity': found utf8 'u', expected float64 or int64", input_error);
  CHECK_THROWS_WITH_AS((void)view.column("co2", {column_type::float64}),
                       "record batch has no column 'co2': its columns are 'activity', 'amount', 'year', 'rows', "
                       "'share', 'region', 'unit'",
                       input_error);
  CHECK_THROWS_WITH_AS((void)view.columns[0].number(0),
                       "Arrow column 'activity': found utf8 'u', expected a number column (float64, float32, int32 "
                       "or int64)",
                       input_error);

  ArrowSchema not_a_batch = *good.batch.schema_children[1];
  CHECK_THROWS_WITH_AS(read_record_batch(not_a_batch, good.batch.array),
                       "Arrow record batch: found format 'g', expected a struct '+s' with one child per column",
                       input_error);
  ArrowArray released = good.batch.array;
  released.release = nullptr;
  CHECK_THROWS_WITH_AS(read_record_batch(good.batch.schema, released),
                       "Arrow record batch: found a released ArrowSchema or ArrowArray, expected a live one",
                       input_error);
}

TEST_CASE("arrow columns: dictionaries of other types and bad indices are refused") {
  hand_batch b;
  std::vector<double> values{1.0, 2.0};
  std::vector<std::uint8_t> unsigned_indices{0, 1};
  auto* numbers = b.new_array(2, 0, 0, {nullptr, values.data()});
  b.add(b.new_schema("unit", "c", b.new_schema("", "g")), b.new_array(2, 0, 0, {nullptr, unsigned_indices.data()}, numbers));
  b.finish(2);
  CHECK_THROWS_WITH_AS(read_record_batch(b.schema, b.array),
                       "Arrow column 'unit': found a dictionary of format 'g', expected a dictionary of utf8 'u' or "
                       "large_utf8 'U'",
                       input_error);

  hand_batch c;
  std::vector<std::int32_t> offsets{0, 1};
  std::string chars = "a";
  auto* dictionary = c.new_array(1, 0, 0, {nullptr, offsets.data(), chars.data()});
  c.add(c.new_schema("unit", "C", c.new_schema("", "u")), c.new_array(2, 0, 0, {nullptr, unsigned_indices.data()}, dictionary));
  c.finish(2);
  CHECK_THROWS_WITH_AS(read_record_batch(c.schema, c.array),
                       "Arrow column 'unit': found dictionary indices of format 'C', expected signed integer "
                       "indices 'c', 's', 'i' or 'l'",
                       input_error);

  hand_batch d;
  std::vector<std::int8_t> indices{0, 1};  // 1 is beyond a one-entry dictionary
  auto* one = d.new_array(1, 0, 0, {nullptr, offsets.data(), chars.data()});
  d.add(d.new_schema("unit", "c", d.new_schema("", "u")), d.new_array(2, 0, 0, {nullptr, indices.data()}, one));
  d.finish(2);
  const auto view = read_record_batch(d.schema, d.array);
  CHECK(view.columns[0].string(0) == "a");
  CHECK_THROWS_WITH_AS((void)view.columns[0].string(1),
                       "Arrow column 'unit': found dictionary index 1 at row 1, expected an index below the "
                       "dictionary's 1 values",
                       input_error);
}

TEST_CASE("arrow columns: an exported record batch reads back and owns its buffers") {
  batch_builder builder;
  const std::vector<std::uint8_t> valid{1, 0, 1};
  builder.add_double("co2e_kg", {50.0, 0.0, 0.25}, valid);
  builder.add_int32("factor", {0, -1, 1});
  const std::vector<std::string> reasons{"", "no factor for 'x'", ""};
  builder.add_utf8("reason", reasons);
  const std::vector<std::string> gases{"CO2", "CH4"};
  builder.add_dictionary("gas", {1, -1, 0}, gases);

  ArrowSchema schema{};
  ArrowArray array{};
  builder.export_to(schema, array);
  {
    const auto view = read_record_batch(schema, array);
    REQUIRE(view.columns.size() == 4);
    CHECK(view.length == 3);
    const auto& co2e = view.column("co2e_kg", {column_type::float64});
    CHECK(co2e.number(0) == 50.0);
    CHECK_FALSE(co2e.is_valid(1));
    CHECK(co2e.null_count == 1);
    CHECK(view.column("factor", {column_type::int32}).values_as<std::int32_t>()[1] == -1);
    CHECK(view.column("reason", {column_type::utf8}).string(1) == "no factor for 'x'");
    CHECK(view.column("reason", {column_type::utf8}).string(2).empty());
    const auto& gas = view.column("gas", {column_type::dictionary});
    CHECK(gas.string(0) == "CH4");
    CHECK(gas.index(1) == -1);
    CHECK(gas.string(2) == "CO2");
    CHECK(std::string_view(schema.children[3]->dictionary->format) == "u");
    CHECK((schema.children[0]->flags & ARROW_FLAG_NULLABLE) != 0);
  }
  array.release(&array);
  schema.release(&schema);
  CHECK(released(array));
  CHECK(released(schema));
}

TEST_CASE("arrow columns: a child moved out of an exported batch outlives its parent") {
  // The specification lets a consumer move a child: copy the struct, mark the original released.
  batch_builder builder;
  builder.add_double("a", {1.0, 2.0});
  builder.add_utf8("b", std::vector<std::string>{"x", "yz"});
  ArrowSchema schema{};
  ArrowArray array{};
  builder.export_to(schema, array);
  ArrowArray moved = *array.children[1];
  array.children[1]->release = nullptr;
  array.release(&array);
  schema.release(&schema);
  const auto* offsets = static_cast<const std::int32_t*>(moved.buffers[1]);
  const auto* chars = static_cast<const char*>(moved.buffers[2]);
  CHECK(std::string_view(chars + offsets[1], static_cast<std::size_t>(offsets[2] - offsets[1])) == "yz");
  REQUIRE_FALSE(released(moved));
  moved.release(&moved);
  CHECK(released(moved));
}

TEST_CASE("arrow columns: an export with columns of different lengths or bad indices is refused") {
  batch_builder builder;
  builder.add_double("a", {1.0, 2.0});
  CHECK_THROWS_WITH_AS(builder.add_int32("b", {1, 2, 3}),
                       "Arrow export column 'b': found 3 rows, expected 2 rows, as column 'a'", input_error);
  CHECK_THROWS_WITH_AS(builder.add_double("c", {1.0, 2.0}, std::vector<std::uint8_t>{1}),
                       "Arrow export column 'c': found 1 validity flags, expected 2 (one per value) or none",
                       input_error);
  const std::vector<std::string> one{"kWh"};
  CHECK_THROWS_WITH_AS(builder.add_dictionary("d", {0, 1}, one),
                       "Arrow export column 'd': found index 1 at row 1, expected -1 (null) or an index below the "
                       "dictionary's 1 values",
                       input_error);
  // A builder dropped without export frees what it holds (checked under valgrind / sanitizers).
}
