#pragma once
// Static analysis of a scheme (`remit analyse`, and warnings of `remit
// check`): for each version and decision kind, the space of facts is
// searched exactly (space/space.hpp) for
// - gaps: decisions no post may approve;
// - boundaries: a threshold that no provision covers while both sides are
//   covered (`< £500,000` and `> £500,000`), or that two provisions of
//   different posts both claim (`<= £500,000` and `>= £500,000`);
// - bypasses: an escalation that sends a decision to one post
//   while a post that is neither above nor below it keeps a power over it;
// - dead provisions (their condition never holds) and shadowed ones (it
//   holds, but wherever it does they are set aside);
// - chains: a post whose power reaches past the limit of a post above it,
//   and a reserved matter of a post that has posts above it.
// Each finding has a witness decision and the paragraphs involved. Cycles,
// undefined posts and reserved matters that are also delegated are errors
// of `check` already and are not repeated here.
#include <optional>
#include <string>
#include <vector>

#include "space/space.hpp"
#include "remit/scheme.hpp"

namespace remit::analyse {

struct Finding {
  Code code = Code::gap;  // a code of code_table with is_finding
  const Version* version = nullptr;
  int kind = -1;                 // the kind of the witness, or -1 (dead, known-unused)
  std::vector<int> provisions;   // the paragraphs involved, the one it points at first
  std::string region;            // gaps: where no post may, in the rule language ("" = every decision of the kind)
  space::Box box;                       // gaps: the same region as cells of the kind's grid
  space::Box cell;                      // the witness's cell in that grid (empty for dead and known-unused)
  std::vector<std::optional<Value>> witness;  // the witness decision's facts
  Diagnostic diagnostic;         // a warning for `check`, with the witness in its message
  int known = -1;                // the `known` statement of the version that accepts it, or -1
};

struct Analysis {
  std::vector<Finding> findings;  // by version, kind, then position in the rule file
  std::size_t boxes = 0;          // boxes the searches looked at (the cost, for --verbose and the bench)
};

Analysis analyse_version(const Version& v);
Analysis analyse_scheme(const Scheme& s);

// The findings `check` reports: those no `known` statement accepts.
std::vector<Diagnostic> unaccepted(const Analysis& a);

// A witness as a decision in the JSON form of `remit eval` (without an
// approver): {"kind": "…", "date": "…", "facts": {…}}.
std::string witness_json(const Version& v, int kind, const std::vector<std::optional<Value>>& facts);

}  // namespace remit::analyse
