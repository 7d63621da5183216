// A data center from an equipment inventory, and its hour-matched market-based emissions
// (include/ghgkit/digital/datacenter.hpp). The annual certificate method is tested in test_digital.cpp.
// Every expected value is worked by hand in the comment beside it.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ghgkit/digital/datacenter.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

bool warned(const footprint& r, std::string_view text) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

// The Dell R740 archetype's manufacturing emissions worked in test_server_embodied.cpp: CPU 41.4472 kg,
// RAM 12 x (32 / (13.688 / 11) x 2.2 + 5.22), SSD 400 / (1042.8 / 19) x 2.2 + 6.34, motherboard 66.1,
// assembly 6.68, power supplies 2 x 2.99 x 24.3, rack 150; lifetime 35,040 h.
const double dell_te = 41.4472 + 12.0 * (32.0 / (13.688 / 11.0) * 2.2 + 5.22) + (400.0 / (1042.8 / 19.0) * 2.2 + 6.34) +
                       66.1 + 6.68 + 2.0 * 2.99 * 24.3 + 150.0;
const double dell_low = 41.4472 + 12.0 * (32.0 / 2.375 * 2.2 + 5.22) + 13.215 + 66.1 + 6.68 + 24.3 + 150.0;
const double dell_high = 41.4472 + 1414.32 + (400.0 / 16.4 * 2.2 + 6.34) + 66.1 + 6.68 + 243.0 + 150.0;

datacenter_inputs inventory_site() {
  datacenter_inputs dc;
  dc.pue = 1.25;
  dc.grid.intensity_kg_per_kwh = 0.05;
  equipment_item web;
  web.name = "web";
  web.count = 20;
  web.idle_w = 120;
  web.max_w = 400;
  web.utilization = 0.3;
  web.hours = 8760;
  web.archetype = "dellR740";
  equipment_item storage;
  storage.name = "storage";
  storage.count = 4;
  storage.power_w = 350;
  storage.hours = 8760;
  storage.embodied_kg = 1500;
  storage.lifetime_h = 43800;
  dc.equipment = {web, storage};
  return dc;
}

grid::hourly_energy kwh_at(const char* time, double kwh) {
  grid::hourly_energy h;
  h.time = grid::parse_time(time);
  h.kwh = kwh;
  return h;
}

// Zone FR, 100, 200, 300 and 400 g/kWh for the four hours from 2026-01-01T00:00Z.
const grid::intensity_series& four_hours() {
  static const grid::intensity_series s = [] {
    std::vector<grid::intensity_row> rows;
    for (int i = 0; i < 4; ++i) {
      grid::intensity_row r;
      r.zone = "FR";
      r.time = grid::parse_time("2026-01-01T00:00:00Z") + std::chrono::hours{i};
      r.intensity_g_per_kwh = 100.0 * (i + 1);
      r.line = static_cast<std::size_t>(i) + 1;
      rows.push_back(r);
    }
    return grid::intensity_series::from_rows(rows);
  }();
  return s;
}

datacenter_hourly hourly_site() {
  datacenter_hourly h;
  h.series = &four_hours();
  h.zone = "FR";
  h.consumption = {kwh_at("2026-01-01T00:00:00Z", 10), kwh_at("2026-01-01T01:00:00Z", 10),
                   kwh_at("2026-01-01T02:00:00Z", 10), kwh_at("2026-01-01T03:00:00Z", 10)};
  h.clean_supply = {kwh_at("2026-01-01T00:00:00Z", 10), kwh_at("2026-01-01T01:00:00Z", 5),
                    kwh_at("2026-01-01T03:00:00Z", 20)};
  return h;
}

}  // namespace

TEST_CASE("datacenter: IT energy and embodied share from an equipment inventory") {
  const auto r = datacenter(shipped(), inventory_site());
  // web: 20 x (120 + 0.3 x (400 - 120)) W = 20 x 204 W x 8760 h / 1000 = 35,740.8 kWh;
  // storage: 4 x 350 W x 8760 h / 1000 = 12,264 kWh. IT = 48,004.8 kWh; x PUE 1.25 = 60,006 kWh;
  // x 0.05 kg/kWh = 3,000.3 kg.
  REQUIRE(r.equipment.size() == 2);
  CHECK(r.equipment[0].it_energy_kwh == exactly(35740.8));
  CHECK(r.equipment[1].it_energy_kwh == exactly(12264.0));
  CHECK(r.it_energy_kwh == exactly(48004.8));
  CHECK(r.facility_energy_kwh == exactly(60006.0));
  CHECK(r.operational_kg == exactly(3000.3));
  // Embodied: web 20 x TE(R740) x 8760 / 35040 = 5 x TE; storage 4 x 1500 kg x 8760 / 43800 = 1200 kg.
  CHECK(r.equipment[0].embodied_kg == exactly(5.0 * dell_te));
  CHECK(r.equipment[1].embodied_kg == exactly(1200.0));
  CHECK(r.embodied_kg == exactly(5.0 * dell_te + 1200.0));
  CHECK(r.co2e_kg == exactly(3000.3 + 5.0 * dell_te + 1200.0));
  CHECK(*r.low_kg == exactly(3000.3 + 5.0 * dell_low + 1200.0));
  CHECK(*r.high_kg == exactly(3000.3 + 5.0 * dell_high + 1200.0));
  // No certificates, no residual mix: market-based = 60,006 x 0.05 (flagged) + embodied.
  CHECK(*r.co2e_market_kg == exactly(3000.3 + 5.0 * dell_te + 1200.0));
  CHECK(r.figure("web utilization")->value == 0.3);
  CHECK(r.figure("cpu die impact")->origin == "boaviztapi-hardware.embodied.cpu.per_die_area");
  CHECK(std::find(r.steps.begin(), r.steps.end(), "web = 20 x (120 + 0.3 x (400 - 120)) W x 8760 h / 1000 = 35740.8 kWh") !=
        r.steps.end());
  CHECK(std::find(r.steps.begin(), r.steps.end(), "storage embodied = 4 x 1500 kg x 8760 h / 43800 h = 1200 kg") !=
        r.steps.end());
}

TEST_CASE("datacenter: inventory errors name the item's field") {
  auto dc = inventory_site();
  dc.it_energy_kwh = 1000;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'it_energy_kwh': found 1000 kWh, expected either it_energy_kwh or an equipment inventory, "
                       "not both",
                       input_error);
  dc = inventory_site();
  dc.equipment[1].power_w.reset();
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'equipment[1].power_w': found nothing, expected the average power of one unit in W, or "
                       "idle_w, max_w and utilization (0-1)",
                       input_error);
  dc = inventory_site();
  dc.equipment[0].utilization = 1.5;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'equipment[0].utilization': found 1.5, expected a fraction from 0 to 1", input_error);
  dc = inventory_site();
  dc.equipment[1].lifetime_h.reset();
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'equipment[1].lifetime_h': found nothing, expected the lifetime of one unit in hours (the "
                       "archetype gives none)",
                       input_error);
  dc = inventory_site();
  dc.equipment[0].archetype = "no-such-server";
  CHECK_THROWS_AS((void)datacenter(shipped(), dc), lookup_error);
  datacenter_inputs empty;
  empty.pue = 1.2;
  empty.grid.intensity_kg_per_kwh = 0.1;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), empty),
                       "field 'it_energy_kwh': found nothing, expected the IT energy in kWh, an equipment inventory, or "
                       "hourly consumption",
                       input_error);
}

TEST_CASE("datacenter: hour-matched clean supply gives the market-based emissions and the CFE score") {
  datacenter_inputs dc;
  dc.pue = 1.25;
  dc.grid.intensity_kg_per_kwh = 0.25;
  dc.hourly = hourly_site();
  const auto r = datacenter(shipped(), dc);
  // Consumption 10 kWh each hour, 40 kWh: IT = 40 / 1.25 = 32 kWh. Clean supply 10, 5, 0, 20: matched
  // 10 + 5 + 0 + 10 = 25 kWh, CFE = 25 / 40 = 0.625. Unmatched 0, 5, 10, 0 kWh x 100, 200, 300, 400 g/kWh
  // = 5 x 0.2 + 10 x 0.3 = 4 kg. Location-based: 40 x 0.25 = 10 kg. Excess supply of hour 3: 10 kWh.
  CHECK(r.it_energy_kwh == exactly(32.0));
  CHECK(r.facility_energy_kwh == exactly(40.0));
  CHECK(r.operational_kg == exactly(10.0));
  REQUIRE(r.cfe_score);
  CHECK(*r.cfe_score == exactly(0.625));
  CHECK(*r.clean_matched_kwh == exactly(25.0));
  CHECK(*r.co2e_market_kg == exactly(4.0));
  CHECK(warned(r, "10 kWh of clean supply match no consumption of their hour"));

  dc.it_energy_kwh = 32;  // consistent with the meter: the same result
  CHECK(*datacenter(shipped(), dc).co2e_market_kg == exactly(4.0));
  dc.it_energy_kwh = 50;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'hourly.consumption': found 40 kWh in all, expected the facility energy, 62.5 kWh (IT "
                       "energy x PUE)",
                       input_error);
  dc.it_energy_kwh.reset();
  dc.certificates_kwh = 10;
  CHECK_THROWS_WITH_AS((void)datacenter(shipped(), dc),
                       "field 'certificates_kwh': found 10 kWh, expected 0 with hourly data (the hourly clean supply is "
                       "the claim)",
                       input_error);
}

TEST_CASE("datacenter: unmatched hours outside the intensity series are priced at the residual mix and said") {
  datacenter_inputs dc;
  dc.pue = 1.0;
  dc.grid.intensity_kg_per_kwh = 0.25;
  dc.residual_mix_kg_per_kwh = 0.5;
  dc.hourly = hourly_site();
  dc.hourly->consumption.push_back(kwh_at("2026-01-01T05:00:00Z", 10));
  dc.embodied_kg = 2;
  const auto r = datacenter(shipped(), dc);
  // As above, 4 kg, plus 10 kWh after the series x 0.5 kg/kWh = 5 kg: 9 kg; + 2 kg embodied = 11 kg.
  // CFE = 25 / 50 = 0.5. Location-based 50 x 0.25 + 2 = 14.5 kg.
  CHECK(*r.cfe_score == exactly(0.5));
  CHECK(*r.co2e_market_kg == exactly(11.0));
  CHECK(r.co2e_kg == exactly(14.5));
  CHECK(warned(r, "10 unmatched kWh fall in hours the intensity series does not cover: priced at 0.5 kg/kWh"));
}
