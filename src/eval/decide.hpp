#pragma once
// The evaluator's core, shared with the compiled evaluator: the answer for
// one decision whose every relevant fact is known.
#include <optional>
#include <span>
#include <string_view>
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

// Whether an evidence entry names a requirement item or a duty: it is the
// item (ignoring case, blanks at the ends and how many blanks stand between
// words), or the item, `:` and a note ("report to Board: 2024-07-04").
bool names_item(std::string_view entry, std::string_view item);
// Whether some entry of the evidence names the item.
bool in_evidence(const std::vector<std::string>& evidence, const std::string& item);

// Calls `visit(item, state, provision, is_duty)` for each requirement and
// duty of a verdict, in the order `evaluate` lists them, without allocating.
template <typename Visit>
void for_each_requirement(const Version& v, const Decision& d, Outcome outcome, std::span<const int> requirement_provisions,
                          std::span<const int> deciding, Visit&& visit) {
  // Papers from `requires`.
  for (int p : requirement_provisions) {
    const Provision& provision = v.provisions[static_cast<std::size_t>(p)];
    for (const std::string& item : provision.items)
      visit(item, in_evidence(d.evidence, item) ? RequirementState::met : RequirementState::missing, provision, false);
  }
  // A duty goes with the power, whoever uses it, except a report to the
  // approver itself or to a post below it.
  if (outcome != Outcome::authorised || d.approver < 0) return;
  for (int p : deciding) {
    const Provision& provision = v.provisions[static_cast<std::size_t>(p)];
    for (std::size_t i = 0; i < provision.duties.size(); ++i) {
      const int to = provision.duty_posts[i];
      if (to >= 0 && (to == d.approver || v.is_above(d.approver, to))) continue;
      visit(provision.duties[i], in_evidence(d.evidence, provision.duties[i]) ? RequirementState::met : RequirementState::not_evidenced,
            provision, true);
    }
  }
}

// The requirement and duty statuses of a verdict: `requires` items of the
// applicable requirement provisions (met or missing), then, for an
// authorised decision, the duties of the deciding powers.
void list_requirements(const Version& v, const Decision& d, Outcome outcome, std::span<const int> requirement_provisions,
                       std::span<const int> deciding, std::vector<RequirementStatus>& out);

}  // namespace remit::eval
