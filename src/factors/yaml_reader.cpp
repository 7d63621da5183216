#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace ghgkit::detail {
namespace {

// Walks the whole tree once with an explicit stack: aliases are visited every time they are used,
// so an alias bomb exhausts the node budget instead of the machine.
void check_limits(const yaml_document& doc, const yaml_limits& limits) {
  std::vector<std::pair<YAML::Node, std::size_t>> stack{{doc.root(), 1}};
  std::size_t visited = 0;
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (++visited > limits.max_nodes) {
      throw factor_error(fmt::format("{}: more than {} YAML nodes (alias expansion?): refused", doc.name(),
                                     limits.max_nodes));
    }
    if (depth > limits.max_depth) {
      throw factor_error(fmt::format("{}: nesting deeper than {} levels: refused", doc.at(node).str(),
                                     limits.max_depth));
    }
    if (node.IsSequence()) {
      for (const auto& child : node) stack.emplace_back(child, depth + 1);
    } else if (node.IsMap()) {
      for (const auto& kv : node) {
        stack.emplace_back(kv.first, depth + 1);
        stack.emplace_back(kv.second, depth + 1);
      }
    }
  }
}

}  // namespace

yaml_document yaml_document::parse(std::string_view text, std::string name, const yaml_limits& limits) {
  yaml_document doc;
  doc.name_ = std::move(name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  try {
    doc.root_ = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    source_location where{doc.name_, static_cast<std::size_t>(e.mark.line + 1),
                          static_cast<std::size_t>(e.mark.column + 1)};
    if (e.mark.is_null()) where.line = where.column = 0;
    throw factor_error(fmt::format("{}: malformed YAML: {}", where.str(), e.msg));
  }
  check_limits(doc, limits);
  return doc;
}

yaml_document yaml_document::read(const std::filesystem::path& path, const yaml_limits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw factor_error(fmt::format("{}: cannot read file: {}", path.string(), ec.message()));
  if (size > limits.max_file_bytes) {
    throw factor_error(fmt::format("{}: file of {} bytes is larger than the limit of {} bytes", path.string(),
                                   size, limits.max_file_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw factor_error(fmt::format("{}: cannot open file", path.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path.string(), limits);
}

source_location yaml_document::at(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {name_, 0, 0};
  return {name_, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

bool is_dotted_path(std::string_view path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  char previous = 0;
  for (char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return true;
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a sequence";
  if (node.IsMap()) return "a mapping";
  return quote(node.Scalar());
}

std::string scalar_text(const yaml_document& doc, const YAML::Node& node, std::string_view field) {
  if (!node.IsScalar()) raise<factor_error>(doc.at(node), field, describe_node(node), "text");
  return node.Scalar();
}

double scalar_number(const yaml_document& doc, const YAML::Node& node, std::string_view field,
                     bool allow_negative) {
  if (!node.IsScalar()) raise<factor_error>(doc.at(node), field, describe_node(node), "a number");
  const std::string& text = node.Scalar();
  double value = 0.0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  const bool parsed = ec == std::errc{} && ptr == end && begin != end;
  if (!parsed || !std::isfinite(value) || text.find_first_of("nNiI") != std::string::npos) {
    raise<factor_error>(doc.at(node), field, quote(text), allow_negative ? "a finite number" : "a finite number >= 0");
  }
  if (!allow_negative && value < 0) raise<factor_error>(doc.at(node), field, quote(text), "a number >= 0");
  return value;
}

yaml_map::yaml_map(const yaml_document& doc, YAML::Node node, std::string_view what)
    : doc_(&doc), node_(std::move(node)) {
  if (!node_.IsMap()) raise<factor_error>(doc.at(node_), what, describe_node(node_), "a mapping");
  fields_.reserve(node_.size());
  for (const auto& kv : node_) {
    fields_.push_back({kv.first.IsScalar() ? kv.first.Scalar() : std::string(), kv.first, kv.second});
  }
}

const yaml_map::field* yaml_map::find(std::string_view key) const {
  for (const auto& f : fields_) {
    if (f.key == key && f.key_node.IsScalar()) return &f;
  }
  return nullptr;
}

void yaml_map::check_keys(std::span<const std::string_view> allowed) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const field& f = fields_[i];
    if (!f.key_node.IsScalar()) raise<factor_error>(doc_->at(f.key_node), "", describe_node(f.key_node), "a key");
    for (std::size_t j = 0; j < i; ++j) {
      if (fields_[j].key == f.key) {
        raise<factor_error>(doc_->at(f.key_node), f.key, "the key a second time", "each key once per mapping");
      }
    }
    bool known = false;
    for (auto a : allowed) known = known || a == f.key;
    if (!known) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      raise<factor_error>(doc_->at(f.key_node), f.key, "an unknown field", fmt::format("one of: {}", list));
    }
  }
}

bool yaml_map::has(std::string_view key) const {
  const field* f = find(key);
  return f != nullptr && !f->value.IsNull();
}

YAML::Node yaml_map::get(std::string_view key) const {
  const field* f = find(key);
  return f != nullptr ? f->value : YAML::Node(YAML::NodeType::Undefined);
}

source_location yaml_map::at(std::string_view key) const {
  const field* f = find(key);
  return f != nullptr ? doc_->at(f->value) : at();
}

std::string yaml_map::text(std::string_view key) const {
  if (!has(key)) raise<factor_error>(at(), key, "nothing", "a value (the field is required)");
  std::string value = scalar_text(*doc_, get(key), key);
  if (value.empty()) raise<factor_error>(at(key), key, "an empty text", "a non-empty value");
  return value;
}

std::optional<std::string> yaml_map::optional_text(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return scalar_text(*doc_, get(key), key);
}

double yaml_map::number(std::string_view key, bool allow_negative) const {
  if (!has(key)) raise<factor_error>(at(), key, "nothing", "a number (the field is required)");
  return scalar_number(*doc_, get(key), key, allow_negative);
}

int yaml_map::integer(std::string_view key, int min, int max) const {
  auto value = optional_integer(key, min, max);
  if (!value) raise<factor_error>(at(), key, "nothing", "a whole number (the field is required)");
  return *value;
}

std::optional<int> yaml_map::optional_integer(std::string_view key, int min, int max) const {
  if (!has(key)) return std::nullopt;
  const YAML::Node node = get(key);
  const std::string text = scalar_text(*doc_, node, key);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string expected = fmt::format("a whole number from {} to {}", min, max);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max) {
    raise<factor_error>(doc_->at(node), key, quote(text), expected);
  }
  return value;
}

std::vector<std::string> yaml_map::text_list(std::string_view key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const YAML::Node node = get(key);
  if (!node.IsSequence()) raise<factor_error>(doc_->at(node), key, describe_node(node), "a list");
  for (const auto& item : node) out.push_back(scalar_text(*doc_, item, key));
  return out;
}

std::vector<std::pair<std::string, YAML::Node>> yaml_map::entries(std::string_view key) const {
  std::vector<std::pair<std::string, YAML::Node>> out;
  const YAML::Node node = get(key);
  if (!node.IsMap()) raise<factor_error>(doc_->at(node), key, describe_node(node), "a mapping");
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : node) {
    std::string name = scalar_text(*doc_, kv.first, key);
    if (!seen.insert(name).second) {
      raise<factor_error>(doc_->at(kv.first), key, fmt::format("'{}' a second time", name), "each key once");
    }
    out.emplace_back(std::move(name), kv.second);
  }
  return out;
}

}  // namespace ghgkit::detail
