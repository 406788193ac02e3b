// One loaded scheme, evaluated from several threads at once (DESIGN §4: load
// once, evaluate from any number of threads). Every thread must get the same
// bytes as a single thread did. Built by the `tsan` preset, this is the test
// that ThreadSanitizer watches.
#include <catch2/catch.hpp>

#include <thread>

#include "model/names.hpp"
#include "remit/compiled.hpp"
#include "remit/report.hpp"
#include "support.hpp"
#include "support/generated_scheme.hpp"
#include "support/random_decision.hpp"

using namespace remit;
using namespace remit::testing;

namespace {

constexpr int threads = 4;

// Each thread reads every decision (JSON, through the decision reader) and
// evaluates it; the verdicts as JSON must match the single-threaded ones.
void concurrently(const Scheme& scheme, const std::vector<std::string>& decisions) {
  auto run_all = [&] {
    std::vector<std::string> out;
    for (const std::string& json : decisions) {
      const DecisionReading r = read_decision(scheme, source("d.json", json));
      out.push_back(r.decision ? verdict_json(evaluate(*r.decision)) : diagnostics_json(r.diagnostics, 1));
    }
    return out;
  };
  const std::vector<std::string> expected = run_all();
  std::vector<std::vector<std::string>> got(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back([&, t] { got[static_cast<std::size_t>(t)] = run_all(); });
  for (std::thread& th : pool) th.join();
  for (const auto& g : got) CHECK(g == expected);
}

std::string as_json(const Version& v, const Decision& d) {
  std::string facts;
  for (std::size_t f = 0; f < v.facts.size(); ++f) {
    if (!d.facts[f]) continue;
    const FactDef& def = v.facts[f];
    const Value& x = *d.facts[f];
    std::string value;
    switch (def.type) {
      case FactType::money: value = "\"" + format_money(Money{x.number}) + "\""; break;
      case FactType::flag: value = x.number ? "true" : "false"; break;
      case FactType::integer: value = std::to_string(x.number); break;
      case FactType::date: value = "\"" + format_date(Date{static_cast<std::int32_t>(x.number)}) + "\""; break;
      case FactType::enumeration: value = "\"" + def.members[static_cast<std::size_t>(x.number)] + "\""; break;
      case FactType::text: value = "\"" + x.text + "\""; break;
    }
    facts += (facts.empty() ? "" : ", ") + ("\"" + def.name + "\": " + value);
  }
  std::string json = "{\"kind\": \"" + v.kinds[static_cast<std::size_t>(d.kind)] + "\"";
  if (!d.approver.empty()) json += ", \"approver\": \"" + v.posts[static_cast<std::size_t>(d.approver.front().post)].id + "\"";
  return json + ", \"date\": \"" + format_date(v.from) + "\", \"facts\": {" + facts + "}}";
}

}  // namespace

TEST_CASE("one MOPAC scheme evaluated from four threads gives the same verdicts as one", "[concurrency]") {
  const LoadResult loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  std::mt19937_64 rng(4);
  std::vector<std::string> decisions;
  for (const Version& v : loaded.scheme->versions) {
    const DecisionSampler sampler(v);
    for (int i = 0; i < 150; ++i) decisions.push_back(as_json(v, sampler.sample(rng, 0.2)));
  }
  decisions.push_back("{\"kind\": \"grant.acceptance\", \"bogus\": 1}");  // refused inputs too
  concurrently(*loaded.scheme, decisions);
}

TEST_CASE("one generated scheme evaluated from four threads gives the same verdicts as one", "[concurrency]") {
  const LoadResult loaded = load_text(generated_scheme(42, 30));
  REQUIRE(loaded.scheme);
  const Version& v = loaded.scheme->versions.front();
  const DecisionSampler sampler(v);
  std::mt19937_64 rng(42);
  std::vector<std::string> decisions;
  for (int i = 0; i < 400; ++i) decisions.push_back(as_json(v, sampler.sample(rng, 0.2)));
  concurrently(*loaded.scheme, decisions);
}

// The compiled scheme keeps the answers it works out (by set of provisions
// in effect, and by cell with facts missing) in maps its callers share: four
// threads deciding the same decisions at once, on one fresh CompiledScheme,
// each get what `evaluate` gives.
TEST_CASE("one compiled scheme decided from four threads at once answers as evaluate does", "[concurrency]") {
  const LoadResult loaded = load_text(generated_scheme(43, 120));
  REQUIRE(loaded.scheme);
  const Version& v = loaded.scheme->versions.front();
  const DecisionSampler sampler(v);
  std::mt19937_64 rng(43);
  std::vector<Decision> decisions;
  for (int i = 0; i < 300; ++i) decisions.push_back(sampler.sample(rng, i % 3 == 0 ? 0.2 : 0.0));
  std::vector<std::string> expected;
  auto summary = [&](Outcome outcome, const std::vector<std::string>& paras) { return std::string(outcome_name(outcome)) + " " + join(paras, ","); };
  for (const Decision& d : decisions) expected.push_back(summary(evaluate(d).outcome, paras(evaluate(d))));
  const CompiledScheme compiled(loaded.scheme);
  std::vector<std::vector<std::string>> got(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (const Decision& d : decisions) {
        const FastVerdict fast = compiled.decide(d);
        std::vector<std::string> cited;
        for (int p : fast.deciding) cited.push_back(v.provisions[static_cast<std::size_t>(p)].para);
        got[static_cast<std::size_t>(t)].push_back(summary(fast.outcome, cited));
      }
    });
  for (std::thread& th : pool) th.join();
  for (const auto& g : got) CHECK(g == expected);
}
