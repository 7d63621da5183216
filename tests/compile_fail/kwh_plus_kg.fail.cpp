// EXPECT-ERROR: no match for 'operator\+'|invalid operands to binary expression
// EXPECT-ERROR-GNU: operand types are 'const ghgkit::v0::units::energy' .* and 'const ghgkit::v0::units::mass'
// Adding an energy to a mass must not compile. Twin: kwh_plus_kwh.pass.cpp.
#include "ghgkit/units/dimensions.hpp"

using namespace ghgkit::units::symbols;

void forbidden() {
  const ghgkit::units::energy e = 3.0 * kWh;
  const ghgkit::units::mass m = 2.0 * kg;
  auto sum = e + m;  // FORBIDDEN: energy + mass
  (void)sum;
}
