// Twin of raw_double_into_api.fail.cpp and raw_double_to_energy.fail.cpp: with a named unit it compiles.
#include "ghgkit/calc/calculate.hpp"

using namespace ghgkit::units::symbols;

void allowed(const ghgkit::factor_database& db) {
  auto e = ghgkit::calculate(db, "electricity.grid", 12.0 * kWh, {});
  (void)e;
  const ghgkit::units::energy typed = 12.0 * kWh;
  (void)typed;
}
