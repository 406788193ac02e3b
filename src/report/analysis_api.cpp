// `analyse`, `matrix` and `diff` for the public API (remit/analysis.hpp):
// the analyser's results, written out here so that its types stay inside.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "analyse/analyse.hpp"
#include "analyse/diff.hpp"
#include "analyse/matrix.hpp"
#include "check/examples.hpp"
#include "remit/analysis.hpp"
#include "report/analysis_report.hpp"

namespace remit {
namespace {

// Cells a matrix or a diff tabulates for one kind before it gives up on it.
constexpr std::size_t max_cells = 1u << 20;

}  // namespace

AnalysisReport analyse_paths(const std::vector<std::filesystem::path>& paths, AnalysisFormat format) {
  const auto started = std::chrono::steady_clock::now();
  check::Suites loaded = check::load_suites(paths);
  sort_diagnostics(loaded.diagnostics);
  AnalysisReport result;
  result.diagnostics = std::move(loaded.diagnostics);
  if (has_errors(result.diagnostics)) return result;
  std::vector<report::SchemeAnalysis> analyses;
  for (const check::Suite& suite : loaded.suites)
    if (suite.scheme) analyses.push_back(report::SchemeAnalysis{suite.scheme, analyse::analyse_scheme(*suite.scheme)});
  if (auto log = spdlog::get("remit"))
    for (const auto& s : analyses)
      log->info("loaded and analysed `{}`: {} boxes searched in {} µs", s.scheme->title, s.analysis.boxes,
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
  result.report = format == AnalysisFormat::json ? report::analysis_json(analyses) : report::analysis_text(analyses);
  result.has_findings = std::any_of(analyses.begin(), analyses.end(),
                                    [](const report::SchemeAnalysis& s) { return !analyse::unaccepted(s.analysis).empty(); });
  return result;
}

std::string authority_matrix(const Version& version, MatrixFormat format) {
  const analyse::Matrix matrix = analyse::build_matrix(version, max_cells);
  switch (format) {
    case MatrixFormat::html: return report::matrix_html(matrix);
    case MatrixFormat::csv: return report::matrix_csv(matrix);
    case MatrixFormat::markdown: break;
  }
  return report::matrix_markdown(matrix);
}

VersionDiff diff_versions(const Version& before, const Version& after, DiffFormat format) {
  const analyse::Diff diff = analyse::diff_versions(before, after, max_cells);
  VersionDiff result;
  result.answers_changed = !diff.changes.empty();
  switch (format) {
    case DiffFormat::json: result.report = report::diff_json(diff); break;
    case DiffFormat::markdown: result.report = report::diff_markdown(diff); break;
    case DiffFormat::text: result.report = report::diff_text(diff); break;
  }
  return result;
}

}  // namespace remit
