// Reading one layer of a factor database: files, includes, sections, fields.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <future>
#include <set>
#include <thread>

#include "database_content.hpp"
#include "yaml_reader.hpp"

namespace ghgkit::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSchema = "ghgkit.factors/1";
constexpr std::size_t kMaxIncludeDepth = 16;
constexpr int kMinYear = 1900, kMaxYear = 2100;

std::string activity_path(const yaml_map& m, std::string_view key) {
  std::string path = m.text(key);
  if (!is_dotted_path(path)) {
    raise<factor_error>(m.at(key), key, quote(path),
                        "a dotted path of lower-case words such as 'electricity.grid'");
  }
  return path;
}

source parse_source(const yaml_map& m) {
  m.check_keys({"id", "publisher", "title", "year", "url", "licence", "retrieved", "notes"});
  source s;
  s.where = m.at();
  s.id = m.text("id");
  s.publisher = m.text("publisher");
  s.title = m.text("title");
  s.year = m.integer("year", kMinYear, kMaxYear);
  s.url = m.optional_text("url").value_or("");
  if (!m.has("licence")) {
    raise<factor_error>(m.at(), "licence", "nothing", "the licence of the source (an SPDX id or the publisher's terms)");
  }
  s.licence = m.text("licence");
  s.retrieved = m.optional_text("retrieved").value_or("");
  s.notes = m.optional_text("notes").value_or("");
  return s;
}

activity_family parse_activity(const yaml_map& m) {
  m.check_keys({"path", "dimensions", "scope", "category", "preferred_sources", "upstream"});
  activity_family a;
  a.where = m.at();
  a.path = activity_path(m, "path");
  a.dimensions = m.text_list("dimensions");
  if (a.dimensions.empty()) raise<factor_error>(m.at(), "dimensions", "nothing", "a list of unit dimensions such as [energy]");
  for (const auto& d : a.dimensions) {
    try {
      (void)dimension_named(d);
    } catch (const unit_error& e) {
      raise<factor_error>(m.at("dimensions"), "dimensions", quote(d), e.what());
    }
  }
  a.scope = m.optional_integer("scope", 1, 3);
  a.category = m.optional_integer("category", 1, 15);
  a.preferred_sources = m.text_list("preferred_sources");
  a.upstream = m.text_list("upstream");
  return a;
}

region parse_region(const yaml_map& m) {
  m.check_keys({"code", "alpha3", "name", "kind", "parent"});
  region r;
  r.where = m.at();
  r.code = m.text("code");
  r.alpha3 = m.optional_text("alpha3").value_or("");
  r.name = m.optional_text("name").value_or("");
  r.kind = m.text("kind");
  static const std::set<std::string, std::less<>> kinds = {"country", "subdivision", "grid_zone", "cloud_region", "world"};
  if (!kinds.contains(r.kind)) {
    raise<factor_error>(m.at("kind"), "kind", quote(r.kind), "one of country, subdivision, grid_zone, cloud_region, world");
  }
  r.parent = m.optional_text("parent").value_or("");
  if (r.parent.empty() && r.kind != "country" && r.kind != "world") {
    raise<factor_error>(m.at(), "parent", "nothing", fmt::format("the region a {} belongs to", r.kind));
  }
  return r;
}

region_group parse_group(const yaml_map& m) {
  m.check_keys({"code", "name", "members", "source"});
  region_group g;
  g.where = m.at();
  g.code = m.text("code");
  g.name = m.optional_text("name").value_or("");
  g.members = m.text_list("members");
  if (g.members.empty()) raise<factor_error>(m.at(), "members", "nothing", "a list of region codes");
  g.source_id = m.optional_text("source").value_or("");
  return g;
}

void parse_gwp(const yaml_map& m, raw_layer& layer) {
  m.check_keys({"set", "horizon_years", "source", "values", "aliases"});
  gwp_table t;
  t.where = m.at();
  t.set = m.text("set");
  t.horizon_years = m.integer("horizon_years", 1, 1000);
  t.source_id = m.text("source");
  for (auto& [gas, node] : m.entries("values")) t.values.emplace(gas, scalar_number(m.doc(), node, gas));
  if (m.has("aliases")) {
    for (auto& [alias, node] : m.entries("aliases")) {
      layer.aliases.push_back({alias, scalar_text(m.doc(), node, alias), m.doc().at(node)});
    }
  }
  layer.gwp_tables.push_back(std::move(t));
}

refrigerant_blend parse_blend(const yaml_map& m) {
  m.check_keys({"id", "components", "source"});
  refrigerant_blend b;
  b.where = m.at();
  b.id = m.text("id");
  b.source_id = m.text("source");
  double sum = 0.0;
  for (auto& [gas, node] : m.entries("components")) {
    const double fraction = scalar_number(m.doc(), node, gas);
    if (fraction <= 0.0 || fraction > 1.0) {
      raise<factor_error>(m.doc().at(node), gas, quote(node.Scalar()), "a mass fraction above 0 and at most 1");
    }
    sum += fraction;
    b.components.emplace_back(gas, fraction);
  }
  std::sort(b.components.begin(), b.components.end());  // file order carries no meaning
  if (std::abs(sum - 1.0) > 1e-9) {
    raise<factor_error>(m.at("components"), "components", fmt::format("mass fractions summing to {}", sum),
                        "fractions summing to 1");
  }
  return b;
}

uncertainty parse_uncertainty(const yaml_map& m) {
  m.check_keys({"pct95", "distribution", "gsd", "sd_pct", "min_pct", "max_pct"});
  if (m.has("pct95")) {
    const YAML::Node node = m.get("pct95");
    if (node.IsSequence()) {
      if (node.size() != 2) raise<factor_error>(m.at("pct95"), "pct95", describe_node(node), "[minus, plus] percentages");
      return uncertainty::interval95(scalar_number(m.doc(), node[0], "pct95"), scalar_number(m.doc(), node[1], "pct95"));
    }
    const double half = m.number("pct95");
    return uncertainty::interval95(half, half);
  }
  const std::string shape = m.text("distribution");
  if (shape == "lognormal") {
    const double gsd = m.number("gsd");
    if (gsd < 1.0) raise<factor_error>(m.at("gsd"), "gsd", fmt::format("{}", gsd), "a geometric standard deviation >= 1");
    return uncertainty::lognormal(gsd);
  }
  if (shape == "normal") return uncertainty::normal(m.number("sd_pct"));
  if (shape == "triangular" || shape == "uniform") {
    const double lo = m.number("min_pct", true), hi = m.number("max_pct", true);
    if (!(lo <= 0.0 && hi >= 0.0 && lo < hi)) {
      raise<factor_error>(m.at("min_pct"), "min_pct", fmt::format("{} to {}", lo, hi), "min_pct <= 0 <= max_pct, min_pct < max_pct");
    }
    return shape == "triangular" ? uncertainty::triangular(lo, hi) : uncertainty::uniform(lo, hi);
  }
  raise<factor_error>(m.at("distribution"), "distribution", quote(shape), "one of lognormal, normal, triangular, uniform (or pct95)");
}

// Fields a factor may take from its file's `defaults`.
constexpr std::array<std::string_view, 14> kDefaultable = {
    "activity", "unit", "mass_unit", "gwp", "region", "year", "valid", "basis",
    "scope", "category", "tags", "source", "uncertainty", "notes"};

class factor_reader {
 public:
  factor_reader(const yaml_map& item, const yaml_map* defaults) : item_(item), defaults_(defaults) {}

  // The mapping that holds `key`: the factor itself, else the file's defaults.
  const yaml_map& pick(std::string_view key) const {
    if (!item_.has(key) && defaults_ != nullptr && defaults_->has(key)) return *defaults_;
    return item_;
  }

  raw_factor read(std::size_t layer_index) const {
    raw_factor r;
    factor& f = r.value;
    f.origin = {item_.at(), layer_index};
    f.id = item_.text("id");
    if (f.id.find_first_of(" \t\n") != std::string::npos) {
      raise<factor_error>(item_.at("id"), "id", quote(f.id), "an id without spaces");
    }
    f.activity = activity_path(pick("activity"), "activity");
    r.where_activity = pick("activity").at("activity");
    r.where_unit = pick("unit").at("unit");
    f.unit = unit_field(pick("unit"), "unit");
    read_values(r);
    read_period(f);
    r.region_text = pick("region").text("region");
    r.where_region = pick("region").at("region");
    f.source_id = pick("source").text("source");
    r.where_source = pick("source").at("source");
    if (pick("gwp").has("gwp")) {
      f.co2e_gwp_set = pick("gwp").text("gwp");
      r.where_gwp = pick("gwp").at("gwp");
    }
    if (auto basis = pick("basis").optional_text("basis")) {
      if (*basis != "net_cv" && *basis != "gross_cv") {
        raise<factor_error>(pick("basis").at("basis"), "basis", quote(*basis), "net_cv or gross_cv");
      }
      f.basis = *basis;
    }
    f.scope = pick("scope").optional_integer("scope", 1, 3);
    f.category = pick("category").optional_integer("category", 1, 15);
    f.tags = pick("tags").text_list("tags");
    std::sort(f.tags.begin(), f.tags.end());
    if (pick("uncertainty").has("uncertainty")) {
      f.uncertainty = parse_uncertainty(yaml_map(item_.doc(), pick("uncertainty").get("uncertainty"), "uncertainty"));
    }
    f.notes = pick("notes").optional_text("notes").value_or("");
    return r;
  }

 private:
  ghgkit::unit unit_field(const yaml_map& m, std::string_view key) const {
    const std::string text = m.text(key);
    try {
      return parse_unit(text);
    } catch (const unit_error& e) {
      raise<factor_error>(m.at(key), key, quote(text), fmt::format("a known unit ({})", e.what()));
    }
  }

  void read_values(raw_factor& r) const {
    const ghgkit::unit mass = unit_field(pick("mass_unit"), "mass_unit");
    if (!dimension_matches(mass.dim, "mass") || mass.is_mass_of_gas()) {
      raise<factor_error>(pick("mass_unit").at("mass_unit"), "mass_unit", quote(mass.symbol),
                          "a plain mass unit such as 'kg', 'g' or 'lb' (gases are the keys of 'values')");
    }
    r.value.mass_unit = mass.symbol;
    if (!item_.has("values")) raise<factor_error>(item_.at(), "values", "nothing", "a mapping of gas -> mass per unit");
    for (auto& [gas, node] : item_.entries("values")) {
      r.values_kg.emplace_back(gas, scalar_number(item_.doc(), node, fmt::format("values.{}", gas)) * mass.scale);
      r.value_locations.push_back(item_.doc().at(node));
    }
    if (r.values_kg.empty()) raise<factor_error>(item_.at("values"), "values", "an empty mapping", "at least one gas");
  }

  void read_period(factor& f) const {
    const yaml_map& year_holder = pick("year");
    const yaml_map& valid_holder = pick("valid");
    const bool has_year = year_holder.has("year"), has_valid = valid_holder.has("valid");
    if (has_year == has_valid) {
      raise<factor_error>(item_.at(), "year", has_year ? "both 'year' and 'valid'" : "nothing",
                          "either 'year: 2022' or 'valid: {from: 2020, to: 2022}'");
    }
    if (has_year) {
      f.year = f.valid_to = year_holder.integer("year", kMinYear, kMaxYear);
      return;
    }
    yaml_map valid(item_.doc(), valid_holder.get("valid"), "valid");
    valid.check_keys({"from", "to"});
    f.year = valid.integer("from", kMinYear, kMaxYear);
    f.valid_to = valid.integer("to", kMinYear, kMaxYear);
    if (f.valid_to < f.year) {
      raise<factor_error>(valid.at("to"), "valid.to", fmt::format("{}", f.valid_to), fmt::format("a year >= {}", f.year));
    }
  }

  const yaml_map& item_;
  const yaml_map* defaults_;
};

template <class Parse>
void for_each_entry(const yaml_map& top, std::string_view key, Parse parse) {
  if (!top.has(key)) return;
  const YAML::Node list = top.get(key);
  if (!list.IsSequence()) raise<factor_error>(top.at(key), key, describe_node(list), "a list of entries");
  for (const auto& item : list) parse(yaml_map(top.doc(), item, key));
}

class layer_reader {
 public:
  layer_reader(raw_layer& layer, fs::path root, std::size_t index)
      : layer_(layer), root_(std::move(root)), index_(index) {}

  void load_file(const fs::path& file, std::size_t depth) {
    load_parsed(file, depth, [&] { return yaml_document::read(file); });
  }

  // `parse` yields the file's document (read here, or by a thread that parsed it ahead).
  template <class Parse>
  void load_parsed(const fs::path& file, std::size_t depth, Parse parse) {
    const fs::path canonical = fs::weakly_canonical(file);
    if (!loaded_.insert(canonical).second) return;
    const yaml_document doc = parse();
    if (!doc.root().IsMap()) {
      raise<factor_error>(doc.at(doc.root()), "", describe_node(doc.root()),
                          fmt::format("a mapping starting with 'schema: {}' or 'schema: {}'", kSchema,
                                      coefficients_schema));
    }
    const yaml_map top(doc, doc.root(), "document");
    // The schema decides which sections a file may hold: check it before the keys.
    const std::string schema = top.text("schema");
    if (schema == coefficients_schema) {
      read_coefficient_document(top, layer_.entries, index_,
                                [&](const yaml_map& m) { layer_.sources.push_back(parse_source(m)); });
      return;
    }
    if (schema != kSchema) {
      raise<factor_error>(top.at("schema"), "schema", quote(schema),
                          fmt::format("{} or {}", quote(kSchema), quote(coefficients_schema)));
    }
    top.check_keys({"schema", "include", "sources", "activities", "regions", "region_groups", "gwp", "blends",
                    "defaults", "factors"});
    for (const auto& name : top.text_list("include")) include(top, file, name, depth);
    for_each_entry(top, "sources", [&](const yaml_map& m) { layer_.sources.push_back(parse_source(m)); });
    for_each_entry(top, "activities", [&](const yaml_map& m) { layer_.activities.push_back(parse_activity(m)); });
    for_each_entry(top, "regions", [&](const yaml_map& m) { layer_.regions.push_back(parse_region(m)); });
    for_each_entry(top, "region_groups", [&](const yaml_map& m) { layer_.groups.push_back(parse_group(m)); });
    for_each_entry(top, "blends", [&](const yaml_map& m) { layer_.blends.push_back(parse_blend(m)); });
    if (top.has("gwp")) parse_gwp(yaml_map(doc, top.get("gwp"), "gwp"), layer_);
    std::optional<yaml_map> defaults;
    if (top.has("defaults")) {
      defaults.emplace(doc, top.get("defaults"), "defaults");
      defaults->check_keys(kDefaultable);
    }
    for_each_entry(top, "factors", [&](const yaml_map& m) {
      m.check_keys({"id", "activity", "unit", "mass_unit", "values", "gwp", "region", "year", "valid", "basis",
                    "scope", "category", "tags", "source", "uncertainty", "notes"});
      layer_.factors.push_back(factor_reader(m, defaults ? &*defaults : nullptr).read(index_));
    });
  }

 private:
  void include(const yaml_map& top, const fs::path& file, const std::string& name, std::size_t depth) {
    const fs::path target = fs::weakly_canonical(file.parent_path() / name);
    const auto [root_end, target_end] = std::mismatch(root_.begin(), root_.end(), target.begin(), target.end());
    if (root_end != root_.end()) {
      raise<factor_error>(top.at("include"), "include", quote(name),
                          fmt::format("a path inside the database root '{}'", root_.string()));
    }
    if (depth + 1 > kMaxIncludeDepth) {
      raise<factor_error>(top.at("include"), "include", quote(name),
                          fmt::format("include chains of at most {} files", kMaxIncludeDepth));
    }
    if (!fs::is_regular_file(target)) raise<factor_error>(top.at("include"), "include", quote(name), "an existing YAML file");
    load_file(target, depth + 1);
  }

  raw_layer& layer_;
  fs::path root_;
  std::size_t index_;
  std::set<fs::path> loaded_;
};

template <class Item, class Key>
void reject_duplicates(const std::vector<Item>& items, Key key, std::string_view field, std::string_view what) {
  std::map<std::string, const Item*, std::less<>> seen;
  for (const auto& item : items) {
    auto [it, inserted] = seen.emplace(key(item), &item);
    if (!inserted) {
      raise<factor_error>(item.where, field, fmt::format("duplicate {} '{}'", what, key(item)),
                          fmt::format("a unique {} (first defined at {})", what, it->second->where.str()));
    }
  }
}

// Parsing YAML is most of the loading time: a few threads parse the next files while this one reads
// them in path order, so the result and the first error reported are those of a sequential load.
void load_in_order(layer_reader& reader, const std::vector<fs::path>& files) {
  const std::size_t window = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::deque<std::future<yaml_document>> ahead;
  std::size_t launched = 0;
  auto launch = [&] {
    if (launched == files.size()) return;
    ahead.push_back(std::async(std::launch::async, [&file = files[launched]] { return yaml_document::read(file); }));
    ++launched;
  };
  while (launched < std::min(window, files.size())) launch();
  for (const auto& file : files) {
    std::future<yaml_document> next = std::move(ahead.front());
    ahead.pop_front();
    launch();
    reader.load_parsed(file, 0, [&] { return next.get(); });
  }
}

}  // namespace

raw_layer load_layer(const fs::path& path, std::size_t layer_index) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw factor_error(fmt::format("{}: no such file or directory", path.string()));
  raw_layer layer;
  layer.path = path;
  const bool directory = fs::is_directory(path);
  const fs::path root = fs::weakly_canonical(directory ? path : path.parent_path());
  layer_reader reader(layer, root, layer_index);
  if (!directory) {
    reader.load_file(path, 0);
  } else {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path); it != fs::recursive_directory_iterator(); ++it) {
      const auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    load_in_order(reader, files);
  }
  reject_duplicates(layer.sources, [](const source& s) { return s.id; }, "id", "source id");
  reject_duplicates(layer.activities, [](const activity_family& a) { return a.path; }, "path", "activity path");
  reject_duplicates(layer.regions, [](const region& r) { return r.code; }, "code", "region code");
  reject_duplicates(layer.groups, [](const region_group& g) { return g.code; }, "code", "group code");
  reject_duplicates(layer.gwp_tables, [](const gwp_table& t) { return t.set; }, "set", "GWP set");
  reject_duplicates(layer.blends, [](const refrigerant_blend& b) { return b.id; }, "id", "blend id");
  std::map<std::string, const raw_factor*, std::less<>> ids;
  for (const auto& r : layer.factors) {
    auto [it, inserted] = ids.emplace(r.value.id, &r);
    if (!inserted) {
      raise<factor_error>(r.value.origin.where, "id", fmt::format("duplicate id '{}'", r.value.id),
                          fmt::format("a unique id (first defined at {})", it->second->value.origin.where.str()));
    }
  }
  reject_duplicate_entry_ids(layer.entries);
  return layer;
}

}  // namespace ghgkit::detail
