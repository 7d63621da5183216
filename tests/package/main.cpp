// Loads the installed factors and computes an emission through the installed headers and library.
#include <ghgkit/ghgkit.hpp>

#include <cmath>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer FACTORS_DIR\n";
    return 2;
  }
  using namespace ghgkit::units::symbols;
  try {
    const auto db = ghgkit::factor_database::load({argv[1]});
    const auto e = ghgkit::calculate(db, "electricity.grid", 12000.0 * kWh, {.region = "FR"});
    // The same number from the factor's own value, restated by hand: 12000 kWh x kg CO2e per kWh.
    const auto& f = db.get(e.provenance.factor_id);
    const double expected = 12000.0 * f.co2e_kg.value();
    std::cout << "12000 kWh in FR: " << e.co2e_kg << " kg CO2e (" << e.provenance.factor_id << ", database "
              << db.content_hash().substr(0, 12) << ")\n";
    if (!(e.co2e_kg > 0.0) || std::abs(e.co2e_kg - expected) > 1e-9 * expected) {
      std::cerr << "unexpected result: " << e.co2e_kg << " != " << expected << "\n";
      return 1;
    }
  } catch (const ghgkit::error& err) {
    std::cerr << "ghgkit error: " << err.what() << "\n";
    return 1;
  }
  return 0;
}
