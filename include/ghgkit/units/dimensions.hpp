#pragma once
/// The compile-time unit vocabulary of ghgkit: quantity types and named units on Boost.Units.
///
/// A number enters only with a named unit, and arithmetic across dimensions does not compile:
///
///     using namespace ghgkit::units::symbols;
///     ghgkit::units::energy e = 12000.0 * kWh;
///     double in_mwh = e / MWh;          // 12.0
///     // auto bad = e + 3.0 * kg;       // does not compile: energy + mass
///
/// Users name these aliases, never Boost templates; Boost stays behind this header.

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/static_constant.hpp>
#include <boost/units/systems/si/base.hpp>
#include <boost/units/unit.hpp>

#include "ghgkit/units/definitions.hpp"

namespace ghgkit {
inline namespace v0 {
namespace units {

namespace bu = boost::units;

// Countable dimensions that carbon accounting needs beside SI: they cannot be mixed with each other
// (a token is not a request) nor with SI quantities.
struct data_base_dimension : bu::base_dimension<data_base_dimension, 9101> {};
struct passenger_base_dimension : bu::base_dimension<passenger_base_dimension, 9102> {};
struct room_night_base_dimension : bu::base_dimension<room_night_base_dimension, 9103> {};
struct request_base_dimension : bu::base_dimension<request_base_dimension, 9104> {};
struct token_base_dimension : bu::base_dimension<token_base_dimension, 9105> {};
struct accelerator_base_dimension : bu::base_dimension<accelerator_base_dimension, 9106> {};
struct vcpu_base_dimension : bu::base_dimension<vcpu_base_dimension, 9107> {};

#define GHGKIT_DETAIL_COUNT_UNIT(NAME, DIM, ORDINAL, SYMBOL)                                   \
  struct NAME : bu::base_unit<NAME, DIM::dimension_type, ORDINAL> {                            \
    static const char* name() { return #NAME; }                                                \
    static const char* symbol() { return SYMBOL; }                                             \
  }
GHGKIT_DETAIL_COUNT_UNIT(byte_base_unit, data_base_dimension, 9201, "B");
GHGKIT_DETAIL_COUNT_UNIT(passenger_base_unit, passenger_base_dimension, 9202, "passenger");
GHGKIT_DETAIL_COUNT_UNIT(room_night_base_unit, room_night_base_dimension, 9203, "room.night");
GHGKIT_DETAIL_COUNT_UNIT(request_base_unit, request_base_dimension, 9204, "request");
GHGKIT_DETAIL_COUNT_UNIT(token_base_unit, token_base_dimension, 9205, "token");
GHGKIT_DETAIL_COUNT_UNIT(accelerator_base_unit, accelerator_base_dimension, 9206, "GPU");
GHGKIT_DETAIL_COUNT_UNIT(vcpu_base_unit, vcpu_base_dimension, 9207, "vCPU");
#undef GHGKIT_DETAIL_COUNT_UNIT

/// The coherent system every ghgkit quantity is stored in: m, kg, s, byte and the counts.
using system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit,
                               bu::si::second_base_unit, byte_base_unit, passenger_base_unit,
                               room_night_base_unit, request_base_unit, token_base_unit,
                               accelerator_base_unit, vcpu_base_unit>::type;

template <class Dimension>
using quantity_of = bu::quantity<bu::unit<Dimension, system>, double>;

using data_dimension = data_base_dimension::dimension_type;

using energy = quantity_of<bu::energy_dimension>;
using power = quantity_of<bu::power_dimension>;
using mass = quantity_of<bu::mass_dimension>;
using distance = quantity_of<bu::length_dimension>;
using area = quantity_of<bu::area_dimension>;
using volume = quantity_of<bu::volume_dimension>;
using duration = quantity_of<bu::time_dimension>;
using data_size = quantity_of<data_dimension>;
using passenger_distance = quantity_of<
    bu::derived_dimension<passenger_base_dimension, 1, bu::length_base_dimension, 1>::type>;
using tonne_distance = quantity_of<
    bu::derived_dimension<bu::mass_base_dimension, 1, bu::length_base_dimension, 1>::type>;
using room_nights = quantity_of<room_night_base_dimension::dimension_type>;
using requests = quantity_of<request_base_dimension::dimension_type>;
using tokens = quantity_of<token_base_dimension::dimension_type>;
using accelerator_time = quantity_of<
    bu::derived_dimension<accelerator_base_dimension, 1, bu::time_base_dimension, 1>::type>;
using vcpu_time =
    quantity_of<bu::derived_dimension<vcpu_base_dimension, 1, bu::time_base_dimension, 1>::type>;
using data_time =
    quantity_of<bu::derived_dimension<data_base_dimension, 1, bu::time_base_dimension, 1>::type>;

/// Money is its own base dimension, one per currency: euros never add to dollars without a rate.
template <class Currency>
struct currency_base_dimension
    : bu::base_dimension<currency_base_dimension<Currency>, Currency::ordinal> {};
template <class Currency>
struct currency_base_unit : bu::base_unit<currency_base_unit<Currency>,
                                          typename currency_base_dimension<Currency>::dimension_type,
                                          Currency::ordinal + 1000> {
  static const char* name() { return Currency::code; }
  static const char* symbol() { return Currency::code; }
};
template <class Currency>
using money = bu::quantity<
    bu::unit<typename currency_base_dimension<Currency>::dimension_type,
             typename bu::make_system<currency_base_unit<Currency>>::type>,
    double>;

namespace currency {
struct EUR { static constexpr long ordinal = 9301; static constexpr const char* code = "EUR"; };
struct USD { static constexpr long ordinal = 9302; static constexpr const char* code = "USD"; };
struct GBP { static constexpr long ordinal = 9303; static constexpr const char* code = "GBP"; };
struct CHF { static constexpr long ordinal = 9304; static constexpr const char* code = "CHF"; };
struct JPY { static constexpr long ordinal = 9305; static constexpr const char* code = "JPY"; };
struct CNY { static constexpr long ordinal = 9306; static constexpr const char* code = "CNY"; };
}  // namespace currency

namespace detail {
template <class Quantity>
inline const Quantity unit_quantity = Quantity::from_value(1.0);
}  // namespace detail

/// Named units: multiply a number by one of these to make a quantity, divide to read it back.
namespace symbols {
namespace def = definitions;
// energy
inline const energy J = detail::unit_quantity<energy>;
inline const energy kJ = 1e3 * J, MJ = 1e6 * J, GJ = 1e9 * J, TJ = 1e12 * J;
inline const energy Wh = def::joules_per_watt_hour * J;
inline const energy kWh = 1e3 * Wh, MWh = 1e6 * Wh, GWh = 1e9 * Wh, TWh = 1e12 * Wh;
inline const energy Btu = def::joules_per_btu * J, MMBtu = 1e6 * Btu;
inline const energy therm = def::joules_per_therm * J, toe = def::joules_per_toe * J;
// power
inline const power W = detail::unit_quantity<power>;
inline const power kW = 1e3 * W, MW = 1e6 * W;
// mass
inline const mass kg = detail::unit_quantity<mass>;
inline const mass g = 1e-3 * kg, t = def::kilograms_per_tonne * kg, lb = def::kilograms_per_pound * kg;
inline const mass short_ton = def::kilograms_per_short_ton * kg;
inline const mass long_ton = def::kilograms_per_long_ton * kg;
// distance
inline const distance m = detail::unit_quantity<distance>;
inline const distance km = 1e3 * m, mi = def::metres_per_mile * m, nmi = def::metres_per_nautical_mile * m;
// volume
inline const volume m3 = detail::unit_quantity<volume>;
inline const volume L = def::cubic_metres_per_litre * m3;
inline const volume US_gal = def::cubic_metres_per_us_gallon * m3;
inline const volume UK_gal = def::cubic_metres_per_uk_gallon * m3;
inline const volume ft3 = def::cubic_metres_per_cubic_foot * m3;
// time
inline const duration s = detail::unit_quantity<duration>;
inline const duration min = def::seconds_per_minute * s, h = def::seconds_per_hour * s;
inline const duration d = def::seconds_per_day * s, yr = def::seconds_per_year * s;
// data
inline const data_size B = detail::unit_quantity<data_size>;
inline const data_size kB = 1e3 * B, MB = 1e6 * B, GB = 1e9 * B, TB = 1e12 * B, PB = 1e15 * B;
inline const data_size KiB = 1024.0 * B, MiB = 1024.0 * KiB, GiB = 1024.0 * MiB, TiB = 1024.0 * GiB;
// countable activity
inline const passenger_distance passenger_km = detail::unit_quantity<passenger_distance> * 1e3;
inline const passenger_distance passenger_mi = detail::unit_quantity<passenger_distance> * def::metres_per_mile;
inline const tonne_distance tonne_km = t * km;
inline const tonne_distance tonne_mi = t * mi;
inline const room_nights room_night = detail::unit_quantity<room_nights>;
inline const requests request = detail::unit_quantity<requests>;
inline const tokens token = detail::unit_quantity<tokens>;
inline const accelerator_time GPU_h = detail::unit_quantity<accelerator_time> * def::seconds_per_hour;
inline const vcpu_time vCPU_h = detail::unit_quantity<vcpu_time> * def::seconds_per_hour;
inline const data_time GB_h = GB * h, TB_h = TB * h;
// money
inline const money<currency::EUR> EUR = money<currency::EUR>::from_value(1.0);
inline const money<currency::USD> USD = money<currency::USD>::from_value(1.0);
inline const money<currency::GBP> GBP = money<currency::GBP>::from_value(1.0);
inline const money<currency::CHF> CHF = money<currency::CHF>::from_value(1.0);
inline const money<currency::JPY> JPY = money<currency::JPY>::from_value(1.0);
inline const money<currency::CNY> CNY = money<currency::CNY>::from_value(1.0);
}  // namespace symbols

}  // namespace units
}  // namespace v0
}  // namespace ghgkit

namespace ghgkit {
inline namespace v0 {
namespace units {

/// The number of `unit` in `q`: `in(e, symbols::kWh)`. Both must have the same dimension.
template <class Unit, class Y>
[[nodiscard]] double in(const bu::quantity<Unit, Y>& q, const bu::quantity<Unit, Y>& unit) {
  return q.value() / unit.value();
}

}  // namespace units
}  // namespace v0
}  // namespace ghgkit
