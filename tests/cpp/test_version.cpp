// ghgkit/version.hpp: the one version number.

#include "ghgkit/version.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("the version is one MAJOR.MINOR.PATCH string, the same in the macro and the constant") {
  CHECK(ghgkit::version == GHGKIT_VERSION_STRING);
  const std::string v(ghgkit::version);
  const auto first = v.find('.');
  const auto second = v.find('.', first + 1);
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(v.find('.', second + 1) == std::string::npos);
  CHECK(v.find_first_not_of("0123456789.") == std::string::npos);
}
