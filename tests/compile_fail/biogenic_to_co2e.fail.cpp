// EXPECT-ERROR: ghgkit: biogenic CO2 is reported apart, outside the scopes; it has no CO2e
// EXPECT-ERROR-GNU: static assertion failed
// Biogenic CO2 has no CO2e. Twin: co2_to_co2e.pass.cpp.
#include "ghgkit/gases/gas_mass.hpp"

using namespace ghgkit::units::symbols;

void forbidden(const ghgkit::gas_registry& gases) {
  const ghgkit::gas_mass<ghgkit::gas::co2_biogenic> burnt{100.0 * kg};
  auto e = ghgkit::to_co2e(burnt, gases, "AR6");  // FORBIDDEN: biogenic CO2 to CO2e
  (void)e;
}
