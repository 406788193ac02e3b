#pragma once
// Money is a whole number of minor units (pence): never a floating-point value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace remit {

struct Money {
  std::int64_t pence = 0;
  friend auto operator<=>(Money, Money) = default;
};

// Why a money text was refused, and where in the text the fault lies.
struct MoneyError {
  std::size_t offset = 0;  // byte offset into the text that was read
  std::string message;
  std::string help;
};

struct MoneyReading {
  std::optional<Money> value;
  MoneyError error;  // meaningful when !value
};

// Reads the money forms of the language and of decision files:
//   £500,000   £1,234.56   £50k   £5.6m   £1.2bn   500000.00 GBP   5600000.00
// `currency` is the scheme's code (e.g. "GBP"); a trailing code must match it.
// `pounds_without_sign` accepts a bare number ("5600000.00") as pounds, as
// decision files may give; rule files always mark money with £ or the code.
MoneyReading read_money(std::string_view text, std::string_view currency = "GBP",
                        bool pounds_without_sign = false);

// £5,600,000 or £192,993.82: pence shown only when there are any.
std::string format_money(Money m);

}  // namespace remit
