// The compiled evaluator gives the evaluator's answers: every cell of every
// MOPAC kind, both sides of every threshold, every approver, decisions with
// facts missing, and generated schemes of every size (whose kinds are too
// large for tables and are answered by bit vectors), with joint signatories,
// stand-ins and prohibitions.
//
// REMIT_COMPILED_SCALE (default 1; a quarter under AddressSanitizer) scales
// the decisions tried on generated schemes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

#include "space/space.hpp"
#include "remit/compiled.hpp"
#include "support.hpp"
#include "support/generated_scheme.hpp"
#include "support/random_decision.hpp"

using namespace remit;

namespace {

std::vector<std::string> paras_of(const Version& v, std::span<const int> ps) {
  std::vector<std::string> out;
  for (int p : ps) out.push_back(v.provisions[static_cast<std::size_t>(p)].para);
  return out;
}

std::string statuses(const std::vector<RequirementStatus>& rs) {
  std::string out;
  for (const auto& r : rs) out += r.item + "=" + std::string(requirement_state_name(r.status)) + ";";
  return out;
}

std::string show(const Decision& d) {
  const Version& v = *d.version;
  std::string out = "kind " + v.kinds[static_cast<std::size_t>(d.kind)] + ", approver";
  for (const Signatory& s : d.approver)
    out += " " + v.posts[static_cast<std::size_t>(s.post)].id + (s.acting_for >= 0 ? "(for " + v.posts[static_cast<std::size_t>(s.acting_for)].id + ")" : "");
  out += ", facts";
  for (std::size_t f = 0; f < v.facts.size(); ++f)
    out += " " + v.facts[f].name + "=" + (!d.facts[f] ? "missing" : v.facts[f].type == FactType::text ? d.facts[f]->text : std::to_string(d.facts[f]->number));
  return out;
}

void require_same(const CompiledScheme& compiled, const Decision& d) {
  const Verdict slow = evaluate(d);
  const FastVerdict fast = compiled.decide(d);
  const Version& v = *d.version;
  INFO(show(d));
  REQUIRE(fast.outcome == slow.outcome);
  REQUIRE(paras_of(v, fast.deciding) == remit::testing::paras(slow));
  std::vector<PostSet> fast_lowest;
  for (const std::vector<int>& set : fast.lowest) {
    PostSet& names = fast_lowest.emplace_back();
    for (int p : set) names.push_back(v.posts[static_cast<std::size_t>(p)].id);
  }
  REQUIRE(fast_lowest == slow.lowest);
  REQUIRE(statuses(requirement_statuses(d, fast)) == statuses(slow.requirements));
}

// Every cell of every kind of the scheme at `folder`, both sides of every
// money threshold, every approver: the compiled scheme answers as the
// evaluator does. Returns the number of decisions compared.
std::size_t compare_every_cell(const std::string& folder) {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + folder);
  REQUIRE(loaded.scheme);
  const CompiledScheme compiled(loaded.scheme);
  CHECK(compiled.kinds_evaluated_directly() == 0);
  std::size_t decisions = 0;
  for (const Version& v : loaded.scheme->versions)
    for (std::size_t k = 0; k < v.kinds.size(); ++k) {
      const space::Grid grid = space::build_grid(v, static_cast<int>(k), 1 << 20);
      for (std::size_t cell = 0; cell < grid.cells; ++cell) {
        if (grid.empty(cell)) continue;
        Decision d;
        d.version = &v;
        d.kind = static_cast<int>(k);
        d.facts = grid.witness(v, cell);
        for (const space::Axis& axis : grid.axes)  // the other values of the cell's neighbours too
          if (axis.type == FactType::money)
            for (const Value& c : axis.constants)
              for (std::int64_t delta : {-1, 0, 1}) {
                if (c.number + delta < 0) continue;
                d.facts[static_cast<std::size_t>(axis.fact)] = Value{c.number + delta, {}};
                for (int approver = -1; approver < static_cast<int>(v.posts.size()); ++approver) {
                  d.approver = remit::testing::alone(approver);
                  d.evidence = approver % 2 ? std::vector<std::string>{"Legal comments", "report quarterly to DMPC"}
                                            : std::vector<std::string>{};
                  require_same(compiled, d);
                  ++decisions;
                }
              }
        d.facts = grid.witness(v, cell);
        for (int approver = -1; approver < static_cast<int>(v.posts.size()); ++approver) {
          d.approver = remit::testing::alone(approver);
          require_same(compiled, d);
          ++decisions;
        }
      }
    }
  return decisions;
}

}  // namespace

TEST_CASE("the compiled MOPAC scheme answers as the evaluator does, cell by cell and at every threshold ±1p", "[compiled]") {
  CHECK(compare_every_cell("/rules/mopac") > 5000);
}

TEST_CASE("the compiled scheme answers as the evaluator does where a prohibition applies", "[compiled]") {
  CHECK(compare_every_cell("/tests/fixtures/prohibited") > 100);
}

TEST_CASE("with a fact missing the compiled scheme answers as the evaluator does, and asks it once per cell", "[compiled]") {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  const CompiledScheme compiled(loaded.scheme);
  std::mt19937_64 random(7);
  std::size_t from_table = 0, direct = 0;
  for (int i = 0; i < 20000; ++i) {
    const Version& v = loaded.scheme->versions[random() % loaded.scheme->versions.size()];
    Decision d;
    d.version = &v;
    d.kind = static_cast<int>(random() % v.kinds.size());
    d.approver = remit::testing::alone(static_cast<int>(random() % (v.posts.size() + 1)) - 1);
    d.facts.assign(v.facts.size(), std::nullopt);
    for (std::size_t f = 0; f < v.facts.size(); ++f) {
      if (random() % 8 == 0) continue;  // missing
      const std::int64_t amounts[] = {0, 4999999, 5000000, 5000001, 49999999, 50000000, 50000001, 99999999, 100000000, 100000001, 123456789};
      d.facts[f] = v.facts[f].type == FactType::money ? Value{amounts[random() % 11], {}} : Value{static_cast<std::int64_t>(random() % 2), {}};
    }
    const FastVerdict fast = compiled.decide(d);
    (fast.from_table ? from_table : direct)++;
    require_same(compiled, d);
  }
  CHECK(from_table > 10000);
  CHECK(direct > 100);  // the first decision of each cell with a fact missing
  CHECK(direct < 10000);
}

namespace {

double compiled_scale() {
#if defined(__SANITIZE_ADDRESS__)
  const double fallback = 0.25;
#else
  const double fallback = 1.0;
#endif
  const char* s = std::getenv("REMIT_COMPILED_SCALE");
  const double x = s ? std::atof(s) : fallback;
  return x > 0 ? x : fallback;
}

// Random decisions over a generated scheme of `provisions` paragraphs (with
// prohibitions), `n` of them, then every threshold a unit either side for
// `per_threshold` each: some with facts missing, some signed jointly or by
// a stand-in; the compiled scheme answers each as `evaluate` does.
void compare_generated(std::uint64_t seed, std::size_t provisions, std::size_t n, std::size_t per_threshold) {
  remit::testing::GeneratedSchemeOptions options;
  options.prohibitions = true;
  const std::string text = remit::testing::generated_scheme(seed, provisions, options);
  LoadResult loaded = remit::testing::load_text(text, "generated-" + std::to_string(seed) + ".remit");
  REQUIRE(loaded.scheme);
  const CompiledScheme compiled(loaded.scheme);
  CHECK(compiled.kinds_evaluated_directly() == 0);
  const Version& v = loaded.scheme->versions.front();
  const remit::testing::DecisionSampler sampler(v);
  std::mt19937_64 rng(seed);
  auto vary = [&](Decision& d) {
    const auto posts = static_cast<int>(v.posts.size());
    switch (rng() % 8) {
      case 0: d.approver = {Signatory{static_cast<int>(rng() % posts), -1}, Signatory{static_cast<int>(rng() % posts), -1}}; break;
      case 1: d.approver = {Signatory{static_cast<int>(rng() % posts), static_cast<int>(rng() % posts)}}; break;
      default: break;
    }
    if (!d.approver.empty() && d.approver.size() == 2 && d.approver[0].post == d.approver[1].post) d.approver.pop_back();
  };
  INFO("generated scheme, seed " << seed << ", " << provisions << " provisions");
  for (std::size_t i = 0; i < n; ++i) {
    Decision d = sampler.sample(rng, i % 4 == 0 ? 0.15 : 0.0);
    vary(d);
    require_same(compiled, d);
  }
  for (std::size_t f = 0; f < v.facts.size(); ++f) {
    const FactType type = v.facts[f].type;
    if (type != FactType::money && type != FactType::integer && type != FactType::date) continue;
    for (const Value& c : sampler.constants(static_cast<int>(f)))
      for (std::int64_t delta : {-1, 0, 1})
        for (std::size_t i = 0; i < per_threshold; ++i) {
          Decision d = sampler.sample(rng, i % 3 == 2 ? 0.15 : 0.0);
          if (type == FactType::money && c.number + delta < 0) continue;
          d.facts[f] = Value{c.number + delta, {}};
          vary(d);
          require_same(compiled, d);
        }
  }
}

}  // namespace

TEST_CASE("on generated schemes of every size the compiled scheme answers as the evaluator does", "[compiled]") {
  const double scale = compiled_scale();
  auto scaled = [&](std::size_t n) { return std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(n) * scale)); };
  SECTION("small") {
    for (std::uint64_t seed = 1; seed <= scaled(20); ++seed) compare_generated(seed, 4 + seed * 2, scaled(200), 1);
  }
  SECTION("medium") {
    for (std::uint64_t seed = 100; seed < 100 + scaled(4); ++seed) compare_generated(seed, 100 + 50 * (seed % 4), scaled(200), 1);
  }
  SECTION("large") { compare_generated(1000, scaled(1000) >= 1000 ? 1000 : 300, scaled(100), 1); }
}
