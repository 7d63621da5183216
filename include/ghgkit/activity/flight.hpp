#pragma once
/// A flight of business travel (scope 3 category 6) given by its airports rather than a distance.
/// The calculation (calc/flight_distance.hpp) turns it into passenger-km of the factor source's
/// haul band and cabin.

#include <string>

namespace ghgkit {
inline namespace v0 {

struct flight {
  std::string origin;               ///< IATA (LYS) or ICAO (LFLL) code of the departure airport
  std::string destination;          ///< the same for the arrival airport
  std::string cabin = "average";    ///< average | economy | premium_economy | business | first
  double passengers = 1.0;          ///< travellers on this itinerary
  bool round_trip = false;          ///< the same route back: twice the distance
  bool radiative_forcing = true;    ///< price the non-CO2 effects of aviation as the source defines them
};

}  // namespace v0
}  // namespace ghgkit
