#include "eval/grid.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace remit::eval {
namespace {

constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();

bool ordered(FactType t) { return t == FactType::money || t == FactType::integer || t == FactType::date; }

void collect(const Condition& c, std::vector<std::vector<Value>>& constants, std::vector<char>& used) {
  if (c.kind == Condition::Kind::test && c.fact >= 0) {
    used[static_cast<std::size_t>(c.fact)] = 1;
    auto& into = constants[static_cast<std::size_t>(c.fact)];
    into.insert(into.end(), c.values.begin(), c.values.end());
  }
  for (const Condition& o : c.operands) collect(o, constants, used);
}

std::string show(const FactDef& def, std::int64_t n) { return format_value(def, Value{n, {}}); }

}  // namespace

std::int64_t value_floor(FactType type) { return type == FactType::money ? 0 : lowest; }

std::size_t Axis::locate(const Value& x) const {
  switch (type) {
    case FactType::flag: return x.number != 0 ? 1 : 0;
    case FactType::enumeration: return static_cast<std::size_t>(x.number);
    case FactType::text: {
      for (std::size_t i = 0; i < constants.size(); ++i)
        if (constants[i].text == x.text) return i;
      return constants.size();
    }
    default: {
      const auto it = std::lower_bound(constants.begin(), constants.end(), x.number,
                                       [](const Value& c, std::int64_t n) { return c.number < n; });
      const auto i = static_cast<std::size_t>(it - constants.begin());
      return it != constants.end() && it->number == x.number ? 2 * i + 1 : 2 * i;
    }
  }
}

std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> Axis::bounds(std::size_t cell) const {
  const std::size_t i = cell / 2;
  if (cell % 2 == 1) return {constants[i].number, constants[i].number};
  std::optional<std::int64_t> lo, hi;
  if (i > 0 && constants[i - 1].number < highest) lo = constants[i - 1].number + 1;
  if (i < constants.size() && constants[i].number > lowest) hi = constants[i].number - 1;
  return {lo, hi};
}

bool Axis::empty(std::size_t cell) const {
  if (!ordered(type) || cell % 2 == 1) return false;
  const std::size_t i = cell / 2;
  if (i == 0) return !constants.empty() && constants.front().number <= value_floor(type);
  if (i == constants.size()) return constants.back().number == highest;
  return constants[i - 1].number + 1 >= constants[i].number;
}

Value Axis::witness(std::size_t cell, std::int64_t floor) const {
  switch (type) {
    case FactType::flag:
    case FactType::enumeration: return Value{static_cast<std::int64_t>(cell), {}};
    case FactType::text: return cell < constants.size() ? constants[cell] : Value{0, "\x01 none of the above"};
    default: break;
  }
  const auto [lo, hi] = bounds(cell);
  if (lo) return Value{*lo, {}};
  // Below the lowest constant: just below it, but not below the floor.
  if (hi) return Value{std::max(*hi, floor), {}};
  return Value{std::max<std::int64_t>(0, floor), {}};
}

std::string Axis::describe(std::size_t cell, const FactDef& def) const {
  switch (type) {
    case FactType::flag: return cell ? "true" : "false";
    case FactType::enumeration: return def.members.at(cell);
    case FactType::text: return cell < constants.size() ? "\"" + constants[cell].text + "\"" : "any other text";
    default: break;
  }
  const std::size_t i = cell / 2;
  if (cell % 2 == 1) return show(def, constants[i].number);
  if (constants.empty()) return "any";
  if (i == 0) return "below " + show(def, constants.front().number);
  if (i == constants.size()) return "above " + show(def, constants.back().number);
  return "over " + show(def, constants[i - 1].number) + " and under " + show(def, constants[i].number);
}

std::size_t Grid::locate(const std::vector<std::optional<Value>>& facts) const {
  std::size_t cell = 0;
  for (const Axis& a : axes) cell = cell * a.cells + a.locate(*facts[static_cast<std::size_t>(a.fact)]);
  return cell;
}

bool Grid::empty(std::size_t cell) const {
  const auto at = coordinates(cell);
  for (std::size_t i = 0; i < axes.size(); ++i)
    if (axes[i].empty(at[i])) return true;
  return false;
}

std::vector<std::size_t> Grid::coordinates(std::size_t cell) const {
  std::vector<std::size_t> out(axes.size());
  for (std::size_t i = axes.size(); i-- > 0;) {
    out[i] = cell % axes[i].cells;
    cell /= axes[i].cells;
  }
  return out;
}

std::vector<std::optional<Value>> Grid::witness(const Version& v, std::size_t cell) const {
  std::vector<std::optional<Value>> facts(v.facts.size());
  const auto at = coordinates(cell);
  for (std::size_t i = 0; i < axes.size(); ++i)
    facts[static_cast<std::size_t>(axes[i].fact)] = axes[i].witness(at[i], value_floor(axes[i].type));
  return facts;
}

Grid build_grid(const Version& v, int kind, std::size_t limit) {
  Grid g;
  g.kind = kind;
  std::vector<std::vector<Value>> constants(v.facts.size());
  std::vector<char> used(v.facts.size(), 0);
  for (int p : v.provisions_by_kind[static_cast<std::size_t>(kind)])
    if (const auto& when = v.provisions[static_cast<std::size_t>(p)].when) collect(*when, constants, used);
  for (std::size_t f = 0; f < v.facts.size(); ++f) {
    if (!used[f]) continue;
    Axis a;
    a.fact = static_cast<int>(f);
    a.type = v.facts[f].type;
    auto& values = constants[f];
    if (a.type == FactType::text) {
      std::set<std::string> seen;
      for (const Value& x : values)
        if (seen.insert(x.text).second) a.constants.push_back(x);
      a.cells = a.constants.size() + 1;
    } else if (ordered(a.type)) {
      std::sort(values.begin(), values.end(), [](const Value& x, const Value& y) { return x.number < y.number; });
      values.erase(std::unique(values.begin(), values.end(), [](const Value& x, const Value& y) { return x.number == y.number; }),
                   values.end());
      // Money below zero cannot occur: drop constants and cells under the floor.
      const std::int64_t floor = value_floor(a.type);
      for (const Value& x : values)
        if (x.number >= floor) a.constants.push_back(x);
      a.cells = 2 * a.constants.size() + 1;
    } else if (a.type == FactType::flag) {
      a.cells = 2;
    } else {
      a.cells = std::max<std::size_t>(1, v.facts[f].members.size());
    }
    g.axes.push_back(std::move(a));
  }
  for (const Axis& a : g.axes) {
    if (g.cells > limit / std::max<std::size_t>(1, a.cells)) {
      g.cells = limit + 1;
      break;
    }
    g.cells *= a.cells;
  }
  return g;
}

}  // namespace remit::eval
