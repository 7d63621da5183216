// ghgkit/report/inventory_report.hpp: the text, JSON and CSV renderings of an inventory result, on
// tests/cpp/fixtures/inventory/compute.yaml computed with tests/cpp/fixtures/inventory/db (15 input
// rows: 11 computed, 4 skipped; its organisation name holds a quote and a backslash to exercise the
// escaping). The JSON is read back with the small parser below, not by searching the text.
// Every test name starts with "inventory".

#include "ghgkit/report/inventory_report.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "ghgkit/calc/inventory_calc.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::inventory_result;
using ghgkit::scope2_method;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

fs::path dir() { return ghgkit_test::fixtures() / "inventory"; }

inventory_result computed() {
  const auto db = ghgkit::factor_database::load({dir() / "db"});
  return ghgkit::compute_inventory(ghgkit::load_inventory(dir() / "compute.yaml"), db);
}

// ---- A strict JSON reader (RFC 8259), enough to check the output and read values back. ----------
struct json {
  enum class kind { null, boolean, number, string, array, object } type = kind::null;
  bool b = false;
  double n = 0.0;
  std::string s;
  std::vector<json> items;
  std::vector<std::pair<std::string, json>> members;

  [[nodiscard]] const json& operator[](const std::string& key) const {
    if (type != kind::object) throw std::runtime_error("not an object looking up " + key);
    for (const auto& [k, v] : members) {
      if (k == key) return v;
    }
    throw std::runtime_error("no member " + key);
  }
  [[nodiscard]] bool has(const std::string& key) const {
    for (const auto& [k, v] : members) {
      if (k == key) return true;
    }
    return false;
  }
};

class json_parser {
 public:
  explicit json_parser(const std::string& text) : t_(text) {}
  json parse() {
    json v = value();
    space();
    if (i_ != t_.size()) fail("text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("invalid JSON at offset " + std::to_string(i_) + ": " + what);
  }
  void space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  void expect(char c) {
    space();
    if (i_ >= t_.size() || t_[i_] != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  bool literal(const std::string& word) {
    if (t_.compare(i_, word.size(), word) != 0) return false;
    i_ += word.size();
    return true;
  }
  json value() {
    space();
    if (i_ >= t_.size()) fail("end of text");
    json v;
    const char c = t_[i_];
    if (c == '{') {
      v.type = json::kind::object;
      ++i_;
      space();
      if (i_ < t_.size() && t_[i_] == '}') { ++i_; return v; }
      for (;;) {
        space();
        std::string key = string();
        for (const auto& [k, _] : v.members) {
          if (k == key) fail("duplicate key " + key);
        }
        expect(':');
        v.members.emplace_back(std::move(key), value());
        space();
        if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.type = json::kind::array;
      ++i_;
      space();
      if (i_ < t_.size() && t_[i_] == ']') { ++i_; return v; }
      for (;;) {
        v.items.push_back(value());
        space();
        if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.type = json::kind::string;
      v.s = string();
      return v;
    }
    if (literal("null")) return v;
    if (literal("true")) { v.type = json::kind::boolean; v.b = true; return v; }
    if (literal("false")) { v.type = json::kind::boolean; return v; }
    v.type = json::kind::number;
    v.n = number();
    return v;
  }
  std::string string() {
    if (i_ >= t_.size() || t_[i_] != '"') fail("expected a string");
    ++i_;
    std::string out;
    while (i_ < t_.size() && t_[i_] != '"') {
      const char c = t_[i_++];
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') { out += c; continue; }
      if (i_ >= t_.size()) fail("end of text in an escape");
      const char e = t_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (i_ + 4 > t_.size()) fail("short \\u escape");
          const unsigned long code = std::stoul(t_.substr(i_, 4), nullptr, 16);
          i_ += 4;
          if (code >= 0x80) fail("\\u escapes above ASCII are not needed by these tests");
          out += static_cast<char>(code);
          break;
        }
        default: fail("bad escape");
      }
    }
    if (i_ >= t_.size()) fail("unterminated string");
    ++i_;
    return out;
  }
  double number() {
    const std::size_t start = i_;
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    const auto digits = [&] {
      const std::size_t from = i_;
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
      return i_ - from;
    };
    if (i_ < t_.size() && t_[i_] == '0') {
      ++i_;
    } else if (digits() == 0) {
      fail("expected a value");
    }
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      if (digits() == 0) fail("digits expected after '.'");
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (digits() == 0) fail("digits expected in the exponent");
    }
    return std::strtod(t_.substr(start, i_ - start).c_str(), nullptr);
  }

  const std::string& t_;
  std::size_t i_ = 0;
};

json parse_json(const std::string& text) { return json_parser(text).parse(); }

// The first line of `text` that starts with `prefix`, or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (text.compare(at, prefix.size(), prefix) == 0) return text.substr(at, end - at);
    at = end + 1;
  }
  return {};
}

// ---- CSV records (RFC 4180 quoting), to count lines by record and not by newline. --------------
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(field);
    records.push_back(record);
  }
  return records;
}

}  // namespace

TEST_CASE("inventory report: the JSON parses, with the schema, the inventory and the database hash") {
  const auto r = computed();
  const std::string text = ghgkit::to_json(r);
  json j;
  REQUIRE_NOTHROW(j = parse_json(text));
  CHECK(j.type == json::kind::object);
  CHECK(j["schema"].s == "ghgkit.inventory-result/1");
  CHECK(j["schema"].s == ghgkit::inventory_json_schema);
  CHECK(j["database_hash"].s == r.database_hash);
  CHECK(j["database_hash"].s.size() == 64u);
  CHECK(j["ghgkit_version"].s == r.ghgkit_version);
  const json& inv = j["inventory"];
  CHECK(inv["organisation"].s == "Compute \"Test\" SA \\ Lyon");  // escaped and read back
  CHECK(inv["file"].s == (dir() / "compute.yaml").string());
  CHECK(inv["year"].n == 2023.0);
  CHECK(inv["base_year"].type == json::kind::null);
  CHECK(inv["gwp"].s == "AR6");
  CHECK(inv["consolidation"].s == "equity_share");
}

TEST_CASE("inventory report: the JSON totals are the result's totals") {
  const auto r = computed();
  const json j = parse_json(ghgkit::to_json(r));
  const json& t = j["totals"];
  using M = scope2_method;
  CHECK(t["scope1"]["co2e_kg"].n == exactly(r.total_kg(1)));
  CHECK(t["scope1"]["co2e_kg"].n == exactly(4915.7896));  // see tests/cpp/calc/test_inventory_calc.cpp
  CHECK(t["scope1"]["rows"].n == 3.0);
  CHECK(t["scope1"]["rows_with_uncertainty"].n == 1.0);
  CHECK(t["scope1"]["pct95"].n == exactly(5.0));
  CHECK(t["scope2_location"]["co2e_kg"].n == exactly(r.total_kg(2, std::nullopt, M::location)));
  CHECK(t["scope2_market"]["co2e_kg"].n == exactly(r.total_kg(2, std::nullopt, M::market)));
  CHECK(t["scope3"]["co2e_kg"].n == exactly(r.total_kg(3)));
  CHECK(t["scope3"]["co2e_kg"].n == exactly(1295.43));
  const json& cats = t["scope3_categories"];
  CHECK(cats.members.size() == 5u);  // 1, 3, 5, 6, 12
  for (int c : {1, 3, 5, 6, 12}) {
    CAPTURE(c);
    CHECK(cats[std::to_string(c)]["co2e_kg"].n == exactly(r.total_kg(3, c)));
  }
  CHECK(cats["12"]["co2e_kg"].n == exactly(1100.0));
  CHECK(t["total_location"]["co2e_kg"].n == exactly(r.total_kg()));
  CHECK(t["total_location"]["co2e_kg"].n == exactly(6881.2196));
  CHECK(t["total_market"]["co2e_kg"].n == exactly(r.total_kg(std::nullopt, std::nullopt, M::market)));
  CHECK(t["biogenic_co2_kg"].n == exactly(0.0));
  CHECK(j["rows_input"].n == 15.0);
  CHECK(j["rows_computed"].n == 11.0);
  CHECK(j["rows_skipped"].n == 4.0);
}

TEST_CASE("inventory report: every JSON row carries its input position and factor id, and adds up to the totals") {
  const auto r = computed();
  const json j = parse_json(ghgkit::to_json(r));
  const json& rows = j["rows"];
  REQUIRE(rows.items.size() == r.rows.size());
  double sum = 0.0;
  std::set<double> positions;
  for (std::size_t i = 0; i < rows.items.size(); ++i) {
    CAPTURE(i);
    const json& x = rows.items[i];
    const auto& row = r.rows[i];
    CHECK(x["row"].n == static_cast<double>(row.index + 1));  // 1-based input position
    CHECK(x["input"].s == row.where.str());
    CHECK(x["input"].s.rfind((dir() / "compute.yaml").string() + ":", 0) == 0);
    CHECK(x["factor_id"].s == row.result.provenance.factor_id);
    CHECK_FALSE(x["factor_id"].s.empty());
    CHECK(x["id"].s == row.id);
    CHECK(x["scope"].n == static_cast<double>(row.scope));
    CHECK(x["share"].n == exactly(row.share));
    CHECK(x["co2e_kg"].n == exactly(row.co2e_kg));
    CHECK(x["source"].s == "inv-src");
    sum += x["co2e_kg"].n;
    positions.insert(x["row"].n);
  }
  CHECK(sum == exactly(j["totals"]["total_location"]["co2e_kg"].n));
  CHECK(positions.size() == r.rows.size());
  // One row in full: elec-depot, the 5th input row (DE, depot at 30%).
  const json& depot = rows.items[4];
  CHECK(depot["id"].s == "elec-depot");
  CHECK(depot["row"].n == 5.0);
  CHECK(depot["input"].s == (dir() / "compute.yaml").string() + ":19:5");
  CHECK(depot["entity"].s == "depot");
  CHECK(depot["activity"].s == "electricity.grid");
  CHECK(depot["category"].type == json::kind::null);
  CHECK(depot["amount"].n == exactly(1000.0));
  CHECK(depot["unit"].s == "kWh");
  CHECK(depot["share"].n == exactly(0.3));
  CHECK(depot["co2e_kg"].n == exactly(120.0));
  CHECK(depot["co2e_market_kg"].n == exactly(120.0));
  CHECK(depot["factor_id"].s == "inv.electricity.grid.DE.2023");
  CHECK(depot["region"].s == "DE");
  CHECK(depot["year"].n == 2023.0);
  REQUIRE(depot["market_steps"].items.size() == 1u);
  CHECK(depot["market_steps"].items[0]["kind"].s == "grid_average");
  CHECK(depot["market_steps"].items[0]["co2e_kg"].n == exactly(400.0));
  CHECK(depot["uncertainty_pct95"].type == json::kind::null);
  // The gas row: per-gas masses and its uncertainty.
  const json& gas = rows.items[0];
  CHECK(gas["gases_kg"]["CO2"].n == exactly(200.0));
  CHECK(gas["gases_kg"]["CH4"].n == exactly(1.0));
  CHECK(gas["uncertainty_pct95"].n == exactly(5.0));
  CHECK(gas["co2e_market_kg"].type == json::kind::null);
  CHECK(rows.items[7]["category"].n == 12.0);  // waste
}

TEST_CASE("inventory report: the JSON lists every skipped row with its position and reason, and the warnings once") {
  const auto r = computed();
  const json j = parse_json(ghgkit::to_json(r));
  const json& skipped = j["skipped"];
  REQUIRE(skipped.items.size() == 4u);
  for (std::size_t i = 0; i < r.skipped.size(); ++i) {
    CAPTURE(i);
    CHECK(skipped.items[i]["row"].n == static_cast<double>(r.skipped[i].index + 1));
    CHECK(skipped.items[i]["id"].s == r.skipped[i].id);
    CHECK(skipped.items[i]["input"].s == r.skipped[i].where.str());
    CHECK(skipped.items[i]["reason"].s == r.skipped[i].reason);
  }
  CHECK(skipped.items[1]["reason"].s == "no factor for activity 'fuel.natural_gaz'; did you mean: fuel.natural_gas?");
  CHECK(skipped.items[1]["activity"].s == "fuel.natural_gaz");
  std::set<std::string> distinct(r.warnings.begin(), r.warnings.end());
  CHECK(j["warnings"].items.size() == distinct.size());
  for (const auto& w : j["warnings"].items) CHECK(distinct.count(w.s) == 1u);
}

TEST_CASE("inventory report: the CSV has a header and one line per input row, computed or skipped") {
  const auto r = computed();
  const auto records = parse_csv(ghgkit::to_csv(r));
  REQUIRE(records.size() == 1u + 15u);
  const auto& header = records.front();
  REQUIRE(header.size() == 21u);
  CHECK(header[0] == "row");
  CHECK(header[1] == "input");
  CHECK(header[10] == "co2e_kg");
  CHECK(header[13] == "factor_id");
  CHECK(header[17] == "status");
  CHECK(header[18] == "reason");
  std::map<std::string, int> status;
  std::set<std::string> rows;
  double sum = 0.0;
  for (std::size_t i = 1; i < records.size(); ++i) {
    CAPTURE(i);
    const auto& rec = records[i];
    REQUIRE(rec.size() == header.size());
    ++status[rec[17]];
    rows.insert(rec[0]);
    CHECK(rec[19] == r.database_hash);
    CHECK(rec[20] == r.ghgkit_version);
    if (rec[17] == "computed") {
      CHECK_FALSE(rec[13].empty());  // factor id
      sum += std::stod(rec[10]);
    } else {
      CHECK_FALSE(rec[18].empty());  // reason
    }
  }
  CHECK(status["computed"] == 11);
  CHECK(status["skipped"] == 4);
  CHECK(rows.size() == 15u);  // each input position once: 1..15
  CHECK(rows.count("1") == 1u);
  CHECK(rows.count("15") == 1u);
  CHECK(sum == doctest::Approx(6881.2196).epsilon(1e-9));  // the CSV's own numbers add up to the total
}

TEST_CASE("inventory report: the text summary names every skipped row and reconciles the row counts") {
  const auto r = computed();
  const std::string text = ghgkit::to_text(r);
  for (const auto& k : r.skipped) {
    CAPTURE(k.id);
    CHECK(text.find("skipped " + k.where.str() + " (" + k.activity + "): " + k.reason) != std::string::npos);
  }
  CHECK(text.find("Rows: 15 input = 11 computed + 4 skipped") != std::string::npos);
  CHECK(text.find("GHG inventory: Compute \"Test\" SA \\ Lyon, 2023 (equity_share, GWP-100 AR6)") != std::string::npos);
  // Totals in tonnes with three decimals: scope 1 4.916 t, scope 3 1.295 t, total 6.881 t.
  CHECK(line_starting(text, "Scope 1 ").find(" 4.916 t") != std::string::npos);
  CHECK(line_starting(text, "Scope 2, location-based ").find(" 0.670 t") != std::string::npos);
  CHECK(line_starting(text, "Scope 3 ").find(" 1.295 t") != std::string::npos);
  CHECK(line_starting(text, "  category 12 ").find(" 1.100 t") != std::string::npos);
  CHECK(line_starting(text, "Total (scope 2 location-based) ").find(" 6.881 t") != std::string::npos);
  CHECK(text.find(r.database_hash) != std::string::npos);
}

TEST_CASE("inventory report: the text's scopes 1 and 2 by gas line lists the scope 2 gases too") {
  // BUG (src/report/inventory_report.cpp, to_text): under the heading "Scopes 1 and 2 by gas (t):"
  // only r.gases_kg(1) is printed, so scope 2 gases never appear (GHG Protocol Corporate Standard,
  // ch. 9: scopes 1 and 2 are reported per gas). gases_by_scope.yaml: 1000 kWh of FR grid electricity
  // with a per-gas factor (CO2 0.04, CH4 0.0001, N2O 0.00001 kg/kWh): CO2 40 kg = 0.0400 t.
  const auto db = ghgkit::factor_database::load({dir() / "db"});
  const auto r = ghgkit::compute_inventory(ghgkit::load_inventory(dir() / "gases_by_scope.yaml"), db);
  REQUIRE(r.gases_kg(2).size() == 3u);
  const std::string line = line_starting(ghgkit::to_text(r), "Scopes 1 and 2 by gas (t):");
  CHECK(line.find("scope 1 CO2 0.2000") != std::string::npos);  // 1000 kWh x 0.2 kg/kWh
  CHECK(line.find("scope 2") != std::string::npos);
  CHECK(line.find("0.0400") != std::string::npos);  // scope 2 CO2: 1000 x 0.04 = 40 kg
}
