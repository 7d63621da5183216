#include "ghgkit/calc/spend.hpp"

#include <fmt/format.h>

namespace ghgkit {
inline namespace v0 {
namespace {

// The exchange rate to -> from for a year: a coefficient in <to>/<from>, or the inverse of <from>/<to>.
double exchange_rate(const factor_database& db, const std::string& from, const std::string& to, int year,
                     std::string& used) {
  const dimension wanted = parse_unit(to).dim / parse_unit(from).dim;
  for (const auto& c : db.coefficients()) {
    if (c.quantity != "finance.exchange_rate" || c.year != year) continue;
    if (c.unit.dim == wanted) {
      used = fmt::format("{} ({} {}/{}, source {})", c.id, c.value, to, from, c.source_id);
      return c.value * c.unit.scale;
    }
    if (c.unit.dim == parse_unit(from).dim / parse_unit(to).dim && c.value != 0.0) {
      used = fmt::format("{} (1 / {} {}/{}, source {})", c.id, c.value, from, to, c.source_id);
      return 1.0 / (c.value * c.unit.scale);
    }
  }
  throw lookup_error(fmt::format("no exchange rate {} -> {} for {} in the database (a coefficient "
                                 "'finance.exchange_rate' in {}/{} with year {})", from, to, year, to, from, year));
}

double price_index(const factor_database& db, const std::string& currency, int year, std::string& used) {
  for (const auto& c : db.coefficients()) {
    if (c.quantity == "finance.price_index" && c.key == currency && c.year == year) {
      used = fmt::format("{} = {} (source {})", c.id, c.value, c.source_id);
      return c.value;
    }
  }
  throw lookup_error(fmt::format("no price index for {} in {} in the database (a coefficient 'finance.price_index' "
                                 "with key {} and year {})", currency, year, currency, year));
}

}  // namespace

double spend_in_factor_terms(const factor_database& db, double amount, const std::string& from_currency,
                             const factor& f, int spend_year, std::vector<std::string>& steps) {
  const std::string to = f.unit.dim.currency();
  double value = amount;
  if (from_currency != to) {
    std::string used;
    const double rate = exchange_rate(db, from_currency, to, spend_year, used);
    value *= rate;
    steps.push_back(fmt::format("{} {} x {} {}/{} ({}) = {:.10g} {} of {}", amount, from_currency, rate, to, from_currency,
                                used, value, to, spend_year));
  }
  if (spend_year != f.year) {
    std::string base_used, spend_used;
    const double base = price_index(db, to, f.year, base_used);
    const double then = price_index(db, to, spend_year, spend_used);
    const double before = value;
    value *= base / then;
    steps.push_back(fmt::format("{:.10g} {} of {} x PI {} / PI {} ({}; {}) = {:.10g} {} of {} (the factor's price year)", before, to,
                                spend_year, f.year, spend_year, base_used, spend_used, value, to, f.year));
  }
  return value;
}

}  // namespace v0
}  // namespace ghgkit
