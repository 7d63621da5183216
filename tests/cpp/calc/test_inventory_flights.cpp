// Flight rows of an inventory (fields from, to, cabin, passengers, round_trip, radiative_forcing):
// read by load_inventory (YAML and CSV) and priced by compute_inventory through
// calc/flight_distance.hpp. Fixtures: tests/cpp/fixtures/inventory_flights (inventory.yaml and
// flights.csv) on the factor database tests/cpp/fixtures/flights (uplift 1.08, short haul below
// 3,700 km, factors in kg CO2e per passenger.km in GB for 2025). Great-circle distances worked in
// Python: flight_fixture_distances.hpp.
// Every test name starts with "inventory" so that `ctest -R inventory` runs them.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ghgkit/activity/inventory.hpp"
#include "ghgkit/calc/inventory_calc.hpp"
#include "flight_fixture_distances.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::compute_inventory;
using ghgkit::factor_database;
using ghgkit::inventory;
using ghgkit::inventory_result;
using ghgkit::load_inventory;

namespace {

using namespace ghgkit_test::flights;
constexpr double kUplift = 1.08;

doctest::Approx close(double v) { return doctest::Approx(v).epsilon(1e-9); }

fs::path dir() { return ghgkit_test::fixtures() / "inventory_flights"; }
factor_database flight_db() { return factor_database::load({ghgkit_test::fixtures() / "flights"}); }
inventory flights_inventory() { return load_inventory(dir() / "inventory.yaml"); }

const ghgkit::activity_record& record(const inventory& inv, const std::string& id) {
  const auto it = std::find_if(inv.activities.begin(), inv.activities.end(), [&](const auto& a) { return a.id == id; });
  REQUIRE_MESSAGE(it != inv.activities.end(), "no input row " << id);
  return *it;
}

const ghgkit::inventory_row& row(const inventory_result& r, const std::string& id) {
  const auto it = std::find_if(r.rows.begin(), r.rows.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE_MESSAGE(it != r.rows.end(), "no computed row " << id);
  return *it;
}

const ghgkit::skipped_row& skipped(const inventory_result& r, const std::string& id) {
  const auto it = std::find_if(r.skipped.begin(), r.skipped.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE_MESSAGE(it != r.skipped.end(), "no skipped row " << id);
  return *it;
}

}  // namespace

TEST_CASE("inventory flights: a YAML flight row is read into its flight, with passenger.km as unit") {
  const auto inv = flights_inventory();
  REQUIRE(inv.activities.size() == 22u);
  const auto& a = record(inv, "y-lhr-jfk");
  CHECK(a.problem.empty());
  CHECK(a.activity == "travel.air");
  CHECK(a.unit == "passenger.km");
  CHECK(a.amount == 0.0);
  CHECK(a.notes == "two, return");
  REQUIRE(a.flight.has_value());
  CHECK(a.flight->origin == "LHR");
  CHECK(a.flight->destination == "JFK");
  CHECK(a.flight->cabin == "economy");
  CHECK(a.flight->passengers == 2.0);
  CHECK(a.flight->round_trip);
  CHECK(a.flight->radiative_forcing);
  // Defaults: one passenger, one way, with radiative forcing, cabin average.
  const auto& d = record(inv, "y-activity");
  REQUIRE(d.flight.has_value());
  CHECK(d.flight->cabin == "average");
  CHECK(d.flight->passengers == 1.0);
  CHECK_FALSE(d.flight->round_trip);
  CHECK(d.flight->radiative_forcing);
  CHECK_FALSE(record(inv, "y-cdg-lys").flight->radiative_forcing);
  // A row without airports is no flight.
  CHECK_FALSE(record(inv, "y-direct").flight.has_value());
}

TEST_CASE("inventory flights: a CSV with from and to columns needs no activity, amount or unit column") {
  const auto inv = flights_inventory();
  const auto& c = record(inv, "c-egll-kjfk");
  CHECK(c.problem.empty());
  CHECK(c.where.file == (dir() / "flights.csv").string());
  CHECK(c.where.line == 3u);
  REQUIRE(c.flight.has_value());
  CHECK(c.flight->origin == "EGLL");
  CHECK(c.flight->destination == "KJFK");
  CHECK(c.flight->cabin == "business");
  CHECK(c.flight->passengers == 1.0);
  CHECK(c.flight->round_trip);
  CHECK(c.flight->radiative_forcing);
  const auto& m = record(inv, "c-man-tlv");
  CHECK(m.flight->passengers == 3.0);
  CHECK_FALSE(m.flight->radiative_forcing);
  CHECK(record(inv, "c-lhr-cdg").notes == "Paris, meeting");
}

TEST_CASE("inventory flights: bad flight rows are kept with their problem") {
  const auto inv = flights_inventory();
  CHECK(record(inv, "y-amount").problem ==
        "field 'amount': found '100', expected nothing on a flight row: 'passengers' counts the travellers");
  CHECK(record(inv, "y-bad-pax").problem == "field 'passengers': found '0', expected a number of travellers > 0");
  CHECK(record(inv, "y-yes").problem == "field 'round_trip': found 'yes', expected true or false");
  CHECK(record(inv, "y-cabin-only").problem ==
        "field 'cabin': found 'economy', expected a flight's field only beside 'from' and 'to' (airport codes)");
  CHECK(record(inv, "y-wrong-activity").problem ==
        "field 'activity': found 'travel.rail', expected 'travel.air' or nothing on a flight row (the haul band and "
        "cabin are derived)");
  CHECK(record(inv, "y-missing-to").problem ==
        "field 'to': found nothing, expected the IATA or ICAO code of the arrival airport");
  CHECK(record(inv, "c-yes").problem == "field 'round_trip': found 'yes', expected true or false");
  CHECK(record(inv, "c-pax").problem == "field 'passengers': found '-1', expected a number of travellers > 0");
  CHECK(record(inv, "c-pax-text").problem == "field 'passengers': found 'two', expected a number of travellers > 0");
  CHECK(record(inv, "c-empty").problem == "field 'activity': found nothing, expected an activity path or a factor id");
  // Rows whose problem only the calculation finds are read without one.
  CHECK(record(inv, "y-unknown").problem.empty());
  CHECK(record(inv, "y-first").problem.empty());
  CHECK(record(inv, "c-same").problem.empty());
}

TEST_CASE("inventory flights: flight rows are computed from their airports, with the steps in the provenance") {
  const auto result = compute_inventory(flights_inventory(), flight_db());
  // LHR-JFK, economy, 2 passengers, round trip: 5,539.65 km x 1.08 x 2 ways x 2 = 23,931.30 passenger.km;
  // long haul economy with RF 0.14 kg -> 3,350.38 kg CO2e.
  const auto& jfk = row(result, "y-lhr-jfk");
  CHECK(jfk.activity == "travel.air.long_haul.economy.with_rf");
  CHECK(jfk.scope == 3);
  CHECK(jfk.category == 6);
  CHECK(jfk.result.provenance.factor_id == "fl.long_haul.economy.with_rf");
  CHECK(jfk.result.provenance.region_used == "GB");
  CHECK(jfk.result.provenance.amount == close(kLhrJfk * kUplift * 4.0));
  CHECK(jfk.result.provenance.amount_unit == "passenger.km");
  CHECK(jfk.co2e_kg == close(kLhrJfk * kUplift * 4.0 * 0.14));
  const auto& steps = jfk.result.provenance.conversions;
  REQUIRE(steps.size() == 4u);
  CHECK(steps[0].find("LHR London Heathrow Airport (GB") != std::string::npos);
  CHECK(steps[0].find("great circle 5539.65 km") != std::string::npos);
  CHECK(steps[1].find("haul: long_haul") != std::string::npos);
  CHECK(steps[2] == "5539.65 km x uplift 1.08 for indirect routes and delays (fl.distance_uplift, source "
                    "flight-fixture) = 5982.82 km");
  CHECK(steps[3] == "5982.82 km x 2 ways x 2 passengers = 23931.3 passenger.km");

  // CDG-LYS, neither in GB: international, average cabin without RF 0.09: 412.44 x 1.08 x 0.09 = 40.09 kg.
  const auto& lys = row(result, "y-cdg-lys");
  CHECK(lys.activity == "travel.air.international.average.without_rf");
  CHECK(lys.co2e_kg == close(kCdgLys * kUplift * 0.09));
  // EDI-LHR, activity travel.air written out: domestic average with RF 0.25: 533.53 x 1.08 x 0.25 = 144.05 kg.
  CHECK(row(result, "y-activity").activity == "travel.air.domestic.average.with_rf");
  CHECK(row(result, "y-activity").co2e_kg == close(kLhrEdi * kUplift * 0.25));
  // A passenger.km row beside them, no conversion step: 1,000 x 0.15 = 150 kg.
  CHECK(row(result, "y-direct").co2e_kg == close(150.0));
  CHECK(row(result, "y-direct").result.provenance.conversions.empty());

  // CSV: LHR-CDG business with RF 0.225 (347.17 x 1.08 x 0.225 = 84.36 kg);
  CHECK(row(result, "c-lhr-cdg").activity == "travel.air.short_haul.business.with_rf");
  CHECK(row(result, "c-lhr-cdg").co2e_kg == close(kLhrCdg * kUplift * 0.225));
  // EGLL-KJFK business, round trip: 5,539.65 x 1.08 x 2 x 0.42 = 5,025.57 kg;
  CHECK(row(result, "c-egll-kjfk").activity == "travel.air.long_haul.business.with_rf");
  CHECK(row(result, "c-egll-kjfk").co2e_kg == close(kLhrJfk * kUplift * 2.0 * 0.42));
  // MAN-TLV (3,785.06 km: long haul), 3 passengers without RF 0.08: 3,785.06 x 1.08 x 3 x 0.08 = 981.09 kg;
  CHECK(row(result, "c-man-tlv").activity == "travel.air.long_haul.economy.without_rf");
  CHECK(row(result, "c-man-tlv").co2e_kg == close(kManTlv * kUplift * 3.0 * 0.08));
  // lhr-amm in lower case (3,683.03 km: short haul) with RF 0.15: 3,683.03 x 1.08 x 0.15 = 596.65 kg.
  CHECK(row(result, "c-lhr-amm").activity == "travel.air.short_haul.economy.with_rf");
  CHECK(row(result, "c-lhr-amm").co2e_kg == close(kLhrAmm * kUplift * 0.15));
  CHECK(row(result, "c-lhr-amm").result.provenance.conversions.size() == 4u);

  const double total = kLhrJfk * kUplift * 4.0 * 0.14 + kCdgLys * kUplift * 0.09 + kLhrEdi * kUplift * 0.25 + 150.0 +
                       kLhrCdg * kUplift * 0.225 + kLhrJfk * kUplift * 2.0 * 0.42 + kManTlv * kUplift * 3.0 * 0.08 +
                       kLhrAmm * kUplift * 0.15;
  CHECK(result.total_kg() == close(total));
  CHECK(result.total_kg(3, 6) == close(total));
}

TEST_CASE("inventory flights: every bad flight row is skipped with its reason, computed + skipped = input rows") {
  const auto result = compute_inventory(flights_inventory(), flight_db());
  CHECK(result.input_rows == 22u);
  CHECK(result.rows.size() == 8u);
  CHECK(result.skipped.size() == 14u);
  CHECK(result.computed_input_rows() + result.skipped.size() == result.input_rows);

  CHECK(skipped(result, "y-amount").reason ==
        "field 'amount': found '100', expected nothing on a flight row: 'passengers' counts the travellers");
  CHECK(skipped(result, "y-amount").activity == "travel.air");
  CHECK(skipped(result, "y-unknown").reason ==
        "unknown airport 'XXX' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL')");
  CHECK(skipped(result, "y-bad-pax").reason == "field 'passengers': found '0', expected a number of travellers > 0");
  CHECK(skipped(result, "y-yes").reason == "field 'round_trip': found 'yes', expected true or false");
  CHECK(skipped(result, "y-cabin-only").reason ==
        "field 'cabin': found 'economy', expected a flight's field only beside 'from' and 'to' (airport codes)");
  CHECK(skipped(result, "y-wrong-activity").reason.find("field 'activity': found 'travel.rail'") == 0u);
  CHECK(skipped(result, "y-missing-to").reason ==
        "field 'to': found nothing, expected the IATA or ICAO code of the arrival airport");
  CHECK(skipped(result, "y-first").reason ==
        "field 'cabin': found 'first', expected a cabin with short_haul flight factors: business, economy");
  CHECK(skipped(result, "c-yes").reason == "field 'round_trip': found 'yes', expected true or false");
  CHECK(skipped(result, "c-pax").reason == "field 'passengers': found '-1', expected a number of travellers > 0");
  CHECK(skipped(result, "c-pax-text").reason == "field 'passengers': found 'two', expected a number of travellers > 0");
  CHECK(skipped(result, "c-unknown").reason ==
        "unknown airport 'QQQ' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL')");
  CHECK(skipped(result, "c-same").reason == "field 'to': found 'EGLL', expected an airport other than the departure 'LHR'");
  CHECK(skipped(result, "c-empty").reason == "field 'activity': found nothing, expected an activity path or a factor id");
  CHECK(skipped(result, "c-same").where.file == (dir() / "flights.csv").string());
  CHECK(skipped(result, "c-same").where.line == 10u);
}

TEST_CASE("inventory flights: a flight row of an inventory without airports is skipped, naming the catalogue") {
  const ghgkit_test::temp_dir tmp("inventory-flights-no-airports");
  const auto file = tmp.write("inventory.yaml", "schema: ghgkit.inventory/1\n"
                                                "organisation: No Airports\n"
                                                "year: 2025\n"
                                                "entities:\n"
                                                "  - {id: hq}\n"
                                                "activities:\n"
                                                "  - {id: f, from: LHR, to: CDG, cabin: economy}\n");
  const auto dir_flights = ghgkit_test::fixtures() / "flights";
  const auto db = factor_database::load({dir_flights / "factors.yaml", dir_flights / "coefficients.yaml"});
  const auto result = compute_inventory(load_inventory(file), db);
  REQUIRE(result.skipped.size() == 1u);
  CHECK(result.skipped[0].reason.find("unknown airport 'LHR': the database has no airports") == 0u);
  CHECK(result.rows.empty());
}
