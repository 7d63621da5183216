// Hourly grid data (include/ghgkit/grid/): ISO 8601 times with offsets, both European daylight-saving
// transitions of 2024, gaps and duplicates, hour-matched emissions, best window and region, 24/7 CFE.
// Every expected value is worked by hand in the comment beside it.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ghgkit/grid/intensity_series.hpp"
#include "ghgkit/grid/planning.hpp"
#include "test_support.hpp"

using namespace ghgkit;
using namespace ghgkit::grid;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

std::filesystem::path fixture(const std::string& name) { return ghgkit_test::fixtures() / "grid" / name; }

intensity_series two_zones() { return intensity_series::from_csv(fixture("two_zones_gap.csv")); }

utc_time at(const char* text) { return parse_time(text); }

hourly_energy kwh_at(const char* time, double kwh) {
  hourly_energy h;
  h.time = at(time);
  h.kwh = kwh;
  return h;
}

job_window job(double duration_h, double power_kw, const char* start, const char* end) {
  job_window j;
  j.duration_h = duration_h;
  j.power_kw = power_kw;
  j.start = at(start);
  j.end = at(end);
  return j;
}

// The message a bad fixture must raise: its .expected file with {file} replaced by the CSV's path.
std::string expected_message(const std::string& stem) {
  std::string text = ghgkit_test::read_text(fixture(stem + ".expected"));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return ghgkit_test::replace_all(text, "{file}", fixture(stem + ".csv").string());
}

}  // namespace

TEST_CASE("grid: ISO 8601 times with an offset are converted to UTC") {
  // 2024-01-01T00:00:00Z is 19,723 days after 1970-01-01: 19723 x 86400 = 1,704,067,200 s.
  CHECK(at("2024-01-01T00:00:00Z").time_since_epoch().count() == 1704067200);
  CHECK(format_time(at("1970-01-01T00:00:00Z")) == "1970-01-01T00:00:00Z");
  CHECK(format_time(at("2024-03-31T01:00:00+01:00")) == "2024-03-31T00:00:00Z");
  CHECK(format_time(at("2024-03-31T03:00:00+02:00")) == "2024-03-31T01:00:00Z");
  CHECK(format_time(at("2024-01-01T00:30-05:00")) == "2024-01-01T05:30:00Z");            // no seconds
  CHECK(format_time(at("2024-12-31T23:00:00.000-01:00")) == "2025-01-01T00:00:00Z");     // zero fraction, new year
  CHECK(format_time(at("2024-02-29T12:00:00Z")) == "2024-02-29T12:00:00Z");              // leap day
}

TEST_CASE("grid: a time without offset or with a bad date is refused with the field and the text") {
  CHECK_THROWS_WITH_AS((void)parse_time("2024-03-31T01:00:00", {"f.csv", 7, 0}),
                       "f.csv:7: field 'timestamp': found '2024-03-31T01:00:00', expected a zone offset (Z or +HH:MM) "
                       "after the time: without one the instant is ambiguous, e.g. '2024-03-31T01:00:00+01:00'",
                       input_error);
  CHECK_THROWS_WITH_AS((void)parse_time("2023-02-29T12:00:00Z", {}, "start"),
                       "field 'start': found '2023-02-29T12:00:00Z', expected a valid calendar date and a time of day "
                       "up to 23:59:59",
                       input_error);
  CHECK_THROWS_WITH_AS((void)parse_time("2024-03-31 01:00:00Z"),
                       "field 'timestamp': found '2024-03-31 01:00:00Z', expected an ISO 8601 time "
                       "YYYY-MM-DDTHH:MM[:SS][.fff] with Z or +HH:MM/-HH:MM, such as '2024-03-31T01:00:00+01:00'",
                       input_error);
  CHECK_THROWS_WITH_AS((void)parse_time("2024-03-31T01:00:00.5Z"),
                       "field 'timestamp': found '2024-03-31T01:00:00.5Z', expected a time in whole seconds", input_error);
  CHECK_THROWS_AS((void)parse_time("2024-03-31T01:00:00+0100"), input_error);
  CHECK_THROWS_AS((void)parse_time("2024-03-31T24:00:00Z"), input_error);
}

TEST_CASE("grid: the spring transition day of Europe has 23 UTC hours") {
  // Local 2024-03-31 in Paris: 00:00 and 01:00 at +01:00, then 03:00 to 23:00 at +02:00 (02:00 does not
  // exist): 2 + 21 = 23 rows, from 2024-03-30T23:00Z to 2024-03-31T21:00Z, one hour apart, no gap.
  const auto s = intensity_series::from_csv(fixture("fr_dst_spring.csv"));
  const auto rows = s.rows("FR");
  REQUIRE(rows.size() == 23);
  CHECK(format_time(rows.front().time) == "2024-03-30T23:00:00Z");
  CHECK(format_time(rows[2].time) == "2024-03-31T01:00:00Z");  // 03:00+02:00 follows 01:00+01:00 (00:00Z)
  CHECK(format_time(rows.back().time) == "2024-03-31T21:00:00Z");
  CHECK(s.step("FR") == std::chrono::hours{1});
  CHECK(s.gaps().empty());
  // 1 kWh in each of the 23 UTC hours x 100 g/kWh = 2,300 g = 2.3 kg.
  std::vector<hourly_energy> load;
  for (const auto& r : rows) load.push_back(hourly_energy{r.time, 1.0});
  const auto e = s.emissions(load, "FR");
  CHECK(e.energy_kwh == exactly(23.0));
  CHECK(e.co2e_kg == exactly(2.3));
  CHECK(e.unpriced.empty());
}

TEST_CASE("grid: the autumn transition day of Europe has 25 UTC hours and two distinct 02:00") {
  // Local 2024-10-27: 00:00 to 02:00 at +02:00, 02:00 again to 23:00 at +01:00: 3 + 22 = 25 rows, from
  // 2024-10-26T22:00Z to 2024-10-27T22:00Z. 02:00+02:00 = 00:00Z (200 g/kWh), 02:00+01:00 = 01:00Z
  // (300 g/kWh, marginal 450), listed first in the file: rows may come in any order.
  const auto s = intensity_series::from_csv(fixture("fr_dst_autumn.csv"));
  const auto rows = s.rows("FR");
  REQUIRE(rows.size() == 25);
  CHECK(format_time(rows.front().time) == "2024-10-26T22:00:00Z");
  CHECK(format_time(rows.back().time) == "2024-10-27T22:00:00Z");
  CHECK(rows[2].intensity_g_per_kwh == 200.0);
  CHECK(format_time(rows[3].time) == "2024-10-27T01:00:00Z");
  CHECK(rows[3].intensity_g_per_kwh == 300.0);
  CHECK(rows[3].marginal_g_per_kwh == 450.0);
  CHECK(rows[3].line == 2);
  CHECK_FALSE(rows[4].marginal_g_per_kwh.has_value());
  CHECK(s.gaps().empty());
  // Mean: (23 x 100 + 200 + 300) / 25 = 2800 / 25 = 112 g/kWh. 1 kWh each UTC hour: 2,800 g = 2.8 kg,
  // and at the average 25 kWh x 112 = 2.8 kg too (every hour has the same load).
  CHECK(s.average_g_per_kwh("FR") == exactly(112.0));
  std::vector<hourly_energy> load;
  for (const auto& r : rows) load.push_back(hourly_energy{r.time, 1.0});
  const auto e = s.emissions(load, "FR");
  CHECK(e.co2e_kg == exactly(2.8));
  CHECK(e.co2e_average_kg == exactly(2.8));
}

TEST_CASE("grid: gaps are listed per zone and never filled") {
  // Zone A has 00, 01, 02, 03, 05, 06, 07 Z: 04:00Z is missing. Zone B (given at +01:00) is complete.
  const auto s = two_zones();
  CHECK(s.zones() == std::vector<std::string>{"A", "B"});
  REQUIRE(s.gaps().size() == 1);
  const gap& g = s.gaps().front();
  CHECK(g.zone == "A");
  CHECK(format_time(g.from) == "2024-01-01T04:00:00Z");
  CHECK(format_time(g.to) == "2024-01-01T05:00:00Z");
  CHECK(g.missing_steps == 1);
  CHECK(format_time(s.rows("B").front().time) == "2024-01-01T00:00:00Z");
  CHECK_FALSE(s.mean_g_per_kwh("A", at("2024-01-01T03:30:00Z"), at("2024-01-01T04:30:00Z")).has_value());
}

TEST_CASE("grid: bad series files name the file, the line and the field") {
  for (const char* stem : {"bad_no_offset", "bad_duplicate", "bad_intensity", "bad_header"}) {
    CAPTURE(stem);
    const std::string expected = expected_message(stem);
    CHECK_THROWS_WITH_AS((void)intensity_series::from_csv(fixture(std::string(stem) + ".csv")), expected.c_str(),
                         input_error);
  }
}

TEST_CASE("grid: steps finer than an hour are detected and an irregular step is refused") {
  // Zone Q every 15 min from 00:00Z: 100 g/kWh for the first hour, 200 for the second. The hour
  // 00:30-01:30 covers two steps at 100 and two at 200: mean 150 g/kWh; 1 kWh -> 0.15 kg.
  std::vector<intensity_row> rows;
  for (int i = 0; i < 8; ++i) {
    intensity_row r;
    r.zone = "Q";
    r.time = at("2024-06-01T00:00:00Z") + std::chrono::minutes{15 * i};
    r.intensity_g_per_kwh = i < 4 ? 100.0 : 200.0;
    r.line = static_cast<std::size_t>(i) + 1;
    rows.push_back(r);
  }
  const auto s = intensity_series::from_rows(rows);
  CHECK(s.step("Q") == std::chrono::minutes{15});
  const std::vector<hourly_energy> load{kwh_at("2024-06-01T00:30:00Z", 1.0)};
  CHECK(s.emissions(load, "Q").co2e_kg == exactly(0.15));
  // A row 10 minutes after the last one: steps of 15 and 10 min, neither a multiple of the other
  // (the smallest, 10 min, divides the hour, but 15 min is not a multiple of it).
  rows.push_back(rows.back());
  rows.back().time += std::chrono::minutes{10};
  rows.back().line = 9;
  CHECK_THROWS_WITH_AS((void)intensity_series::from_rows({}),
                       "rows: field 'rows': found no row, expected at least one row of data", input_error);
  CHECK_THROWS_WITH_AS((void)intensity_series::from_rows(rows),
                       "rows:2: field 'timestamp': found 2024-06-01T00:15:00Z after 2024-06-01T00:00:00Z (rows:1), "
                       "expected a whole number of steps of 600 s in zone 'Q'",
                       input_error);
}

TEST_CASE("grid: emissions price each load hour and list the hours without an intensity") {
  // 2 kWh at 00, 01, 02, 03, 05 Z (300, 200, 100, 150, 20 g/kWh): 2 x 770 = 1,540 g = 1.54 kg.
  // Unpriced: 2023-12-31T23Z (before the series), 04Z (in the gap), 09Z (after the series): 6 kWh.
  // Average of A: (300+200+100+150+20+20+300) / 7 = 1090/7 g/kWh; x 10 priced kWh = 1.5571429 kg.
  const std::vector<hourly_energy> load{
      kwh_at("2024-01-01T05:00:00Z", 2), kwh_at("2024-01-01T00:00:00Z", 2), kwh_at("2024-01-01T01:00:00Z", 2),
      kwh_at("2024-01-01T02:00:00Z", 2), kwh_at("2024-01-01T03:00:00Z", 2), kwh_at("2024-01-01T04:00:00Z", 2),
      kwh_at("2024-01-01T09:00:00Z", 2), kwh_at("2023-12-31T23:00:00Z", 2)};
  const auto e = two_zones().emissions(load, "A");
  CHECK(e.zone == "A");
  CHECK(e.energy_kwh == exactly(16.0));
  CHECK(e.priced_energy_kwh == exactly(10.0));
  CHECK(e.unpriced_energy_kwh == exactly(6.0));
  CHECK(e.co2e_kg == exactly(1.54));
  CHECK(e.average_g_per_kwh == exactly(1090.0 / 7.0));
  CHECK(e.co2e_average_kg == exactly(10.0 * 1090.0 / 7.0 / 1000.0));
  CHECK(e.difference_kg == exactly(1.54 - 10.9 / 7.0));
  REQUIRE(e.unpriced.size() == 3);
  CHECK(format_time(e.unpriced[0].time) == "2023-12-31T23:00:00Z");
  CHECK(e.unpriced[0].reason == "before the series");
  CHECK(e.unpriced[1].reason == "in a gap");
  CHECK(e.unpriced[1].kwh == 2.0);
  CHECK(e.unpriced[2].reason == "after the series");
}

TEST_CASE("grid: a load with two values for one hour or a negative value is refused") {
  const auto s = two_zones();
  const std::vector<hourly_energy> twice{kwh_at("2024-01-01T01:00:00Z", 1), kwh_at("2024-01-01T02:00:00+01:00", 1)};
  CHECK_THROWS_WITH_AS((void)s.emissions(twice, "A"),
                       "field 'load[1].time': found 2024-01-01T01:00:00Z with load[0] at 2024-01-01T01:00:00Z, "
                       "expected one value per UTC hour, at least one hour apart",
                       input_error);
  const std::vector<hourly_energy> negative{kwh_at("2024-01-01T01:00:00Z", -1)};
  CHECK_THROWS_WITH_AS((void)s.emissions(negative, "A"), "field 'load[0].kwh': found -1, expected a finite number >= 0",
                       input_error);
  CHECK_THROWS_WITH_AS((void)s.emissions(negative, "C"), "field 'zone': found 'C', expected one of the series' zones: 'A', 'B'",
                       input_error);
}

TEST_CASE("grid: the best window skips windows that cross a gap and reports the saving against now") {
  // 2 h at 10 kW in A between 00:00Z and 08:00Z: means of two hours (x 20 kWh / 1000):
  // 00: (300+200)/2 = 250 -> 5 kg (now); 01: 150 -> 3 kg; 02: 125 -> 2.5 kg; 03: crosses the gap;
  // 05: 20 -> 0.4 kg; 06: 160 -> 3.2 kg; 07 would end at 09:00Z > end. Best 05:00Z, saving 4.6 kg = 92 %.
  const auto w = best_window(two_zones(), "A", job(2, 10, "2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z"));
  CHECK(format_time(w.start) == "2024-01-01T05:00:00Z");
  CHECK(format_time(w.end) == "2024-01-01T07:00:00Z");
  CHECK(w.energy_kwh == exactly(20.0));
  CHECK(w.co2e_kg == exactly(0.4));
  CHECK(*w.now_co2e_kg == exactly(5.0));
  CHECK(*w.saving_kg == exactly(4.6));
  CHECK(*w.saving_pct == exactly(92.0));
  CHECK(w.windows_considered == 5);
  CHECK(w.windows_skipped == 1);
}

TEST_CASE("grid: a start between two steps and a duration of one and a half hours are priced by overlap") {
  // Now = 00:30Z, 1 h: half of 00Z (300) and half of 01Z (200): 250 g/kWh x 10 kWh = 2.5 kg.
  // Best: 05:00Z, 20 g/kWh -> 0.2 kg; saving 2.3 kg = 92 %.
  const auto w = best_window(two_zones(), "A", job(1, 10, "2024-01-01T00:30:00Z", "2024-01-01T08:00:00Z"));
  CHECK(*w.now_co2e_kg == exactly(2.5));
  CHECK(format_time(w.start) == "2024-01-01T05:00:00Z");
  CHECK(w.co2e_kg == exactly(0.2));
  CHECK(*w.saving_pct == exactly(92.0));
  // 1.5 h at 10 kW from 05:00Z: 1 h of 20 and 0.5 h of 20 -> 15 kWh x 20 / 1000 = 0.3 kg; from 06:00Z:
  // (1 x 20 + 0.5 x 300) / 1.5 = 113.33 g/kWh -> 1.7 kg. Bounds 05:00Z to 07:30Z allow these two starts.
  const auto f = best_window(two_zones(), "A", job(1.5, 10, "2024-01-01T05:00:00Z", "2024-01-01T07:30:00Z"));
  CHECK(f.co2e_kg == exactly(0.3));
  CHECK(f.windows_considered == 2);
  CHECK_THROWS_WITH_AS((void)best_window(two_zones(), "A", job(2, 10, "2024-01-01T03:00:00Z", "2024-01-01T05:30:00Z")),
                       "field 'zone': found 'A', expected data for the job: no window of 2 h without a gap in zone 'A' "
                       "between 2024-01-01T03:00:00Z and 2024-01-01T05:30:00Z",
                       input_error);
  CHECK_THROWS_WITH_AS((void)best_window(two_zones(), "A", job(3, 10, "2024-01-01T00:00:00Z", "2024-01-01T02:00:00Z")),
                       "field 'end': found 2024-01-01T02:00:00Z, expected at least duration_h = 3 h after start "
                       "2024-01-01T00:00:00Z",
                       input_error);
}

TEST_CASE("grid: the best region compares every candidate against the first one starting now") {
  // A: best 0.4 kg at 05:00Z (above); B: 10 g/kWh every hour -> 20 kWh x 10 = 0.2 kg, ties broken by the
  // earliest start, 00:00Z. Baseline: A now = 5 kg; saving 4.8 kg = 96 %.
  const std::vector<std::string> zones{"A", "B"};
  const auto r = best_region(two_zones(), zones, job(2, 10, "2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z"));
  CHECK(r.best.zone == "B");
  CHECK(format_time(r.best.start) == "2024-01-01T00:00:00Z");
  CHECK(r.best.co2e_kg == exactly(0.2));
  CHECK(r.baseline_zone == "A");
  CHECK(*r.baseline_co2e_kg == exactly(5.0));
  CHECK(*r.saving_kg == exactly(4.8));
  CHECK(*r.saving_pct == exactly(96.0));
  REQUIRE(r.candidates.size() == 2);
  CHECK(r.candidates[0].best->co2e_kg == exactly(0.4));
  CHECK(r.candidates[1].reason.empty());
  const std::vector<std::string> unknown{"A", "X"};
  CHECK_THROWS_AS((void)best_region(two_zones(), unknown, job(2, 10, "2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z")),
                  input_error);
}

TEST_CASE("grid: the 24/7 CFE score matches consumption and clean supply hour by hour") {
  // Consumption 10 kWh at 00, 01, 02 Z and 5 kWh at 04Z (the gap of A): 35 kWh. Clean supply 4 at 00Z,
  // 12 at 01Z, 7 at 05Z (no consumption then): 23 kWh. Matched min(10,4) + min(10,12) + 0 + 0 = 14 kWh:
  // score 14 / 35 = 0.4. Unmatched 6 at 00Z x 300 = 1.8 kg, 10 at 02Z x 100 = 1.0 kg -> 2.8 kg; the
  // 5 kWh of 04Z have no intensity (unpriced). Excess supply 23 - 14 = 9 kWh.
  const std::vector<hourly_energy> consumption{kwh_at("2024-01-01T00:00:00Z", 10), kwh_at("2024-01-01T01:00:00Z", 10),
                                               kwh_at("2024-01-01T02:00:00Z", 10), kwh_at("2024-01-01T04:00:00Z", 5)};
  const std::vector<hourly_energy> supply{kwh_at("2024-01-01T00:00:00Z", 4), kwh_at("2024-01-01T01:00:00Z", 12),
                                          kwh_at("2024-01-01T05:00:00Z", 7)};
  const auto c = cfe_score(two_zones(), consumption, supply, "A");
  CHECK(c.score == exactly(0.4));
  CHECK(c.consumption_kwh == exactly(35.0));
  CHECK(c.matched_kwh == exactly(14.0));
  CHECK(c.unmatched_kwh == exactly(21.0));
  CHECK(c.excess_supply_kwh == exactly(9.0));
  CHECK(c.market_kg == exactly(2.8));
  REQUIRE(c.hours.size() == 4);
  CHECK(c.hours[1].market_kg == 0.0);
  CHECK(c.hours[0].market_kg == exactly(1.8));
  REQUIRE(c.unpriced.size() == 1);
  CHECK(c.unpriced[0].kwh == 5.0);
  CHECK(c.unpriced[0].reason == "in a gap");
  const std::vector<hourly_energy> none{kwh_at("2024-01-01T00:00:00Z", 0)};
  CHECK_THROWS_AS((void)cfe_score(two_zones(), none, supply, "A"), input_error);
}
