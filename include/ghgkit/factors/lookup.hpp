#pragma once
/// Finding a factor by (activity, region, year) with the documented fallback chain.
/// See factors/README.md, "Lookup and fallbacks".

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/factors/factor.hpp"

namespace ghgkit {
inline namespace v0 {

struct lookup_query {
  std::string activity;
  std::optional<std::string> region;  ///< any accepted code; none means WORLD
  std::optional<int> year;            ///< none means the latest available
  bool strict = false;                ///< refuse every fallback
  bool allow_later_year = false;      ///< after earlier years, accept the nearest later year
  std::optional<std::string> source;  ///< only factors citing this source
  std::optional<dimension> unit_dimension;  ///< only factors per a unit of this dimension
  std::optional<std::string> basis;   ///< net_cv | gross_cv
};

/// One step away from what was asked, written into every result.
struct fallback_step {
  std::string kind;  ///< "region", "year" or "source"
  std::string from;
  std::string to;
  std::string reason;
};

struct lookup_result {
  const factor* found = nullptr;
  std::string region_requested;  ///< as given ("FRA"), or empty
  std::string region_used;       ///< canonical code of the factor's region
  std::optional<int> year_requested;
  int year_used = 0;
  std::vector<fallback_step> fallbacks;
};

}  // namespace v0
}  // namespace ghgkit
