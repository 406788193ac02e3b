#include "io/register_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "model/names.hpp"
#include "model/utf8.hpp"

namespace remit {

bool read_column_map(std::string_view text, std::vector<std::pair<std::string, std::string>>& out, std::string& error) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
  };
  std::size_t line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view content = trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    if (content.empty() || content.front() == '#') continue;
    const std::size_t equals = content.rfind('=');
    if (equals == std::string_view::npos || trim(content.substr(0, equals)).empty()) {
      error = fmt::format("line {}: expected `Register heading = column`, as in `Decision maker = approver`", line);
      return false;
    }
    out.emplace_back(trim(content.substr(0, equals)), trim(content.substr(equals + 1)));
  }
  return true;
}

namespace register_cells {
namespace {

constexpr std::array<std::string_view, 6> ours = {"id", "date", "kind", "approver", "acting_for", "evidence"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Whether `a` is `b` with one letter wrong, missing, extra, or two letters
// swapped: a heading so close to a fact's name that it was surely meant.
bool one_slip(std::string_view a, std::string_view b) {
  if (a == b || a.size() + 1 < b.size() || b.size() + 1 < a.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  auto rest_equal = [&](std::size_t skip_a, std::size_t skip_b) { return a.substr(std::min(a.size(), i + skip_a)) == b.substr(std::min(b.size(), i + skip_b)); };
  if (a.size() == b.size())
    return rest_equal(1, 1) || (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && rest_equal(2, 2));
  return a.size() > b.size() ? rest_equal(1, 0) : rest_equal(0, 1);
}

std::string in_quotes(std::string_view s) { return "`" + printable(std::string(s)) + "`"; }

}  // namespace

std::string fold(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size(); ++i) {
    const char c = heading[i];
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (static_cast<unsigned char>(c) >= 0x80) {
      // £ (C2 A3) and € (E2 82 AC) are units, as `$` is: left out.
      if (heading.substr(i, 2) == "\xC2\xA3") ++i;
      else if (heading.substr(i, 3) == "\xE2\x82\xAC") i += 2;
      else out += c;
    }
  }
  return out;
}

bool read_columns(const Scheme& scheme, const std::vector<std::string_view>& header, const AuditOptions& options, Columns& h,
                  std::string& error) {
  std::vector<std::string> problems;
  h = Columns{};
  h.width = header.size();
  for (std::string_view name : header) h.names.emplace_back(trim(name));
  std::vector<std::string> facts;  // of every version, by name
  for (const Version& v : scheme.versions)
    for (const FactDef& f : v.facts)
      if (std::find(facts.begin(), facts.end(), f.name) == facts.end()) facts.push_back(f.name);
  // What a folded name stands for: one of ours (0-5), a fact (6 + index), or nothing.
  auto target = [&](std::string_view folded) -> int {
    for (std::size_t i = 0; i < ours.size(); ++i)
      if (fold(ours[i]) == folded) return static_cast<int>(i);
    for (std::size_t i = 0; i < facts.size(); ++i)
      if (fold(facts[i]) == folded) return static_cast<int>(ours.size() + i);
    return -1;
  };
  auto target_name = [&](int t) {
    return t < static_cast<int>(ours.size()) ? std::string(ours[static_cast<std::size_t>(t)]) : facts[static_cast<std::size_t>(t) - ours.size()];
  };
  std::vector<std::string> folded;
  for (const std::string& name : h.names) folded.push_back(fold(name));
  // Mappings: each names a heading, and one of ours, a fact, or nothing.
  std::vector<int> mapped(header.size(), -2);  // -2: not mapped; -1: mapped to nothing
  for (const auto& [from, to] : options.columns) {
    const std::string f = fold(from);
    const auto at = std::find(folded.begin(), folded.end(), f);
    if (f.empty() || at == folded.end()) {
      problems.push_back("the mapping `" + printable(from) + "=" + printable(to) + "` names no heading of the register");
      continue;
    }
    int t = -1;
    if (!trim(to).empty() && (t = target(fold(to))) < 0) {
      std::vector<std::string> names(ours.begin(), ours.end());
      names.insert(names.end(), facts.begin(), facts.end());
      std::string p = "the mapping `" + printable(from) + "=" + printable(to) + "`: " + in_quotes(to) +
                      " is not `id`, `date`, `kind`, `approver`, `acting_for`, `evidence` or a fact of the scheme";
      if (std::string help = did_you_mean(std::string(to), names, "column"); !help.empty()) p += "; " + printable(help);
      problems.push_back(p);
      continue;
    }
    mapped[static_cast<std::size_t>(at - folded.begin())] = t;
  }
  std::vector<int> column_of(ours.size() + facts.size(), -1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const int t = mapped[c] != -2 ? mapped[c] : target(folded[c]);
    if (t < 0) {
      h.unused.push_back(h.names[c]);
      continue;
    }
    int& slot = column_of[static_cast<std::size_t>(t)];
    if (slot >= 0) {
      problems.push_back(fmt::format("the columns {} and {} both give `{}`; map one of them elsewhere, or to nothing (`--map \"{}=\"`)",
                                     in_quotes(h.names[static_cast<std::size_t>(slot)]), in_quotes(h.names[c]), target_name(t),
                                     printable(h.names[c])));
      continue;
    }
    slot = static_cast<int>(c);
    if (t >= static_cast<int>(ours.size())) h.facts.emplace_back(c, target_name(t));
  }
  h.id = column_of[0], h.date = column_of[1], h.kind = column_of[2], h.approver = column_of[3];
  h.acting_for = column_of[4], h.evidence = column_of[5];
  for (std::size_t required : {1, 2, 3})
    if (column_of[required] < 0) {
      std::string p = "no `" + std::string(ours[required]) + "` column";
      if (!h.unused.empty()) {
        std::string list;
        for (std::size_t i = 0; i < h.unused.size() && i < 6; ++i) list += (i ? ", " : "") + in_quotes(h.unused[i]);
        p += fmt::format(" (the headings not used are {}{}: name the one that holds it with --map \"{}={}\")", list,
                         h.unused.size() > 6 ? ", …" : "", printable(h.unused.front()), ours[required]);
      }
      else p += "; the header needs `date`, `kind` and `approver`";
      problems.push_back(p);
    }
  // A heading one letter from a fact is likely meant as it: said, not guessed.
  for (const std::string& name : h.unused)
    for (const std::string& fact : facts)
      if (one_slip(fold(name), fold(fact)))
        h.notes.push_back("the column " + in_quotes(name) + " is passed through, not read as a fact; did you mean `" + fact +
                          "`? (--map \"" + printable(name) + "=" + fact + "\")");
  for (const std::string& name : options.keep) {
    const auto at = std::find(folded.begin(), folded.end(), fold(name));
    if (at == folded.end()) problems.push_back("--keep names " + in_quotes(name) + ", which is no heading of the register");
    else if (std::find(h.kept.begin(), h.kept.end(), static_cast<std::size_t>(at - folded.begin())) == h.kept.end())
      h.kept.push_back(static_cast<std::size_t>(at - folded.begin()));
  }
  if (options.keep.empty())
    for (std::size_t c = 0; c < header.size(); ++c) h.kept.push_back(c);
  if (!problems.empty()) {
    error = problems.size() == 1 ? "line 1: " + problems.front() : fmt::format("line 1: the header has {} problems:", problems.size());
    if (problems.size() > 1)
      for (const std::string& p : problems) error += "\n  - " + p;
    return false;
  }
  h.fact_index.resize(scheme.versions.size());
  for (std::size_t v = 0; v < scheme.versions.size(); ++v)
    for (const auto& [col, name] : h.facts) h.fact_index[v].push_back(scheme.versions[v].find_fact(name));
  return true;
}

namespace {

constexpr std::array<std::string_view, 12> month_names = {"January", "February", "March",     "April",   "May",      "June",
                                                          "July",    "August",   "September", "October", "November", "December"};

unsigned days_in(int year, unsigned month) {
  static constexpr std::array<unsigned, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// Digits only, as a number; nullopt for anything else.
std::optional<int> number(std::string_view s) {
  int n = 0;
  if (s.empty() || s.size() > 4) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

// The day, or why it is not one.
DateReading day(std::string_view text, int year, int month, int d) {
  DateReading r;
  if (month < 1 || month > 12) r.why = fmt::format("`{}` has no month {}: months run from 1 to 12", text, month);
  else if (d < 1 || static_cast<unsigned>(d) > days_in(year, static_cast<unsigned>(month)))
    r.why = fmt::format("`{}` is not a day: {} {} has {} days", text, month_names[static_cast<std::size_t>(month - 1)], year,
                        days_in(year, static_cast<unsigned>(month)));
  else r.date = date_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(d));
  return r;
}

// Whether `rest` is a time of day Excel writes after a date: ` 00:00:00`,
// `T00:00`, ` 00:00:00.000`.
bool time_of_day(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest.front() != ' ' && rest.front() != 'T') return false;
  rest.remove_prefix(1);
  if (rest.size() < 4) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) { return (c >= '0' && c <= '9') || c == ':' || c == '.'; });
}

}  // namespace

bool shows_day_first(std::string_view text) {
  const std::size_t slash = text.find_first_of("/.");
  if (slash == std::string_view::npos) return false;
  const auto first = number(trim(text.substr(0, slash)));
  return first && *first > 12 && *first <= 31;
}

DateReading read_date(std::string_view text, DateOrder order, bool day_first) {
  DateReading r;
  text = trim(text);
  if (text.empty()) {
    r.why = "the row has no date; an audit needs it to choose the version in force";
    return r;
  }
  const std::string shown = printable(std::string(text));
  const std::size_t space = text.find_first_of(" T");
  const std::string_view date = text.substr(0, space == std::string_view::npos ? text.size() : space);
  const std::string_view rest = space == std::string_view::npos ? std::string_view() : text.substr(space);
  const char sep = date.find('/') != std::string_view::npos ? '/' : date.find('.') != std::string_view::npos ? '.' : '-';
  std::array<std::string_view, 3> parts;
  std::size_t count = 0;
  for (std::string_view d = date;; ++count) {
    const std::size_t at = d.find(sep);
    if (count < parts.size()) parts[count] = d.substr(0, at);
    if (at == std::string_view::npos) {
      ++count;
      break;
    }
    d.remove_prefix(at + 1);
  }
  const auto a = count == 3 ? number(parts[0]) : std::nullopt, b = count == 3 ? number(parts[1]) : std::nullopt,
             c = count == 3 ? number(parts[2]) : std::nullopt;
  if (!a || !b || !c || !time_of_day(rest)) {
    r.why = "`" + shown + "` is not a date: write it as `YYYY-MM-DD` or `dd/mm/yyyy`";
    return r;
  }
  if (sep == '-' && parts[0].size() == 4) return (r = day(shown, *a, *b, *c));
  if (sep == '-' || (parts[2].size() != 4 && parts[2].size() != 2)) {
    r.why = "`" + shown + "` is not a date: write it as `YYYY-MM-DD` or `dd/mm/yyyy`";
    return r;
  }
  // Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 1930-1999.
  const int year = parts[2].size() == 4 ? *c : *c < 30 ? 2000 + *c : 1900 + *c;
  if (order == DateOrder::iso) {
    r.why = "`" + shown + "` is not written YYYY-MM-DD, as --date-format iso says the register's dates are";
    return r;
  }
  r.shows_dmy = *a > 12 && *a <= 31;
  bool dmy = order == DateOrder::dmy;
  if (order == DateOrder::unset) {
    if (*a > 12 || *a == *b || day_first) {
      dmy = true;
    } else if (*b > 12) {
      r.why = "`" + shown + "` reads only month first; if the register writes dates so, give --date-format mdy";
      return r;
    } else {
      r.why = fmt::format("`{}` reads as {} {} or as {} {} {}; give --date-format dmy (day first, as UK registers write it) or mdy",
                          shown, *a, month_names[static_cast<std::size_t>(*b - 1)], *b, month_names[static_cast<std::size_t>(*a - 1)], year);
      return r;
    }
  }
  return dmy ? (r = day(shown, year, *b, *a), r.shows_dmy = *a > 12 && *a <= 31, r) : day(shown, year, *a, *b);
}

}  // namespace register_cells
}  // namespace remit
