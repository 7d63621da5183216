#pragma once
/// A validated, immutable factor database: factors, sources, regions, gases and GWP tables loaded
/// from YAML layers, with a content hash stamped on every result. Copies share the same data, and a
/// loaded database is safe to use from many threads without locks.
///
///     auto db = ghgkit::factor_database::load({"factors"});
///     auto mine = db.layer({"my_factors.yaml"});       // my files override shipped ones
///     auto hit = mine.find({.activity = "electricity.grid", .region = "FR"});

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/factors/catalogues.hpp"
#include "ghgkit/factors/coefficients.hpp"
#include "ghgkit/factors/factor.hpp"
#include "ghgkit/factors/lookup.hpp"
#include "ghgkit/factors/region.hpp"
#include "ghgkit/factors/source.hpp"
#include "ghgkit/gases/gwp.hpp"

namespace ghgkit {
namespace detail {
struct database_content;
}  // namespace detail

inline namespace v0 {

/// An activity family: which unit dimensions fit it and which source wins ties.
struct activity_family {
  std::string path;
  std::vector<std::string> dimensions;
  std::optional<int> scope;
  std::optional<int> category;
  std::vector<std::string> preferred_sources;
  /// Activities whose factors give the upstream (scope 3 category 3) emissions of this activity
  /// for the same amount: well-to-tank of a fuel, upstream and T&D losses of electricity.
  std::vector<std::string> upstream;
  source_location where;
};

class factor_database {
 public:
  /// Loads each path (a directory tree of YAML files, or one file) as a layer, later paths on top.
  /// Throws factor_error (file:line:column, field, found, expected) on the first problem.
  [[nodiscard]] static factor_database load(const std::vector<std::filesystem::path>& paths);
  /// The factors shipped with ghgkit: $GHGKIT_FACTORS if set, else the installed directory.
  [[nodiscard]] static factor_database shipped();
  /// Where shipped() looks.
  [[nodiscard]] static std::filesystem::path shipped_directory();

  /// A new database with `paths` layered on top of this one (this one is unchanged).
  [[nodiscard]] factor_database layer(const std::vector<std::filesystem::path>& paths) const;

  /// SHA-256 (hex) of the database's content: stable under file order and formatting.
  [[nodiscard]] const std::string& content_hash() const;
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::span<const factor> factors() const;
  [[nodiscard]] bool contains(std::string_view factor_id) const;
  /// The factor with this id; throws lookup_error naming near matches.
  [[nodiscard]] const factor& get(std::string_view factor_id) const;
  /// The best factor for the query after the fallback chain; throws lookup_error when none fits.
  [[nodiscard]] lookup_result find(const lookup_query& query) const;

  [[nodiscard]] const source& source_of(const factor& f) const;
  [[nodiscard]] const std::map<std::string, source, std::less<>>& sources() const;
  [[nodiscard]] const region_registry& regions() const;
  [[nodiscard]] const gas_registry& gases() const;
  [[nodiscard]] const std::vector<activity_family>& activities() const;
  /// The family a path falls under (longest matching prefix), or nullptr.
  [[nodiscard]] const activity_family* family_of(std::string_view activity) const;
  /// The paths of the layers, bottom first.
  [[nodiscard]] std::vector<std::filesystem::path> layer_paths() const;

  // Coefficients and catalogues of `ghgkit.coefficients/1` documents (coefficients.hpp, catalogues.hpp),
  // each sorted by id. A find function returns one entry or throws lookup_error naming near candidates;
  // when several sources fit, the highest layer wins, and if sources still disagree the caller names one.

  [[nodiscard]] std::span<const coefficient> coefficients() const;
  /// The coefficient of `query.quantity` for the provider, region and key asked (fields left out match any).
  [[nodiscard]] const coefficient& find_coefficient(const coefficient_query& query) const;
  [[nodiscard]] std::span<const llm_model> llm_models() const;
  /// A model by name, alias or id (ignoring case); `provider` tells apart models of the same name.
  [[nodiscard]] const llm_model& find_llm_model(std::string_view name_or_alias,
                                                const std::optional<std::string>& provider = std::nullopt) const;
  [[nodiscard]] std::span<const accelerator> accelerators() const;
  /// One source's record of an accelerator named by its name, device, an alias or its id (ignoring case).
  [[nodiscard]] const accelerator& find_accelerator(std::string_view name_or_device_or_alias,
                                                    const std::optional<std::string>& source = std::nullopt) const;
  [[nodiscard]] std::span<const cpu> cpus() const;
  /// One source's record of a CPU by name or id (ignoring case).
  [[nodiscard]] const cpu& find_cpu(std::string_view name,
                                    const std::optional<std::string>& source = std::nullopt) const;
  [[nodiscard]] std::span<const cloud_instance> cloud_instances() const;
  [[nodiscard]] std::span<const cloud_region> cloud_regions() const;
  [[nodiscard]] std::span<const server_archetype> server_archetypes() const;
  [[nodiscard]] std::span<const airport> airports() const;
  /// An airport by IATA code, ICAO code or id (ignoring case); the highest layer's entry wins.
  [[nodiscard]] const airport& find_airport(std::string_view code) const;
  /// Cross-references of the catalogues that did not resolve (an instance's platform missing from the
  /// server archetypes, a GPU model missing from the accelerators): warnings, not errors.
  [[nodiscard]] std::span<const std::string> catalogue_warnings() const;

 private:
  explicit factor_database(std::shared_ptr<const detail::database_content> content);
  std::shared_ptr<const detail::database_content> content_;
};

}  // namespace v0
}  // namespace ghgkit
