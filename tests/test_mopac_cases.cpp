// The real MOPAC decisions in tests/cases/mopac/decisions.jsonl, each with the
// verdict the research notes support, evaluated against rules/mopac.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "model/json.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;

namespace {

// Re-serialises a parsed JSON value, so that each case's decision is read by
// the same decision reader the CLI uses.
std::string to_json(const json::Value& v) {
  switch (v.type) {
    case json::Value::Type::null: return "null";
    case json::Value::Type::boolean: return v.boolean ? "true" : "false";
    case json::Value::Type::number: return v.text;
    case json::Value::Type::string: return "\"" + json::escape(v.text) + "\"";
    case json::Value::Type::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + to_json(v.items[i]);
      return out + "]";
    }
    case json::Value::Type::object: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.members.size(); ++i)
        out += (i ? "," : "") + ("\"" + json::escape(v.members[i].first) + "\":") + to_json(v.members[i].second);
      return out + "}";
    }
  }
  return "null";
}

std::vector<std::string> strings(const json::Value* v) {
  std::vector<std::string> out;
  if (v)
    for (const auto& item : v->items) out.push_back(item.text);
  return out;
}

}  // namespace

TEST_CASE("real MOPAC decisions get the verdict the notes support") {
  const auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.diagnostics.empty());
  std::ifstream in(std::string(REMIT_SOURCE_DIR) + "/tests/cases/mopac/decisions.jsonl");
  REQUIRE(in);
  std::string line;
  std::size_t cases = 0, authorised = 0, refused = 0;
  std::set<std::string> decisions;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto parsed = json::parse(line);
    REQUIRE(parsed.value);
    const json::Value& c = *parsed.value;
    const std::string name = c.find("case")->text;
    const json::Value& expect = *c.find("expect");
    {
      INFO(name);
      const Verdict v = eval_json(*loaded.scheme, to_json(*c.find("decision")));
      INFO(c.find("source")->text);
      INFO(v.reason);
      CHECK(std::string(outcome_name(v.outcome)) == expect.find("outcome")->text);
      CHECK(paras(v) == strings(expect.find("provisions")));
      CHECK(v.version == expect.find("version")->text);
      if (const json::Value* lowest = expect.find("lowest")) CHECK(v.lowest == std::vector<PostSet>{PostSet{lowest->text}});
      // A case that is not authorised must never come out authorised.
      if (expect.find("outcome")->text != "authorised") CHECK(v.outcome != Outcome::authorised);
    }
    ++cases;
    (expect.find("outcome")->text == "authorised" ? authorised : refused)++;
    decisions.insert(c.find("decision")->find("id") ? c.find("decision")->find("id")->text : name);
  }
  CHECK(decisions.size() >= 30);
  CHECK(authorised >= 30);
  CHECK(refused >= 30);
  CHECK(cases >= 60);
}
