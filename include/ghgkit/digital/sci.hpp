#pragma once
/// Software Carbon Intensity (Green Software Foundation, SCI specification, ISO/IEC 21031:2024):
///     SCI = ((E x I) + M) per R
///     M   = TE x (TiR / EL) x (RR / ToR)
/// E energy of the software (kWh), I location-based marginal or average intensity (kg CO2e/kWh), M the
/// embodied emissions allocated to it, R the functional unit (requests, users, minutes, ...); TE total
/// embodied emissions of the hardware, TiR the time it is reserved for the software, EL its expected
/// lifespan, RR the resources reserved, ToR the total resources.
///
///     double m = ghgkit::digital::embodied_share({.total_kg = 1200, .time_reserved_h = 24, .lifetime_h = 35040}).embodied_kg;
///     auto s = ghgkit::digital::sci({.energy_kwh = 2.4, .intensity_kg_per_kwh = 0.056, .embodied_kg = m,
///                                    .functional_units = 10000});
///     s.score_kg_per_unit;

#include "ghgkit/digital/footprint.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

struct embodied_share_inputs {
  double total_kg = 0.0;            ///< TE: embodied emissions of the whole device
  double time_reserved_h = 0.0;     ///< TiR
  double lifetime_h = 0.0;          ///< EL
  double resources_reserved = 1.0;  ///< RR (cores, GB, share of a rack, ... in any count)
  double total_resources = 1.0;     ///< ToR in the same count
};

/// M of the SCI specification. Throws input_error naming a negative, non-finite or zero-lifetime
/// argument, or resources_reserved above total_resources.
[[nodiscard]] footprint embodied_share(const embodied_share_inputs& in);

struct sci_inputs {
  double energy_kwh = 0.0;            ///< E
  double intensity_kg_per_kwh = 0.0;  ///< I
  double embodied_kg = 0.0;           ///< M
  double functional_units = 1.0;      ///< R: how many units the energy and embodied share serve
};

struct sci_score : footprint {
  double score_kg_per_unit = 0.0;  ///< SCI in kg CO2e per functional unit
};

[[nodiscard]] sci_score sci(const sci_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
