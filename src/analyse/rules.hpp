#pragma once
// The evaluator's rules (DESIGN §3) over a box of the exact partition
// (space/space.hpp), three-valued. At a single cell every condition is
// settled, and they give exactly the statuses of remit::evaluate's trace;
// the tests compare the two at every cell of the test schemes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "space/space.hpp"

namespace remit::analyse {

// The evaluator's rules over a box, three-valued, reading each candidate's
// condition from the first probes of the search (one per candidate, in
// order; a candidate without a probe never holds). Memoised per box.
class Rules {
 public:
  Rules(const space::Space& space, const space::Truth& condition);
  space::Tri condition(std::size_t c) const { return condition_[c]; }
  // The probes for every candidate of a space, in order: what Rules reads.
  static std::vector<space::Probe> probes(const space::Space& space);
  // Its condition holds and no provision in effect overrides it.
  space::Tri effective(std::size_t c);
  // In effect and not set aside: for a power, no reserved matter of another
  // post and no escalation to a post above it is in effect (the trace's
  // `applies`); for the other kinds, in effect.
  space::Tri applies(std::size_t c);
  // Some reserved matter is in effect (then only its post may approve).
  space::Tri any_reserved();
  // Some reserved matter, escalation or power is in effect: some post has
  // authority (the verdict is not `no_authority`).
  space::Tri any_authority();
  // The candidates true in part of the box on which applies(c) depends: c,
  // what overrides it, and what could set it aside; appended to `out`.
  void undecided(std::size_t c, std::vector<std::size_t>& out);
  // The same for every reserved matter, escalation and power in effect in part of the box.
  void undecided_authority(std::vector<std::size_t>& out);

 private:
  // Whether a reserved matter of another post, or an escalation to a post
  // above it, is in effect: what sets aside a power of `post`.
  space::Tri outranked(std::size_t candidate);

  const space::Space& space_;
  const space::Truth& condition_;
  // Memos per candidate, a Tri or `unknown`: effective, applies and
  // outranked, side by side in one block (a box's Rules is made often).
  static constexpr std::uint8_t unknown = 3;
  std::vector<std::uint8_t> memo_;
  std::uint8_t& effective_memo(std::size_t c) { return memo_[c]; }
  std::uint8_t& applies_memo(std::size_t c) { return memo_[memo_.size() / 3 + c]; }
  std::uint8_t& outranked_memo(std::size_t c) { return memo_[2 * (memo_.size() / 3) + c]; }
  std::vector<char> visited_;  // for undecided()
};

}  // namespace remit::analyse
