#include "ghgkit/factors/database.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>

#include "../text.hpp"
#include "database_content.hpp"

#ifndef GHGKIT_FACTORS_DIR
#define GHGKIT_FACTORS_DIR ""
#endif

namespace ghgkit {
inline namespace v0 {

namespace fs = std::filesystem;

bool factor::has_tag(std::string_view tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

factor_database::factor_database(std::shared_ptr<const detail::database_content> content)
    : content_(std::move(content)) {}

factor_database factor_database::load(const std::vector<fs::path>& paths) {
  if (paths.empty()) throw input_error("factor_database::load: expected at least one path");
  std::vector<detail::raw_layer> layers;
  for (const auto& p : paths) layers.push_back(detail::load_layer(p, layers.size()));
  return factor_database(detail::build_content(std::move(layers)));
}

fs::path factor_database::shipped_directory() {
  if (const char* env = std::getenv("GHGKIT_FACTORS"); env != nullptr && *env != '\0') return env;
  return GHGKIT_FACTORS_DIR;
}

factor_database factor_database::shipped() {
  const fs::path dir = shipped_directory();
  if (dir.empty() || !fs::is_directory(dir)) {
    throw factor_error(fmt::format("shipped factor directory '{}' not found: set GHGKIT_FACTORS to the factors/ "
                                   "directory of ghgkit",
                                   dir.string()));
  }
  return load({dir});
}

factor_database factor_database::layer(const std::vector<fs::path>& paths) const {
  std::vector<detail::raw_layer> layers = content_->layers;
  for (const auto& p : paths) layers.push_back(detail::load_layer(p, layers.size()));
  return factor_database(detail::build_content(std::move(layers)));
}

const std::string& factor_database::content_hash() const { return content_->hash; }
std::size_t factor_database::size() const { return content_->factors.size(); }
std::span<const factor> factor_database::factors() const { return content_->factors; }
bool factor_database::contains(std::string_view id) const { return content_->by_id.contains(std::string(id)); }

const factor& factor_database::get(std::string_view id) const {
  if (auto it = content_->by_id.find(std::string(id)); it != content_->by_id.end()) return content_->factors[it->second];
  std::vector<std::string_view> ids;
  for (const auto& f : content_->factors) {
    if (f.id.size() + 2 >= id.size() && f.id.size() <= id.size() + 2) ids.push_back(f.id);
  }
  auto near = detail::near_matches(id, ids);
  throw lookup_error(fmt::format("unknown factor id '{}'{}", id,
                                 near.empty() ? "" : fmt::format("; did you mean '{}'?", fmt::join(near, "' or '"))));
}

const source& factor_database::source_of(const factor& f) const { return content_->sources.find(f.source_id)->second; }
const std::map<std::string, source, std::less<>>& factor_database::sources() const { return content_->sources; }
const region_registry& factor_database::regions() const { return content_->regions; }
const gas_registry& factor_database::gases() const { return content_->gases; }
const std::vector<activity_family>& factor_database::activities() const { return content_->activities; }

const activity_family* factor_database::family_of(std::string_view activity) const {
  return detail::family_for(content_->activities, activity);
}

std::vector<fs::path> factor_database::layer_paths() const {
  std::vector<fs::path> paths;
  for (const auto& l : content_->layers) paths.push_back(l.path);
  return paths;
}

}  // namespace v0
}  // namespace ghgkit
