#pragma once
/// Coefficients: figures that are not emission factors (watts per vCPU, PUE, kWh per GB, lifetimes,
/// replication factors, model constants), loaded from `ghgkit.coefficients/1` documents
/// (specification: factors/cloud/README.md). Each source's figure is its own entry: a lookup picks
/// one entry, it never averages sources.
///
///     auto db = ghgkit::factor_database::shipped();
///     const auto& w = db.find_coefficient({.quantity = "cloud.compute.max_power_per_vcpu",
///                                          .provider = "aws", .key = "average"});
///     // w.value == 3.5, w.unit.symbol == "W/vCPU", w.source_id == "ccf"

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/factors/factor.hpp"
#include "ghgkit/units/unit_registry.hpp"

namespace ghgkit {
inline namespace v0 {

/// The fields every entry of a coefficient document has, whatever its section.
struct document_entry {
  std::string id;         ///< unique in its layer across all sections; a higher layer's entry replaces it
  std::string source_id;  ///< id in the database's source registry
  std::string notes;
  factor_origin origin;                  ///< file position and layer
  std::vector<factor_origin> overrides;  ///< definitions in lower layers this entry replaced
};

/// One figure that is not an emission factor (section `coefficients`). What it describes is
/// (quantity, provider, region, key); several sources may describe the same thing.
struct coefficient : document_entry {
  std::string quantity;       ///< dotted path, e.g. cloud.compute.min_power_per_vcpu
  double value = 0.0;         ///< in `unit` (per one `per`, when given)
  std::optional<double> min;  ///< the range the source gives around `value` (both or neither)
  std::optional<double> max;
  ghgkit::unit unit;          ///< parsed; "1" for a dimensionless figure
  std::string per;            ///< counted thing the figure is per when no unit names it ("core", "device", ...)
  std::string provider;       ///< aws, gcp, azure, ... or empty
  std::string region;         ///< the provider's own region id, or empty
  std::string country;        ///< canonical region-registry code of the place of `region`, or empty
  std::string key;            ///< qualifier: microarchitecture, storage service, average, ... or empty
  std::optional<int> year;    ///< the year the figure refers to, when the source states it
  std::string reference;      ///< the row's own citation as the raw file gives it
};

/// What find_coefficient() looks for. `quantity` is required; every other field left out matches any
/// value, so a query that fits entries describing different things fails and names them.
///
///     db.find_coefficient({.quantity = "cloud.datacenter.pue", .provider = "gcp", .region = "europe-west1"});
struct coefficient_query {
  std::string quantity;
  std::optional<std::string> provider;  ///< compared ignoring case, like region and key
  std::optional<std::string> region;
  std::optional<std::string> key;
  std::optional<std::string> source;    ///< a source id: required when several sources of the top layer fit
};

}  // namespace v0
}  // namespace ghgkit
