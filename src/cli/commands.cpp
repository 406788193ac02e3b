#include "cli/commands.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <iostream>
#include <iterator>
#include <optional>

#include "check/limits.hpp"
#include "cli/analysis_commands.hpp"
#include "remit/audit.hpp"
#include "remit/format.hpp"
#include "remit/remit.hpp"
#include "remit/testing.hpp"
#include "report/ci_report.hpp"
#include "report/verdict_report.hpp"

namespace remit::cli {
namespace {

constexpr const char* main_help = R"(remit — check who may take a decision under a scheme of delegation

usage: remit <command> [options]

commands:
  check PATH…                      parse and check rule files (a file, or folders of them)
  test PATH…                       run the examples written in rule files and test files
  fmt [--check] PATH…              lay rule files out in the one canonical way
  eval --scheme PATH DECISION|-    may this post take this decision?
  who --scheme PATH --kind K       who may take a decision of kind K?
  audit --scheme PATH REGISTER     check every row of a register of decisions
  analyse PATH…                    gaps, overlaps, shadowed provisions and broken chains, with witnesses
  matrix --scheme PATH             the authority matrix: who may approve what, band by band
  diff OLD NEW                     what changed between two versions (PATH[@VERSION] each)

options for every command:
  --format text|json   output format (default text)
  --verbose            log what is loaded, and how long it took, on stderr
  -h, --help           help for a command
  --version            print remit's version

exit codes: 0 ok / authorised; 1 findings in rule files, or an outcome other
than authorised; 2 bad usage or bad input.
Run `remit <command> --help` for each command's options. See docs/cli.md.
)";

constexpr const char* check_help = R"(usage: remit check [--format text|json|sarif|github] [--deny-warnings] PATH…

Parses and checks rule files. A PATH is a `.remit` file or a folder searched
for them; the files of one folder are the versions of one scheme, and its
`*_test.remit` files hold examples, whose names and values are checked too.
Findings are printed as `file:line:col: error|warning: message [code]` with the
source line, a caret and a help line, in a stable order.

  --format json     findings as one JSON object
  --format sarif    findings as a SARIF 2.1.0 log, for code scanning
  --format github   findings as GitHub Actions workflow annotations
  --deny-warnings   exit 1 on warnings too
exit: 0 clean; 1 errors (or warnings with --deny-warnings); 2 bad usage or unreadable paths
)";

constexpr const char* test_help = R"(usage: remit test [--format text|github] [--junit FILE] [--coverage] [--min-coverage PERCENT] PATH…

Runs every `example` in the rule files below each PATH and compares each
verdict with what the example expects (outcome, deciding paragraphs, lowest
post, requirements). Give a scheme's folder to run its version files and the
`*_test.remit` files beside them; a file given alone runs only its examples.
Each failure is printed as expected against actual, at the example's line;
then `N passed, M failed`.

  --format github         failures and coverage gaps as GitHub workflow annotations
  --junit FILE            also write the results as JUnit XML to FILE
  --coverage              list the provisions no example makes decisive and the
                          threshold bands (below, at, above) no example reaches
  --min-coverage PERCENT  fail when coverage is below PERCENT (implies --coverage)
exit: 0 all passed; 1 a failure, an example that cannot run, errors in the rule
files, or coverage below the minimum; 2 bad usage or unreadable paths
)";

constexpr const char* eval_help = R"(usage: remit eval --scheme PATH [--format text|json] [--explain] DECISION.json|-

Evaluates one proposed decision (a JSON object, `-` for stdin):
  {"id": "PCD 785", "kind": "grant.acceptance", "date": "2020-06-01",
   "approver": "DMPC", "facts": {"amount": "£5,600,000"},
   "evidence": ["Financial comments"]}
The version of the scheme in force on `date` is used (the newest if no date).

  --scheme PATH   a rule file, or a folder holding one file per version
  --explain       show every provision considered and why it did or did not apply
exit: 0 authorised; 1 not_authorised, no_authority or undetermined; 2 bad input
)";

constexpr const char* who_help = R"(usage: remit who --scheme PATH --kind KIND [--date YYYY-MM-DD] [--fact NAME=VALUE]… [--approver POST]

Who may take a decision of this kind, and the lowest post that can.
  --fact amount=£600,000 --fact novel=true   facts of the decision (repeatable)
  --approver POST   also say whether POST may
  --explain         show every provision considered
exit: 0 when some post may approve; 1 when none may or it depends on missing facts; 2 bad input
)";

struct Options {
  std::string format = "text";
  bool explain = false;
  bool deny_warnings = false;
  bool help = false;
  bool coverage = false;
  bool check = false;  // fmt: report, do not write
  std::optional<double> min_coverage;
  std::optional<std::string> scheme, kind, date, approver, junit, summary;
  std::vector<std::string> fail_on;
  std::vector<std::string> facts;
  std::vector<std::string> positional;
};

int usage_error(const std::string& message, const char* help) {
  std::fprintf(stderr, "remit: error: %s\n", message.c_str());
  if (help) std::fprintf(stderr, "\n%s", help);
  return exit_usage;
}

// Parses `--name value`, `--name=value` and flags; unknown options are errors.
// `formats` lists the formats the command writes.
std::optional<Options> parse_options(const std::vector<std::string>& args, const char* help, int& status,
                                     const std::vector<std::string>& formats = {"text", "json"}) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    auto take = [&](std::optional<std::string>& slot) -> bool {
      if (inline_value) {
        slot = *inline_value;
        return true;
      }
      if (i + 1 >= args.size()) {
        status = usage_error("`" + arg + "` needs a value", help);
        return false;
      }
      slot = args[++i];
      return true;
    };
    if (arg == "-h" || arg == "--help") o.help = true;
    else if (arg == "--explain") o.explain = true;
    else if (arg == "--verbose") {
      if (auto log = spdlog::get("remit")) log->set_level(spdlog::level::info);
    }
    else if (arg == "--deny-warnings") o.deny_warnings = true;
    else if (arg == "--format") {
      std::optional<std::string> f;
      if (!take(f)) return std::nullopt;
      if (std::find(formats.begin(), formats.end(), *f) == formats.end()) {
        std::string known;
        for (std::size_t k = 0; k < formats.size(); ++k)
          known += (k == 0 ? "`" : k + 1 == formats.size() ? " or `" : ", `") + formats[k] + "`";
        status = usage_error("unknown format `" + *f + "`: use " + known, nullptr);
        return std::nullopt;
      }
      o.format = *f;
    } else if (arg == "--scheme") {
      if (!take(o.scheme)) return std::nullopt;
    } else if (arg == "--kind") {
      if (!take(o.kind)) return std::nullopt;
    } else if (arg == "--date") {
      if (!take(o.date)) return std::nullopt;
    } else if (arg == "--approver") {
      if (!take(o.approver)) return std::nullopt;
    } else if (arg == "--junit") {
      if (!take(o.junit)) return std::nullopt;
    } else if (arg == "--summary") {
      if (!take(o.summary)) return std::nullopt;
    } else if (arg == "--fail-on") {
      std::optional<std::string> f;
      if (!take(f)) return std::nullopt;
      // `--fail-on a,b` or `--fail-on a --fail-on b`
      for (std::size_t start = 0; start <= f->size();) {
        const std::size_t comma = std::min(f->find(',', start), f->size());
        if (comma > start) o.fail_on.push_back(f->substr(start, comma - start));
        start = comma + 1;
      }
    } else if (arg == "--coverage") {
      o.coverage = true;
    } else if (arg == "--check") {
      o.check = true;
    } else if (arg == "--min-coverage") {
      std::optional<std::string> m;
      if (!take(m)) return std::nullopt;
      char* end = nullptr;
      const double percent = std::strtod(m->c_str(), &end);
      if (m->empty() || *end != '\0' || !(percent >= 0 && percent <= 100)) {
        status = usage_error("`--min-coverage` takes a percentage from 0 to 100, not `" + *m + "`", nullptr);
        return std::nullopt;
      }
      o.min_coverage = percent;
      o.coverage = true;
    } else if (arg == "--fact") {
      std::optional<std::string> f;
      if (!take(f)) return std::nullopt;
      o.facts.push_back(*f);
    } else if (arg.size() > 1 && arg[0] == '-') {
      status = usage_error("unknown option `" + args[i] + "`", help);
      return std::nullopt;
    } else {
      o.positional.push_back(arg);
    }
  }
  return o;
}

// Findings always go to stderr as text; with `--format json` stdout carries
// them too, so that a pipeline reading stdout never gets nothing.
void print_diagnostics(const std::vector<Diagnostic>& ds, const std::string& format = "text") {
  const std::string text = report::diagnostics_text(ds);
  std::fputs(text.c_str(), stderr);
  if (format == "json") std::fputs(report::diagnostics_json(ds, 0).c_str(), stdout);
}

bool has_io_error(const std::vector<Diagnostic>& ds) {
  for (const Diagnostic& d : ds)
    if (d.code == Code::io) return true;
  return false;
}

// Options that belong to other commands are refused, not ignored.
std::optional<std::string> foreign_option(const Options& o, bool paths_command) {
  if (paths_command && (o.scheme || o.kind || o.date || o.approver || !o.facts.empty() || o.explain))
    return "`--scheme`, `--kind`, `--fact` and `--explain` belong to `eval` and `who`";
  return std::nullopt;
}

int command_check(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, check_help, status, {"text", "json", "sarif", "github"});
  if (!o) return status;
  if (o->help) return std::fputs(check_help, stdout), exit_ok;
  if (auto foreign = foreign_option(*o, true)) return usage_error("`check` takes paths only; " + *foreign, check_help);
  if (o->junit || o->coverage || o->check) return usage_error("`--junit`, `--coverage` and `--check` belong to `test` and `fmt`", check_help);
  if (o->positional.empty()) return usage_error("`check` needs at least one PATH", check_help);
  std::vector<std::filesystem::path> paths(o->positional.begin(), o->positional.end());
  const CheckResult result = check_paths(paths);
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : result.diagnostics) (d.severity == Severity::error ? errors : warnings)++;
  if (o->format == "json") {
    std::fputs(report::diagnostics_json(result.diagnostics, result.files).c_str(), stdout);
  } else if (o->format == "sarif") {
    std::fputs(report::diagnostics_sarif(result.diagnostics).c_str(), stdout);
  } else if (o->format == "github") {
    std::fputs(report::diagnostics_github(result.diagnostics).c_str(), stdout);
  } else {
    const std::string text = report::diagnostics_text(result.diagnostics);
    std::fputs(text.c_str(), stdout);
    std::printf("checked %zu file%s in %zu scheme%s: %zu error%s, %zu warning%s\n", result.files, result.files == 1 ? "" : "s",
                result.schemes, result.schemes == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  }
  if (has_io_error(result.diagnostics)) return exit_usage;
  if (errors || (o->deny_warnings && warnings)) return exit_findings;
  return exit_ok;
}

int command_test(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, test_help, status, {"text", "github"});
  if (!o) return status;
  if (o->help) return std::fputs(test_help, stdout), exit_ok;
  if (auto foreign = foreign_option(*o, true)) return usage_error("`test` takes paths only; " + *foreign, test_help);
  if (o->check || o->deny_warnings) return usage_error("`--check` and `--deny-warnings` belong to `fmt` and `check`", test_help);
  if (o->positional.empty()) return usage_error("`test` needs at least one PATH", test_help);
  const TestRun run = run_tests(std::vector<std::filesystem::path>(o->positional.begin(), o->positional.end()));
  std::fputs(report::diagnostics_text(run.diagnostics).c_str(), stderr);
  if (o->junit) {
    std::FILE* file = std::fopen(o->junit->c_str(), "wb");
    const std::string xml = report::test_junit(run);
    if (!file || std::fwrite(xml.data(), 1, xml.size(), file) != xml.size() || std::fclose(file) != 0) {
      std::fprintf(stderr, "remit: error: cannot write the JUnit report to `%s`\n", o->junit->c_str());
      return exit_usage;
    }
  }
  if (has_io_error(run.diagnostics)) return exit_usage;
  std::fputs((o->format == "github" ? report::test_github(run, o->coverage) : report::test_text(run, o->coverage)).c_str(), stdout);
  bool failed = run.failed() || run.not_run() || has_errors(run.diagnostics);
  if (o->min_coverage && run.coverage.percent() < *o->min_coverage) {
    std::printf("coverage %.1f%% is below the minimum of %g%%\n", run.coverage.percent(), *o->min_coverage);
    failed = true;
  }
  return failed ? exit_findings : exit_ok;
}

constexpr const char* fmt_help = R"(usage: remit fmt [--check] PATH…|-

Lays rule files out in the one canonical layout (docs/language.md, "Layout"):
spacing, keyword case, alignment and line breaks. Names, amounts as written,
strings, comments, blank lines between statements and the order of everything
stay. A PATH is a `.remit` file or a folder searched for them; `-` formats
stdin to stdout. Files are rewritten in place only when they change.

  --check   write nothing: print a unified diff of what would change
exit: 0 formatted (with --check: nothing to change); 1 a file is not formatted
(with --check) or does not parse; 2 bad usage or unreadable paths
)";

// Replaces a file's text without a moment when it is half-written.
bool write_atomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path temporary = path;
  temporary += ".remit-fmt.tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) return false;
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (std::fclose(file) != 0 || !written) {
    std::filesystem::remove(temporary);
    return false;
  }
  std::error_code ec;
  std::filesystem::permissions(temporary, std::filesystem::status(path, ec).permissions(), ec);
  std::filesystem::rename(temporary, path, ec);
  if (ec) std::filesystem::remove(temporary);
  return !ec;
}

int command_fmt(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, fmt_help, status, {"text"});
  if (!o) return status;
  if (o->help) return std::fputs(fmt_help, stdout), exit_ok;
  if (auto foreign = foreign_option(*o, true)) return usage_error("`fmt` takes paths only; " + *foreign, fmt_help);
  if (o->junit || o->coverage || o->deny_warnings)
    return usage_error("`--junit`, `--coverage` and `--deny-warnings` belong to `test` and `check`", fmt_help);
  if (o->positional.empty()) return usage_error("`fmt` needs at least one PATH, or `-` for stdin", fmt_help);
  if (o->positional.size() == 1 && o->positional[0] == "-") {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    auto source = std::make_shared<const SourceFile>("<stdin>", std::move(text));
    FormatResult formatted = format_source(source);
    if (!formatted.text) {
      print_diagnostics(formatted.diagnostics);
      return exit_findings;
    }
    if (o->check) {
      std::fputs(unified_diff("<stdin>", source->text(), *formatted.text).c_str(), stdout);
      return *formatted.text == source->text() ? exit_ok : exit_findings;
    }
    std::fputs(formatted.text->c_str(), stdout);
    return exit_ok;
  }
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::filesystem::path> files =
      find_rule_files(std::vector<std::filesystem::path>(o->positional.begin(), o->positional.end()), diagnostics);
  std::size_t changed = 0, broken = 0;
  for (const auto& path : files) {
    auto source = read_source(path, diagnostics);
    if (!source) continue;
    FormatResult formatted = format_source(*source);
    if (!formatted.text) {
      ++broken;
      diagnostics.insert(diagnostics.end(), formatted.diagnostics.begin(), formatted.diagnostics.end());
      continue;
    }
    if (*formatted.text == (*source)->text()) continue;
    ++changed;
    if (o->check) {
      std::fputs(unified_diff((*source)->path(), (*source)->text(), *formatted.text).c_str(), stdout);
    } else if (!write_atomically(path, *formatted.text)) {
      diagnostics.push_back(make_diagnostic(Code::io, path.generic_string(), "cannot write `" + path.generic_string() + "`",
                                            "check the file's permissions"));
    }
  }
  sort_diagnostics(diagnostics);
  print_diagnostics(diagnostics);
  if (o->check && changed)
    std::fprintf(stderr, "remit: %zu of %zu file%s not formatted; run `remit fmt` on %s\n", changed, files.size(),
                 changed == 1 ? (files.size() == 1 ? " is" : "s is") : "s are", changed == 1 ? "it" : "them");
  else if (changed)
    std::fprintf(stderr, "remit: formatted %zu of %zu file%s\n", changed, files.size(), files.size() == 1 ? "" : "s");
  if (has_io_error(diagnostics)) return exit_usage;
  return broken || (o->check && changed) ? exit_findings : exit_ok;
}

constexpr const char* audit_help = R"(usage: remit audit --scheme PATH [--format csv|jsonl|text] [--summary FILE] [--fail-on OUTCOME,…] REGISTER|-

Checks every decision of a register against the version of the scheme in
force on its date. REGISTER is CSV (`.csv`, or anything not `.jsonl`) or JSON
Lines (`.jsonl`: one decision object per line, as for `eval`); `-` reads CSV
from stdin.
  CSV: a header row with `id`, `date`, `kind`, `approver`, then one column per
  fact by its name (e.g. `amount`), and optionally `evidence` (items separated
  by `;`). An empty cell is a fact not given.

Writes one row per input row: line, id, date, version, outcome, the deciding
paragraphs, the lowest post that may approve, the requirements and duties
missing, and for a row that could not be read (`invalid`) the reason. Blank
lines are skipped; nothing else is. The summary (counts by outcome, by
paragraph and by approver; the rows to look at) goes to stderr, or to FILE.

  --format csv|jsonl|text   output rows (default csv)
  --summary FILE            write the summary to FILE instead of stderr
  --fail-on OUTCOME,…       exit 1 if any row has one of these outcomes:
                            authorised, not_authorised, no_authority,
                            undetermined, invalid; or `none` (default: invalid)
exit: 0 audited; 1 a row with a --fail-on outcome; 2 bad usage, a scheme with
errors, or a register that cannot be read (no header, an unknown column)
)";

std::shared_ptr<const Scheme> load_for_command(const Options& o, const char* help, int& status) {
  if (!o.scheme) {
    status = usage_error("`--scheme PATH` is required", help);
    return nullptr;
  }
  LoadResult loaded = load_scheme(*o.scheme);
  if (!loaded.scheme) {
    print_diagnostics(loaded.diagnostics, o.format);
    if (!has_io_error(loaded.diagnostics))
      std::fprintf(stderr, "remit: error: the scheme at `%s` has errors; run `remit check %s`\n", o.scheme->c_str(), o.scheme->c_str());
    status = exit_usage;
    return nullptr;
  }
  return loaded.scheme;
}

int command_eval(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, eval_help, status);
  if (!o) return status;
  if (o->help) return std::fputs(eval_help, stdout), exit_ok;
  if (o->positional.size() != 1) return usage_error("`eval` takes one decision file, or `-` for stdin", eval_help);
  if (o->kind || o->date || o->approver || !o->facts.empty())
    return usage_error("`eval` reads the decision from its file; use `who` to ask with `--kind` and `--fact`", eval_help);
  auto scheme = load_for_command(*o, eval_help, status);
  if (!scheme) return status;
  SourcePtr source;
  std::vector<Diagnostic> diagnostics;
  if (o->positional[0] == "-") {
    source = std::make_shared<const SourceFile>("<stdin>", limits::read_decision_stream(std::cin));
  } else if (auto s = read_source(o->positional[0], diagnostics)) {
    source = *s;
  } else {
    print_diagnostics(diagnostics, o->format);
    return exit_usage;
  }
  DecisionReading reading = read_decision(*scheme, source);
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, o->format);
    return exit_usage;
  }
  if (reading.decision->approver < 0)
    return usage_error("the decision has no `approver`; add one, or ask `remit who --kind " +
                           reading.decision->version->kinds[static_cast<std::size_t>(reading.decision->kind)] + "`",
                       nullptr);
  const Verdict verdict = evaluate(*reading.decision);
  const std::string out = o->format == "json" ? report::verdict_json(verdict) : report::verdict_text(verdict, o->explain);
  std::fputs(out.c_str(), stdout);
  return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
}

int command_who(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, who_help, status);
  if (!o) return status;
  if (o->help) return std::fputs(who_help, stdout), exit_ok;
  if (!o->positional.empty()) return usage_error("unexpected argument `" + o->positional[0] + "`", who_help);
  if (!o->kind) return usage_error("`--kind KIND` is required", who_help);
  auto scheme = load_for_command(*o, who_help, status);
  if (!scheme) return status;
  DecisionReading reading = make_query(*scheme, *o->kind, o->date, o->approver, o->facts);
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, o->format);
    return exit_usage;
  }
  const Verdict verdict = evaluate(*reading.decision);
  std::string out;
  if (o->approver) out = o->format == "json" ? report::verdict_json(verdict) : report::verdict_text(verdict, o->explain);
  else out = o->format == "json" ? report::who_json(verdict) : report::who_text(verdict, o->explain);
  std::fputs(out.c_str(), stdout);
  if (o->approver) return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
  return verdict.outcome == Outcome::authorised && !verdict.may_approve.empty() ? exit_ok : exit_findings;
}

int command_audit(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, audit_help, status, {"csv", "jsonl", "text"});
  if (!o) return status;
  if (o->help) return std::fputs(audit_help, stdout), exit_ok;
  if (args.end() == std::find_if(args.begin(), args.end(), [](const std::string& a) { return a.rfind("--format", 0) == 0; })) o->format = "csv";
  if (o->positional.size() != 1) return usage_error("`audit` takes one register file, or `-` for stdin", audit_help);
  if (o->kind || o->date || o->approver || !o->facts.empty() || o->explain || o->junit || o->coverage || o->check)
    return usage_error("`audit` takes `--scheme`, `--format`, `--summary` and `--fail-on`", audit_help);
  std::vector<AuditOutcome> fail_on;
  if (o->fail_on.empty()) fail_on.push_back(AuditOutcome::invalid);
  for (const std::string& name : o->fail_on) {
    if (name == "none") continue;
    const std::optional<AuditOutcome> outcome = audit_outcome_by_name(name);
    if (!outcome)
      return usage_error("unknown outcome `" + name + "` for `--fail-on`: use authorised, not_authorised, no_authority, undetermined, invalid or none",
                         nullptr);
    fail_on.push_back(*outcome);
  }
  auto scheme = load_for_command(*o, audit_help, status);
  if (!scheme) return status;
  const std::string& path = o->positional[0];
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    std::fputs(render_text(make_diagnostic(Code::io, path, "cannot read the register: " + std::string(std::strerror(errno)))).c_str(), stderr);
    return exit_usage;
  }
  const CompiledScheme compiled(scheme);
  const AuditFormat format = o->format == "jsonl" ? AuditFormat::jsonl : o->format == "text" ? AuditFormat::text : AuditFormat::csv;
  Auditor auditor(compiled, format, stdout);
  const bool progress = isatty(fileno(stderr));
  if (progress) auditor.on_progress = [](std::size_t rows) { std::fprintf(stderr, "\raudited %zu rows…", rows); };
  std::string error;
  const bool jsonl = path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  const bool read = jsonl ? auditor.audit_jsonl(in, error) : auditor.audit_csv(in, error);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (progress) std::fputs("\r\033[K", stderr);
  if (!read) {
    std::fprintf(stderr, "%s: error: %s\n", path.c_str(), error.c_str());
    return exit_usage;
  }
  const std::string summary = audit_summary_text(auditor.summary(), path, *scheme);
  if (o->summary) {
    std::FILE* file = std::fopen(o->summary->c_str(), "wb");
    if (!file || std::fwrite(summary.data(), 1, summary.size(), file) != summary.size() || std::fclose(file) != 0) {
      std::fprintf(stderr, "remit: error: cannot write the summary to `%s`\n", o->summary->c_str());
      return exit_usage;
    }
  } else {
    std::fputs(summary.c_str(), stderr);
  }
  for (const AuditOutcome outcome : fail_on)
    if (auditor.summary().by_outcome[outcome_index(outcome)]) return exit_findings;
  return exit_ok;
}

}  // namespace

int run(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("no command given", main_help);
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--version" || command == "version") return std::printf("remit %s\n", version_string()), exit_ok;
  if (command == "-h" || command == "--help" || command == "help") return std::fputs(main_help, stdout), exit_ok;
  if (command == "check") return command_check(rest);
  if (command == "eval") return command_eval(rest);
  if (command == "who") return command_who(rest);
  if (command == "test") return command_test(rest);
  if (command == "fmt") return command_fmt(rest);
  if (command == "audit") return command_audit(rest);
  if (command == "analyse") return command_analyse(rest);
  if (command == "matrix") return command_matrix(rest);
  if (command == "diff") return command_diff(rest);
  return usage_error("unknown command `" + command + "`", main_help);
}

}  // namespace remit::cli
