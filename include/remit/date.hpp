#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace remit {

// A calendar day, held as days since 1970-01-01 so that dates compare and
// subtract as integers.
struct Date {
  std::int32_t days = 0;
  friend auto operator<=>(Date, Date) = default;
};

// Reads exactly `YYYY-MM-DD`; nullopt for any other shape or a day that does
// not exist (2021-02-30).
std::optional<Date> read_date(std::string_view text);
std::string format_date(Date d);
Date date_from_civil(int year, unsigned month, unsigned day);

}  // namespace remit
