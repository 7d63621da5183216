// Cloud usage for providers Cloud Carbon Footprint does not cover: OVHcloud, Scaleway and Outscale on
// the shipped database (factors/cloud/ccf_generic.yaml, green_algorithms.yaml, mlco2_impact.yaml,
// boaviztapi_regions.yaml, outscale_regions.yaml), and a provider added by a user's YAML only. Every
// expected value is worked by hand from the coefficients cited beside it.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ghgkit/digital/cloud.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

cloud_usage_inputs usage(const std::string& provider, const std::string& region) {
  cloud_usage_inputs in;
  in.provider = provider;
  in.region = region;
  in.vcpu_hours = 720;
  return in;
}

bool warned(const footprint& f, const std::string& text) {
  return std::any_of(f.warnings.begin(), f.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

std::string origin_of(const footprint& f, const std::string& name) {
  const used_figure* u = f.figure(name);
  return u == nullptr ? std::string("(none)") : u->origin;
}

// The country grid average that a region without its own factor takes (FR, latest year):
// owid-energy.electricity.grid.FR.2023, 56.039 gCO2e/kWh (factors/electricity/owid_energy.yaml).
constexpr double fr_grid_kg_per_kwh = 0.056039;

}  // namespace

TEST_CASE("cloud usage: OVHcloud takes CCF's provider-independent figures, Green Algorithms' PUE, its region factor") {
  const footprint r = cloud_usage(shipped(), usage("ovhcloud", "gra"));
  // ccf-generic.ovhcloud.compute.{min,max}_power_per_vcpu.average: 0.74 and (3.5 + 3.54) / 2 = 3.52 W/vCPU;
  // ccf-generic.ovhcloud.compute.average_cpu_utilization.2020: 0.5
  //   compute = (0.74 + 0.5 x 2.78) W x 720 h / 1000 = 2.13 x 0.72 = 1.5336 kWh
  // green-algorithms-cloud.ovhcloud.datacenter.pue 1.09: E = 1.671624 kWh
  // mlco2-impact-cloud.cloud.electricity.ovhcloud.gra.2018-2021: 105 g/kWh -> 0.17552052 kg
  CHECK(r.energy_kwh == exactly(1.5336 * 1.09));
  CHECK(r.co2e_kg == exactly(1.5336 * 1.09 * 0.105));
  CHECK(origin_of(r, "min watts per vCPU") == "ccf-generic.ovhcloud.compute.min_power_per_vcpu.average");
  CHECK(origin_of(r, "max watts per vCPU") == "ccf-generic.ovhcloud.compute.max_power_per_vcpu.average");
  CHECK(origin_of(r, "pue") == "green-algorithms-cloud.ovhcloud.datacenter.pue");
  CHECK(origin_of(r, "grid intensity") == "mlco2-impact-cloud.cloud.electricity.ovhcloud.gra.2018-2021");
  CHECK(warned(r, "coefficients of provider 'ovhcloud' from source 'ccf-generic'"));
  CHECK(warned(r, "pue of ovhcloud: source 'green-algorithms-cloud' (the provider's figure)"));
}

TEST_CASE("cloud usage: a catalogued region without its own factor takes its country's grid average") {
  // BoaviztAPI's OVHcloud region eu-west-sbg is in France (boaviztapi-cloud.ovhcloud.eu-west-sbg); same
  // energy as above.
  const footprint r = cloud_usage(shipped(), usage("ovhcloud", "eu-west-sbg"));
  CHECK(r.co2e_kg == exactly(1.5336 * 1.09 * fr_grid_kg_per_kwh));
  CHECK(origin_of(r, "grid intensity") == "owid-energy.electricity.grid.FR.2023");
  CHECK(warned(r, "no grid factor for the cloud region ovhcloud eu-west-sbg: the grid average of its country FR "
                  "(cloud region catalogue entry 'boaviztapi-cloud.ovhcloud.eu-west-sbg')"));
}

TEST_CASE("cloud usage: Scaleway and Outscale without a PUE of their own take the industry average, warned") {
  // green-algorithms-cloud.datacenter.pue.unknown_provider: 1.56 (Uptime Institute 2024 survey).
  // Scaleway fr-par (boaviztapi-cloud.scaleway.fr-par, FR) and Outscale eu-west-2 (outscale-regions, FR).
  for (const auto& [provider, region, catalogue_id] :
       {std::tuple<std::string, std::string, std::string>{"scaleway", "fr-par", "boaviztapi-cloud.scaleway.fr-par"},
        {"outscale", "eu-west-2", "outscale-regions.outscale.eu-west-2"}}) {
    CAPTURE(provider);
    const footprint r = cloud_usage(shipped(), usage(provider, region));
    CHECK(r.energy_kwh == exactly(1.5336 * 1.56));
    CHECK(r.co2e_kg == exactly(1.5336 * 1.56 * fr_grid_kg_per_kwh));
    CHECK(origin_of(r, "pue") == "green-algorithms-cloud.datacenter.pue.unknown_provider");
    CHECK(origin_of(r, "cpu utilization") == "ccf-generic." + provider + ".compute.average_cpu_utilization.2020");
    CHECK(warned(r, "no PUE for provider '" + provider + "' in the database: the industry average 1.56"));
    CHECK(warned(r, "(cloud region catalogue entry '" + catalogue_id + "')"));
  }
  // Scaleway's one region factor (ML CO2 Impact, 'Paris', 105 g/kWh) is used under its own name.
  const footprint paris = cloud_usage(shipped(), usage("scaleway", "paris"));
  CHECK(paris.co2e_kg == exactly(1.5336 * 1.56 * 0.105));
}

TEST_CASE("cloud usage: memory, storage, network and a microarchitecture for a generic provider") {
  auto in = usage("outscale", "eu-west-2");
  in.microarchitecture = "Cascade Lake";
  in.cpu_utilization = 0.25;
  in.memory_gb_hours = 2000;
  in.storage_tb_hours = 5;
  in.storage_type = "hdd";
  in.replication = 3;
  in.network_gb = 100;
  in.pue = 1.3;
  const footprint r = cloud_usage(shipped(), in);
  // ccf-generic.outscale.compute.{min,max}_power_per_vcpu.cascade_lake: 0.64 / 3.97 W
  //   compute = (0.64 + 0.25 x 3.33) x 720 / 1000 = 1.4725 x 0.72 = 1.0602 kWh
  // memory 2000 x 0.000392 = 0.784 kWh; HDD 5 x 0.65 / 1000 x 3 = 0.00975 kWh; network 100 x 0.001 = 0.1 kWh
  // IT = 1.95395 kWh; x 1.3 = 2.540135 kWh; x 0.056039 kg/kWh
  CHECK(r.energy_kwh == exactly(1.95395 * 1.3));
  CHECK(r.co2e_kg == exactly(1.95395 * 1.3 * fr_grid_kg_per_kwh));
  CHECK(origin_of(r, "hdd energy per TB-hour") == "ccf-generic.outscale.storage.hdd.energy_per_capacity_time.value");
  CHECK(origin_of(r, "pue") == "argument");
}

TEST_CASE("cloud usage: a provider added with YAML only") {
  const ghgkit_test::temp_dir dir("cloud-provider");
  dir.write("provider.yaml", R"(schema: ghgkit.coefficients/1
coefficients:
  - {id: my.hetzner.min, quantity: cloud.compute.min_power_per_vcpu, value: 1.0, unit: W/vCPU, provider: hetzner, key: average, source: my-measurements}
  - {id: my.hetzner.max, quantity: cloud.compute.max_power_per_vcpu, value: 5.0, unit: W/vCPU, provider: hetzner, key: average, source: my-measurements}
  - {id: my.hetzner.util, quantity: cloud.compute.average_cpu_utilization, value: 0.4, unit: "1", provider: hetzner, source: my-measurements}
  - {id: my.hetzner.pue, quantity: cloud.datacenter.pue, value: 1.2, unit: "1", provider: hetzner, key: average, source: my-measurements}
cloud_regions:
  - {id: my.hetzner.fsn1, provider: hetzner, region: fsn1, country: DE, source: my-measurements}
)");
  dir.write("sources.yaml", R"(schema: ghgkit.factors/1
sources:
  - {id: my-measurements, publisher: Example Ltd, title: Our own metering, year: 2026, licence: internal}
)");
  const factor_database db = factor_database::load({ghgkit_test::shipped_factors(), dir.path()});
  auto in = usage("hetzner", "fsn1");
  in.intensity_kg_per_kwh = 0.4;
  const footprint r = cloud_usage(db, in);
  // (1 + 0.4 x 4) W x 720 h / 1000 = 1.872 kWh; x PUE 1.2 = 2.2464 kWh; x 0.4 kg/kWh
  CHECK(r.energy_kwh == exactly(1.872 * 1.2));
  CHECK(r.co2e_kg == exactly(1.872 * 1.2 * 0.4));
  CHECK(origin_of(r, "pue") == "my.hetzner.pue");
  CHECK(origin_of(r, "cpu utilization") == "my.hetzner.util");
  // Without an intensity: the catalogued region's country (DE), the grid average of the database.
  in.intensity_kg_per_kwh.reset();
  const footprint de = cloud_usage(db, in);
  CHECK(warned(de, "the grid average of its country DE"));
  CHECK(origin_of(de, "grid intensity").starts_with("owid-energy.electricity.grid.DE."));
}

TEST_CASE("cloud usage: a coefficient source that does not cover the provider is refused, naming those that do") {
  auto in = usage("ovhcloud", "gra");
  in.coefficient_source = "ccf";
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'coefficient_source': found 'ccf', expected a source of cloud coefficients for provider "
                       "'ovhcloud': ccf-generic",
                       lookup_error);
}

TEST_CASE("cloud usage: with an instance type, the platform server's embodied share is added, with its range") {
  auto in = usage("ovhcloud", "gra");
  in.vcpu_hours = 1440;  // a b3-8 (2 vCPU) for 720 h
  in.instance = "b3-8";
  const footprint r = cloud_usage(shipped(), in);
  // Operational: (0.74 + 0.5 x 2.78) x 1440 / 1000 = 3.0672 kWh x 1.09 x 0.105 kg/kWh.
  // Embodied (tests/cpp/digital/test_server_embodied.cpp, the b3-8 case): the platform General_Purpose_b3
  // (2 x AMD EPYC 7763, 8 x 16 GB RAM, one 400 GB SSD) TE x 1440 / (256 vCPU x 52,560 h).
  const double ram_mean = 13.688 / 11.0, ssd_mean = 1042.8 / 19.0;  // GB/cm2, means of the die densities
  const double te = 2.0 * (64.0 * 16.625 * 0.0197 + 9.14) + 8.0 * (16.0 / ram_mean * 2.2 + 5.22) +
                    (400.0 / ssd_mean * 2.2 + 6.34) + 66.1 + 6.68 + 2.0 * 2.99 * 24.3 + 150.0;
  const double operational = 3.0672 * 1.09 * 0.105;
  const double embodied = te * 1440.0 / (256.0 * 52560.0);
  CHECK(r.operational_kg == exactly(operational));
  CHECK(r.embodied_kg == exactly(embodied));
  CHECK(r.co2e_kg == exactly(operational + embodied));
  REQUIRE(r.low_kg);
  REQUIRE(r.high_kg);
  CHECK(*r.low_kg < r.co2e_kg);
  CHECK(*r.high_kg > r.co2e_kg);
  CHECK(origin_of(r, "platform cpu threads") == "boaviztapi-hardware.server.general_purpose_b3");
  CHECK_FALSE(warned(r, "embodied emissions not counted"));
  // The share needs vCPU-hours; an unknown instance type is named.
  in.vcpu_hours = 0;
  in.memory_gb_hours = 10;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'vcpu_hours': found 0, expected the vCPU-hours of the instance type, > 0 (the embodied "
                       "share is per vCPU-hour)",
                       input_error);
  in.vcpu_hours = 10;
  in.instance = "b9-99";
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'instance_type': found 'b9-99', expected an instance type of provider 'ovhcloud' whose "
                       "platform the instance catalogue gives (factors/cloud/boaviztapi_instances.yaml)",
                       lookup_error);
}
