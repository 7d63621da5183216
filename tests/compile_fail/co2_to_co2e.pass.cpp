// Twin of biogenic_to_co2e.fail.cpp: fossil CO2 converts to CO2e.
#include "ghgkit/gases/gas_mass.hpp"

using namespace ghgkit::units::symbols;

void allowed(const ghgkit::gas_registry& gases) {
  const ghgkit::gas_mass<ghgkit::gas::co2> burnt{100.0 * kg};
  auto e = ghgkit::to_co2e(burnt, gases, "AR6");
  (void)e;
}
