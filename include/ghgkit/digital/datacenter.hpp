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
///
/// From an equipment inventory (when it_energy_kwh is not given):
///     IT energy = sum over items of count x P x hours / 1000,  P = power_w, or idle + u x (max - idle)
///     embodied  = sum over items of count x TE x hours / lifetime   (SCI's TE x TiR / EL; TE from
///                 server_embodied for a server archetype, or the item's embodied_kg per unit)
/// Hourly market-based (24/7 carbon-free energy): with the facility's hourly consumption, the hourly
/// contracted clean supply and an hourly intensity series, the market-based operational emissions are
/// grid::cfe_score's: each hour's consumption not matched by clean supply of the same hour x that
/// hour's intensity; the CFE score is reported. Rules: it_energy_kwh and equipment are exclusive; with
/// hourly consumption alone the IT energy is its sum / PUE, and beside IT energy or equipment its sum
/// must equal the facility energy (0.1%); certificates_kwh must be 0 (the clean supply is the hourly
/// form of the claim); unmatched kWh of hours the series does not cover are priced at the residual mix
/// (or the grid average), with a warning. The location-based total stays facility energy x `grid`.
///
///     datacenter_inputs dc;
///     dc.pue = 1.3;
///     dc.grid.intensity_kg_per_kwh = 0.05;
///     equipment_item web;
///     web.name = "web"; web.count = 20; web.idle_w = 120; web.max_w = 400; web.utilization = 0.3;
///     web.hours = 8760; web.archetype = "dellR740";
///     dc.equipment.push_back(web);

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/digital/compute.hpp"
#include "ghgkit/grid/planning.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// Equipment of the same kind in the data center.
struct equipment_item {
  std::string name;
  double count = 1.0;
  std::optional<double> power_w;       ///< average draw of one unit
  std::optional<double> idle_w;        ///< with max_w and utilization, when power_w is not given
  std::optional<double> max_w;
  std::optional<double> utilization;   ///< 0-1
  double hours = 0.0;                  ///< hours in use over the period
  std::optional<std::string> archetype;  ///< a server archetype, for the embodied share (server_embodied)
  std::optional<double> embodied_kg;     ///< manufacturing emissions of one unit, instead of an archetype
  std::optional<double> lifetime_h;      ///< else the archetype's hours_life_time
};

/// The facility's hour-by-hour consumption and clean supply, priced by an hourly intensity series.
struct datacenter_hourly {
  const grid::intensity_series* series = nullptr;  ///< not owned; must outlive the call
  std::string zone;                                ///< the series' zone of the facility
  std::vector<grid::hourly_energy> consumption;    ///< facility kWh per hour (after PUE)
  std::vector<grid::hourly_energy> clean_supply;   ///< contracted carbon-free kWh per hour (PPA, ...)
};

struct datacenter_inputs {
  std::optional<double> it_energy_kwh;                 ///< or from `equipment`, or hourly consumption / PUE
  std::optional<double> pue;                           ///< required (no default for a site)
  grid_choice grid;
  double reused_heat_kwh = 0.0;                        ///< heat delivered outside the facility
  std::optional<double> displaced_heat_kg_per_kwh;     ///< intensity of the heat it replaces
  double certificates_kwh = 0.0;                       ///< GOs, RECs, PPAs covering the facility
  double certificate_kg_per_kwh = 0.0;                 ///< their emission rate (0 for renewables)
  std::optional<double> residual_mix_kg_per_kwh;       ///< for the uncovered kWh
  std::optional<double> water_l;                       ///< site water use, for WUE
  double embodied_kg = 0.0;                            ///< equipment embodied share of the period
  std::vector<equipment_item> equipment;               ///< IT energy and embodied share, item by item
  std::optional<datacenter_hourly> hourly;             ///< hour-matched market-based method
};

/// One equipment item's part of the result.
struct equipment_result {
  std::string name;
  double it_energy_kwh = 0.0;
  double embodied_kg = 0.0;
  double embodied_low_kg = 0.0;
  double embodied_high_kg = 0.0;
};

struct datacenter_footprint : footprint {
  double facility_energy_kwh = 0.0;
  std::optional<double> erf;                ///< energy reuse factor, 0-1
  std::optional<double> avoided_kg;         ///< of the heat reused; never netted
  std::optional<double> wue_l_per_kwh;
  double it_energy_kwh = 0.0;
  std::vector<equipment_result> equipment;
  std::optional<double> cfe_score;          ///< hourly method: matched share of consumption, 0-1
  std::optional<double> clean_matched_kwh;  ///< hourly method: consumption matched by clean supply
};

[[nodiscard]] datacenter_footprint datacenter(const factor_database& db, const datacenter_inputs& in);

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
