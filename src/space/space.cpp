#include "space/space.hpp"

#include <algorithm>
#include <limits>

namespace remit::space {
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
std::vector<Run> ordered_truth(const Axis& a, CompareOp op, const std::vector<Value>& values) {
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
std::vector<Run> listed_truth(const Axis& a, CompareOp op, const std::vector<Value>& values) {
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

CompiledCondition::CompiledCondition(const Grid& grid, const Condition& c) {
  compile(grid, c);
  hull_ = node_hull(static_cast<std::uint32_t>(nodes_.size() - 1), grid.whole());
}

std::optional<Box> CompiledCondition::node_hull(std::uint32_t n, const Box& whole) const {
  const Node& node = nodes_[n];
  auto spanning = [&](std::size_t axis, const std::vector<Run>& runs) -> std::optional<Box> {
    if (runs.empty()) return std::nullopt;
    Box out = whole;
    out[axis] = Run{runs.front().first, runs.back().last};
    return out;
  };
  switch (node.kind) {
    case Condition::Kind::test: return spanning(node.axis, node.truth);
    case Condition::Kind::negation: {
      const Node& inner = nodes_[node.operands.at(0)];
      if (inner.kind != Condition::Kind::test) return whole;
      return spanning(inner.axis, complement(inner.truth, whole[inner.axis].last + 1));
    }
    case Condition::Kind::all_of: {
      std::optional<Box> out = whole;
      for (std::uint32_t o : node.operands) {
        const std::optional<Box> part = node_hull(o, whole);
        if (!part) return std::nullopt;
        for (std::size_t i = 0; i < whole.size(); ++i) {
          (*out)[i] = Run{std::max((*out)[i].first, (*part)[i].first), std::min((*out)[i].last, (*part)[i].last)};
          if ((*out)[i].first > (*out)[i].last) return std::nullopt;
        }
      }
      return out;
    }
    case Condition::Kind::any_of: {
      std::optional<Box> out;
      for (std::uint32_t o : node.operands) {
        const std::optional<Box> part = node_hull(o, whole);
        if (!part) continue;
        if (!out) {
          out = part;
          continue;
        }
        for (std::size_t i = 0; i < whole.size(); ++i)
          (*out)[i] = Run{std::min((*out)[i].first, (*part)[i].first), std::max((*out)[i].last, (*part)[i].last)};
      }
      return out;
    }
  }
  return whole;
}

std::uint32_t CompiledCondition::compile(const Grid& grid, const Condition& c) {
  Node node;
  node.kind = c.kind;
  for (const Condition& operand : c.operands) node.operands.push_back(compile(grid, operand));
  if (c.kind == Condition::Kind::test && c.fact < 0) {
    // A test of a fact that failed to resolve (already an error) says
    // nothing: it holds everywhere, as a conjunction of nothing does.
    node.kind = Condition::Kind::all_of;
  } else if (c.kind == Condition::Kind::test) {
    const auto axis = std::find_if(grid.axes.begin(), grid.axes.end(), [&](const Axis& a) { return a.fact == c.fact; });
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

std::uint8_t CompiledCondition::patterns(const Box& box, std::size_t axis, std::uint32_t at) const {
  return nodes_.empty() ? std::uint8_t{1u << 7} : node_patterns(static_cast<std::uint32_t>(nodes_.size() - 1), box, axis, at);
}

std::uint8_t CompiledCondition::node_patterns(std::uint32_t n, const Box& box, std::size_t axis, std::uint32_t at) const {
  const Node& node = nodes_[n];
  // Every pair of patterns the two sides can take, joined bit by bit.
  auto combine = [](std::uint8_t a, std::uint8_t b, bool all) {
    std::uint8_t out = 0;
    for (unsigned p = 0; p < 8; ++p)
      for (unsigned q = 0; q < 8; ++q)
        if ((a >> p & 1) && (b >> q & 1)) out = static_cast<std::uint8_t>(out | 1u << (all ? (p & q) : (p | q)));
    return out;
  };
  switch (node.kind) {
    case Condition::Kind::test: {
      if (node.axis != axis) {
        const Tri t = node_on(n, box);
        return static_cast<std::uint8_t>(t == Tri::yes ? 1u << 7 : t == Tri::no ? 1u : (1u << 7) | 1u);
      }
      auto holds = [&](std::uint32_t cell) {
        return std::any_of(node.truth.begin(), node.truth.end(), [&](const Run& r) { return r.first <= cell && cell <= r.last; });
      };
      return static_cast<std::uint8_t>(1u << (holds(at - 1) << 2 | holds(at) << 1 | holds(at + 1)));
    }
    case Condition::Kind::negation: {
      const std::uint8_t inner = node_patterns(node.operands.at(0), box, axis, at);
      std::uint8_t out = 0;
      for (unsigned p = 0; p < 8; ++p)
        if (inner >> p & 1) out = static_cast<std::uint8_t>(out | 1u << (~p & 7u));
      return out;
    }
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      const bool all = node.kind == Condition::Kind::all_of;
      std::uint8_t acc = all ? std::uint8_t{1u << 7} : std::uint8_t{1u};
      for (std::uint32_t o : node.operands) acc = combine(acc, node_patterns(o, box, axis, at), all);
      return acc;
    }
  }
  return 0xFF;
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

std::vector<Run> axis_truth(const Grid& grid, std::size_t axis, const Condition& c) {
  const Axis& a = grid.axes[axis];
  const auto cells = static_cast<std::uint32_t>(a.cells);
  const std::vector<Run> everywhere{Run{0, cells - 1}};
  switch (c.kind) {
    case Condition::Kind::test:
      if (c.fact < 0) return everywhere;
      return ordered(a.type) ? ordered_truth(a, c.op, c.values) : listed_truth(a, c.op, c.values);
    case Condition::Kind::negation: return complement(axis_truth(grid, axis, c.operands.at(0)), cells);
    case Condition::Kind::any_of: {
      std::vector<Run> out;
      for (const Condition& o : c.operands) {
        const std::vector<Run> part = axis_truth(grid, axis, o);
        out.insert(out.end(), part.begin(), part.end());
      }
      return normalise(std::move(out));
    }
    case Condition::Kind::all_of: {
      // Not all of them: the cells where some operand fails.
      std::vector<Run> fails;
      for (const Condition& o : c.operands) {
        const std::vector<Run> part = complement(axis_truth(grid, axis, o), cells);
        fails.insert(fails.end(), part.begin(), part.end());
      }
      return complement(normalise(std::move(fails)), cells);
    }
  }
  return everywhere;
}

// ---- the space --------------------------------------------------------------

bool outranks(const Version& v, const Provision& other, const Provision& power) {
  if (other.kind == ProvisionKind::prohibition) return true;
  if (other.kind == ProvisionKind::reserved) return other.sole_post() != power.sole_post();
  if (other.kind != ProvisionKind::escalation) return false;
  // Each set of the power has a place below the escalation's post.
  return std::all_of(power.approver.begin(), power.approver.end(), [&](const SignatorySet& set) {
    return std::any_of(set.begin(), set.end(), [&](const Place& place) { return v.is_above(other.sole_post(), place.post); });
  });
}

Space::Space(const Version& v, int kind, const std::vector<const Condition*>& also_cut_by)
    : version_(&v), kind_(kind), grid_(build_grid(v, kind, std::numeric_limits<std::size_t>::max() - 1, also_cut_by)) {
  candidates_ = v.provisions_by_kind[static_cast<std::size_t>(kind)];
  for (int p : candidates_) {
    const auto& when = v.provisions[static_cast<std::size_t>(p)].when;
    conditions_.push_back(when ? CompiledCondition(grid_, *when) : CompiledCondition());
  }
  overriders_.resize(candidates_.size());
  for (std::size_t j = 0; j < candidates_.size(); ++j)
    for (int target : provision(j).overrides)
      if (std::size_t i = position(target); i != npos) overriders_[i].push_back(j);
  outrankers_.resize(candidates_.size());
  for (std::size_t c = 0; c < candidates_.size(); ++c) {
    const Provision& power = provision(c);
    if (power.kind != ProvisionKind::power) continue;
    for (std::size_t q = 0; q < candidates_.size(); ++q)
      if (outranks(v, provision(q), power)) outrankers_[c].push_back(q);
  }
}

const Provision& Space::provision(std::size_t c) const { return version_->provisions[static_cast<std::size_t>(candidates_[c])]; }

std::size_t Space::position(int p) const {
  const auto it = std::find(candidates_.begin(), candidates_.end(), p);
  return it == candidates_.end() ? npos : static_cast<std::size_t>(it - candidates_.begin());
}

Box Space::whole() const { return grid_.whole(); }

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
    const Axis& a = grid_.axes[i];
    facts[static_cast<std::size_t>(a.fact)] = a.witness(cell[i].first, value_floor(a.type));
  }
  return facts;
}

std::string Space::describe(const Box& box) const {
  std::string out;
  for (std::size_t i = 0; i < box.size(); ++i) {
    const Axis& a = grid_.axes[i];
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
bool trim(const Grid& grid, Box& box) {
  for (std::size_t i = 0; i < box.size(); ++i) {
    const Axis& a = grid.axes[i];
    while (box[i].first < box[i].last && a.empty(box[i].first)) ++box[i].first;
    while (box[i].last > box[i].first && a.empty(box[i].last)) --box[i].last;
    if (a.empty(box[i].first)) return false;
  }
  return true;
}

Tri probe_on(const Probe& p, const Box& box) {
  if (!p.condition) return Tri::no;
  if (p.pinned_axis < 0) return p.condition->on(box);
  if (p.pattern) {
    const std::uint8_t mask = p.condition->patterns(box, static_cast<std::size_t>(p.pinned_axis), p.pinned_cell);
    const auto wanted = static_cast<std::uint8_t>(1u << (p.pattern - 1));
    return mask == wanted ? Tri::yes : (mask & wanted) ? Tri::part : Tri::no;
  }
  Box pinned = box;
  pinned[static_cast<std::size_t>(p.pinned_axis)] = Run{p.pinned_cell, p.pinned_cell};
  return p.condition->on(pinned);
}

}  // namespace

Tri Truth::operator[](std::size_t i) const {
  std::uint8_t& v = (*values_)[i];
  if (v == unknown) v = static_cast<std::uint8_t>(probe_on((*probes_)[i], *box_));
  return static_cast<Tri>(v);
}

void search(const Grid& grid, const Box& root, const std::vector<Probe>& probes, const Judge& judge) {
  struct Frame {
    Box box;
    std::vector<std::uint8_t> truth;
  };
  Frame first{root, std::vector<std::uint8_t>(probes.size(), Truth::unknown)};
  if (!trim(grid, first.box)) return;
  std::vector<Frame> stack;
  stack.push_back(std::move(first));
  const std::size_t axes = grid.axes.size();
  std::vector<std::vector<std::uint32_t>> cuts(axes);
  std::vector<std::size_t> focus, cutting(axes), before(axes);
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    focus.clear();
    const Truth truth(probes, frame.box, frame.truth);
    const Step step = judge(frame.box, truth, focus);
    if (step == Step::stop) return;
    if (step == Step::settle) continue;
    if (focus.empty())
      for (std::size_t i = 0; i < probes.size(); ++i) focus.push_back(i);
    for (auto& c : cuts) c.clear();
    std::fill(cutting.begin(), cutting.end(), 0);
    for (std::size_t i : focus) {
      if (!probes[i].condition || truth[i] != Tri::part) continue;
      for (std::size_t a = 0; a < axes; ++a) before[a] = cuts[a].size();
      if (probes[i].pinned_axis < 0) {
        probes[i].condition->cuts(frame.box, cuts);
      } else {
        // A pattern depends on the cells either side of the pinned one too.
        const std::uint32_t at = probes[i].pinned_cell;
        for (std::uint32_t cell : probes[i].pattern ? std::vector<std::uint32_t>{at - 1, at, at + 1} : std::vector<std::uint32_t>{at}) {
          Box pinned = frame.box;
          pinned[static_cast<std::size_t>(probes[i].pinned_axis)] = Run{cell, cell};
          probes[i].condition->cuts(pinned, cuts);
        }
      }
      for (std::size_t a = 0; a < axes; ++a) cutting[a] += cuts[a].size() > before[a];
    }
    // The axis that settles the most conditions at once: the one most of
    // them are cut on (each counted once), then the one with fewest pieces.
    std::size_t axis = axes;
    for (std::size_t a = 0; a < axes; ++a) {
      if (cuts[a].empty()) continue;
      std::sort(cuts[a].begin(), cuts[a].end());
      cuts[a].erase(std::unique(cuts[a].begin(), cuts[a].end()), cuts[a].end());
      if (axis == axes || cutting[a] > cutting[axis] || (cutting[a] == cutting[axis] && cuts[a].size() < cuts[axis].size())) axis = a;
    }
    // Nothing left to cut: every probe in focus is settled on the whole box,
    // so the judge's answer there was exact and the box needs no more.
    if (axis == axes) continue;
    const auto& at = cuts[axis];
    // Pieces pushed last to first, so that the lowest is looked at first.
    std::uint32_t end = frame.box[axis].last;
    for (std::size_t k = at.size() + 1; k-- > 0;) {
      const std::uint32_t begin = k == 0 ? frame.box[axis].first : at[k - 1];
      // What holds on the whole parent holds on the child; the rest is asked again.
      Frame child{frame.box, frame.truth};
      child.box[axis] = Run{begin, end};
      end = begin - 1;
      if (!trim(grid, child.box)) continue;
      for (std::uint8_t& v : child.truth)
        if (v == static_cast<std::uint8_t>(Tri::part)) v = Truth::unknown;
      stack.push_back(std::move(child));
    }
  }
}

void search(const Space& space, const Box& root, const std::vector<Probe>& probes, const Judge& judge) {
  search(space.grid(), root, probes, judge);
}

Box Grid::whole() const {
  Box b;
  for (const Axis& a : axes) b.push_back(Run{0, static_cast<std::uint32_t>(a.cells - 1)});
  return b;
}

bool overlap(const Grid& grid, const CompiledCondition& a, const CompiledCondition& b) {
  // Most pairs are told apart by their hulls alone; the search is for the rest.
  Box box = grid.whole();
  for (const CompiledCondition* c : {&a, &b}) {
    if (c->always()) continue;
    if (!c->hull()) return false;
    for (std::size_t i = 0; i < box.size(); ++i) {
      box[i] = Run{std::max(box[i].first, (*c->hull())[i].first), std::min(box[i].last, (*c->hull())[i].last)};
      if (box[i].first > box[i].last) return false;
    }
  }
  const std::vector<Probe> probes{Probe{&a}, Probe{&b}};
  bool found = false;
  search(grid, box, probes, [&](const Box&, const Truth& truth, std::vector<std::size_t>&) {
    const Tri joint = both(truth[0], truth[1]);
    if (joint == Tri::yes) found = true;
    return found ? Step::stop : joint == Tri::no ? Step::settle : Step::split;
  });
  return found;
}

}  // namespace remit::space
