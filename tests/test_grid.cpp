// The partition of a kind's fact space into cells.
#include <catch2/catch.hpp>

#include "space/space.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;

TEST_CASE("a money axis has a cell at each constant and between them, and none below £0", "[grid]") {
  auto loaded = load_text(scheme_text(R"(post DMPC "DMPC"
decision contract.award
fact amount: money
fact novel: flag
para 1: DMPC may approve contract.award when amount > £500,000 or (amount >= £0 and novel)
para 2: DMPC must approve contract.award when amount between £0.01 and £500,000
)"));
  REQUIRE(loaded.scheme);
  const Version& v = loaded.scheme->versions.front();
  const space::Grid g = space::build_grid(v, 0, 1 << 20);
  REQUIRE(g.axes.size() == 2);
  const space::Axis& amount = g.axes[0];
  CHECK(amount.constants.size() == 3);  // £0, £0.01, £500,000
  CHECK(amount.cells == 7);
  CHECK(g.cells == 14);
  CHECK(amount.empty(0));       // below £0
  CHECK(amount.empty(2));       // between £0 and £0.01
  CHECK_FALSE(amount.empty(4)); // between £0.01 and £500,000
  CHECK(amount.describe(5, v.facts[0]) == "£500,000");
  CHECK(amount.describe(6, v.facts[0]) == "above £500,000");
  CHECK(amount.describe(4, v.facts[0]) == "over £0.01 and under £500,000");
  CHECK(amount.locate(Value{50000000, {}}) == 5);
  CHECK(amount.locate(Value{50000001, {}}) == 6);
  CHECK(amount.locate(Value{49999999, {}}) == 4);
  for (std::size_t cell = 0; cell < g.cells; ++cell) {
    if (g.empty(cell)) continue;
    CHECK(g.locate(g.witness(v, cell)) == cell);
  }
}

TEST_CASE("every cell of every MOPAC kind holds its own witness", "[grid]") {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  for (const Version& v : loaded.scheme->versions)
    for (std::size_t k = 0; k < v.kinds.size(); ++k) {
      const space::Grid g = space::build_grid(v, static_cast<int>(k), 1 << 20);
      CHECK(g.cells <= 4096);
      for (std::size_t cell = 0; cell < g.cells; ++cell)
        if (!g.empty(cell)) CHECK(g.locate(g.witness(v, cell)) == cell);
    }
}
