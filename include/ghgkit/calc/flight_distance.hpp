#pragma once
/// Flights given by airports, priced with the distance-based method of the GHG Protocol Scope 3
/// Technical Guidance (category 6): passenger-km = passengers x great-circle distance x the source's
/// uplift for indirect routes and delays (x 2 for a round trip). The shipped air factors are DEFRA's,
/// so the haul band and the uplift follow DEFRA's conversion factors (2025 edition and methodology):
///   - domestic: both airports in the United Kingdom (GB);
///   - short haul: to or from the UK, great-circle distance below `travel.air.short_haul_max_distance`;
///   - long haul: to or from the UK, at or above it;
///   - international: neither airport in the UK;
///   - distance = great-circle distance x `travel.air.distance_uplift` (coefficients, source cited
///     in factors/travel/defra_flights.yaml). The band is decided on the great-circle distance.
/// The factors are looked up with region GB, DEFRA's region; the activity path is
/// travel.air.<haul>.<cabin>.<with_rf|without_rf>.
///
///     auto leg = ghgkit::flight_passenger_km(db, {.origin = "LYS", .destination = "LIS", .cabin = "economy"});
///     leg.activity;      // "travel.air.international.economy.with_rf"
///     leg.passenger_km;  // great circle 1,399.4 km x 1.08 = 1,511.4

#include <string>
#include <vector>

#include "ghgkit/activity/flight.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {

/// Mean radius of the Earth, R1 = (2a + b) / 3 of the GRS 80 ellipsoid (H. Moritz, Geodetic Reference
/// System 1980, Journal of Geodesy 74 (2000) 128-133): the sphere of the great-circle distance.
inline constexpr double earth_mean_radius_km = 6371.0088;

/// Great-circle (haversine) distance in km between two airports on the mean-radius sphere.
[[nodiscard]] double great_circle_km(const airport& from, const airport& to);

struct flight_activity {
  std::string activity;             ///< travel.air.<haul>.<cabin>.<with_rf|without_rf>
  std::string region;               ///< the region of the factor source (GB for DEFRA)
  std::string haul;                 ///< domestic | short_haul | long_haul | international
  double great_circle_km = 0.0;     ///< one way
  double passenger_km = 0.0;        ///< what the factor is applied to
  std::vector<std::string> steps;   ///< how, for provenance.conversions
};

/// The activity and passenger-km of a flight. Throws lookup_error (unknown airport, missing
/// coefficient), input_error (bad passengers, same airport twice, a cabin the source has no factor for).
[[nodiscard]] flight_activity flight_passenger_km(const factor_database& db, const flight& f);

}  // namespace v0
}  // namespace ghgkit
