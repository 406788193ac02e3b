#pragma once
// What the paper stage shares: lines with their offsets, and ASCII case and
// blank handling (papers are read in English; other bytes pass unchanged).
#include <string>
#include <string_view>
#include <vector>

namespace remit::paper {

struct Line {
  std::size_t offset = 0;  // of the line's first byte in the paper
  std::string_view text;   // without the line break
};

inline std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(Line{start, line});
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace remit::paper
