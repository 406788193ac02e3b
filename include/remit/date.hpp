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

// Today: the one date every command takes for "now" (an undated decision,
// the version `matrix` and `diff` show). `REMIT_TODAY=YYYY-MM-DD` in the
// environment pins it, for tests; otherwise it is the system clock's date in
// UTC. nullopt when REMIT_TODAY is set but is not a date; `problem` then
// says why.
std::optional<Date> today(std::string* problem = nullptr);

}  // namespace remit
