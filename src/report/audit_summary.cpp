// The summary `remit audit` prints after the rows: counts by outcome, by
// deciding paragraph and by approver, then the rows to look at.
#include "remit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/utf8.hpp"
#include "remit/money.hpp"

namespace remit {
namespace {

// £4.2m, £850k, £999: a total to read at a glance (the table gives it exact).
std::string short_money(std::int64_t pence) {
  const std::int64_t pounds = pence / 100;
  if (pounds >= 1'000'000'000) return fmt::format("£{:.1f}bn", static_cast<double>(pounds) / 1e9);
  if (pounds >= 1'000'000) return fmt::format("£{:.1f}m", static_cast<double>(pounds) / 1e6);
  if (pounds >= 10'000) return fmt::format("£{}k", pounds / 1000);
  return format_money(Money{pence});
}

}  // namespace

std::string audit_summary_text(const AuditSummary& summary, const std::string& register_name, const Scheme& scheme) {
  std::string out =
      fmt::format("audited {} row{} of {} against `{}`", summary.rows, summary.rows == 1 ? "" : "s", register_name, scheme.title);
  if (summary.blank) out += fmt::format(" ({} blank skipped)", summary.blank);
  out += "\n";
  const AuditSummary::Lines& lines = summary.lines;
  out += fmt::format("read {} line{}: {} header + {} blank + {} in the rows audited or invalid\n", lines.read, lines.read == 1 ? "" : "s",
                     lines.header, lines.blank, lines.rows);
  // Padded by bytes, not by fmt's display width, so a name with `£` in it
  // lines up as it always has.
  auto pad = [](std::string s, std::size_t width) {
    s.resize(std::max(s.size(), width), ' ');
    return s;
  };
  if (!summary.encoding.empty()) out += "read as " + summary.encoding + "\n";
  for (const std::string& note : summary.notes) out += "note: " + note + "\n";
  if (summary.dmy_from_line)
    out += fmt::format("dates read day first (dd/mm/yyyy) from line {}, where `{}` showed it\n", summary.dmy_from_line,
                       summary.dmy_shown_by);
  for (const auto& [what, n] : summary.assumed) out += fmt::format("assumed {} on {} row{}\n", what, n, n == 1 ? "" : "s");
  for (std::size_t o = 0; o < audit_outcomes; ++o) {
    out += fmt::format("  {}{:>9}", pad(std::string(audit_outcome_name(static_cast<AuditOutcome>(o))), 16), summary.by_outcome[o]);
    if (summary.value_by_outcome[o]) out += fmt::format("  {:>20}", format_money(Money{summary.value_by_outcome[o]}));
    out += "\n";
  }
  if (summary.authorised_missing)
    out += fmt::format("  of the authorised, {} lack a paper the deciding paragraph requires\n", summary.authorised_missing);
  if (const std::int64_t not_ok = summary.value_by_outcome[outcome_index(AuditOutcome::not_authorised)] +
                                  summary.value_by_outcome[outcome_index(AuditOutcome::no_authority)])
    out += fmt::format("{}{} of decisions not authorised\n", summary.value_overflow ? "over " : "", short_money(not_ok));
  if (summary.value_overflow) out += "the totals of money overflowed and are shown at their limit\n";
  if (!summary.by_paragraph.empty()) {
    out += "deciding paragraphs:\n";
    std::vector<std::pair<std::string, std::size_t>> paras(summary.by_paragraph.begin(), summary.by_paragraph.end());
    std::stable_sort(paras.begin(), paras.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [para, n] : paras) out += fmt::format("  {}{:>9}\n", pad(para, 28), n);
  }
  if (!summary.by_approver.empty()) {
    out += "by approver:                         rows  authorised  not authorised  no authority  undetermined\n";
    for (const auto& [post, counts] : summary.by_approver) {
      std::size_t total = 0;
      for (std::size_t o = 0; o < outcome_index(AuditOutcome::invalid); ++o) total += counts[o];
      out += fmt::format("  {}{:>9}{:>12}{:>16}{:>14}{:>14}\n", pad(post, 30), total, counts[0], counts[1], counts[2], counts[3]);
    }
  }
  if (summary.flagged_total) {
    out += fmt::format("rows to look at (not authorised, no authority, undetermined or invalid): {}", summary.flagged_total);
    if (summary.flagged_total > summary.flagged.size()) out += fmt::format(", the first {} below", summary.flagged.size());
    out += "\n";
    for (const auto& f : summary.flagged)
      out += fmt::format("  line {}{}: {}{}\n", f.line, f.id.empty() ? "" : " " + printable(f.id), audit_outcome_name(f.outcome),
                         f.detail.empty() ? "" : " — " + printable(f.detail));
  }
  if (summary.authorised_missing) {
    out += fmt::format("authorised rows to look at (they lack a paper the deciding paragraph requires): {}", summary.authorised_missing);
    if (summary.authorised_missing > summary.flagged_missing.size()) out += fmt::format(", the first {} below", summary.flagged_missing.size());
    out += "\n";
    for (const auto& f : summary.flagged_missing)
      out += fmt::format("  line {}{}: {}\n", f.line, f.id.empty() ? "" : " " + printable(f.id), printable(f.detail));
  }
  if (summary.splits_total) {
    out += fmt::format("possible_split: {} group{} of rows whose total none of their approvers could approve", summary.splits_total,
                       summary.splits_total == 1 ? "" : "s");
    if (summary.splits_total > summary.splits.size()) out += fmt::format(", the first {} below", summary.splits.size());
    out += "\n";
    for (const AuditSummary::Split& g : summary.splits) {
      std::string rows;
      for (const auto& [line, id] : g.rows) rows += fmt::format("{}line {}{}", rows.empty() ? "" : ", ", line, id.empty() ? "" : " " + id);
      out += fmt::format("  {} {} ({} to {}): {}; total {}{}", g.id, printable(g.key), g.first, g.last, rows,
                         g.overflow ? "over " : "", format_money(Money{g.total}));
      if (g.overflow) out += ", too large to judge";
      else if (g.outcome == "undetermined") out += ", undetermined: the rows' facts differ or lack one the total needs";
      else {
        out += fmt::format(", {} for their approvers", g.outcome);
        if (!g.deciding.empty()) out += " under " + g.deciding;
        if (!g.needed.empty()) out += "; needs " + g.needed;
      }
      out += "\n";
    }
  }
  return printable(out, true);
}

}  // namespace remit
