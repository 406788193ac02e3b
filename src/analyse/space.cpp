#include "analyse/space.hpp"

#include <algorithm>
#include <limits>

namespace remit::analyse {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool ordered(FactType t) { return t == FactType::money || t == FactType::integer || t == FactType::date; }

// Sorted, apart and merged where they touch.
std::vector<Run> normalise(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.first < b.first; });
  std::vector<Run> out;
  for (const Run& r : runs) {
    if (!out.empty() && r.first <= out.back().last + 1) out.back().last = std::max(out.back().last, r.last);
    else out.push_back(r);
  }
  return out;
}

std::vector<Run> complement(const std::vector<Run>& runs, std::uint32_t cells) {
  std::vector<Run> out;
  std::uint32_t next = 0;
  for (const Run& r : runs) {
    if (r.first > next) out.push_back(Run{next, r.first - 1});
    next = r.last + 1;
  }
  if (next < cells) out.push_back(Run{next, cells - 1});
  return out;
}

// The cells of an ordered axis where a test holds. Every value a condition
// compares with is one of the axis's constants, except money below £0, which
// the axis drops: every cell lies above such a value.
std::vector<Run> ordered_truth(const eval::Axis& a, CompareOp op, const std::vector<Value>& values) {
  const auto cells = static_cast<std::uint32_t>(a.cells);
  auto index = [&](std::int64_t v) {
    const auto it = std::lower_bound(a.constants.begin(), a.constants.end(), v,
                                     [](const Value& c, std::int64_t n) { return c.number < n; });
    return std::pair{static_cast<std::uint32_t>(it - a.constants.begin()), it != a.constants.end() && it->number == v};
  };
  // The first cell not wholly below v, and the first cell wholly above it.
  auto not_below = [&](std::int64_t v) {
    auto [j, known] = index(v);
    return known ? 2 * j + 1 : 2 * j;
  };
  auto above = [&](std::int64_t v) {
    auto [j, known] = index(v);
    return known ? 2 * j + 2 : 2 * j;
  };
  auto span = [&](std::uint32_t from, std::uint32_t to_excluded) {
    return from < to_excluded ? std::vector<Run>{Run{from, to_excluded - 1}} : std::vector<Run>{};
  };
  auto points = [&] {
    std::vector<Run> out;
    for (const Value& x : values)
      if (auto [j, known] = index(x.number); known) out.push_back(Run{2 * j + 1, 2 * j + 1});
    return normalise(std::move(out));
  };
  switch (op) {
    case CompareOp::lt: return span(0, not_below(values.at(0).number));
    case CompareOp::le: return span(0, above(values.at(0).number));
    case CompareOp::gt: return span(above(values.at(0).number), cells);
    case CompareOp::ge: return span(not_below(values.at(0).number), cells);
    case CompareOp::between: return span(not_below(values.at(0).number), above(values.at(1).number));
    case CompareOp::eq:
    case CompareOp::in: return points();
    case CompareOp::ne:
    case CompareOp::not_in: return complement(points(), cells);
    case CompareOp::is_true: break;
  }
  return {};
}

// Flags, enumerations and text: few cells, each tried.
std::vector<Run> listed_truth(const eval::Axis& a, CompareOp op, const std::vector<Value>& values) {
  std::vector<Run> out;
  for (std::uint32_t cell = 0; cell < a.cells; ++cell) {
    const bool other = a.type == FactType::text && cell == a.constants.size();  // any text not named
    auto equal = [&](const Value& y) {
      if (a.type == FactType::text) return !other && a.constants[cell].text == y.text;
      return static_cast<std::int64_t>(cell) == y.number;
    };
    bool holds = false;
    switch (op) {
      case CompareOp::is_true: holds = cell == 1; break;
      case CompareOp::eq:
      case CompareOp::in: holds = std::any_of(values.begin(), values.end(), equal); break;
      case CompareOp::ne:
      case CompareOp::not_in: holds = std::none_of(values.begin(), values.end(), equal); break;
      default: break;
    }
    if (holds) out.push_back(Run{cell, cell});
  }
  return normalise(std::move(out));
}

}  // namespace

Tri both(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  return a == Tri::yes && b == Tri::yes ? Tri::yes : Tri::part;
}
Tri either(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  return a == Tri::no && b == Tri::no ? Tri::no : Tri::part;
}
Tri negate(Tri a) { return a == Tri::part ? a : a == Tri::yes ? Tri::no : Tri::yes; }

// ---- conditions -------------------------------------------------------------

CompiledCondition::CompiledCondition(const eval::Grid& grid, const Condition& c) { compile(grid, c); }

std::uint32_t CompiledCondition::compile(const eval::Grid& grid, const Condition& c) {
  Node node;
  node.kind = c.kind;
  for (const Condition& operand : c.operands) node.operands.push_back(compile(grid, operand));
  if (c.kind == Condition::Kind::test) {
    const auto axis = std::find_if(grid.axes.begin(), grid.axes.end(), [&](const eval::Axis& a) { return a.fact == c.fact; });
    node.axis = static_cast<std::size_t>(axis - grid.axes.begin());
    node.truth = ordered(axis->type) ? ordered_truth(*axis, c.op, c.values) : listed_truth(*axis, c.op, c.values);
  }
  nodes_.push_back(std::move(node));
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

Tri CompiledCondition::on(const Box& box) const {
  return nodes_.empty() ? Tri::yes : node_on(static_cast<std::uint32_t>(nodes_.size() - 1), box);
}

Tri CompiledCondition::node_on(std::uint32_t n, const Box& box) const {
  const Node& node = nodes_[n];
  switch (node.kind) {
    case Condition::Kind::test: {
      const Run r = box[node.axis];
      std::uint64_t inside = 0;
      for (const Run& t : node.truth) {
        if (t.last < r.first) continue;
        if (t.first > r.last) break;
        inside += std::min(t.last, r.last) - std::max(t.first, r.first) + 1;
      }
      if (inside == 0) return Tri::no;
      return inside == std::uint64_t{r.last} - r.first + 1 ? Tri::yes : Tri::part;
    }
    case Condition::Kind::negation: return negate(node_on(node.operands.at(0), box));
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      const bool all = node.kind == Condition::Kind::all_of;
      Tri acc = all ? Tri::yes : Tri::no;
      for (std::uint32_t o : node.operands) {
        acc = all ? both(acc, node_on(o, box)) : either(acc, node_on(o, box));
        if (acc == (all ? Tri::no : Tri::yes)) break;
      }
      return acc;
    }
  }
  return Tri::part;
}

void CompiledCondition::cuts(const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const {
  if (!nodes_.empty()) node_cuts(static_cast<std::uint32_t>(nodes_.size() - 1), box, by_axis);
}

void CompiledCondition::node_cuts(std::uint32_t n, const Box& box, std::vector<std::vector<std::uint32_t>>& by_axis) const {
  const Node& node = nodes_[n];
  if (node.kind != Condition::Kind::test) {
    for (std::uint32_t o : node.operands)
      if (node_on(o, box) == Tri::part) node_cuts(o, box, by_axis);
    return;
  }
  const Run r = box[node.axis];
  auto& out = by_axis[node.axis];
  for (const Run& t : node.truth) {
    if (t.first > r.first && t.first <= r.last) out.push_back(t.first);
    if (t.last >= r.first && t.last < r.last) out.push_back(t.last + 1);
  }
}

// ---- the space --------------------------------------------------------------

Space::Space(const Version& v, int kind, const std::vector<const Condition*>& also_cut_by)
    : version_(&v), kind_(kind), grid_(eval::build_grid(v, kind, std::numeric_limits<std::size_t>::max() - 1, also_cut_by)) {
  candidates_ = v.provisions_by_kind[static_cast<std::size_t>(kind)];
  for (int p : candidates_) {
    const auto& when = v.provisions[static_cast<std::size_t>(p)].when;
    conditions_.push_back(when ? CompiledCondition(grid_, *when) : CompiledCondition());
  }
  overriders_.resize(candidates_.size());
  for (std::size_t j = 0; j < candidates_.size(); ++j)
    for (int target : provision(j).overrides)
      if (std::size_t i = position(target); i != npos) overriders_[i].push_back(j);
}

const Provision& Space::provision(std::size_t c) const { return version_->provisions[static_cast<std::size_t>(candidates_[c])]; }

std::size_t Space::position(int p) const {
  const auto it = std::find(candidates_.begin(), candidates_.end(), p);
  return it == candidates_.end() ? npos : static_cast<std::size_t>(it - candidates_.begin());
}

Box Space::whole() const {
  Box b;
  for (const eval::Axis& a : grid_.axes) b.push_back(Run{0, static_cast<std::uint32_t>(a.cells - 1)});
  return b;
}

bool Space::empty(const Box& box) const {
  for (std::size_t i = 0; i < box.size(); ++i) {
    bool all_empty = true;
    for (std::uint32_t c = box[i].first; c <= box[i].last && all_empty; ++c) all_empty = grid_.axes[i].empty(c);
    if (all_empty) return true;
  }
  return false;
}

Box Space::first_cell(const Box& box) const {
  Box cell = box;
  for (std::size_t i = 0; i < box.size(); ++i) {
    std::uint32_t c = box[i].first;
    while (c < box[i].last && grid_.axes[i].empty(c)) ++c;
    cell[i] = Run{c, c};
  }
  return cell;
}

std::vector<std::optional<Value>> Space::witness(const Box& box) const {
  std::vector<std::optional<Value>> facts(version_->facts.size());
  const Box cell = first_cell(box);
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const eval::Axis& a = grid_.axes[i];
    facts[static_cast<std::size_t>(a.fact)] = a.witness(cell[i].first, eval::value_floor(a.type));
  }
  return facts;
}

std::string Space::describe(const Box& box) const {
  std::string out;
  for (std::size_t i = 0; i < box.size(); ++i) {
    const eval::Axis& a = grid_.axes[i];
    const std::string part = a.condition(box[i].first, box[i].last, version_->facts[static_cast<std::size_t>(a.fact)]);
    if (!part.empty()) out += (out.empty() ? "" : " and ") + part;
  }
  return out;
}

bool Space::contains(const Box& box, const Box& cell) {
  for (std::size_t i = 0; i < box.size(); ++i)
    if (cell[i].first < box[i].first || cell[i].last > box[i].last) return false;
  return true;
}

// ---- search -----------------------------------------------------------------

namespace {

// Drops empty cells at the ends of each run; false when a run is all empty.
bool trim(const Space& space, Box& box) {
  for (std::size_t i = 0; i < box.size(); ++i) {
    const eval::Axis& a = space.grid().axes[i];
    while (box[i].first < box[i].last && a.empty(box[i].first)) ++box[i].first;
    while (box[i].last > box[i].first && a.empty(box[i].last)) --box[i].last;
    if (a.empty(box[i].first)) return false;
  }
  return true;
}

Tri probe_on(const Probe& p, const Box& box) {
  if (!p.condition) return Tri::no;
  if (p.pinned_axis < 0) return p.condition->on(box);
  Box pinned = box;
  pinned[static_cast<std::size_t>(p.pinned_axis)] = Run{p.pinned_cell, p.pinned_cell};
  return p.condition->on(pinned);
}

}  // namespace

void search(const Space& space, const Box& root, const std::vector<Probe>& probes,
            const std::function<Step(const Box&, const std::vector<Tri>&)>& judge) {
  struct Frame {
    Box box;
    std::vector<Tri> truth;
  };
  Frame first{root, {}};
  if (!trim(space, first.box)) return;
  for (const Probe& p : probes) first.truth.push_back(probe_on(p, first.box));
  std::vector<Frame> stack;
  stack.push_back(std::move(first));
  const std::size_t axes = space.grid().axes.size();
  std::vector<std::vector<std::uint32_t>> cuts(axes);
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    const Step step = judge(frame.box, frame.truth);
    if (step == Step::stop) return;
    if (step == Step::settle) continue;
    for (auto& c : cuts) c.clear();
    for (std::size_t i = 0; i < probes.size(); ++i) {
      if (frame.truth[i] != Tri::part || !probes[i].condition) continue;
      if (probes[i].pinned_axis < 0) {
        probes[i].condition->cuts(frame.box, cuts);
      } else {
        Box pinned = frame.box;
        pinned[static_cast<std::size_t>(probes[i].pinned_axis)] = Run{probes[i].pinned_cell, probes[i].pinned_cell};
        probes[i].condition->cuts(pinned, cuts);
      }
    }
    std::size_t axis = axes;
    for (std::size_t a = 0; a < axes; ++a)
      if (!cuts[a].empty() && (axis == axes || cuts[a].size() > cuts[axis].size())) axis = a;
    if (axis == axes) continue;  // nothing left to cut: every probe is settled here
    auto& at = cuts[axis];
    std::sort(at.begin(), at.end());
    at.erase(std::unique(at.begin(), at.end()), at.end());
    // Pieces pushed last to first, so that the lowest is looked at first.
    std::uint32_t end = frame.box[axis].last;
    for (std::size_t k = at.size() + 1; k-- > 0;) {
      const std::uint32_t begin = k == 0 ? frame.box[axis].first : at[k - 1];
      Frame child{frame.box, frame.truth};
      child.box[axis] = Run{begin, end};
      end = begin - 1;
      if (!trim(space, child.box)) continue;
      for (std::size_t i = 0; i < probes.size(); ++i)
        if (child.truth[i] == Tri::part) child.truth[i] = probe_on(probes[i], child.box);
      stack.push_back(std::move(child));
    }
  }
}

// ---- the evaluator's rules, three-valued --------------------------------------

Rules::Rules(const Space& space, const std::vector<Tri>& condition)
    : space_(space),
      condition_(condition),
      effective_(space.candidates().size()),
      applies_(space.candidates().size()),
      outranked_(space.version().posts.size()) {}

Tri Rules::effective(std::size_t c) {
  if (effective_[c]) return *effective_[c];
  Tri result = condition_[c];
  if (result != Tri::no) {
    // The checker guarantees `overrides` has no cycles, so this ends.
    Tri overridden = Tri::no;
    for (std::size_t o : space_.overriders(c)) overridden = either(overridden, effective(o));
    result = both(result, negate(overridden));
  }
  effective_[c] = result;
  return result;
}

Tri Rules::applies(std::size_t c) {
  if (applies_[c]) return *applies_[c];
  Tri result = effective(c);
  const Provision& p = space_.provision(c);
  if (result != Tri::no && p.kind == ProvisionKind::power) result = both(result, negate(outranked(p.post)));
  applies_[c] = result;
  return result;
}

Tri Rules::outranked(int post) {
  auto& memo = outranked_[static_cast<std::size_t>(post)];
  if (memo) return *memo;
  const Version& v = space_.version();
  Tri result = Tri::no;
  for (std::size_t q = 0; q < space_.candidates().size() && result != Tri::yes; ++q) {
    const Provision& other = space_.provision(q);
    const bool outranks = (other.kind == ProvisionKind::reserved && other.post != post) ||
                          (other.kind == ProvisionKind::escalation && v.is_above(other.post, post));
    if (outranks && condition_[q] != Tri::no) result = either(result, effective(q));
  }
  memo = result;
  return result;
}

Tri Rules::any_reserved() {
  Tri any = Tri::no;
  for (std::size_t q = 0; q < space_.candidates().size() && any != Tri::yes; ++q)
    if (space_.provision(q).kind == ProvisionKind::reserved && condition_[q] != Tri::no) any = either(any, effective(q));
  return any;
}

Tri Rules::any_authority() {
  Tri any = Tri::no;
  for (std::size_t q = 0; q < space_.candidates().size() && any != Tri::yes; ++q)
    if (space_.provision(q).kind != ProvisionKind::requirement && condition_[q] != Tri::no) any = either(any, effective(q));
  return any;
}

}  // namespace remit::analyse
