// `remit check` over paths: the rule files read and checked with their
// examples (check), then the analyser's findings added as warnings (analyse).
// It sits above both, so that neither stage reaches for the other.
#include "analyse/analyse.hpp"
#include "check/examples.hpp"
#include "remit/remit.hpp"

namespace remit {

CheckResult check_paths(const std::vector<std::filesystem::path>& paths) {
  check::Suites loaded = check::load_suites(paths);
  CheckResult result;
  result.diagnostics = std::move(loaded.diagnostics);
  result.files = loaded.files;
  result.schemes = loaded.suites.size();
  for (const check::Suite& suite : loaded.suites) {
    if (!suite.scheme) continue;
    for (const check::ExampleSpec& example : suite.examples) check::resolve_example(*suite.scheme, example, result.diagnostics);
    // What `remit analyse` finds, as warnings, unless the scheme keeps it as known.
    for (Diagnostic& d : analyse::unaccepted(analyse::analyse_scheme(*suite.scheme))) result.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace remit
