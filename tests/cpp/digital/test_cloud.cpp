// Cloud usage by the Cloud Carbon Footprint method (include/ghgkit/digital/cloud.hpp), on the shipped
// database. Every expected value is worked by hand from the coefficients cited beside it
// (factors/cloud/ccf.yaml, ccf_electricity.yaml, google_gcp_2023.yaml, mlco2_impact.yaml).

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

}  // namespace

TEST_CASE("cloud usage: AWS defaults take CCF's averages, PUE and the region's grid factor") {
  auto in = usage("AWS", "eu-west-3");
  in.vcpu_hours = 720;
  in.memory_gb_hours = 1000;
  in.storage_tb_hours = 10;
  in.replication = 2;
  in.network_gb = 50;
  const footprint r = cloud_usage(shipped(), in);
  // ccf.aws.compute.{min,max}_power_per_vcpu.average 0.74 / 3.5 W/vCPU; ccf.aws.compute.average_cpu_utilization.2020 0.5
  //   compute = (0.74 + 0.5 x 2.76) W x 720 h / 1000 = 2.12 x 0.72 = 1.5264 kWh
  // ccf.aws.memory.energy_per_capacity_time.value 0.000392 kWh/GB.h: 1000 x 0.000392 = 0.392 kWh
  // ccf.aws.storage.ssd.energy_per_capacity_time.value 1.2 Wh/TB.h: 10 x 1.2 / 1000 x 2 = 0.024 kWh
  // ccf.aws.network.energy_per_data.value 0.001 kWh/GB: 50 x 0.001 = 0.05 kWh
  // IT = 1.9924 kWh; ccf.aws.datacenter.pue.average 1.135: E = 2.261374 kWh
  // ccf.cloud.electricity.aws.eu-west-3.2024 5.11e-05 t/kWh = 0.0511 kg/kWh: 0.1155562114 kg
  CHECK(r.energy_kwh == exactly(1.9924 * 1.135));
  CHECK(r.operational_kg == exactly(1.9924 * 1.135 * 0.0511));
  CHECK(r.co2e_kg == r.operational_kg);
  CHECK(r.embodied_kg == 0.0);
  CHECK(warned(r, "embodied emissions not counted"));
  CHECK(warned(r, "cpu_utilization not given: 0.5"));
  CHECK(warned(r, "microarchitecture not given: the average watts per vCPU of aws (source 'ccf')"));
  CHECK(origin_of(r, "min watts per vCPU") == "ccf.aws.compute.min_power_per_vcpu.average");
  CHECK(origin_of(r, "max watts per vCPU") == "ccf.aws.compute.max_power_per_vcpu.average");
  CHECK(origin_of(r, "cpu utilization") == "ccf.aws.compute.average_cpu_utilization.2020");
  CHECK(origin_of(r, "memory energy per GB-hour") == "ccf.aws.memory.energy_per_capacity_time.value");
  CHECK(origin_of(r, "ssd energy per TB-hour") == "ccf.aws.storage.ssd.energy_per_capacity_time.value");
  CHECK(origin_of(r, "network energy per GB") == "ccf.aws.network.energy_per_data.value");
  CHECK(origin_of(r, "pue") == "ccf.aws.datacenter.pue.average");
  CHECK(origin_of(r, "grid intensity") == "ccf.cloud.electricity.aws.eu-west-3.2024");
  REQUIRE(r.figure("grid intensity") != nullptr);
  CHECK(r.figure("grid intensity")->value == exactly(0.0511));
  CHECK(r.figure("grid intensity")->source_id == "ccf");
  CHECK(r.figure("pue")->source_id == "ccf");
  CHECK(r.figure("ssd energy per TB-hour")->value == exactly(1.2));
  CHECK(r.figure("ssd energy per TB-hour")->unit == "Wh/TB.h");
  CHECK(r.database_hash == shipped().content_hash());
  REQUIRE(r.steps.size() == 7);
  CHECK(r.steps[0] == "compute = (0.74 + 0.5 x (3.5 - 0.74)) W/vCPU x 720 vCPU-h / 1000 = 1.5264 kWh");
  CHECK(r.steps[1] == "memory = 1000 GB-h x 0.000392 kWh/GB.h = 0.392 kWh");
  CHECK(r.steps[2] == "storage (ssd) = 10 TB-h x 1.2 Wh/TB.h / 1000 x replication 2 = 0.024 kWh");
  CHECK(r.steps[3] == "network = 50 GB x 0.001 kWh/GB = 0.05 kWh");
  CHECK(r.steps[4] == "IT energy = 1.5264 (compute) + 0.392 (memory) + 0.024 (storage) + 0.05 (network) = 1.9924 kWh");
  CHECK(r.steps[5] == "E = 1.9924 kWh x PUE 1.135 = 2.26137 kWh");
  CHECK(r.steps[6] == "operational = 2.26137 kWh x 0.0511 kg/kWh = 0.115556 kg");
}

TEST_CASE("cloud usage: a GCP microarchitecture, the region's own PUE and Google's grid figure") {
  auto in = usage("gcp", "europe-west1");
  in.vcpu_hours = 100;
  in.cpu_utilization = 0.3;
  in.microarchitecture = "Cascade Lake";
  const footprint r = cloud_usage(shipped(), in);
  // ccf.gcp.compute.{min,max}_power_per_vcpu.cascade_lake 0.64 / 3.97 W/vCPU:
  //   (0.64 + 0.3 x 3.33) x 100 / 1000 = 1.639 x 0.1 = 0.1639 kWh
  // ccf.gcp.datacenter.pue.europe-west1 1.09 (CCF's region PUE): E = 0.178651 kWh
  // activity cloud.electricity.gcp.europe-west1 prefers Google's 2023 figure (factors/cloud/activities.yaml):
  //   google-region-carbon-2023.cloud.electricity.gcp.europe-west1.2023, 122 g/kWh = 0.122 kg/kWh -> 0.0217954 kg
  CHECK(r.energy_kwh == exactly(0.1639 * 1.09));
  CHECK(r.operational_kg == exactly(0.1639 * 1.09 * 0.122));
  CHECK(origin_of(r, "min watts per vCPU") == "ccf.gcp.compute.min_power_per_vcpu.cascade_lake");
  CHECK(origin_of(r, "cpu utilization") == "argument");
  CHECK(origin_of(r, "pue") == "ccf.gcp.datacenter.pue.europe-west1");
  CHECK(origin_of(r, "grid intensity") == "google-region-carbon-2023.cloud.electricity.gcp.europe-west1.2023");
  CHECK_FALSE(warned(r, "cpu_utilization not given"));
  CHECK_FALSE(warned(r, "microarchitecture not given"));

  // CCF's own region factor when asked by source: ccf.cloud.electricity.gcp.europe-west1.2024, 0.00011 t/kWh.
  in.grid_source = "ccf";
  const footprint c = cloud_usage(shipped(), in);
  CHECK(c.operational_kg == exactly(0.1639 * 1.09 * 0.11));
  CHECK(origin_of(c, "grid intensity") == "ccf.cloud.electricity.gcp.europe-west1.2024");
}

TEST_CASE("cloud usage: GCP without a microarchitecture uses CCF's median and an unlisted region the average PUE") {
  auto in = usage("gcp", "europe-west2");
  in.vcpu_hours = 1000;
  in.cpu_utilization = 0.5;
  const footprint r = cloud_usage(shipped(), in);
  // ccf.gcp.compute.{min,max}_power_per_vcpu.median 0.68 / 4.11: (0.68 + 0.5 x 3.43) x 1000 / 1000 = 2.395 kWh
  // europe-west2 has no PUE of its own in CCF: ccf.gcp.datacenter.pue.average 1.1 -> 2.6345 kWh
  CHECK(r.energy_kwh == exactly(2.395 * 1.1));
  CHECK(origin_of(r, "max watts per vCPU") == "ccf.gcp.compute.max_power_per_vcpu.median");
  CHECK(origin_of(r, "pue") == "ccf.gcp.datacenter.pue.average");
  CHECK(warned(r, "microarchitecture not given: the median watts per vCPU of gcp (source 'ccf')"));
}

TEST_CASE("cloud usage: GPU hours by CCF's min and max watts per GPU") {
  auto in = usage("aws", "us-east-1");
  in.gpu_hours = 10;
  in.gpu = "nvidia t4";
  in.gpu_utilization = 0.8;
  in.intensity_kg_per_kwh = 0.4;
  const footprint r = cloud_usage(shipped(), in);
  // ccf.aws.compute.{min,max}_power_per_accelerator.nvidia_t4 8 / 71 W/GPU: (8 + 0.8 x 63) x 10 / 1000 = 0.584 kWh
  // x ccf.aws.datacenter.pue.average 1.135 = 0.66284 kWh; x 0.4 kg/kWh (argument) = 0.265136 kg
  CHECK(r.energy_kwh == exactly(0.584 * 1.135));
  CHECK(r.co2e_kg == exactly(0.584 * 1.135 * 0.4));
  CHECK(origin_of(r, "min watts per GPU") == "ccf.aws.compute.min_power_per_accelerator.nvidia_t4");
  CHECK(origin_of(r, "grid intensity") == "argument");
  CHECK(r.steps[0] == "GPU = (8 + 0.8 x (71 - 8)) W/GPU x 10 GPU-h / 1000 = 0.584 kWh");

  // Without gpu_utilization, the CPU utilisation (CCF's average 0.5): (8 + 0.5 x 63) x 10 / 1000 = 0.395 kWh.
  in.gpu_utilization.reset();
  const footprint d = cloud_usage(shipped(), in);
  CHECK(d.energy_kwh == exactly(0.395 * 1.135));
  CHECK(warned(d, "gpu_utilization not given: the CPU utilisation 0.5 is used"));
}

TEST_CASE("cloud usage: Azure memory and HDD storage, ML CO2 Impact's region factor") {
  auto in = usage("azure", "westeurope");
  in.memory_gb_hours = 2000;
  in.storage_tb_hours = 100;
  in.storage_type = "HDD";
  const footprint r = cloud_usage(shipped(), in);
  // memory 2000 x 0.000392 = 0.784 kWh; ccf.azure.storage.hdd.energy_per_capacity_time.value 0.65 Wh/TB.h:
  //   100 x 0.65 / 1000 x 1 = 0.065 kWh; IT 0.849 kWh x ccf.azure.datacenter.pue.average 1.185 = 1.006065 kWh
  // mlco2-impact-cloud.cloud.electricity.azure.westeurope.2018-2021, 569 g/kWh: 0.572451 kg
  CHECK(r.energy_kwh == exactly(0.849 * 1.185));
  CHECK(r.operational_kg == exactly(0.849 * 1.185 * 0.569));
  CHECK(origin_of(r, "hdd energy per TB-hour") == "ccf.azure.storage.hdd.energy_per_capacity_time.value");
  CHECK(origin_of(r, "grid intensity") == "mlco2-impact-cloud.cloud.electricity.azure.westeurope.2018-2021");
  CHECK(r.figure("cpu utilization") == nullptr);  // no vCPU or GPU hours: no utilisation needed
}

TEST_CASE("cloud usage: arguments replace every coefficient, for a provider CCF does not cover") {
  auto in = usage("ovhcloud", "gra");
  in.vcpu_hours = 1000;
  in.cpu_utilization = 0.5;
  in.min_watts_per_vcpu = 1.0;
  in.max_watts_per_vcpu = 3.0;
  in.pue = 1.2;
  in.intensity_kg_per_kwh = 0.1;
  const footprint r = cloud_usage(shipped(), in);
  // (1 + 0.5 x 2) x 1000 / 1000 = 2 kWh x 1.2 = 2.4 kWh x 0.1 = 0.24 kg
  CHECK(r.energy_kwh == exactly(2.4));
  CHECK(r.co2e_kg == exactly(0.24));
  for (const auto& f : r.figures) CHECK(f.origin == "argument");
  CHECK(r.database_hash.empty());
}

TEST_CASE("cloud usage: no usage gives zero energy with the formula's steps") {
  auto in = usage("aws", "eu-west-3");
  const footprint r = cloud_usage(shipped(), in);
  CHECK(r.energy_kwh == 0.0);
  CHECK(r.co2e_kg == 0.0);
  CHECK(r.steps.front() == "IT energy = 0 = 0 kWh");
}

TEST_CASE("cloud usage: an unknown region is refused, naming the provider and near regions") {
  auto in = usage("aws", "eu-west-9");
  in.vcpu_hours = 1;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'region': found 'eu-west-9' (provider 'aws'), expected a region of 'aws' with a grid factor "
                       "(27 in the database; nearest: 'eu-west-1', 'eu-west-2', 'eu-west-3', 'us-west-1', 'us-west-2') or in "
                       "the cloud region catalogue, or intensity_kg_per_kwh",
                       lookup_error);
  auto other = usage("hetzner", "fsn1");
  other.pue = 1.2;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), other),
                       "field 'region': found 'fsn1' (provider 'hetzner'), expected a provider with cloud region grid "
                       "factors (alibaba, aws, azure, coreweave, gcp, ovhcloud, scaleway) or a region of the cloud region "
                       "catalogue, or intensity_kg_per_kwh",
                       lookup_error);
}

TEST_CASE("cloud usage: bad arguments are refused with the field named") {
  auto in = usage("aws", "eu-west-3");
  in.vcpu_hours = 10;
  in.cpu_utilization = 50;  // percent, as CCF's code takes it
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in), "field 'cpu_utilization': found 50, expected a fraction from 0 to 1",
                       input_error);
  in.cpu_utilization = 0.5;
  in.microarchitecture = "Zen 9";
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'microarchitecture': found 'Zen 9', expected a key of the cloud coefficients of source "
                       "'ccf' for 'aws': AMD_EPYC_1ST_GEN, AMD_EPYC_2ND_GEN, AWS_GRAVITON_2, BROADWELL, "
                       "CASCADE_LAKE, COFFEE_LAKE, HASWELL, IVY_BRIDGE, SANDY_BRIDGE, SKYLAKE, average",
                       lookup_error);
  in.microarchitecture.reset();
  in.min_watts_per_vcpu = 5.0;
  in.max_watts_per_vcpu = 2.0;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "field 'max_watts_per_vcpu': found 2 W, expected at least min_watts_per_vcpu, 5 W", input_error);

  auto gpu = usage("aws", "eu-west-3");
  gpu.gpu_hours = 1;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), gpu),
                       "field 'gpu': found nothing, expected the GPU model of the gpu_hours, a key of the Cloud Carbon "
                       "Footprint coefficients such as 'NVIDIA_T4'",
                       input_error);
  auto disk = usage("aws", "eu-west-3");
  disk.storage_tb_hours = 1;
  disk.storage_type = "nvme";
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), disk), "field 'storage_type': found 'nvme', expected 'ssd' or 'hdd'",
                       input_error);
  disk.storage_type = "ssd";
  disk.replication = 0;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), disk), "field 'replication': found 0, expected a finite number > 0",
                       input_error);
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), usage("on-premise", "FR")),
                       "field 'provider': found 'on-premise', expected a cloud provider (CCF's on-premise method counts "
                       "machines, not the vCPU-hours of a bill: use compute_job or datacenter for your own servers)",
                       input_error);
  auto pue = usage("aws", "eu-west-3");
  pue.pue = 0.9;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), pue), "field 'pue': found 0.9, expected a PUE >= 1", input_error);
  auto negative = usage("aws", "eu-west-3");
  negative.network_gb = -1;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), negative),
                       "field 'network_gb': found -1, expected a finite number >= 0", input_error);
}

TEST_CASE("cloud usage: a provider no source covers asks for the argument instead") {
  auto in = usage("hetzner", "fsn1");
  in.vcpu_hours = 10;
  in.cpu_utilization = 0.5;
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "no source gives cloud coefficients for provider 'hetzner' (providers with them: alibaba, aws, "
                       "azure, gcp, outscale, ovhcloud, scaleway); give min_watts_per_vcpu, or add a coefficient document "
                       "for the provider (factors/cloud/README.md)",
                       lookup_error);
  in.microarchitecture = "SKYLAKE";
  CHECK_THROWS_WITH_AS((void)cloud_usage(shipped(), in),
                       "no source gives cloud coefficients for provider 'hetzner' (providers with them: alibaba, aws, "
                       "azure, gcp, outscale, ovhcloud, scaleway); give min_watts_per_vcpu and max_watts_per_vcpu, or add "
                       "a coefficient document for the provider (factors/cloud/README.md)",
                       lookup_error);
}

TEST_CASE("cloud usage: the year picks the grid factor, and a fallback is said") {
  auto in = usage("aws", "eu-west-3");
  in.vcpu_hours = 1000;
  in.cpu_utilization = 0.5;
  in.pue = 1.0;
  // (0.74 + 0.5 x 2.76) x 1000 / 1000 = 2.12 kWh. 2021: mlco2-impact-cloud...aws.eu-west-3.2018-2021, 105 g/kWh.
  in.year = 2021;
  const footprint a = cloud_usage(shipped(), in);
  CHECK(a.co2e_kg == exactly(2.12 * 0.105));
  CHECK(origin_of(a, "grid intensity") == "mlco2-impact-cloud.cloud.electricity.aws.eu-west-3.2018-2021");
  CHECK_FALSE(warned(a, "grid factor: year"));
  // 2023: no factor of that year; the nearest earlier one (valid 2018-2021), said in the warnings.
  in.year = 2023;
  const footprint b = cloud_usage(shipped(), in);
  CHECK(b.co2e_kg == exactly(2.12 * 0.105));
  CHECK(warned(b, "grid factor: year 2023"));
}
