#include "cli/commands.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>

#include "check/limits.hpp"
#include "remit/remit.hpp"
#include "report/verdict_report.hpp"

namespace remit::cli {
namespace {

constexpr const char* main_help = R"(remit — check who may take a decision under a scheme of delegation

usage: remit <command> [options]

commands:
  check PATH…                      parse and check rule files (a file, or folders of them)
  eval --scheme PATH DECISION|-    may this post take this decision?
  who --scheme PATH --kind K       who may take a decision of kind K?

options for every command:
  --format text|json   output format (default text)
  --verbose            log what is loaded, and how long it took, on stderr
  -h, --help           help for a command
  --version            print remit's version

exit codes: 0 ok / authorised; 1 findings in rule files, or an outcome other
than authorised; 2 bad usage or bad input.
Run `remit <command> --help` for each command's options. See docs/cli.md.
)";

constexpr const char* check_help = R"(usage: remit check [--format text|json] [--deny-warnings] PATH…

Parses and checks rule files. A PATH is a `.remit` file or a folder searched
for them; the files of one folder are the versions of one scheme.
Findings are printed as `file:line:col: error|warning: message [code]` with the
source line, a caret and a help line, in a stable order.

  --deny-warnings   exit 1 on warnings too
exit: 0 clean; 1 errors (or warnings with --deny-warnings); 2 bad usage or unreadable paths
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
  std::optional<std::string> scheme, kind, date, approver;
  std::vector<std::string> facts;
  std::vector<std::string> positional;
};

int usage_error(const std::string& message, const char* help) {
  std::fprintf(stderr, "remit: error: %s\n", message.c_str());
  if (help) std::fprintf(stderr, "\n%s", help);
  return exit_usage;
}

// Parses `--name value`, `--name=value` and flags; unknown options are errors.
std::optional<Options> parse_options(const std::vector<std::string>& args, const char* help, int& status) {
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
      if (*f != "text" && *f != "json") {
        status = usage_error("unknown format `" + *f + "`: use `text` or `json`", nullptr);
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
    if (d.code == "io") return true;
  return false;
}

int command_check(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto o = parse_options(args, check_help, status);
  if (!o) return status;
  if (o->help) return std::fputs(check_help, stdout), exit_ok;
  if (o->scheme || o->kind || o->date || o->approver || !o->facts.empty() || o->explain)
    return usage_error("`check` takes paths only; `--scheme`, `--kind`, `--fact` belong to `eval` and `who`", check_help);
  if (o->positional.empty()) return usage_error("`check` needs at least one PATH", check_help);
  std::vector<std::filesystem::path> paths(o->positional.begin(), o->positional.end());
  const CheckResult result = check_paths(paths);
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : result.diagnostics) (d.severity == Severity::error ? errors : warnings)++;
  if (o->format == "json") {
    std::fputs(report::diagnostics_json(result.diagnostics, result.files).c_str(), stdout);
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
  if (command == "test" || command == "fmt" || command == "analyse" || command == "matrix" || command == "diff" || command == "audit")
    return usage_error("`" + command + "` is not built yet in this version of remit", main_help);
  return usage_error("unknown command `" + command + "`", main_help);
}

}  // namespace remit::cli
