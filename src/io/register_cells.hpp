#pragma once
// A register's cells as organisations write them: its headings matched to
// our columns and the scheme's facts, and its dates in the forms a
// spreadsheet gives them. Used by `remit audit` (io/audit.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "remit/audit.hpp"
#include "remit/date.hpp"

namespace remit::register_cells {

// A heading as it is compared: ASCII letters in lower case and digits, other
// characters kept, spaces, punctuation and currency signs left out.
// `Decision maker` -> `decisionmaker`, `Value (£)` -> `value`, `acting_for` -> `actingfor`.
std::string fold(std::string_view heading);

// The register's columns, from its header row.
struct Columns {
  std::vector<std::string> names;  // the headings as written (trimmed)
  std::size_t width = 0;
  int id = -1, date = -1, kind = -1, approver = -1, evidence = -1, acting_for = -1;
  std::vector<std::pair<std::size_t, std::string>> facts;  // column, fact name
  std::vector<std::vector<int>> fact_index;                 // by version, then fact column: the fact, or -1
  std::vector<std::size_t> kept;                            // the columns passed through to the output
  std::vector<std::string> unused;                          // headings that are neither ours nor facts, passed through
  std::vector<std::string> notes;                           // for the summary: a heading that looks like a fact
};

// The columns of `header` for `scheme`, with `options.columns` and
// `options.keep`; false, with `error` naming every problem at once (a
// required column missing, two columns for one, a mapping or a kept column
// that names no heading).
bool read_columns(const Scheme& scheme, const std::vector<std::string_view>& header, const AuditOptions& options, Columns& out,
                  std::string& error);

// A register's date: ISO (`2021-03-01`, also with Excel's time after it,
// `2021-03-01 00:00:00`), `dd/mm/yyyy` or `d/m/yy`, read in `order`.
// `day_first` says that the file has shown a day over 12 in the first field,
// so that d/m/y is taken for it. Without an order, a value that reads two
// ways is refused, never guessed.
struct DateReading {
  std::optional<Date> date;
  std::string why;         // when not read
  bool shows_dmy = false;  // the first field is over 12: only d/m/y reads it
};
DateReading read_date(std::string_view text, DateOrder order, bool day_first);

// Whether `text` shows d/m/y (its first field a day over 12), cheaply.
bool shows_day_first(std::string_view text);

}  // namespace remit::register_cells
