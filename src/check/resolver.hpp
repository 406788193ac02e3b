#pragma once
// Resolving the parts of a proposed decision (a version by date, names of a
// kind, a post and facts, fact values) against a scheme, with diagnostics
// that point at where each part was written: a JSON decision, a command-line
// argument, or an example in a rule file.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "check/unicode.hpp"
#include "model/json.hpp"
#include "model/names.hpp"
#include "remit/remit.hpp"

namespace remit {

// Why a text is not a date: the wrong shape, or a day that does not exist.
inline std::string date_problem(const std::string& text) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  return shaped ? "`" + text + "` is not a date that exists" : "`" + text + "` is not a date in `YYYY-MM-DD` form";
}

class Resolver {
 public:
  Resolver(const Scheme& scheme, std::vector<Diagnostic>& out) : scheme_(scheme), out_(out) {}

  void error(const SourcePtr& src, std::size_t offset, std::size_t length, std::string message, Code code, std::string help = {}) {
    out_.push_back(make_diagnostic(code, Span{src, offset, length}, std::move(message), std::move(help)));
  }

  // The version in force on `date` (the newest when there is no date: an
  // example in a test file).
  const Version* choose_version(const std::optional<Date>& date, const SourcePtr& src, std::size_t offset, std::size_t length) {
    if (!date) return scheme_.newest();
    if (const Version* v = scheme_.in_force(*date)) return v;
    error(src, offset, length, "no version of `" + scheme_.title + "` is in force on " + format_date(*date), Code::no_version,
          no_version_help(*date));
    return nullptr;
  }

  // For a decision with no date: today (cli: REMIT_TODAY), set in `date`,
  // and the version in force today. A version that starts later never
  // decides it.
  const Version* choose_version_today(std::optional<Date>& date, const SourcePtr& src, std::size_t offset, std::size_t length,
                                      const std::string& how_to_date) {
    std::string problem;
    date = today(&problem);
    if (!date) {
      error(src, offset, length, problem, Code::bad_value, "unset `REMIT_TODAY`, or set it to a date such as `2026-01-31`");
      return nullptr;
    }
    if (const Version* v = scheme_.in_force(*date)) return v;
    error(src, offset, length,
          "the decision has no date, and no version of `" + scheme_.title + "` is in force today, " + format_date(*date),
          Code::no_version, no_version_help(*date) + "; " + how_to_date);
    return nullptr;
  }

  std::string no_version_help(Date date) const {
    if (!scheme_.versions.empty() && date < scheme_.versions.front().from)
      return "the earliest version, `" + scheme_.versions.front().label + "`, comes into force on " +
             format_date(scheme_.versions.front().from);
    return "no version covers that day; check the date, or the versions' `until` dates";
  }

  // A name in the version in force; failing that, a near name, or the
  // other version that has it (`elsewhere` says how, or is empty).
  template <typename Find, typename Elsewhere>
  int resolve(const Version& v, const std::string& name, Find find, const std::vector<std::string>& known, const char* noun,
              Code code, Elsewhere elsewhere, const SourcePtr& src, std::size_t offset, std::size_t length) {
    const int found = find(v, name);
    if (found >= 0) return found;
    std::string help = did_you_mean(name, known, noun);
    for (const Version& other : scheme_.versions)
      if (&other != &v && find(other, name) >= 0) {
        if (std::string in_other = elsewhere(other); !in_other.empty()) help = in_other;
        break;
      }
    error(src, offset, length, "unknown " + std::string(noun) + " `" + name + "` in version `" + v.label + "`", code, help);
    return -1;
  }

  int resolve_kind(const Version& v, const std::string& kind, const SourcePtr& src, std::size_t offset, std::size_t length) {
    return resolve(
        v, kind, [](const Version& in, const std::string& n) { return in.find_kind(n); }, v.kinds, "decision kind", Code::unknown_kind,
        [&](const Version& other) {
          return "`" + kind + "` exists in version `" + other.label + "` but not in version `" + v.label + "`, which is in force on that date";
        },
        src, offset, length);
  }

  int resolve_post(const Version& v, const std::string& name, const SourcePtr& src, std::size_t offset, std::size_t length) {
    return resolve(
        v, name, [](const Version& in, const std::string& n) { return in.find_post(n); }, v.post_ids(), "post", Code::unknown_post,
        [&](const Version& other) { return "`" + name + "` is a post in version `" + other.label + "` but not in version `" + v.label + "`"; },
        src, offset, length);
  }

  // ---- signatories (issue 12) ----

  // A signatory as written, and where: `FD`, or `FD` acting for `CE`.
  struct WrittenSignatory {
    std::string post;
    std::size_t offset = 0, length = 0;
    std::optional<std::string> acting_for;
    std::size_t acting_offset = 0, acting_length = 0;
  };

  // Signatories written as text: `FD+NED`, `FD acting for CE + NED` (a
  // command-line argument or a register cell), at `offset` in `src`.
  static std::vector<WrittenSignatory> split_signatories(const std::string& text, std::size_t offset = 0) {
    std::vector<WrittenSignatory> out;
    std::size_t start = 0;
    auto trimmed = [&](std::size_t from, std::size_t to, std::size_t& at) {
      while (from < to && (text[from] == ' ' || text[from] == '\t')) ++from;
      while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t')) --to;
      at = from;
      return text.substr(from, to - from);
    };
    while (true) {
      std::size_t end = text.find('+', start);
      if (end == std::string::npos) end = text.size();
      WrittenSignatory w;
      std::size_t at = 0;
      const std::string part = trimmed(start, end, at);
      const std::size_t acting = find_acting_for(part);
      if (acting == std::string::npos) {
        w.post = part;
        w.offset = offset + at;
        w.length = part.size();
      } else {
        std::size_t post_at = 0, for_at = 0;
        w.post = trimmed(at, at + acting, post_at);
        w.offset = offset + post_at;
        w.length = w.post.size();
        w.acting_for = trimmed(at + acting + 11, at + part.size(), for_at);
        w.acting_offset = offset + for_at;
        w.acting_length = w.acting_for->size();
      }
      out.push_back(std::move(w));
      if (end == text.size()) break;
      start = end + 1;
    }
    return out;
  }

  // Where ` acting for ` is in a signatory's text (any case), or npos.
  static std::size_t find_acting_for(const std::string& part) {
    constexpr std::string_view words = " acting for ";
    for (std::size_t i = 0; i + words.size() <= part.size(); ++i)
      if (equals_ignoring_case(std::string_view(part).substr(i, words.size()), words)) return i;
    return std::string::npos;
  }

  // Each signatory's post, and the post it acts for; each post signs once
  // and no post acts for itself. Empty (with errors) when any is wrong.
  std::vector<Signatory> resolve_signatories(const Version& v, const std::vector<WrittenSignatory>& written, const SourcePtr& src) {
    std::vector<Signatory> out;
    bool ok = true;
    for (const WrittenSignatory& w : written) {
      if (w.post.empty()) {
        error(src, w.offset, 1, "a signatory is missing", Code::bad_value, "join the posts that sign with `+`, e.g. `FD+NED`");
        ok = false;
        continue;
      }
      Signatory s{resolve_post(v, w.post, src, w.offset, w.length), -1};
      if (w.acting_for) s.acting_for = resolve_post(v, *w.acting_for, src, w.acting_offset, w.acting_length);
      if (s.post < 0 || (w.acting_for && s.acting_for < 0)) {
        ok = false;
        continue;
      }
      const std::string& id = v.posts[static_cast<std::size_t>(s.post)].id;
      if (s.acting_for == s.post) {
        error(src, w.acting_offset, w.acting_length, "`" + id + "` cannot act for itself", Code::bad_value,
              "name the absent post that `" + id + "` stands in for, or leave out `acting for`");
        ok = false;
      } else if (std::any_of(out.begin(), out.end(), [&](const Signatory& t) { return t.post == s.post; })) {
        error(src, w.offset, w.length, "`" + id + "` signs twice", Code::bad_value, "each signatory is a different post; name each once");
        ok = false;
      }
      out.push_back(s);
    }
    if (!ok) out.clear();
    return out;
  }

  int resolve_fact(const Version& v, const std::string& name, const SourcePtr& src, std::size_t offset, std::size_t length) {
    return resolve(
        v, name, [](const Version& in, const std::string& n) { return in.find_fact(n); }, v.fact_names(), "fact", Code::unknown_fact,
        [](const Version&) { return std::string(); }, src, offset, length);
  }

  // A fact's value from text (a JSON string, or a command-line value).
  std::optional<Value> value_from_text(const Version& v, const FactDef& f, const std::string& text, const SourcePtr& src,
                                       std::size_t offset, std::size_t length, std::size_t text_offset) {
    auto bad = [&](std::string message, std::string help) {
      error(src, offset, length, std::move(message), Code::bad_value, std::move(help));
      return std::nullopt;
    };
    switch (f.type) {
      case FactType::money: {
        if (!text.empty() && text.front() == '-')
          return bad("money amounts cannot be negative", "give the amount of the decision, e.g. `\"£5,600,000\"`");
        MoneyReading m = read_money(text, v.currency, true);
        if (!m.value) {
          error(src, text_offset + m.error.offset, 1, "`" + f.name + "`: " + m.error.message, Code::money, m.error.help);
          return std::nullopt;
        }
        return Value{m.value->pence, {}};
      }
      case FactType::flag: {
        for (std::string_view yes : {"true", "yes", "y", "1"})
          if (equals_ignoring_case(text, yes)) return Value{1, {}};
        for (std::string_view no : {"false", "no", "n", "0"})
          if (equals_ignoring_case(text, no)) return Value{0, {}};
        return bad("`" + f.name + "` is a flag but `" + text + "` is not `true` or `false`",
                   "give true or false, yes or no, y or n, or 1 or 0, in any case");
      }
      case FactType::integer: {
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
          return bad("`" + f.name + "` is an integer but `" + text + "` is not a whole number in range", "give a whole number, e.g. `3`");
        return Value{n, {}};
      }
      case FactType::text: {
        if (const auto mixed = unicode::mixed_scripts(text)) {
          // At the letter, when no escape between the quotes shifts it.
          const bool exact = length == text.size() + 2 * (text_offset - offset);
          error(src, exact ? text_offset + mixed->offset : offset, exact ? mixed->length : length, mixed->message, Code::confusable,
                unicode::mixed_scripts_help);
          return std::nullopt;
        }
        return Value{0, unicode::normalise_text(text)};  // compared as normalised (docs/language.md, "Text values")
      }
      case FactType::date: {
        auto d = read_date(text);
        if (!d) return bad("`" + f.name + "` is a date but " + date_problem(text), "dates are written `YYYY-MM-DD`");
        return Value{d->days, {}};
      }
      case FactType::enumeration: {
        auto it = std::find(f.members.begin(), f.members.end(), text);
        if (it == f.members.end())
          return bad("`" + text + "` is not a member of `" + f.name + "`", did_you_mean(text, f.members, "member"));
        return Value{static_cast<std::int64_t>(it - f.members.begin()), {}};
      }
    }
    return std::nullopt;
  }

  // A fact's value from JSON: strings go through value_from_text; numbers and
  // booleans only where the type allows, and money only when exact.
  std::optional<Value> value_from_json(const Version& v, const FactDef& f, const json::Value& j, const SourcePtr& src) {
    auto bad = [&](std::string message, std::string help) {
      error(src, j.offset, j.length, std::move(message), Code::bad_value, std::move(help));
      return std::nullopt;
    };
    const std::string type(fact_type_name(f.type));
    switch (j.type) {
      case json::Value::Type::string: {
        if (f.type == FactType::flag) return bad("`" + f.name + "` is a flag: give `true` or `false`, not a string", "write `true` without quotes");
        if (f.type == FactType::integer) return bad("`" + f.name + "` is an integer: give a JSON number, not a string", "write `3` without quotes");
        return value_from_text(v, f, j.text, src, j.offset, j.length, j.offset + 1);
      }
      case json::Value::Type::number: {
        if (f.type == FactType::money) {
          if (j.text.find_first_of("eE") != std::string::npos)
            return bad("`" + f.name + "`: a money amount cannot have an exponent", "write the amount in full, e.g. `5600000` or `\"£5.6m\"`");
          return value_from_text(v, f, j.text, src, j.offset, j.length, j.offset);
        }
        if (f.type == FactType::integer) return value_from_text(v, f, j.text, src, j.offset, j.length, j.offset);
        return bad("`" + f.name + "` is " + (type == "enumeration" ? "an enumeration" : "a " + type) + ", not a number",
                   f.type == FactType::flag ? "give `true` or `false`" : "give it as a string");
      }
      case json::Value::Type::boolean:
        if (f.type == FactType::flag) return Value{j.boolean ? 1 : 0, {}};
        return bad("`" + f.name + "` is " + type + ", not a flag", "give the value as its type needs");
      default:
        return bad("`" + f.name + "` cannot be " + std::string(json::type_name(j.type)), "give a single value");
    }
  }

 private:
  const Scheme& scheme_;
  std::vector<Diagnostic>& out_;
};

}  // namespace remit
