#include "space/space.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace remit::space {
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
        if (!x.other_text && constants[i].text == x.text) return i;
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
    case FactType::text: return cell < constants.size() ? constants[cell] : Value{0, {}, true};
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

namespace {

// A run of cells with its empty ends trimmed, and its bounds on an ordered
// axis: `>=`/`>` below and `<=`/`<` above, or none where the run reaches the
// end of the axis (empty cells beyond it do not count).
struct Bounds {
  std::optional<std::pair<const char*, std::int64_t>> lower, upper;
};

Bounds ordered_bounds(const Axis& a, std::size_t first, std::size_t last) {
  while (first < last && a.empty(first)) ++first;
  while (last > first && a.empty(last)) --last;
  Bounds b;
  bool below = false, above = false;
  for (std::size_t c = 0; c < first; ++c) below = below || !a.empty(c);
  for (std::size_t c = last + 1; c < a.cells; ++c) above = above || !a.empty(c);
  if (below) b.lower = first % 2 == 1 ? std::pair{">=", a.constants[first / 2].number} : std::pair{">", a.constants[first / 2 - 1].number};
  if (above) b.upper = last % 2 == 1 ? std::pair{"<=", a.constants[last / 2].number} : std::pair{"<", a.constants[last / 2].number};
  return b;
}

}  // namespace

std::string Axis::condition(std::size_t first, std::size_t last, const FactDef& def) const {
  const std::string& name = def.name;
  switch (type) {
    case FactType::flag: return first == last ? (first ? name : "not " + name) : "";
    case FactType::enumeration:
    case FactType::text: {
      if (first == 0 && last + 1 >= cells) return "";
      auto value = [&](std::size_t c) { return type == FactType::text ? "\"" + constants[c].text + "\"" : def.members.at(c); };
      std::vector<std::string> in, out;
      for (std::size_t c = 0; c < cells; ++c) {
        if (type == FactType::text && c == constants.size()) continue;  // "any other text" has no name
        (c >= first && c <= last ? in : out).push_back(value(c));
      }
      const bool other_in = type == FactType::text && last == constants.size();
      const auto& listed = other_in ? out : in;
      std::string set;
      for (const std::string& x : listed) set += (set.empty() ? "" : ", ") + x;
      if (listed.size() == 1) return name + (other_in ? " != " : " = ") + set;
      return name + (other_in ? " not in {" : " in {") + set + "}";
    }
    default: break;
  }
  const Bounds b = ordered_bounds(*this, first, last);
  auto text = [&](const std::pair<const char*, std::int64_t>& bound) { return name + " " + bound.first + " " + show(def, bound.second); };
  if (b.lower && b.upper) {
    if (b.lower->second == b.upper->second) return name + " = " + show(def, b.lower->second);
    if (std::string_view(b.lower->first) == ">=" && std::string_view(b.upper->first) == "<=")
      return name + " between " + show(def, b.lower->second) + " and " + show(def, b.upper->second);
    return text(*b.lower) + " and " + text(*b.upper);
  }
  if (b.lower) return text(*b.lower);
  if (b.upper) return text(*b.upper);
  return "";
}

std::string Axis::band(std::size_t first, std::size_t last, const FactDef& def) const {
  if (!ordered(type)) {
    const std::string c = condition(first, last, def);
    return c.empty() ? "any " + def.name : c;
  }
  const Bounds b = ordered_bounds(*this, first, last);
  const bool date = type == FactType::date;
  auto at = [&](std::int64_t n) { return show(def, n); };
  if (b.lower && b.upper && b.lower->second == b.upper->second) return (date ? "on " : "exactly ") + at(b.lower->second);
  std::string lower, upper;
  if (b.lower) {
    const bool inclusive = std::string_view(b.lower->first) == ">=";
    if (b.upper) lower = (inclusive ? "from " : date ? "after " : "over ") + at(b.lower->second);
    else lower = date ? (inclusive ? "on or after " : "after ") + at(b.lower->second) : inclusive ? at(b.lower->second) + " or above" : "over " + at(b.lower->second);
  }
  if (b.upper) {
    const bool inclusive = std::string_view(b.upper->first) == "<=";
    if (date) upper = (inclusive ? "on or before " : "before ") + at(b.upper->second);
    else upper = (inclusive ? "up to " : b.lower ? "and under " : "under ") + at(b.upper->second);
  }
  if (lower.empty() && upper.empty()) return type == FactType::money ? "any amount" : "any " + def.name;
  return lower.empty() ? upper : upper.empty() ? lower : lower + " " + upper;
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

Axis make_axis(int fact, const FactDef& def, std::vector<Value> values) {
  Axis a;
  a.fact = fact;
  a.type = def.type;
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
    a.cells = std::max<std::size_t>(1, def.members.size());
  }
  return a;
}

void collect_constants(const Version& v, int kind, std::vector<std::vector<Value>>& constants, std::vector<char>& used) {
  constants.resize(v.facts.size());
  used.resize(v.facts.size(), 0);
  for (int p : v.provisions_by_kind[static_cast<std::size_t>(kind)])
    if (const auto& when = v.provisions[static_cast<std::size_t>(p)].when) collect(*when, constants, used);
}

Grid build_grid(const Version& v, int kind, std::size_t limit, const std::vector<const Condition*>& also_cut_by) {
  Grid g;
  g.kind = kind;
  std::vector<std::vector<Value>> constants;
  std::vector<char> used;
  collect_constants(v, kind, constants, used);
  for (const Condition* c : also_cut_by) collect(*c, constants, used);
  for (std::size_t f = 0; f < v.facts.size(); ++f)
    if (used[f]) g.axes.push_back(make_axis(static_cast<int>(f), v.facts[f], std::move(constants[f])));
  for (const Axis& a : g.axes) {
    if (g.cells > limit / std::max<std::size_t>(1, a.cells)) {
      g.cells = limit + 1;
      break;
    }
    g.cells *= a.cells;
  }
  return g;
}

}  // namespace remit::space
