#pragma once
/// The region registry: ISO 3166-1 countries (alpha-2 canonical, alpha-3 accepted), ISO 3166-2
/// subdivisions, grid zones, cloud regions, region groups (EU27, ...) and WORLD, with the fallback
/// chain used by factor lookup: zone or subdivision -> country -> groups (smallest first) -> WORLD.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {

inline constexpr std::string_view world_region = "WORLD";

struct region {
  std::string code;    ///< canonical code
  std::string alpha3;  ///< countries only
  std::string name;
  std::string kind;    ///< country | subdivision | grid_zone | cloud_region | group | world
  std::string parent;  ///< required below country level
  source_location where;
};

struct region_group {
  std::string code;
  std::string name;
  std::vector<std::string> members;
  std::string source_id;
  source_location where;
};

class region_registry {
 public:
  void add(region r);
  void add_group(region_group g);
  /// Checks parents and group members exist and that parent chains end; throws factor_error.
  void validate() const;

  /// The canonical code for `code` (alpha-3 -> alpha-2; case-insensitive match for ISO codes), or
  /// nothing when unknown.
  [[nodiscard]] std::optional<std::string> canonical(std::string_view code) const;
  /// Like canonical() but throws lookup_error naming near matches.
  [[nodiscard]] std::string require(std::string_view code) const;
  /// What an unknown `code` should have been: near matches, or the kinds of code accepted.
  [[nodiscard]] std::string expected_for(std::string_view code) const;
  /// [code, parents..., groups holding the country (fewest members first), WORLD].
  [[nodiscard]] std::vector<std::string> fallback_chain(std::string_view canonical_code) const;
  [[nodiscard]] const region* find(std::string_view canonical_code) const;
  [[nodiscard]] const std::map<std::string, region, std::less<>>& regions() const { return regions_; }
  [[nodiscard]] const std::map<std::string, region_group, std::less<>>& groups() const { return groups_; }

 private:
  std::map<std::string, region, std::less<>> regions_;
  std::map<std::string, region_group, std::less<>> groups_;
  std::map<std::string, std::string, std::less<>> alpha3_;
  std::map<std::string, std::string, std::less<>> upper_;  // upper-cased code -> canonical
};

}  // namespace v0
}  // namespace ghgkit
