#include <catch2/catch.hpp>

#include "remit/money.hpp"

using remit::format_money;
using remit::Money;
using remit::read_money;

namespace {
std::int64_t pence(const char* text, bool bare = false) {
  auto r = read_money(text, "GBP", bare);
  INFO(text << ": " << r.error.message);
  REQUIRE(r.value);
  return r.value->pence;
}
std::string refusal(const char* text, bool bare = false) {
  auto r = read_money(text, "GBP", bare);
  REQUIRE_FALSE(r.value);
  return r.error.message;
}
}  // namespace

TEST_CASE("money literals are read exactly, in pence") {
  CHECK(pence("£500,000") == 50'000'000);
  CHECK(pence("£500000") == 50'000'000);
  CHECK(pence("£1,234.56") == 123'456);
  CHECK(pence("£0.01") == 1);
  CHECK(pence("£1.5") == 150);
  CHECK(pence("£50k") == 5'000'000);
  CHECK(pence("£5.6m") == 560'000'000);
  CHECK(pence("£1.2bn") == 120'000'000'000);
  CHECK(pence("£1.2345678m") == 123'456'780);
  CHECK(pence("500000.00 GBP") == 50'000'000);
  CHECK(pence("5600000.00", true) == 560'000'000);
  CHECK(pence("5600000", true) == 560'000'000);
}

TEST_CASE("money that is not exact to the penny is refused, never rounded") {
  CHECK(refusal("£10.005") == "money amount has more than two decimal places");
  CHECK(refusal("£1.005", true) == "money amount has more than two decimal places");
  CHECK(refusal("£1.234567891m") == "money amount is not a whole number of pence");
}

TEST_CASE("malformed money is refused with the offending position") {
  auto r = read_money("£5,00,000");
  REQUIRE_FALSE(r.value);
  CHECK(r.error.offset == 6);  // bytes (£ is two): the second comma
  CHECK(r.error.message == "misplaced thousands separator in money amount");
  CHECK(refusal("£5000,000") == "misplaced thousands separator in money amount");
  CHECK(refusal("£") == "expected digits in money amount");
  CHECK(refusal("£5.") == "expected digits after the decimal point");
  CHECK(refusal("£5x") == "unexpected `x` after money amount");
  CHECK(refusal("500 USD") == "money in `USD` where the scheme's currency is `GBP`");
  CHECK(refusal("£500 GBP") == "money amount has both `£` and a currency code");
  CHECK(refusal("500") == "a money amount needs `£` or the currency code");
}

TEST_CASE("money at the edge of 64 bits") {
  CHECK(pence("£92,233,720,368,547,758.07") == INT64_MAX);
  CHECK(refusal("£92,233,720,368,547,758.08") == "money amount is too large");
  CHECK(refusal("£99999999999999999999") == "money amount is too large");
  CHECK(refusal("£92234000bn") == "money amount is too large");
}

TEST_CASE("money is shown with separators and pence only when there are any") {
  CHECK(format_money(Money{50'000'000}) == "£500,000");
  CHECK(format_money(Money{49'999'999}) == "£499,999.99");
  CHECK(format_money(Money{5}) == "£0.05");
  CHECK(format_money(Money{0}) == "£0");
  CHECK(format_money(Money{INT64_MAX}) == "£92,233,720,368,547,758.07");
}
