// Cloud billing exports in batch (include/ghgkit/digital/cloud_batch.hpp), on the shipped database.
// The second method is cloud_usage() itself: every row must equal it to the last bit, and every
// skipped row must carry the message cloud_usage() throws for it.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/cloud.hpp"
#include "ghgkit/digital/cloud_batch.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::digital;

namespace {

const factor_database& shipped() {
  static const factor_database db = factor_database::load({ghgkit_test::shipped_factors()});
  return db;
}

constexpr double no_u = std::numeric_limits<double>::quiet_NaN();

// A mixed export: providers, microarchitectures, GPUs, HDD, given and default utilisations, and bad rows
// (unknown region, utilisation in percent, replication 0, negative hours, unknown GPU, on-premise), and a
// row with two problems (utilisation in percent and an unknown region: cloud_usage names the first).
struct fixture {
  std::vector<std::string_view> provider{"aws", "AWS", "gcp", "gcp", "azure", "aws", "aws", "aws", "aws", "aws",
                                         "on-premise", "aws", "gcp", "aws", "ovhcloud", "aws"};
  std::vector<std::string_view> region{"eu-west-3", "eu-west-3", "europe-west1", "europe-west2", "westeurope",
                                       "us-east-1", "eu-west-9", "eu-west-3", "eu-west-3", "eu-west-3", "FR",
                                       "eu-west-3", "europe-west1", "us-east-1", "gra", "eu-west-3"};
  std::vector<std::string_view> service{"EC2", "EC2", "GCE", "GCE", "Storage", "SageMaker", "EC2", "EC2", "S3", "EC2",
                                        "", "EBS", "GCE", "SageMaker", "", "EC2"};
  std::vector<double> vcpu{720, 10, 100, 1000, 0, 3, 1, 10, 0, -1, 1, 0, 200, 0, 10, 0};
  std::vector<double> util{no_u, no_u, 0.3, 0.5, no_u, 0.7, 50, 50, no_u, no_u, no_u, no_u, 0.3, no_u, 0.5, no_u};
  std::vector<double> memory{1000, 0, 0, 0, 2000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  std::vector<double> storage{10, 0, 0, 0, 100, 0, 0, 0, 5, 0, 0, 2, 0, 0, 0, 0};
  std::vector<std::string_view> storage_type{"ssd", "", "", "", "HDD", "", "", "", "ssd", "", "", "nvme", "", "", "",
                                             ""};
  std::vector<double> replication{2, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1};
  std::vector<double> network{50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  std::vector<double> gpu_hours{0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0};
  std::vector<std::string_view> gpu{"", "", "", "", "", "nvidia t4", "", "", "", "", "", "", "", "NVIDIA_Z9", "", ""};
  std::vector<std::string_view> micro{"", "", "Cascade Lake", "", "", "", "", "", "", "", "", "", "CASCADE_LAKE", "", "",
                                      ""};

  cloud_usage_columns columns() const {
    cloud_usage_columns c;
    c.provider = provider;
    c.region = region;
    c.service = service;
    c.vcpu_hours = vcpu;
    c.cpu_utilization = util;
    c.memory_gb_hours = memory;
    c.storage_tb_hours = storage;
    c.storage_type = storage_type;
    c.replication = replication;
    c.network_gb = network;
    c.gpu_hours = gpu_hours;
    c.gpu = gpu;
    c.microarchitecture = micro;
    return c;
  }

  cloud_usage_inputs row(std::size_t i) const {
    cloud_usage_inputs in;
    in.provider = std::string(provider[i]);
    in.region = std::string(region[i]);
    in.vcpu_hours = vcpu[i];
    if (!std::isnan(util[i])) in.cpu_utilization = util[i];
    in.memory_gb_hours = memory[i];
    in.storage_tb_hours = storage[i];
    if (!storage_type[i].empty()) in.storage_type = std::string(storage_type[i]);
    in.replication = replication[i];
    in.network_gb = network[i];
    in.gpu_hours = gpu_hours[i];
    if (!gpu[i].empty()) in.gpu = std::string(gpu[i]);
    if (!micro[i].empty()) in.microarchitecture = std::string(micro[i]);
    return in;
  }
};

}  // namespace

TEST_CASE("cloud usage batch: every row equals cloud_usage, bad rows kept with cloud_usage's own message") {
  const fixture f;
  const cloud_batch_result r = cloud_usage_batch(shipped(), f.columns());
  REQUIRE(r.computed.size() == f.provider.size());
  std::size_t computed = 0;
  for (std::size_t i = 0; i < f.provider.size(); ++i) {
    CAPTURE(i);
    try {
      const footprint one = cloud_usage(shipped(), f.row(i));
      CHECK(r.computed[i] == 1);
      CHECK(r.energy_kwh[i] == one.energy_kwh);  // to the last bit: the same arithmetic
      CHECK(r.co2e_kg[i] == one.co2e_kg);
      CHECK(r.reason[i].empty());
      REQUIRE(r.figure_set[i] >= 0);
      const auto& set = r.figure_sets[static_cast<std::size_t>(r.figure_set[i])];
      CHECK(set.grid_factor_id == one.figure("grid intensity")->origin);
      for (const auto& fig : set.figures) {
        const used_figure* same = one.figure(fig.name);
        REQUIRE(same != nullptr);
        CHECK(*same == fig);
      }
      ++computed;
    } catch (const error& e) {
      CHECK(r.computed[i] == 0);
      CHECK(r.reason[i] == std::string(e.what()));
      CHECK(r.figure_set[i] == -1);
      CHECK(r.energy_kwh[i] == 0.0);
    }
  }
  CHECK(computed == 9);  // the ovhcloud row computes with the ccf-generic coefficients
  CHECK(r.computed_rows == computed);
  CHECK(r.computed_rows + r.skipped_rows == f.provider.size());
  // Some reasons, as cloud_usage words them (tests/cpp/digital/test_cloud.cpp).
  CHECK(r.reason[7] == "field 'cpu_utilization': found 50, expected a fraction from 0 to 1");
  CHECK(r.reason[6] == r.reason[7]);  // the row's utilisation comes before its key's unknown region
  CHECK(r.reason[8] == "field 'replication': found 0, expected a finite number > 0");
  CHECK(r.reason[9] == "field 'vcpu_hours': found -1, expected a finite number >= 0");
  CHECK(r.reason[11] == "field 'storage_type': found 'nvme', expected 'ssd' or 'hdd'");
}

TEST_CASE("cloud usage batch: totals and subtotals reconcile with the rows") {
  const fixture f;
  const cloud_batch_result r = cloud_usage_batch(shipped(), f.columns());
  double energy = 0.0, co2e = 0.0;
  for (std::size_t i = 0; i < r.co2e_kg.size(); ++i) {
    energy += r.energy_kwh[i];
    co2e += r.co2e_kg[i];
  }
  CHECK(r.total.rows == r.computed_rows);
  CHECK(r.total.energy_kwh == doctest::Approx(energy).epsilon(1e-14));
  CHECK(r.total.co2e_kg == doctest::Approx(co2e).epsilon(1e-14));
  double sub_energy = 0.0, sub_co2e = 0.0;
  std::size_t sub_rows = 0;
  for (const auto& s : r.subtotals) {
    sub_energy += s.totals.energy_kwh;
    sub_co2e += s.totals.co2e_kg;
    sub_rows += s.totals.rows;
  }
  CHECK(sub_rows == r.computed_rows);
  CHECK(sub_energy == doctest::Approx(r.total.energy_kwh).epsilon(1e-14));
  CHECK(sub_co2e == doctest::Approx(r.total.co2e_kg).epsilon(1e-14));
  // "aws" and "AWS" in eu-west-3 for EC2 are one subtotal (provider ignoring case): rows 0, 1 and 15 (no usage).
  const auto ec2 = std::find_if(r.subtotals.begin(), r.subtotals.end(), [](const cloud_subtotal& s) {
    return s.provider == "aws" && s.region == "eu-west-3" && s.service == "EC2";
  });
  REQUIRE(ec2 != r.subtotals.end());
  CHECK(ec2->totals.rows == 3);
  CHECK(r.co2e_kg[15] == 0.0);
  CHECK(ec2->totals.co2e_kg == doctest::Approx(r.co2e_kg[0] + r.co2e_kg[1]).epsilon(1e-14));
  std::size_t used = 0;
  for (const auto& s : r.figure_sets) used += s.rows;
  CHECK(used == r.computed_rows);
  CHECK(r.warnings.back().starts_with("embodied emissions not counted"));
}

TEST_CASE("cloud usage batch: each distinct key is resolved once, whatever the number of rows") {
  // 30,000 rows over three keys: AWS eu-west-3 vCPUs at CCF's average, the same at a given utilisation
  // (per row), and GCP europe-west1 vCPUs. Hand check of the first: (0.74 + 0.5 x 2.76) W x 10 h / 1000
  // = 0.0212 kWh x PUE 1.135 = 0.024062 kWh x 0.0511 kg/kWh (ccf.cloud.electricity.aws.eu-west-3.2024).
  const std::size_t n = 30000;
  std::vector<std::string_view> provider(n), region(n);
  std::vector<double> vcpu(n, 10.0), util(n);
  for (std::size_t i = 0; i < n; ++i) {
    provider[i] = i % 3 == 2 ? "gcp" : "aws";
    region[i] = i % 3 == 2 ? "europe-west1" : "eu-west-3";
    util[i] = i % 3 == 1 ? 0.25 + 0.5 * static_cast<double>(i % 7) / 7.0 : no_u;
  }
  cloud_usage_columns c;
  c.provider = provider;
  c.region = region;
  c.vcpu_hours = vcpu;
  c.cpu_utilization = util;
  const cloud_batch_result r = cloud_usage_batch(shipped(), c);
  CHECK(r.resolved_keys == 3);
  CHECK(r.computed_rows == n);
  CHECK(r.co2e_kg[0] == doctest::Approx(0.0212 * 1.135 * 0.0511).epsilon(1e-12));
  CHECK(r.figure_sets.size() == 3);
  for (const std::size_t i : {std::size_t{1}, std::size_t{4}, std::size_t{29999}}) {
    cloud_usage_inputs in;
    in.provider = std::string(provider[i]);
    in.region = std::string(region[i]);
    in.vcpu_hours = 10.0;
    if (!std::isnan(util[i])) in.cpu_utilization = util[i];
    CHECK(r.co2e_kg[i] == cloud_usage(shipped(), in).co2e_kg);
  }
  // n/3 identical rows of the first key: their subtotal is n/3 x the row, to rounding.
  const auto first = std::find_if(r.subtotals.begin(), r.subtotals.end(),
                                  [](const cloud_subtotal& s) { return s.provider == "gcp"; });
  REQUIRE(first != r.subtotals.end());
  CHECK(first->totals.co2e_kg == doctest::Approx(static_cast<double>(n / 3) * r.co2e_kg[2]).epsilon(1e-13));
}

TEST_CASE("cloud usage batch: columns of the wrong length are a structural error") {
  std::vector<std::string_view> provider{"aws", "aws", "aws"}, region{"eu-west-3", "eu-west-3"};
  cloud_usage_columns c;
  c.provider = provider;
  c.region = region;
  CHECK_THROWS_WITH_AS((void)cloud_usage_batch(shipped(), c),
                       "batch column 'region' has 2 values: expected 3 (one per row) or 1 (for every row)", input_error);
}

TEST_CASE("cloud usage csv: bad cells skip their row with file and line, never dropped") {
  const auto file = std::filesystem::temp_directory_path() / "ghgkit-test-cloud-export.csv";
  {
    std::ofstream out(file);
    out << "provider,region,service,vcpu_hours,cpu_utilization,storage_tb_hours,replication\n"
        << "aws,eu-west-3,EC2,720,,,\n"
        << "aws,eu-west-3,EC2,abc,,,\n"
        << "aws,eu-west-9,EC2,1,,,\n"
        << "aws,eu-west-3,S3,,,10,2\n"
        << "aws,eu-west-3\n";
  }
  const std::string name = file.string();
  const cloud_batch_result r = cloud_usage_csv(shipped(), file);
  REQUIRE(r.computed.size() == 5);
  CHECK(r.computed_rows == 2);
  CHECK(r.skipped_rows == 3);
  // Row 1: the documented example, 1.5264 kWh x PUE 1.135 x 0.0511 kg/kWh.
  CHECK(r.co2e_kg[0] == doctest::Approx(1.5264 * 1.135 * 0.0511).epsilon(1e-12));
  CHECK(r.reason[1] == name + ":3: field 'vcpu_hours': found 'abc', expected a number");
  CHECK(r.reason[2].starts_with(name + ":4: field 'region': found 'eu-west-9' (provider 'aws')"));
  // 10 TB-h x 1.2 Wh/TB.h / 1000 x 2 = 0.024 kWh x 1.135
  CHECK(r.energy_kwh[3] == doctest::Approx(0.024 * 1.135).epsilon(1e-12));
  CHECK(r.reason[4] == name + ":6: field 'row': found 2 fields, expected 7, one per column of the header");
  std::filesystem::remove(file);

  {
    std::ofstream out(file);
    out << "provider,region,vcpu_hours,colour\naws,eu-west-3,1,red\n";
  }
  CHECK_THROWS_WITH_AS((void)cloud_usage_csv(shipped(), file),
                       (name + ":1: field 'header': found 'colour', expected a column of a cloud billing export: "
                               "provider, region, service, vcpu_hours, cpu_utilization, memory_gb_hours, "
                               "storage_tb_hours, storage_type, replication, network_gb, gpu_hours, gpu, "
                               "microarchitecture, instance").c_str(),
                       input_error);
  {
    std::ofstream out(file);
    out << "provider,vcpu_hours\naws,1\n";
  }
  CHECK_THROWS_WITH_AS((void)cloud_usage_csv(shipped(), file),
                       (name + ":1: field 'header': found no column 'region', expected the columns provider and region, "
                               "and any of the others").c_str(),
                       input_error);
  std::filesystem::remove(file);
}

TEST_CASE("cloud usage batch: an instance column adds each row's embodied share, equal to cloud_usage") {
  std::vector<std::string_view> provider{"ovhcloud", "ovhcloud", "aws", "ovhcloud", "ovhcloud", "aws"};
  std::vector<std::string_view> region{"gra", "gra", "eu-west-3", "gra", "gra", "eu-west-3"};
  std::vector<std::string_view> instance{"b3-8", "b3-8", "c5.xlarge", "", "b9-99", "c5.xlarge"};
  std::vector<double> vcpu{1440, 20, 400, 100, 10, 0};
  std::vector<double> memory{0, 0, 0, 0, 0, 5};
  cloud_usage_columns c;
  c.provider = provider;
  c.region = region;
  c.instance = instance;
  c.vcpu_hours = vcpu;
  c.memory_gb_hours = memory;
  const cloud_batch_result r = cloud_usage_batch(shipped(), c);
  double embodied = 0.0;
  for (std::size_t i = 0; i < provider.size(); ++i) {
    CAPTURE(i);
    cloud_usage_inputs in;
    in.provider = std::string(provider[i]);
    in.region = std::string(region[i]);
    in.vcpu_hours = vcpu[i];
    in.memory_gb_hours = memory[i];
    if (!instance[i].empty()) in.instance = std::string(instance[i]);
    try {
      const footprint one = cloud_usage(shipped(), in);
      REQUIRE(r.computed[i] == 1);
      CHECK(r.co2e_kg[i] == one.co2e_kg);  // to the last bit
      CHECK(r.embodied_kg[i] == one.embodied_kg);
      embodied += r.embodied_kg[i];
    } catch (const error& e) {
      CHECK(r.computed[i] == 0);
      CHECK(r.reason[i] == std::string(e.what()));
    }
  }
  CHECK(r.computed_rows == 4);
  CHECK(r.embodied_kg[3] == 0.0);
  CHECK(r.embodied_kg[0] > 0.0);
  CHECK(r.reason[4].starts_with("field 'instance_type': found 'b9-99'"));
  CHECK(r.reason[5].starts_with("field 'vcpu_hours': found 0, expected the vCPU-hours of the instance type"));
  CHECK(r.total.embodied_kg == doctest::Approx(embodied).epsilon(1e-14));
  double sub = 0.0;
  for (const auto& s : r.subtotals) sub += s.totals.embodied_kg;
  CHECK(sub == doctest::Approx(embodied).epsilon(1e-14));
  // One key per (provider, region, instance type): b3-8 rows share theirs.
  CHECK(r.figure_set[0] == r.figure_set[1]);
  CHECK(std::find(r.warnings.begin(), r.warnings.end(),
                  "embodied emissions not counted for rows without an instance type: give the instance column for "
                  "the platform server's share") != r.warnings.end());
}
