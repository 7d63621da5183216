#pragma once
// Coefficient documents (schema ghgkit.coefficients/1) inside a factor database: the entries of one
// layer as read, and the merged, validated catalogue with its indexes.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ghgkit/factors/catalogues.hpp"
#include "ghgkit/factors/coefficients.hpp"

namespace ghgkit::detail {

class yaml_map;
struct database_content;

inline constexpr std::string_view coefficients_schema = "ghgkit.coefficients/1";

/// An entry as read, with the positions of the fields resolved when layers are merged. `country`
/// and `source_id` still hold the text as written.
template <class Entry>
struct raw_entry {
  Entry value;
  source_location where_source, where_country, where_embodied_source;
};

/// Every entry of the coefficient documents of one layer, in file order.
struct coefficient_layer {
  std::vector<raw_entry<coefficient>> coefficients;
  std::vector<raw_entry<llm_model>> models;
  std::vector<raw_entry<accelerator>> accelerators;
  std::vector<raw_entry<cpu>> cpus;
  std::vector<raw_entry<cloud_instance>> instances;
  std::vector<raw_entry<cloud_region>> cloud_regions;
  std::vector<raw_entry<server_archetype>> server_archetypes;
  std::vector<raw_entry<airport>> airports;
};

/// The merged entries of all layers (each list sorted by id) and the indexes of the find functions.
/// Index keys are lower case.
struct coefficient_catalogue {
  std::vector<coefficient> coefficients;
  std::vector<llm_model> models;
  std::vector<accelerator> accelerators;
  std::vector<cpu> cpus;
  std::vector<cloud_instance> instances;
  std::vector<cloud_region> cloud_regions;
  std::vector<server_archetype> server_archetypes;
  std::vector<airport> airports;
  std::unordered_map<std::string, std::vector<std::size_t>> coefficients_by_quantity;
  std::unordered_map<std::string, std::vector<std::size_t>> models_by_name;        // name, alias, id
  std::unordered_map<std::string, std::vector<std::size_t>> accelerators_by_name;  // name, device, alias, id
  std::unordered_map<std::string, std::vector<std::size_t>> cpus_by_name;          // name, id
  std::unordered_map<std::string, std::vector<std::size_t>> airports_by_code;      // IATA, ICAO, id
  std::vector<std::string> warnings;  // cross-references that did not resolve
};

/// Reads one coefficient document whose schema was checked: known keys, every section, every field.
/// Entries of its `sources` section are handed to `read_source` (one source registry for all files).
void read_coefficient_document(const yaml_map& top, coefficient_layer& layer, std::size_t layer_index,
                               const std::function<void(const yaml_map&)>& read_source);

/// Refuses an id used twice among the coefficient entries of one layer (all sections together).
void reject_duplicate_entry_ids(const coefficient_layer& layer);

/// Merges the layers' entries (a higher layer replaces an id), resolves sources and countries, and
/// builds the indexes. Sources and regions of `content` must be merged already.
void build_catalogue(database_content& content);

/// The catalogue's lines of the canonical text the content hash covers (empty when it is empty).
std::string catalogue_canonical_text(const coefficient_catalogue& catalogue);

/// Lower case (ASCII), for the name indexes.
std::string lower(std::string_view text);

}  // namespace ghgkit::detail
