#include "model/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace remit {

CodePoint decode_utf8(std::string_view s, std::size_t at) {
  const std::size_t left = s.size() - at;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const unsigned char c = byte(0);
  if (c < 0x80) return {c, 1};
  // The second byte's range depends on the first (RFC 3629, section 4):
  // that is what rules out overlongs, surrogates and code points past U+10FFFF.
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  char32_t value = 0;
  if (c >= 0xC2 && c <= 0xDF) length = 2, value = c & 0x1F;
  else if (c == 0xE0) length = 3, low = 0xA0, value = c & 0x0F;
  else if (c == 0xED) length = 3, high = 0x9F, value = c & 0x0F;
  else if (c >= 0xE1 && c <= 0xEF) length = 3, value = c & 0x0F;
  else if (c == 0xF0) length = 4, low = 0x90, value = c & 0x07;
  else if (c == 0xF4) length = 4, high = 0x8F, value = c & 0x07;
  else if (c >= 0xF1 && c <= 0xF3) length = 4, value = c & 0x07;
  else return {};  // 80–C1 and F5–FF never start a character
  if (left < length) return {};
  if (byte(1) < low || byte(1) > high) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return {};
    value = (value << 6) | (byte(k) & 0x3F);
  }
  return {value, length};
}

std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // ASCII runs are the common case.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const CodePoint cp = decode_utf8(s, i);
    if (cp.length == 0) return i;
    i += cp.length;
  }
  return std::string_view::npos;
}

Hidden hidden_kind(char32_t c) {
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return Hidden::control;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C)
    return Hidden::bidi;
  if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) return Hidden::invisible;
  if (c == 0x2028 || c == 0x2029) return Hidden::separator;
  return Hidden::none;
}

std::string printable(std::string_view s, bool keep_line_breaks) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b >= 0x20 && b < 0x7F) || (keep_line_breaks && b == '\n')) {
      out += s[i++];
      continue;
    }
    const CodePoint cp = decode_utf8(s, i);
    if (cp.length == 0) {
      out += fmt::format("\\x{{{:02x}}}", b);
      ++i;
      continue;
    }
    if (hidden_kind(cp.value) != Hidden::none) out += fmt::format("\\u{{{:x}}}", static_cast<std::uint32_t>(cp.value));
    else out.append(s, i, cp.length);
    i += cp.length;
  }
  return out;
}

namespace {

std::string_view character_name(char32_t c) {
  switch (c) {
    case 0x00: return " (NUL)";
    case 0x07: return " (bell)";
    case 0x08: return " (backspace)";
    case 0x0D: return " (carriage return not before a line feed)";
    case 0x1B: return " (escape)";
    case 0x7F: return " (delete)";
    case 0x202A: return " (left-to-right embedding)";
    case 0x202B: return " (right-to-left embedding)";
    case 0x202C: return " (pop directional formatting)";
    case 0x202D: return " (left-to-right override)";
    case 0x202E: return " (right-to-left override)";
    case 0x2066: return " (left-to-right isolate)";
    case 0x2067: return " (right-to-left isolate)";
    case 0x2068: return " (first strong isolate)";
    case 0x2069: return " (pop directional isolate)";
    case 0x200B: return " (zero width space)";
    case 0x200C: return " (zero width non-joiner)";
    case 0x200D: return " (zero width joiner)";
    case 0x2060: return " (word joiner)";
    case 0xFEFF: return " (zero width no-break space, or a byte-order mark)";
    default: return "";
  }
}

}  // namespace

bool check_rule_text(const SourcePtr& source, std::vector<Diagnostic>& out) {
  constexpr std::size_t max_reported = 100;
  const std::string& text = source->text();
  std::size_t reported = 0;
  for (std::size_t i = 0; i < text.size() && reported < max_reported;) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || (b == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      ++i;
      continue;
    }
    const CodePoint cp = decode_utf8(text, i);
    if (cp.length == 0) {
      out.push_back(make_diagnostic(Code::encoding, Span{source, i, 1}, "the file is not valid UTF-8 here", "save the file as UTF-8"));
      return false;  // past a bad byte, columns mean little
    }
    const Hidden kind = hidden_kind(cp.value);
    if (kind != Hidden::none) {
      const std::string what = kind == Hidden::control   ? "the control character"
                               : kind == Hidden::bidi    ? "the bidirectional control"
                               : kind == Hidden::invisible ? "the invisible character"
                                                           : "the line separator";
      const std::string help =
          kind == Hidden::control   ? "delete it: a rule file holds text, tabs and line breaks, and a terminal escape or a bell in it can disguise what it says"
          : kind == Hidden::bidi    ? "delete it: a bidirectional control makes the text shown differ from the text remit reads"
          : kind == Hidden::invisible ? "delete it: an invisible character makes two names that look the same differ"
                                      : "use an ordinary line break";
      out.push_back(make_diagnostic(Code::hidden_character, Span{source, i, cp.length},
                                    fmt::format("a rule file cannot hold {} U+{:04X}{}", what, static_cast<std::uint32_t>(cp.value),
                                                character_name(cp.value)),
                                    help));
      ++reported;
    }
    i += cp.length;
  }
  return reported == 0;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace remit
