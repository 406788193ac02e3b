#pragma once
// The deciding half of `remit audit`: each resolved row decided with the
// compiled scheme, and counted for the summary. Reading the register and
// writing its rows are io's (src/io/audit.cpp); the summary's text is the
// report's.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <map>
#include <string>

#include "remit/audit.hpp"

namespace remit::eval {

// The fact that holds a decision's money in `v`: `amount`, else the first
// money fact; -1 when it has none.
int money_fact(const Version& v);

// One decided row, as the writers need it. Its strings are reused from row
// to row, so deciding allocates nothing once they are long enough.
struct DecidedRow {
  FastVerdict verdict;
  std::string deciding;     // the deciding paragraphs, joined with `;`
  std::string lowest;       // the lowest sets that may, `CE+NED|FD+NED`, or empty
  std::string missing;      // requirement items not met, joined with `;`
  std::string message;      // the evaluator's reason, when undetermined
  std::string reason;       // the outcome in plain English, for the output's `reason`
};

class RowDecider {
 public:
  explicit RowDecider(const CompiledScheme& compiled) : compiled_(compiled), scheme_(compiled.scheme()) {}

  // Decides `d` (whose version, kind and approver are resolved) and counts
  // it; `assumed` (`novel=false; …`, or empty) names the facts filled in by
  // assumption, and goes into the row's reason.
  const DecidedRow& decide(std::size_t line, std::string_view id, const Decision& d, std::string_view assumed = {});
  // Counts a row that could not be read.
  void count_invalid(std::size_t line, std::string_view id, const std::string& why);
  // Counts `rows` more rows that `what` (`novel=false`) was assumed for.
  void count_assumed(std::string_view what, std::size_t rows = 1);
  AuditSummary& summary_mut() { return summary_; }
  void count_blank(std::size_t lines) {
    ++summary_.blank;
    summary_.lines.blank += lines;
  }
  // The lines read, and those of the header and of each row, blank or not.
  AuditSummary::Lines& lines() { return summary_.lines; }
  // Adds the counts of a decider that took the next block of rows.
  void absorb(RowDecider& next);
  // Turns the counts by provision and by post into the summary's names.
  void finish();

  const AuditSummary& summary() const { return summary_; }

 private:
  void flag(std::size_t line, std::string_view id, AuditOutcome outcome, std::string detail);

  const CompiledScheme& compiled_;
  const Scheme& scheme_;
  AuditSummary summary_;
  // Counts by provision and by post of each version, turned into the
  // summary's named counts at the end (no strings per row).
  std::vector<std::vector<std::size_t>> paragraph_counts_;
  std::vector<std::vector<std::array<std::size_t, audit_outcomes>>> approver_counts_;
  std::map<std::string, std::array<std::size_t, audit_outcomes>> joint_counts_;  // by signatories, `FD+NED`
  std::vector<int> money_fact_;  // by version: the fact whose value is the row's money, or -1
  DecidedRow row_;
};

}  // namespace remit::eval
