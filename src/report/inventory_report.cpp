#include "ghgkit/report/inventory_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

namespace ghgkit {
inline namespace v0 {
namespace {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
  }
  return out + "\"";
}

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("null"); }

template <class T>
std::string json_optional(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string("null");
}

std::string total_json(const inventory_total& t) {
  return fmt::format("{{\"co2e_kg\": {}, \"rows\": {}, \"rows_with_uncertainty\": {}, \"pct95\": {}}}",
                     json_number(t.co2e_kg), t.rows, t.rows_with_uncertainty, json_number(t.pct95));
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string tonnes(double kg) { return fmt::format("{:>14.3f}", kg / 1000.0); }

std::string with_interval(const inventory_total& t) {
  if (t.rows_with_uncertainty == 0) return fmt::format("{} t   (uncertainty unknown)", tonnes(t.co2e_kg));
  return fmt::format("{} t   +/- {:.1f}% (95%, {} of {} rows)", tonnes(t.co2e_kg), t.pct95, t.rows_with_uncertainty, t.rows);
}

std::set<int> categories(const inventory_result& r) {
  std::set<int> out;
  for (const auto& row : r.rows) {
    if (row.scope == 3 && row.category) out.insert(*row.category);
  }
  return out;
}

}  // namespace

std::string to_text(const inventory_result& r) {
  std::string s = fmt::format("GHG inventory: {}, {} ({}, GWP-100 {})\n", r.organisation, r.year, to_string(r.consolidation), r.gwp);
  s += fmt::format("{:-<78}\n", "");
  s += fmt::format("Scope 1                             {}\n", with_interval(r.total(1)));
  s += fmt::format("Scope 2, location-based             {}\n", with_interval(r.total(2, std::nullopt, scope2_method::location)));
  s += fmt::format("Scope 2, market-based               {}\n", with_interval(r.total(2, std::nullopt, scope2_method::market)));
  s += fmt::format("Scope 3                             {}\n", with_interval(r.total(3)));
  for (int c : categories(r)) s += fmt::format("  category {:<2}                       {}\n", c, with_interval(r.total(3, c)));
  const auto uncategorised = r.total(3).co2e_kg - [&] { double x = 0; for (int c : categories(r)) x += r.total(3, c).co2e_kg; return x; }();
  if (std::abs(uncategorised) > 0.0) s += fmt::format("  no category                       {} t\n", tonnes(uncategorised));
  s += fmt::format("{:-<78}\n", "");
  s += fmt::format("Total (scope 2 location-based)      {}\n", with_interval(r.total(std::nullopt, std::nullopt, scope2_method::location)));
  s += fmt::format("Total (scope 2 market-based)        {}\n", with_interval(r.total(std::nullopt, std::nullopt, scope2_method::market)));
  s += fmt::format("Biogenic CO2 (outside the scopes)   {} t\n", tonnes(r.biogenic_co2_kg()));
  for (const auto& d : r.denominators) {
    s += fmt::format("Intensity ({}): {:.6g} t CO2e per {} (location), {:.6g} (market)\n", d.name,
                     r.total_kg() / 1000.0 / d.value, d.unit,
                     r.total_kg(std::nullopt, std::nullopt, scope2_method::market) / 1000.0 / d.value);
  }
  s += "\nScopes 1 and 2 by gas (t):";
  for (int scope : {1, 2}) {
    for (const auto& g : r.gases_kg(scope)) s += fmt::format("  scope {} {} {:.4f}", scope, g.gas, g.kg / 1000.0);
  }
  s += "\n";
  s += fmt::format("\nRows: {} input = {} computed + {} skipped", r.input_rows, r.computed_input_rows(), r.skipped.size());
  if (const std::size_t derived = r.rows.size() - r.computed_input_rows(); derived > 0) {
    s += fmt::format("; {} category 3 rows derived from them", derived);
  }
  s += "\n";
  for (const auto& k : r.skipped) s += fmt::format("  skipped {} ({}): {}\n", k.where.str(), k.activity, k.reason);
  std::set<std::string> shown;
  for (const auto& w : r.warnings) {
    if (shown.insert(w).second) s += fmt::format("  note: {}\n", w);
  }
  s += fmt::format("\nFactor database {}  ghgkit {}\n", r.database_hash, r.ghgkit_version);
  return s;
}

std::string to_json(const inventory_result& r) {
  std::string s = "{\n";
  s += fmt::format("  \"schema\": {},\n", json_string(inventory_json_schema));
  s += fmt::format("  \"ghgkit_version\": {},\n  \"database_hash\": {},\n", json_string(r.ghgkit_version), json_string(r.database_hash));
  s += fmt::format("  \"inventory\": {{\"file\": {}, \"organisation\": {}, \"year\": {}, \"base_year\": {}, \"gwp\": {}, "
                   "\"consolidation\": {}}},\n",
                   json_string(r.inventory_file), json_string(r.organisation), r.year, json_optional(r.base_year),
                   json_string(r.gwp), json_string(to_string(r.consolidation)));
  s += "  \"totals\": {\n";
  s += fmt::format("    \"scope1\": {},\n", total_json(r.total(1)));
  s += fmt::format("    \"scope2_location\": {},\n", total_json(r.total(2, std::nullopt, scope2_method::location)));
  s += fmt::format("    \"scope2_market\": {},\n", total_json(r.total(2, std::nullopt, scope2_method::market)));
  s += fmt::format("    \"scope3\": {},\n", total_json(r.total(3)));
  s += "    \"scope3_categories\": {";
  bool first = true;
  for (int c : categories(r)) {
    s += fmt::format("{}\"{}\": {}", first ? "" : ", ", c, total_json(r.total(3, c)));
    first = false;
  }
  s += "},\n";
  s += fmt::format("    \"total_location\": {},\n", total_json(r.total(std::nullopt, std::nullopt, scope2_method::location)));
  s += fmt::format("    \"total_market\": {},\n", total_json(r.total(std::nullopt, std::nullopt, scope2_method::market)));
  s += fmt::format("    \"biogenic_co2_kg\": {}\n  }},\n", json_number(r.biogenic_co2_kg()));
  s += "  \"intensity\": [";
  for (std::size_t i = 0; i < r.denominators.size(); ++i) {
    const auto& d = r.denominators[i];
    s += fmt::format("{}{{\"name\": {}, \"value\": {}, \"unit\": {}, \"kg_co2e_per_unit_location\": {}, "
                     "\"kg_co2e_per_unit_market\": {}}}",
                     i ? ", " : "", json_string(d.name), json_number(d.value), json_string(d.unit),
                     json_number(r.total_kg() / d.value),
                     json_number(r.total_kg(std::nullopt, std::nullopt, scope2_method::market) / d.value));
  }
  s += "],\n";
  s += fmt::format("  \"rows_input\": {}, \"rows_computed\": {}, \"rows_skipped\": {}, \"rows_derived\": {},\n", r.input_rows,
                   r.computed_input_rows(), r.skipped.size(), r.rows.size() - r.computed_input_rows());
  s += "  \"rows\": [\n";
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    const auto& p = row.result.provenance;
    std::string gases;
    for (const auto& g : row.gases_kg) gases += fmt::format("{}{}: {}", gases.empty() ? "" : ", ", json_string(g.gas), json_number(g.kg));
    std::string steps;
    for (const auto& m : row.market_steps) {
      steps += fmt::format("{}{{\"kind\": {}, \"instrument\": {}, \"kwh\": {}, \"kg_per_kwh\": {}, \"co2e_kg\": {}}}",
                           steps.empty() ? "" : ", ", json_string(m.kind), json_string(m.instrument), json_number(m.kwh),
                           json_number(m.kg_per_kwh), json_number(m.co2e_kg));
    }
    std::string fallbacks;
    for (const auto& f : p.fallbacks) {
      fallbacks += fmt::format("{}{{\"kind\": {}, \"from\": {}, \"to\": {}}}", fallbacks.empty() ? "" : ", ",
                               json_string(f.kind), json_string(f.from), json_string(f.to));
    }
    auto strings = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& x : list) out += fmt::format("{}{}", out.empty() ? "" : ", ", json_string(x));
      return out;
    };
    s += fmt::format(
        "    {{\"row\": {}, \"derived_from\": {}, \"id\": {}, \"input\": {}, \"entity\": {}, \"activity\": {}, \"scope\": {}, \"category\": {}, "
        "\"amount\": {}, \"unit\": {}, \"share\": {}, \"co2e_kg\": {}, \"co2e_market_kg\": {}, \"gases_kg\": {{{}}}, "
        "\"biogenic_co2_kg\": {}, \"factor_id\": {}, \"source\": {}, \"region\": {}, \"year\": {}, \"fallbacks\": [{}], "
        "\"market_steps\": [{}], \"conversions\": [{}], \"warnings\": [{}], \"uncertainty_pct95\": {}}}{}\n",
        row.index + 1, row.derived_from ? fmt::format("{}", *row.derived_from + 1) : "null", json_string(row.id),
        json_string(row.where.str()), json_string(row.entity), json_string(row.activity),
        row.scope, json_optional(row.category), json_number(p.amount), json_string(p.amount_unit), json_number(row.share),
        json_number(row.co2e_kg), row.co2e_market_kg ? json_number(*row.co2e_market_kg) : "null", gases,
        json_number(row.biogenic_co2_kg), json_string(p.factor_id), json_string(p.source_id), json_string(p.region_used),
        p.year_used, fallbacks, steps, strings(p.conversions), strings(p.warnings),
        row.result.uncertainty.known() ? json_number(std::max(row.result.uncertainty.minus_pct, row.result.uncertainty.plus_pct)) : "null",
        i + 1 < r.rows.size() ? "," : "");
  }
  s += "  ],\n  \"skipped\": [\n";
  for (std::size_t i = 0; i < r.skipped.size(); ++i) {
    const auto& k = r.skipped[i];
    s += fmt::format("    {{\"row\": {}, \"id\": {}, \"input\": {}, \"activity\": {}, \"reason\": {}}}{}\n", k.index + 1,
                     json_string(k.id), json_string(k.where.str()), json_string(k.activity), json_string(k.reason),
                     i + 1 < r.skipped.size() ? "," : "");
  }
  s += "  ],\n  \"warnings\": [";
  std::set<std::string> shown;
  first = true;
  for (const auto& w : r.warnings) {
    if (!shown.insert(w).second) continue;
    s += fmt::format("{}{}", first ? "" : ", ", json_string(w));
    first = false;
  }
  s += "]\n}\n";
  return s;
}

std::string to_csv(const inventory_result& r) {
  std::string s = "row,input,id,entity,activity,scope,category,amount,unit,share,co2e_kg,co2e_market_kg,biogenic_co2_kg,"
                  "factor_id,source,region,year,status,reason,database_hash,ghgkit_version\n";
  for (const auto& row : r.rows) {
    const auto& p = row.result.provenance;
    s += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},,{},{}\n", row.index + 1,
                     csv_field(row.where.str()), csv_field(row.id), csv_field(row.entity), csv_field(row.activity), row.scope,
                     json_optional(row.category) == "null" ? "" : json_optional(row.category), p.amount, csv_field(p.amount_unit),
                     row.share, row.co2e_kg, row.co2e_market_kg ? fmt::format("{}", *row.co2e_market_kg) : "",
                     row.biogenic_co2_kg, csv_field(p.factor_id), csv_field(p.source_id), csv_field(p.region_used), p.year_used,
                     row.derived_from ? "derived" : "computed", r.database_hash, r.ghgkit_version);
  }
  for (const auto& k : r.skipped) {
    s += fmt::format("{},{},{},,{},,,,,,,,,,,,,skipped,{},{},{}\n", k.index + 1, csv_field(k.where.str()), csv_field(k.id),
                     csv_field(k.activity), csv_field(k.reason), r.database_hash, r.ghgkit_version);
  }
  return s;
}

}  // namespace v0
}  // namespace ghgkit
