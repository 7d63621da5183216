// Spend-based conversion, worked by hand on invented fixture figures: 1.08 USD/EUR in 2024,
// USD price index 270 (2021) and 312 (2024), a factor of 0.5 kg CO2e per USD of 2021.

#include <doctest/doctest.h>

#include "ghgkit/ghgkit.hpp"
#include "test_support.hpp"

using namespace ghgkit;

namespace {
factor_database spend_db() {
  const auto dir = ghgkit_test::fixtures() / "spend";
  return factor_database::load({dir});
}
}  // namespace

TEST_CASE("spend in another currency and year is converted at the spend year's rate, then deflated") {
  const auto db = spend_db();
  const auto e = calculate(db, "spend.cloud_services", amount{1000.0, "EUR"}, {.year = 2024});
  // 1000 EUR x 1.08 = 1080 USD of 2024; x 270 / 312 = 934.6153846 USD of 2021; x 0.5 = 467.3076923 kg.
  CHECK(e.co2e_kg == doctest::Approx(1000.0 * 1.08 * 270.0 / 312.0 * 0.5).epsilon(1e-12));
  CHECK(e.provenance.amount_in_factor_unit == doctest::Approx(1080.0 * 270.0 / 312.0).epsilon(1e-12));
  REQUIRE(e.provenance.conversions.size() == 2u);
  CHECK(e.provenance.conversions[0].find("eur-usd-2024") != std::string::npos);
  CHECK(e.provenance.conversions[1].find("usd-index-2021") != std::string::npos);
}

TEST_CASE("a rate stated the other way round is inverted") {
  const auto db = spend_db();
  // 100 GBP in 2024: the fixture gives 0.8 GBP/USD, so 100 / 0.8 = 125 USD of 2024, deflated as above.
  const auto e = calculate(db, "spend.cloud_services", amount{100.0, "GBP"}, {.year = 2024});
  CHECK(e.co2e_kg == doctest::Approx(125.0 * 270.0 / 312.0 * 0.5).epsilon(1e-12));
}

TEST_CASE("spend in the factor's currency and year needs no conversion, and a missing year is said") {
  const auto db = spend_db();
  const auto e = calculate(db, "spend.cloud_services", amount{200.0, "USD"}, {});
  CHECK(e.co2e_kg == doctest::Approx(100.0));
  CHECK(e.provenance.conversions.empty());
  REQUIRE_FALSE(e.provenance.warnings.empty());
  CHECK(e.provenance.warnings.front() == "spend year not given: taken as the factor's price year 2021");
}

TEST_CASE("a missing exchange rate or price index is a lookup_error that names it") {
  const auto db = spend_db();
  CHECK_THROWS_WITH_AS((void)calculate(db, "spend.cloud_services", amount{1.0, "JPY"}, {.year = 2024}),
                       "no exchange rate JPY -> USD for 2024 in the database (a coefficient 'finance.exchange_rate' "
                       "in USD/JPY with year 2024)",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)calculate(db, "spend.cloud_services", amount{1.0, "USD"}, {.year = 2023}),
                       "no price index for USD in 2023 in the database (a coefficient 'finance.price_index' with key "
                       "USD and year 2023)",
                       lookup_error);
}

TEST_CASE("the batch path converts spend like a single calculation") {
  const auto db = spend_db();
  const std::vector<std::string_view> activity{"spend.cloud_services", "spend.cloud_services"};
  const std::vector<double> amounts{1000.0, 1.0};
  const std::vector<std::string_view> units{"EUR", "JPY"};
  const std::vector<std::int32_t> years{2024};
  const auto r = calculate_batch(db, {activity, amounts, units, {}, years}, {});
  CHECK(r.co2e_kg[0] == doctest::Approx(calculate(db, "spend.cloud_services", amount{1000.0, "EUR"}, {.year = 2024}).co2e_kg));
  CHECK(r.computed[1] == 0);
  CHECK(r.reason[1].find("no exchange rate JPY -> USD") != std::string::npos);
}
