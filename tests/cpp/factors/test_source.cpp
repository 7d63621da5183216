// ghgkit/factors/source.hpp: a cited source, as the loader fills it.

#include "ghgkit/factors/source.hpp"

#include <doctest/doctest.h>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

TEST_CASE("a loaded source keeps every citation field and where it was defined") {
  const auto db = ghgkit::factor_database::load({ghgkit_test::fixtures() / "good_basic"});
  const ghgkit::source& s = db.sources().at("test-ipcc");
  CHECK(s.id == "test-ipcc");
  CHECK(s.publisher == "ghgkit test suite");
  CHECK(s.title == "Hand-made GWP-100 table for loader tests");
  CHECK(s.year == 2013);
  CHECK(s.url.empty());
  CHECK(s.licence == "CC0-1.0");
  CHECK(s.retrieved.empty());
  CHECK(s.notes == "figures typed from IPCC AR5 WG1 Table 8.A.1 for the few gases used here");
  CHECK(s.where.str() == (ghgkit_test::fixtures() / "good_basic" / "sources.yaml").string() + ":10:5");
}
