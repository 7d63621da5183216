// ghgkit/calc/flight_distance.hpp: flights given by airports (GHG Protocol Scope 3 category 6,
// distance-based method with DEFRA's haul bands). Fixture: tests/cpp/fixtures/flights (eight real
// airports, DEFRA's 1.08 uplift and 3,700 km short-haul boundary, invented round factors per
// passenger.km in GB for 2025).
//
// Great-circle distances worked independently in Python (haversine on R = 6371.0088 km, the
// coordinates of fixtures/flights/airports.yaml):
//   LHR-JFK 5539.651709269466   LHR-EDI 533.5309601275235   LHR-CDG 347.16780987883266
//   CDG-LYS 412.4377211273641   CDG-JFK 5833.657744181708   LHR-AMM 3683.0257798495236
//   MAN-TLV 3785.0646767185513
// A published value for LHR-JFK: 2,999 nmi = 5,554 km (Wikipedia, "London to New York air route").
// Published airline distances are geodesics on the WGS 84 ellipsoid (Vincenty's formula on these
// coordinates, also worked in Python, gives 5,554.54 km); the sphere differs from the ellipsoid by
// up to about 0.5% depending on latitude and azimuth, so the haversine must agree within 0.5%
// (here it is 0.26% short).

#include "ghgkit/calc/flight_distance.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "ghgkit/calc/calculate.hpp"
#include "flight_fixture_distances.hpp"
#include "test_support.hpp"

using ghgkit::factor_database;
using ghgkit::flight;
using ghgkit::flight_passenger_km;
using ghgkit::great_circle_km;

namespace {

using namespace ghgkit_test::flights;

doctest::Approx close(double v) { return doctest::Approx(v).epsilon(1e-9); }

factor_database flight_db() { return factor_database::load({ghgkit_test::fixtures() / "flights"}); }

flight trip(const std::string& from, const std::string& to, const std::string& cabin = "economy") {
  flight f;
  f.origin = from;
  f.destination = to;
  f.cabin = cabin;
  return f;
}

// kg CO2e of a flight priced as the inventory does: the leg's activity, in GB, per passenger.km.
ghgkit::emission price(const factor_database& db, const ghgkit::flight_activity& leg) {
  ghgkit::calc_options o;
  o.region = leg.region;
  return ghgkit::calculate(db, leg.activity, ghgkit::amount{leg.passenger_km, "passenger.km"}, o);
}

}  // namespace

TEST_CASE("flights: the great-circle distance agrees with an independent haversine and a published distance") {
  const auto db = flight_db();
  const auto& lhr = db.find_airport("LHR");
  const auto& jfk = db.find_airport("JFK");
  CHECK(ghgkit::earth_mean_radius_km == 6371.0088);
  const double d = great_circle_km(lhr, jfk);
  CHECK(d == close(kLhrJfk));
  // Published great-circle (ellipsoidal) distance 5,554 km, within the 0.5% sphere/ellipsoid bound.
  CHECK(std::abs(d - 5554.0) / 5554.0 < 0.005);
  CHECK(great_circle_km(lhr, db.find_airport("EDI")) == close(kLhrEdi));
  CHECK(great_circle_km(lhr, db.find_airport("CDG")) == close(kLhrCdg));
  CHECK(great_circle_km(db.find_airport("CDG"), db.find_airport("LYS")) == close(kCdgLys));
  CHECK(great_circle_km(db.find_airport("CDG"), jfk) == close(kCdgJfk));
  CHECK(great_circle_km(lhr, db.find_airport("AMM")) == close(kLhrAmm));
  CHECK(great_circle_km(db.find_airport("MAN"), db.find_airport("TLV")) == close(kManTlv));
}

TEST_CASE("flights: the great-circle distance is symmetric and zero from an airport to itself") {
  const auto db = flight_db();
  const auto airports = db.airports();
  REQUIRE(airports.size() == 8u);
  for (const auto& a : airports) {
    CHECK(great_circle_km(a, a) == 0.0);
    for (const auto& b : airports) {
      CAPTURE(a.iata);
      CAPTURE(b.iata);
      CHECK(great_circle_km(a, b) == doctest::Approx(great_circle_km(b, a)).epsilon(1e-12));
      if (a.id != b.id) CHECK(great_circle_km(a, b) > 0.0);
    }
  }
}

TEST_CASE("flights: the same airport twice is refused, also when written once by IATA and once by ICAO") {
  const auto db = flight_db();
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHR", "LHR")),
                       "field 'to': found 'LHR', expected an airport other than the departure 'LHR'",
                       ghgkit::input_error);
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHR", "egll")),
                       "field 'to': found 'egll', expected an airport other than the departure 'LHR'",
                       ghgkit::input_error);
}

TEST_CASE("flights: haul bands: domestic, short haul, long haul, international") {
  const auto db = flight_db();
  // Both in GB: domestic, whatever the distance.
  const auto domestic = flight_passenger_km(db, trip("LHR", "EDI", "average"));
  CHECK(domestic.haul == "domestic");
  CHECK(domestic.activity == "travel.air.domestic.average.with_rf");
  CHECK(domestic.region == "GB");
  CHECK(domestic.great_circle_km == close(kLhrEdi));
  // From GB, below 3,700 km.
  const auto short_haul = flight_passenger_km(db, trip("LHR", "CDG"));
  CHECK(short_haul.haul == "short_haul");
  CHECK(short_haul.activity == "travel.air.short_haul.economy.with_rf");
  // To GB, at or above 3,700 km.
  const auto long_haul = flight_passenger_km(db, trip("JFK", "LHR"));
  CHECK(long_haul.haul == "long_haul");
  CHECK(long_haul.activity == "travel.air.long_haul.economy.with_rf");
  // Neither in GB: international, short or long.
  CHECK(flight_passenger_km(db, trip("CDG", "LYS")).haul == "international");
  CHECK(flight_passenger_km(db, trip("CDG", "JFK")).haul == "international");
  CHECK(flight_passenger_km(db, trip("CDG", "JFK", "average")).activity == "travel.air.international.average.with_rf");
}

TEST_CASE("flights: the 3,700 km boundary: LHR-AMM (3,683.0 km) is short haul, MAN-TLV (3,785.1 km) long haul") {
  const auto db = flight_db();
  const auto below = flight_passenger_km(db, trip("LHR", "AMM"));
  CHECK(below.great_circle_km == close(kLhrAmm));
  CHECK(below.great_circle_km < 3700.0);
  CHECK(below.haul == "short_haul");
  const auto above = flight_passenger_km(db, trip("MAN", "TLV"));
  CHECK(above.great_circle_km == close(kManTlv));
  CHECK(above.great_circle_km > 3700.0);
  CHECK(above.haul == "long_haul");
  // Either direction gives the same band.
  CHECK(flight_passenger_km(db, trip("AMM", "LHR")).haul == "short_haul");
  CHECK(flight_passenger_km(db, trip("TLV", "MAN")).haul == "long_haul");
}

TEST_CASE("flights: the boundary and the uplift are the database's coefficients, in any unit") {
  const ghgkit_test::temp_dir tmp("flights-override");
  // 2,300 mi = 3,701.4912 km: LHR-AMM stays short haul; 3,600 km: it becomes long haul.
  const auto miles = tmp.write("miles.yaml", "schema: ghgkit.coefficients/1\n"
                                             "coefficients:\n"
                                             "  - {id: fl.short_haul_max_distance, quantity: "
                                             "travel.air.short_haul_max_distance, value: 2300, unit: mi, source: "
                                             "flight-fixture}\n");
  const auto km = tmp.write("km.yaml", "schema: ghgkit.coefficients/1\n"
                                       "coefficients:\n"
                                       "  - {id: fl.short_haul_max_distance, quantity: "
                                       "travel.air.short_haul_max_distance, value: 3600, unit: km, source: "
                                       "flight-fixture}\n"
                                       "  - {id: fl.distance_uplift, quantity: travel.air.distance_uplift, value: 1, "
                                       "unit: \"1\", source: flight-fixture}\n");
  const auto base = flight_db();
  CHECK(flight_passenger_km(base.layer({miles}), trip("LHR", "AMM")).haul == "short_haul");
  const auto lower = base.layer({km});
  const auto leg = flight_passenger_km(lower, trip("LHR", "AMM"));
  CHECK(leg.haul == "long_haul");
  CHECK(leg.passenger_km == close(kLhrAmm));  // uplift 1: the great circle itself
}

TEST_CASE("flights: a coefficient of the wrong dimension, or none, is refused") {
  const ghgkit_test::temp_dir tmp("flights-bad-coefficient");
  const auto bad = tmp.write("bad.yaml", "schema: ghgkit.coefficients/1\n"
                                         "coefficients:\n"
                                         "  - {id: fl.distance_uplift, quantity: travel.air.distance_uplift, value: 8, "
                                         "unit: km, source: flight-fixture}\n");
  const auto db = flight_db().layer({bad});
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHR", "CDG")),
                       "coefficient 'fl.distance_uplift' (travel.air.distance_uplift) is in 'km' (distance); expected "
                       "dimensionless",
                       ghgkit::unit_error);
  const auto dir = ghgkit_test::fixtures() / "flights";
  const auto without = factor_database::load({dir / "factors.yaml", dir / "airports.yaml"});
  try {
    (void)flight_passenger_km(without, trip("LHR", "CDG"));
    FAIL("expected a lookup_error");
  } catch (const ghgkit::lookup_error& e) {
    CHECK(std::string(e.what()).find("travel.air.distance_uplift") != std::string::npos);
  }
}

TEST_CASE("flights: a cabin the haul band has no factor for is an input_error listing the cabins") {
  const auto db = flight_db();
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHR", "CDG", "first")),
                       "field 'cabin': found 'first', expected a cabin with short_haul flight factors: business, economy",
                       ghgkit::input_error);
  // The default cabin (average) is not priced on short haul either.
  flight f;
  f.origin = "LHR";
  f.destination = "CDG";
  CHECK(f.cabin == "average");
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, f),
                       "field 'cabin': found 'average', expected a cabin with short_haul flight factors: business, "
                       "economy",
                       ghgkit::input_error);
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHR", "EDI", "economy")),
                       "field 'cabin': found 'economy', expected a cabin with domestic flight factors: average",
                       ghgkit::input_error);
  // An empty cabin means average.
  CHECK(flight_passenger_km(db, trip("LHR", "EDI", "")).activity == "travel.air.domestic.average.with_rf");
}

TEST_CASE("flights: passengers must be a number > 0") {
  const auto db = flight_db();
  for (double p : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    CAPTURE(p);
    flight f = trip("LHR", "CDG");
    f.passengers = p;
    CHECK_THROWS_AS((void)flight_passenger_km(db, f), ghgkit::input_error);
  }
  flight zero = trip("LHR", "CDG");
  zero.passengers = 0.0;
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, zero), "field 'passengers': found 0, expected a number of travellers > 0",
                       ghgkit::input_error);
  flight negative = trip("LHR", "CDG");
  negative.passengers = -2.0;
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, negative),
                       "field 'passengers': found -2, expected a number of travellers > 0", ghgkit::input_error);
}

TEST_CASE("flights: passenger-km = great circle x uplift x passengers, doubled for a round trip, with the steps") {
  const auto db = flight_db();
  const auto one_way = flight_passenger_km(db, trip("LHR", "JFK"));
  // 5,539.6517 km x 1.08 = 5,982.8238 passenger.km; x 0.14 kg = 837.5953 kg CO2e.
  CHECK(one_way.passenger_km == close(kLhrJfk * 1.08));
  CHECK(price(db, one_way).co2e_kg == close(kLhrJfk * 1.08 * 0.14));
  CHECK(price(db, one_way).provenance.factor_id == "fl.long_haul.economy.with_rf");
  REQUIRE(one_way.steps.size() == 4u);
  CHECK(one_way.steps[0] == "LHR London Heathrow Airport (GB, 51.470600, -0.461941) -> JFK John F Kennedy International "
                            "Airport (US, 40.639801, -73.778900): great circle 5539.65 km (haversine, Earth mean radius "
                            "6371.0088 km)");
  CHECK(one_way.steps[1] == "haul: long_haul (to or from GB, great circle at or above 3700 km) "
                            "(fl.short_haul_max_distance, source flight-fixture); cabin economy; with the radiative "
                            "forcing uplift of the source");
  CHECK(one_way.steps[2] == "5539.65 km x uplift 1.08 for indirect routes and delays (fl.distance_uplift, source "
                            "flight-fixture) = 5982.82 km");
  CHECK(one_way.steps[3] == "5982.82 km x 1 way x 1 passenger = 5982.82 passenger.km");

  flight twice = trip("LHR", "JFK");
  twice.round_trip = true;
  twice.passengers = 2.0;
  const auto back = flight_passenger_km(db, twice);
  // 5,982.8238 x 2 ways x 2 passengers = 23,931.295 passenger.km; x 0.14 = 3,350.381 kg CO2e.
  CHECK(back.passenger_km == close(kLhrJfk * 1.08 * 2.0 * 2.0));
  CHECK(back.passenger_km == close(4.0 * one_way.passenger_km));
  CHECK(back.great_circle_km == close(kLhrJfk));  // one way
  CHECK(price(db, back).co2e_kg == close(kLhrJfk * 1.08 * 4.0 * 0.14));
  CHECK(back.steps[3] == "5982.82 km x 2 ways x 2 passengers = 23931.3 passenger.km");
}

TEST_CASE("flights: radiative_forcing false picks the without_rf factor") {
  const auto db = flight_db();
  flight f = trip("LHR", "CDG", "business");
  f.radiative_forcing = false;
  const auto leg = flight_passenger_km(db, f);
  CHECK(leg.activity == "travel.air.short_haul.business.without_rf");
  CHECK(leg.steps[1].find("without radiative forcing") != std::string::npos);
  const auto e = price(db, leg);
  CHECK(e.provenance.factor_id == "fl.short_haul.business.without_rf");
  // 347.1678 km x 1.08 = 374.9412 passenger.km; x 0.135 kg = 50.6171 kg CO2e (with RF: x 0.225).
  CHECK(e.co2e_kg == close(kLhrCdg * 1.08 * 0.135));
  f.radiative_forcing = true;
  CHECK(price(db, flight_passenger_km(db, f)).co2e_kg == close(kLhrCdg * 1.08 * 0.225));
}

TEST_CASE("flights: an unknown airport is a lookup_error with suggestions") {
  const auto db = flight_db();
  CHECK_THROWS_WITH_AS((void)flight_passenger_km(db, trip("LHX", "JFK")),
                       "unknown airport 'LHX' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL'); "
                       "did you mean 'LHR' or 'LYS'?",
                       ghgkit::lookup_error);
  CHECK_THROWS_AS((void)flight_passenger_km(db, trip("LHR", "XXXX")), ghgkit::lookup_error);
}

TEST_CASE("flights: ICAO codes and any case are accepted, and give the IATA leg") {
  const auto db = flight_db();
  const auto by_iata = flight_passenger_km(db, trip("LHR", "JFK"));
  const auto by_icao = flight_passenger_km(db, trip("EGLL", "KJFK"));
  const auto lower = flight_passenger_km(db, trip("lhr", "kjfk"));
  CHECK(by_icao.activity == by_iata.activity);
  CHECK(by_icao.passenger_km == by_iata.passenger_km);
  CHECK(lower.passenger_km == by_iata.passenger_km);
  CHECK(by_icao.steps == by_iata.steps);  // the steps name the IATA codes whatever was given
}
