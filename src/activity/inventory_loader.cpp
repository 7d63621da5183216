// Reading an inventory: YAML (schema ghgkit.inventory/1) and the CSV files of bulk rows it names.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "../factors/yaml_reader.hpp"
#include "csv_reader.hpp"
#include "ghgkit/activity/inventory.hpp"
#include "ghgkit/units/unit_registry.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

namespace fs = std::filesystem;
using detail::yaml_document;
using detail::yaml_map;

constexpr std::string_view kSchema = "ghgkit.inventory/1";

consolidation_approach parse_consolidation(const yaml_map& top) {
  const std::string text = top.optional_text("consolidation").value_or("operational_control");
  if (text == "equity_share") return consolidation_approach::equity_share;
  if (text == "financial_control") return consolidation_approach::financial_control;
  if (text == "operational_control") return consolidation_approach::operational_control;
  raise<input_error>(top.at("consolidation"), "consolidation", quote(text),
                     "equity_share, financial_control or operational_control");
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0.0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Values of one activity row, from YAML or CSV: what is wrong is written into `problem`.
struct row_fields {
  std::map<std::string, std::string, std::less<>> values;
  source_location where;
};

constexpr std::array<std::string_view, 4> kFlightFields = {"cabin", "passengers", "round_trip", "radiative_forcing"};

// A flight row: airports instead of an amount (the passenger-km are derived when computing).
template <class Get, class Problem>
void read_flight(activity_record& r, const Get& get, const Problem& problem) {
  flight f;
  f.origin = get("from");
  f.destination = get("to");
  if (f.origin.empty()) problem("from", "nothing", "the IATA or ICAO code of the departure airport");
  if (f.destination.empty()) problem("to", "nothing", "the IATA or ICAO code of the arrival airport");
  if (!r.activity.empty() && r.activity != "travel.air") {
    problem("activity", quote(r.activity), "'travel.air' or nothing on a flight row (the haul band and cabin are derived)");
  }
  if (r.activity.empty()) r.activity = "travel.air";
  for (std::string_view key : {"amount", "unit"}) {
    if (!get(key).empty()) problem(key, quote(get(key)), "nothing on a flight row: 'passengers' counts the travellers");
  }
  if (const std::string c = get("cabin"); !c.empty()) f.cabin = c;
  if (const std::string p = get("passengers"); !p.empty()) {
    const auto v = parse_number(p);
    if (!v || !std::isfinite(*v) || *v <= 0.0) problem("passengers", quote(p), "a number of travellers > 0");
    else f.passengers = *v;
  }
  auto flag = [&](std::string_view key, bool fallback) {
    const std::string text = get(key);
    if (text.empty()) return fallback;
    if (text != "true" && text != "false") problem(key, quote(text), "true or false");
    return text == "true";
  };
  f.round_trip = flag("round_trip", false);
  f.radiative_forcing = flag("radiative_forcing", true);
  r.unit = "passenger.km";
  r.flight = f;
}

activity_record make_record(const row_fields& row, const std::string& default_entity, const std::string& default_region) {
  activity_record r;
  r.where = row.where;
  auto get = [&](std::string_view key) -> std::string {
    auto it = row.values.find(key);
    return it == row.values.end() ? std::string() : it->second;
  };
  auto problem = [&](std::string_view field, std::string_view found, std::string_view expected) {
    if (r.problem.empty()) r.problem = describe_problem({}, field, found, expected);
  };
  r.id = get("id");
  r.entity = get("entity").empty() ? default_entity : get("entity");
  r.factor = get("factor");
  r.activity = get("activity");
  r.unit = get("unit");
  r.region = get("region").empty() ? default_region : get("region");
  r.basis = get("basis");
  r.data_quality = get("data_quality");
  r.notes = get("notes");
  const bool is_flight = !get("from").empty() || !get("to").empty();
  if (is_flight) {
    read_flight(r, get, problem);
  } else {
    for (std::string_view key : kFlightFields) {
      if (!get(key).empty()) problem(key, quote(get(key)), "a flight's field only beside 'from' and 'to' (airport codes)");
    }
    if (r.activity.empty() && r.factor.empty()) problem("activity", "nothing", "an activity path or a factor id");
    const std::string amount = get("amount");
    if (auto v = parse_number(amount); !v || !std::isfinite(*v) || *v < 0.0) {
      problem("amount", quote(amount), "a finite number >= 0");
    } else {
      r.amount = *v;
    }
    if (r.unit.empty()) problem("unit", "nothing", "the unit of the amount, such as 'kWh'");
  }
  auto whole = [&](std::string_view key, int lo, int hi) -> std::optional<int> {
    const std::string text = get(key);
    if (text.empty()) return std::nullopt;
    auto v = parse_number(text);
    if (!v || *v != std::floor(*v) || *v < lo || *v > hi) {
      problem(key, quote(text), fmt::format("a whole number from {} to {}", lo, hi));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  };
  r.year = whole("year", 1900, 2100);
  r.scope = whole("scope", 1, 3);
  r.category = whole("category", 1, 15);
  if (const std::string u = get("uncertainty_pct95"); !u.empty()) {
    auto v = parse_number(u);
    if (!v || !(*v >= 0.0)) problem("uncertainty_pct95", quote(u), "a percentage >= 0");
    else r.uncertainty = uncertainty::interval95(*v, *v);
  }
  if (!r.basis.empty() && r.basis != "net_cv" && r.basis != "gross_cv") problem("basis", quote(r.basis), "net_cv or gross_cv");
  r.equipment = get("equipment");
  if (const std::string rate = get("annual_leak_rate_pct"); !rate.empty()) {
    auto v = parse_number(rate);
    if (!v || !(*v >= 0.0 && *v <= 100.0)) problem("annual_leak_rate_pct", quote(rate), "a percentage from 0 to 100");
    else r.annual_leak_rate = *v / 100.0;
  }
  return r;
}

constexpr std::array<std::string_view, 22> kRowFields = {
    "id", "entity", "activity", "factor", "amount", "unit", "region", "year", "basis", "scope", "category",
    "data_quality", "uncertainty_pct95", "notes", "from", "to", "cabin", "passengers", "round_trip", "radiative_forcing",
    "equipment", "annual_leak_rate_pct"};

void read_entities(const yaml_map& top, inventory& inv) {
  if (!top.has("entities")) raise<input_error>(top.at(), "entities", "nothing", "a list of entities (at least one)");
  const YAML::Node list = top.get("entities");
  if (!list.IsSequence() || list.size() == 0) {
    raise<input_error>(top.at("entities"), "entities", list.IsSequence() ? "an empty list" : detail::describe_node(list),
                       "a list of entities (at least one)");
  }
  for (const auto& node : list) {
    yaml_map m(top.doc(), node, "entities");
    m.check_keys({"id", "name", "parent", "ownership", "operational_control", "financial_control"});
    entity e;
    e.where = m.at();
    e.id = m.text("id");
    e.name = m.optional_text("name").value_or(e.id);
    e.parent = m.optional_text("parent").value_or("");
    if (m.has("ownership")) e.ownership = m.number("ownership");
    if (e.ownership > 1.0) raise<input_error>(m.at("ownership"), "ownership", fmt::format("{}", e.ownership), "a share from 0 to 1");
    auto flag = [&](std::string_view key) {
      const std::string text = m.optional_text(key).value_or("true");
      if (text != "true" && text != "false") raise<input_error>(m.at(key), key, quote(text), "true or false");
      return text == "true";
    };
    e.operational_control = flag("operational_control");
    e.financial_control = flag("financial_control");
    inv.entities.push_back(e);
  }
  std::set<std::string, std::less<>> ids;
  for (const auto& e : inv.entities) {
    if (!ids.insert(e.id).second) raise<input_error>(e.where, "id", fmt::format("duplicate entity '{}'", e.id), "unique entity ids");
  }
  for (const auto& e : inv.entities) {
    if (!e.parent.empty() && !ids.contains(e.parent)) {
      raise<input_error>(e.where, "parent", quote(e.parent), "the id of an entity of this inventory");
    }
  }
}

void read_yaml_activities(const yaml_map& top, inventory& inv, const std::string& default_entity,
                          const std::string& default_region) {
  if (!top.has("activities")) return;
  const YAML::Node list = top.get("activities");
  if (!list.IsSequence()) raise<input_error>(top.at("activities"), "activities", detail::describe_node(list), "a list");
  for (const auto& node : list) {
    yaml_map m(top.doc(), node, "activities");
    m.check_keys(kRowFields);
    row_fields row;
    row.where = m.at();
    for (const auto& kv : node) {
      if (!kv.second.IsScalar()) {
        raise<input_error>(top.doc().at(kv.second), kv.first.Scalar(), detail::describe_node(kv.second), "a single value");
      }
      row.values.emplace(kv.first.Scalar(), kv.second.Scalar());
    }
    inv.activities.push_back(make_record(row, default_entity, default_region));
  }
}

void read_csv_activities(const yaml_map& top, inventory& inv, const std::string& default_entity,
                         const std::string& default_region) {
  if (!top.has("activity_files")) return;
  const YAML::Node list = top.get("activity_files");
  if (!list.IsSequence()) raise<input_error>(top.at("activity_files"), "activity_files", detail::describe_node(list), "a list");
  for (const auto& node : list) {
    yaml_map m(top.doc(), node, "activity_files");
    m.check_keys({"path", "entity", "region"});
    const fs::path path = inv.file.parent_path() / m.text("path");
    if (!fs::is_regular_file(path)) raise<input_error>(m.at("path"), "path", quote(m.text("path")), "an existing CSV file");
    const detail::csv_table table = detail::read_csv(path);
    const auto has_column = [&](std::string_view name) {
      return std::find(table.header.begin(), table.header.end(), name) != table.header.end();
    };
    for (std::size_t i = 0; i < table.header.size(); ++i) {
      if (std::find(table.header.begin(), table.header.begin() + static_cast<std::ptrdiff_t>(i), table.header[i]) !=
          table.header.begin() + static_cast<std::ptrdiff_t>(i)) {
        throw input_error(describe_problem({path.string(), 1, 0}, table.header[i], "the column a second time",
                                           "each column once"));
      }
    }
    const bool flights = has_column("from") && has_column("to");
    for (std::string_view required : {"amount", "unit"}) {
      if (!has_column(required) && !flights) {
        throw input_error(describe_problem({path.string(), 1, 0}, required, "no such column",
                                           "a header with activity (or factor), amount and unit, or with from and to "
                                           "(flights)"));
      }
    }
    if (!has_column("activity") && !has_column("factor") && !flights) {
      throw input_error(describe_problem({path.string(), 1, 0}, "activity", "no such column",
                                         "a header with activity (or factor), amount and unit, or with from and to "
                                         "(flights)"));
    }
    for (const auto& column : table.header) {
      if (std::find(kRowFields.begin(), kRowFields.end(), column) == kRowFields.end()) {
        throw input_error(describe_problem({path.string(), 1, 0}, column, "an unknown column",
                                           "columns among activity, amount, unit, entity, region, year, factor, basis, "
                                           "scope, category, id, data_quality, uncertainty_pct95, notes, and for "
                                           "flights from, to, cabin, passengers, round_trip, radiative_forcing, and for refrigerant "
                                           "charges equipment, annual_leak_rate_pct"));
      }
    }
    const std::string entity_default = m.optional_text("entity").value_or(default_entity);
    const std::string region_default = m.optional_text("region").value_or(default_region);
    for (const auto& record : table.rows) {
      row_fields row;
      row.where = {path.string(), record.line, 0};
      for (std::size_t i = 0; i < table.header.size() && i < record.fields.size(); ++i) {
        if (!record.fields[i].empty()) row.values.emplace(table.header[i], record.fields[i]);
      }
      activity_record r = make_record(row, entity_default, region_default);
      if (record.fields.size() != table.header.size() && r.problem.empty()) {
        r.problem = fmt::format("{} fields where the header has {}", record.fields.size(), table.header.size());
      }
      inv.activities.push_back(std::move(r));
    }
  }
}

void read_scope2(const yaml_map& top, inventory& inv) {
  if (!top.has("scope2")) return;
  yaml_map s2(top.doc(), top.get("scope2"), "scope2");
  s2.check_keys({"certificates", "supplier_rates"});
  if (s2.has("certificates")) {
    for (const auto& node : s2.get("certificates")) {
      yaml_map m(top.doc(), node, "certificates");
      m.check_keys({"id", "type", "entity", "volume", "unit", "vintage", "market", "technology", "kg_co2e_per_kwh"});
      energy_certificate c;
      c.where = m.at();
      c.id = m.text("id");
      c.type = m.text("type");
      c.entity = m.optional_text("entity").value_or("");
      const std::string unit = m.optional_text("unit").value_or("MWh");
      try {
        c.volume_kwh = m.number("volume") * conversion_factor(parse_unit(unit), parse_unit("kWh"));
      } catch (const unit_error& e) {
        raise<input_error>(m.at("unit"), "unit", quote(unit), fmt::format("an energy unit ({})", e.what()));
      }
      c.vintage = m.integer("vintage", 1900, 2100);
      c.market = m.text("market");
      c.technology = m.optional_text("technology").value_or("");
      c.kg_co2e_per_kwh = m.has("kg_co2e_per_kwh") ? m.number("kg_co2e_per_kwh") : 0.0;
      inv.certificates.push_back(c);
    }
  }
  if (s2.has("supplier_rates")) {
    for (const auto& node : s2.get("supplier_rates")) {
      yaml_map m(top.doc(), node, "supplier_rates");
      m.check_keys({"entity", "supplier", "region", "kg_co2e_per_kwh", "source"});
      supplier_rate s;
      s.where = m.at();
      s.entity = m.optional_text("entity").value_or("");
      s.supplier = m.text("supplier");
      s.region = m.optional_text("region").value_or("");
      s.kg_co2e_per_kwh = m.number("kg_co2e_per_kwh");
      s.source = m.text("source");
      inv.supplier_rates.push_back(s);
    }
  }
}

void read_intensity(const yaml_map& top, inventory& inv) {
  if (!top.has("intensity")) return;
  const YAML::Node list = top.get("intensity");
  if (!list.IsSequence()) raise<input_error>(top.at("intensity"), "intensity", detail::describe_node(list), "a list");
  for (const auto& node : list) {
    yaml_map m(top.doc(), node, "intensity");
    m.check_keys({"name", "value", "unit"});
    intensity_denominator d;
    d.where = m.at();
    d.name = m.text("name");
    d.value = m.number("value");
    if (!(d.value > 0.0)) raise<input_error>(m.at("value"), "value", fmt::format("{}", d.value), "a number > 0");
    d.unit = m.text("unit");
    inv.denominators.push_back(d);
  }
}

inventory read(const fs::path& file) {
  inventory inv;
  inv.file = file;
  const yaml_document doc = yaml_document::read(file);
  const yaml_map top(doc, doc.root(), "document");
  top.check_keys({"schema", "organisation", "year", "base_year", "gwp", "consolidation", "region", "factors",
                  "allow_later_years", "intensity", "category3",
                  "entities", "activities", "activity_files", "scope2"});
  if (const std::string schema = top.text("schema"); schema != kSchema) {
    raise<input_error>(top.at("schema"), "schema", quote(schema), quote(kSchema));
  }
  inv.organisation = top.text("organisation");
  inv.year = top.integer("year", 1900, 2100);
  inv.base_year = top.optional_integer("base_year", 1900, 2100);
  inv.gwp = top.optional_text("gwp").value_or("AR6");
  inv.consolidation = parse_consolidation(top);
  if (const std::string c3 = top.optional_text("category3").value_or("derive"); c3 == "given") {
    inv.derive_category3 = false;
  } else if (c3 != "derive") {
    raise<input_error>(top.at("category3"), "category3", quote(c3), "'derive' (default) or 'given'");
  }
  if (const std::string later = top.optional_text("allow_later_years").value_or("false"); later == "true") {
    inv.allow_later_years = true;
  } else if (later != "false") {
    raise<input_error>(top.at("allow_later_years"), "allow_later_years", quote(later), "true or false");
  }
  for (const auto& layer : top.text_list("factors")) inv.factor_layers.push_back(file.parent_path() / layer);
  read_entities(top, inv);
  const std::string default_entity = inv.entities.size() == 1 ? inv.entities.front().id : std::string();
  const std::string default_region = top.optional_text("region").value_or("");
  read_yaml_activities(top, inv, default_entity, default_region);
  read_csv_activities(top, inv, default_entity, default_region);
  read_scope2(top, inv);
  read_intensity(top, inv);
  for (std::size_t i = 0; i < inv.activities.size(); ++i) inv.activities[i].index = i;
  return inv;
}

}  // namespace

std::string to_string(consolidation_approach a) {
  switch (a) {
    case consolidation_approach::equity_share: return "equity_share";
    case consolidation_approach::financial_control: return "financial_control";
    case consolidation_approach::operational_control: return "operational_control";
  }
  return "operational_control";
}

inventory load_inventory(const fs::path& file) {
  try {
    return read(file);
  } catch (const factor_error& e) {
    throw input_error(e.what());  // the YAML reader words problems for factor files; same wording here
  }
}

}  // namespace v0
}  // namespace ghgkit
