#pragma once
// A decision kind's fact space in one version, searched by boxes of grid
// cells (eval/grid.hpp) rather than cell by cell. Each provision's condition
// is compiled against the grid so that it says, for a whole box at once,
// whether it holds everywhere in it, nowhere, or in part. A search splits a
// box only where a condition that matters to the question is true in part,
// and only at that condition's own cuts, so its work follows the shape of
// the scheme rather than the product of all the axes: a kind whose grid has
// millions of cells is often settled in a few hundred boxes.
//
// At a single cell every condition is settled, and the rules below (the
// evaluator's, DESIGN §3) give exactly the statuses of remit::evaluate's
// trace; the tests compare the two at every cell of the test schemes.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "eval/grid.hpp"
#include "remit/scheme.hpp"

namespace remit::analyse {

// Three-valued truth over a box: everywhere, nowhere, or in part of it.
enum class Tri : std::uint8_t { no, yes, part };
Tri both(Tri a, Tri b);
Tri either(Tri a, Tri b);
Tri negate(Tri a);

// A run of one axis's cells, first to last inclusive; a box has one per axis.
struct Run {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  friend bool operator==(const Run&, const Run&) = default;
};
using Box = std::vector<Run>;

class CompiledCondition {
 public:
  CompiledCondition() = default;  // no condition: holds everywhere
  CompiledCondition(const eval::Grid& grid, const Condition& c);

  Tri on(const Box& box) const;
  // For each test that holds in part of the box: the axis and the cells
  // inside the box where its truth changes (a cut at c separates c-1 and c).
  void cuts(const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const;
  bool always() const { return nodes_.empty(); }

 private:
  struct Node {
    Condition::Kind kind = Condition::Kind::test;
    std::vector<std::uint32_t> operands;
    std::size_t axis = 0;
    std::vector<Run> truth;  // tests: the cells where it holds, sorted and apart
  };
  std::uint32_t compile(const eval::Grid& grid, const Condition& c);
  Tri node_on(std::uint32_t n, const Box& box) const;
  void node_cuts(std::uint32_t n, const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const;
  std::vector<Node> nodes_;  // the root is the last one compiled
};

class Space {
 public:
  // `also_cut_by`: other conditions the grid must answer exactly (`known` statements).
  Space(const Version& v, int kind, const std::vector<const Condition*>& also_cut_by = {});

  const Version& version() const { return *version_; }
  int kind() const { return kind_; }
  const eval::Grid& grid() const { return grid_; }
  // The provisions of the kind (provisions_by_kind), and their conditions.
  const std::vector<int>& candidates() const { return candidates_; }
  const CompiledCondition& condition(std::size_t candidate) const { return conditions_[candidate]; }
  const Provision& provision(std::size_t candidate) const;
  // Candidates that `overrides` this one, by position.
  const std::vector<std::size_t>& overriders(std::size_t candidate) const { return overriders_[candidate]; }
  // The position of a provision among the candidates, or npos.
  std::size_t position(int provision) const;

  CompiledCondition compile(const Condition& c) const { return CompiledCondition(grid_, c); }
  Box whole() const;
  // A box in which no decision can fall (money below £0, or between two
  // constants a penny apart on some axis).
  bool empty(const Box& box) const;
  // The box's first cell that a decision can fall in, and facts in it (facts
  // that no axis uses are left missing).
  Box first_cell(const Box& box) const;
  std::vector<std::optional<Value>> witness(const Box& box) const;
  // The box in the rule language: "amount >= £50,000 and not novel"; empty
  // for the whole space.
  std::string describe(const Box& box) const;
  // Whether a cell lies in the box.
  static bool contains(const Box& box, const Box& cell);

 private:
  const Version* version_;
  int kind_;
  eval::Grid grid_;
  std::vector<int> candidates_;
  std::vector<CompiledCondition> conditions_;
  std::vector<std::vector<std::size_t>> overriders_;
};

// What a search is told about each condition it follows: the condition, and
// optionally one axis pinned to one cell (to look at a neighbour of the box).
struct Probe {
  const CompiledCondition* condition = nullptr;  // none: never holds (a provision the question ignores)
  int pinned_axis = -1;
  std::uint32_t pinned_cell = 0;
};

enum class Step { settle, split, stop };

// Splits `root`, depth first, until the judge settles each box or stops the
// search. The judge sees each probe's truth on the box; a box it asks to
// split is cut along one axis at the cuts of the probes true in part of it
// (the axis most of them cut). A box whose probes are all settled cannot be
// split: the judge must settle or stop there.
void search(const Space& space, const Box& root, const std::vector<Probe>& probes,
            const std::function<Step(const Box&, const std::vector<Tri>&)>& judge);

// The evaluator's rules over a box, three-valued, for the candidates whose
// conditions are given (the others are read as not holding, so the caller
// gives every candidate its question depends on). Memoised per box.
class Rules {
 public:
  Rules(const Space& space, const std::vector<Tri>& condition);
  Tri condition(std::size_t c) const { return condition_[c]; }
  // Its condition holds and no provision in effect overrides it.
  Tri effective(std::size_t c);
  // In effect and not set aside: for a power, no reserved matter of another
  // post and no escalation to a post above it is in effect (the trace's
  // `applies`); for the other kinds, in effect.
  Tri applies(std::size_t c);
  // Some reserved matter is in effect (then only its post may approve).
  Tri any_reserved();
  // Some reserved matter, escalation or power is in effect: some post has
  // authority (the verdict is not `no_authority`).
  Tri any_authority();

 private:
  // Whether a reserved matter of another post, or an escalation to a post
  // above it, is in effect: what sets aside a power of `post`.
  Tri outranked(int post);

  const Space& space_;
  const std::vector<Tri>& condition_;
  std::vector<std::optional<Tri>> effective_, applies_, outranked_;
};

}  // namespace remit::analyse
