// Server manufacturing emissions by BoaviztAPI's component method (include/ghgkit/digital/server_embodied.hpp).
// Every expected value is worked by hand from factors/hardware/boaviztapi.yaml and boaviztapi_servers.yaml:
//   CPU 0.0197 kg/mm2 of die + 9.14 kg; RAM and SSD 2.2 kg/cm2 of die + 5.22 kg (RAM) or 6.34 kg (SSD);
//   HDD 31.11 kg; motherboard 66.1 kg; power supply 24.3 kg/kg; rack case 150 kg; blade 30.9 kg + 880 kg
//   per 16-slot enclosure; assembly 6.68 kg.
//   RAM die densities (11 entries, GB/cm2): 1.125 0.75 0.875 2.375 1.75 1.25 0.625 1.313 1.875 1.0 0.75,
//   sum 13.688, mean 13.688 / 11 = 1.24436, least 0.625, greatest 2.375.
//   SSD die densities (19 entries): 16.4 90.9 96.9 128 49.6 28.5 57.5 76.3 19 23 33 53.6 41 71 57 48.5 31
//   45.5 76.1, sum 1042.8, mean 1042.8 / 19 = 54.8842, least 16.4, greatest 128.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ghgkit/digital/server_embodied.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

constexpr double ram_mean = 13.688 / 11.0;
constexpr double ssd_mean = 1042.8 / 19.0;

const server_component& part(const server_footprint& r, std::string_view name) {
  const auto it = std::find_if(r.components.begin(), r.components.end(), [&](const auto& c) { return c.name == name; });
  REQUIRE(it != r.components.end());
  return *it;
}

bool warned(const footprint& r, std::string_view text) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("server embodied: the Dell R740 archetype component by component") {
  server_embodied_inputs in;
  in.archetype = "dellR740";
  const auto r = server_embodied(shipped(), in);
  // CPU: 2 x (24 cores x 24.5 mm2 x 0.0197 + 9.14) = 2 x (588 x 0.0197 + 9.14) = 2 x 20.7236 = 41.4472 kg.
  CHECK(part(r, "cpu").kg == exactly(2.0 * (24.0 * 24.5 * 0.0197 + 9.14)));
  CHECK(part(r, "cpu").kg == exactly(41.4472));
  // RAM: 12 x (32 GB / 1.24436 x 2.2 + 5.22) = 12 x (25.716 x 2.2 + 5.22) = 12 x 61.7951 = 741.541 kg;
  // low at the densest die (2.375): 12 x (13.4737 x 2.2 + 5.22) = 418.345; high at 0.625: 12 x 117.86 = 1414.32.
  CHECK(part(r, "ram").kg == exactly(12.0 * (32.0 / ram_mean * 2.2 + 5.22)));
  CHECK(part(r, "ram").low_kg == exactly(12.0 * (32.0 / 2.375 * 2.2 + 5.22)));
  CHECK(part(r, "ram").high_kg == exactly(1414.32));
  // SSD: 1 x (400 GB / 54.8842 x 2.2 + 6.34) = 7.28807 x 2.2 + 6.34 = 22.3738 kg; low 400/128: 13.215; high
  // 400/16.4: 59.9985.
  CHECK(part(r, "ssd").kg == exactly(400.0 / ssd_mean * 2.2 + 6.34));
  CHECK(part(r, "ssd").low_kg == exactly(13.215));
  CHECK(part(r, "ssd").high_kg == exactly(400.0 / 16.4 * 2.2 + 6.34));
  // Power supplies {2, 1, 2} units x {2.99, 1, 5} kg x 24.3 kg/kg: 145.314 kg (low 1 x 1 x 24.3, high 2 x 5 x 24.3).
  CHECK(part(r, "power_supply").kg == exactly(2.0 * 2.99 * 24.3));
  CHECK(part(r, "power_supply").low_kg == exactly(24.3));
  CHECK(part(r, "power_supply").high_kg == exactly(243.0));
  CHECK(part(r, "case").kg == exactly(150.0));
  CHECK(part(r, "motherboard").kg == exactly(66.1));
  CHECK(part(r, "assembly").kg == exactly(6.68));
  CHECK(std::none_of(r.components.begin(), r.components.end(), [](const auto& c) { return c.name == "hdd"; }));
  // Total 41.4472 + 741.541 + 22.3738 + 66.1 + 6.68 + 145.314 + 150 = 1173.46 kg.
  const double total = 41.4472 + 12.0 * (32.0 / ram_mean * 2.2 + 5.22) + (400.0 / ssd_mean * 2.2 + 6.34) + 66.1 +
                       6.68 + 2.0 * 2.99 * 24.3 + 150.0;
  CHECK(r.embodied_kg == exactly(total));
  CHECK(r.co2e_kg == r.embodied_kg);
  CHECK(r.energy_kwh == 0.0);
  // Low: 41.4472 + 418.345 + 13.215 + 66.1 + 6.68 + 24.3 + 150 = 720.087; high: 41.4472 + 1414.32 + 59.9985 + 66.1
  // + 6.68 + 243 + 150 = 1981.55.
  CHECK(*r.low_kg == exactly(41.4472 + 12.0 * (32.0 / 2.375 * 2.2 + 5.22) + 13.215 + 66.1 + 6.68 + 24.3 + 150.0));
  CHECK(*r.high_kg == exactly(41.4472 + 1414.32 + (400.0 / 16.4 * 2.2 + 6.34) + 66.1 + 6.68 + 243.0 + 150.0));
  CHECK(r.archetype == "dellR740");
  REQUIRE(r.lifetime_h);
  CHECK(*r.lifetime_h == 35040.0);

  const auto* die = r.figure("cpu die impact");
  REQUIRE(die != nullptr);
  CHECK(die->origin == "boaviztapi-hardware.embodied.cpu.per_die_area");
  CHECK(die->source_id == "boaviztapi-hardware");
  CHECK(r.figure("cpu core units")->origin == "boaviztapi-hardware.server.dellr740");
  CHECK(r.figure("ram die density")->origin == "mean of hardware.ram.die_density (11 entries)");
  CHECK(r.steps.front() == "cpu = 2 CPU x (588 mm2 x 0.0197 kg/mm2 + 9.14 kg) = 41.4472 kg");
  CHECK(warned(r, "ram die density not given"));
}

TEST_CASE("server embodied: an OVHcloud storage archetype with hard disks") {
  server_embodied_inputs in;
  in.archetype = "Storage_Optimized_i1";
  const auto r = server_embodied(shipped(), in);
  // CPU 2 x (64 x 16.625 mm2 = 1064 mm2 x 0.0197 + 9.14) = 2 x 30.1008 = 60.2016 kg.
  CHECK(part(r, "cpu").kg == exactly(60.2016));
  // RAM 16 x (32 / 1.24436 x 2.2 + 5.22); SSD 1 x (50 / 54.8842 x 2.2 + 6.34); HDD 2 x 31.11 = 62.22 kg.
  CHECK(part(r, "ram").kg == exactly(16.0 * (32.0 / ram_mean * 2.2 + 5.22)));
  CHECK(part(r, "ssd").kg == exactly(50.0 / ssd_mean * 2.2 + 6.34));
  CHECK(part(r, "hdd").kg == exactly(62.22));
  CHECK(part(r, "hdd").units == 2.0);
  // Power supplies {2, 2, 2} x {2.99, 1, 5} kg: 145.314 (low 48.6, high 243).
  CHECK(part(r, "power_supply").low_kg == exactly(2.0 * 1.0 * 24.3));
  const double total = 60.2016 + 16.0 * (32.0 / ram_mean * 2.2 + 5.22) + (50.0 / ssd_mean * 2.2 + 6.34) + 62.22 + 66.1 +
                       6.68 + 2.0 * 2.99 * 24.3 + 150.0;
  CHECK(r.embodied_kg == exactly(total));
  CHECK(*r.lifetime_h == 52560.0);
}

TEST_CASE("server embodied: the GPUs of an archetype are said not to be counted") {
  server_embodied_inputs in;
  in.archetype = "GPU_t2";
  const auto r = server_embodied(shipped(), in);
  CHECK(warned(r, "the archetype's 2 GPU(s) (Tesla V100S) are not counted"));
  // RAM 30 x (90 / 1.24436 x 2.2 + 5.22).
  CHECK(part(r, "ram").kg == exactly(30.0 * (90.0 / ram_mean * 2.2 + 5.22)));
}

TEST_CASE("server embodied: arguments replace the archetype's figures and show as arguments") {
  server_embodied_inputs in;
  in.archetype = "dellR740";
  in.cpu_core_units = 16;
  in.ram_density_gb_per_cm2 = 1.25;
  in.psu_units = 1;
  in.case_type = "blade";
  const auto r = server_embodied(shipped(), in);
  // CPU 2 x (16 x 24.5 = 392 mm2 x 0.0197 + 9.14) = 2 x 16.8624 = 33.7248 kg.
  CHECK(part(r, "cpu").kg == exactly(33.7248));
  // RAM 12 x (32 / 1.25 x 2.2 + 5.22) = 12 x (25.6 x 2.2 + 5.22) = 12 x 61.54 = 738.48 kg, no range.
  CHECK(part(r, "ram").kg == exactly(738.48));
  CHECK(part(r, "ram").low_kg == exactly(738.48));
  CHECK(part(r, "ram").high_kg == exactly(738.48));
  // One power supply {2.99, 1, 5} kg: 72.657 kg (low 24.3, high 121.5).
  CHECK(part(r, "power_supply").kg == exactly(2.99 * 24.3));
  CHECK(part(r, "power_supply").high_kg == exactly(121.5));
  // Blade: 30.9 + 880 / 16 = 30.9 + 55 = 85.9 kg.
  CHECK(part(r, "case").kg == exactly(85.9));
  CHECK(r.figure("cpu core units")->origin == "argument");
  CHECK(r.figure("ram die density")->origin == "argument");
  CHECK(r.figure("psu units")->origin == "argument");
  CHECK(r.figure("psu weight")->origin == "boaviztapi-hardware.server.dellr740");
  CHECK(std::find(r.steps.begin(), r.steps.end(), "case (blade) = 30.9 kg + 880 kg / 16 slots = 85.9 kg") !=
        r.steps.end());
}

TEST_CASE("server embodied: a server described by its components alone takes BoaviztAPI's DEFAULT component figures") {
  server_embodied_inputs in;
  in.cpu_die_size_mm2 = 400;
  in.ram_units = 4;
  in.ram_density_gb_per_cm2 = 1.0;
  in.hdd_units = 1;
  const auto r = server_embodied(shipped(), in);
  // CPU: DEFAULT units 1 x (400 x 0.0197 + 9.14) = 17.02 kg.
  CHECK(part(r, "cpu").kg == exactly(17.02));
  CHECK(r.figure("cpu units")->origin == "boaviztapi-hardware.component.cpu.default.units");
  // RAM: 4 x (DEFAULT 32 GB {1-128} / 1.0 x 2.2 + 5.22) = 4 x 75.62 = 302.48; low 4 x (1 x 2.2 + 5.22) = 29.68,
  // high 4 x (128 x 2.2 + 5.22) = 1147.28.
  CHECK(part(r, "ram").kg == exactly(302.48));
  CHECK(part(r, "ram").low_kg == exactly(29.68));
  CHECK(part(r, "ram").high_kg == exactly(1147.28));
  CHECK(part(r, "hdd").kg == exactly(31.11));
  // Power supply: DEFAULT 1 unit x 2.99 kg {1-5} x 24.3 = 72.657.
  CHECK(part(r, "power_supply").kg == exactly(72.657));
  CHECK(part(r, "case").kg == exactly(150.0));
  CHECK(warned(r, "case_type not given: a rack case is assumed"));
  CHECK(r.embodied_kg == exactly(17.02 + 302.48 + 31.11 + 66.1 + 6.68 + 72.657 + 150.0));
  CHECK_FALSE(r.lifetime_h);
}

TEST_CASE("server embodied: a CPU without a die size takes the mean die area of the catalogued CPUs") {
  server_embodied_inputs in;
  in.archetype = "c5.metal";  // 2 x Intel Xeon Platinum 8275CL, no die size in the archetype
  const auto r = server_embodied(shipped(), in);
  // Catalogued CPUs with a die size (cores x die size per core, boaviztapi_servers.yaml): dellR740's
  // 24 x 24.5 = 588, AMD EPYC 7763 64 x 16.625 = 1064, Core i7-4940MX 4 x 155.5 = 622, Xeon E-2274G
  // 4 x 135 = 540, Xeon E-2288G 8 x 67.5 = 540 mm2: mean 3354 / 5 = 670.8, range 540-1064.
  // cpu = 2 x (670.8 x 0.0197 + 9.14) = 44.70952; low 2 x (540 x 0.0197 + 9.14) = 39.556;
  // high 2 x (1064 x 0.0197 + 9.14) = 60.2016 kg.
  CHECK(part(r, "cpu").kg == exactly(44.70952));
  CHECK(part(r, "cpu").low_kg == exactly(39.556));
  CHECK(part(r, "cpu").high_kg == exactly(60.2016));
  CHECK(r.figure("cpu die size")->origin == "mean of 5 catalogued CPUs (server archetypes)");
  CHECK(warned(r, "cpu die size unknown (archetype 'c5.metal' gives no die size (its CPU: 'Intel Xeon Platinum "
                  "8275CL')): the mean die area of the 5 CPUs the server archetypes describe, 670.8 mm2 per CPU "
                  "(range 540-1064); give cpu_die_size_mm2"));
}

TEST_CASE("server embodied: errors name the field or the archetype") {
  server_embodied_inputs in;
  in.archetype = "no-such-server";
  CHECK_THROWS_WITH_AS((void)server_embodied(shipped(), in),
                       "field 'archetype': found 'no-such-server', expected a server archetype of the database (its id "
                       "or name, e.g. 'platform_compute_medium' or 'dellR740')",
                       lookup_error);
  in.archetype = "dellR740";
  in.case_type = "tower";
  CHECK_THROWS_WITH_AS((void)server_embodied(shipped(), in), "field 'case_type': found 'tower', expected 'rack' or 'blade'",
                       input_error);
  in.case_type.reset();
  in.ram_units = -1;
  CHECK_THROWS_WITH_AS((void)server_embodied(shipped(), in), "field 'ram_units': found -1, expected a finite number >= 0",
                       input_error);
}

TEST_CASE("server embodied share: hours of a share over the archetype's lifetime") {
  server_share_inputs in;
  in.server.archetype = "dellR740";
  in.hours = 8760;
  in.share = 0.5;
  const auto server = server_embodied(shipped(), in.server);
  const auto m = server_embodied_share(shipped(), in);
  // TE x 8760 h / 35040 h x 0.5 = TE x 0.125.
  CHECK(m.embodied_kg == exactly(server.embodied_kg * 8760.0 / 35040.0 * 0.5));
  CHECK(*m.low_kg == exactly(*server.low_kg * 0.125));
  CHECK(*m.high_kg == exactly(*server.high_kg * 0.125));
  CHECK(m.figure("lifetime")->origin == "boaviztapi-hardware.server.dellr740");
  in.lifetime_h = 8760 * 5;
  CHECK(server_embodied_share(shipped(), in).embodied_kg == exactly(server.embodied_kg * 0.1));
  server_share_inputs bare;
  bare.server.cpu_die_size_mm2 = 400;
  bare.hours = 1;
  CHECK_THROWS_WITH_AS((void)server_embodied_share(shipped(), bare),
                       "field 'lifetime_h': found nothing, expected the server's lifetime in hours (no archetype gives one)",
                       input_error);
}

TEST_CASE("instance embodied: an OVHcloud b3-8 instance shares its platform by vCPU") {
  // b3-8: 2 vCPU on General_Purpose_b3 (2 x AMD EPYC 7763, 128 threads each: 256 vCPUs), lifetime 52,560 h.
  // TE = 2 x (64 x 16.625 x 0.0197 + 9.14) + 8 x (16 / 1.24436 x 2.2 + 5.22) + (400 / 54.8842 x 2.2 + 6.34) + 66.1
  //      + 6.68 + 2 x 2.99 x 24.3 + 150.
  const double te = 60.2016 + 8.0 * (16.0 / ram_mean * 2.2 + 5.22) + (400.0 / ssd_mean * 2.2 + 6.34) + 66.1 + 6.68 +
                    2.0 * 2.99 * 24.3 + 150.0;
  const auto r = instance_embodied(shipped(), "ovhcloud", "b3-8", 2.0 * 720.0);
  // 1440 vCPU-h: TE x 1440 / (256 x 52560).
  CHECK(r.embodied_kg == exactly(te * 1440.0 / (256.0 * 52560.0)));
  CHECK(r.co2e_kg == r.embodied_kg);
  REQUIRE(r.low_kg);
  CHECK(*r.low_kg < r.embodied_kg);
  CHECK(*r.high_kg > r.embodied_kg);
  CHECK(r.figure("platform cpu threads")->value == 128.0);
  CHECK(r.figure("lifetime")->value == 52560.0);
}

TEST_CASE("instance embodied: an AWS platform without die size takes it as an argument and its vCPUs from the catalogue") {
  instance_embodied_inputs in;
  in.provider = "aws";
  in.instance_type = "c5.xlarge";
  in.vcpu_hours = 4.0 * 100.0;
  // Without the die size: the catalogued CPUs' mean die area, 670.8 mm2 (see the c5.metal case above).
  const double te_mean = 2.0 * (670.8 * 0.0197 + 9.14) + 12.0 * (16.0 / ram_mean * 2.2 + 5.22) + 66.1 + 6.68 +
                         2.0 * 2.99 * 24.3 + 150.0;
  CHECK(instance_embodied(shipped(), in).embodied_kg == exactly(te_mean * 400.0 / (72.0 * 52560.0)));
  in.server.cpu_die_size_mm2 = 694;
  const auto r = instance_embodied(shipped(), in);
  // c5.18xlarge: 2 CPUs, 12 x 16 GB RAM, no disk; 72 vCPUs (the catalogue's c5.18xlarge), 52,560 h.
  // TE = 2 x (694 x 0.0197 + 9.14) + 12 x (16 / 1.24436 x 2.2 + 5.22) + 66.1 + 6.68 + 2 x 2.99 x 24.3 + 150.
  const double te = 2.0 * (694.0 * 0.0197 + 9.14) + 12.0 * (16.0 / ram_mean * 2.2 + 5.22) + 66.1 + 6.68 +
                    2.0 * 2.99 * 24.3 + 150.0;
  CHECK(r.embodied_kg == exactly(te * 400.0 / (72.0 * 52560.0)));
  CHECK(r.figure("platform vcpu")->origin == "boaviztapi-cloud.aws.c5-18xlarge");
  CHECK(r.figure("cpu die size")->origin == "argument");
  in.platform_vcpu = 96;
  in.lifetime_h = 35040;
  CHECK(instance_embodied(shipped(), in).embodied_kg == exactly(te * 400.0 / (96.0 * 35040.0)));
  in.instance_type = "c5.nonexistent";
  CHECK_THROWS_WITH_AS((void)instance_embodied(shipped(), in),
                       "field 'instance_type': found 'c5.nonexistent', expected an instance type of provider 'aws' whose "
                       "platform the instance catalogue gives (factors/cloud/boaviztapi_instances.yaml)",
                       lookup_error);
}
