// `remit check`, `remit test` and `remit fmt`: the commands that read rule
// files.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "commands.hpp"
#include "remit/format.hpp"
#include "remit/remit.hpp"
#include "remit/report.hpp"
#include "remit/testing.hpp"

namespace remit::cli {
namespace {

std::vector<std::filesystem::path> operand_paths(const Arguments& a) {
  return std::vector<std::filesystem::path>(a.operands().begin(), a.operands().end());
}

// `count` and `noun`, with an `s` unless there is one.
std::string counted(std::size_t count, std::string_view noun) { return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s"); }

int format_stdin(bool check) {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  auto source = std::make_shared<const SourceFile>("<stdin>", std::move(text));
  FormatResult formatted = format_source(source);
  if (!formatted.text) {
    print_diagnostics(formatted.diagnostics);
    return exit_findings;
  }
  if (check) {
    out(unified_diff("<stdin>", source->text(), *formatted.text));
    return *formatted.text == source->text() ? exit_ok : exit_findings;
  }
  out(*formatted.text);
  return exit_ok;
}

}  // namespace

int command_check(const Arguments& a) {
  const CheckResult result = check_paths(operand_paths(a));
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : result.diagnostics) (d.severity == Severity::error ? errors : warnings)++;
  const std::string format = *a.value("--format");
  if (format == "json") {
    out(diagnostics_json(result.diagnostics, result.files));
  } else if (format == "sarif") {
    out(diagnostics_sarif(result.diagnostics));
  } else if (format == "github") {
    out(diagnostics_github(result.diagnostics));
  } else {
    out(diagnostics_text(result.diagnostics));
    out(fmt::format("checked {} in {}: {}, {}\n", counted(result.files, "file"), counted(result.schemes, "scheme"),
                    counted(errors, "error"), counted(warnings, "warning")));
  }
  if (has_io_error(result.diagnostics)) return exit_usage;
  if (errors || (a.given("--deny-warnings") && warnings)) return exit_findings;
  return exit_ok;
}

int command_test(const Arguments& a) {
  std::optional<double> min_coverage;
  if (const auto minimum = a.value("--min-coverage")) {
    // Decimal digits with at most one point: strtod alone would also take `0x10`, ` 5`, `1e1` and `inf`.
    const bool decimal = std::count(minimum->begin(), minimum->end(), '.') <= 1 &&
                         std::any_of(minimum->begin(), minimum->end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                         std::all_of(minimum->begin(), minimum->end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
    const double percent = decimal ? std::strtod(minimum->c_str(), nullptr) : -1;
    if (!decimal || !(percent >= 0 && percent <= 100))
      return usage_error(fmt::format("`--min-coverage` takes a percentage from 0 to 100 in decimal digits, such as `80` or `92.5`, not `{}`",
                                     *minimum));
    min_coverage = percent;
  }
  const bool coverage = a.given("--coverage") || min_coverage;
  const TestRun run = run_tests(operand_paths(a));
  err(diagnostics_text(run.diagnostics));
  if (const auto junit = a.value("--junit"))
    if (const auto failure = write_file(*junit, test_junit(run))) {
      err(fmt::format("remit: error: cannot write the JUnit report to `{}`: {}\n", *junit, *failure));
      return exit_usage;
    }
  if (has_io_error(run.diagnostics)) return exit_usage;
  out(*a.value("--format") == "github" ? test_github(run, coverage) : test_text(run, coverage));
  bool failed = run.failed() || run.not_run() || has_errors(run.diagnostics);
  if (run.examples.empty()) {  // nothing tested is not a pass
    err(fmt::format("remit: error: no examples in {}; write `example` statements in the version files or in a "
                    "`NAME_test.remit` file beside them\n",
                    quoted_list(a.operands(), "and")));
    failed = true;
  }
  if (min_coverage && run.coverage.percent() < *min_coverage) {
    out(fmt::format("coverage {:.1f}% is below the minimum of {:g}%\n", run.coverage.percent(), *min_coverage));
    failed = true;
  }
  return failed ? exit_findings : exit_ok;
}

int command_fmt(const Arguments& a) {
  const bool check = a.given("--check");
  if (a.operands().size() == 1 && a.operands()[0] == "-") return format_stdin(check);
  FormatRun run = format_paths(operand_paths(a));
  std::size_t changed = 0, written = 0;
  for (const FormattedFile& file : run.formatted) {
    if (file.text == file.source->text()) continue;
    ++changed;
    if (check) {
      out(unified_diff(file.source->path(), file.source->text(), file.text));
    } else if (const auto failure = write_file(file.source->path(), file.text)) {
      const std::string& path = file.source->path();
      run.diagnostics.push_back(make_diagnostic(Code::io, path, fmt::format("cannot write `{}`: {}", path, *failure),
                                                "make it writable, or free some space, and run `remit fmt` again"));
    } else {
      ++written;
    }
  }
  sort_diagnostics(run.diagnostics);
  print_diagnostics(run.diagnostics);
  if (check && changed)
    err(fmt::format("remit: {} of {} not formatted; run `remit fmt` on {}\n", changed,
                    counted(run.files, "file") + (changed == 1 ? " is" : " are"), changed == 1 ? "it" : "them"));
  else if (written)
    err(fmt::format("remit: formatted {} of {}\n", written, counted(run.files, "file")));
  if (has_io_error(run.diagnostics)) return exit_usage;
  return run.broken || (check && changed) ? exit_findings : exit_ok;
}

}  // namespace remit::cli
