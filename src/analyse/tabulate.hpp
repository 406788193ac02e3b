#pragma once
// Who may approve, cell by cell: a decision kind's fact space cut at every
// threshold of one version (`remit matrix`) or of two (`remit diff`, which
// cuts both by the union of their thresholds so that every cell has one
// answer in each), each cell answered by remit::evaluate. Cells are then
// joined into value bands and the cases within a band described as
// conditions a person reads.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "space/space.hpp"
#include "remit/remit.hpp"

namespace remit::analyse {

// The answer to "who may approve?" as an authority matrix prints it.
struct Answer {
  Outcome outcome = Outcome::no_authority;  // authorised: some post may
  std::vector<PostSet> lowest;              // the lowest sets that may (issue 12), or none
  std::vector<PostSet> others;              // the other sets that may, lowest rank first
  std::vector<std::string> paras;           // what gives the lowest sets their authority
  std::vector<std::string> duties;          // duties of those powers: "report quarterly to DMPC"
  std::vector<std::string> papers;          // what `requires` asks: "CFO comments (para 5.1)"
  // Who may approve, and the paragraphs that say so; not the papers.
  bool same_authority(const Answer& o) const {
    return outcome == o.outcome && lowest == o.lowest && others == o.others && paras == o.paras && duties == o.duties;
  }
  friend bool operator==(const Answer&, const Answer&) = default;
};

// "Who may approve?" for a decision of the kind with these facts, dated the
// first day of the version.
Decision who_question(const Version& v, int kind, const std::vector<std::optional<Value>>& facts);

Answer answer(const Version& v, int kind, const std::vector<std::optional<Value>>& facts);

class Tabulation {
 public:
  // The kind `kind` in each of `sides` (a side without the kind answers
  // nothing). Refuses (nullopt, with `error`) a kind of more than `limit` cells.
  static std::optional<Tabulation> make(const std::vector<const Version*>& sides, const std::string& kind, std::size_t limit,
                                        std::string& error);

  std::size_t sides() const { return answers_.size(); }
  // Cells are (band, case): the band is a cell of the first money axis (one
  // band of every amount when there is none); a case is a cell of the
  // product of the other axes.
  std::size_t bands() const { return band_cells_; }
  std::size_t cases() const { return cases_; }
  bool has_band_axis() const { return has_band_; }
  const FactDef& band_fact() const { return facts_.front(); }
  // The (band, case) cell of a decision's facts, by fact name; a fact no axis
  // uses is ignored, one an axis needs and the map lacks is an error (nullopt).
  std::optional<std::pair<std::size_t, std::size_t>> locate(const std::vector<std::pair<std::string, Value>>& facts) const;
  // The answer of a side, or nullopt where the cell is empty or the side
  // cannot express it (no such kind, or an enumeration member it lacks).
  const std::optional<Answer>& at(std::size_t side, std::size_t band, std::size_t c) const {
    return answers_[side][band * cases_ + c];
  }
  bool empty_band(std::size_t band) const;
  // A run of band cells as a person reads it: "up to £500,000", "any amount".
  std::string band_text(std::size_t first, std::size_t last) const;
  // Runs of band cells that `alike` joins, skipping empty cells (their text
  // reads the same with or without them).
  std::vector<std::pair<std::size_t, std::size_t>> band_runs(const std::function<bool(std::size_t, std::size_t)>& alike) const;
  // Whether every side answers every case of two bands alike, as `same` compares answers.
  bool same_cases(std::size_t a, std::size_t b, bool (*same)(const Answer&, const Answer&)) const;
  // A set of cases as a condition in the rule language, as short as a greedy
  // cover by boxes makes it: "novel or contentious or public_interest".
  std::string describe_cases(const std::vector<char>& in) const;
  // The usual case: the most common answer among the cases with every flag
  // false; of those equally common, the one of more cases in all.
  std::size_t usual_case(std::size_t side, std::size_t band, bool (*same)(const Answer&, const Answer&)) const;

 private:
  std::vector<FactDef> facts_;    // joint facts, one per axis, the band fact first when there is one
  std::vector<space::Axis> axes_;  // axis.fact indexes facts_
  bool has_band_ = false;
  std::size_t band_cells_ = 1, cases_ = 1;
  std::vector<std::vector<std::optional<Answer>>> answers_;  // side -> cell
  std::vector<std::size_t> case_coordinates(std::size_t c) const;
};

}  // namespace remit::analyse
