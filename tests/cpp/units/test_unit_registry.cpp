// ghgkit/units/unit_registry.hpp: run-time unit strings. The conversion table is checked against
// constants typed here from their definitions (source next to each), never against
// units/definitions.hpp.

#include "ghgkit/units/unit_registry.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ghgkit/error.hpp"

using ghgkit::convert;
using ghgkit::describe;
using ghgkit::parse_unit;
using ghgkit::unit_error;

namespace {
doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }
}  // namespace

TEST_CASE("energy units convert by their definitions") {
  // 1 Wh = 3600 J (SI Brochure, 9th ed., Table 8: the hour is 3600 s).
  CHECK(convert(1.0, "kWh", "MJ") == exactly(3.6));
  CHECK(convert(12000.0, "kWh", "MWh") == exactly(12.0));
  CHECK(convert(1.0, "TWh", "GWh") == exactly(1000.0));
  CHECK(convert(1.0, "TJ", "GJ") == exactly(1000.0));
  // 1 Btu (International Table) = 1055.05585262 J (ISO 31-4; NIST SP 811, B.8).
  CHECK(convert(1.0, "Btu", "J") == exactly(1055.05585262));
  // 1 therm = 100 000 Btu (IT) = 105.505585262 MJ (UK Units of Measurement Regulations 1995).
  CHECK(convert(1.0, "therm", "MJ") == exactly(105.505585262));
  // 1 toe = 10^7 kcal (IT) = 41.868 GJ (IEA/OECD definition).
  CHECK(convert(1.0, "toe", "GJ") == exactly(41.868));
  // 1 MMBtu = 1e6 x 1055.05585262 J / 3.6e6 J per kWh = 293.0710701722222 kWh.
  CHECK(convert(1.0, "MMBtu", "kWh") == exactly(293.0710701722222));
  CHECK(convert(1.0, "kWh", "Wh") == exactly(1000.0));
}

TEST_CASE("power units convert by their SI prefixes") {
  CHECK(convert(1.0, "MW", "kW") == exactly(1000.0));
  CHECK(convert(1.0, "kW", "W") == exactly(1000.0));
}

TEST_CASE("mass units convert by their definitions") {
  // 1 lb = 0.45359237 kg (international yard and pound agreement, 1959).
  CHECK(convert(1.0, "lb", "kg") == exactly(0.45359237));
  // 1 short ton = 2000 lb = 907.18474 kg; 1 long ton = 2240 lb = 1016.0469088 kg.
  CHECK(convert(1.0, "short_ton", "kg") == exactly(907.18474));
  CHECK(convert(1.0, "long_ton", "kg") == exactly(1016.0469088));
  CHECK(convert(1.0, "t", "kg") == exactly(1000.0));
  CHECK(convert(1.0, "kg", "g") == exactly(1000.0));
}

TEST_CASE("length units convert by their definitions") {
  // 1 mi = 5280 ft x 0.3048 m = 1609.344 m (1959); 1 nmi = 1852 m (International Hydrographic
  // Conference, 1929).
  CHECK(convert(1.0, "mi", "m") == exactly(1609.344));
  CHECK(convert(1.0, "nmi", "m") == exactly(1852.0));
  CHECK(convert(1.0, "km", "m") == exactly(1000.0));
}

TEST_CASE("volume units convert by their definitions") {
  // 1 US gal = 231 in3 = 3.785411784 L (NIST Handbook 44); 1 UK gal = 4.54609 L (Weights and
  // Measures Act 1985); 1 ft3 = 0.3048^3 m3 = 28.316846592 L.
  CHECK(convert(1.0, "US_gal", "L") == exactly(3.785411784));
  CHECK(convert(1.0, "UK_gal", "L") == exactly(4.54609));
  CHECK(convert(1.0, "ft3", "L") == exactly(28.316846592));
  CHECK(convert(1.0, "m3", "L") == exactly(1000.0));
}

TEST_CASE("time units convert by their definitions") {
  // 1 yr = 365.25 d (Julian year, IAU); 1 d = 86400 s.
  CHECK(convert(1.0, "yr", "d") == exactly(365.25));
  CHECK(convert(1.0, "d", "s") == exactly(86400.0));
  CHECK(convert(1.0, "h", "min") == exactly(60.0));
}

TEST_CASE("data units use decimal prefixes for kB..PB and binary ones for KiB..TiB") {
  // IEC 80000-13: 1 GiB = 2^30 B = 1073741824 B; 1 GB = 10^9 B.
  CHECK(convert(1.0, "GiB", "B") == exactly(1073741824.0));
  CHECK(convert(1.0, "TiB", "GiB") == exactly(1024.0));
  CHECK(convert(1.0, "KiB", "B") == exactly(1024.0));
  CHECK(convert(1.0, "GB", "MB") == exactly(1000.0));
  CHECK(convert(1.0, "PB", "TB") == exactly(1000.0));
}

TEST_CASE("compound units convert factor by factor") {
  // kgCO2e/kWh -> gCO2e/MWh: x 1000 g/kg x 1000 kWh/MWh = 1e6.
  CHECK(convert(1.0, "kgCO2e/kWh", "gCO2e/MWh") == exactly(1e6));
  CHECK(convert(1.0, "kgCO2e/kWh", "g/MWh") == exactly(1e6));
  // tonne.mi -> t.km and passenger.mi -> passenger.km: 1.609344 km per mile.
  CHECK(convert(1.0, "tonne.mi", "t.km") == exactly(1.609344));
  CHECK(convert(1.0, "passenger.mi", "passenger.km") == exactly(1.609344));
  CHECK(convert(1.0, "GPU.h", "GPU.min") == exactly(60.0));
  CHECK(convert(1.0, "vCPU.h", "vCPU.s") == exactly(3600.0));
  CHECK(convert(1.0, "GB.h", "TB.h") == exactly(1e-3));
  CHECK(convert(1.0, "EUR/kWh", "EUR/MWh") == exactly(1000.0));
  CHECK(convert(1.0, "g/km", "kg/mi") == exactly(1.609344e-3));  // 1 g/km x 1.609344 km/mi / 1000 g/kg
  CHECK(convert(1.0, "W/GB", "W/TB") == exactly(1000.0));
  CHECK(convert(1.0, "m^2", "km^2") == exactly(1e-6));
}

TEST_CASE("every unit string of the core list parses") {
  const std::vector<std::string> listed = {
      // energy and power
      "Wh", "kWh", "MWh", "GWh", "TWh", "J", "kJ", "MJ", "GJ", "TJ", "therm", "Btu", "MMBtu", "toe",
      "W", "kW", "MW",
      // mass, length, volume, time
      "g", "kg", "t", "lb", "short_ton", "long_ton", "m", "km", "mi", "nmi", "L", "m3", "US_gal",
      "UK_gal", "ft3", "s", "min", "h", "d", "yr",
      // data
      "B", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB",
      // countable activity
      "passenger.km", "passenger.mi", "tonne.km", "tonne.mi", "room.night", "request", "token",
      "GPU.h", "vCPU.h", "GB.h", "TB.h",
      // money
      "EUR", "USD", "GBP", "JPY",
      // compounds
      "kgCO2e/kWh", "g/km", "W/GB"};
  for (const auto& text : listed) {
    CAPTURE(text);
    CHECK_NOTHROW((void)parse_unit(text));
  }
}

TEST_CASE("parse_unit reads scale, dimension and gas") {
  const auto u = parse_unit("kgCO2e/kWh");
  CHECK(u.symbol == "kgCO2e/kWh");
  CHECK(u.gas == "CO2e");
  CHECK(u.is_mass_of_gas());
  CHECK(u.scale == exactly(1.0 / 3.6e6));  // 1 kg per 3.6e6 J
  CHECK(parse_unit("tCO2e").scale == exactly(1000.0));
  CHECK(parse_unit("gCH4").gas == "CH4");
  CHECK(parse_unit("kg N2O").gas == "N2O");
  CHECK(parse_unit(" kWh ").symbol == "kWh");  // whitespace is removed
  CHECK_FALSE(parse_unit("kWh").is_mass_of_gas());
  CHECK(parse_unit("MWh").scale == exactly(3.6e9));
  CHECK(parse_unit("1/h").scale == exactly(1.0 / 3600.0));
}

TEST_CASE("describe() names the dimensions that factor files use") {
  auto named = [](const char* text) { return describe(parse_unit(text).dim); };
  CHECK(named("kWh") == "energy");
  CHECK(named("kW") == "power");
  CHECK(named("lb") == "mass");
  CHECK(named("nmi") == "distance");
  CHECK(named("m^2") == "area");
  CHECK(named("US_gal") == "volume");
  CHECK(named("yr") == "time");
  CHECK(named("TiB") == "data");
  CHECK(named("passenger.km") == "passenger-distance");
  CHECK(named("tonne.mi") == "tonne-distance");
  CHECK(named("room.night") == "room-night");
  CHECK(named("token") == "token");
  CHECK(named("GPU.h") == "accelerator-time");
  CHECK(named("vCPU.h") == "vcpu-time");
  CHECK(named("GB.h") == "data-time");
  CHECK(named("EUR") == "money (EUR)");
  CHECK(named("kgCO2e/kWh") == "mass per energy");
  CHECK(named("g/km") == "mass per distance");
  CHECK(named("kgCO2e/passenger.km") == "mass per passenger-distance");
  CHECK(named("kgCO2e/EUR") == "mass per money (EUR)");
  CHECK(named("kWh/t") == "energy per mass");
  CHECK(named("kg.m^2") == "m^2·kg");  // no name: a formula of base units
  CHECK(named("kWh/kWh") == "dimensionless");
}

TEST_CASE("dimension names of factor files map to dimensions and back") {
  CHECK(ghgkit::dimension_named("energy") == parse_unit("kWh").dim);
  CHECK(ghgkit::dimension_named("passenger-distance") == parse_unit("passenger.km").dim);
  CHECK(ghgkit::dimension_matches(parse_unit("USD").dim, "money"));
  CHECK(ghgkit::dimension_matches(parse_unit("EUR").dim, "money"));
  CHECK_FALSE(ghgkit::dimension_matches(parse_unit("EUR/kWh").dim, "money"));
  CHECK_FALSE(ghgkit::dimension_matches(parse_unit("kg").dim, "energy"));
  const auto names = ghgkit::dimension_names();
  CHECK(std::find(names.begin(), names.end(), "tonne-distance") != names.end());
  CHECK(std::find(names.begin(), names.end(), "money") != names.end());
  CHECK_THROWS_WITH_AS((void)ghgkit::dimension_named("energyy"),
                       "unknown dimension 'energyy': expected one of dimensionless, energy, power, mass, "
                       "distance, area, volume, time, data, passenger, passenger-distance, tonne-distance, "
                       "room-night, request, token, accelerator, accelerator-time, vcpu, vcpu-time, "
                       "data-time, device, money",
                       unit_error);
}

TEST_CASE("currency codes are ISO 4217 codes, upper case") {
  CHECK(ghgkit::is_currency_code("EUR"));
  CHECK(ghgkit::is_currency_code("JPY"));
  CHECK_FALSE(ghgkit::is_currency_code("eur"));
  CHECK_FALSE(ghgkit::is_currency_code("ABC"));
  CHECK(parse_unit("CHF").dim.currency() == "CHF");
}

TEST_CASE("the symbol list is sorted and holds the atomic units") {
  const auto symbols = ghgkit::unit_symbols();
  CHECK(std::is_sorted(symbols.begin(), symbols.end()));
  for (const char* s : {"kWh", "therm", "room.night", "GPU", "vCPU", "PiB", "short_ton"}) {
    CAPTURE(s);
    CHECK(std::find(symbols.begin(), symbols.end(), s) != symbols.end());
  }
}

TEST_CASE("converting across dimensions fails and names both dimensions") {
  CHECK_THROWS_WITH_AS((void)convert(1.0, "kg", "kWh"), "cannot convert 'kg' (mass) to 'kWh' (energy)", unit_error);
  CHECK_THROWS_WITH_AS((void)convert(1.0, "passenger.km", "km"),
                       "cannot convert 'passenger.km' (passenger-distance) to 'km' (distance)", unit_error);
  CHECK_THROWS_WITH_AS((void)convert(1.0, "kgCO2e/kWh", "kgCO2e/L"),
                       "cannot convert 'kgCO2e/kWh' (mass per energy) to 'kgCO2e/L' (mass per volume)", unit_error);
}

TEST_CASE("an unknown unit is named with near matches") {
  // 'kWh' equals 'kwh' ignoring case; 'GWh' and 'MWh' are two edits away (the first by name order).
  CHECK_THROWS_WITH_AS((void)parse_unit("kwh"), "unknown unit 'kwh' in 'kwh'; did you mean 'kWh' or 'GWh' or 'MWh'?",
                       unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit("kgCO2e/furlong"), "unknown unit 'furlong' in 'kgCO2e/furlong'", unit_error);
}

TEST_CASE("money in one currency never converts to another") {
  CHECK_THROWS_WITH_AS((void)convert(1.0, "EUR", "USD"), "cannot convert 'EUR' (money (EUR)) to 'USD' (money (USD))",
                       unit_error);
  CHECK_THROWS_WITH_AS((void)convert(1.0, "kgCO2e/EUR", "kgCO2e/USD"),
                       "cannot convert 'kgCO2e/EUR' (mass per money (EUR)) to 'kgCO2e/USD' (mass per money (USD))",
                       unit_error);
}

TEST_CASE("an exchange rate keeps its currencies: USD/EUR does not convert to GBP/JPY") {
  // USD per EUR and GBP per JPY are different quantities; treating both as dimensionless would let
  // any exchange rate pass for any other.
  CHECK_THROWS_AS((void)convert(1.0, "USD/EUR", "GBP/JPY"), unit_error);
}

TEST_CASE("masses of different gases do not convert into each other") {
  CHECK_THROWS_WITH_AS(
      (void)convert(1.0, "kgCO2e", "kgCH4"),
      "cannot convert 'kgCO2e' (CO2e mass) to 'kgCH4' (CH4 mass): gases convert only through a GWP set", unit_error);
  CHECK(convert(1.0, "tCO2e", "kgCO2e") == exactly(1000.0));
}

TEST_CASE("a bad exponent, an empty unit and a misplaced gas are refused with their reason") {
  CHECK_THROWS_WITH_AS((void)parse_unit("m^0"), "bad exponent '0' in unit 'm^0': expected a whole number from -9 to 9, not 0",
                       unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit("m^x"), "bad exponent 'x' in unit 'm^x': expected a whole number from -9 to 9, not 0",
                       unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit("m^12"),
                       "bad exponent '12' in unit 'm^12': expected a whole number from -9 to 9, not 0", unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit(""), "empty unit: expected a unit such as 'kWh' or 'kgCO2e/kWh'", unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit("kWh/"), "empty term in unit 'kWh/'", unit_error);
  CHECK_THROWS_WITH_AS((void)parse_unit("kWh/kgCO2e"),
                       "unit 'kWh/kgCO2e': a gas may appear once, in the numerator, as in 'kgCO2e/kWh'", unit_error);
}

TEST_CASE("the units of the coefficient specification parse to their definitions") {
  // "1": a dimensionless figure (PUE, ratios, fractions).
  CHECK(parse_unit("1").dim.dimensionless());
  CHECK(parse_unit("1").scale == exactly(1.0));
  // Areas with SI prefixes on the metre: 1 cm^2 = 1e-4 m^2, 1 mm^2 = 1e-6 m^2.
  CHECK(convert(1.0, "cm^2", "m^2") == exactly(1e-4));
  CHECK(convert(1.0, "mm^2", "m^2") == exactly(1e-6));
  // 1 kgCO2e/mm^2 = 100 kgCO2e/cm^2 (1 cm^2 = 100 mm^2).
  CHECK(convert(1.0, "kgCO2e/mm^2", "kgCO2e/cm^2") == exactly(100.0));
  // 1 GB/cm^2 = 1e9 B / 1e-4 m^2 = 1e13 B/m^2.
  CHECK(convert(1.0, "GB/cm^2", "B/m^2") == exactly(1e13));
  // 1 Wh/TB.h = 3600 J / (1e12 B x 3600 s) = 1e-12 W/B; 1 kWh/GB.h = 3.6e6 J / (1e9 B x 3600 s) = 1e-6 W/B.
  CHECK(convert(1.0, "Wh/TB.h", "W/B") == exactly(1e-12));
  CHECK(convert(1.0, "kWh/GB.h", "W/B") == exactly(1e-6));
  CHECK(convert(1.0, "kWh/GB.h", "Wh/TB.h") == exactly(1e6));
  // 1 kWh/GB = 3.6e6 J / 1e9 B = 3.6e-3 J/B.
  CHECK(convert(1.0, "kWh/GB", "J/B") == exactly(3.6e-3));
  // 1 tCO2e/kWh = 1000 kgCO2e/kWh; 1 Wh/token = 3600 J/token.
  CHECK(convert(1.0, "tCO2e/kWh", "kgCO2e/kWh") == exactly(1000.0));
  CHECK(convert(1.0, "Wh/token", "J/token") == exactly(3600.0));
  // kgCO2e/kg is a mass of CO2e per mass: dimensionless, naming a gas.
  CHECK(parse_unit("kgCO2e/kg").dim.dimensionless());
  CHECK(parse_unit("kgCO2e/kg").gas == "CO2e");
  // Counted things: per vCPU, per GPU, GB per GPU.
  CHECK(describe(parse_unit("W/vCPU").dim) == "energy per vcpu-time");
  CHECK(describe(parse_unit("W/GPU").dim) == "energy per accelerator-time");
  CHECK(parse_unit("GB/GPU").dim == parse_unit("GB").dim / parse_unit("GPU").dim);
  CHECK(parse_unit("W/GB").dim == parse_unit("kWh/GB.h").dim);
}

TEST_CASE("a device is a counted unit of its own, so embodied emissions per device can be factors") {
  const auto device = parse_unit("device");
  CHECK(device.scale == exactly(1.0));
  CHECK(describe(device.dim) == "device");
  CHECK(ghgkit::dimension_named("device") == device.dim);
  CHECK(describe(parse_unit("kgCO2e/device").dim) == "mass per device");
  CHECK_FALSE(device.dim == parse_unit("GPU").dim);
  CHECK_FALSE(device.dim == parse_unit("request").dim);
  CHECK_THROWS_AS((void)convert(1.0, "device", "GPU"), unit_error);
  CHECK(describe(parse_unit("device.h").dim) == "s·device");  // no name: a formula of base units
}
