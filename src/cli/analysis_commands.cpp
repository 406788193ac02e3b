// `remit analyse`, `remit matrix` and `remit diff`: the commands that read a
// scheme as a whole rather than one decision (docs/cli.md).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "remit/analysis.hpp"
#include "remit/remit.hpp"

namespace remit::cli {
namespace {

// The version a command looks at: the one named, else the one in force
// today, else the newest.
const Version* choose_version(const Scheme& scheme, const std::string& label, const std::string& where, bool json = false) {
  if (!label.empty()) {
    if (const Version* v = scheme.find_version(label)) return v;
    std::vector<std::string> labels;
    for (const Version& v : scheme.versions) labels.push_back(v.label);
    usage_error_json(json, fmt::format("`{}` has no version `{}`; it has {}", where, label, fmt::join(labels, ", ")));
    return nullptr;
  }
  if (const Version* v = scheme.in_force(*today())) return v;  // run_command has refused a bad REMIT_TODAY
  return scheme.newest();
}

}  // namespace

int command_analyse(const Arguments& a) {
  const AnalysisReport result = analyse_paths(std::vector<std::filesystem::path>(a.operands().begin(), a.operands().end()),
                                              a.value("--format") == "json" ? AnalysisFormat::json : AnalysisFormat::text);
  if (has_errors(result.diagnostics)) {
    print_diagnostics(result.diagnostics, wants_json(a));
    if (!has_io_error(result.diagnostics))
      err("remit: error: the rule files have errors; run `remit check` on them first\n");
    return exit_usage;
  }
  out(result.report);
  return result.has_findings ? exit_findings : exit_ok;
}

int command_matrix(const Arguments& a) {
  const std::string path = *a.value("--scheme");
  const auto scheme = load_scheme_or_report(path);
  if (!scheme) return exit_usage;
  const Version* v = choose_version(*scheme, a.value("--version").value_or(""), path);
  if (!v) return exit_usage;
  const std::string format = *a.value("--format");
  const std::string matrix =
      authority_matrix(*v, format == "html" ? MatrixFormat::html : format == "csv" ? MatrixFormat::csv : MatrixFormat::markdown);
  out(matrix);
  return exit_ok;
}

int command_diff(const Arguments& a) {
  std::vector<std::shared_ptr<const Scheme>> schemes;
  std::vector<const Version*> versions;
  for (const std::string& spec : a.operands()) {
    // PATH@VERSION, unless the whole of it is a path.
    std::string path = spec, label;
    std::error_code ec;
    if (const auto at = spec.rfind('@'); at != std::string::npos && !std::filesystem::exists(spec, ec)) {
      path = spec.substr(0, at);
      label = spec.substr(at + 1);
      if (label.empty())
        return usage_error_json(wants_json(a), fmt::format("`{}`: name a version after `@`, or leave out the `@`", spec), a.command().help());
    }
    auto scheme = load_scheme_or_report(path, wants_json(a));
    if (!scheme) return exit_usage;
    const Version* v = choose_version(*scheme, label, path, wants_json(a));
    if (!v) return exit_usage;
    schemes.push_back(std::move(scheme));
    versions.push_back(v);
  }
  const std::string format = *a.value("--format");
  const VersionDiff d =
      diff_versions(*versions[0], *versions[1], format == "json" ? DiffFormat::json : format == "md" ? DiffFormat::markdown : DiffFormat::text);
  out(d.report);
  return d.answers_changed ? exit_findings : exit_ok;
}

int command_show(const Arguments& a) {
  const std::string& path = a.operands()[0];
  const std::string& para = a.operands()[1];
  const ParagraphReport shown = show_paragraph(path, para, wants_json(a) ? ShowFormat::json : ShowFormat::text);
  if (!shown.diagnostics.empty() || (!shown.found && shown.error.empty())) {
    print_diagnostics(shown.diagnostics, wants_json(a));
    if (!has_io_error(shown.diagnostics)) err(fmt::format("remit: error: the scheme at `{0}` has errors; run `remit check {0}`\n", path));
    return exit_usage;
  }
  if (!shown.found) return usage_error_json(wants_json(a), shown.error + "; " + shown.help);
  out(shown.report);
  return exit_ok;
}

}  // namespace remit::cli
