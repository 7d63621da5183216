// Twin of eur_plus_usd.fail.cpp: money of one currency adds.
#include "ghgkit/units/dimensions.hpp"

using namespace ghgkit::units::symbols;

void allowed() {
  const ghgkit::units::money<ghgkit::units::currency::EUR> a = 10.0 * EUR;
  const ghgkit::units::money<ghgkit::units::currency::EUR> b = 5.0 * EUR;
  auto sum = a + b;
  (void)sum;
}
