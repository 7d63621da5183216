#include "ghgkit/units/unit_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "ghgkit/error.hpp"
#include "ghgkit/units/definitions.hpp"
#include "../text.hpp"

namespace ghgkit {
inline namespace v0 {
namespace {

namespace def = units::definitions;
using bd = base_dimension;

constexpr std::size_t index(bd b) { return static_cast<std::size_t>(b); }

dimension base(bd b, std::int8_t power = 1) {
  dimension d;
  d.exponents[index(b)] = power;
  return d;
}

dimension power_of(const dimension& d, int p) {
  dimension out = d;
  for (auto& e : out.exponents) e = static_cast<std::int8_t>(e * p);
  for (auto& [code, e] : out.currencies) e = static_cast<std::int8_t>(e * p);
  std::erase_if(out.currencies, [](const auto& c) { return c.second == 0; });
  return out;
}

dimension money_in(std::string code) {
  dimension d;
  d.currencies.emplace_back(std::move(code), std::int8_t{1});
  return d;
}

const dimension kEnergy = base(bd::mass) * base(bd::length, 2) / base(bd::time, 2);
const dimension kPower = kEnergy / base(bd::time);

struct named_dimension {
  std::string_view name;
  dimension dim;
};

const std::vector<named_dimension>& named_dimensions() {
  static const std::vector<named_dimension> names = {
      {"dimensionless", dimension{}},
      {"energy", kEnergy},
      {"power", kPower},
      {"mass", base(bd::mass)},
      {"distance", base(bd::length)},
      {"area", base(bd::length, 2)},
      {"volume", base(bd::length, 3)},
      {"time", base(bd::time)},
      {"data", base(bd::data)},
      {"passenger", base(bd::passenger)},
      {"passenger-distance", base(bd::passenger) * base(bd::length)},
      {"tonne-distance", base(bd::mass) * base(bd::length)},
      {"room-night", base(bd::room_night)},
      {"request", base(bd::request)},
      {"token", base(bd::token)},
      {"accelerator", base(bd::accelerator)},
      {"accelerator-time", base(bd::accelerator) * base(bd::time)},
      {"vcpu", base(bd::vcpu)},
      {"vcpu-time", base(bd::vcpu) * base(bd::time)},
      {"data-time", base(bd::data) * base(bd::time)},
      {"device", base(bd::device)},
  };
  return names;
}

struct atom {
  double scale;
  dimension dim;
};

void add_prefixed(std::unordered_map<std::string, atom>& table, std::string_view symbol,
                  double scale, const dimension& dim, std::initializer_list<std::string_view> prefixes) {
  static const std::map<std::string_view, double> kPrefix = {
      {"m", 1e-3}, {"c", 1e-2}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15},
      {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
      {"Pi", 1125899906842624.0}};
  table.emplace(std::string(symbol), atom{scale, dim});
  for (auto p : prefixes) table.emplace(fmt::format("{}{}", p, symbol), atom{kPrefix.at(p) * scale, dim});
}

const std::unordered_map<std::string, atom>& atoms() {
  static const auto table = [] {
    std::unordered_map<std::string, atom> t;
    const dimension mass = base(bd::mass), length = base(bd::length), time = base(bd::time);
    const dimension volume = base(bd::length, 3), area = base(bd::length, 2);
    // energy
    add_prefixed(t, "J", 1.0, kEnergy, {"k", "M", "G", "T", "P"});
    add_prefixed(t, "Wh", def::joules_per_watt_hour, kEnergy, {"k", "M", "G", "T"});
    t.emplace("Btu", atom{def::joules_per_btu, kEnergy});
    t.emplace("MMBtu", atom{1e6 * def::joules_per_btu, kEnergy});
    t.emplace("therm", atom{def::joules_per_therm, kEnergy});
    add_prefixed(t, "toe", def::joules_per_toe, kEnergy, {"k", "M"});
    // power
    add_prefixed(t, "W", 1.0, kPower, {"k", "M", "G"});
    // mass
    add_prefixed(t, "g", 1e-3, mass, {"m", "k"});
    add_prefixed(t, "t", def::kilograms_per_tonne, mass, {"k", "M", "G"});
    t.emplace("tonne", atom{def::kilograms_per_tonne, mass});
    t.emplace("lb", atom{def::kilograms_per_pound, mass});
    t.emplace("short_ton", atom{def::kilograms_per_short_ton, mass});
    t.emplace("long_ton", atom{def::kilograms_per_long_ton, mass});
    // length and area
    add_prefixed(t, "m", 1.0, length, {"m", "c", "k"});
    t.emplace("mi", atom{def::metres_per_mile, length});
    t.emplace("nmi", atom{def::metres_per_nautical_mile, length});
    t.emplace("ft", atom{def::metres_per_foot, length});
    t.emplace("m2", atom{1.0, area});
    t.emplace("km2", atom{1e6, area});
    t.emplace("ft2", atom{def::metres_per_foot * def::metres_per_foot, area});
    t.emplace("ha", atom{1e4, area});
    // volume
    add_prefixed(t, "L", def::cubic_metres_per_litre, volume, {"m", "k"});
    t.emplace("l", atom{def::cubic_metres_per_litre, volume});
    t.emplace("m3", atom{1.0, volume});
    t.emplace("US_gal", atom{def::cubic_metres_per_us_gallon, volume});
    t.emplace("UK_gal", atom{def::cubic_metres_per_uk_gallon, volume});
    t.emplace("ft3", atom{def::cubic_metres_per_cubic_foot, volume});
    // time
    t.emplace("s", atom{1.0, time});
    t.emplace("min", atom{def::seconds_per_minute, time});
    t.emplace("h", atom{def::seconds_per_hour, time});
    t.emplace("d", atom{def::seconds_per_day, time});
    t.emplace("yr", atom{def::seconds_per_year, time});
    // data
    add_prefixed(t, "B", 1.0, base(bd::data), {"k", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi"});
    // countable activity
    t.emplace("passenger", atom{1.0, base(bd::passenger)});
    t.emplace("room.night", atom{1.0, base(bd::room_night)});
    t.emplace("request", atom{1.0, base(bd::request)});
    t.emplace("token", atom{1.0, base(bd::token)});
    t.emplace("GPU", atom{1.0, base(bd::accelerator)});
    t.emplace("vCPU", atom{1.0, base(bd::vcpu)});
    t.emplace("device", atom{1.0, base(bd::device)});  // a counted device (server, laptop, ...)
    return t;
  }();
  return table;
}

constexpr std::array<std::string_view, 4> kGasSuffixes = {"CO2e", "CO2", "CH4", "N2O"};
constexpr std::array<std::string_view, 6> kMassSymbols = {"g", "kg", "t", "kt", "Mt", "lb"};

struct parsed_atom {
  atom value;
  std::string gas;
};

std::optional<parsed_atom> find_atom(std::string_view symbol) {
  const auto& table = atoms();
  if (auto it = table.find(std::string(symbol)); it != table.end()) return parsed_atom{it->second, {}};
  if (is_currency_code(symbol)) {
    return parsed_atom{atom{1.0, money_in(std::string(symbol))}, {}};
  }
  for (auto gas : kGasSuffixes) {
    if (symbol.size() <= gas.size() || !symbol.ends_with(gas)) continue;
    auto mass_symbol = symbol.substr(0, symbol.size() - gas.size());
    if (std::find(kMassSymbols.begin(), kMassSymbols.end(), mass_symbol) == kMassSymbols.end()) continue;
    return parsed_atom{table.at(std::string(mass_symbol)), std::string(gas)};
  }
  return std::nullopt;
}

std::string suggest(std::string_view symbol) {
  std::vector<std::string_view> names;
  for (const auto& [name, _] : atoms()) names.push_back(name);
  auto near = detail::near_matches(symbol, names);
  if (near.empty()) return {};
  std::string text = "; did you mean ";
  for (std::size_t i = 0; i < near.size(); ++i) text += (i > 0 ? " or " : "") + quote(near[i]);
  return text + "?";
}

// One factor of a product: "kWh", "m^2", "room.night".
struct term {
  std::string symbol;
  int power = 1;
};

int parse_power(std::string_view text, std::string_view whole) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value == 0 || std::abs(value) > 9) {
    throw unit_error(fmt::format("bad exponent '{}' in unit '{}': expected a whole number from -9 to 9, not 0",
                                 text, whole));
  }
  return value;
}

// Splits "passenger.km*h^2" into terms, joining dotted pieces that name one atom ("room.night").
std::vector<term> split_product(std::string_view text, std::string_view whole) {
  std::vector<std::string> pieces;
  std::string current;
  for (char c : text) {
    if (c == '.' || c == '*') {
      pieces.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  pieces.push_back(current);
  std::vector<term> terms;
  for (std::size_t i = 0; i < pieces.size();) {
    std::size_t take = 1;
    for (std::size_t j = pieces.size(); j > i + 1; --j) {
      std::string joined = pieces[i];
      for (std::size_t k = i + 1; k < j; ++k) joined += "." + pieces[k];
      if (atoms().contains(joined)) {
        take = j - i;
        break;
      }
    }
    std::string symbol = pieces[i];
    for (std::size_t k = i + 1; k < i + take; ++k) symbol += "." + pieces[k];
    if (symbol.empty()) throw unit_error(fmt::format("empty term in unit '{}'", whole));
    term t{symbol, 1};
    if (auto caret = symbol.find('^'); caret != std::string::npos) {
      t.symbol = symbol.substr(0, caret);
      t.power = parse_power(std::string_view(symbol).substr(caret + 1), whole);
    }
    terms.push_back(t);
    i += take;
  }
  return terms;
}

}  // namespace

bool dimension::dimensionless() const {
  return currencies.empty() && std::all_of(exponents.begin(), exponents.end(), [](std::int8_t e) { return e == 0; });
}

std::string dimension::currency() const {
  const bool plain = std::all_of(exponents.begin(), exponents.end(), [](std::int8_t e) { return e == 0; });
  return plain && currencies.size() == 1 && currencies.front().second == 1 ? currencies.front().first : std::string();
}

dimension operator*(const dimension& a, const dimension& b) {
  dimension out;
  for (std::size_t i = 0; i < out.exponents.size(); ++i) {
    out.exponents[i] = static_cast<std::int8_t>(a.exponents[i] + b.exponents[i]);
  }
  out.currencies = a.currencies;
  for (const auto& [code, e] : b.currencies) {
    auto it = std::find_if(out.currencies.begin(), out.currencies.end(), [&](const auto& c) { return c.first == code; });
    if (it == out.currencies.end()) out.currencies.emplace_back(code, e);
    else it->second = static_cast<std::int8_t>(it->second + e);
  }
  std::erase_if(out.currencies, [](const auto& c) { return c.second == 0; });
  std::sort(out.currencies.begin(), out.currencies.end());
  return out;
}

dimension operator/(const dimension& a, const dimension& b) { return a * power_of(b, -1); }

std::string describe(const dimension& d) {
  for (const auto& n : named_dimensions()) {
    if (n.dim == d) return std::string(n.name);
  }
  if (const std::string code = d.currency(); !code.empty()) return fmt::format("money ({})", code);
  for (const auto& numerator : {std::pair{"mass", base(bd::mass)}, std::pair{"energy", kEnergy}}) {
    dimension rest = numerator.second / d;  // numerator / d = denominator
    for (const auto& n : named_dimensions()) {
      if (!n.dim.dimensionless() && n.dim == rest) return fmt::format("{} per {}", numerator.first, n.name);
    }
    if (const std::string code = rest.currency(); !code.empty()) {
      return fmt::format("{} per money ({})", numerator.first, code);
    }
  }
  static constexpr std::array<std::string_view, index(bd::count_)> kSymbols = {
      "m", "kg", "s", "B", "passenger", "room.night", "request", "token", "GPU", "vCPU", "device"};
  std::string text;
  auto append = [&](std::string_view symbol, int exponent) {
    if (exponent == 0) return;
    if (!text.empty()) text += "·";
    text += symbol;
    if (exponent != 1) text += fmt::format("^{}", exponent);
  };
  for (std::size_t i = 0; i < kSymbols.size(); ++i) append(kSymbols[i], d.exponents[i]);
  for (const auto& [code, e] : d.currencies) append(code, e);
  return text.empty() ? "dimensionless" : text;
}

dimension dimension_named(std::string_view name) {
  for (const auto& n : named_dimensions()) {
    if (n.name == name) return n.dim;
  }
  if (name == "money") return money_in("XXX");  // ISO 4217 "no currency": stands for any currency
  std::string known;
  for (const auto& n : dimension_names()) known += (known.empty() ? "" : ", ") + n;
  throw unit_error(fmt::format("unknown dimension '{}': expected one of {}", name, known));
}

bool dimension_matches(const dimension& d, std::string_view name) {
  if (name == "money") return !d.currency().empty();
  return d == dimension_named(name);
}

std::vector<std::string> dimension_names() {
  std::vector<std::string> names;
  for (const auto& n : named_dimensions()) names.emplace_back(n.name);
  names.emplace_back("money");
  return names;
}

unit parse_unit(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t') compact += c;
  }
  if (compact.empty()) throw unit_error("empty unit: expected a unit such as 'kWh' or 'kgCO2e/kWh'");
  unit result;
  result.symbol = compact;
  std::size_t part_start = 0;
  bool numerator = true;
  while (part_start <= compact.size()) {
    std::size_t slash = compact.find('/', part_start);
    std::string_view part = std::string_view(compact).substr(
        part_start, slash == std::string::npos ? std::string::npos : slash - part_start);
    if (part.empty()) throw unit_error(fmt::format("empty term in unit '{}'", compact));
    if (!(numerator && part == "1")) {
      for (const term& t : split_product(part, compact)) {
        auto found = find_atom(t.symbol);
        if (!found) throw unit_error(fmt::format("unknown unit '{}' in '{}'{}", t.symbol, compact, suggest(t.symbol)));
        if (!found->gas.empty()) {
          if (!numerator || !result.gas.empty() || t.power != 1) {
            throw unit_error(fmt::format("unit '{}': a gas may appear once, in the numerator, as in 'kgCO2e/kWh'", compact));
          }
          result.gas = found->gas;
        }
        const int power = numerator ? t.power : -t.power;
        result.scale *= std::pow(found->value.scale, power);
        result.dim = result.dim * power_of(found->value.dim, power);
      }
    }
    if (slash == std::string::npos) break;
    part_start = slash + 1;
    numerator = false;
  }
  return result;
}

double conversion_factor(const unit& from, const unit& to) {
  if (!(from.dim == to.dim)) {
    throw unit_error(fmt::format("cannot convert '{}' ({}) to '{}' ({})", from.symbol, describe(from.dim),
                                 to.symbol, describe(to.dim)));
  }
  if (!from.gas.empty() && !to.gas.empty() && from.gas != to.gas) {
    throw unit_error(fmt::format("cannot convert '{}' ({} mass) to '{}' ({} mass): gases convert only through a GWP set",
                                 from.symbol, from.gas, to.symbol, to.gas));
  }
  return from.scale / to.scale;
}

double convert(double value, std::string_view from, std::string_view to) {
  return value * conversion_factor(parse_unit(from), parse_unit(to));
}

std::vector<std::string> unit_symbols() {
  std::vector<std::string> symbols;
  for (const auto& [name, _] : atoms()) symbols.push_back(name);
  std::sort(symbols.begin(), symbols.end());
  return symbols;
}

bool is_currency_code(std::string_view code) {
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> list = {
#define GHGKIT_CURRENCY(code, name) code,
#include "currency_codes.inc"
#undef GHGKIT_CURRENCY
    };
    std::sort(list.begin(), list.end());
    return list;
  }();
  return std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace v0
}  // namespace ghgkit
