#pragma once
// The evaluator's core, shared with the compiled evaluator: the answer for
// one decision whose every relevant fact is known.
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "remit/remit.hpp"

namespace remit::eval {

using Facts = std::vector<std::optional<Value>>;

// The answer for one complete set of facts.
struct PointAnswer {
  Outcome outcome = Outcome::no_authority;
  std::vector<char> may;       // by post
  std::vector<int> deciding;   // provisions, ascending
  std::vector<int> requirements;
  std::vector<std::pair<int, int>> conflicts;
  int lowest = -1;
};

PointAnswer decide(const Version& v, const Decision& d, const Facts& facts);

// The lowest of the posts marked in `may`: one with none of them below it,
// the deepest such.
int lowest_post(const Version& v, const std::vector<char>& may);

// The requirement and duty statuses of a verdict: `requires` items of the
// applicable requirement provisions (met or missing), then, for an
// authorised decision, the duties of the deciding powers.
void list_requirements(const Version& v, const Decision& d, Outcome outcome, std::span<const int> requirement_provisions,
                       std::span<const int> deciding, std::vector<RequirementStatus>& out);

}  // namespace remit::eval
