// EXPECT-ERROR: no match for 'operator\+'|invalid operands to binary expression
// EXPECT-ERROR-GNU: operand types are 'ghgkit::v0::units::money<ghgkit::v0::units::currency::EUR>' .* and 'ghgkit::v0::units::money<ghgkit::v0::units::currency::USD>'
// Euros never add to dollars without a rate. Twin: eur_plus_eur.pass.cpp.
#include "ghgkit/units/dimensions.hpp"

using namespace ghgkit::units::symbols;

void forbidden() {
  const ghgkit::units::money<ghgkit::units::currency::EUR> a = 10.0 * EUR;
  const ghgkit::units::money<ghgkit::units::currency::USD> b = 5.0 * USD;
  auto sum = a + b;  // FORBIDDEN: EUR + USD
  (void)sum;
}
