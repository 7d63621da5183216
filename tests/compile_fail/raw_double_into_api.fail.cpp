// EXPECT-ERROR: no matching function for call to '(ghgkit::(v0::)?)?calculate'?\(
// EXPECT-ERROR-GNU: calculate\(const ghgkit::v0::factor_database&, const char \[17\], double,
// A bare double (kWh? MWh? litres?) must not enter the API. Twin: named_unit_into_api.pass.cpp.
#include "ghgkit/calc/calculate.hpp"

using namespace ghgkit::units::symbols;

void forbidden(const ghgkit::factor_database& db) {
  auto e = ghgkit::calculate(db, "electricity.grid", 12.0, {});  // FORBIDDEN: a number without a unit
  (void)e;
}
