// ghgkit/error.hpp: one error hierarchy and one wording of a problem.

#include "ghgkit/error.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <type_traits>

TEST_CASE("every ghgkit error is a std::runtime_error, lookup_error a factor_error") {
  static_assert(std::is_base_of_v<std::runtime_error, ghgkit::error>);
  static_assert(std::is_base_of_v<ghgkit::error, ghgkit::unit_error>);
  static_assert(std::is_base_of_v<ghgkit::error, ghgkit::factor_error>);
  static_assert(std::is_base_of_v<ghgkit::factor_error, ghgkit::lookup_error>);
  static_assert(std::is_base_of_v<ghgkit::error, ghgkit::input_error>);
  CHECK_THROWS_AS(throw ghgkit::lookup_error("x"), ghgkit::factor_error);
}

TEST_CASE("a source location prints as much of file:line:column as is known") {
  CHECK(ghgkit::source_location{"f.yaml", 3, 7}.str() == "f.yaml:3:7");
  CHECK(ghgkit::source_location{"f.yaml", 3, 0}.str() == "f.yaml:3");
  CHECK(ghgkit::source_location{"f.yaml", 0, 0}.str() == "f.yaml");
  CHECK(ghgkit::source_location{}.str().empty());
}

TEST_CASE("a problem is worded as location, field, what was found and what was expected") {
  CHECK(ghgkit::describe_problem({"f.yaml", 3, 7}, "unit", ghgkit::quote("kg/kWh"), "a mass per energy such as 'kgCO2e/kWh'") ==
        "f.yaml:3:7: field 'unit': found 'kg/kWh', expected a mass per energy such as 'kgCO2e/kWh'");
  CHECK(ghgkit::describe_problem({}, "amount", "-1", "a finite number >= 0") ==
        "field 'amount': found -1, expected a finite number >= 0");
  CHECK(ghgkit::describe_problem({"f.yaml", 0, 0}, "", "nothing", "a mapping") == "f.yaml: found nothing, expected a mapping");
  CHECK_THROWS_WITH_AS(ghgkit::raise<ghgkit::input_error>({"in.csv", 2, 1}, "year", "'20x2'", "a year"),
                       "in.csv:2:1: field 'year': found '20x2', expected a year", ghgkit::input_error);
}
