#pragma once
// What a factor database holds, and the parsed-but-unresolved layers it is built from.

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "coefficient_content.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit::detail {

/// A factor as read from its file, before references (source, region, gases) are resolved.
struct raw_factor {
  factor value;                 // unit, numbers and plain fields already checked
  std::string region_text;      // as written
  std::vector<std::pair<std::string, double>> values_kg;  // gas name as written -> kg per unit
  std::vector<source_location> value_locations;
  source_location where_region, where_source, where_gwp, where_unit, where_activity;
};

struct gas_alias {
  std::string alias;
  std::string canonical;
  source_location where;
};

/// One layer: everything its files define, with positions for error messages.
struct raw_layer {
  std::filesystem::path path;
  std::vector<source> sources;
  std::vector<activity_family> activities;
  std::vector<region> regions;
  std::vector<region_group> groups;
  std::vector<gwp_table> gwp_tables;
  std::vector<gas_alias> aliases;
  std::vector<refrigerant_blend> blends;
  std::vector<raw_factor> factors;
  coefficient_layer entries;  // of its coefficient documents
};

/// Parses a layer (a directory tree or one file). Checks each file on its own; cross-references
/// are checked when layers are merged.
raw_layer load_layer(const std::filesystem::path& path, std::size_t layer_index);

struct database_content {
  std::vector<raw_layer> layers;
  std::vector<factor> factors;  // sorted by id
  std::unordered_map<std::string, std::size_t> by_id;
  std::unordered_map<std::string, std::vector<std::size_t>> by_activity;
  /// activity -> region -> factor indices (ascending), so a lookup visits only the factors of the
  /// regions of its fallback chain (an activity such as electricity.grid has thousands of factors).
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<std::size_t>>> by_activity_region;
  std::map<std::string, source, std::less<>> sources;
  region_registry regions;
  gas_registry gases;
  std::vector<activity_family> activities;  // sorted by path
  coefficient_catalogue catalogue;
  std::string hash;
};

/// The family an activity path falls under: the longest declared prefix, or nullptr.
const activity_family* family_for(const std::vector<activity_family>& families, std::string_view path);

/// Fails unless `id` names a source of the merged registry, suggesting near ids.
void require_source(const database_content& c, const std::string& id, const source_location& where,
                    std::string_view field);

/// Merges layers bottom to top, validates every reference and builds the indexes and the hash.
std::shared_ptr<const database_content> build_content(std::vector<raw_layer> layers);

/// The canonical text the content hash is computed over.
std::string canonical_text(const database_content& content);

}  // namespace ghgkit::detail
