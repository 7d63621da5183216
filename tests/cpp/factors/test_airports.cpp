// The airports catalogue (section `airports` of ghgkit.coefficients/1 documents, catalogues.hpp):
// every field, the find_airport lookup (IATA, ICAO or id, ignoring case), layering, the content hash,
// and every way an entry can be wrong. Fixtures: tests/cpp/fixtures/airports (good/ and bad_*.yaml,
// each loaded as a second layer over good/, beside bad_*.expected holding the exact message with
// {fixtures} standing for tests/cpp/fixtures).

#include "ghgkit/factors/catalogues.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using ghgkit::factor_database;
using ghgkit::factor_error;
using ghgkit::lookup_error;

namespace {

using ghgkit_test::temp_dir;

fs::path airport_fixtures() { return ghgkit_test::fixtures() / "airports"; }
factor_database good() { return factor_database::load({airport_fixtures() / "good"}); }

void check_bad_fixture(const std::string& name) {
  CAPTURE(name);
  std::string expected = ghgkit_test::read_text(airport_fixtures() / (name + ".expected"));
  expected = ghgkit_test::replace_all(expected.substr(0, expected.find('\n')), "{fixtures}",
                                      ghgkit_test::fixtures().string());
  CHECK_THROWS_WITH_AS((void)factor_database::load({airport_fixtures() / "good", airport_fixtures() / (name + ".yaml")}),
                       expected.c_str(), factor_error);
}

const std::set<std::string> kBadFixtures = {
    "bad_lowercase_iata",  "bad_four_letter_iata",    "bad_icao_length",     "bad_latitude_91",
    "bad_longitude_181",   "bad_latitude_text",       "bad_unknown_country", "bad_subdivision_country",
    "bad_missing_country", "bad_missing_name",        "bad_missing_latitude", "bad_duplicate_id",
    "bad_unknown_field",   "bad_unknown_source"};

// A coefficient document of airports written by the test, as a layer over good/.
factor_database with_layer(const temp_dir& tmp, const std::string& airports_yaml) {
  const auto file = tmp.write("layer.yaml", "schema: ghgkit.coefficients/1\nairports:\n" + airports_yaml);
  return factor_database::load({airport_fixtures() / "good", file});
}

}  // namespace

TEST_CASE("airports: the catalogue loads sorted by id, with every field of an entry") {
  const auto db = good();
  CHECK(db.size() == 0u);
  CHECK(db.coefficients().empty());
  const auto airports = db.airports();
  REQUIRE(airports.size() == 4u);
  std::vector<std::string> ids;
  for (const auto& a : airports) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"airport.EWR", "airport.JFK", "airport.LHR", "airport.LYS"});

  const auto& lhr = db.find_airport("LHR");
  CHECK(lhr.id == "airport.LHR");
  CHECK(lhr.iata == "LHR");
  CHECK(lhr.icao == "EGLL");
  CHECK(lhr.name == "London Heathrow Airport");
  CHECK(lhr.city == "London");
  CHECK(lhr.country == "GB");
  CHECK(lhr.latitude == 51.4706);
  CHECK(lhr.longitude == -0.461941);
  CHECK(lhr.source_id == "airport-fixture");
  CHECK(lhr.notes == "the busiest airport of the UK");
  CHECK(lhr.origin.where.file == (airport_fixtures() / "good" / "airports.yaml").string());
  CHECK(lhr.origin.where.line == 5u);
  CHECK(lhr.overrides.empty());
  CHECK(db.sources().contains("airport-fixture"));
}

TEST_CASE("airports: icao and city are optional, and a country is resolved to its alpha-2 code") {
  const auto db = good();
  const auto& ewr = db.find_airport("EWR");
  CHECK(ewr.icao.empty());
  CHECK(ewr.city.empty());
  CHECK(ewr.source_id == "airport-other");
  CHECK(ewr.longitude == -74.168701);
  // Written FRA (alpha-3): stored as the registry's canonical code.
  CHECK(db.find_airport("LYS").country == "FR");
}

TEST_CASE("airports: find_airport by IATA, ICAO or id, ignoring case") {
  const auto db = good();
  for (const char* code : {"JFK", "jfk", "Jfk", "KJFK", "kjfk", "airport.JFK", "AIRPORT.jfk"}) {
    CAPTURE(code);
    CHECK(db.find_airport(code).id == "airport.JFK");
  }
  CHECK(db.find_airport("lfll").iata == "LYS");
}

TEST_CASE("airports: an unknown code is a lookup_error suggesting near codes") {
  const auto db = good();
  CHECK_THROWS_WITH_AS((void)db.find_airport("LHX"),
                       "unknown airport 'LHX' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL'); did "
                       "you mean 'LHR' or 'LYS'?",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_airport("JFX"),
                       "unknown airport 'JFX' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL'); did "
                       "you mean 'JFK'?",
                       lookup_error);
  // Nothing near: no suggestion.
  CHECK_THROWS_WITH_AS((void)db.find_airport("ZZZZZZ"),
                       "unknown airport 'ZZZZZZ' (expected an IATA code such as 'LYS' or an ICAO code such as 'LFLL')",
                       lookup_error);
  CHECK_THROWS_AS((void)db.find_airport(""), lookup_error);
}

TEST_CASE("airports: a database without airports says where they come from") {
  const auto db = factor_database::load({ghgkit_test::fixtures() / "fuels"});
  CHECK(db.airports().empty());
  CHECK_THROWS_WITH_AS((void)db.find_airport("LHR"),
                       "unknown airport 'LHR': the database has no airports (section 'airports' of a "
                       "ghgkit.coefficients/1 document, shipped in factors/travel/airports.yaml)",
                       lookup_error);
}

TEST_CASE("airports: a higher layer replaces an airport by id, and its entry wins a shared code") {
  const temp_dir tmp("airports-layer");
  // Same id: replaced (moved 0.1 degree), the definition it replaced recorded.
  const auto replaced = with_layer(tmp, "  - {id: airport.LHR, iata: LHR, icao: EGLL, name: Heathrow, country: GB, "
                                        "latitude: 51.5706, longitude: -0.461941, source: airport-other}\n");
  CHECK(replaced.airports().size() == 4u);
  const auto& lhr = replaced.find_airport("EGLL");
  CHECK(lhr.name == "Heathrow");
  CHECK(lhr.latitude == 51.5706);
  CHECK(lhr.source_id == "airport-other");
  REQUIRE(lhr.overrides.size() == 1u);
  CHECK(lhr.overrides[0].where.line == 5u);
  CHECK(replaced.content_hash() != good().content_hash());

  // Another id with the same codes: both kept, the higher layer's answers the code, the id the other.
  const temp_dir tmp2("airports-layer-code");
  const auto shadowed = with_layer(tmp2, "  - {id: mine.LHR, iata: LHR, icao: EGLL, name: My Heathrow, country: GB, "
                                         "latitude: 51.47, longitude: -0.46, source: airport-other}\n");
  CHECK(shadowed.airports().size() == 5u);
  CHECK(shadowed.find_airport("LHR").id == "mine.LHR");
  CHECK(shadowed.find_airport("egll").id == "mine.LHR");
  CHECK(shadowed.find_airport("airport.LHR").name == "London Heathrow Airport");
}

TEST_CASE("airports: two airports of one layer sharing a code make that code ambiguous") {
  const temp_dir tmp("airports-ambiguous");
  const auto db = with_layer(tmp, "  - {id: a.one, iata: ABC, name: One, country: FR, latitude: 1, longitude: 1, "
                                  "source: airport-fixture}\n"
                                  "  - {id: a.two, iata: ABC, name: Two, country: GB, latitude: 2, longitude: 2, "
                                  "source: airport-fixture}\n");
  CHECK_THROWS_WITH_AS((void)db.find_airport("ABC"),
                       "code 'ABC' names several airports: 'a.one' (One, FR), 'a.two' (Two, GB); give the id",
                       lookup_error);
  CHECK(db.find_airport("a.two").name == "Two");
}

TEST_CASE("airports: coordinates on the limits are accepted, NaN is refused") {
  const temp_dir tmp("airports-limits");
  const auto db = with_layer(tmp, "  - {id: a.north, iata: NP1, name: North Pole, country: GB, latitude: 90, "
                                  "longitude: 180, source: airport-fixture}\n"
                                  "  - {id: a.south, iata: SP1, name: South Pole, country: US, latitude: -90, "
                                  "longitude: -180, source: airport-fixture}\n");
  CHECK(db.find_airport("NP1").latitude == 90.0);
  CHECK(db.find_airport("NP1").longitude == 180.0);
  CHECK(db.find_airport("sp1").latitude == -90.0);
  CHECK(db.find_airport("sp1").longitude == -180.0);
  const temp_dir tmp2("airports-nan");
  CHECK_THROWS_AS((void)with_layer(tmp2, "  - {id: a.nan, iata: NAN, name: Nowhere, country: GB, latitude: .nan, "
                                         "longitude: 0, source: airport-fixture}\n"),
                  factor_error);
}

TEST_CASE("airports: the shipped catalogue holds Heathrow with its ICAO code and country") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  CHECK(db.airports().size() > 7000u);
  const auto& lhr = db.find_airport("EGLL");
  CHECK(lhr.iata == "LHR");
  CHECK(lhr.country == "GB");
  CHECK(lhr.latitude == doctest::Approx(51.47).epsilon(1e-3));
  CHECK(db.find_airport("lys").icao == "LFLL");
}

TEST_CASE("airports: every bad airport fixture on disk has an expected message and a test") {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(airport_fixtures())) {
    const std::string name = entry.path().stem().string();
    if (name.rfind("bad_", 0) == 0 && entry.path().extension() == ".yaml") on_disk.insert(name);
  }
  CHECK(on_disk == kBadFixtures);
  for (const auto& name : on_disk) {
    CAPTURE(name);
    CHECK(fs::is_regular_file(airport_fixtures() / (name + ".expected")));
  }
}

TEST_CASE("airports: an IATA code in lower case is refused") { check_bad_fixture("bad_lowercase_iata"); }
TEST_CASE("airports: a four-letter IATA code is refused") { check_bad_fixture("bad_four_letter_iata"); }
TEST_CASE("airports: an ICAO code of three characters is refused") { check_bad_fixture("bad_icao_length"); }
TEST_CASE("airports: a latitude of 91 degrees is refused") { check_bad_fixture("bad_latitude_91"); }
TEST_CASE("airports: a longitude of -181 degrees is refused") { check_bad_fixture("bad_longitude_181"); }
TEST_CASE("airports: a latitude in words is refused") { check_bad_fixture("bad_latitude_text"); }
TEST_CASE("airports: an unknown country is refused") { check_bad_fixture("bad_unknown_country"); }
TEST_CASE("airports: a subdivision given as the country is refused") { check_bad_fixture("bad_subdivision_country"); }
TEST_CASE("airports: an airport without a country is refused") { check_bad_fixture("bad_missing_country"); }
TEST_CASE("airports: an airport without a name is refused") { check_bad_fixture("bad_missing_name"); }
TEST_CASE("airports: an airport without a latitude is refused") { check_bad_fixture("bad_missing_latitude"); }
TEST_CASE("airports: an id used twice in one layer is refused") { check_bad_fixture("bad_duplicate_id"); }
TEST_CASE("airports: an unknown airport field is refused, listing the fields allowed") {
  check_bad_fixture("bad_unknown_field");
}
TEST_CASE("airports: an airport citing an unknown source is refused") { check_bad_fixture("bad_unknown_source"); }
