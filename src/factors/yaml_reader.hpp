#pragma once
// Reading YAML with positions and limits: every accessor names the file, line, column and field
// of a problem. yaml-cpp stays inside src/ (a private dependency).

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/error.hpp"

namespace ghgkit::detail {

/// Limits that keep hostile files from exhausting memory or stack (documented in factors/README.md).
struct yaml_limits {
  std::uintmax_t max_file_bytes = 64u * 1024u * 1024u;
  std::size_t max_depth = 64;
  std::size_t max_nodes = 1'000'000;
};

/// A parsed YAML document and the file it came from.
class yaml_document {
 public:
  /// Reads and parses `path`; malformed YAML and limit violations throw factor_error.
  static yaml_document read(const std::filesystem::path& path, const yaml_limits& limits = {});
  /// Parses text (for tests and in-memory layers); `name` stands for the file in messages.
  static yaml_document parse(std::string_view text, std::string name, const yaml_limits& limits = {});

  [[nodiscard]] const YAML::Node& root() const { return root_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] source_location at(const YAML::Node& node) const;

 private:
  YAML::Node root_;
  std::string name_;
};

/// One mapping being read, with its document for positions. Its entries are listed once on
/// construction, so looking fields up does not walk the YAML node again (loading time).
class yaml_map {
 public:
  /// One entry of the mapping: the key as text (empty when the key is not a scalar) and its nodes.
  struct field {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  yaml_map(const yaml_document& doc, YAML::Node node, std::string_view what);

  /// Fails on a key outside `allowed` (typos never drop data) or a key given twice.
  void check_keys(std::initializer_list<std::string_view> allowed) const {
    check_keys(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }
  void check_keys(std::span<const std::string_view> allowed) const;
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] YAML::Node get(std::string_view key) const;
  [[nodiscard]] source_location at() const { return doc_->at(node_); }
  [[nodiscard]] source_location at(std::string_view key) const;
  [[nodiscard]] const yaml_document& doc() const { return *doc_; }
  [[nodiscard]] const YAML::Node& node() const { return node_; }
  /// The entries in file order.
  [[nodiscard]] std::span<const field> fields() const { return fields_; }

  [[nodiscard]] std::string text(std::string_view key) const;  // required, non-empty
  [[nodiscard]] std::optional<std::string> optional_text(std::string_view key) const;
  [[nodiscard]] double number(std::string_view key, bool allow_negative = false) const;
  [[nodiscard]] int integer(std::string_view key, int min, int max) const;
  [[nodiscard]] std::optional<int> optional_integer(std::string_view key, int min, int max) const;
  [[nodiscard]] std::vector<std::string> text_list(std::string_view key) const;
  /// Entries of a mapping field as (key, node) pairs in file order, rejecting duplicate keys.
  [[nodiscard]] std::vector<std::pair<std::string, YAML::Node>> entries(std::string_view key) const;

 private:
  [[nodiscard]] const field* find(std::string_view key) const;

  const yaml_document* doc_;
  YAML::Node node_;
  std::vector<field> fields_;
};

/// Lower-case words [a-z0-9_-] joined by single dots ("electricity.grid"): activity paths and
/// coefficient quantities.
bool is_dotted_path(std::string_view path);

/// A scalar node as text, or throws naming the field and what was expected.
std::string scalar_text(const yaml_document& doc, const YAML::Node& node, std::string_view field);
/// A finite number; negative values refused unless allowed.
double scalar_number(const yaml_document& doc, const YAML::Node& node, std::string_view field,
                     bool allow_negative = false);
/// "a mapping", "a sequence", "a scalar 'x'", "nothing": how found values are described.
std::string describe_node(const YAML::Node& node);

}  // namespace ghgkit::detail
