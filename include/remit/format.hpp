#pragma once
// `remit fmt`: the one canonical layout of a rule file. Only layout changes:
// statements, their order and every comment stay; `parse(format(x))` means
// what `parse(x)` means, and formatting twice changes nothing more.
#include <cstddef>
#include <filesystem>
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

// `remit fmt PATH…`: each file given and every `*.remit` file below each
// folder, read and formatted. Nothing is written; what could not be read or
// does not parse is in the diagnostics.
struct FormattedFile {
  SourcePtr source;  // as read
  std::string text;  // in the canonical layout
};

struct FormatRun {
  std::vector<FormattedFile> formatted;  // the files that parse, in a stable order
  std::size_t files = 0;                 // found, the unreadable and the unparsable included
  std::size_t broken = 0;                // do not parse
  std::vector<Diagnostic> diagnostics;
};

FormatRun format_paths(const std::vector<std::filesystem::path>& paths);

// A unified diff (3 lines of context) from `before` to `after`, with
// `--- a/PATH` and `+++ b/PATH` headers; empty when they are equal.
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

}  // namespace remit
