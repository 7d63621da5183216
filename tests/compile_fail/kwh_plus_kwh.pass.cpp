// Twin of kwh_plus_kg.fail.cpp: the same code with operands of one dimension compiles.
#include "ghgkit/units/dimensions.hpp"

using namespace ghgkit::units::symbols;

void allowed() {
  const ghgkit::units::energy e = 3.0 * kWh;
  const ghgkit::units::energy f = 2.0 * kWh;
  auto sum = e + f;
  (void)sum;
}
