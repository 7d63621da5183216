// Reading and checking an intensity series: CSV columns, duplicates, the step of each zone, gaps.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "../activity/csv_reader.hpp"
#include "ghgkit/grid/intensity_series.hpp"

namespace ghgkit {
inline namespace v0 {
namespace grid {
namespace {

constexpr std::string_view columns_expected =
    "the columns timestamp, zone, intensity_g_per_kwh and optionally marginal_g_per_kwh";

struct column_map {
  std::size_t timestamp = 0, zone = 0, intensity = 0;
  std::optional<std::size_t> marginal;
};

column_map find_columns(const std::vector<std::string>& header, const source_location& where) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!index.emplace(header[i], i).second) raise<input_error>(where, "header", quote(header[i]) + " twice", columns_expected);
  }
  for (const auto& name : header) {
    if (name != "timestamp" && name != "zone" && name != "intensity_g_per_kwh" && name != "marginal_g_per_kwh") {
      raise<input_error>(where, "header", "the column " + quote(name), columns_expected);
    }
  }
  for (const char* name : {"timestamp", "zone", "intensity_g_per_kwh"}) {
    if (!index.contains(name)) raise<input_error>(where, "header", fmt::format("no column '{}'", name), columns_expected);
  }
  column_map c;
  c.timestamp = index["timestamp"];
  c.zone = index["zone"];
  c.intensity = index["intensity_g_per_kwh"];
  if (auto it = index.find("marginal_g_per_kwh"); it != index.end()) c.marginal = it->second;
  return c;
}

double intensity_value(std::string_view text, const source_location& where, std::string_view field) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    raise<input_error>(where, field, quote(text), "a finite number >= 0 in gCO2e/kWh");
  }
  return value;
}

intensity_row parse_row(const detail::csv_record& record, const column_map& c, std::size_t width,
                        const std::string& file) {
  const source_location where{file, record.line, 0};
  if (record.fields.size() != width) {
    raise<input_error>(where, "row", fmt::format("{} fields", record.fields.size()),
                       fmt::format("{} fields as in the header", width));
  }
  intensity_row row;
  row.line = record.line;
  row.time = parse_time(record.fields[c.timestamp], where, "timestamp");
  row.zone = record.fields[c.zone];
  if (row.zone.empty()) raise<input_error>(where, "zone", "''", "a zone name such as 'FR'");
  row.intensity_g_per_kwh = intensity_value(record.fields[c.intensity], where, "intensity_g_per_kwh");
  if (c.marginal && !record.fields[*c.marginal].empty()) {
    row.marginal_g_per_kwh = intensity_value(record.fields[*c.marginal], where, "marginal_g_per_kwh");
  }
  return row;
}

// "file:line" of a row, for messages that name a second row.
std::string where_str(const std::string& source, std::size_t line) {
  return source_location{source, line, 0}.str();
}

// The step of one zone's sorted rows: the smallest interval; every interval must be a multiple of it.
std::chrono::seconds detect_step(const std::vector<intensity_row>& rows, const std::string& source) {
  using std::chrono::seconds;
  if (rows.size() < 2) return seconds{3600};
  seconds step{seconds::max()};
  for (std::size_t i = 1; i < rows.size(); ++i) step = std::min(step, rows[i].time - rows[i - 1].time);
  if (seconds{3600} % step != seconds{0}) {
    raise<input_error>(source_location{source, rows.front().line, 0}, "timestamp",
                       fmt::format("a step of {} s in zone '{}'", step.count(), rows.front().zone),
                       "a step that divides one hour (3600 s): hourly or finer, regular");
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if ((rows[i].time - rows[i - 1].time) % step != seconds{0}) {
      raise<input_error>(source_location{source, rows[i].line, 0}, "timestamp",
                         fmt::format("{} after {} ({})", format_time(rows[i].time), format_time(rows[i - 1].time),
                                     where_str(source, rows[i - 1].line)),
                         fmt::format("a whole number of steps of {} s in zone '{}'", step.count(), rows[i].zone));
    }
  }
  return step;
}

}  // namespace

intensity_series intensity_series::from_csv(const std::filesystem::path& file) {
  const detail::csv_table table = detail::read_csv(file);
  const std::string name = file.string();
  const column_map columns = find_columns(table.header, source_location{name, 1, 0});
  std::vector<intensity_row> rows;
  rows.reserve(table.rows.size());
  for (const auto& record : table.rows) rows.push_back(parse_row(record, columns, table.header.size(), name));
  return from_rows(std::move(rows), name);
}

intensity_series intensity_series::from_rows(std::vector<intensity_row> rows, std::string source) {
  if (rows.empty()) raise<input_error>(source_location{source, 0, 0}, "rows", "no row", "at least one row of data");
  intensity_series s;
  for (auto& row : rows) {
    auto it = std::find_if(s.zones_.begin(), s.zones_.end(), [&](const zone_series& z) { return z.name == row.zone; });
    if (it == s.zones_.end()) {
      s.zones_.push_back(zone_series{row.zone, std::chrono::seconds{3600}, {}});
      it = std::prev(s.zones_.end());
    }
    it->rows.push_back(std::move(row));
  }
  for (auto& z : s.zones_) {
    std::stable_sort(z.rows.begin(), z.rows.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    for (std::size_t i = 1; i < z.rows.size(); ++i) {
      if (z.rows[i].time != z.rows[i - 1].time) continue;
      const auto& [first, second] = std::minmax(z.rows[i - 1].line, z.rows[i].line);
      raise<input_error>(source_location{source, second, 0}, "timestamp",
                         fmt::format("{} in zone '{}' again (already at {})", format_time(z.rows[i].time), z.name,
                                     where_str(source, first)),
                         "one row per zone and UTC instant");
    }
    z.step = detect_step(z.rows, source);
    for (std::size_t i = 1; i < z.rows.size(); ++i) {
      const auto interval = z.rows[i].time - z.rows[i - 1].time;
      if (interval == z.step) continue;
      gap g;
      g.zone = z.name;
      g.from = z.rows[i - 1].time + z.step;
      g.to = z.rows[i].time;
      g.missing_steps = static_cast<std::size_t>(interval / z.step) - 1;
      s.gaps_.push_back(std::move(g));
    }
  }
  return s;
}

std::vector<hourly_energy> checked_hourly(std::span<const hourly_energy> values, std::string_view name) {
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (!std::isfinite(values[i].kwh) || values[i].kwh < 0) {
      raise<input_error>({}, fmt::format("{}[{}].kwh", name, i), fmt::format("{}", values[i].kwh), "a finite number >= 0");
    }
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a].time < values[b].time; });
  std::vector<hourly_energy> sorted;
  sorted.reserve(values.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && values[order[k]].time - values[order[k - 1]].time < std::chrono::hours{1}) {
      raise<input_error>({}, fmt::format("{}[{}].time", name, order[k]),
                         fmt::format("{} with {}[{}] at {}", format_time(values[order[k]].time), name, order[k - 1],
                                     format_time(values[order[k - 1]].time)),
                         "one value per UTC hour, at least one hour apart");
    }
    sorted.push_back(values[order[k]]);
  }
  return sorted;
}

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
