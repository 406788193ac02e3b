#pragma once
// What changed between two versions (`remit diff`): the paragraphs whose
// rule changed (a number that now means something else, like MOPAC's para
// 4.8), those added and removed, and every region of decisions whose answer
// changed — found cell by cell over both versions cut by the union of their
// thresholds, so that no change between two thresholds is missed.
#include <optional>
#include <string>
#include <vector>

#include "analyse/tabulate.hpp"

namespace remit::analyse {

// A provision as one line of the rule language, from the checked model:
// "DMPC must approve contract.tender when amount > £500,000".
std::string rule_text(const Version& v, const Provision& p);

struct ParagraphChange {
  std::string para;
  const Provision* before = nullptr;  // null: added
  const Provision* after = nullptr;   // null: removed
};

// How the answer changed in one region. Where the lowest post stayed, the
// paragraphs are those dropped and added; where it changed, all of them.
struct AnswerChange {
  std::string kind;
  std::string band;  // "over £500,000", "any amount"
  std::string when;  // other facts, in the rule language; empty for every case
  std::optional<Answer> before, after;  // nullopt: the kind does not exist in that version
  std::vector<std::string> paras_dropped, paras_added;
  std::vector<std::string> duties_dropped, duties_added;
  std::vector<std::string> papers_dropped, papers_added;
  // The cells it covers in the kind's tabulation of both versions: bands
  // first_band to last_band, and the cases marked 1.
  std::size_t first_band = 0, last_band = 0;
  std::vector<char> cases;
};

struct Diff {
  const Version* before = nullptr;
  const Version* after = nullptr;
  std::vector<std::string> posts_added, posts_removed, kinds_added, kinds_removed, facts_added, facts_removed;
  std::vector<ParagraphChange> changed_meaning, reworded, added, removed;
  std::vector<AnswerChange> changes;
  std::vector<std::string> not_compared;  // kinds too large to tabulate, or whose facts changed type
};

Diff diff_versions(const Version& before, const Version& after, std::size_t limit);

}  // namespace remit::analyse
