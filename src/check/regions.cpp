#include "check/regions.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace remit::check {
namespace {

constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t max_boxes = 512;  // beyond this, answer "may overlap"

struct Range {
  std::int64_t lo = lowest;
  std::int64_t hi = highest;  // inclusive
  std::uint64_t members = ~std::uint64_t{0};  // for flags and enumerations (up to 64 members)
};
using Box = std::map<int, Range>;  // fact -> bounds; absent facts are unbounded
using Boxes = std::vector<Box>;

bool intersect_into(Box& into, const Box& other) {
  for (const auto& [fact, r] : other) {
    auto [it, inserted] = into.emplace(fact, r);
    if (inserted) continue;
    Range& x = it->second;
    x.lo = std::max(x.lo, r.lo);
    x.hi = std::min(x.hi, r.hi);
    x.members &= r.members;
    if (x.lo > x.hi || x.members == 0) return false;
  }
  return true;
}

Box one(int fact, Range r) { return Box{{fact, r}}; }
Range interval(std::int64_t lo, std::int64_t hi) { return Range{lo, hi, ~std::uint64_t{0}}; }
Range member_set(std::uint64_t m) { return Range{lowest, highest, m}; }
std::int64_t below(std::int64_t x) { return x == lowest ? x : x - 1; }
std::int64_t above(std::int64_t x) { return x == highest ? x : x + 1; }

std::optional<Boxes> boxes(const Version& v, const Condition& c, bool negated);

std::optional<Boxes> test_boxes(const Version& v, const Condition& c, bool negated) {
  if (c.fact < 0) return Boxes{Box{}};
  const FactDef& f = v.facts[static_cast<std::size_t>(c.fact)];
  const bool by_member = f.type == FactType::flag || f.type == FactType::enumeration;
  if (f.type == FactType::text) return Boxes{Box{}};
  if (by_member && f.members.size() > 64) return Boxes{Box{}};
  const std::uint64_t all_members = f.type == FactType::flag ? 0b11
                                  : f.members.size() == 64 ? ~std::uint64_t{0}
                                  : (std::uint64_t{1} << f.members.size()) - 1;
  auto bit = [](std::int64_t n) { return std::uint64_t{1} << static_cast<unsigned>(n); };
  Boxes out;
  if (by_member) {
    std::uint64_t m = 0;
    switch (c.op) {
      case CompareOp::is_true: m = bit(1); break;
      case CompareOp::eq: m = bit(c.values.at(0).number); break;
      case CompareOp::ne: m = all_members & ~bit(c.values.at(0).number); break;
      case CompareOp::in:
        for (const Value& x : c.values) m |= bit(x.number);
        break;
      case CompareOp::not_in:
        m = all_members;
        for (const Value& x : c.values) m &= ~bit(x.number);
        break;
      default: return Boxes{Box{}};
    }
    if (negated) m = all_members & ~m;
    if (m) out.push_back(one(c.fact, member_set(m)));
    return out;
  }
  // Ordered facts: the set of values as disjoint intervals, then complemented if negated.
  std::vector<std::pair<std::int64_t, std::int64_t>> set;
  auto value = [&](std::size_t i) { return c.values.at(i).number; };
  switch (c.op) {
    case CompareOp::lt: if (value(0) != lowest) set.push_back({lowest, value(0) - 1}); break;
    case CompareOp::le: set.push_back({lowest, value(0)}); break;
    case CompareOp::gt: if (value(0) != highest) set.push_back({value(0) + 1, highest}); break;
    case CompareOp::ge: set.push_back({value(0), highest}); break;
    case CompareOp::eq: set.push_back({value(0), value(0)}); break;
    case CompareOp::ne:
      if (value(0) != lowest) set.push_back({lowest, value(0) - 1});
      if (value(0) != highest) set.push_back({value(0) + 1, highest});
      break;
    case CompareOp::between: if (value(0) <= value(1)) set.push_back({value(0), value(1)}); break;
    case CompareOp::in:
    case CompareOp::not_in: {
      std::vector<std::int64_t> points;
      for (const Value& x : c.values) points.push_back(x.number);
      std::sort(points.begin(), points.end());
      points.erase(std::unique(points.begin(), points.end()), points.end());
      if (c.op == CompareOp::in) {
        for (auto p : points) set.push_back({p, p});
      } else {
        std::int64_t start = lowest;
        bool open = true;
        for (auto p : points) {
          if (open && p > start) set.push_back({start, p - 1});
          if (p == highest) { open = false; break; }
          start = p + 1;
        }
        if (open) set.push_back({start, highest});
      }
      break;
    }
    case CompareOp::is_true: return Boxes{Box{}};
  }
  if (negated) {
    std::vector<std::pair<std::int64_t, std::int64_t>> complement;
    std::int64_t start = lowest;
    bool open = true;
    for (auto [lo, hi] : set) {
      if (lo > start) complement.push_back({start, below(lo)});
      if (hi == highest) { open = false; break; }
      start = above(hi);
    }
    if (open) complement.push_back({start, highest});
    set = std::move(complement);
  }
  for (auto [lo, hi] : set) out.push_back(one(c.fact, interval(lo, hi)));
  return out;
}

std::optional<Boxes> boxes(const Version& v, const Condition& c, bool negated) {
  switch (c.kind) {
    case Condition::Kind::test: return test_boxes(v, c, negated);
    case Condition::Kind::negation: return boxes(v, c.operands.at(0), !negated);
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      // Under negation, De Morgan swaps the two.
      const bool conjunction = (c.kind == Condition::Kind::all_of) != negated;
      Boxes acc = conjunction ? Boxes{Box{}} : Boxes{};
      for (const Condition& operand : c.operands) {
        auto part = boxes(v, operand, negated);
        if (!part) return std::nullopt;
        if (!conjunction) {
          acc.insert(acc.end(), part->begin(), part->end());
        } else {
          Boxes next;
          for (const Box& a : acc)
            for (const Box& b : *part) {
              Box x = a;
              if (intersect_into(x, b)) next.push_back(std::move(x));
              if (next.size() > max_boxes) return std::nullopt;
            }
          acc = std::move(next);
        }
        if (acc.size() > max_boxes) return std::nullopt;
      }
      return acc;
    }
  }
  return std::nullopt;
}

}  // namespace

bool conditions_may_overlap(const Version& v, const std::optional<Condition>& a, const std::optional<Condition>& b) {
  auto left = a ? boxes(v, *a, false) : std::optional<Boxes>(Boxes{Box{}});
  auto right = b ? boxes(v, *b, false) : std::optional<Boxes>(Boxes{Box{}});
  if (!left || !right) return true;
  for (const Box& x : *left)
    for (const Box& y : *right) {
      Box z = x;
      if (intersect_into(z, y)) return true;
    }
  return false;
}

bool kinds_overlap(const Version& v, int a, int b) {
  for (const auto& provisions : v.provisions_by_kind) {
    const bool has_a = std::find(provisions.begin(), provisions.end(), a) != provisions.end();
    if (has_a && std::find(provisions.begin(), provisions.end(), b) != provisions.end()) return true;
  }
  return false;
}

}  // namespace remit::check
