#pragma once
/// Masses of a named gas as distinct kinds: a mass of CH4 and a mass of CO2e share a dimension but
/// do not add. The only bridge is to_co2e() through a named GWP set.
///
///     using namespace ghgkit::units::symbols;
///     ghgkit::gas_mass<ghgkit::gas::ch4> leak{2.0 * kg};
///     ghgkit::co2e_mass e = ghgkit::to_co2e(leak, db.gases(), "AR6");
///     // leak + e;   // does not compile: convert CH4 to CO2e first

#include <string_view>
#include <type_traits>

#include "ghgkit/gases/gwp.hpp"
#include "ghgkit/units/dimensions.hpp"

namespace ghgkit {
namespace detail {
template <class>
inline constexpr bool always_false = false;
}  // namespace detail

inline namespace v0 {

/// Gas kinds. `name` is the gas's name in the factor databases.
namespace gas {
struct co2 { static constexpr std::string_view name = "CO2"; };
struct co2_biogenic { static constexpr std::string_view name = "CO2_biogenic"; };
struct ch4 { static constexpr std::string_view name = "CH4"; };
struct ch4_fossil { static constexpr std::string_view name = "CH4_fossil"; };
struct ch4_nonfossil { static constexpr std::string_view name = "CH4_nonfossil"; };
struct n2o { static constexpr std::string_view name = "N2O"; };
struct sf6 { static constexpr std::string_view name = "SF6"; };
struct nf3 { static constexpr std::string_view name = "NF3"; };
struct co2e { static constexpr std::string_view name = "CO2e"; };
}  // namespace gas

/// A mass of one gas.
template <class Gas>
class gas_mass {
 public:
  constexpr explicit gas_mass(units::mass m) : mass_(m) {}

  [[nodiscard]] units::mass mass() const { return mass_; }
  [[nodiscard]] double kg() const { return mass_.value(); }

  gas_mass& operator+=(const gas_mass& other) { mass_ += other.mass_; return *this; }
  gas_mass& operator-=(const gas_mass& other) { mass_ -= other.mass_; return *this; }
  friend gas_mass operator+(gas_mass a, const gas_mass& b) { return a += b; }
  friend gas_mass operator-(gas_mass a, const gas_mass& b) { return a -= b; }
  friend gas_mass operator*(double k, const gas_mass& a) { return gas_mass(k * a.mass_); }
  friend gas_mass operator*(const gas_mass& a, double k) { return gas_mass(k * a.mass_); }
  friend bool operator==(const gas_mass& a, const gas_mass& b) { return a.mass_ == b.mass_; }
  friend bool operator<(const gas_mass& a, const gas_mass& b) { return a.mass_ < b.mass_; }

 private:
  units::mass mass_;
};

using co2e_mass = gas_mass<gas::co2e>;

/// Masses of different gases never add: the sentence below is the compiler error users see.
template <class GasA, class GasB>
  requires(!std::is_same_v<GasA, GasB>)
void operator+(const gas_mass<GasA>&, const gas_mass<GasB>&) {
  static_assert(detail::always_false<GasA>,
                "ghgkit: masses of different gases do not add (e.g. CH4 + CO2e); "
                "convert each with ghgkit::to_co2e(mass, gases, \"AR6\") first");
}

/// The CO2e of a gas mass under a named GWP set (factor_error if the set lacks the gas).
template <class Gas>
[[nodiscard]] co2e_mass to_co2e(const gas_mass<Gas>& m, const gas_registry& gases, std::string_view set) {
  static_assert(!std::is_same_v<Gas, gas::co2_biogenic>,
                "ghgkit: biogenic CO2 is reported apart, outside the scopes; it has no CO2e");
  return co2e_mass(gases.gwp(Gas::name, set) * m.mass());
}

}  // namespace v0
}  // namespace ghgkit
