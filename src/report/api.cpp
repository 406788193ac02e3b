// The report writers of the public API (remit/report.hpp), over the
// internal ones. Calls are qualified: the public names are the same.
#include "remit/report.hpp"

#include "report/ci_report.hpp"
#include "report/verdict_report.hpp"

namespace remit {

std::string verdict_text(const Verdict& verdict, bool explain) { return report::verdict_text(verdict, explain); }
std::string verdict_json(const Verdict& verdict) { return report::verdict_json(verdict); }
std::string who_text(const Verdict& verdict, bool explain) { return report::who_text(verdict, explain); }
std::string who_json(const Verdict& verdict) { return report::who_json(verdict); }

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics) { return report::diagnostics_text(diagnostics); }
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, std::size_t files) {
  return report::diagnostics_json(diagnostics, files);
}
std::string diagnostics_sarif(const std::vector<Diagnostic>& diagnostics) { return report::diagnostics_sarif(diagnostics); }
std::string diagnostics_github(const std::vector<Diagnostic>& diagnostics) { return report::diagnostics_github(diagnostics); }

std::string test_text(const TestRun& run, bool coverage) { return report::test_text(run, coverage); }
std::string test_github(const TestRun& run, bool coverage) { return report::test_github(run, coverage); }
std::string test_junit(const TestRun& run) { return report::test_junit(run); }

}  // namespace remit
