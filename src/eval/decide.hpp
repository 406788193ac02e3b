#pragma once
// The evaluator's core, shared with the compiled evaluator: the answer for
// one decision whose every relevant fact is known.
#include <algorithm>
#include <optional>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "remit/remit.hpp"

namespace remit::eval {

using Facts = std::vector<std::optional<Value>>;

// A set of posts, ordered by rank (Version::ranks_before): lower posts first.
using PostIds = std::vector<int>;

// A set of signatories that may approve (issue 12), and the provision that
// says so. A reserved matter's post is `exact`: no post above it fills it.
struct Grant {
  int provision = -1;
  const SignatorySet* set = nullptr;
  bool exact = false;
  // Whether a post above the one named fills place `i`.
  bool above_fills(std::size_t i) const { return !exact && (set->size() == 1 || (*set)[i].or_above); }
};

// The answer for one complete set of facts.
struct PointAnswer {
  Outcome outcome = Outcome::no_authority;
  std::vector<Grant> grants;   // who may, as the provisions say it
  std::vector<int> deciding;   // provisions, ascending
  std::vector<int> requirements;
  std::vector<std::pair<int, int>> conflicts;
  std::vector<PostIds> lowest;  // the minimal sets that may, by rank then id
};

PointAnswer decide(const Version& v, const Decision& d, const Facts& facts);

// The answer where exactly these provisions of the decision's kind are in
// effect (their conditions hold and nothing in effect overrides them), in
// the kind's order: what `decide` does once it knows that. The compiled
// evaluator finds them by bit vectors and asks this.
PointAnswer resolve(const Version& v, const Decision& d, std::span<const int> in_effect);

// The sets of posts that may sign, each with whether a post above each of
// its members (in the set's order) would fill that member's place too.
using MaySets = std::map<PostIds, std::vector<char>>;

// The posts a set names, ordered by rank as `lowest` and `MaySets` hold them.
PostIds ranked_posts(const Version& v, const SignatorySet& set);

// Adds every set of posts that may sign under the grants.
void expand(const Version& v, const std::vector<Grant>& grants, MaySets& may);

// The minimal sets that may: those not made from another set that may by
// putting a post above in a place that a post above fills. By rank, then id.
std::vector<PostIds> lowest_sets(const Version& v, const MaySets& may);

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
  if (outcome != Outcome::authorised || d.approver.empty()) return;
  // A stand-in acts on evidence that the post it stands in for is absent.
  for (int p : deciding) {
    const Provision& provision = v.provisions[static_cast<std::size_t>(p)];
    if (provision.kind != ProvisionKind::stand_in) continue;
    const std::string item = "absence of " + v.posts[static_cast<std::size_t>(provision.absent)].id;
    visit(item, in_evidence(d.evidence, item) ? RequirementState::met : RequirementState::missing, provision, false);
  }
  for (int p : deciding) {
    const Provision& provision = v.provisions[static_cast<std::size_t>(p)];
    for (std::size_t i = 0; i < provision.duties.size(); ++i) {
      const int to = provision.duty_posts[i];
      if (to >= 0 && std::any_of(d.approver.begin(), d.approver.end(),
                                 [&](const Signatory& s) { return s.post == to || v.is_above(s.post, to); }))
        continue;
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
