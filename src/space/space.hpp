#pragma once
// The exact partition of a decision kind's fact space in one version: the
// cells within which every condition of every provision for that kind
// answers alike. It is the one meaning of a condition that the checker's
// overlap test, the evaluator (its compiled tables and its search over
// missing facts) and the analyser share. Each fact the conditions use is an
// axis:
// - money, integers and dates are cut at every constant compared with them,
//   and each constant is a cell of its own, so `> £500,000` and
//   `>= £500,000` differ exactly at £500,000: constants c1 < … < cm give the
//   cells (…, c1), [c1], (c1, c2), …, [cm], (cm, …);
// - flags have the cells false and true; enumerations one cell per member;
// - text has one cell per string compared with it and one for any other.
// A cell is a point of the product of the axes. The compiled evaluator
// answers by finding a decision's cell; `remit analyse`, `matrix` and `diff`
// walk every cell with a witness decision for each.
//
// The space is searched by boxes of cells rather than cell by cell. Each
// provision's condition is compiled against the grid so that it says, for a
// whole box at once, whether it holds everywhere in it, nowhere, or in part.
// A search splits a box only where a condition that matters to the question
// is true in part, and only at that condition's own cuts, so its work follows
// the shape of the scheme rather than the product of all the axes: a kind
// whose grid has millions of cells is often settled in a few hundred boxes.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "remit/scheme.hpp"

namespace remit::space {

// Three-valued truth of a condition over a set of decisions: it holds for all
// of them, for none, or for part of them (the evaluator's "unknown": it
// depends on facts not given).
enum class Tri : std::uint8_t { no, yes, part };
Tri both(Tri a, Tri b);
Tri either(Tri a, Tri b);
Tri negate(Tri a);

struct Axis {
  int fact = -1;
  FactType type = FactType::flag;
  std::vector<Value> constants;  // ordered facts: sorted, distinct; text: distinct strings
  std::size_t cells = 0;

  // The cell of a value on this axis.
  std::size_t locate(const Value& x) const;
  // A value in the cell; for an open interval of an ordered fact, the value
  // next to its lower end (the constant + 1), or below the lowest constant,
  // the constant - 1 (never below `floor`).
  Value witness(std::size_t cell, std::int64_t floor) const;
  // The cell as a person reads it: "< £500,000", "£500,000", "£500,000 to
  // £1m (both excluded)", "true", "framework", "any other".
  std::string describe(std::size_t cell, const FactDef& fact) const;
  // For ordered facts: the bounds of the cell (inclusive), and whether it is
  // one of the constants.
  std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> bounds(std::size_t cell) const;
  bool is_point(std::size_t cell) const { return cell % 2 == 1; }
  // A cell no value can fall in: money below £0, or the gap between two
  // constants a unit apart.
  bool empty(std::size_t cell) const;
  // A run of cells [first, last] in the rule language, ready to paste into a
  // `when`: "amount > £500,000", "amount between £50,000 and £1m", "not
  // novel", "route in {framework, open_tender}"; empty when the run is every
  // cell. Empty cells at either end of the axis count as covered.
  std::string condition(std::size_t first, std::size_t last, const FactDef& fact) const;
  // The same run as a band in a table a person reads: "up to £500,000",
  // "over £500,000", "£50,000 or above", "exactly £500,000", "any amount".
  std::string band(std::size_t first, std::size_t last, const FactDef& fact) const;
};

// A run of one axis's cells, first to last inclusive; a box has one per axis.
struct Run {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  friend bool operator==(const Run&, const Run&) = default;
};
using Box = std::vector<Run>;

struct Grid {
  int kind = -1;
  std::vector<Axis> axes;  // in fact order
  std::size_t cells = 1;   // the product of the axes' cells (saturating)

  // The cell of a set of facts; every axis's fact must be given.
  std::size_t locate(const std::vector<std::optional<Value>>& facts) const;
  // The coordinate of a cell on each axis.
  std::vector<std::size_t> coordinates(std::size_t cell) const;
  bool empty(std::size_t cell) const;
  // Every cell, as one box.
  Box whole() const;
  // Facts that lie in the cell (facts no axis uses are left missing).
  std::vector<std::optional<Value>> witness(const Version& v, std::size_t cell) const;
};

// An axis for one fact cut at the given constants (sorted and made distinct
// here; money below £0 is dropped, since no decision has it).
Axis make_axis(int fact, const FactDef& def, std::vector<Value> constants);

// The constants that the conditions of a kind's provisions compare each fact
// with (by fact index), and which facts they use at all.
void collect_constants(const Version& v, int kind, std::vector<std::vector<Value>>& constants, std::vector<char>& used);

// Cells are counted without overflow: a grid of more than `limit` cells
// reports `cells == limit + 1`, and callers fall back or refuse.
// `also_cut_by` adds the constants of other conditions (those of `known`
// statements, for the analysis).
Grid build_grid(const Version& v, int kind, std::size_t limit, const std::vector<const Condition*>& also_cut_by = {});

// The lowest value a decision's fact of this type can take (money is never
// negative).
std::int64_t value_floor(FactType type);

// ---- boxes of cells, searched ------------------------------------------------


class CompiledCondition {
 public:
  CompiledCondition() = default;  // no condition: holds everywhere
  CompiledCondition(const Grid& grid, const Condition& c);

  Tri on(const Box& box) const;
  // Across a threshold: the set of patterns (truth just below the cell `at`
  // of `axis`, at it, just above it: bits 4, 2, 1) that the condition takes
  // for some decision in the box (whose run on `axis` does not matter), as a
  // mask of 8 bits. Kept whole through `and`, `or` and `not`, a pattern does
  // not lose what the three truths have in common.
  std::uint8_t patterns(const Box& box, std::size_t axis, std::uint32_t at) const;
  // For each test that holds in part of the box: the axis and the cells
  // inside the box where its truth changes (a cut at c separates c-1 and c).
  void cuts(const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const;
  bool always() const { return nodes_.empty(); }
  // The smallest box outside which the condition never holds (it need not
  // hold everywhere inside), or none if it never holds: a quick bound on
  // where two conditions can meet. Unset for a condition that always holds.
  const std::optional<Box>& hull() const { return hull_; }

 private:
  struct Node {
    Condition::Kind kind = Condition::Kind::test;
    std::vector<std::uint32_t> operands;
    std::size_t axis = 0;
    std::vector<Run> truth;  // tests: the cells where it holds, sorted and apart
  };
  std::uint32_t compile(const Grid& grid, const Condition& c);
  Tri node_on(std::uint32_t n, const Box& box) const;
  std::uint8_t node_patterns(std::uint32_t n, const Box& box, std::size_t axis, std::uint32_t at) const;
  void node_cuts(std::uint32_t n, const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const;
  std::optional<Box> node_hull(std::uint32_t n, const Box& whole) const;
  std::vector<Node> nodes_;  // the root is the last one compiled
  std::optional<Box> hull_;
};

// The cells of the grid's axis `axis` where a condition holds, sorted and
// apart, for a condition whose every test names that axis's fact (a test of
// a fact that failed to resolve holds everywhere): the compiled evaluator's
// per-fact bit vectors are made from these.
std::vector<Run> axis_truth(const Grid& grid, std::size_t axis, const Condition& c);

// Whether `other`, in effect, sets aside the power: a reserved matter of
// another post, or an escalation to a post above a place of each of its
// sets of signatories.
bool outranks(const Version& v, const Provision& other, const Provision& power);

class Space {
 public:
  // `also_cut_by`: other conditions the grid must answer exactly (`known` statements).
  Space(const Version& v, int kind, const std::vector<const Condition*>& also_cut_by = {});

  const Version& version() const { return *version_; }
  int kind() const { return kind_; }
  const Grid& grid() const { return grid_; }
  // The provisions of the kind (provisions_by_kind), and their conditions.
  const std::vector<int>& candidates() const { return candidates_; }
  const CompiledCondition& condition(std::size_t candidate) const { return conditions_[candidate]; }
  const Provision& provision(std::size_t candidate) const;
  // Candidates that `overrides` this one, by position.
  const std::vector<std::size_t>& overriders(std::size_t candidate) const { return overriders_[candidate]; }
  // The candidates that set aside a power when in effect (see `outranks`);
  // empty for a candidate that is not a power.
  const std::vector<std::size_t>& outrankers(std::size_t candidate) const { return outrankers_[candidate]; }
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
  Grid grid_;
  std::vector<int> candidates_;
  std::vector<CompiledCondition> conditions_;
  std::vector<std::vector<std::size_t>> overriders_;
  std::vector<std::vector<std::size_t>> outrankers_;  // by candidate
};

// What a search is told about each condition it follows: the condition, and
// optionally one axis pinned to one cell (to look at a neighbour of the box).
struct Probe {
  const CompiledCondition* condition = nullptr;  // none: never holds (a provision the question ignores)
  int pinned_axis = -1;
  std::uint32_t pinned_cell = 0;
  // With a pinned axis: 0 to ask the truth at the pinned cell; else 1 + a
  // pattern (see CompiledCondition::patterns) to ask whether the condition
  // takes that pattern across the pinned cell.
  std::uint8_t pattern = 0;
};

enum class Step { settle, split, stop };

// Each probe's truth on one box, worked out when first asked, so that a
// judge pays only for the conditions its question reaches. What a box's
// parent knew for the whole of it is known already.
class Truth {
 public:
  static constexpr std::uint8_t unknown = 3;
  Truth(const std::vector<Probe>& probes, const Box& box, std::vector<std::uint8_t>& values)
      : probes_(&probes), box_(&box), values_(&values) {}
  Tri operator[](std::size_t i) const;
  std::size_t size() const { return values_->size(); }

 private:
  const std::vector<Probe>* probes_;
  const Box* box_;
  std::vector<std::uint8_t>* values_;  // a Tri, or `unknown`
};

// What a judge is given: the box and each probe's truth on it. To split, it
// may name in `focus` the probes whose cuts matter to it (by index); left
// empty, every probe true in part of the box counts.
using Judge = std::function<Step(const Box& box, const Truth& truth, std::vector<std::size_t>& focus)>;

// Splits `root`, depth first, until the judge settles each box or stops the
// search. A box the judge asks to split is cut along one axis at the cuts of
// the probes in focus (the axis most of them cut). A box whose probes in
// focus are all settled cannot be split: it is left as it is.
void search(const Space& space, const Box& root, const std::vector<Probe>& probes, const Judge& judge);

void search(const Grid& grid, const Box& root, const std::vector<Probe>& probes, const Judge& judge);

// Whether some decision satisfies both conditions (compiled against `grid`):
// the checker's overlap test.
bool overlap(const Grid& grid, const CompiledCondition& a, const CompiledCondition& b);

}  // namespace remit::space
