#include "analyse/rules.hpp"

namespace remit::analyse {

using space::both;
using space::Probe;
using space::Space;
using space::Tri;
using space::Truth;
using space::either;
using space::negate;

std::vector<Probe> Rules::probes(const Space& space) {
  std::vector<Probe> out;
  for (std::size_t c = 0; c < space.candidates().size(); ++c) out.push_back(Probe{&space.condition(c)});
  return out;
}

Rules::Rules(const Space& space, const Truth& condition)
    : space_(space),
      condition_(condition),
      memo_(3 * space.candidates().size(), unknown) {}

Tri Rules::effective(std::size_t c) {
  if (effective_memo(c) != unknown) return static_cast<Tri>(effective_memo(c));
  Tri result = condition_[c];
  if (result != Tri::no) {
    // The checker guarantees `overrides` has no cycles, so this ends.
    Tri overridden = Tri::no;
    for (std::size_t o : space_.overriders(c)) overridden = either(overridden, effective(o));
    result = both(result, negate(overridden));
  }
  effective_memo(c) = static_cast<std::uint8_t>(result);
  return result;
}

Tri Rules::applies(std::size_t c) {
  if (applies_memo(c) != unknown) return static_cast<Tri>(applies_memo(c));
  Tri result = effective(c);
  const Provision& p = space_.provision(c);
  if (result != Tri::no && p.kind == ProvisionKind::power) result = both(result, negate(outranked(c)));
  applies_memo(c) = static_cast<std::uint8_t>(result);
  return result;
}

Tri Rules::outranked(std::size_t c) {
  std::uint8_t& memo = outranked_memo(c);
  if (memo != unknown) return static_cast<Tri>(memo);
  Tri result = Tri::no;
  for (std::size_t q : space_.outrankers(c)) {
    if (condition_[q] != Tri::no) result = either(result, effective(q));
    if (result == Tri::yes) break;
  }
  memo = static_cast<std::uint8_t>(result);
  return result;
}

void Rules::undecided(std::size_t c, std::vector<std::size_t>& out) {
  if (visited_.empty()) visited_.assign(space_.candidates().size(), 0);
  if (visited_[c] || condition_[c] == Tri::no) return;
  visited_[c] = 1;
  if (condition_[c] == Tri::part) out.push_back(c);
  for (std::size_t o : space_.overriders(c)) undecided(o, out);
  const Provision& p = space_.provision(c);
  if (p.kind != ProvisionKind::power) return;
  for (std::size_t q : space_.outrankers(c)) undecided(q, out);
}

void Rules::undecided_authority(std::vector<std::size_t>& out) {
  for (std::size_t c = 0; c < space_.candidates().size(); ++c)
    if (settles_authority(space_.provision(c).kind) && condition_[c] != Tri::no && effective(c) == Tri::part) undecided(c, out);
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
    if (settles_authority(space_.provision(q).kind) && condition_[q] != Tri::no) any = either(any, effective(q));
  return any;
}

}  // namespace remit::analyse
