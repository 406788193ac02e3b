#pragma once
// Split orders for `remit audit` (--split-key, --split-window): rows of one
// key (a supplier) within a window of days are summed, and a group whose
// total none of its rows' approvers could have approved is reported. The
// rows are held back only while a later row could still join their group,
// so that each is written with its `split_group`. See docs/audit.md.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/register_cells.hpp"
#include "remit/audit.hpp"

namespace remit::split {

class Finder {
 public:
  // At most this many rows are held back at once.
  static constexpr std::size_t max_held = std::size_t{1} << 16;

  Finder(const CompiledScheme& compiled, AuditFormat format, int window_days, AuditSummary& summary)
      : compiled_(compiled), format_(format), window_(window_days), summary_(summary) {}

  // The key's columns, by heading as headings are compared; false, with
  // `error`, for one the header lacks.
  bool set_key(const register_cells::Columns& h, const std::vector<std::string>& key, std::string& error);
  // Takes a row's output `text` (one line, its newline included); `fields`
  // its cells (null when unread), `d` its decision when decided. False,
  // with `error`, for a row dated before one already read or too many held.
  bool add(std::string_view text, std::size_t line, std::string_view id, const std::vector<std::string_view>* fields,
           const Decision* d, AuditOutcome outcome, std::string& error);
  // Appends the rows no later row can join a group with (all, at the end).
  void release(std::string& out, bool all);

 private:
  struct Held {
    std::string text;
    std::size_t line = 0;
    std::string id, key;
    std::optional<Date> date;
    std::string groups;  // `S1;S2`
    bool in_window = false;
  };
  struct Entry {
    std::size_t seq = 0;
    Decision decision;
    std::int64_t pence = 0;
  };
  struct Window {
    std::deque<Entry> entries;
    std::size_t group = SIZE_MAX;      // the last group found (index by number), or none
    std::size_t group_first = 0;       // the seq of its first row
  };
  void judge(const std::string& key, Window& w);
  void append_with_group(std::string& out, const Held& h) const;

  const CompiledScheme& compiled_;
  AuditFormat format_;
  int window_;
  AuditSummary& summary_;
  std::vector<int> key_columns_;
  std::deque<Held> held_;
  std::size_t first_seq_ = 0;  // the seq of held_.front()
  std::optional<Date> latest_;
  std::size_t latest_line_ = 0;
  std::unordered_map<std::string, Window> windows_;
  std::size_t groups_ = 0;
};

}  // namespace remit::split
