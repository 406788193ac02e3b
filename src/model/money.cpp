#include "remit/money.hpp"

#include <cctype>
#include <limits>

namespace remit {
namespace {

constexpr std::int64_t max_pence = std::numeric_limits<std::int64_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

MoneyReading fail(std::size_t offset, std::string message, std::string help) {
  return MoneyReading{std::nullopt, MoneyError{offset, std::move(message), std::move(help)}};
}

// Multiplies-and-adds with overflow detection; false on overflow.
bool accumulate(std::int64_t& acc, std::int64_t factor, std::int64_t add) {
  if (acc > (max_pence - add) / factor) return false;
  acc = acc * factor + add;
  return true;
}

}  // namespace

MoneyReading read_money(std::string_view text, std::string_view currency, bool pounds_without_sign) {
  const std::string_view pound_sign = "\xC2\xA3";  // £ in UTF-8
  std::size_t pos = 0;
  bool has_sign = false;
  if (text.substr(0, pound_sign.size()) == pound_sign) {
    // `£` is pounds: in a scheme kept in another currency it would be read
    // as that currency, so it is refused rather than converted or mislabelled.
    if (currency != "GBP")
      return fail(0, "`£` marks an amount in pounds, but the scheme's currency is `" + std::string(currency) + "`",
                  "write the amount with the scheme's currency code, as in `500000.00 " + std::string(currency) + "`");
    has_sign = true;
    pos = pound_sign.size();
  }
  const std::size_t number_start = pos;

  // Integer part, with optional thousands separators in groups of three.
  std::string digits;
  bool grouped = false;
  std::size_t group_len = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (is_digit(c)) {
      digits.push_back(c);
      ++group_len;
      ++pos;
    } else if (c == ',' && !digits.empty()) {
      if (!grouped && digits.front() == '0')  // `£0,500`: no reading of it is clearly meant
        return fail(number_start, "a money amount with thousands separators cannot start with `0`",
                    "write `£500` or `£500,000`, as meant");
      if ((grouped && group_len != 3) || (!grouped && group_len > 3))
        return fail(pos, "misplaced thousands separator in money amount",
                    "group digits in threes, as in `£5,600,000`");
      grouped = true;
      group_len = 0;
      ++pos;
    } else {
      break;
    }
  }
  if (digits.empty())
    return fail(number_start, "expected digits in money amount", "write an amount such as `£500,000`");
  if (grouped && group_len != 3)
    return fail(pos, "misplaced thousands separator in money amount",
                "group digits in threes, as in `£5,600,000`");

  std::string fraction;
  const std::size_t fraction_start = pos;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && is_digit(text[pos])) fraction.push_back(text[pos++]);
    if (fraction.empty())
      return fail(fraction_start, "expected digits after the decimal point", "write `£1,234.50` or `£1,234`");
  }

  // Scale: a suffix multiplies the pounds; a currency code may follow.
  int scale_digits = 0;  // number of decimal places of pounds the suffix absorbs
  const std::size_t suffix_start = pos;
  const std::string_view rest = text.substr(pos);
  if (rest == "k" || rest == "K") {
    scale_digits = 3;
  } else if (rest == "m" || rest == "M") {
    scale_digits = 6;
  } else if (rest == "bn" || rest == "BN" || rest == "Bn") {
    scale_digits = 9;
  } else if (!rest.empty()) {
    std::size_t p = 0;
    while (p < rest.size() && rest[p] == ' ') ++p;
    std::string_view code = rest.substr(p);
    if (p == 0 || code != currency) {
      if (p > 0 && !code.empty() && std::isupper(static_cast<unsigned char>(code[0])))
        return fail(suffix_start + p, "money in `" + std::string(code) + "` where the scheme's currency is `" +
                                          std::string(currency) + "`",
                    "amounts must be in the scheme's currency");
      return fail(suffix_start, "unexpected `" + std::string(rest) + "` after money amount",
                  "use a suffix `k`, `m` or `bn`, or the currency code, as in `£5.6m` or `500000.00 " +
                      std::string(currency) + "`");
    }
    if (has_sign)
      return fail(suffix_start + p, "money amount has both `£` and a currency code",
                  "write `£500,000` or `500000.00 " + std::string(currency) + "`, not both");
    pos = text.size();
    has_sign = true;  // the code marks it as money
  }
  if (!has_sign && !pounds_without_sign)
    return fail(0, "a money amount needs `£` or the currency code", "write `£500,000` or `500000.00 GBP`");

  // The number is digits.fraction × 10^scale_digits pounds; it must be whole pence.
  const int decimals_allowed = scale_digits + 2;
  if (static_cast<int>(fraction.size()) > decimals_allowed) {
    // Trailing zeros beyond the penny are still exact only with a suffix; a
    // plain amount with three decimals is an error whatever the digits.
    bool exact = scale_digits > 0;
    for (std::size_t i = static_cast<std::size_t>(decimals_allowed); i < fraction.size() && exact; ++i)
      exact = fraction[i] == '0';
    if (!exact) {
      if (scale_digits == 0)
        return fail(fraction_start, "money amount has more than two decimal places",
                    "amounts are exact to the penny; round explicitly, e.g. `£1,234.57`");
      return fail(fraction_start, "money amount is not a whole number of pence",
                  "write the amount in full, e.g. `£1,234,567.89`");
    }
    fraction.resize(static_cast<std::size_t>(decimals_allowed));
  }
  std::int64_t pence = 0;
  for (char c : digits)
    if (!accumulate(pence, 10, c - '0'))
      return fail(0, "money amount is too large", "the largest amount is 2^63-1 pence");
  std::string padded = fraction;
  padded.resize(static_cast<std::size_t>(decimals_allowed), '0');
  for (char c : padded)
    if (!accumulate(pence, 10, c - '0'))
      return fail(0, "money amount is too large", "the largest amount is 2^63-1 pence");
  return MoneyReading{Money{pence}, {}};
}

std::string format_money(Money m) {
  std::int64_t pence = m.pence;
  bool negative = pence < 0;
  // Negative money never comes from input; keep formatting total anyway.
  std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(pence + 1)) + 1 : static_cast<std::uint64_t>(pence);
  std::uint64_t pounds = magnitude / 100;
  unsigned pennies = static_cast<unsigned>(magnitude % 100);
  std::string digits = std::to_string(pounds);
  std::string grouped;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) grouped.insert(grouped.begin(), ',');
    grouped.insert(grouped.begin(), *it);
    ++count;
  }
  std::string out = negative ? "-\xC2\xA3" : "\xC2\xA3";
  out += grouped;
  if (pennies) {
    out += '.';
    out += static_cast<char>('0' + pennies / 10);
    out += static_cast<char>('0' + pennies % 10);
  }
  return out;
}

}  // namespace remit
