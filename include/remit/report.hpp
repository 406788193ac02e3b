#pragma once
// Verdicts, diagnostics and test runs written out: text for people, JSON
// for programs, and the forms CI systems read (SARIF, GitHub workflow
// annotations, JUnit XML).
#include <cstddef>
#include <string>
#include <vector>

#include "remit/diagnostic.hpp"
#include "remit/remit.hpp"
#include "remit/testing.hpp"

namespace remit {

// One verdict; with `explain`, every provision considered and why it did or
// did not apply.
std::string verdict_text(const Verdict& verdict, bool explain);
std::string verdict_json(const Verdict& verdict);
// The answer to a `who` question: the posts that may, and the lowest.
std::string who_text(const Verdict& verdict, bool explain);
std::string who_json(const Verdict& verdict);

// Findings in the stable order of `sort_diagnostics`, each with its source
// line and caret (text), as one JSON object that also counts the `files`
// checked, as a SARIF 2.1.0 log, or as GitHub workflow annotations.
std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics);
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, std::size_t files);
std::string diagnostics_sarif(const std::vector<Diagnostic>& diagnostics);
std::string diagnostics_github(const std::vector<Diagnostic>& diagnostics);

// A test run: failures as expected against actual and the summary line
// (text), or as workflow annotations (GitHub); with `coverage`, what the
// examples leave uncovered too. JUnit XML has one test case per example.
std::string test_text(const TestRun& run, bool coverage);
std::string test_github(const TestRun& run, bool coverage);
std::string test_junit(const TestRun& run);

}  // namespace remit
