#include "io/audit_split.hpp"

#include <fmt/format.h>

#include "eval/audit_rows.hpp"
#include "io/csv.hpp"
#include "model/utf8.hpp"

namespace remit::split {

bool Finder::set_key(const register_cells::Columns& h, const std::vector<std::string>& key, std::string& error) {
  for (const std::string& name : key) {
    const std::string folded = register_cells::fold(name);
    int column = -1;
    for (std::size_t c = 0; c < h.names.size() && column < 0; ++c)
      if (register_cells::fold(h.names[c]) == folded) column = static_cast<int>(c);
    for (const auto& [c, fact] : h.facts)
      if (column < 0 && register_cells::fold(fact) == folded) column = static_cast<int>(c);
    const std::pair<std::string_view, int> ours[] = {{"id", h.id}, {"date", h.date}, {"kind", h.kind}, {"approver", h.approver}};
    for (const auto& [name_ours, c] : ours)
      if (column < 0 && folded == name_ours) column = c;
    if (column < 0) {
      std::string names;
      for (const std::string& n : h.names) names += (names.empty() ? "`" : ", `") + printable(n) + "`";
      error = "--split-key `" + printable(name) + "`: the register has no such column; its columns are " + names;
      return false;
    }
    key_columns_.push_back(column);
  }
  return true;
}

bool Finder::add(std::string_view text, std::size_t line, std::string_view id, const std::vector<std::string_view>* fields,
                 const Decision* d, AuditOutcome outcome, std::string& error) {
  if (held_.size() >= max_held) {
    error = fmt::format("line {}: more than {} rows lie within --split-window {} days of each other and are held back to find split "
                        "orders; give a shorter --split-window",
                        line, max_held, window_);
    return false;
  }
  Held h{std::string(text), line, std::string(id), {}, {}, {}, false};
  const std::size_t seq = first_seq_ + held_.size();
  std::int64_t pence = 0;
  if (d && d->date) {
    if (latest_ && *d->date < *latest_) {
      error = fmt::format("line {}: dated {}, before line {} ({}): --split-key needs the register's rows in date order, oldest first; "
                          "sort it by date and audit it again",
                          line, format_date(*d->date), latest_line_, format_date(*latest_));
      return false;
    }
    latest_ = d->date;
    latest_line_ = line;
    h.date = d->date;
    const int m = eval::money_fact(*d->version);
    const bool has_money = m >= 0 && static_cast<std::size_t>(m) < d->facts.size() && d->facts[static_cast<std::size_t>(m)];
    if (outcome == AuditOutcome::authorised && fields && has_money) {
      pence = d->facts[static_cast<std::size_t>(m)]->number;
      h.key = d->version->kinds[static_cast<std::size_t>(d->kind)];
      for (const int c : key_columns_) {
        std::string_view cell = static_cast<std::size_t>(c) < fields->size() ? (*fields)[static_cast<std::size_t>(c)] : "";
        while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
        while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
        if (cell.empty()) h.key.clear();
        if (h.key.empty()) break;
        (h.key += '\x1f') += cell;
      }
      h.in_window = !h.key.empty();
    }
  }
  held_.push_back(std::move(h));
  const Held& added = held_.back();
  if (!added.in_window) return true;
  Window& w = windows_[added.key];
  while (!w.entries.empty() && w.entries.front().decision.date->days < d->date->days - window_) w.entries.pop_front();
  w.entries.push_back(Entry{seq, *d, pence});
  judge(added.key, w);
  return true;
}

void Finder::judge(const std::string& key, Window& w) {
  if (w.entries.size() < 2) return;
  Decision g = w.entries.back().decision;
  const Version& v = *g.version;
  const auto m = static_cast<std::size_t>(eval::money_fact(v));
  std::int64_t total = 0;
  bool overflow = false;
  for (const Entry& e : w.entries) overflow |= __builtin_add_overflow(total, e.pence, &total);
  // The other facts, where every row gives the same; else not known, so
  // that a fact the total's paragraph needs makes it undetermined.
  for (std::size_t f = 0; f < g.facts.size(); ++f)
    for (const Entry& e : w.entries)
      if (f != m && (e.decision.version != g.version || e.decision.facts[f] != g.facts[f])) g.facts[f].reset();
  g.facts[m] = Value{total, {}, false};
  FastVerdict verdict;
  for (const Entry& e : w.entries) {
    if (overflow || e.decision.version != g.version) continue;
    g.approver = e.decision.approver;
    verdict = compiled_.decide(g);
    if (verdict.outcome == Outcome::authorised) return;  // one of its approvers could approve the whole
  }
  std::size_t n = w.group;
  if (n == SIZE_MAX || w.group_first < w.entries.front().seq) {
    n = groups_++;
    ++summary_.splits_total;
  }
  w.group = n;
  w.group_first = w.entries.front().seq;
  const std::string name = fmt::format("S{}", n + 1);
  for (const Entry& e : w.entries) {
    std::string& groups = held_[e.seq - first_seq_].groups;
    if (groups.size() >= name.size() && groups.compare(groups.size() - name.size(), name.size(), name) == 0) continue;
    if (!groups.empty()) groups += ';';
    groups += name;
  }
  if (n >= AuditSummary::flagged_kept) return;
  if (n == summary_.splits.size()) summary_.splits.emplace_back();
  AuditSummary::Split& s = summary_.splits[n];
  s.id = name;
  s.key = key.substr(key.find('\x1f') + 1);
  for (std::size_t p; (p = s.key.find('\x1f')) != std::string::npos;) s.key.replace(p, 1, " / ");
  s.rows.clear();
  for (const Entry& e : w.entries) s.rows.emplace_back(held_[e.seq - first_seq_].line, held_[e.seq - first_seq_].id);
  s.total = total;
  s.overflow = overflow;
  s.first = format_date(*w.entries.front().decision.date);
  s.last = format_date(*g.date);
  s.outcome = overflow ? "undetermined" : std::string(outcome_name(verdict.outcome));
  s.deciding.clear();
  s.needed.clear();
  if (overflow) return;
  for (int p : verdict.deciding)
    s.deciding += (s.deciding.empty() ? "" : "; ") + v.provisions[static_cast<std::size_t>(p)].para + " (" + v.label + ")";
  for (const std::vector<int>& set : verdict.lowest) s.needed += (s.needed.empty() ? "" : "|") + posts_text(v, set, "+");
}

void Finder::append_with_group(std::string& out, const Held& h) const {
  std::string_view text = h.text;
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  switch (format_) {
    case AuditFormat::csv:
      out += text;
      out += ',';
      csv::append_field(out, h.groups, csv::Cell::text);
      break;
    case AuditFormat::jsonl:
      if (!text.empty() && text.back() == '}') text.remove_suffix(1);
      out += text;
      out += h.groups.empty() ? std::string(",\"split_group\":null}") : ",\"split_group\":\"" + h.groups + "\"}";
      break;
    case AuditFormat::text:
      out += text;
      if (!h.groups.empty()) out += "; possible split " + h.groups;
      break;
  }
  out += '\n';
}

void Finder::release(std::string& out, bool all) {
  while (!held_.empty()) {
    const Held& h = held_.front();
    if (!all && h.date && latest_ && h.date->days >= latest_->days - window_) break;
    append_with_group(out, h);
    if (h.in_window) {
      auto it = windows_.find(h.key);
      if (it != windows_.end() && !it->second.entries.empty() && it->second.entries.front().seq == first_seq_)
        it->second.entries.pop_front();
      if (it != windows_.end() && it->second.entries.empty()) windows_.erase(it);
    }
    held_.pop_front();
    ++first_seq_;
  }
}

}  // namespace remit::split
