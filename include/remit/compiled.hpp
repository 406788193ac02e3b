#pragma once
// The compiled evaluator: a scheme turned into lookup structures, for
// auditing registers of many decisions, with the same answers as `evaluate`
// (docs/performance.md, "The compiled form"). For each version and decision
// kind:
// - where it is small (cells of the exact partition × approvers within
//   max_entries_per_kind), a table: every cell's answer for every single
//   approver, worked out once by the evaluator itself; one binary search per
//   fact and one read;
// - for every kind, per fact a bit vector for each cell of its axis, of the
//   provisions whose condition on that fact holds there (packet
//   classification by bit vectors); a decision ANDs its facts' vectors,
//   runs the parts of conditions that test several facts at once (small
//   postfix programs over per-fact atoms), sets aside
//   what `overrides` sets aside, and looks up the answer for that set of
//   provisions in effect, worked out by the evaluator's own rules when first
//   met and kept;
// - a fact that is not given is a cell of its own on its axis: the answer
//   for that cell (determined, or `undetermined`) is worked out by `evaluate`
//   when first met and kept.
// No kind is left to `evaluate` because of its size.
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
  bool from_table = false;            // false: this call ran `evaluate` (first of its cell, or past the memo's cap)
};

class CompiledScheme {
 public:
  // Tables larger than this many entries (cells × posts) per kind are not
  // built; such kinds are answered by their bit vectors.
  static constexpr std::size_t max_entries_per_kind = std::size_t{1} << 18;
  // Answers kept per kind, by set of provisions in effect and by cell with
  // facts missing; past this, each is worked out again on every call.
  static constexpr std::size_t max_kept_per_kind = std::size_t{1} << 16;

  explicit CompiledScheme(std::shared_ptr<const Scheme> scheme);
  ~CompiledScheme();
  CompiledScheme(const CompiledScheme&) = delete;
  CompiledScheme& operator=(const CompiledScheme&) = delete;

  // The spans stay valid while this object lives, except past the cap on
  // answers kept: then until the next call on the same thread. Safe to call
  // from several threads at once.
  FastVerdict decide(const Decision& d) const;

  const Scheme& scheme() const { return *scheme_; }
  // Kinds with a table (the rest answer by bit vectors); kinds left to
  // `evaluate` for their size (always 0 now).
  std::size_t kinds_compiled() const;
  std::size_t kinds_evaluated_directly() const;
  // The bytes of the tables and bit vectors (not of the answers kept).
  std::size_t compiled_bytes() const;

  struct KindTable;

 private:
  std::shared_ptr<const Scheme> scheme_;
  std::vector<std::vector<std::unique_ptr<KindTable>>> tables_;  // by version, then kind
};

// The requirement and duty statuses of a verdict from either evaluator, as
// `evaluate` lists them: `requires` items (met or missing), then the duties
// of the deciding powers when the decision is authorised.
std::vector<RequirementStatus> requirement_statuses(const Decision& d, const FastVerdict& v);

}  // namespace remit
