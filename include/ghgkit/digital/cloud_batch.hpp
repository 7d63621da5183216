#pragma once
/// Cloud billing exports in batch: the method of cloud_usage() (Cloud Carbon Footprint) over columns of
/// usage rows, with the semantics of the batch path (calc/batch.hpp): columns in, columns out, rows
/// that cannot be computed kept with their reason, computed + skipped = rows, totals the compensated
/// sums of their rows.
///
/// Each distinct key (provider, region, microarchitecture, storage type, GPU, instance type, utilisation
/// given or not, and which parts the row uses) is resolved once by cloud_usage's own resolution; each row is then
/// arithmetic, the same expressions as cloud_usage(), so a row equals cloud_usage() to the last bit.
///
///     std::vector<std::string_view> provider{"aws"}, region{"eu-west-3", "us-east-1"};
///     std::vector<double> vcpu{720, 24};
///     cloud_usage_columns cols;  cols.provider = provider;  cols.region = region;  cols.vcpu_hours = vcpu;
///     auto r = ghgkit::digital::cloud_usage_batch(db, cols, {});   // r.co2e_kg[i], r.total, r.subtotals

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ghgkit/digital/footprint.hpp"
#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

/// Input columns: each holds one value per row, or one value for every row; the optional ones may be
/// empty (their default). The number of rows is the longest column's.
struct cloud_usage_columns {
  std::span<const std::string_view> provider;           ///< aws, gcp, azure, alibaba, ... (ignoring case)
  std::span<const std::string_view> region;             ///< the provider's region id
  std::span<const std::string_view> service;            ///< for subtotals only; empty: ""
  std::span<const double> vcpu_hours;                   ///< empty: 0
  std::span<const double> cpu_utilization;              ///< 0-1; NaN or empty: CCF's average of the provider
  std::span<const double> memory_gb_hours;              ///< empty: 0
  std::span<const double> storage_tb_hours;             ///< empty: 0
  std::span<const std::string_view> storage_type;       ///< ssd or hdd; "" or empty: ssd
  std::span<const double> replication;                  ///< empty: 1
  std::span<const double> network_gb;                   ///< empty: 0
  std::span<const double> gpu_hours;                    ///< empty: 0
  std::span<const std::string_view> gpu;                ///< CCF key; "": none
  std::span<const std::string_view> microarchitecture;  ///< CCF key; "": none
  std::span<const std::string_view> instance;           ///< instance type for the embodied share; "": none
};

/// What applies to every row: the arguments of cloud_usage() that are not columns.
struct cloud_batch_options {
  std::optional<double> min_watts_per_vcpu;
  std::optional<double> max_watts_per_vcpu;
  std::optional<double> gpu_utilization;       ///< none: each row's CPU utilisation, as CCF does
  std::optional<double> pue;
  std::optional<double> intensity_kg_per_kwh;
  std::optional<int> year;                     ///< of the grid factors; none: the latest
  bool allow_later_year = false;
  std::optional<std::string> grid_source;
  std::optional<std::string> coefficient_source;  ///< of the method's coefficients (cloud_usage_inputs)
};

/// Sums of computed rows (Neumaier compensated).
struct cloud_totals {
  std::size_t rows = 0;
  double energy_kwh = 0.0;
  double co2e_kg = 0.0;      ///< operational + embodied
  double embodied_kg = 0.0;
};

/// Subtotal of one provider (lower case), region and service.
struct cloud_subtotal {
  std::string provider;
  std::string region;
  std::string service;
  cloud_totals totals;
};

/// A distinct set of figures that rows used, listed once: coefficient ids, grid factor id, arguments
/// of the options. The row's own quantities, utilisation and replication are not in it.
struct cloud_figure_set {
  std::string provider;        ///< of the first key that used it
  std::string region;
  std::vector<used_figure> figures;
  std::string grid_factor_id;  ///< origin of the grid intensity ("argument" when given)
  std::size_t rows = 0;        ///< computed rows that used it
};

struct cloud_batch_result {
  std::vector<double> energy_kwh;      ///< 0 for skipped rows (see `computed`)
  std::vector<double> co2e_kg;         ///< operational (location-based) + embodied, as cloud_usage's co2e_kg
  std::vector<double> embodied_kg;     ///< the instance type's share; 0 without an instance type
  std::vector<std::uint8_t> computed;  ///< 1 computed, 0 skipped
  std::vector<std::string> reason;     ///< why a row was skipped; empty when computed
  std::vector<std::int32_t> figure_set;  ///< index into `figure_sets`; -1 when skipped
  std::vector<cloud_figure_set> figure_sets;
  std::vector<cloud_subtotal> subtotals;  ///< sorted by provider, region, service
  cloud_totals total;
  std::size_t computed_rows = 0;
  std::size_t skipped_rows = 0;
  std::size_t resolved_keys = 0;       ///< distinct keys resolved (each once), including those that failed
  std::vector<std::string> warnings;   ///< distinct, in order of first appearance
  std::string database_hash;
};

/// Throws input_error only for structural problems (column lengths); bad rows are skipped with the
/// reason cloud_usage() would have thrown.
[[nodiscard]] cloud_batch_result cloud_usage_batch(const factor_database& db, const cloud_usage_columns& columns,
                                                   const cloud_batch_options& options = {});

/// The same over a CSV billing export whose header names columns of cloud_usage_columns (any order;
/// provider and region required; empty cells take their default). An unknown, repeated or missing
/// column throws input_error naming `file:1`; a cell that is not a number, or a row with the wrong
/// number of fields, skips its row with `file:line: field '...': ...`. Every skipped row's reason
/// starts with its `file:line`. computed + skipped = data rows of the file.
[[nodiscard]] cloud_batch_result cloud_usage_csv(const factor_database& db, const std::filesystem::path& file,
                                                 const cloud_batch_options& options = {});

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
