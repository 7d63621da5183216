#pragma once
/// Exact definitions of the non-SI units ghgkit accepts, in SI base units.
/// Both the compile-time quantities (dimensions.hpp) and the run-time registry (unit_registry.hpp)
/// take their constants from here, so the two can never disagree.

namespace ghgkit {
inline namespace v0 {
namespace units::definitions {

// Energy, in joules.
inline constexpr double joules_per_watt_hour = 3600.0;
/// International Table British thermal unit (ISO 31-4; NIST SP 811 B.8).
inline constexpr double joules_per_btu = 1055.05585262;
/// 100,000 Btu (IT): the therm of the UK Units of Measurement Regulations and of the EU.
inline constexpr double joules_per_therm = 100000.0 * joules_per_btu;
/// Tonne of oil equivalent: 10^7 kcal (IT) = 41.868 GJ (IEA and OECD definition).
inline constexpr double joules_per_toe = 41.868e9;

// Mass, in kilograms.
/// International avoirdupois pound (1959 agreement).
inline constexpr double kilograms_per_pound = 0.45359237;
inline constexpr double kilograms_per_short_ton = 2000.0 * kilograms_per_pound;
inline constexpr double kilograms_per_long_ton = 2240.0 * kilograms_per_pound;
inline constexpr double kilograms_per_tonne = 1000.0;

// Length, in metres.
/// International mile (1959 agreement): 5280 ft of 0.3048 m.
inline constexpr double metres_per_mile = 1609.344;
/// International nautical mile (1929).
inline constexpr double metres_per_nautical_mile = 1852.0;
inline constexpr double metres_per_foot = 0.3048;

// Volume, in cubic metres.
inline constexpr double cubic_metres_per_litre = 1e-3;
/// US liquid gallon: 231 cubic inches.
inline constexpr double cubic_metres_per_us_gallon = 3.785411784e-3;
/// Imperial gallon (UK Weights and Measures Act 1985).
inline constexpr double cubic_metres_per_uk_gallon = 4.54609e-3;
inline constexpr double cubic_metres_per_cubic_foot = metres_per_foot * metres_per_foot * metres_per_foot;

// Time, in seconds.
inline constexpr double seconds_per_minute = 60.0;
inline constexpr double seconds_per_hour = 3600.0;
inline constexpr double seconds_per_day = 86400.0;
/// Julian year (IAU): 365.25 days. Annual activity data usually comes as a reporting period
/// instead; `yr` exists for lifetimes and rates.
inline constexpr double seconds_per_year = 365.25 * seconds_per_day;

}  // namespace units::definitions
}  // namespace v0
}  // namespace ghgkit
