#pragma once
// `remit test`: the examples written in rule files and in test files beside
// them, run against their scheme, with what they leave uncovered.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "remit/remit.hpp"

namespace remit {

// One way an example's verdict differs from what it expects.
struct Mismatch {
  std::string aspect;    // outcome, deciding, lowest, requirement
  std::string expected;
  std::string actual;
};

struct ExampleResult {
  std::string name;
  Span span;             // the example's `example` keyword
  Span expectation;      // its expected outcome, where a failure is reported
  std::string version;   // the version it ran against
  bool ran = false;      // false: it could not be resolved (see the diagnostics)
  bool scheme_failed = false;  // not run because its scheme has errors
  std::vector<Mismatch> mismatches;  // empty when it passed
  std::optional<Verdict> verdict;

  bool passed() const { return ran && mismatches.empty(); }
};

// A thing the examples should reach: a provision made decisive, or one band
// of a threshold (below, at or above its amount).
struct CoverageItem {
  enum class Kind { untested, never_decisive, band };
  Kind kind = Kind::band;
  bool covered = false;
  std::string version;
  std::string para;
  std::string description;  // what is not reached, for a person
  Span span;
};

struct Coverage {
  std::size_t provisions = 0, provisions_decisive = 0;
  std::size_t bands = 0, bands_reached = 0;
  std::vector<CoverageItem> gaps;  // what is not covered, in file order

  double percent() const;
};

struct TestRun {
  std::vector<Diagnostic> diagnostics;   // rule-file and example problems
  std::vector<ExampleResult> examples;   // in file order
  Coverage coverage;
  std::size_t files = 0;
  std::size_t schemes = 0;

  std::size_t passed() const;
  std::size_t failed() const;      // ran, and differed
  std::size_t not_run() const;     // could not be resolved
};

// Loads every scheme below `paths` (with their `*_test.remit` files) and runs
// all their examples.
TestRun run_tests(const std::vector<std::filesystem::path>& paths);

}  // namespace remit
