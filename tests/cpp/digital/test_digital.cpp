// Digital-service formulas (include/ghgkit/digital/): SCI and its embodied share, Green Algorithms
// compute jobs, AI training runs (two published footprints reproduced from their published inputs)
// and data centers. Every expected value is worked by hand in the comment beside it.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ghgkit/digital/compute.hpp"
#include "ghgkit/digital/datacenter.hpp"
#include "ghgkit/digital/sci.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

grid_choice intensity(double kg_per_kwh) {
  grid_choice g;
  g.intensity_kg_per_kwh = kg_per_kwh;
  return g;
}

}  // namespace

TEST_CASE("digital: SCI embodied share M = TE x TiR/EL x RR/ToR") {
  // A 1,200 kg server, 4 of its 64 cores reserved for 24 h of a 4-year (35,040 h) life:
  // 1200 x 24/35040 x 4/64 = 1200 x 0.000684932 x 0.0625 = 0.0513699 kg.
  const auto m = embodied_share({.total_kg = 1200, .time_reserved_h = 24, .lifetime_h = 35040,
                                 .resources_reserved = 4, .total_resources = 64});
  CHECK(m.embodied_kg == exactly(1200.0 * 24.0 / 35040.0 * 4.0 / 64.0));
  CHECK(m.co2e_kg == m.embodied_kg);
  CHECK(m.energy_kwh == 0.0);
  REQUIRE(m.steps.size() == 1);
  CHECK(m.steps[0] == "M = TE x (TiR / EL) x (RR / ToR) = 1200 kg x (24 h / 35040 h) x (4 / 64) = 0.0513699 kg");
  CHECK_THROWS_WITH_AS((void)embodied_share({.total_kg = 1, .time_reserved_h = 1, .lifetime_h = 0}),
                       "field 'lifetime_h': found 0, expected a finite number > 0", input_error);
  CHECK_THROWS_WITH_AS((void)embodied_share({.total_kg = 1, .time_reserved_h = 1, .lifetime_h = 10,
                                             .resources_reserved = 8, .total_resources = 4}),
                       "field 'resources_reserved': found 8 of 4, expected at most total_resources", input_error);
  CHECK_THROWS_AS((void)embodied_share({.total_kg = -1, .time_reserved_h = 1, .lifetime_h = 10}), input_error);
}

TEST_CASE("digital: SCI = (E x I + M) / R") {
  // (2.4 kWh x 0.056 kg/kWh + 0.05 kg) / 10,000 requests = (0.1344 + 0.05) / 10000 = 1.844e-5 kg.
  const auto s = sci({.energy_kwh = 2.4, .intensity_kg_per_kwh = 0.056, .embodied_kg = 0.05, .functional_units = 10000});
  CHECK(s.operational_kg == exactly(0.1344));
  CHECK(s.co2e_kg == exactly(0.1844));
  CHECK(s.score_kg_per_unit == exactly(1.844e-5));
  CHECK_THROWS_WITH_AS((void)sci({.energy_kwh = 1, .intensity_kg_per_kwh = 0.1, .embodied_kg = 0, .functional_units = 0}),
                       "field 'functional_units': found 0, expected a finite number > 0", input_error);
}

TEST_CASE("digital: a Green Algorithms compute job with the memory power of the database") {
  // Green Algorithms (Lannelongue et al. 2021) memory power 0.3725 W/GB (factors/hardware/green_algorithms.yaml).
  // 10 h x (12 cores x 12 W x 1.0 + 64 GB x 0.3725 W/GB) x PUE 1.5 / 1000 = 10 x 167.84 x 1.5 / 1000
  // = 2.5176 kWh; x 0.2 kg/kWh = 0.50352 kg.
  compute_job_inputs job;
  job.cores = 12;
  job.core_power_w = 12;
  job.memory_gb = 64;
  job.hours = 10;
  job.pue = 1.5;
  job.grid = intensity(0.2);
  const auto r = compute_job(shipped(), job);
  CHECK(r.energy_kwh == exactly(2.5176));
  CHECK(r.co2e_kg == exactly(0.50352));
  const auto* memory = r.figure("memory power per GB");
  REQUIRE(memory != nullptr);
  CHECK(memory->value == exactly(0.3725));
  CHECK(memory->origin == "green-algorithms-hardware.memory.power_per_capacity");
  CHECK(r.figure("pue")->origin == "argument");
  CHECK(r.warnings.empty());
}

TEST_CASE("digital: a compute job without PUE or intensity takes them from the database, with provenance") {
  // PUE of an unknown provider 1.56 (Green Algorithms, Uptime Institute 2024 survey); the GB grid
  // factor of the latest year (owid-energy, 2023): 237.589 g/kWh in codecarbon's global_energy_mix.json.
  // 10 h x 4 cores x 10 W x 0.5 x 1.56 / 1000 = 0.312 kWh x 0.237589 = 0.0741278 kg.
  compute_job_inputs job;
  job.cores = 4;
  job.core_power_w = 10;
  job.usage = 0.5;
  job.hours = 10;
  job.grid.region = "GB";
  const auto r = compute_job(shipped(), job);
  CHECK(r.energy_kwh == exactly(0.312));
  CHECK(r.figure("pue")->origin == "green-algorithms-cloud.datacenter.pue.unknown_provider");
  CHECK(r.figure("grid intensity")->origin == "owid-energy.electricity.grid.GB.2023");
  CHECK(r.co2e_kg == exactly(0.312 * 0.237589));
  CHECK(r.database_hash == shipped().content_hash());
  job.grid.region.reset();
  CHECK_THROWS_WITH_AS((void)compute_job(shipped(), job),
                       "field 'intensity_kg_per_kwh': found nothing, expected a grid intensity in kg CO2e/kWh, or a "
                       "region whose grid factor the database has",
                       input_error);
  job.grid = intensity(0.1);
  job.usage = 1.5;
  CHECK_THROWS_WITH_AS((void)compute_job(shipped(), job), "field 'usage': found 1.5, expected a fraction from 0 to 1",
                       input_error);
}

TEST_CASE("digital: BLOOM's training footprint from its published inputs") {
  // Luccioni, Viguier and Ligozat, "Estimating the Carbon Footprint of BLOOM, a 176B Parameter
  // Language Model" (JMLR 24, 2023): 1,082,990 GPU-hours on A100s counted at their 400 W TDP ->
  // 433,196 kWh; x 57 g CO2e/kWh (French grid) = 24.69 t of dynamic power consumption.
  training_inputs t;
  t.count = 1;
  t.hours = 1082990;
  t.tdp_w = 400;
  t.utilization = 1.0;
  t.pue = 1.0;
  t.grid = intensity(0.057);
  t.embodied = false;
  const auto r = training(shipped(), t);
  CHECK(r.energy_kwh == exactly(433196.0));
  CHECK(r.operational_kg == exactly(24692.172));
  CHECK(r.co2e_kg == doctest::Approx(24690).epsilon(1e-3));  // the paper's 24.69 t, to its rounding
  CHECK(r.embodied_kg == 0.0);
}

TEST_CASE("digital: GPT-3's training footprint from the published inputs of Patterson et al.") {
  // Patterson et al., "Carbon Emissions and Large Neural Network Training" (2021), Table 4: 10,000
  // V100 for 14.8 days at 330 W average, PUE 1.1, 0.429 kg CO2e/kWh -> 1,287 MWh and 552 t.
  // 10000 x 355.2 h x 330 W / 1000 = 1,172,160 kWh x 1.1 = 1,289,376 kWh (the paper rounds the days);
  // x 0.429 = 553,142.3 kg.
  training_inputs t;
  t.count = 10000;
  t.hours = 14.8 * 24;
  t.avg_power_w = 330;
  t.pue = 1.1;
  t.grid = intensity(0.429);
  const auto r = training(shipped(), t);
  CHECK(r.energy_kwh == exactly(1289376.0));
  CHECK(r.co2e_kg == exactly(553142.304));
  CHECK(r.energy_kwh == doctest::Approx(1287000).epsilon(5e-3));
  CHECK(r.co2e_kg == doctest::Approx(552000).epsilon(5e-3));
}

TEST_CASE("digital: training takes the accelerator's TDP from the catalogue, and host power and embodied apart") {
  // mlco2/impact gpus.csv: A100 SXM4 80 GB, TDP 400 W. 8 x 100 h x 400 W x 0.8 / 1000 = 256 kWh;
  // host 100 h x 1,000 W / 1000 = 100 kWh; (256 + 100) x PUE 1.2 = 427.2 kWh x 0.05 = 21.36 kg.
  training_inputs t;
  t.accelerator = "A100 SXM4 80 GB";
  t.count = 8;
  t.hours = 100;
  t.utilization = 0.8;
  t.host_power_w = 1000;
  t.pue = 1.2;
  t.grid = intensity(0.05);
  const auto r = training(shipped(), t);
  CHECK(r.figure("tdp")->value == 400.0);
  CHECK(r.figure("tdp")->origin == "mlco2-impact-gpus.accelerator.a100-sxm4-80-gb");
  CHECK(r.energy_kwh == exactly(427.2));
  CHECK(r.operational_kg == exactly(21.36));
  // No raw file gives an accelerator's embodied emissions: not counted, and said.
  CHECK(r.embodied_kg == 0.0);
  const std::string missing = "embodied emissions not counted: the catalogue has no embodied figure for 'A100 SXM4 80 GB'";
  CHECK(std::find(r.warnings.begin(), r.warnings.end(), missing) != r.warnings.end());
}

TEST_CASE("digital: training names what is missing") {
  training_inputs t;
  t.hours = 10;
  t.pue = 1.1;
  t.grid = intensity(0.1);
  CHECK_THROWS_WITH_AS((void)training(shipped(), t),
                       "field 'avg_power_w': found nothing, expected energy_kwh, avg_power_w, or tdp_w (or an "
                       "accelerator whose TDP the catalogue has) with utilization",
                       input_error);
  t.tdp_w = 300;
  CHECK_THROWS_WITH_AS((void)training(shipped(), t),
                       "field 'utilization': found nothing, expected the share of the TDP drawn on average (0-1), or "
                       "avg_power_w or energy_kwh",
                       input_error);
  t.energy_kwh = 50;  // a measured energy needs neither
  CHECK(training(shipped(), t).energy_kwh == exactly(55.0));
  t.pue = 0.9;
  CHECK_THROWS_WITH_AS((void)training(shipped(), t), "field 'pue': found 0.9, expected a PUE >= 1", input_error);
}

TEST_CASE("digital: a data center's year, both scope 2 methods, heat reuse apart and WUE") {
  // IT 500,000 kWh x PUE 1.4 = 700,000 kWh. Location: x 0.05 = 35,000 kg. Market: 300,000 kWh of
  // certificates at 0 + 400,000 kWh x 0.05 (no residual mix: the grid average, flagged) = 20,000 kg.
  // ERF = 150,000 / 700,000 = 0.2142857; heat displacing 0.227 kg/kWh avoids 34,050 kg elsewhere,
  // reported apart. WUE = 900,000 L / 500,000 kWh = 1.8 L/kWh. Embodied 2,000 kg added to both.
  datacenter_inputs dc;
  dc.it_energy_kwh = 500000;
  dc.pue = 1.4;
  dc.grid = intensity(0.05);
  dc.reused_heat_kwh = 150000;
  dc.displaced_heat_kg_per_kwh = 0.227;
  dc.certificates_kwh = 300000;
  dc.water_l = 900000;
  dc.embodied_kg = 2000;
  const auto r = datacenter(shipped(), dc);
  CHECK(r.facility_energy_kwh == exactly(700000.0));
  CHECK(r.operational_kg == exactly(35000.0));
  CHECK(r.co2e_kg == exactly(37000.0));
  CHECK(*r.co2e_market_kg == exactly(22000.0));
  CHECK(*r.erf == exactly(150000.0 / 700000.0));
  CHECK(*r.avoided_kg == exactly(34050.0));
  CHECK(*r.wue_l_per_kwh == exactly(1.8));
  CHECK(std::any_of(r.warnings.begin(), r.warnings.end(),
                    [](const std::string& w) { return w.starts_with("no residual mix given"); }));
  dc.residual_mix_kg_per_kwh = 0.08;  // 400,000 x 0.08 = 32,000 + 2,000
  CHECK(*datacenter(shipped(), dc).co2e_market_kg == exactly(34000.0));
  dc.certificates_kwh = 800000;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'certificates_kwh': found 800000 kWh, expected at most the facility energy, 700000 kWh "
                       "(a claim beyond the consumption is not allowed)",
                       input_error);
  dc.certificates_kwh = 0;
  dc.pue.reset();
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc), "field 'pue': found nothing, expected the site's PUE (>= 1)",
                       input_error);
}
