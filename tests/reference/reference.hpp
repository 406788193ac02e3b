#pragma once
// A reference evaluator, written straight from DESIGN §3 and the meaning
// listed in docs/language.md, for differential tests only. It is meant to be
// obviously correct rather than fast: no index by kind (every provision is
// matched against the decision's kind), two-valued logic on complete facts,
// priorities resolved by iterating to a fixed point, and missing facts handled
// by brute force over every combination of representative values.
#include <optional>
#include <string>
#include <vector>

#include "remit/remit.hpp"

namespace remit::reference {

struct Requirement {
  std::string item;
  RequirementState status = RequirementState::missing;
  std::string para;
  bool is_duty = false;
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

struct Verdict {
  Outcome outcome = Outcome::undetermined;
  std::vector<std::string> cited;           // paragraphs, in file order
  std::vector<PostSet> may_approve;     // whatever the missing facts, lowest rank first
  std::vector<PostSet> may_approve_if;  // for some values of them
  std::vector<PostSet> lowest;          // every post that may with none that may below it, lowest rank first
  std::vector<Requirement> requirements;
  std::vector<std::string> missing_facts;   // every missing fact a condition for the kind uses
  bool too_many_cases = false;              // more combinations than the engine tries
};

Verdict evaluate(const Decision& decision);

// The values each fact is compared with anywhere in the version, by fact.
std::vector<std::vector<Value>> constants_by_fact(const Version& version);

// The version in force on a day: from its `from` date to its last day
// (declared, or the day before the next version starts).
const Version* version_in_force(const Scheme& scheme, Date day);

}  // namespace remit::reference
