#pragma once
/// Spend-based conversion (GHG Protocol Scope 3 Technical Guidance, spend-based method): bring a
/// spend to the currency and price year of an EEIO factor. The currency is converted at the rate of
/// the spend year, then deflated with the factor currency's price index:
///     spend_base = spend x rate(year) x PI(base year) / PI(spend year)
/// Rates are coefficients `finance.exchange_rate` (unit `<TO>/<FROM>`, with the year); indices are
/// coefficients `finance.price_index` (key: the currency code, unit "1", with the year).

#include <optional>
#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"

namespace ghgkit {
inline namespace v0 {

/// `amount` in `from_currency` spent in `spend_year`, expressed in the currency and price year of
/// factor `f` (whose `year` is its price year). Each step is appended to `steps`. Throws
/// lookup_error naming the missing rate or index.
[[nodiscard]] double spend_in_factor_terms(const factor_database& db, double amount, const std::string& from_currency,
                                           const factor& f, int spend_year, std::vector<std::string>& steps);

}  // namespace v0
}  // namespace ghgkit
