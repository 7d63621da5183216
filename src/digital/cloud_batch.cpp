// Cloud billing exports in batch (include/ghgkit/digital/cloud_batch.hpp). Each distinct key is
// resolved once by cloud_usage's own resolution (cloud_key.hpp); each row is then cloud_energy_of, the
// arithmetic cloud_usage uses, so rows equal cloud_usage to the last bit. A row's reason is the error
// cloud_usage would have thrown first: the row's own checks and its key's error are compared by stage.

#include "ghgkit/digital/cloud_batch.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "../activity/csv_reader.hpp"
#include "../calc/batch_columns.hpp"
#include "cloud_key.hpp"
#include "figures.hpp"
#include "ghgkit/digital/server_embodied.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {
namespace {

using detail::cloud_stage;
using detail::column_size;
using detail::compensated_sum;
using detail::value_at;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

enum part : std::uint8_t { vcpu = 1, memory = 2, storage = 4, network = 8, gpu = 16, utilization_given = 32 };

// What decides a row's figures; the views point into the caller's columns.
struct row_key {
  std::string_view provider, region, microarchitecture, storage_type, gpu, instance;
  std::uint8_t parts = 0;
  bool operator==(const row_key&) const = default;
};

struct row_key_hash {
  std::size_t operator()(const row_key& k) const {
    std::size_t h = std::hash<std::uint8_t>{}(k.parts);
    for (std::string_view s : {k.provider, k.region, k.microarchitecture, k.storage_type, k.gpu, k.instance}) {
      h = h * 1000003u ^ std::hash<std::string_view>{}(s);
    }
    return h;
  }
};

struct group_key {
  std::string_view provider, region, service;
  bool operator==(const group_key&) const = default;
};

struct group_key_hash {
  std::size_t operator()(const group_key& k) const {
    return (std::hash<std::string_view>{}(k.provider) * 1000003u ^ std::hash<std::string_view>{}(k.region)) * 1000003u ^
           std::hash<std::string_view>{}(k.service);
  }
};

// A key as resolved: its figures, or the error and the stage where cloud_usage meets it.
struct resolved_key {
  bool ok = false;
  cloud_stage stage = cloud_stage::done;
  std::string reason;
  std::string provider, region;
  detail::cloud_key_figures figures;
  std::optional<instance_platform_share> platform;  // with an instance type
  footprint recorded;     // figures and warnings of the key
  std::int32_t set = -1;  // figure set, once a row computes with it
};

struct group {
  compensated_sum energy, co2e, embodied;
  std::size_t rows = 0;
};

class batch {
 public:
  batch(const factor_database& db, const cloud_usage_columns& c, const cloud_batch_options& o)
      : db_(db), c_(c), o_(o) {}

  cloud_batch_result run(const std::vector<std::string>* preset) {
    const std::size_t rows = row_count();
    out_.database_hash = db_.content_hash();
    out_.energy_kwh.assign(rows, 0.0);
    out_.co2e_kg.assign(rows, 0.0);
    out_.embodied_kg.assign(rows, 0.0);
    out_.computed.assign(rows, 0);
    out_.reason.resize(rows);
    out_.figure_set.assign(rows, -1);
    for (std::size_t i = 0; i < rows; ++i) {
      if (preset != nullptr && !(*preset)[i].empty()) {
        out_.reason[i] = (*preset)[i];
      } else {
        row(i);
      }
      (out_.computed[i] ? out_.computed_rows : out_.skipped_rows) += 1;
    }
    finish();
    return std::move(out_);
  }

 private:
  std::size_t row_count() const {
    const std::array<std::size_t, 14> sizes{c_.provider.size(),       c_.region.size(),         c_.service.size(),
                                            c_.vcpu_hours.size(),     c_.cpu_utilization.size(), c_.memory_gb_hours.size(),
                                            c_.storage_tb_hours.size(), c_.storage_type.size(),  c_.replication.size(),
                                            c_.network_gb.size(),     c_.gpu_hours.size(),      c_.gpu.size(),
                                            c_.microarchitecture.size(), c_.instance.size()};
    const std::size_t rows = *std::max_element(sizes.begin(), sizes.end());
    const std::array<const char*, 14> names{"provider",     "region",      "service",    "vcpu_hours", "cpu_utilization",
                                            "memory_gb_hours", "storage_tb_hours", "storage_type", "replication",
                                            "network_gb",   "gpu_hours",   "gpu",        "microarchitecture", "instance"};
    for (std::size_t j = 0; j < sizes.size(); ++j) column_size(sizes[j], rows, names[j], j >= 2);
    return rows;
  }

  // The row's own checks, as cloud_usage makes them; the stage of the first that fails, or done.
  static cloud_stage row_check(const detail::cloud_row_usage& r, bool u_given, double u, std::string& reason) {
    if (u_given && !(std::isfinite(u) && u >= 0.0 && u <= 1.0)) {
      reason = describe_problem({}, "cpu_utilization", fmt::format("{}", u), "a fraction from 0 to 1");
      return cloud_stage::utilization;
    }
    if (r.storage_tb_hours > 0.0 && !(std::isfinite(r.replication) && r.replication > 0.0)) {
      reason = describe_problem({}, "replication", fmt::format("{}", r.replication), "a finite number > 0");
      return cloud_stage::replication;
    }
    return cloud_stage::done;
  }

  static bool bad_quantity(std::string_view field, double value, std::string& reason) {
    if (std::isfinite(value) && value >= 0.0) return false;
    reason = describe_problem({}, field, fmt::format("{}", value), "a finite number >= 0");
    return true;
  }

  // What decides the row's figures: a part's key only when the row uses the part, as cloud_usage looks it up.
  row_key key_of(std::size_t i, const detail::cloud_row_usage& r, bool u_given) const {
    row_key key;
    key.provider = value_at(c_.provider, i, std::string_view());
    key.region = value_at(c_.region, i, std::string_view());
    key.parts = static_cast<std::uint8_t>((r.vcpu_hours > 0.0 ? vcpu : 0) | (r.memory_gb_hours > 0.0 ? memory : 0) |
                                          (r.storage_tb_hours > 0.0 ? storage : 0) | (r.network_gb > 0.0 ? network : 0) |
                                          (r.gpu_hours > 0.0 ? gpu : 0) | (u_given ? utilization_given : 0));
    if (r.vcpu_hours > 0.0) key.microarchitecture = value_at(c_.microarchitecture, i, std::string_view());
    if (r.storage_tb_hours > 0.0) {
      key.storage_type = value_at(c_.storage_type, i, std::string_view());
      if (key.storage_type.empty()) key.storage_type = "ssd";
    }
    if (r.gpu_hours > 0.0) key.gpu = value_at(c_.gpu, i, std::string_view());
    key.instance = value_at(c_.instance, i, std::string_view());
    return key;
  }

  void row(std::size_t i) {
    detail::cloud_row_usage r;
    r.vcpu_hours = value_at(c_.vcpu_hours, i, 0.0);
    r.memory_gb_hours = value_at(c_.memory_gb_hours, i, 0.0);
    r.storage_tb_hours = value_at(c_.storage_tb_hours, i, 0.0);
    r.network_gb = value_at(c_.network_gb, i, 0.0);
    r.gpu_hours = value_at(c_.gpu_hours, i, 0.0);
    r.replication = value_at(c_.replication, i, 1.0);
    const double u = value_at(c_.cpu_utilization, i, std::nan(""));
    std::string& reason = out_.reason[i];
    if (bad_quantity("vcpu_hours", r.vcpu_hours, reason) || bad_quantity("memory_gb_hours", r.memory_gb_hours, reason) ||
        bad_quantity("storage_tb_hours", r.storage_tb_hours, reason) || bad_quantity("network_gb", r.network_gb, reason) ||
        bad_quantity("gpu_hours", r.gpu_hours, reason)) {
      return;
    }
    const bool u_given = (r.vcpu_hours > 0.0 || r.gpu_hours > 0.0) && !std::isnan(u);
    const row_key key = key_of(i, r, u_given);
    resolved_key& k = get(key);
    r.utilization = k.figures.utilization_per_row ? u : k.figures.utilization;
    std::string row_reason;
    const cloud_stage row_stage = row_check(r, u_given, u, row_reason);
    if (row_stage != cloud_stage::done && (k.ok || row_stage < k.stage)) {
      reason = std::move(row_reason);
      return;
    }
    if (!k.ok && k.stage < cloud_stage::embodied) {
      reason = k.reason;
      return;
    }
    // cloud_usage checks the vCPU-hours of an instance type before looking the instance up.
    if (!key.instance.empty() && r.vcpu_hours <= 0.0) {
      reason = no_vcpu_hours(r.vcpu_hours);
      return;
    }
    if (!k.ok) {
      reason = k.reason;
      return;
    }
    const detail::cloud_energy e = detail::cloud_energy_of(k.figures, r);
    double co2e = e.co2e_kg;  // cloud_usage: operational, then + embodied
    double embodied = 0.0;
    if (k.platform) {
      embodied = instance_share_of(*k.platform, r.vcpu_hours).kg;
      co2e = e.co2e_kg + embodied;
    } else {
      without_instance_ = true;
    }
    out_.computed[i] = 1;
    out_.energy_kwh[i] = e.energy_kwh;
    out_.co2e_kg[i] = co2e;
    out_.embodied_kg[i] = embodied;
    out_.figure_set[i] = set_of(k);
    total_energy_.add(e.energy_kwh);
    total_co2e_.add(co2e);
    total_embodied_.add(embodied);
    group& g = group_of(key.provider, key.region, value_at(c_.service, i, std::string_view()));
    g.energy.add(e.energy_kwh);
    g.co2e.add(co2e);
    g.embodied.add(embodied);
    ++g.rows;
  }

  static std::string no_vcpu_hours(double v) {
    return describe_problem({}, "vcpu_hours", detail::num(v),
                            "the vCPU-hours of the instance type, > 0 (the embodied share is per vCPU-hour)");
  }

  resolved_key& get(const row_key& key) {
    if (last_key_ != nullptr && key == last_) return *last_key_;
    auto it = keys_.find(key);
    if (it == keys_.end()) it = keys_.emplace(key, resolve(key)).first;
    last_ = key;
    last_key_ = &it->second;
    return it->second;
  }

  resolved_key resolve(const row_key& key) {
    ++out_.resolved_keys;
    cloud_usage_inputs in;
    in.provider = lower(key.provider);
    in.region = std::string(key.region);
    // The quantities only say which parts the key uses.
    in.vcpu_hours = (key.parts & vcpu) != 0 ? 1.0 : 0.0;
    in.memory_gb_hours = (key.parts & memory) != 0 ? 1.0 : 0.0;
    in.storage_tb_hours = (key.parts & storage) != 0 ? 1.0 : 0.0;
    in.network_gb = (key.parts & network) != 0 ? 1.0 : 0.0;
    in.gpu_hours = (key.parts & gpu) != 0 ? 1.0 : 0.0;
    if ((key.parts & utilization_given) != 0) in.cpu_utilization = 0.0;  // each row's, not looked at here
    if (!key.microarchitecture.empty()) in.microarchitecture = std::string(key.microarchitecture);
    if (!key.gpu.empty()) in.gpu = std::string(key.gpu);
    in.storage_type = key.storage_type.empty() ? std::string("ssd") : std::string(key.storage_type);
    in.min_watts_per_vcpu = o_.min_watts_per_vcpu;
    in.max_watts_per_vcpu = o_.max_watts_per_vcpu;
    in.gpu_utilization = o_.gpu_utilization;
    in.pue = o_.pue;
    in.intensity_kg_per_kwh = o_.intensity_kg_per_kwh;
    in.year = o_.year;
    in.allow_later_year = o_.allow_later_year;
    in.grid_source = o_.grid_source;
    in.coefficient_source = o_.coefficient_source;
    resolved_key k;
    k.provider = in.provider;
    k.region = in.region;
    try {
      k.figures = detail::resolve_cloud_key(db_, in, false, k.recorded, k.stage);
      if (!key.instance.empty() && (key.parts & vcpu) != 0) {
        k.stage = cloud_stage::embodied;
        instance_embodied_inputs e;
        e.provider = in.provider;
        e.instance_type = std::string(key.instance);
        instance_platform_share p = instance_platform(db_, e);
        k.recorded.figures.insert(k.recorded.figures.end(), p.recorded.figures.begin(), p.recorded.figures.end());
        for (const auto& w : p.recorded.warnings) k.recorded.warnings.push_back("embodied: " + w);
        k.platform = std::move(p);
        k.stage = cloud_stage::done;
      }
      k.ok = true;
    } catch (const error& e) {
      k.reason = e.what();
    }
    return k;
  }

  std::int32_t set_of(resolved_key& k) {
    if (k.set < 0) {
      const auto same = std::find_if(out_.figure_sets.begin(), out_.figure_sets.end(),
                                     [&](const cloud_figure_set& s) { return s.figures == k.recorded.figures; });
      k.set = static_cast<std::int32_t>(same - out_.figure_sets.begin());
      if (same == out_.figure_sets.end()) {
        cloud_figure_set s;
        s.provider = k.provider;
        s.region = k.region;
        s.figures = k.recorded.figures;
        const used_figure* grid = k.recorded.figure("grid intensity");
        if (grid != nullptr) s.grid_factor_id = grid->origin;
        out_.figure_sets.push_back(std::move(s));
      }
      for (const auto& w : k.recorded.warnings) warn(w);
    }
    ++out_.figure_sets[static_cast<std::size_t>(k.set)].rows;
    return k.set;
  }

  group& group_of(std::string_view provider, std::string_view region, std::string_view service) {
    const group_key key{provider, region, service};
    if (last_group_ != nullptr && key == last_group_key_) return *last_group_;
    auto it = group_views_.find(key);
    if (it == group_views_.end()) {
      group& g = groups_[std::make_tuple(lower(provider), std::string(region), std::string(service))];
      it = group_views_.emplace(key, &g).first;
    }
    last_group_key_ = key;
    last_group_ = it->second;
    return *it->second;
  }

  void warn(const std::string& w) {
    if (warned_.insert(w).second) out_.warnings.push_back(w);
  }

  void finish() {
    out_.total.rows = out_.computed_rows;
    out_.total.energy_kwh = total_energy_.value();
    out_.total.co2e_kg = total_co2e_.value();
    out_.total.embodied_kg = total_embodied_.value();
    for (const auto& [key, g] : groups_) {
      cloud_subtotal s;
      s.provider = std::get<0>(key);
      s.region = std::get<1>(key);
      s.service = std::get<2>(key);
      s.totals.rows = g.rows;
      s.totals.energy_kwh = g.energy.value();
      s.totals.co2e_kg = g.co2e.value();
      s.totals.embodied_kg = g.embodied.value();
      out_.subtotals.push_back(std::move(s));
    }
    if (without_instance_) {
      warn("embodied emissions not counted for rows without an instance type: give the instance column for the "
           "platform server's share");
    }
  }

  const factor_database& db_;
  const cloud_usage_columns& c_;
  const cloud_batch_options& o_;
  cloud_batch_result out_;
  compensated_sum total_energy_, total_co2e_, total_embodied_;
  bool without_instance_ = false;
  std::unordered_map<row_key, resolved_key, row_key_hash> keys_;  // node-based: references stay valid
  row_key last_;
  resolved_key* last_key_ = nullptr;
  std::map<std::tuple<std::string, std::string, std::string>, group> groups_;
  std::unordered_map<group_key, group*, group_key_hash> group_views_;
  group_key last_group_key_;
  group* last_group_ = nullptr;
  std::unordered_set<std::string> warned_;
};

// ---- CSV billing exports ----

constexpr std::array<std::string_view, 14> csv_columns{
    "provider", "region",      "service",    "vcpu_hours", "cpu_utilization", "memory_gb_hours", "storage_tb_hours",
    "storage_type", "replication", "network_gb", "gpu_hours", "gpu",          "microarchitecture", "instance"};
enum csv_column : std::size_t {
  c_provider, c_region, c_service, c_vcpu, c_util, c_memory, c_storage, c_storage_type, c_replication, c_network,
  c_gpu_hours, c_gpu, c_micro, c_instance
};
constexpr std::array<std::size_t, 7> numeric_columns{c_vcpu, c_util, c_memory, c_storage, c_replication, c_network,
                                                     c_gpu_hours};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Column positions of the header; throws naming file:1.
std::array<std::ptrdiff_t, 14> header_positions(const std::vector<std::string>& header, const std::string& file) {
  std::array<std::ptrdiff_t, 14> at{};
  at.fill(-1);
  const std::string expected = fmt::format("a column of a cloud billing export: {}", fmt::join(csv_columns, ", "));
  for (std::size_t j = 0; j < header.size(); ++j) {
    const std::string_view name = trimmed(header[j]);
    const auto hit = std::find(csv_columns.begin(), csv_columns.end(), name);
    if (hit == csv_columns.end()) throw input_error(describe_problem({file, 1, 0}, "header", quote(name), expected));
    auto& slot = at[static_cast<std::size_t>(hit - csv_columns.begin())];
    if (slot >= 0) {
      throw input_error(
          describe_problem({file, 1, 0}, "header", fmt::format("{} twice", quote(name)), "each column once"));
    }
    slot = static_cast<std::ptrdiff_t>(j);
  }
  for (std::size_t required : {c_provider, c_region}) {
    if (at[required] < 0) {
      throw input_error(describe_problem({file, 1, 0}, "header", fmt::format("no column '{}'", csv_columns[required]),
                                         "the columns provider and region, and any of the others"));
    }
  }
  return at;
}

}  // namespace

cloud_batch_result cloud_usage_batch(const factor_database& db, const cloud_usage_columns& columns,
                                     const cloud_batch_options& options) {
  return batch(db, columns, options).run(nullptr);
}

cloud_batch_result cloud_usage_csv(const factor_database& db, const std::filesystem::path& file,
                                   const cloud_batch_options& options) {
  const detail::csv_table table = detail::read_csv(file);
  const std::string name = file.string();
  const auto at = header_positions(table.header, name);
  const std::size_t rows = table.rows.size();
  std::array<std::vector<std::string_view>, 14> text;
  std::array<std::vector<double>, 14> numbers;
  std::vector<std::string> preset(rows);
  for (std::size_t j = 0; j < csv_columns.size(); ++j) {
    if (at[j] < 0) continue;
    const bool numeric = std::find(numeric_columns.begin(), numeric_columns.end(), j) != numeric_columns.end();
    if (numeric) numbers[j].assign(rows, j == c_util ? std::nan("") : (j == c_replication ? 1.0 : 0.0));
    else text[j].assign(rows, std::string_view());
  }
  for (std::size_t i = 0; i < rows; ++i) {
    const detail::csv_record& rec = table.rows[i];
    if (rec.fields.size() != table.header.size()) {
      preset[i] = describe_problem({name, rec.line, 0}, "row", fmt::format("{} fields", rec.fields.size()),
                                   fmt::format("{}, one per column of the header", table.header.size()));
      continue;
    }
    for (std::size_t j = 0; j < csv_columns.size(); ++j) {
      if (at[j] < 0) continue;
      const std::string_view cell = trimmed(rec.fields[static_cast<std::size_t>(at[j])]);
      if (!numbers[j].empty()) {
        if (cell.empty()) continue;  // the column's default
        double v = 0.0;
        const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        if (ec != std::errc() || end != cell.data() + cell.size()) {
          if (preset[i].empty()) {
            preset[i] = describe_problem({name, rec.line, 0}, csv_columns[j], quote(cell), "a number");
          }
        } else {
          numbers[j][i] = v;
        }
      } else {
        text[j][i] = cell;
      }
    }
  }
  cloud_usage_columns c;
  c.provider = text[c_provider];
  c.region = text[c_region];
  c.service = text[c_service];
  c.vcpu_hours = numbers[c_vcpu];
  c.cpu_utilization = numbers[c_util];
  c.memory_gb_hours = numbers[c_memory];
  c.storage_tb_hours = numbers[c_storage];
  c.storage_type = text[c_storage_type];
  c.replication = numbers[c_replication];
  c.network_gb = numbers[c_network];
  c.gpu_hours = numbers[c_gpu_hours];
  c.gpu = text[c_gpu];
  c.instance = text[c_instance];
  c.microarchitecture = text[c_micro];
  cloud_batch_result out = batch(db, c, options).run(&preset);
  for (std::size_t i = 0; i < rows; ++i) {
    if (!out.computed[i] && preset[i].empty()) {
      out.reason[i] = fmt::format("{}:{}: {}", name, table.rows[i].line, out.reason[i]);
    }
  }
  return out;
}

}  // namespace digital
}  // namespace v0
}  // namespace ghgkit
