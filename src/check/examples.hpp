#pragma once
// Schemes with their examples, as `remit check` and `remit test` load them,
// and examples resolved into decisions and expected verdicts.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/lower.hpp"
#include "remit/remit.hpp"

namespace remit::check {

struct Suite {
  std::shared_ptr<const Scheme> scheme;  // null when its versions have errors
  std::vector<ExampleSpec> examples;     // from its version files, then its test files
};

struct Suites {
  std::vector<Suite> suites;  // one per folder
  std::vector<Diagnostic> diagnostics;
  std::size_t files = 0;
};

// Every `*.remit` file below each path; a folder's files form one scheme.
Suites load_suites(const std::vector<std::filesystem::path>& paths);

struct Expected {
  Outcome outcome = Outcome::authorised;
  std::optional<std::vector<std::string>> paras;  // `by`
  std::optional<std::vector<PostSet>> lowest;     // sets of post ids, ordered as a verdict orders them
  std::vector<RequirementStatus> requirements;  // the status each named item must get
};

struct ResolvedExample {
  Decision decision;
  Expected expected;
};

// The example's decision and expectation, resolved against the version it
// runs in (its own file's version, else the one in force on its date);
// nullopt with diagnostics when a name, value or date is wrong.
std::optional<ResolvedExample> resolve_example(const Scheme& scheme, const ExampleSpec& example, std::vector<Diagnostic>& out);

}  // namespace remit::check
