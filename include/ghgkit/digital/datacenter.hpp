#pragma once
/// A data center's year (or any period): facility energy, both scope 2 methods, heat reuse and water.
///     facility energy = IT energy x PUE                                  (The Green Grid, PUE)
///     location-based  = facility energy x grid average intensity
///     market-based    = certified kWh x their rate + the rest x the residual mix (or, flagged,
///                       the grid average)                               (GHG Protocol Scope 2 Guidance)
///     ERF             = reused energy / facility energy                 (The Green Grid, ERF)
///     WUE             = site water / IT energy, L/kWh                   (The Green Grid, WUE)
/// The heat delivered to buildings may avoid emissions elsewhere: `avoided_kg` = reused heat x the
/// intensity of the heat it displaces, reported apart and never subtracted from the footprint (GHG
/// Protocol Corporate Standard, ch. 9: avoided emissions are not part of the inventory).

#include <optional>

#include "ghgkit/digital/compute.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

struct datacenter_inputs {
  double it_energy_kwh = 0.0;
  std::optional<double> pue;                           ///< required (no default for a site)
  grid_choice grid;
  double reused_heat_kwh = 0.0;                        ///< heat delivered outside the facility
  std::optional<double> displaced_heat_kg_per_kwh;     ///< intensity of the heat it replaces
  double certificates_kwh = 0.0;                       ///< GOs, RECs, PPAs covering the facility
  double certificate_kg_per_kwh = 0.0;                 ///< their emission rate (0 for renewables)
  std::optional<double> residual_mix_kg_per_kwh;       ///< for the uncovered kWh
  std::optional<double> water_l;                       ///< site water use, for WUE
  double embodied_kg = 0.0;                            ///< equipment embodied share of the period
};

struct datacenter_footprint : footprint {
  double facility_energy_kwh = 0.0;
  std::optional<double> erf;                ///< energy reuse factor, 0-1
  std::optional<double> avoided_kg;         ///< of the heat reused; never netted
  std::optional<double> wue_l_per_kwh;
};

[[nodiscard]] datacenter_footprint datacenter(const factor_database& db, const datacenter_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
