// Reading a proposed decision (JSON, or the parts given on a command line)
// and resolving it against the version of the scheme in force on its date.
#include <algorithm>
#include <charconv>

#include "check/limits.hpp"
#include "check/lower.hpp"
#include "io/json.hpp"
#include "names.hpp"
#include "remit/remit.hpp"

namespace remit {
namespace {

using check::make_diagnostic;

std::string date_problem(const std::string& text);

class Resolver {
 public:
  Resolver(const Scheme& scheme, std::vector<Diagnostic>& out) : scheme_(scheme), out_(out) {}

  void error(const SourcePtr& src, std::size_t offset, std::size_t length, std::string message, std::string code,
             std::string help = {}) {
    out_.push_back(make_diagnostic(Severity::error, src, offset, length, std::move(message), std::move(code), std::move(help)));
  }

  // The version in force on `date` (the newest when there is no date).
  const Version* choose_version(const std::optional<Date>& date, const SourcePtr& src, std::size_t offset, std::size_t length) {
    if (!date) return scheme_.newest();
    if (const Version* v = scheme_.in_force(*date)) return v;
    std::string help;
    if (!scheme_.versions.empty() && *date < scheme_.versions.front().from)
      help = "the earliest version, `" + scheme_.versions.front().label + "`, comes into force on " +
             format_date(scheme_.versions.front().from);
    else
      help = "no version covers that day; check the date, or the versions' `until` dates";
    error(src, offset, length, "no version of `" + scheme_.title + "` is in force on " + format_date(*date), "no-version", help);
    return nullptr;
  }

  // A name in the version in force; failing that, a near name, or the
  // other version that has it (`elsewhere` says how, or is empty).
  template <typename Find, typename Elsewhere>
  int resolve(const Version& v, const std::string& name, Find find, const std::vector<std::string>& known, const char* noun,
              const char* code, Elsewhere elsewhere, const SourcePtr& src, std::size_t offset, std::size_t length) {
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
        v, kind, [](const Version& in, const std::string& n) { return in.find_kind(n); }, v.kinds, "decision kind", "unknown-kind",
        [&](const Version& other) {
          return "`" + kind + "` exists in version `" + other.label + "` but not in version `" + v.label + "`, which is in force on that date";
        },
        src, offset, length);
  }

  int resolve_post(const Version& v, const std::string& name, const SourcePtr& src, std::size_t offset, std::size_t length) {
    return resolve(
        v, name, [](const Version& in, const std::string& n) { return in.find_post(n); }, v.post_ids(), "post", "unknown-post",
        [&](const Version& other) { return "`" + name + "` is a post in version `" + other.label + "` but not in version `" + v.label + "`"; },
        src, offset, length);
  }

  int resolve_fact(const Version& v, const std::string& name, const SourcePtr& src, std::size_t offset, std::size_t length) {
    return resolve(
        v, name, [](const Version& in, const std::string& n) { return in.find_fact(n); }, v.fact_names(), "fact", "unknown-fact",
        [](const Version&) { return std::string(); }, src, offset, length);
  }

  // A fact's value from text (a JSON string, or a command-line value).
  std::optional<Value> value_from_text(const Version& v, const FactDef& f, const std::string& text, const SourcePtr& src,
                                       std::size_t offset, std::size_t length, std::size_t text_offset) {
    auto bad = [&](std::string message, std::string help) {
      error(src, offset, length, std::move(message), "bad-value", std::move(help));
      return std::nullopt;
    };
    switch (f.type) {
      case FactType::money: {
        if (!text.empty() && text.front() == '-')
          return bad("money amounts cannot be negative", "give the amount of the decision, e.g. `\"£5,600,000\"`");
        MoneyReading m = read_money(text, v.currency, true);
        if (!m.value) {
          error(src, text_offset + m.error.offset, 1, "`" + f.name + "`: " + m.error.message, "money", m.error.help);
          return std::nullopt;
        }
        return Value{m.value->pence, {}};
      }
      case FactType::flag: {
        if (equals_ignoring_case(text, "true") || equals_ignoring_case(text, "yes")) return Value{1, {}};
        if (equals_ignoring_case(text, "false") || equals_ignoring_case(text, "no")) return Value{0, {}};
        return bad("`" + f.name + "` is a flag but `" + text + "` is not `true` or `false`", "give `true` or `false`");
      }
      case FactType::integer: {
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
          return bad("`" + f.name + "` is an integer but `" + text + "` is not a whole number in range", "give a whole number, e.g. `3`");
        return Value{n, {}};
      }
      case FactType::text: return Value{0, text};
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
      error(src, j.offset, j.length, std::move(message), "bad-value", std::move(help));
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

std::string date_problem(const std::string& text) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  return shaped ? "`" + text + "` is not a date that exists" : "`" + text + "` is not a date in `YYYY-MM-DD` form";
}

const std::vector<std::string> decision_keys = {"id", "kind", "date", "approver", "facts", "evidence"};

}  // namespace

namespace {

DecisionReading read_decision_uncapped(const Scheme& scheme, const SourcePtr& src) {
  DecisionReading result;
  auto& out = result.diagnostics;
  Resolver r(scheme, out);
  if (src->text().size() > limits::max_decision_bytes) {
    r.error(src, 0, 0, "the decision is larger than 8 MiB, the most remit reads", "limit",
            "a decision is one JSON object of a few facts; check that this is the right file");
    return result;
  }
  if (auto bad = invalid_utf8_at(src->text()); bad != std::string::npos) {
    r.error(src, bad, 1, "the decision is not valid UTF-8 here", "encoding", "save the decision as UTF-8");
    return result;
  }
  json::Reading parsed = json::parse(src->text());
  if (!parsed.value) {
    r.error(src, parsed.error.offset, 1, parsed.error.message, "json", "a decision is one JSON object, as in docs/cli.md");
    return result;
  }
  const json::Value& root = *parsed.value;
  // Escapes such as \u0000 or \n could forge or cut short a printed verdict.
  auto refuse_control_characters = [&](auto&& self, const json::Value& v) -> void {
    for (const auto& [key, member] : v.members) self(self, member);
    for (const auto& item : v.items) self(self, item);
    if (v.type == json::Value::Type::string &&
        std::any_of(v.text.begin(), v.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
      r.error(src, v.offset, v.length, "a string in the decision contains a control character", "bad-value",
              "names, ids and evidence are single lines of text");
    if (v.type == json::Value::Type::string && invalid_utf8_at(v.text) != std::string::npos)
      r.error(src, v.offset, v.length, "a string in the decision is not valid UTF-8", "encoding", "check its `\\u` escapes");
  };
  refuse_control_characters(refuse_control_characters, *parsed.value);
  if (has_errors(out)) return result;
  if (root.type != json::Value::Type::object) {
    r.error(src, root.offset, 1, "a decision must be a JSON object, not " + std::string(json::type_name(root.type)), "json",
            "write `{\"kind\": \"grant.acceptance\", \"approver\": \"DMPC\", …}`");
    return result;
  }
  for (const auto& [key, value] : root.members)
    if (std::find(decision_keys.begin(), decision_keys.end(), key) == decision_keys.end())
      r.error(src, value.key_offset, key.size() + 2, "unknown key `" + key + "` in the decision", "unknown-key",
              scheme.newest() && scheme.newest()->find_fact(key) >= 0
                  ? "`" + key + "` is a fact: put it inside `\"facts\": {…}`"
                  : did_you_mean(key, decision_keys, "key"));
  auto string_member = [&](const char* key) -> const json::Value* {
    const json::Value* v = root.find(key);
    if (v && v->type != json::Value::Type::string) {
      r.error(src, v->offset, v->length, "`" + std::string(key) + "` must be a string", "json");
      return nullptr;
    }
    return v;
  };
  Decision d;
  const json::Value* id = string_member("id");
  const json::Value* kind = string_member("kind");
  const json::Value* date = string_member("date");
  const json::Value* approver = string_member("approver");
  if (id) d.id = id->text;
  if (!root.find("kind")) r.error(src, root.offset, 1, "the decision has no `kind`", "json", "add e.g. `\"kind\": \"grant.acceptance\"`");
  if (date) {
    d.date = read_date(date->text);
    if (!d.date) r.error(src, date->offset, date->length, date_problem(date->text), "bad-value", "dates are written `YYYY-MM-DD`");
  }
  if (has_errors(out)) return result;
  const Version* version = date ? r.choose_version(d.date, src, date->offset, date->length) : scheme.newest();
  if (!version) return result;
  d.version = version;
  d.kind = r.resolve_kind(*version, kind->text, src, kind->offset, kind->length);
  if (approver) d.approver = r.resolve_post(*version, approver->text, src, approver->offset, approver->length);
  d.facts.assign(version->facts.size(), std::nullopt);
  if (const json::Value* facts = root.find("facts")) {
    if (facts->type != json::Value::Type::object) {
      r.error(src, facts->offset, 1, "`facts` must be an object of fact names and values", "json", "e.g. `\"facts\": {\"amount\": \"£5.6m\"}`");
    } else {
      for (const auto& [name, value] : facts->members) {
        const int f = r.resolve_fact(*version, name, src, value.key_offset, name.size() + 2);
        if (f < 0 || value.type == json::Value::Type::null) continue;
        d.facts[static_cast<std::size_t>(f)] = r.value_from_json(*version, version->facts[static_cast<std::size_t>(f)], value, src);
      }
    }
  }
  if (const json::Value* evidence = root.find("evidence")) {
    if (evidence->type != json::Value::Type::array) {
      r.error(src, evidence->offset, 1, "`evidence` must be an array of strings", "json", "e.g. `\"evidence\": [\"CFO comments\"]`");
    } else {
      for (const json::Value& item : evidence->items) {
        if (item.type != json::Value::Type::string) r.error(src, item.offset, item.length, "evidence items must be strings", "json");
        else d.evidence.push_back(item.text);
      }
    }
  }
  if (!has_errors(out)) result.decision = std::move(d);
  return result;
}

}  // namespace

DecisionReading read_decision(const Scheme& scheme, const SourcePtr& src) {
  DecisionReading result = read_decision_uncapped(scheme, src);
  limits::cap_errors(result.diagnostics);
  return result;
}

DecisionReading make_query(const Scheme& scheme, const std::string& kind, const std::optional<std::string>& date,
                           const std::optional<std::string>& approver, const std::vector<std::string>& facts) {
  DecisionReading result;
  Resolver r(scheme, result.diagnostics);
  auto argument = [](std::string flag, const std::string& value) { return std::make_shared<const SourceFile>("<" + flag + ">", value); };
  Decision d;
  const Version* version = scheme.newest();
  if (date) {
    auto src = argument("--date", *date);
    d.date = read_date(*date);
    if (!d.date) {
      r.error(src, 0, date->size(), date_problem(*date), "bad-value", "dates are written `YYYY-MM-DD`");
      return result;
    }
    version = r.choose_version(d.date, src, 0, date->size());
    if (!version) return result;
  }
  d.version = version;
  d.kind = r.resolve_kind(*version, kind, argument("--kind", kind), 0, kind.size());
  if (approver) d.approver = r.resolve_post(*version, *approver, argument("--approver", *approver), 0, approver->size());
  d.facts.assign(version->facts.size(), std::nullopt);
  for (const std::string& fact : facts) {
    auto src = argument("--fact", fact);
    const auto eq = fact.find('=');
    if (eq == std::string::npos || eq == 0) {
      r.error(src, 0, fact.size(), "a fact is given as `name=value`", "usage", "e.g. `--fact amount=£600,000` or `--fact novel=true`");
      continue;
    }
    const std::string name = fact.substr(0, eq);
    const int f = r.resolve_fact(*version, name, src, 0, eq);
    if (f < 0) continue;
    d.facts[static_cast<std::size_t>(f)] =
        r.value_from_text(*version, version->facts[static_cast<std::size_t>(f)], fact.substr(eq + 1), src, eq + 1, fact.size() - eq - 1, eq + 1);
  }
  if (!has_errors(result.diagnostics)) result.decision = std::move(d);
  return result;
}

}  // namespace remit
