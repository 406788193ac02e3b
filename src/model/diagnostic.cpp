#include <algorithm>
#include <tuple>

#include "model/utf8.hpp"
#include "remit/diagnostic.hpp"

namespace remit {
namespace {

constexpr std::size_t max_excerpt_bytes = 200;  // a longer line (minified JSON) is shown around the caret

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A line as shown: each hidden character (NUL, a hostile file's terminal
// escape sequences, bidi overrides, zero-width characters) becomes `?`, one
// column, so the caret stays under its character; so does every non-ASCII
// byte of a line that is not valid UTF-8.
std::string excerpt_line(std::string_view line, bool bytewise) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    const auto b = static_cast<unsigned char>(line[i]);
    if (b == '\t' || (b >= 0x20 && b < 0x7f)) {
      out += line[i++];
      continue;
    }
    const CodePoint cp = bytewise ? CodePoint{} : decode_utf8(line, i);
    if (cp.length == 0 || hidden_kind(cp.value) != Hidden::none) {
      out += '?';
      // Bytewise, a byte is a column; otherwise the character is one.
      i += cp.length == 0 ? 1 : cp.length;
      continue;
    }
    out.append(line, i, cp.length);
    i += cp.length;
  }
  return out;
}

// The source line, then a caret line whose padding copies tabs so the caret
// sits under the right character whatever the tab width. A long line is cut
// to a window around the caret, marked with `…`.
void append_excerpt(std::string& out, const Span& span) {
  if (!span.source) return;
  const auto pos = span.source->position(span.offset);
  std::string_view line = span.source->line_text(pos.line);
  const std::string& text = span.source->text();
  const std::size_t caret = std::min(span.offset - static_cast<std::size_t>(line.data() - text.data()), line.size());
  std::size_t from = 0, to = line.size();
  if (line.size() > max_excerpt_bytes) {
    from = caret > max_excerpt_bytes / 4 ? caret - max_excerpt_bytes / 4 : 0;
    while (from > 0 && continuation_byte(line[from])) --from;
    to = std::min(line.size(), from + max_excerpt_bytes);
    while (to < line.size() && continuation_byte(line[to])) --to;
  }
  const std::string before = from > 0 ? "\xE2\x80\xA6" : "", after = to < line.size() ? "\xE2\x80\xA6" : "";
  const std::string number = std::to_string(pos.line);
  const std::string gutter(number.size(), ' ');
  const bool bytewise = invalid_utf8_at(line) != std::string_view::npos;  // one character a byte
  out += ' ' + number + " | " + before + excerpt_line(line.substr(from, to - from), bytewise) + after + '\n';
  out += ' ' + gutter + " | ";
  if (from > 0) out += ' ';
  for (std::size_t i = from; i < caret; ++i) {
    if (!bytewise && continuation_byte(line[i])) continue;
    out += line[i] == '\t' ? '\t' : ' ';
  }
  // Underline the span's characters on this line (as far as it is shown), at least one.
  std::size_t width = 0;
  const std::size_t line_start = static_cast<std::size_t>(line.data() - text.data());
  for (std::size_t i = span.offset; i < std::min(span.offset + span.length, line_start + to) && i < text.size() && text[i] != '\n'; ++i)
    if (bytewise || !continuation_byte(text[i])) ++width;
  out += '^';
  if (width > 1) out += std::string(width - 1, '~');
  out += '\n';
}

std::string location_or(const Span& span, const std::string& fallback_path) {
  return span.source ? location(span) : fallback_path;
}

}  // namespace

Diagnostic make_diagnostic(Code code, Span at, std::string message, std::string help) {
  Diagnostic d;
  d.severity = code_info(code).severity;
  d.span = std::move(at);
  d.message = std::move(message);
  d.code = code;
  d.help = std::move(help);
  return d;
}

Diagnostic make_diagnostic(Code code, std::string path, std::string message, std::string help) {
  Diagnostic d = make_diagnostic(code, Span{}, std::move(message), std::move(help));
  d.path = std::move(path);
  return d;
}

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string diagnostic_path(const Diagnostic& d) { return d.span.source ? d.span.source->path() : d.path; }

// The message, notes and help quote user input, and the path is a user's
// file name: all of it goes out through `printable`.
std::string render_text(const Diagnostic& d) {
  std::string out = printable(location_or(d.span, d.path));
  out += ": ";
  out += severity_name(d.severity);
  out += ": " + printable(d.message);
  out += " [" + std::string(code_name(d.code)) + ']';
  out += '\n';
  append_excerpt(out, d.span);
  for (const Note& note : d.notes) {
    out += printable(location_or(note.span, d.path)) + ": note: " + printable(note.message) + '\n';
    append_excerpt(out, note.span);
  }
  if (!d.help.empty()) out += "   = help: " + printable(d.help) + '\n';
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(diagnostic_path(d), d.span.offset, static_cast<int>(d.severity), d.message, code_name(d.code));
  };
  std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  ds.erase(std::unique(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
           ds.end());
}

bool has_errors(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace remit
