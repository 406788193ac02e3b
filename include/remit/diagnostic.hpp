#pragma once
// One diagnostic type for every stage: parser, checker, decision reader, CLI.
// Diagnostics are data: returned, never thrown, never logged.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "remit/codes.hpp"

namespace remit {

// A text that diagnostics point into: a rule file, a decision file, stdin.
// Offsets are bytes; line and column are computed once, columns counting
// characters (UTF-8 code points) so that carets line up under `£`.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  struct Position {
    std::size_t line = 1;    // 1-based
    std::size_t column = 1;  // 1-based, in characters
  };
  Position position(std::size_t offset) const;
  std::string_view line_text(std::size_t line) const;  // without the newline

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// A place in a source; `source` may be null for diagnostics about a path
// itself (an unreadable file) or about the command line.
struct Span {
  SourcePtr source;
  std::size_t offset = 0;
  std::size_t length = 0;
};

// `file:line:col` of the span's start; empty when it has no source.
std::string location(const Span& span);

struct Note {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;  // the code's, from code_table
  Span span;
  std::string path;  // used when span.source is null
  std::string message;
  Code code{};
  std::string help;  // may be empty
  std::vector<Note> notes;
};

// The one way to make a diagnostic, at a place in a source or about a path
// (an unreadable file, the command line); the severity is the code's.
Diagnostic make_diagnostic(Code code, Span at, std::string message, std::string help = {});
Diagnostic make_diagnostic(Code code, std::string path, std::string message, std::string help = {});

// file:line:col: severity: message [code], the source line, a caret, notes, help.
std::string render_text(const Diagnostic& d);
// Stable order: by path, position, severity, message; duplicates dropped.
void sort_diagnostics(std::vector<Diagnostic>& ds);
bool has_errors(const std::vector<Diagnostic>& ds);
std::string_view severity_name(Severity s);
std::string diagnostic_path(const Diagnostic& d);

}  // namespace remit
