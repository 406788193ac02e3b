#pragma once
// ASCII character tests for the grammar's own parsers and for parse.cpp.
// Only ASCII is classified: bytes of UTF-8 text (such as `£`) are never words.
#include <string_view>

namespace remit::grammar {

constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `word` equals `keyword` (given in lower case) without regard to case.
constexpr bool is_keyword(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (ascii_lower(word[i]) != keyword[i]) return false;
  return true;
}

}  // namespace remit::grammar
