#pragma once
/// Run-time units: the strings that arrive from YAML, CSV and Python ("kWh", "kgCO2e/kWh",
/// "passenger.km", "EUR"), parsed once into a scale and a dimension and then carried as numbers.
///
///     auto u = ghgkit::parse_unit("MWh");          // scale 3.6e9 J, dimension energy
///     double kwh = ghgkit::convert(2.5, "MWh", "kWh");  // 2500
///     ghgkit::convert(1, "kg", "kWh");             // throws unit_error naming mass and energy

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ghgkit {
inline namespace v0 {

/// Base dimensions of the run-time registry, in the order of dimension::exponents. Money is not
/// among them: each currency is a base dimension of its own (see dimension::currencies).
enum class base_dimension : std::uint8_t {
  length, mass, time, data, passenger, room_night, request, token, accelerator, vcpu, device, count_
};

/// A product of powers of base dimensions and currencies: EUR and USD differ, and an exchange rate
/// USD/EUR keeps both, so it never converts to GBP/JPY.
struct dimension {
  std::array<std::int8_t, static_cast<std::size_t>(base_dimension::count_)> exponents{};
  std::vector<std::pair<std::string, std::int8_t>> currencies;  ///< ISO 4217 code -> exponent, sorted

  [[nodiscard]] bool dimensionless() const;
  /// The currency of plain money (exactly one currency to the power 1, nothing else), else "".
  [[nodiscard]] std::string currency() const;
  [[nodiscard]] std::int8_t operator[](base_dimension b) const {
    return exponents[static_cast<std::size_t>(b)];
  }
  friend bool operator==(const dimension&, const dimension&) = default;
};

[[nodiscard]] dimension operator*(const dimension& a, const dimension& b);
[[nodiscard]] dimension operator/(const dimension& a, const dimension& b);

/// A readable name: "energy", "mass per energy", "money (EUR)", or a formula such as "m^2·kg".
[[nodiscard]] std::string describe(const dimension& d);

/// The dimension behind a name used in factor files ("energy", "passenger-distance", "money", ...).
/// "money" matches any currency. Throws unit_error for an unknown name.
[[nodiscard]] dimension dimension_named(std::string_view name);
/// True when `d` is the dimension named `name` ("money" matches every currency).
[[nodiscard]] bool dimension_matches(const dimension& d, std::string_view name);
/// Every name dimension_named() accepts.
[[nodiscard]] std::vector<std::string> dimension_names();

/// A parsed unit: value_in_unit x scale = value in coherent base units (m, kg, s, B, counts, 1 currency).
struct unit {
  std::string symbol;  ///< as written, whitespace removed
  double scale = 1.0;
  dimension dim;
  std::string gas;  ///< gas named in the unit ("kgCO2e" -> "CO2e"), empty when none

  [[nodiscard]] bool is_mass_of_gas() const { return !gas.empty(); }
};

/// Parses a unit string. Throws unit_error naming the unknown part and suggesting near matches.
[[nodiscard]] unit parse_unit(std::string_view text);

/// The factor f such that value_in_from x f = value_in_to. Throws unit_error when the dimensions
/// (or the gases, or the currencies) differ, naming both.
[[nodiscard]] double conversion_factor(const unit& from, const unit& to);

/// value converted from one unit string to another.
[[nodiscard]] double convert(double value, std::string_view from, std::string_view to);

/// Every atomic unit symbol the registry knows (for documentation and suggestions).
[[nodiscard]] std::vector<std::string> unit_symbols();

/// Whether `code` is an ISO 4217 currency code the registry knows.
[[nodiscard]] bool is_currency_code(std::string_view code);

}  // namespace v0
}  // namespace ghgkit
