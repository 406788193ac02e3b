// The summary `remit audit` prints after the rows: counts by outcome, by
// deciding paragraph and by approver, then the rows to look at.
#include "remit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/utf8.hpp"

namespace remit {

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
  for (std::size_t o = 0; o < audit_outcomes; ++o)
    out += fmt::format("  {}{:>9}\n", pad(std::string(audit_outcome_name(static_cast<AuditOutcome>(o))), 16), summary.by_outcome[o]);
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
  return printable(out, true);
}

}  // namespace remit
