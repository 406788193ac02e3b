#include "cli/analysis_commands.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "analyse/analyse.hpp"
#include "analyse/diff.hpp"
#include "analyse/matrix.hpp"
#include "check/examples.hpp"
#include "cli/commands.hpp"
#include "names.hpp"
#include "remit/remit.hpp"
#include "report/analysis_report.hpp"
#include "report/verdict_report.hpp"

namespace remit::cli {
namespace {

constexpr const char* analyse_help = R"(usage: remit analyse [--format text|json] PATH…

Searches every version of each scheme below the PATHs, exactly and for every
decision kind, for decisions that no post may approve (gaps), thresholds that
no provision covers or that two claim (boundaries), an escalation that leaves
a power of a post beside it in place (conflicts), powers that reach past the
limit of a post above them and reserved matters of a post with posts above it
(chains), provisions that never apply (dead) and provisions that are set
aside wherever they apply (shadowed). Each finding names the paragraphs
involved and a witness: a decision, in the JSON form of `remit eval`, that
shows it. `remit check` reports the same findings as warnings.

A finding the scheme keeps on purpose is accepted in its rule file with a
`known` statement and its reason (docs/language.md); `analyse` lists those
too, apart, and does not count them.

  --format json   the findings as one JSON object
exit: 0 no findings but known ones; 1 findings; 2 bad usage, unreadable paths
or rule files with errors
)";

constexpr const char* matrix_help = R"(usage: remit matrix --scheme PATH [--version V] [--format md|html|csv]

The authority matrix of one version of a scheme: for each decision kind and
value band, the lowest post that may approve, who else may, the paragraphs
that say so, and the exceptions on other facts ("when novel: DMPC"). Bands
are drawn from the rules' own thresholds, with their ends as the rules have
them ("up to £500,000", "over £500,000").

  --scheme PATH   a rule file, or a folder holding one file per version
  --version V     the version to tabulate (default: the one in force today,
                  or the newest if none is)
  --format        md (a Markdown table, the default), html (a page of its
                  own) or csv (RFC 4180)
exit: 0 written; 2 bad usage, or a scheme with errors
)";

constexpr const char* diff_help = R"(usage: remit diff [--format text|json|md] OLD NEW

What changed between two versions of a scheme, each given as PATH[@VERSION]
(a rule file, or a folder and a version label; without @VERSION, the version
in force today, or the newest): the paragraphs whose meaning changed, those
added and removed, and every region of decisions (kind, value band, other
facts) whose answer changed — the lowest post that may approve and the
paragraphs that say so, before and after, and the papers and duties added or
dropped.

  --format json   the changes as one JSON object
  --format md     the changes as Markdown, for a board paper
exit: 0 no change in any answer; 1 answers changed; 2 bad usage, or a scheme
with errors
)";

int usage_error(const std::string& message, const char* help) {
  std::fprintf(stderr, "remit: error: %s\n", message.c_str());
  if (help) std::fprintf(stderr, "\n%s", help);
  return exit_usage;
}

// What a command was given: options with a value, flags, and the rest.
struct Arguments {
  std::map<std::string, std::string> values;
  bool help = false;
  std::vector<std::string> positional;
};

// `--name value` and `--name=value` for the options in `valued` (with the
// values each allows, if it limits them), `--help` and `--verbose`;
// anything else that starts with `-` is refused.
std::optional<Arguments> read_arguments(const std::vector<std::string>& args,
                                        const std::map<std::string, std::vector<std::string>>& valued, const char* help,
                                        int& status) {
  Arguments out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> value;
    if (name.rfind("--", 0) == 0)
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
    if (name == "-h" || name == "--help") {
      out.help = true;
    } else if (name == "--verbose") {
      if (auto log = spdlog::get("remit")) log->set_level(spdlog::level::info);
    } else if (const auto option = valued.find(name); option != valued.end()) {
      if (!value) {
        if (i + 1 >= args.size()) {
          status = usage_error("`" + name + "` needs a value", help);
          return std::nullopt;
        }
        value = args[++i];
      }
      const auto& allowed = option->second;
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        std::string known;
        for (std::size_t k = 0; k < allowed.size(); ++k)
          known += (k == 0 ? "`" : k + 1 == allowed.size() ? " or `" : ", `") + allowed[k] + "`";
        status = usage_error("unknown " + name.substr(2) + " `" + *value + "`: use " + known, nullptr);
        return std::nullopt;
      }
      out.values[name] = *value;
    } else if (name.size() > 1 && name[0] == '-') {
      status = usage_error("unknown option `" + args[i] + "`", help);
      return std::nullopt;
    } else {
      out.positional.push_back(args[i]);
    }
  }
  return out;
}

std::string option(const Arguments& a, const std::string& name, std::string fallback = {}) {
  const auto it = a.values.find(name);
  return it == a.values.end() ? fallback : it->second;
}

bool has_io_error(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.code == Code::io; });
}

}  // namespace

int command_analyse(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto a = read_arguments(args, {{"--format", {"text", "json"}}}, analyse_help, status);
  if (!a) return status;
  if (a->help) return std::fputs(analyse_help, stdout), exit_ok;
  if (a->positional.empty()) return usage_error("`analyse` needs at least one PATH", analyse_help);
  const auto started = std::chrono::steady_clock::now();
  check::Suites loaded = check::load_suites(std::vector<std::filesystem::path>(a->positional.begin(), a->positional.end()));
  sort_diagnostics(loaded.diagnostics);
  if (has_errors(loaded.diagnostics)) {
    std::fputs(report::diagnostics_text(loaded.diagnostics).c_str(), stderr);
    if (!has_io_error(loaded.diagnostics))
      std::fputs("remit: error: the rule files have errors; run `remit check` on them first\n", stderr);
    return exit_usage;
  }
  std::vector<report::SchemeAnalysis> analyses;
  for (const check::Suite& suite : loaded.suites)
    if (suite.scheme) analyses.push_back(report::SchemeAnalysis{suite.scheme, analyse::analyse_scheme(*suite.scheme)});
  if (auto log = spdlog::get("remit"))
    for (const auto& s : analyses)
      log->info("loaded and analysed `{}`: {} boxes searched in {} µs", s.scheme->title, s.analysis.boxes,
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
  const std::string out = option(*a, "--format", "text") == "json" ? report::analysis_json(analyses) : report::analysis_text(analyses);
  std::fputs(out.c_str(), stdout);
  for (const auto& s : analyses)
    if (!analyse::unaccepted(s.analysis).empty()) return exit_findings;
  return exit_ok;
}

namespace {

// Cells a matrix or a diff tabulates for one kind before it gives up on it.
constexpr std::size_t max_cells = 1u << 20;

Date today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<std::int32_t>(now.time_since_epoch().count())};
}

// The version a command looks at: the one named, else the one in force
// today, else the newest.
const Version* choose_version(const Scheme& scheme, const std::string& label, const std::string& where) {
  if (!label.empty()) {
    if (const Version* v = scheme.find_version(label)) return v;
    std::vector<std::string> labels;
    for (const Version& v : scheme.versions) labels.push_back(v.label);
    usage_error("`" + where + "` has no version `" + label + "`; it has " + join(labels, ", "), nullptr);
    return nullptr;
  }
  if (const Version* v = scheme.in_force(today())) return v;
  return scheme.newest();
}

std::shared_ptr<const Scheme> load(const std::string& path) {
  LoadResult loaded = load_scheme(path);
  if (!loaded.scheme) {
    std::fputs(report::diagnostics_text(loaded.diagnostics).c_str(), stderr);
    if (!has_io_error(loaded.diagnostics))
      std::fprintf(stderr, "remit: error: the scheme at `%s` has errors; run `remit check %s`\n", path.c_str(), path.c_str());
  }
  return loaded.scheme;
}

}  // namespace

int command_matrix(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto a = read_arguments(args, {{"--format", {"md", "html", "csv"}}, {"--scheme", {}}, {"--version", {}}}, matrix_help, status);
  if (!a) return status;
  if (a->help) return std::fputs(matrix_help, stdout), exit_ok;
  if (!a->positional.empty()) return usage_error("unexpected argument `" + a->positional.front() + "`", matrix_help);
  const std::string path = option(*a, "--scheme");
  if (path.empty()) return usage_error("`--scheme PATH` is required", matrix_help);
  const auto scheme = load(path);
  if (!scheme) return exit_usage;
  const Version* v = choose_version(*scheme, option(*a, "--version"), path);
  if (!v) return exit_usage;
  const analyse::Matrix m = analyse::build_matrix(*v, max_cells);
  const std::string format = option(*a, "--format", "md");
  const std::string out = format == "html" ? report::matrix_html(m) : format == "csv" ? report::matrix_csv(m) : report::matrix_markdown(m);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_ok;
}

int command_diff(const std::vector<std::string>& args) {
  int status = exit_usage;
  auto a = read_arguments(args, {{"--format", {"text", "json", "md"}}}, diff_help, status);
  if (!a) return status;
  if (a->help) return std::fputs(diff_help, stdout), exit_ok;
  if (a->positional.size() != 2) return usage_error("`diff` takes two versions, OLD and NEW, each PATH[@VERSION]", diff_help);
  std::vector<std::shared_ptr<const Scheme>> schemes;
  std::vector<const Version*> versions;
  for (const std::string& spec : a->positional) {
    // PATH@VERSION, unless the whole of it is a path.
    std::string path = spec, label;
    std::error_code ec;
    if (const auto at = spec.rfind('@'); at != std::string::npos && !std::filesystem::exists(spec, ec)) {
      path = spec.substr(0, at);
      label = spec.substr(at + 1);
      if (label.empty()) return usage_error("`" + spec + "`: name a version after `@`, or leave out the `@`", diff_help);
    }
    auto scheme = load(path);
    if (!scheme) return exit_usage;
    const Version* v = choose_version(*scheme, label, path);
    if (!v) return exit_usage;
    schemes.push_back(std::move(scheme));
    versions.push_back(v);
  }
  const analyse::Diff d = analyse::diff_versions(*versions[0], *versions[1], max_cells);
  const std::string format = option(*a, "--format", "text");
  const std::string out = format == "json" ? report::diff_json(d) : format == "md" ? report::diff_markdown(d) : report::diff_text(d);
  std::fputs(out.c_str(), stdout);
  return d.changes.empty() ? exit_ok : exit_findings;
}

}  // namespace remit::cli
