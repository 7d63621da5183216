// ghgkit/activity/inventory.hpp: reading an inventory (schema ghgkit.inventory/1) and the CSV files of
// rows it names. Fixtures: tests/cpp/fixtures/inventory/ (good.yaml with csv/good_rows.csv; bad_*.yaml,
// each beside bad_*.expected holding the exact message, with {dir} standing for that directory).
// The CSV edge cases (BOM, CRLF, blank lines, quotes) are written byte for byte into a temporary
// directory by the tests themselves, so that no checkout setting (autocrlf) can change them.
// Every test name starts with "inventory" so that `ctest -R inventory` runs them.

#include "ghgkit/activity/inventory.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::activity_record;
using ghgkit::consolidation_approach;
using ghgkit::input_error;
using ghgkit::inventory;
using ghgkit::load_inventory;

namespace {

using ghgkit_test::temp_dir;

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

fs::path dir() { return ghgkit_test::fixtures() / "inventory"; }

// The message a bad fixture must produce: the first line of its .expected file, {dir} filled in.
std::string expected_message(const std::string& name) {
  std::string text = ghgkit_test::read_text(dir() / (name + ".expected"));
  text = text.substr(0, text.find('\n'));
  return ghgkit_test::replace_all(text, "{dir}", dir().string());
}

void check_bad_fixture(const std::string& name) {
  CAPTURE(name);
  const std::string expected = expected_message(name);
  CHECK_THROWS_WITH_AS((void)load_inventory(dir() / (name + ".yaml")), expected.c_str(), input_error);
}

const std::set<std::string> kBadFixtures = {
    "bad_wrong_schema",       "bad_unknown_key",        "bad_unknown_parent", "bad_duplicate_entity",
    "bad_consolidation",      "bad_unknown_csv_column", "bad_unterminated_quote",
    "bad_missing_csv",        "bad_certificate_unit"};


// An inventory of one entity reading its rows from data.csv (written by the test).
const std::string kCsvInventory =
    "schema: ghgkit.inventory/1\n"
    "organisation: CSV Edge Cases\n"
    "year: 2023\n"
    "region: FR\n"
    "entities: [{id: hq}]\n"
    "activity_files: [{path: data.csv}]\n";

inventory load_csv(const temp_dir& tmp, const std::string& csv_bytes) {
  tmp.write("data.csv", csv_bytes);
  return load_inventory(tmp.write("inventory.yaml", kCsvInventory));
}

std::string csv_where(const temp_dir& tmp, int line) { return (tmp.path() / "data.csv").string() + ":" + std::to_string(line); }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// A good inventory: the header, entities, YAML rows, CSV rows and scope 2 instruments.

TEST_CASE("inventory loader reads the header, the entities and the factor layers of a good inventory") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  CHECK(inv.file == dir() / "good.yaml");
  CHECK(inv.organisation == "Good Loader SA");
  CHECK(inv.year == 2023);
  CHECK(inv.base_year == 2019);
  CHECK(inv.gwp == "AR5");
  CHECK(inv.consolidation == consolidation_approach::equity_share);
  CHECK(inv.allow_later_years);
  REQUIRE(inv.factor_layers.size() == 1u);
  CHECK(inv.factor_layers.front() == dir() / "residual_mix");  // relative to the inventory file

  REQUIRE(inv.entities.size() == 2u);
  CHECK(inv.entities[0].id == "hq");
  CHECK(inv.entities[0].name == "Head office");
  CHECK(inv.entities[0].parent.empty());
  CHECK(inv.entities[0].ownership == exactly(1.0));  // default
  CHECK(inv.entities[0].operational_control);        // default true
  CHECK(inv.entities[0].financial_control);
  CHECK(inv.entities[1].id == "plant");
  CHECK(inv.entities[1].name == "plant");  // no name: the id stands in
  CHECK(inv.entities[1].parent == "hq");
  CHECK(inv.entities[1].ownership == exactly(0.75));
  CHECK_FALSE(inv.entities[1].operational_control);
  CHECK(inv.entities[1].financial_control);
  CHECK(inv.entities[1].where.str() == (dir() / "good.yaml").string() + ":14:5");
}

TEST_CASE("inventory loader keeps every row: 4 YAML rows then 7 CSV lines make 11 rows, in input order") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  // good.yaml has 4 rows under `activities`; csv/good_rows.csv has a header and 7 data lines.
  REQUIRE(inv.activities.size() == 4u + 7u);
  const std::vector<std::string> ids = {"y-gas", "y-elec", "y-neg", "y-factor", "c-rail", "c-waste",
                                        "c-neg", "c-nounit", "c-text", "c-year", "c-short"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CAPTURE(i);
    CHECK(inv.activities[i].index == i);
    CHECK(inv.activities[i].id == ids[i]);
  }
  // Positions: YAML rows by line:column of their mapping, CSV rows by file:line (the header is line 1).
  const std::string yaml = (dir() / "good.yaml").string();
  const std::string csv = (dir() / "csv" / "good_rows.csv").string();
  CHECK(inv.activities[0].where.str() == yaml + ":16:5");
  CHECK(inv.activities[3].where.str() == yaml + ":20:5");
  CHECK(inv.activities[4].where.str() == csv + ":2");
  CHECK(inv.activities[10].where.str() == csv + ":8");
}

TEST_CASE("inventory loader reads every field of a YAML row") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  const activity_record& gas = inv.activities[0];
  CHECK(gas.entity == "hq");
  CHECK(gas.activity == "fuel.natural_gas");
  CHECK(gas.factor.empty());
  CHECK(gas.amount == exactly(1200.5));
  CHECK(gas.unit == "kWh");
  CHECK(gas.region == "FR");  // the inventory's default region
  CHECK(gas.year == 2022);
  CHECK(gas.basis == "net_cv");
  CHECK_FALSE(gas.scope.has_value());
  CHECK_FALSE(gas.category.has_value());
  CHECK(gas.data_quality == "measured");
  CHECK(gas.uncertainty.known());
  CHECK(gas.uncertainty.minus_pct == exactly(5.0));
  CHECK(gas.uncertainty.plus_pct == exactly(5.0));
  CHECK(gas.notes == "meter readings");
  CHECK(gas.problem.empty());

  const activity_record& elec = inv.activities[1];
  CHECK(elec.entity == "plant");
  CHECK(elec.region == "DE");  // the row's own region wins over the default
  CHECK(elec.amount == exactly(3.0));
  CHECK(elec.unit == "MWh");  // kept as written: converted at calculation
  CHECK_FALSE(elec.year.has_value());
  CHECK_FALSE(elec.uncertainty.known());

  const activity_record& by_factor = inv.activities[3];
  CHECK(by_factor.activity.empty());
  CHECK(by_factor.factor == "inv.waste.landfill.FR.2023");
  CHECK(by_factor.scope == 3);
  CHECK(by_factor.category == 12);
}

TEST_CASE("inventory loader reads CSV rows with the file's entity and region as defaults") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  const activity_record& rail = inv.activities[4];
  CHECK(rail.entity == "hq");  // the row's own entity
  CHECK(rail.region == "FR");  // the row's own region
  CHECK(rail.activity == "travel.rail");
  CHECK(rail.amount == exactly(1500.0));
  CHECK(rail.unit == "passenger.km");
  CHECK(rail.notes == "Paris, Lyon and back");  // a quoted field with a comma
  CHECK(rail.problem.empty());

  const activity_record& waste = inv.activities[5];
  CHECK(waste.entity == "plant");  // activity_files: {entity: plant}
  CHECK(waste.region == "DE");     // activity_files: {region: DE}
  CHECK(waste.year == 2023);
  CHECK(waste.category == 5);
  CHECK(waste.amount == exactly(0.5));
  CHECK(waste.notes.empty());
  CHECK(waste.problem.empty());
}

TEST_CASE("inventory loader keeps bad rows with their problem: negative, non-numeric, no unit, bad year, short") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  REQUIRE(inv.activities.size() == 11u);
  // YAML: amount -4.
  CHECK(inv.activities[2].problem == "field 'amount': found '-4', expected a finite number >= 0");
  // CSV lines 4 to 8.
  CHECK(inv.activities[6].problem == "field 'amount': found '-3', expected a finite number >= 0");
  CHECK(inv.activities[7].problem == "field 'unit': found nothing, expected the unit of the amount, such as 'kWh'");
  CHECK(inv.activities[8].problem == "field 'amount': found 'thirty', expected a finite number >= 0");
  CHECK(inv.activities[9].problem == "field 'year': found '1850', expected a whole number from 1900 to 2100");
  CHECK(inv.activities[10].problem == "5 fields where the header has 9");
  // The bad rows keep what could be read, to be listed in the report.
  CHECK(inv.activities[7].id == "c-nounit");
  CHECK(inv.activities[7].amount == exactly(30.0));
  CHECK(inv.activities[9].notes == "year out of range");
  std::size_t bad = 0;
  for (const auto& a : inv.activities) bad += a.problem.empty() ? 0u : 1u;
  CHECK(bad == 6u);
}

TEST_CASE("inventory loader reads certificates in kWh and supplier rates") {
  const inventory inv = load_inventory(dir() / "good.yaml");
  REQUIRE(inv.certificates.size() == 2u);
  const auto& go = inv.certificates[0];
  CHECK(go.id == "go-1");
  CHECK(go.type == "GO");
  CHECK(go.entity == "plant");
  CHECK(go.volume_kwh == exactly(2000.0));  // 2 MWh, the default unit
  CHECK(go.vintage == 2023);
  CHECK(go.market == "DE");
  CHECK(go.technology == "wind");
  CHECK(go.kg_co2e_per_kwh == exactly(0.0));  // default: renewable
  const auto& ppa = inv.certificates[1];
  CHECK(ppa.entity.empty());                    // any entity of the boundary
  CHECK(ppa.volume_kwh == exactly(1'000'000.0));  // 3600 GJ = 3.6e12 J / 3.6e6 J per kWh
  CHECK(ppa.market == "FRDE");
  CHECK(ppa.kg_co2e_per_kwh == exactly(0.01));
  REQUIRE(inv.supplier_rates.size() == 1u);
  const auto& s = inv.supplier_rates[0];
  CHECK(s.entity == "hq");
  CHECK(s.supplier == "Enercoop");
  CHECK(s.region == "FR");
  CHECK(s.kg_co2e_per_kwh == exactly(0.02));
  CHECK(s.source == "supplier disclosure 2023");
}

TEST_CASE("inventory loader leaves the entity empty when the inventory has several and the row names none") {
  temp_dir tmp("no-entity");
  const inventory inv = load_inventory(tmp.write("inventory.yaml",
                                                 "schema: ghgkit.inventory/1\n"
                                                 "organisation: Two Entities\n"
                                                 "year: 2023\n"
                                                 "entities: [{id: a}, {id: b, parent: a}]\n"
                                                 "activities:\n"
                                                 "  - {activity: fuel.diesel, amount: 1, unit: L}\n"));
  REQUIRE(inv.activities.size() == 1u);
  CHECK(inv.activities[0].entity.empty());  // the calculation skips it and says why
  CHECK(inv.activities[0].problem.empty());
  CHECK(inv.consolidation == consolidation_approach::operational_control);  // the default approach
  CHECK(inv.gwp == "AR6");                                                   // the default GWP set
  CHECK_FALSE(inv.allow_later_years);
}

// ---------------------------------------------------------------------------------------------------
// Structural errors: one bad fixture each, with its exact message.

TEST_CASE("inventory loader: every bad inventory fixture on disk has an expected message and a test") {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(dir())) {
    const std::string name = entry.path().stem().string();
    if (name.rfind("bad_", 0) == 0 && entry.path().extension() == ".yaml") on_disk.insert(name);
  }
  CHECK(on_disk == kBadFixtures);
  for (const auto& name : on_disk) {
    CAPTURE(name);
    CHECK(fs::is_regular_file(dir() / (name + ".expected")));
  }
}

TEST_CASE("inventory loader refuses a wrong schema") { check_bad_fixture("bad_wrong_schema"); }
TEST_CASE("inventory loader refuses an unknown top-level key") { check_bad_fixture("bad_unknown_key"); }
TEST_CASE("inventory loader refuses an entity whose parent is not an entity") { check_bad_fixture("bad_unknown_parent"); }
TEST_CASE("inventory loader refuses a duplicate entity id") { check_bad_fixture("bad_duplicate_entity"); }
TEST_CASE("inventory loader refuses an unknown consolidation approach") { check_bad_fixture("bad_consolidation"); }
TEST_CASE("inventory loader refuses an unknown CSV column") { check_bad_fixture("bad_unknown_csv_column"); }
TEST_CASE("inventory loader refuses a CSV field whose quote is never closed") { check_bad_fixture("bad_unterminated_quote"); }
TEST_CASE("inventory loader refuses a missing CSV file") { check_bad_fixture("bad_missing_csv"); }
TEST_CASE("inventory loader refuses a certificate whose unit is not an energy") { check_bad_fixture("bad_certificate_unit"); }

TEST_CASE("inventory loader refuses an empty list of entities") {
  // BUG (src/activity/inventory_loader.cpp, read_entities): `entities: []` passes, although the
  // message for a missing list says "a list of entities (at least one)"; every row is then skipped
  // with "no entity: name one (the inventory has several)", which is wrong (it has none).
  temp_dir tmp("no-entities");
  const fs::path file = tmp.write("inventory.yaml",
                                  "schema: ghgkit.inventory/1\n"
                                  "organisation: Nobody\n"
                                  "year: 2023\n"
                                  "entities: []\n"
                                  "activities:\n"
                                  "  - {activity: fuel.diesel, amount: 1, unit: L}\n");
  CHECK_THROWS_AS((void)load_inventory(file), input_error);
}

TEST_CASE("inventory loader refuses a CSV file without an amount or unit column") {
  // BUG (src/activity/inventory_loader.cpp, read_csv_activities): only unknown columns are refused.
  // A file without the required `amount` (or `unit`, or both `activity` and `factor`) column is
  // read, and every one of its rows is kept with "field 'amount': found '', ...". STYLE.md, Errors:
  // "Only structural problems (a missing column, a wrong type) throw."
  temp_dir tmp("missing-column");
  tmp.write("data.csv", "activity,unit\nfuel.diesel,L\nfuel.diesel,L\n");
  CHECK_THROWS_AS((void)load_inventory(tmp.write("inventory.yaml", kCsvInventory)), input_error);
  tmp.write("data.csv", "activity,amount\nfuel.diesel,3\n");
  CHECK_THROWS_AS((void)load_inventory(tmp.write("inventory.yaml", kCsvInventory)), input_error);
}

TEST_CASE("inventory loader refuses a CSV column given twice") {
  // BUG (src/activity/inventory_loader.cpp, read_csv_activities): a header naming a column twice is
  // accepted and the second column's values are dropped without a word (here amount 20 is lost and
  // the row is computed with 10). A repeated key in YAML is refused ("each key once per mapping");
  // a repeated CSV column should be too: typos never drop data.
  temp_dir tmp("duplicate-column");
  tmp.write("data.csv", "activity,amount,unit,amount\nfuel.diesel,10,L,20\n");
  CHECK_THROWS_AS((void)load_inventory(tmp.write("inventory.yaml", kCsvInventory)), input_error);
}

TEST_CASE("inventory loader refuses an empty CSV file, naming it") {
  temp_dir tmp("empty-csv");
  const std::string expected = (tmp.path() / "data.csv").string() + ": empty CSV file: expected a header line";
  CHECK_THROWS_WITH_AS((void)load_csv(tmp, ""), expected.c_str(), input_error);
  CHECK_THROWS_WITH_AS((void)load_csv(tmp, "\r\n\n"), expected.c_str(), input_error);  // blank lines only
}

// ---------------------------------------------------------------------------------------------------
// The CSV reader, through the loader.

TEST_CASE("inventory CSV: quoted fields keep commas, doubled quotes and line breaks") {
  temp_dir tmp("quotes");
  const inventory inv = load_csv(tmp,
                                 "id,activity,amount,unit,notes\n"
                                 "\"a,1\",fuel.diesel,\"12.5\",L,\"Lyon, \"\"Part-Dieu\"\" station\"\n"
                                 "b,fuel.diesel,1,L,\"two\nlines\"\n"
                                 "c,fuel.diesel,2,L,\"\"\n"
                                 "d,fuel.diesel,3,L,say \"hi\"\n");
  REQUIRE(inv.activities.size() == 4u);
  CHECK(inv.activities[0].id == "a,1");
  CHECK(inv.activities[0].amount == exactly(12.5));  // a quoted number is a number
  CHECK(inv.activities[0].notes == "Lyon, \"Part-Dieu\" station");
  CHECK(inv.activities[0].problem.empty());
  CHECK(inv.activities[1].notes == "two\nlines");
  CHECK(inv.activities[1].where.str() == csv_where(tmp, 3));
  CHECK(inv.activities[2].where.str() == csv_where(tmp, 5));  // the line break inside the quotes counts
  CHECK(inv.activities[2].notes.empty());
  CHECK(inv.activities[3].notes == "say \"hi\"");  // a quote inside an unquoted field is kept as written
  for (const auto& a : inv.activities) CHECK(a.problem.empty());
}

TEST_CASE("inventory CSV: CRLF line endings leave no carriage return in the last field") {
  temp_dir tmp("crlf");
  const inventory inv = load_csv(tmp,
                                 "id,activity,amount,unit\r\n"
                                 "a,fuel.diesel,10,L\r\n"
                                 "b,electricity.grid,20,kWh\r\n");
  REQUIRE(inv.activities.size() == 2u);
  CHECK(inv.activities[0].unit == "L");
  CHECK(inv.activities[1].unit == "kWh");
  CHECK(inv.activities[1].amount == exactly(20.0));
  CHECK(inv.activities[0].where.str() == csv_where(tmp, 2));
  CHECK(inv.activities[1].where.str() == csv_where(tmp, 3));
  for (const auto& a : inv.activities) CHECK(a.problem.empty());
}

TEST_CASE("inventory CSV: a UTF-8 byte order mark before the header is ignored") {
  temp_dir tmp("bom");
  // Without the BOM removed, the first column would be "\xEF\xBB\xBFid", an unknown column.
  const inventory inv = load_csv(tmp, "\xEF\xBB\xBFid,activity,amount,unit\na,fuel.diesel,10,L\n");
  REQUIRE(inv.activities.size() == 1u);
  CHECK(inv.activities[0].id == "a");
  CHECK(inv.activities[0].problem.empty());
}

TEST_CASE("inventory CSV: blank lines are not rows, and positions stay the file's line numbers") {
  temp_dir tmp("blank");
  const inventory inv = load_csv(tmp,
                                 "\xEF\xBB\xBFid,activity,amount,unit\r\n"
                                 "\r\n"
                                 "a,fuel.diesel,10,L\r\n"
                                 "\r\n"
                                 "\r\n"
                                 "b,fuel.diesel,20,L\r\n"
                                 "\n"
                                 "c,fuel.diesel,30,L");  // no newline at the end
  REQUIRE(inv.activities.size() == 3u);
  CHECK(inv.activities[0].where.str() == csv_where(tmp, 3));
  CHECK(inv.activities[1].where.str() == csv_where(tmp, 6));
  CHECK(inv.activities[2].where.str() == csv_where(tmp, 8));
  CHECK(inv.activities[2].unit == "L");
  CHECK(inv.activities[2].amount == exactly(30.0));
  for (const auto& a : inv.activities) CHECK(a.problem.empty());
}

TEST_CASE("inventory CSV: a header only gives no rows, and a line of empty fields is a kept bad row") {
  temp_dir tmp("header-only");
  CHECK(load_csv(tmp, "id,activity,amount,unit\n").activities.empty());
  const inventory inv = load_csv(tmp, "id,activity,amount,unit\n,,,\n");
  REQUIRE(inv.activities.size() == 1u);
  CHECK(inv.activities[0].problem == "field 'activity': found nothing, expected an activity path or a factor id");
}
