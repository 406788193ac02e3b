#include <algorithm>
#include <tuple>

#include "remit/diagnostic.hpp"

namespace remit {
namespace {

// The source line, then a caret line whose padding copies tabs so the caret
// sits under the right character whatever the tab width.
void append_excerpt(std::string& out, const Span& span) {
  if (!span.source) return;
  const auto pos = span.source->position(span.offset);
  const std::string_view line = span.source->line_text(pos.line);
  const std::string number = std::to_string(pos.line);
  const std::string gutter(number.size(), ' ');
  out += ' ' + number + " | " + std::string(line) + '\n';
  out += ' ' + gutter + " | ";
  std::size_t column = 1;
  for (std::size_t i = 0; i < line.size() && column < pos.column; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
    ++column;
  }
  // Underline the span's characters on this line, at least one.
  std::size_t width = 0;
  const std::string& text = span.source->text();
  for (std::size_t i = span.offset; i < std::min(span.offset + span.length, text.size()) && text[i] != '\n'; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++width;
  out += '^';
  if (width > 1) out += std::string(width - 1, '~');
  out += '\n';
}

std::string location(const Span& span, const std::string& fallback_path) {
  if (!span.source) return fallback_path;
  const auto pos = span.source->position(span.offset);
  return span.source->path() + ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column);
}

}  // namespace

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string diagnostic_path(const Diagnostic& d) { return d.span.source ? d.span.source->path() : d.path; }

std::string render_text(const Diagnostic& d) {
  std::string out = location(d.span, d.path);
  out += ": ";
  out += severity_name(d.severity);
  out += ": " + d.message;
  if (!d.code.empty()) out += " [" + d.code + ']';
  out += '\n';
  append_excerpt(out, d.span);
  for (const Note& note : d.notes) {
    out += location(note.span, d.path) + ": note: " + note.message + '\n';
    append_excerpt(out, note.span);
  }
  if (!d.help.empty()) out += "   = help: " + d.help + '\n';
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(diagnostic_path(d), d.span.offset, static_cast<int>(d.severity), d.message, d.code);
  };
  std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  ds.erase(std::unique(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
           ds.end());
}

bool has_errors(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace remit
