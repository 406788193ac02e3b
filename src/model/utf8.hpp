#pragma once
// UTF-8, strictly as RFC 3629 defines it, and the characters that must not
// reach a terminal or a log as they are. One validator, shared by every
// reader of UTF-8 (rule files, decisions, JSON, registers) and by the
// diagnostic renderer; one escaper, shared by every writer of text output.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "remit/diagnostic.hpp"

namespace remit {

// Offset of the first byte that is not well-formed UTF-8, or npos. Refused:
// stray continuation bytes, C0, C1 and F5–FF lead bytes, overlong forms of
// every length, encoded surrogates (U+D800–DFFF), code points above
// U+10FFFF, and a sequence cut short by the end of the text.
std::size_t invalid_utf8_at(std::string_view text);

// The code point that starts at `at` and its length in bytes; length 0 when
// the bytes there are not well-formed UTF-8.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};
CodePoint decode_utf8(std::string_view text, std::size_t at);
// Appends a code point as UTF-8 (the caller keeps it a scalar value): the one
// encoder, for JSON escapes, papers and registers decoded from another encoding.
void append_utf8(std::string& out, char32_t cp);

// Characters that change how text is shown rather than showing themselves.
enum class Hidden {
  none,
  control,     // C0 (but tab), DEL, C1: terminal escapes, bells, line breaks
  bidi,        // U+202A–202E, U+2066–2069, U+200E–200F, U+061C: reorder what is shown ("Trojan Source")
  invisible,   // U+200B–200D, U+2060, U+FEFF: zero-width, so two names look alike
  separator,   // U+2028, U+2029: line breaks to some viewers
};
Hidden hidden_kind(char32_t c);

// Text as shown in text output: every hidden character (tab and line breaks
// included, so a value stays on its line) is written as `\u{1b}`, and every
// byte that is not UTF-8 as `\x{ff}`; anything else is unchanged. A writer
// escapes each value it takes from a decision, a register or a rule file;
// `keep_line_breaks` is for a whole text already laid out in lines by a
// writer, which escapes it once more on its way out.
std::string printable(std::string_view text, bool keep_line_breaks = false);

// Refuses what a rule file may not hold, wherever it is (code, strings,
// comments): bytes that are not UTF-8, and hidden characters, except a tab
// and a CR before a LF. One error per character at its line and column (the
// first 100); false when there is any. The checker and `fmt` call it before
// parsing, so that no text they accept can disguise what it says.
bool check_rule_text(const SourcePtr& source, std::vector<Diagnostic>& out);

}  // namespace remit
