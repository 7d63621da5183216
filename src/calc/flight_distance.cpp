#include "ghgkit/calc/flight_distance.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <numbers>
#include <set>

namespace ghgkit {
inline namespace v0 {
namespace {

// DEFRA's factors are for flights to, from or within the United Kingdom, plus "international" ones.
constexpr std::string_view kDefraCountry = "GB";

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

const coefficient& flight_coefficient(const factor_database& db, std::string_view quantity, const dimension& expected) {
  coefficient_query q;
  q.quantity = std::string(quantity);
  const coefficient& c = db.find_coefficient(q);
  if (c.unit.dim != expected) {
    throw unit_error(fmt::format("coefficient '{}' ({}) is in '{}' ({}); expected {}", c.id, quantity, c.unit.symbol,
                                 describe(c.unit.dim), describe(expected)));
  }
  return c;
}

std::string cited(const coefficient& c) { return fmt::format("{}, source {}", c.id, c.source_id); }

std::string_view haul_of(const airport& from, const airport& to, double gc_km, double short_haul_max_km) {
  const bool a = from.country == kDefraCountry, b = to.country == kDefraCountry;
  if (a && b) return "domestic";
  if (!a && !b) return "international";
  return gc_km < short_haul_max_km ? "short_haul" : "long_haul";
}

std::string describe_haul(std::string_view haul, double short_haul_max_km) {
  if (haul == "domestic") return "domestic (both airports in GB)";
  if (haul == "international") return "international (neither airport in GB)";
  return fmt::format("{} (to or from GB, great circle {} {:.6g} km)", haul, haul == "short_haul" ? "below" : "at or above",
                     short_haul_max_km);
}

// The cabins the database prices for a haul band, for the error of a cabin it does not.
std::set<std::string> cabins_of(const factor_database& db, std::string_view haul) {
  const std::string prefix = fmt::format("travel.air.{}.", haul);
  std::set<std::string> cabins;
  for (const auto& f : db.factors()) {
    if (!f.activity.starts_with(prefix)) continue;
    const std::string rest = f.activity.substr(prefix.size());
    cabins.insert(rest.substr(0, rest.find('.')));
  }
  return cabins;
}

}  // namespace

double great_circle_km(const airport& from, const airport& to) {
  const double phi1 = radians(from.latitude), phi2 = radians(to.latitude);
  const double dphi = phi2 - phi1, dlambda = radians(to.longitude - from.longitude);
  const double h = std::sin(dphi / 2) * std::sin(dphi / 2) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(dlambda / 2) * std::sin(dlambda / 2);
  return 2.0 * earth_mean_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

flight_activity flight_passenger_km(const factor_database& db, const flight& f) {
  if (!std::isfinite(f.passengers) || f.passengers <= 0.0) {
    throw input_error(describe_problem({}, "passengers", fmt::format("{}", f.passengers), "a number of travellers > 0"));
  }
  const airport& from = db.find_airport(f.origin);
  const airport& to = db.find_airport(f.destination);
  if (from.id == to.id) {
    throw input_error(describe_problem({}, "to", quote(f.destination), fmt::format("an airport other than the departure '{}'", f.origin)));
  }
  const coefficient& uplift = flight_coefficient(db, "travel.air.distance_uplift", parse_unit("1").dim);
  const coefficient& short_max = flight_coefficient(db, "travel.air.short_haul_max_distance", parse_unit("km").dim);
  const double short_max_km = short_max.value * short_max.unit.scale / 1000.0;

  flight_activity out;
  out.great_circle_km = great_circle_km(from, to);
  out.haul = std::string(haul_of(from, to, out.great_circle_km, short_max_km));
  out.region = std::string(kDefraCountry);
  const std::string cabin = f.cabin.empty() ? "average" : f.cabin;
  const std::set<std::string> cabins = cabins_of(db, out.haul);
  if (!cabins.contains(cabin)) {
    throw input_error(describe_problem({}, "cabin", quote(cabin),
                                       fmt::format("a cabin with {} flight factors: {}", out.haul, fmt::join(cabins, ", "))));
  }
  out.activity = fmt::format("travel.air.{}.{}.{}", out.haul, cabin, f.radiative_forcing ? "with_rf" : "without_rf");
  const double legs = f.round_trip ? 2.0 : 1.0;
  const double flown_km = out.great_circle_km * uplift.value * uplift.unit.scale;
  out.passenger_km = flown_km * legs * f.passengers;

  out.steps.push_back(fmt::format("{} {} ({}, {:.6f}, {:.6f}) -> {} {} ({}, {:.6f}, {:.6f}): great circle {:.6g} km "
                                  "(haversine, Earth mean radius {} km)",
                                  from.iata, from.name, from.country, from.latitude, from.longitude, to.iata, to.name,
                                  to.country, to.latitude, to.longitude, out.great_circle_km, earth_mean_radius_km));
  out.steps.push_back(fmt::format("haul: {} ({}); cabin {}; {}", describe_haul(out.haul, short_max_km),
                                  cited(short_max), cabin,
                                  f.radiative_forcing ? "with the radiative forcing uplift of the source"
                                                      : "without radiative forcing"));
  out.steps.push_back(fmt::format("{:.6g} km x uplift {} for indirect routes and delays ({}) = {:.6g} km", out.great_circle_km,
                                  uplift.value, cited(uplift), flown_km));
  out.steps.push_back(fmt::format("{:.6g} km x {} way{} x {} passenger{} = {:.6g} passenger.km", flown_km, legs,
                                  legs > 1 ? "s" : "", f.passengers, f.passengers == 1.0 ? "" : "s", out.passenger_km));
  return out;
}

}  // namespace v0
}  // namespace ghgkit
