// `remit eval`, `remit who` and `remit audit`: the commands that put
// decisions to a scheme.
#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "commands.hpp"
#include "remit/audit.hpp"
#include "remit/remit.hpp"
#include "remit/report.hpp"

namespace remit::cli {
namespace {

std::string written_verdict(const Verdict& verdict, const Arguments& a) {
  return wants_json(a) ? verdict_json(verdict) : verdict_text(verdict, a.given("--explain"));
}

// The outcomes `--fail-on` names (`a,b` or `--fail-on a --fail-on b`);
// `invalid` when none are named.
std::optional<std::vector<AuditOutcome>> fail_on_outcomes(const Arguments& a) {
  std::vector<std::string> names;
  for (const std::string& given : a.values("--fail-on"))
    for (std::size_t start = 0; start <= given.size();) {
      const std::size_t comma = std::min(given.find(',', start), given.size());
      if (comma > start) names.push_back(given.substr(start, comma - start));
      start = comma + 1;
    }
  std::vector<AuditOutcome> outcomes;
  if (names.empty()) outcomes.push_back(AuditOutcome::invalid);
  for (const std::string& name : names) {
    if (name == "none") continue;
    const std::optional<AuditOutcome> outcome = audit_outcome_by_name(name);
    if (!outcome) {
      usage_error(fmt::format("unknown outcome `{}` for `--fail-on`: use authorised, not_authorised, no_authority, "
                              "undetermined, invalid or none",
                              name));
      return std::nullopt;
    }
    outcomes.push_back(*outcome);
  }
  return outcomes;
}

}  // namespace

int command_eval(const Arguments& a) {
  auto scheme = load_scheme_or_report(*a.value("--scheme"), wants_json(a));
  if (!scheme) return exit_usage;
  const std::string& path = a.operands()[0];
  SourcePtr source;
  std::vector<Diagnostic> diagnostics;
  if (path == "-") {
    source = read_stdin_decision();
  } else if (auto read = read_source(path, diagnostics, SourceKind::decision)) {
    source = *read;
  } else {
    print_diagnostics(diagnostics, wants_json(a));
    return exit_usage;
  }
  DecisionReading reading = read_decision(*scheme, source);
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, wants_json(a));
    return exit_usage;
  }
  if (reading.decision->approver.empty())
    return usage_error_json(wants_json(a), fmt::format("the decision has no `approver`; add one, or ask `remit who --kind {}`",
                                   reading.decision->version->kinds[static_cast<std::size_t>(reading.decision->kind)]));
  const Verdict verdict = evaluate(*reading.decision);
  out(written_verdict(verdict, a));
  return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
}

int command_who(const Arguments& a) {
  auto scheme = load_scheme_or_report(*a.value("--scheme"), wants_json(a));
  if (!scheme) return exit_usage;
  const auto approver = a.value("--approver");
  DecisionReading reading = make_query(*scheme, *a.value("--kind"), a.value("--date"), approver, a.values("--fact"));
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, wants_json(a));
    return exit_usage;
  }
  const Verdict verdict = evaluate(*reading.decision);
  if (approver) {
    out(written_verdict(verdict, a));
    return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
  }
  out(wants_json(a) ? who_json(verdict) : who_text(verdict, a.given("--explain")));
  return verdict.outcome == Outcome::authorised && !verdict.may_approve.empty() ? exit_ok : exit_findings;
}

int command_audit(const Arguments& a) {
  const auto fail_on = fail_on_outcomes(a);
  if (!fail_on) return exit_usage;
  auto scheme = load_scheme_or_report(*a.value("--scheme"));
  if (!scheme) return exit_usage;
  const std::string& path = a.operands()[0];
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    err(render_text(make_diagnostic(Code::io, path, "cannot read the register: " + std::string(std::strerror(errno)))));
    return exit_usage;
  }
  const CompiledScheme compiled(scheme);
  const std::string format = *a.value("--format");
  Auditor auditor(compiled, format == "jsonl" ? AuditFormat::jsonl : format == "text" ? AuditFormat::text : AuditFormat::csv, out);
  const bool progress = isatty(fileno(stderr));
  if (progress) auditor.on_progress = [](std::size_t rows) { err(fmt::format("\raudited {} rows…", rows)); };
  std::string error;
  const bool jsonl = path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  const bool read = jsonl ? auditor.audit_jsonl(in, error) : auditor.audit_csv(in, error);
  if (in != stdin) std::fclose(in);
  if (progress) err("\r\033[K");
  if (!read) {
    err(fmt::format("{}: error: {}\n", path, error));
    return exit_usage;
  }
  if (!output_written()) return exit_usage;  // the rows were not all written: no summary as if they were
  const std::string summary = audit_summary_text(auditor.summary(), path, *scheme);
  if (const auto summary_path = a.value("--summary")) {
    if (const auto failure = write_file(*summary_path, summary)) {
      err(fmt::format("remit: error: cannot write the summary to `{}`: {}\n", *summary_path, *failure));
      return exit_usage;
    }
  } else {
    err(summary);
  }
  for (const AuditOutcome outcome : *fail_on)
    if (auditor.summary().by_outcome[outcome_index(outcome)]) return exit_findings;
  return exit_ok;
}

}  // namespace remit::cli
