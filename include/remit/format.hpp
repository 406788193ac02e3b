#pragma once
// `remit fmt`: the one canonical layout of a rule file. Only layout changes:
// statements, their order and every comment stay; `parse(format(x))` means
// what `parse(x)` means, and formatting twice changes nothing more.
#include <optional>
#include <string>
#include <vector>

#include "remit/diagnostic.hpp"

namespace remit {

struct FormatResult {
  std::optional<std::string> text;       // nullopt when the file does not parse
  std::vector<Diagnostic> diagnostics;   // the syntax errors that stopped it
};

FormatResult format_source(const SourcePtr& source);

// A unified diff (3 lines of context) from `before` to `after`, with
// `--- a/PATH` and `+++ b/PATH` headers; empty when they are equal.
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

}  // namespace remit
