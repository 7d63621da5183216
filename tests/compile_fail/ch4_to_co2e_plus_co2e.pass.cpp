// Twin of ch4_plus_co2e.fail.cpp: converting the CH4 with to_co2e first compiles.
#include "ghgkit/gases/gas_mass.hpp"

using namespace ghgkit::units::symbols;

void allowed(const ghgkit::gas_registry& gases) {
  (void)gases;
  const ghgkit::gas_mass<ghgkit::gas::ch4> leak{2.0 * kg};
  const ghgkit::co2e_mass other{10.0 * kg};
  auto sum = ghgkit::to_co2e(leak, gases, "AR6") + other;
  (void)sum;
}
