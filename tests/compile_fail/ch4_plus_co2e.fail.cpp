// EXPECT-ERROR: ghgkit: masses of different gases do not add \(e\.g\. CH4 \+ CO2e\)
// EXPECT-ERROR-GNU: static assertion failed
// A mass of CH4 plus a mass of CO2e must not compile. Twin: ch4_to_co2e_plus_co2e.pass.cpp.
#include "ghgkit/gases/gas_mass.hpp"

using namespace ghgkit::units::symbols;

void forbidden(const ghgkit::gas_registry& gases) {
  (void)gases;
  const ghgkit::gas_mass<ghgkit::gas::ch4> leak{2.0 * kg};
  const ghgkit::co2e_mass other{10.0 * kg};
  auto sum = leak + other;  // FORBIDDEN: CH4 + CO2e
  (void)sum;
}
