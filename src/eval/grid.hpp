#pragma once
// The exact partition of a decision kind's fact space in one version: the
// cells within which every condition of every provision for that kind
// answers alike. Each fact the conditions use is an axis:
// - money, integers and dates are cut at every constant compared with them,
//   and each constant is a cell of its own, so `> £500,000` and
//   `>= £500,000` differ exactly at £500,000: constants c1 < … < cm give the
//   cells (…, c1), [c1], (c1, c2), …, [cm], (cm, …);
// - flags have the cells false and true; enumerations one cell per member;
// - text has one cell per string compared with it and one for any other.
// A cell is a point of the product of the axes. The compiled evaluator
// answers by finding a decision's cell; `remit analyse`, `matrix` and `diff`
// walk every cell with a witness decision for each.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "remit/scheme.hpp"

namespace remit::eval {

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

struct Grid {
  int kind = -1;
  std::vector<Axis> axes;  // in fact order
  std::size_t cells = 1;   // the product of the axes' cells (saturating)

  // The cell of a set of facts; every axis's fact must be given.
  std::size_t locate(const std::vector<std::optional<Value>>& facts) const;
  // The coordinate of a cell on each axis.
  std::vector<std::size_t> coordinates(std::size_t cell) const;
  bool empty(std::size_t cell) const;
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

}  // namespace remit::eval
