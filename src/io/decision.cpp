// Reading a proposed decision (JSON, or the parts given on a command line)
// and resolving it against the version of the scheme in force on its date.
#include <algorithm>
#include <charconv>

#include "check/limits.hpp"
#include "check/resolver.hpp"
#include "model/json.hpp"
#include "model/utf8.hpp"
#include "model/names.hpp"
#include "remit/remit.hpp"

namespace remit {
namespace {


const std::vector<std::string> decision_keys = {"id", "kind", "date", "approver", "acting_for", "facts", "evidence"};

}  // namespace

namespace {

// `"approver": "FD"` or `["FD", "NED"]`; `"acting_for": "CE"` (one
// signatory) or `{"FD": "CE"}` (issue 12).
std::vector<Signatory> read_signatories(Resolver& r, const Version& v, const json::Value& approver, const json::Value* acting,
                                        const SourcePtr& src) {
  using Type = json::Value::Type;
  std::vector<Resolver::WrittenSignatory> written;
  auto add = [&](const json::Value& item) {
    if (item.type != Type::string) {
      r.error(src, item.offset, item.length, "a signatory must be a post's name in a string", Code::json, "e.g. `\"approver\": [\"FD\", \"NED\"]`");
      return;
    }
    // `FD+NED` is how a register cell or the command line joins signatories;
    // in JSON they are a list, so say so rather than "unknown post".
    if (item.text.find('+') != std::string::npos && v.find_post(item.text) < 0) {
      std::string list;
      for (const Resolver::WrittenSignatory& part : Resolver::split_signatories(item.text))
        list += (list.empty() ? "\"" : ", \"") + part.post + "\"";
      r.error(src, item.offset, item.length, "`" + printable(item.text) + "` joins several posts in one string", Code::json,
              "in JSON several signatories are a list: `\"approver\": [" + list + "]`");
      return;
    }
    written.push_back(Resolver::WrittenSignatory{item.text, item.offset, item.length, std::nullopt, 0, 0});
  };
  if (approver.type == Type::array) {
    if (approver.items.empty()) r.error(src, approver.offset, 1, "`approver` lists no signatory", Code::json, "name at least one post");
    for (const json::Value& item : approver.items) add(item);
  } else if (approver.type == Type::string) {
    add(approver);
  } else {
    r.error(src, approver.offset, approver.length, "`approver` must be a string or a list of strings", Code::json,
            "e.g. `\"approver\": \"DMPC\"` or `\"approver\": [\"FD\", \"NED\"]`");
  }
  if (acting && acting->type == Type::string) {
    if (written.size() != 1)
      r.error(src, acting->offset, acting->length, "with several signatories, `acting_for` says who stands in for whom", Code::json,
              "e.g. `\"acting_for\": {\"FD\": \"CE\"}`");
    else
      written.front().acting_for = acting->text, written.front().acting_offset = acting->offset, written.front().acting_length = acting->length;
  } else if (acting && acting->type == Type::object) {
    for (const auto& member : acting->members) {
      const auto& [post, absent] = member;
      // clang 14 cannot capture a structured binding in a lambda: compare through `member`.
      auto it = std::find_if(written.begin(), written.end(), [&](const Resolver::WrittenSignatory& w) { return w.post == member.first; });
      if (it == written.end()) {
        r.error(src, absent.key_offset, post.size() + 2, "`" + post + "` acts for another post but is not among the signatories", Code::json,
                "each key of `acting_for` is one of the `approver` posts");
      } else if (absent.type != Type::string) {
        r.error(src, absent.offset, absent.length, "`acting_for` gives a post's name in a string", Code::json, "e.g. `{\"FD\": \"CE\"}`");
      } else {
        it->acting_for = absent.text;
        it->acting_offset = absent.offset;
        it->acting_length = absent.length;
      }
    }
  } else if (acting) {
    r.error(src, acting->offset, acting->length, "`acting_for` must be a post's name, or an object of signatories and the posts they act for",
            Code::json, "e.g. `\"acting_for\": \"CE\"` or `{\"FD\": \"CE\"}`");
  }
  return r.resolve_signatories(v, written, src);
}

DecisionReading read_decision_uncapped(const Scheme& scheme, const SourcePtr& src) {
  DecisionReading result;
  auto& out = result.diagnostics;
  Resolver r(scheme, out);
  if (src->text().size() > limits::max_decision_bytes) {
    r.error(src, 0, 0, "the decision is larger than 8 MiB, the most remit reads", Code::limit,
            "a decision is one JSON object of a few facts; check that this is the right file");
    return result;
  }
  if (auto bad = invalid_utf8_at(src->text()); bad != std::string::npos) {
    r.error(src, bad, 1, "the decision is not valid UTF-8 here", Code::encoding, "save the decision as UTF-8");
    return result;
  }
  json::Reading parsed = json::parse(src->text());
  if (!parsed.value) {
    r.error(src, parsed.error.offset, 1, parsed.error.message, Code::json, "a decision is one JSON object, as in docs/cli.md");
    return result;
  }
  const json::Value& root = *parsed.value;
  // Escapes such as \u0000 or \n could forge or cut short a printed verdict.
  auto refuse_control_characters = [&](auto&& self, const json::Value& v) -> void {
    for (const auto& [key, member] : v.members) self(self, member);
    for (const auto& item : v.items) self(self, item);
    if (v.type == json::Value::Type::string &&
        std::any_of(v.text.begin(), v.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
      r.error(src, v.offset, v.length, "a string in the decision contains a control character", Code::bad_value,
              "names, ids and evidence are single lines of text");
    if (v.type == json::Value::Type::string && invalid_utf8_at(v.text) != std::string::npos)
      r.error(src, v.offset, v.length, "a string in the decision is not valid UTF-8", Code::encoding, "check its `\\u` escapes");
  };
  refuse_control_characters(refuse_control_characters, *parsed.value);
  if (has_errors(out)) return result;
  if (root.type != json::Value::Type::object) {
    r.error(src, root.offset, 1, "a decision must be a JSON object, not " + std::string(json::type_name(root.type)), Code::json,
            "write `{\"kind\": \"grant.acceptance\", \"approver\": \"DMPC\", …}`");
    return result;
  }
  for (const auto& [key, value] : root.members)
    if (std::find(decision_keys.begin(), decision_keys.end(), key) == decision_keys.end())
      r.error(src, value.key_offset, key.size() + 2, "unknown key `" + key + "` in the decision", Code::unknown_key,
              scheme.newest() && scheme.newest()->find_fact(key) >= 0
                  ? "`" + key + "` is a fact: put it inside `\"facts\": {…}`"
                  : did_you_mean(key, decision_keys, "key"));
  auto string_member = [&](const char* key) -> const json::Value* {
    const json::Value* v = root.find(key);
    if (v && v->type != json::Value::Type::string) {
      r.error(src, v->offset, v->length, "`" + std::string(key) + "` must be a string", Code::json);
      return nullptr;
    }
    return v;
  };
  Decision d;
  const json::Value* id = string_member("id");
  const json::Value* kind = string_member("kind");
  const json::Value* date = string_member("date");
  const json::Value* approver = root.find("approver");
  if (id) d.id = id->text;
  if (!root.find("kind")) r.error(src, root.offset, 1, "the decision has no `kind`", Code::json, "add e.g. `\"kind\": \"grant.acceptance\"`");
  if (date) {
    d.date = read_date(date->text);
    if (!d.date) r.error(src, date->offset, date->length, date_problem(date->text), Code::bad_value, "dates are written `YYYY-MM-DD`");
  }
  if (has_errors(out)) return result;
  d.date_is_today = !date;
  const Version* version = date ? r.choose_version(d.date, src, date->offset, date->length)
                                : r.choose_version_today(d.date, src, root.offset, 1, "give the decision a `date`");
  if (!version) return result;
  d.version = version;
  d.kind = r.resolve_kind(*version, kind->text, src, kind->offset, kind->length);
  if (approver) d.approver = read_signatories(r, *version, *approver, root.find("acting_for"), src);
  else if (const json::Value* acting = root.find("acting_for"))
    r.error(src, acting->key_offset, 12, "`acting_for` without an `approver`", Code::json, "name the signatories in `approver`");
  d.facts.assign(version->facts.size(), std::nullopt);
  if (const json::Value* facts = root.find("facts")) {
    if (facts->type != json::Value::Type::object) {
      r.error(src, facts->offset, 1, "`facts` must be an object of fact names and values", Code::json, "e.g. `\"facts\": {\"amount\": \"£5.6m\"}`");
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
      r.error(src, evidence->offset, 1, "`evidence` must be an array of strings", Code::json, "e.g. `\"evidence\": [\"CFO comments\"]`");
    } else {
      for (const json::Value& item : evidence->items) {
        if (item.type != json::Value::Type::string) r.error(src, item.offset, item.length, "evidence items must be strings", Code::json);
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
  // The arguments are read as strictly as a decision file.
  std::vector<std::pair<std::string, const std::string*>> arguments = {{"--kind", &kind}};
  if (date) arguments.emplace_back("--date", &*date);
  if (approver) arguments.emplace_back("--approver", &*approver);
  for (const std::string& fact : facts) arguments.emplace_back("--fact", &fact);
  for (const auto& [flag, value] : arguments)
    if (const std::size_t bad = invalid_utf8_at(*value); bad != std::string::npos)
      r.error(argument(flag, *value), bad, 1, "the argument is not valid UTF-8 here", Code::encoding, "give names and values in UTF-8");
  if (has_errors(result.diagnostics)) return result;
  Decision d;
  const Version* version = nullptr;
  if (!date) {
    d.date_is_today = true;
    version = r.choose_version_today(d.date, argument("--kind", kind), 0, kind.size(), "give its date with `--date`");
    if (!version) return result;
  } else {
    auto src = argument("--date", *date);
    d.date = read_date(*date);
    if (!d.date) {
      r.error(src, 0, date->size(), date_problem(*date), Code::bad_value, "dates are written `YYYY-MM-DD`");
      return result;
    }
    version = r.choose_version(d.date, src, 0, date->size());
    if (!version) return result;
  }
  d.version = version;
  d.kind = r.resolve_kind(*version, kind, argument("--kind", kind), 0, kind.size());
  if (approver) d.approver = r.resolve_signatories(*version, Resolver::split_signatories(*approver), argument("--approver", *approver));
  d.facts.assign(version->facts.size(), std::nullopt);
  std::vector<bool> given(version->facts.size(), false);
  for (const std::string& fact : facts) {
    auto src = argument("--fact", fact);
    const auto eq = fact.find('=');
    if (eq == std::string::npos || eq == 0) {
      r.error(src, 0, fact.size(), "a fact is given as `name=value`", Code::usage, "e.g. `--fact amount=£600,000` or `--fact novel=true`");
      continue;
    }
    const std::string name = fact.substr(0, eq);
    const int f = r.resolve_fact(*version, name, src, 0, eq);
    if (f < 0) continue;
    if (given[static_cast<std::size_t>(f)]) {  // keeping either value would be a guess
      r.error(src, 0, eq, "`" + name + "` is given twice", Code::duplicate_fact, "give each fact once, with one `--fact`");
      continue;
    }
    given[static_cast<std::size_t>(f)] = true;
    d.facts[static_cast<std::size_t>(f)] =
        r.value_from_text(*version, version->facts[static_cast<std::size_t>(f)], fact.substr(eq + 1), src, eq + 1, fact.size() - eq - 1, eq + 1);
  }
  if (!has_errors(result.diagnostics)) result.decision = std::move(d);
  return result;
}

}  // namespace remit
