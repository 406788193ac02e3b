// The compiled evaluator gives the evaluator's answers: every cell of every
// MOPAC kind, both sides of every threshold, every approver, and decisions
// with facts missing (which it hands to the evaluator).
#include <catch2/catch.hpp>

#include <random>

#include "space/space.hpp"
#include "remit/compiled.hpp"
#include "support.hpp"

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

void require_same(const CompiledScheme& compiled, const Decision& d) {
  const Verdict slow = evaluate(d);
  const FastVerdict fast = compiled.decide(d);
  const Version& v = *d.version;
  INFO("kind " << v.kinds[static_cast<std::size_t>(d.kind)] << ", approver " << (d.approver.empty() ? -1 : d.approver.front().post));
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

TEST_CASE("with a fact missing the compiled scheme hands the decision to the evaluator", "[compiled]") {
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
  CHECK(from_table > 1000);
  CHECK(direct > 1000);
}
