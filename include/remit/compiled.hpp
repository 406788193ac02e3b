#pragma once
// The compiled evaluator: a scheme turned into lookup tables, for auditing
// registers of many decisions. For each version and decision kind, every
// cell of the exact partition of its facts (see src/space/space.hpp) holds the
// answer for each possible approver, worked out once by the evaluator
// itself. Deciding a decision whose facts are all given is then one binary
// search per fact and one table read: O(log n) in provisions, no allocation,
// and the same answer as `evaluate`, which is used unchanged when a fact is
// missing or a kind's table would be too large.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "remit/remit.hpp"

namespace remit {

struct FastVerdict {
  Outcome outcome = Outcome::undetermined;
  const Version* version = nullptr;
  std::span<const std::vector<int>> lowest;  // the minimal sets of posts of `version` that may, by rank
  std::span<const int> deciding;      // provisions of `version`, ascending
  std::span<const int> requirements;  // the `requires` provisions that apply, ascending
  bool from_table = false;            // false: worked out by `evaluate`
};

class CompiledScheme {
 public:
  // Tables larger than this many entries (cells × posts) per kind are not
  // built; such kinds are evaluated directly.
  static constexpr std::size_t max_entries_per_kind = std::size_t{1} << 18;

  explicit CompiledScheme(std::shared_ptr<const Scheme> scheme);
  ~CompiledScheme();
  CompiledScheme(const CompiledScheme&) = delete;
  CompiledScheme& operator=(const CompiledScheme&) = delete;

  // The spans stay valid while this object lives, except after a fallback
  // to `evaluate`: then until the next call on the same thread.
  FastVerdict decide(const Decision& d) const;

  const Scheme& scheme() const { return *scheme_; }
  std::size_t kinds_compiled() const;
  std::size_t kinds_evaluated_directly() const;

  struct KindTable;

 private:
  std::shared_ptr<const Scheme> scheme_;
  std::vector<std::vector<KindTable>> tables_;  // by version, then kind
};

// The requirement and duty statuses of a verdict from either evaluator, as
// `evaluate` lists them: `requires` items (met or missing), then the duties
// of the deciding powers when the decision is authorised.
std::vector<RequirementStatus> requirement_statuses(const Decision& d, const FastVerdict& v);

}  // namespace remit
