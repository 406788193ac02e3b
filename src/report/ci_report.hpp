#pragma once
// Reports for CI systems: findings as SARIF 2.1.0 (code scanning) and as
// GitHub workflow annotations; `remit test` results as text and JUnit XML.
#include <string>
#include <vector>

#include "remit/testing.hpp"

namespace remit::report {

std::string diagnostics_sarif(const std::vector<Diagnostic>& ds);
std::string diagnostics_github(const std::vector<Diagnostic>& ds);

// Failures (expected against actual) and the summary line; with `coverage`,
// what the examples leave uncovered.
std::string test_text(const TestRun& run, bool coverage);
std::string test_junit(const TestRun& run);
// Workflow annotations: an error at each failed example's expectation, a
// warning at each coverage gap (with `coverage`), then the summary line.
std::string test_github(const TestRun& run, bool coverage);

std::string escape_xml(std::string_view s);

}  // namespace remit::report
