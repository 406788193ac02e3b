#pragma once
// `remit audit`: a register of past decisions checked row by row against
// the version of the scheme in force on each row's date, streaming, with
// memory that does not grow with the register.
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  std::map<std::string, std::size_t> by_paragraph;       // "4.8 (2020)" -> rows it decides
  std::map<std::string, std::array<std::size_t, audit_outcomes>> by_approver;
  struct Flagged {
    std::size_t line = 0;
    std::string id;
    AuditOutcome outcome = AuditOutcome::invalid;
    std::string detail;
  };
  std::vector<Flagged> flagged;  // the first rows not authorised or invalid
  std::size_t flagged_total = 0;
  static constexpr std::size_t flagged_kept = 100;
};

// Where the rows go: called with each block of output, in order; false when
// the block could not all be written, after which the audit writes nothing
// more and stops reading.
using AuditWriter = std::function<bool(std::string_view block)>;

class Auditor {
 public:
  Auditor(const CompiledScheme& scheme, AuditFormat format, AuditWriter write);
  ~Auditor();

  // Each returns false, with `error`, when the register as a whole cannot be
  // read (no header, a missing column); a bad row is reported and counted.
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

}  // namespace remit
