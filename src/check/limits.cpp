#include "check/limits.hpp"

#include <algorithm>
#include <istream>
#include <string>

#include "check/lower.hpp"

namespace remit::limits {
namespace {

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

bool lines_within_limit(const SourcePtr& source, std::vector<Diagnostic>& out) {
  const std::string& text = source->text();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > max_line_bytes) {
      out.push_back(make_diagnostic(
          Code::limit, Span{source, start + max_line_bytes, 1},
          "this line is " + with_commas(end - start) + " bytes long; lines of a rule file are limited to " + with_commas(max_line_bytes),
          "a statement may run over several lines: break it after a `,`, `and` or `or`, or shorten the quotation"));
      return false;
    }
    start = end + 1;
  }
  return true;
}

bool statements_within_limits(const SourcePtr& source, const std::vector<syntax::Statement>& statements,
                              std::vector<Diagnostic>& out) {
  std::size_t posts = 0, kinds = 0, facts = 0, provisions = 0;
  bool ok = true;
  // Reports the statement at which a count first goes past its limit.
  auto count = [&](std::size_t& n, std::size_t add, std::size_t limit, const syntax::Token& at, const char* what,
                   const char* help) {
    const bool was_within = n <= limit;
    n += add;
    if (was_within && n > limit) {
      out.push_back(make_diagnostic(Code::limit, Span{source, at.offset, at.length},
                                    std::string("more than ") + with_commas(limit) + " " + what + " in one version", help));
      ok = false;
    }
  };
  const char* split = "a scheme this large is more than remit can check quickly; split it, or ask for the limit to be raised";
  for (const syntax::Statement& s : statements) {
    if (const auto* p = std::get_if<syntax::PostDecl>(&s)) {
      count(posts, 1, max_posts, p->id, "posts", split);
    } else if (const auto* d = std::get_if<syntax::DecisionDecl>(&s)) {
      if (!d->kinds.empty()) count(kinds, d->kinds.size(), max_kinds, d->kinds.front(), "decision kinds", split);
    } else if (const auto* f = std::get_if<syntax::FactDecl>(&s)) {
      if (!f->names.empty()) count(facts, f->names.size(), max_facts, f->names.front(), "facts", split);
      if (f->members.size() > max_members) {
        out.push_back(make_diagnostic(Code::limit, Span{source, f->members[max_members].offset, f->members[max_members].length},
                                      "an enumeration has more than " + with_commas(max_members) + " members",
                                      "use a `text` fact for open-ended values"));
        ok = false;
      }
    } else if (const auto* para = std::get_if<syntax::Provision>(&s)) {
      count(provisions, 1, max_provisions, para->para, "paragraphs", split);
    }
  }
  return ok;
}

std::string read_decision_stream(std::istream& in) {
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= max_decision_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_decision_bytes + 1) text.resize(max_decision_bytes + 1);
  return text;
}

void cap_errors(std::vector<Diagnostic>& ds) {
  const auto errors = std::count_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (static_cast<std::size_t>(errors) <= max_errors) return;
  sort_diagnostics(ds);
  std::size_t kept = 0;
  std::erase_if(ds, [&](const Diagnostic& d) { return d.severity == Severity::error && ++kept > max_errors; });
  // About the file as a whole (no excerpt), and sorted after the others.
  Diagnostic more = make_diagnostic(Code::limit, diagnostic_path(ds.back()),
                                    "there are more errors; only the first " + with_commas(max_errors) + " are shown",
                                    "fix these and check again");
  more.span.offset = static_cast<std::size_t>(-1);
  ds.push_back(std::move(more));
}

}  // namespace remit::limits
