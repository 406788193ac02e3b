#pragma once
// `remit audit`: a register of past decisions checked row by row against
// the version of the scheme in force on each row's date, streaming, with
// memory that does not grow with the register.
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "remit/compiled.hpp"

namespace remit {

enum class AuditFormat { csv, jsonl, text };

// A row's outcome: its verdict's, or `invalid` for a row that could not be read.
enum class AuditOutcome { authorised, not_authorised, no_authority, undetermined, invalid };
constexpr std::size_t audit_outcomes = 5;
constexpr AuditOutcome audit_outcome(Outcome o) { return static_cast<AuditOutcome>(o); }
static_assert(audit_outcome(Outcome::undetermined) == AuditOutcome::undetermined, "a verdict's outcomes come first, in order");
constexpr std::size_t outcome_index(AuditOutcome o) { return static_cast<std::size_t>(o); }  // into counts by outcome
std::string_view audit_outcome_name(AuditOutcome o);
std::optional<AuditOutcome> audit_outcome_by_name(std::string_view name);

// How a register is read (each the default when not given): `remit audit`'s
// options, for any caller of the Auditor.
enum class DateOrder { unset, dmy, mdy, iso };
struct AuditOptions {
  std::string encoding;   // "utf-8", "utf-16le", "utf-16be", "windows-1252"; empty: detected
  char delimiter = 0;     // ',', ';' or '\t'; 0: detected from the header
  DateOrder date_order = DateOrder::unset;  // unset: ISO, and d/m/y only where no other reading exists
  // Register headings to our columns or facts (`Decision maker` -> `approver`),
  // compared as headings are: any case, spaces and punctuation left out.
  std::vector<std::pair<std::string, std::string>> columns;
  std::vector<std::string> keep;  // the register's columns passed through to the output; empty: all
  std::vector<std::pair<std::string, std::string>> assume;  // fact -> value, for a row whose cell is empty
  std::string sheet;  // an .xlsx register's sheet; empty: the first in workbook order
  // Split orders (--split-key, --split-window): the register's columns that
  // name one commitment (a supplier), and the days within which its rows are
  // summed; empty / -1: not looked for. See docs/audit.md.
  std::vector<std::string> split_key;
  int split_window = -1;
};

// A mapping file for `--columns`: one `Register heading = column` a line;
// blank lines and lines starting with `#` are skipped. False, with `error`
// naming the line, for a line without `=` or with an empty side.
bool read_column_map(std::string_view text, std::vector<std::pair<std::string, std::string>>& out, std::string& error);

struct AuditSummary {
  std::size_t rows = 0;        // rows read, invalid ones included
  std::size_t blank = 0;       // empty lines and rows, skipped
  // The register's lines, counted apart from the rows, and whose they are:
  // every line read is the header's, blank, or in a row audited or invalid.
  struct Lines {
    std::size_t read = 0, header = 0, blank = 0, rows = 0;
    bool add_up() const { return read == header + blank + rows; }
  } lines;
  std::array<std::size_t, audit_outcomes> by_outcome{};  // by outcome_index(AuditOutcome)
  // The money of the rows decided, in pence, by outcome: each row's `amount`
  // (or its version's first money fact) when given. Saturates, and says so.
  std::array<std::int64_t, audit_outcomes> value_by_outcome{};
  bool value_overflow = false;
  std::size_t authorised_missing = 0;  // authorised rows lacking a required paper
  std::string encoding;                // how the register was read: "UTF-8 (first 64 KiB)"
  std::size_t dmy_from_line = 0;       // d/m/y taken for the file from this line (0: not)
  std::string dmy_shown_by;            // the date that showed it
  std::vector<std::pair<std::string, std::size_t>> assumed;  // "novel=false" -> rows it filled
  std::vector<std::string> notes;      // about the header: a column passed through that looks like a fact
  std::vector<std::string> money_columns;  // the headings passed through that hold a money fact (for `--format xlsx`)
  std::map<std::string, std::size_t> by_paragraph;       // "4.8 (2020)" -> rows it decides
  std::map<std::string, std::array<std::size_t, audit_outcomes>> by_approver;
  struct Flagged {
    std::size_t line = 0;
    std::string id;
    AuditOutcome outcome = AuditOutcome::invalid;
    std::string detail;
  };
  std::vector<Flagged> flagged;  // the first rows not authorised or invalid
  std::vector<Flagged> flagged_missing;  // the first authorised rows that lack a required paper (of authorised_missing)
  std::size_t flagged_total = 0;
  static constexpr std::size_t flagged_kept = 100;
  // Possible split orders: rows of one key within the window whose total
  // none of their approvers could have approved (the first flagged_kept).
  struct Split {
    std::string id;   // `S1`, as in the rows' split_group column
    std::string key;  // the key's cells, joined by ` / `
    std::vector<std::pair<std::size_t, std::string>> rows;  // line, id
    std::int64_t total = 0;  // pence
    bool overflow = false;   // the total does not fit: judged as unclear
    std::string first, last;  // dates
    std::string outcome;      // of the total for the rows' approvers
    std::string deciding;     // the paragraphs that decide the total, `4.8 (2020)`
    std::string needed;       // the lowest posts that may approve it, `CE+NED|FD+NED`
  };
  std::vector<Split> splits;
  std::size_t splits_total = 0;
};

// Where the rows go: called with each block of output, in order; false when
// the block could not all be written, after which the audit writes nothing
// more and stops reading.
using AuditWriter = std::function<bool(std::string_view block)>;

class Auditor {
 public:
  Auditor(const CompiledScheme& scheme, AuditFormat format, AuditWriter write, AuditOptions options = {});
  ~Auditor();

  // Each returns false, with `error`, when the register as a whole cannot be
  // read (no header, missing columns: all named at once, a bad --assume);
  // a bad row is reported and counted. `audit_csv` takes CSV, TSV and
  // semicolon-separated text in any of the encodings of AuditOptions, and
  // an .xlsx workbook (known by its bytes: a ZIP archive), read from the
  // sheet of AuditOptions, its row N as line N.
  // When the writer fails, reading stops there and the summary counts only
  // the rows audited (its lines need not add up; the write is the error).
  bool audit_csv(std::FILE* in, std::string& error);
  bool audit_jsonl(std::FILE* in, std::string& error);

  const AuditSummary& summary() const;
  // Called every few thousand rows (for a progress line).
  std::function<void(std::size_t rows)> on_progress;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

std::string audit_summary_text(const AuditSummary& summary, const std::string& register_name, const Scheme& scheme);

// `remit audit --format xlsx`: the audit's CSV output (`csv`, read from its
// start) written as a workbook at `path`: a `Results` sheet of the same rows
// and cells (money columns as numbers in a £ format, each row coloured by its
// outcome, the header frozen and filtered) and a `Summary` sheet from
// `summary`. nullopt when written, else why not (one clause).
std::optional<std::string> write_audit_xlsx(std::FILE* csv, const AuditSummary& summary, const std::string& register_name,
                                            const std::string& path);

}  // namespace remit
