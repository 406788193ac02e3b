// Reading a decision paper (issue 16): the reference, the date signed, the
// decision maker, the kind and amount of what is decided, the sections the
// scheme requires, and every claim of authority, each with its span. What
// the paper does not state plainly is left out, never guessed.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "model/names.hpp"
#include "paper/text.hpp"
#include "remit/money.hpp"
#include "remit/paper.hpp"

namespace remit {
namespace {

using paper::Line;
using paper::lower;
using paper::trim;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The line of the paper as written, for an offset in the text read.
std::size_t line_at(const Paper& p, std::size_t offset) {
  const std::size_t line = p.source->position(offset).line;
  return p.line_map.empty() ? line : p.line_map[std::min(line, p.line_map.size()) - 1];
}

PaperField field(const Paper& p, std::size_t offset, std::string_view text, std::string value) {
  return PaperField{std::string(text), std::move(value), Span{p.source, offset, text.size()}, line_at(p, offset),
                    p.source->position(offset).column};
}

// ---- reference: `PCD 785`, `DMPCD 2014 23`, `CEOD 24-2023` -----------------

// The length of a reference at the start of `s`: two to six capitals ending
// in `D`, a space, and digits, then optionally ` DIGITS` or `-DIGITS`.
std::size_t reference_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_upper(s[i])) ++i;
  if (i < 2 || i > 6 || s[i - 1] != 'D') return 0;
  if (i < s.size() && s[i] == ' ') ++i;
  const std::size_t digits = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == digits) return 0;
  if (i + 1 < s.size() && (s[i] == ' ' || s[i] == '-') && is_digit(s[i + 1])) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i < s.size() && is_word(s[i]) ? 0 : i;
}

// A reference on a line of its own, or after `Reference:` (`Decision
// number:`, `Ref:`). References inside sentences name other papers.
void find_reference(const std::vector<Line>& lines, Paper& p) {
  for (const Line& l : lines) {
    std::string_view t = trim(l.text);
    std::size_t at = static_cast<std::size_t>(t.data() - l.text.data());
    for (std::string_view label : {"reference:", "decision number:", "ref:"})
      if (lower(t).rfind(label, 0) == 0) {
        const std::string_view rest = trim(t.substr(label.size()));
        at += static_cast<std::size_t>(rest.data() - t.data());
        t = rest;
        break;
      }
    const std::size_t n = reference_length(t);
    if (n == 0 || n != t.size()) continue;
    if (!p.reference) {
      p.reference = field(p, l.offset + at, t, std::string(t));
    } else if (p.reference->value != t) {
      p.notes.push_back("the paper gives two references, " + p.reference->value + " and " + std::string(t));
      p.reference.reset();
      return;
    }
  }
}

// ---- dates: `1 June 2020`, `1st June 2020`, `01/06/2020`, `2020-06-01` --------

constexpr std::array<std::string_view, 12> months = {"january", "february", "march",     "april",   "may",      "june",
                                                     "july",    "august",   "september", "october", "november", "december"};

int month_number(std::string_view word) {
  const std::string w = lower(word);
  for (std::size_t m = 0; m < months.size(); ++m)
    if (w == months[m] || (w.size() == 3 && months[m].substr(0, 3) == w)) return static_cast<int>(m + 1);
  return 0;
}

std::optional<Date> civil(int y, int m, int d) {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
  return read_date(text);  // refuses 31 June
}

// The first date in `s`, and where it is.
std::optional<std::pair<Date, std::pair<std::size_t, std::size_t>>> find_date(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_word(s[i - 1]))) continue;
    std::size_t j = i;
    auto number = [&](std::size_t& k) {
      int n = 0;
      const std::size_t start = k;
      while (k < s.size() && is_digit(s[k]) && k - start < 4) n = n * 10 + (s[k++] - '0');
      return k > start ? n : -1;
    };
    const int first = number(j);
    if (j - i == 4 && j + 5 < s.size() + 0 && j < s.size() && s[j] == '-') {  // 2020-06-01
      std::size_t k = j + 1;
      const int m = number(k);
      if (k < s.size() && s[k] == '-') {
        ++k;
        const int d = number(k);
        if (auto date = civil(first, m, d)) return std::pair{*date, std::pair{i, k - i}};
      }
      continue;
    }
    if (j < s.size() && s[j] == '/') {  // 01/06/2020 (day first, as British papers write)
      std::size_t k = j + 1;
      const int m = number(k);
      if (k < s.size() && s[k] == '/') {
        ++k;
        const std::size_t y_at = k;
        const int y = number(k);
        if (k - y_at == 4)
          if (auto date = civil(y, m, first)) return std::pair{*date, std::pair{i, k - i}};
      }
      continue;
    }
    // 1 June 2020, 1st June 2020
    std::size_t k = j;
    for (std::string_view suffix : {"st", "nd", "rd", "th"})
      if (s.substr(k, 2) == suffix) k += 2;
    if (k >= s.size() || s[k] != ' ') continue;
    const std::size_t word = ++k;
    while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
    const int m = month_number(s.substr(word, k - word));
    if (m == 0 || k >= s.size() || s[k] != ' ') continue;
    ++k;
    const std::size_t y_at = k;
    const int y = number(k);
    if (k - y_at != 4) continue;
    if (auto date = civil(y, m, first)) return std::pair{*date, std::pair{i, k - i}};
  }
  return std::nullopt;
}

// The date signed: a line that starts `Date:`, `Date signed:`, `Dated:` or
// `Signed:` and holds a date.
void find_date_signed(const std::vector<Line>& lines, Paper& p) {
  for (const Line& l : lines) {
    const std::string t = lower(trim(l.text));
    bool labelled = false;
    for (std::string_view label : {"date signed", "date:", "dated", "signed on", "signed:", "date "})
      labelled = labelled || t.rfind(label, 0) == 0;
    if (!labelled) continue;
    if (auto found = find_date(l.text)) {
      p.date = field(p, l.offset + found->second.first, l.text.substr(found->second.first, found->second.second),
                     format_date(found->first));
      return;
    }
  }
}

// ---- posts ---------------------------------------------------------------

// A post named in `text`: its id, title or alias exactly (without a leading
// `the`, trailing punctuation or a parenthesised short name), or else the
// one title or alias the text contains as whole words (the longest).
int find_post_in(const Version& v, std::string_view text) {
  std::string_view t = trim(text);
  if (lower(t.substr(0, 4)) == "the ") t = trim(t.substr(4));
  while (!t.empty() && (t.back() == ':' || t.back() == '.' || t.back() == ',')) t = trim(t.substr(0, t.size() - 1));
  if (!t.empty() && t.back() == ')')
    if (const std::size_t open = t.rfind('('); open != std::string_view::npos) t = trim(t.substr(0, open));
  if (const int exact = v.find_post(std::string(t)); exact >= 0) return exact;
  const std::string hay = lower(t);
  int best = -1;
  std::size_t best_size = 0;
  auto consider = [&](std::size_t post, const std::string& name) {
    const std::string needle = lower(name);
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
      const bool starts = at == 0 || !is_word(hay[at - 1]);
      const bool ends = at + needle.size() == hay.size() || !is_word(hay[at + needle.size()]);
      if (starts && ends && needle.size() > best_size) {
        best = static_cast<int>(post);
        best_size = needle.size();
      }
    }
  };
  for (std::size_t i = 0; i < v.posts.size(); ++i) {
    consider(i, v.posts[i].title);
    for (const std::string& alias : v.posts[i].aliases) consider(i, alias);
  }
  return best;
}

void set_decision_maker(const Version& v, Paper& p, std::size_t offset, std::string_view written, const char* how) {
  const int post = find_post_in(v, written);
  if (post < 0) {
    p.notes.push_back("the decision maker \"" + std::string(trim(written)) + "\" (" + how + ") is no post of version " + v.label);
    return;
  }
  const std::string& id = v.posts[static_cast<std::size_t>(post)].id;
  if (p.decision_maker && p.decision_maker->value != id) {
    p.notes.push_back("the paper names two decision makers: " + p.decision_maker->value + " and " + id + " (" + how + ")");
    p.decision_maker.reset();
    return;
  }
  if (!p.decision_maker) p.decision_maker = field(p, offset, trim(written), id);
}

// "Decision by: …", "The … is recommended to …", and a signature block: a
// line that names a post just after a line starting `Signature`/`Signed`.
void find_decision_maker(const Version& v, const std::vector<Line>& lines, Paper& p) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = lines[i].text;
    const std::string low = lower(t);
    if (const std::size_t by = low.find("decision by:"); by != std::string::npos) {
      const std::string_view rest = trim(t.substr(by + 12));
      set_decision_maker(v, p, lines[i].offset + static_cast<std::size_t>(rest.data() - t.data()), rest, "decision by");
    }
    if (const std::size_t rec = low.find(" is recommended to"); rec != std::string::npos) {
      const std::size_t stop = low.rfind(". ", rec);
      std::size_t start = stop == std::string::npos ? 0 : stop + 2;
      while (start < rec && (t[start] == ' ' || t[start] == '-')) ++start;
      set_decision_maker(v, p, lines[i].offset + start, t.substr(start, rec - start), "recommended to");
    }
    if ((low.rfind("signature", 0) == 0 || low.rfind("signed by", 0) == 0) && !p.decision_maker)
      for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j)
        if (find_post_in(v, lines[j].text) >= 0) {
          const std::string_view name = trim(lines[j].text);
          set_decision_maker(v, p, lines[j].offset + static_cast<std::size_t>(name.data() - lines[j].text.data()), name, "signature");
          break;
        }
  }
}

// ---- the recommendation: kind and amount ------------------------------------

// The lines of the recommendation: from a line starting `Recommendation`
// to the first line that is `-`, a part or section heading, or the facts
// and advice. The whole paper when it has none.
std::pair<std::size_t, std::size_t> recommendation(const std::vector<Line>& lines) {
  std::size_t begin = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lower(trim(lines[i].text)).rfind("recommendation", 0) == 0) {
      begin = i + 1;
      break;
    }
  if (begin == lines.size()) return {0, lines.size()};
  std::size_t end = begin;
  while (end < lines.size()) {
    const std::string t = lower(trim(lines[end].text));
    if (t == "-" || t.rfind("non-confidential", 0) == 0 || t.rfind("part ", 0) == 0 || t.rfind("introduction", 0) == 0 ||
        t.rfind("signature", 0) == 0 || t.rfind("decision by", 0) == 0)
      break;
    ++end;
  }
  return {begin, end};
}

// Where a phrase matches in `low` (a lower-case line): its parts, split at
// `…` or `...`, in order, the first starting and the last ending a word.
std::optional<std::pair<std::size_t, std::size_t>> match_phrase(const std::string& low, const std::string& phrase) {
  std::vector<std::string> parts;
  std::string current;
  const std::string p = lower(phrase);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const bool ellipsis = p.compare(i, 3, "\xE2\x80\xA6") == 0 || p.compare(i, 3, "...") == 0;
    if (!ellipsis) {
      current += p[i];
      continue;
    }
    if (!trim(current).empty()) parts.emplace_back(trim(current));
    current.clear();
    i += 2;
  }
  if (!trim(current).empty()) parts.emplace_back(trim(current));
  if (parts.empty()) return std::nullopt;
  for (std::size_t start = low.find(parts[0]); start != std::string::npos; start = low.find(parts[0], start + 1)) {
    if (start > 0 && is_word(low[start - 1])) continue;
    std::size_t at = start + parts[0].size();
    bool ok = true;
    for (std::size_t k = 1; k < parts.size() && ok; ++k) {
      const std::size_t next = low.find(parts[k], at);
      ok = next != std::string::npos;
      if (ok) at = next + parts[k].size();
    }
    if (!ok) break;  // a later start finds no more than this one did
    if (at == low.size() || !is_word(low[at])) return std::pair{start, at - start};
  }
  return std::nullopt;
}

// Money as papers write it: `£5.6m`, `£5,600,000`, `£5.6 million`, `5.6
// million pounds`, `£250k`. Each with its offset and length in `s`.
struct MoneyAt {
  Money value;
  std::size_t offset, length;
};
std::vector<MoneyAt> find_money(std::string_view s, std::string_view currency) {
  std::vector<MoneyAt> out;
  const std::string low = lower(s);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool pound = s.compare(i, 2, "\xC2\xA3") == 0;
    std::size_t j = pound ? i + 2 : i;
    if (!pound && (!is_digit(s[i]) || (i > 0 && (is_word(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')))) continue;
    const std::size_t digits = j;
    while (j < s.size() && (is_digit(s[j]) || (s[j] == ',' && j + 1 < s.size() && is_digit(s[j + 1])))) ++j;
    if (j == digits) continue;
    if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
      ++j;
      while (j < s.size() && is_digit(s[j])) ++j;
    }
    std::string number(s.substr(digits, j - digits));
    std::string suffix;
    std::size_t end = j;
    auto word_at = [&](std::size_t k, std::string_view w) {
      return low.compare(k, w.size(), w) == 0 && (k + w.size() == low.size() || !is_word(low[k + w.size()]));
    };
    for (auto [written, short_form] : {std::pair{"bn", "bn"}, {"m", "m"}, {"k", "k"}})
      if (word_at(j, written)) {
        suffix = short_form;
        end = j + std::string_view(written).size();
      }
    for (auto [written, short_form] : {std::pair{" million", "m"}, {" billion", "bn"}, {" thousand", "k"}})
      if (suffix.empty() && word_at(j, written)) {
        suffix = short_form;
        end = j + std::string_view(written).size();
      }
    bool in_words = false;
    if (word_at(end, " pounds")) {
      end += 7;
      in_words = true;
    }
    if (!pound && !in_words) {
      i = j;
      continue;
    }
    const MoneyReading r = read_money("\xC2\xA3" + number + suffix, currency);
    if (r.value) out.push_back(MoneyAt{*r.value, i, end - i});
    i = end - 1;
  }
  return out;
}

void find_kind_and_amount(const Version& v, const std::vector<Line>& lines, Paper& p) {
  const auto [begin, end] = recommendation(lines);
  struct Match {
    int kind;
    std::size_t line, offset, length;
  };
  std::vector<Match> matches;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string low = lower(lines[i].text);
    for (std::size_t k = 0; k < v.kinds.size(); ++k)
      for (const std::string& phrase : v.kind_phrases[k])
        if (auto m = match_phrase(low, phrase)) {
          matches.push_back(Match{static_cast<int>(k), i, m->first, m->second});
          break;
        }
  }
  if (!matches.empty()) {
    const Match& first = matches.front();
    std::vector<std::string> kinds;
    for (const Match& m : matches)
      if (std::find(kinds.begin(), kinds.end(), v.kinds[static_cast<std::size_t>(m.kind)]) == kinds.end())
        kinds.push_back(v.kinds[static_cast<std::size_t>(m.kind)]);
    if (kinds.size() > 1) {
      p.notes.push_back("the recommendation reads as more than one kind of decision: " + join(kinds, ", "));
    } else {
      p.kind = field(p, lines[first.line].offset + first.offset, lines[first.line].text.substr(first.offset, first.length),
                     kinds.front());
    }
  }
  // The amount: on the line the kind was read from, else anywhere in the
  // recommendation; one value, however often it is written.
  const int money_fact = [&] {
    if (const int amount = v.find_fact("amount"); amount >= 0 && v.facts[static_cast<std::size_t>(amount)].type == FactType::money)
      return amount;
    int only = -1;
    for (std::size_t f = 0; f < v.facts.size(); ++f)
      if (v.facts[f].type == FactType::money) only = only < 0 ? static_cast<int>(f) : -2;
    return only;
  }();
  if (money_fact < 0) return;
  auto scan = [&](std::size_t from, std::size_t to) {
    std::vector<std::pair<MoneyAt, std::size_t>> found;
    for (std::size_t i = from; i < to; ++i)
      for (const MoneyAt& m : find_money(lines[i].text, v.currency)) found.emplace_back(m, i);
    return found;
  };
  auto found = matches.size() == 1 ? scan(matches.front().line, matches.front().line + 1) : decltype(scan(0, 0)){};
  if (found.empty()) found = scan(begin, end);
  if (found.empty()) return;
  std::vector<std::string> values;
  for (const auto& [m, line] : found)
    if (std::find(values.begin(), values.end(), format_money(m.value)) == values.end()) values.push_back(format_money(m.value));
  if (values.size() > 1) {
    p.notes.push_back("the recommendation names more than one amount: " + join(values, ", "));
    return;
  }
  const auto& [m, line] = found.front();
  p.amount = field(p, lines[line].offset + m.offset, lines[line].text.substr(m.offset, m.length), values.front());
}

// ---- sections the scheme requires ----------------------------------------------

// A heading line that is a requirement item: `Legal Comments`, `7. Legal
// comments`, `Legal comments:`.
void find_sections(const Version& v, const std::vector<Line>& lines, Paper& p) {
  std::vector<std::string> items;
  for (const Provision& pr : v.provisions)
    for (const std::string& item : pr.items)
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  for (const Line& l : lines) {
    std::string_view t = trim(l.text);
    std::size_t skip = 0;
    while (skip < t.size() && (is_digit(t[skip]) || t[skip] == '.')) ++skip;
    t = trim(t.substr(skip));
    if (!t.empty() && t.back() == ':') t = trim(t.substr(0, t.size() - 1));
    for (const std::string& item : items)
      if (equals_ignoring_case(t, item) &&
          std::none_of(p.sections.begin(), p.sections.end(), [&](const PaperField& s) { return s.value == item; }))
        p.sections.push_back(field(p, l.offset + static_cast<std::size_t>(t.data() - l.text.data()), t, item));
  }
}

// ---- claims of authority ---------------------------------------------------------

// `4.8`, `4.10`, `2.1a`, `1.7(b)`: the length of a paragraph number at the start of `s`.
std::size_t para_number_length(std::string_view s) {
  std::size_t i = 0;
  if (i >= s.size() || !is_digit(s[i])) return 0;
  while (i < s.size() && (is_digit(s[i]) || (s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])))) ++i;
  if (i < s.size() && std::islower(static_cast<unsigned char>(s[i])) && (i + 1 == s.size() || !is_word(s[i + 1]))) ++i;
  while (i + 2 < s.size() && s[i] == '(' && is_word(s[i + 1])) {
    const std::size_t close = s.find(')', i);
    if (close == std::string_view::npos || close > i + 5) break;
    i = close + 1;
  }
  return i;
}

// The sentence around `at` in a line: from after the previous `. ` to the
// next, and no further than `max_sentence` bytes either way.
constexpr std::size_t max_sentence = 2000;
std::pair<std::size_t, std::size_t> sentence(std::string_view s, std::size_t at) {
  std::size_t begin = at > max_sentence ? at - max_sentence : 0;
  for (std::size_t i = at; i > 1 && i > begin; --i)
    if (s[i - 1] == ' ' && s[i - 2] == '.' && !is_digit(s[i - 3 < s.size() ? i - 3 : 0])) {
      begin = i;
      break;
    }
  std::size_t end = std::min(s.size(), at + max_sentence);
  for (std::size_t i = at; i + 1 < end; ++i)
    if (s[i] == '.' && s[i + 1] == ' ') {
      end = i + 1;
      break;
    }
  return {begin, end};
}

// The version a claim names: `(October 2016)`, `(2016)`, `Scheme … 2016`:
// the first year between the paragraph number and the claimed words,
// with the month before it if there is one.
std::optional<std::pair<std::size_t, std::size_t>> named_version(std::string_view s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i + 4 <= to; ++i) {
    if (i > 0 && is_word(s[i - 1])) continue;
    if (!(s.compare(i, 2, "19") == 0 || s.compare(i, 2, "20") == 0)) continue;
    if (!std::all_of(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(i + 4), is_digit)) continue;
    if (i + 4 < s.size() && is_word(s[i + 4])) continue;
    std::size_t begin = i;
    if (i >= 2 && s[i - 1] == ' ') {
      std::size_t w = i - 1;
      while (w > 0 && std::isalpha(static_cast<unsigned char>(s[w - 1]))) --w;
      if (month_number(s.substr(w, i - 1 - w)) > 0) begin = w;
    }
    return std::pair{begin, i + 4 - begin};
  }
  return std::nullopt;
}

constexpr std::size_t max_claims = 200;  // a paper cites a few; more is not a paper

void find_claims(const std::vector<Line>& lines, Paper& p) {
  for (const Line& l : lines) {
    const std::string low = lower(l.text);
    for (std::string_view word : {"paragraph", "para", "section"}) {
      for (std::size_t at = low.find(word); at != std::string::npos; at = low.find(word, at + 1)) {
        if (at > 0 && is_word(low[at - 1])) continue;
        std::size_t n = at + word.size();
        if (n < low.size() && low[n] == '.') ++n;                // `para.`
        if (n < low.size() && is_word(low[n])) continue;          // `paragraphs`, `parade`
        while (n < low.size() && low[n] == ' ') ++n;
        const std::size_t len = para_number_length(std::string_view(l.text).substr(n));
        if (len == 0) continue;
        const auto [s_begin, s_end] = sentence(l.text, at);
        const std::string_view sent = std::string_view(low).substr(s_begin, s_end - s_begin);
        const bool names_scheme = sent.find("scheme") != std::string_view::npos;
        const std::size_t after = n + len;
        const bool names_other = low.compare(after, 4, " of ") == 0 && !names_scheme;
        // A section, and a paragraph of another instrument (`paragraph 2(2)
        // of the … Order 2011`), is no claim on the scheme.
        if (names_other || (word == "section" && !names_scheme)) continue;
        if (p.claims.size() == max_claims) {
          p.notes.push_back("the paper cites more than " + std::to_string(max_claims) + " paragraphs; the rest were not read");
          return;
        }
        AuthorityClaim c;
        c.para = l.text.substr(n, len);
        c.span = Span{p.source, l.offset + n, len};
        c.line = line_at(p, l.offset + n);
        // The words: after `provides that`, `states that`, `says that`,
        // `provides:`; or, after `under paragraph N …,`, the rest.
        std::size_t words = std::string::npos;
        const std::string_view rest = std::string_view(low).substr(after, s_end > after ? s_end - after : 0);
        for (std::string_view lead : {"provides that ", "states that ", "says that ", "provides: ", "states: ", "sets out that "})
          if (const std::size_t w = rest.find(lead); w != std::string_view::npos && after + w < words) words = after + w + lead.size();
        if (words == std::string::npos && low.compare(at >= 6 ? at - 6 : 0, 6, "under ") == 0)
          if (const std::size_t comma = rest.find(", "); comma != std::string_view::npos) words = after + comma + 2;
        const std::size_t version_to = words == std::string::npos ? s_end : words;
        if (auto v = named_version(l.text, after, version_to))
          c.version = field(p, l.offset + v->first, l.text.substr(v->first, v->second), std::string(l.text.substr(v->first, v->second)));
        if (words != std::string::npos) {
          std::string_view w = trim(l.text.substr(words, s_end - words));
          while (!w.empty() && (w.back() == '.' || w.back() == '"' || w.back() == ';')) w = trim(w.substr(0, w.size() - 1));
          if (!w.empty() && w.front() == '"') w = trim(w.substr(1));
          if (!w.empty())
            c.words = field(p, l.offset + static_cast<std::size_t>(w.data() - l.text.data()), w, std::string(w));
        }
        p.claims.push_back(std::move(c));
      }
    }
  }
}

}  // namespace

Paper extract_paper(const Scheme& scheme, const PaperText& text, const std::optional<Date>& date) {
  Paper p;
  p.source = text.text;
  p.line_map = text.line_map;
  const std::vector<Line> lines = paper::split_lines(p.source->text());
  find_reference(lines, p);
  find_date_signed(lines, p);
  if (!p.date && date) p.date = PaperField{"--date", format_date(*date), Span{}, 0, 0};
  // Names are read in the version in force on the date; with no date, in
  // the newest (the verdict stays undetermined for want of the date).
  const Version* v = p.date ? scheme.in_force(*read_date(p.date->value)) : nullptr;
  if (!v) v = scheme.newest();
  if (!v) return p;
  find_decision_maker(*v, lines, p);
  find_kind_and_amount(*v, lines, p);
  find_sections(*v, lines, p);
  find_claims(lines, p);
  std::sort(p.claims.begin(), p.claims.end(), [](const AuthorityClaim& a, const AuthorityClaim& b) { return a.span.offset < b.span.offset; });
  for (const FactDef& f : v->facts)
    if (!(p.amount && f.type == FactType::money)) p.unknown_facts.push_back(f.name);
  return p;
}

}  // namespace remit
