#pragma once
// Turns one rule file's parse tree into a checked Version, reporting every
// problem it finds. Scheme-wide checks (versions of one scheme) are in load.cpp.
#include <filesystem>
#include <optional>
#include <vector>

#include "grammar/parse.hpp"
#include "remit/scheme.hpp"

namespace remit::check {

// An example as written, kept until the scheme it tests is loaded.
struct ExampleSpec {
  SourcePtr source;
  syntax::ExampleDecl decl;
  std::string home_version;  // the version file it is written in; empty in a test file
};

// `examples`, when given, receives the file's examples.
std::optional<Version> lower_file(const SourcePtr& source, std::vector<Diagnostic>& diagnostics,
                                  std::vector<ExampleSpec>* examples = nullptr);

// Test files (`NAME_test.remit`) sit beside a scheme's versions and hold only
// examples; they are not versions.
bool is_test_file(const std::filesystem::path& path);
std::vector<ExampleSpec> lower_test_file(const SourcePtr& source, std::vector<Diagnostic>& diagnostics);

}  // namespace remit::check
