// A unified diff of two texts by lines (Myers' O(ND) algorithm), for
// `remit fmt --check`.
#include <algorithm>
#include <string_view>

#include "remit/format.hpp"

namespace remit {
namespace {

// Lines with their newline, so that a missing final newline is a difference.
std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.emplace_back(text.data() + start, end - start);
    start = end;
  }
  return lines;
}

enum class Op { same, removed, added };
struct Edit {
  Op op;
  std::size_t a, b;  // line indices in before / after
};

// Beyond this many differing lines the diff is given as one replacement:
// the search keeps a row per step, and such a diff is read as "all changed".
constexpr std::size_t max_edit_distance = 4000;

std::vector<Edit> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<std::ptrdiff_t>(a.size()), m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = n + m, offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<std::ptrdiff_t>> trace;
  std::ptrdiff_t found = -1;
  for (std::ptrdiff_t d = 0; d <= max && d <= static_cast<std::ptrdiff_t>(max_edit_distance); ++d) {
    trace.push_back(v);
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  std::vector<Edit> edits;
  if (found < 0) {  // too different: everything out, everything in
    for (std::size_t i = 0; i < a.size(); ++i) edits.push_back({Op::removed, i, 0});
    for (std::size_t j = 0; j < b.size(); ++j) edits.push_back({Op::added, a.size(), j});
    return edits;
  }
  std::ptrdiff_t x = n, y = m;
  for (std::ptrdiff_t d = found; d > 0; --d) {
    const auto& row = trace[static_cast<std::size_t>(d)];
    const std::ptrdiff_t k = x - y;
    const std::ptrdiff_t prev_k = (k == -d || (k != d && row[offset + k - 1] < row[offset + k + 1])) ? k + 1 : k - 1;
    const std::ptrdiff_t prev_x = row[offset + prev_k], prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) --x, --y, edits.push_back({Op::same, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    if (x == prev_x) edits.push_back({Op::added, static_cast<std::size_t>(x), static_cast<std::size_t>(--y)});
    else edits.push_back({Op::removed, static_cast<std::size_t>(--x), static_cast<std::size_t>(y)});
  }
  while (x > 0 && y > 0) --x, --y, edits.push_back({Op::same, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
  std::reverse(edits.begin(), edits.end());
  return edits;
}

std::string range(std::size_t start, std::size_t count) {
  // An empty range is numbered by the line before it, as diff(1) does.
  if (count == 0) return std::to_string(start) + ",0";
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(start + 1) + "," + std::to_string(count);
}

void print_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
  if (before == after) return {};
  const auto a = lines_of(before), b = lines_of(after);
  const std::vector<Edit> edits = edit_script(a, b);
  constexpr std::size_t context = 3;
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  std::size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::same) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines
    // after the last change that is no more than 2 * context lines away.
    const std::size_t start = i >= context ? i - context : 0;
    std::size_t end = i;
    std::size_t same_run = 0;
    for (std::size_t j = i; j < edits.size(); ++j) {
      if (edits[j].op == Op::same) {
        if (++same_run > 2 * context) break;
      } else {
        same_run = 0;
        end = j + 1;
      }
    }
    const std::size_t stop = std::min(edits.size(), end + context);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t j = start; j < stop; ++j) {
      if (edits[j].op != Op::added) ++a_count;
      if (edits[j].op != Op::removed) ++b_count;
    }
    out += "@@ -" + range(edits[start].a, a_count) + " +" + range(edits[start].b, b_count) + " @@\n";
    for (std::size_t j = start; j < stop; ++j) {
      const Edit& e = edits[j];
      if (e.op == Op::same) print_line(out, ' ', a[e.a]);
      else if (e.op == Op::removed) print_line(out, '-', a[e.a]);
      else print_line(out, '+', b[e.b]);
    }
    i = stop;
  }
  return out;
}

}  // namespace remit
