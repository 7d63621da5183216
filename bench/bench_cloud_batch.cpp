// Cloud billing exports: rows per second of digital::cloud_usage_batch (and cloud_usage_csv) against
// one digital::cloud_usage() call per row, in the same process, on the same generated export.
//
//     bench_cloud_batch [rows = 1000000] [per-row calls = 20000]
//
// The export cycles over AWS, GCP and Azure regions, services, given and default utilisations, memory,
// SSD/HDD storage with replication, network and T4 GPU hours (12 distinct keys). The per-row path is
// timed on the first `calls` rows (one call per row takes tens of microseconds: a million would take
// minutes) and its rate compared. Each checked row must equal the batch's to the last bit; the program
// fails otherwise. The CSV time includes reading the file (src/activity/csv_reader) and parsing cells.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/cloud.hpp"
#include "ghgkit/digital/cloud_batch.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

struct export_rows {
  std::vector<std::string_view> provider, region, service, storage_type, gpu, micro;
  std::vector<double> vcpu, util, memory, storage, replication, network, gpu_hours;
};

export_rows generate(std::size_t rows) {
  const std::string_view providers[] = {"aws", "gcp", "azure"};
  const std::string_view regions[] = {"eu-west-3", "europe-west1", "westeurope"};
  const std::string_view services[] = {"EC2", "GCE", "VirtualMachines", "S3"};
  export_rows e;
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t p = i % 3;
    e.provider.push_back(providers[p]);
    e.region.push_back(regions[p]);
    e.service.push_back(services[i % 4]);
    e.vcpu.push_back(static_cast<double>(1 + (i * 7919) % 720));
    e.util.push_back(i % 2 == 0 ? std::nan("") : 0.05 + 0.9 * static_cast<double>(i % 97) / 97.0);
    e.memory.push_back(static_cast<double>((i * 31) % 4096));
    e.storage.push_back(static_cast<double>(i % 5));
    e.storage_type.push_back(i % 7 == 0 ? "hdd" : "ssd");
    e.replication.push_back(static_cast<double>(1 + i % 3));
    e.network.push_back(static_cast<double>(i % 11));
    e.gpu_hours.push_back(p == 0 && i % 10 == 0 ? 4.0 : 0.0);
    e.gpu.push_back(p == 0 && i % 10 == 0 ? "NVIDIA_T4" : "");
    e.micro.push_back("");
  }
  return e;
}

ghgkit::digital::cloud_usage_inputs row_of(const export_rows& e, std::size_t i) {
  ghgkit::digital::cloud_usage_inputs in;
  in.provider = std::string(e.provider[i]);
  in.region = std::string(e.region[i]);
  in.vcpu_hours = e.vcpu[i];
  if (!std::isnan(e.util[i])) in.cpu_utilization = e.util[i];
  in.memory_gb_hours = e.memory[i];
  in.storage_tb_hours = e.storage[i];
  in.storage_type = std::string(e.storage_type[i]);
  in.replication = e.replication[i];
  in.network_gb = e.network[i];
  in.gpu_hours = e.gpu_hours[i];
  if (!e.gpu[i].empty()) in.gpu = std::string(e.gpu[i]);
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ghgkit::digital;
  const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t calls = std::min<std::size_t>(rows, argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20000);
  const auto db = ghgkit::factor_database::load({GHGKIT_BENCH_FACTORS});
  const export_rows e = generate(rows);
  cloud_usage_columns c;
  c.provider = e.provider;
  c.region = e.region;
  c.service = e.service;
  c.vcpu_hours = e.vcpu;
  c.cpu_utilization = e.util;
  c.memory_gb_hours = e.memory;
  c.storage_tb_hours = e.storage;
  c.storage_type = e.storage_type;
  c.replication = e.replication;
  c.network_gb = e.network;
  c.gpu_hours = e.gpu_hours;
  c.gpu = e.gpu;
  c.microarchitecture = e.micro;

  auto start = clock_type::now();
  const auto batch = cloud_usage_batch(db, c);
  const double batch_s = seconds_since(start);

  std::size_t mismatches = 0;
  start = clock_type::now();
  for (std::size_t i = 0; i < calls; ++i) {
    const auto one = cloud_usage(db, row_of(e, i));
    if (one.energy_kwh != batch.energy_kwh[i] || one.co2e_kg != batch.co2e_kg[i]) ++mismatches;
  }
  const double per_row_s = seconds_since(start);

  const auto csv = std::filesystem::temp_directory_path() / "ghgkit-bench-cloud-export.csv";
  {
    std::ofstream out(csv);
    out.precision(17);
    out << "provider,region,service,vcpu_hours,cpu_utilization,memory_gb_hours,storage_tb_hours,storage_type,"
           "replication,network_gb,gpu_hours,gpu\n";
    for (std::size_t i = 0; i < rows; ++i) {
      out << e.provider[i] << ',' << e.region[i] << ',' << e.service[i] << ',' << e.vcpu[i] << ',';
      if (!std::isnan(e.util[i])) out << e.util[i];
      out << ',' << e.memory[i] << ',' << e.storage[i] << ',' << e.storage_type[i] << ',' << e.replication[i] << ','
          << e.network[i] << ',' << e.gpu_hours[i] << ',' << e.gpu[i] << '\n';
    }
  }
  start = clock_type::now();
  const auto from_csv = cloud_usage_csv(db, csv, {});
  const double csv_s = seconds_since(start);
  std::filesystem::remove(csv);

  const double batch_rate = static_cast<double>(rows) / batch_s;
  const double per_row_rate = static_cast<double>(calls) / per_row_s;
  std::printf("rows %zu: batch %.3f s (%.3g rows/s), %zu computed, total %.9g kg CO2e, %zu keys resolved\n", rows,
              batch_s, batch_rate, batch.computed_rows, batch.total.co2e_kg, batch.resolved_keys);
  std::printf("csv: %.3f s (%.3g rows/s, reading and parsing included), total %.9g kg CO2e\n", csv_s,
              static_cast<double>(rows) / csv_s, from_csv.total.co2e_kg);
  std::printf("per-row cloud_usage(): %zu calls in %.3f s (%.3g rows/s)\n", calls, per_row_s, per_row_rate);
  std::printf("ratio batch / per-row: %.0fx; csv / per-row: %.0fx; rows differing from cloud_usage(): %zu\n",
              batch_rate / per_row_rate, static_cast<double>(rows) / csv_s / per_row_rate, mismatches);
  const bool same_total = std::abs(from_csv.total.co2e_kg - batch.total.co2e_kg) <= 1e-9 * batch.total.co2e_kg;
  return mismatches == 0 && batch.computed_rows == rows && from_csv.computed_rows == rows && same_total ? 0 : 1;
}
