#include "eval/audit_rows.hpp"

#include <algorithm>
#include <optional>

#include "eval/decide.hpp"

namespace remit {

std::string_view audit_outcome_name(AuditOutcome o) {
  return o == AuditOutcome::invalid ? std::string_view("invalid") : outcome_name(static_cast<Outcome>(o));
}

std::optional<AuditOutcome> audit_outcome_by_name(std::string_view name) {
  for (std::size_t o = 0; o < audit_outcomes; ++o)
    if (audit_outcome_name(static_cast<AuditOutcome>(o)) == name) return static_cast<AuditOutcome>(o);
  return std::nullopt;
}

namespace eval {

void RowDecider::flag(std::size_t line, std::string_view id, AuditOutcome outcome, std::string detail) {
  ++summary_.flagged_total;
  if (summary_.flagged.size() < AuditSummary::flagged_kept)
    summary_.flagged.push_back(AuditSummary::Flagged{line, std::string(id), outcome, std::move(detail)});
}

void RowDecider::count_invalid(std::size_t line, std::string_view id, const std::string& why) {
  ++summary_.rows;
  ++summary_.by_outcome[outcome_index(AuditOutcome::invalid)];
  flag(line, id, AuditOutcome::invalid, why);
}

int money_fact(const Version& v) {
  int first = -1;
  for (std::size_t f = 0; f < v.facts.size(); ++f)
    if (v.facts[f].type == FactType::money) {
      if (v.facts[f].name == "amount") return static_cast<int>(f);
      if (first < 0) first = static_cast<int>(f);
    }
  return first;
}

namespace {

void add_value(AuditSummary& s, std::size_t outcome, std::int64_t pence) {
  std::int64_t& total = s.value_by_outcome[outcome];
  if (__builtin_add_overflow(total, pence, &total)) {
    total = INT64_MAX;
    s.value_overflow = true;
  }
}

}  // namespace

const DecidedRow& RowDecider::decide(std::size_t line, std::string_view id, const Decision& d, std::string_view assumed) {
  const Version& v = *d.version;
  const auto vi = static_cast<std::size_t>(&v - scheme_.versions.data());
  if (paragraph_counts_.empty()) {
    for (const Version& each : scheme_.versions) {
      paragraph_counts_.emplace_back(each.provisions.size(), 0);
      approver_counts_.emplace_back(each.posts.size());
      money_fact_.push_back(money_fact(each));
    }
  }
  DecidedRow& row = row_;
  row.verdict = compiled_.decide(d);
  const FastVerdict& verdict = row.verdict;
  const AuditOutcome outcome = audit_outcome(verdict.outcome);
  ++summary_.rows;
  ++summary_.by_outcome[outcome_index(outcome)];
  if (d.approver.size() == 1 && d.approver.front().acting_for < 0) {
    ++approver_counts_[vi][static_cast<std::size_t>(d.approver.front().post)][outcome_index(outcome)];
  } else {
    std::string key;
    for (const Signatory& s : d.approver) {
      if (!key.empty()) key += '+';
      key += v.posts[static_cast<std::size_t>(s.post)].id;
      if (s.acting_for >= 0) key += " (acting for " + v.posts[static_cast<std::size_t>(s.acting_for)].id + ")";
    }
    ++joint_counts_[key][outcome_index(outcome)];
  }
  for (int p : verdict.deciding) ++paragraph_counts_[vi][static_cast<std::size_t>(p)];
  if (const int m = money_fact_[vi]; m >= 0 && d.facts.size() > static_cast<std::size_t>(m) && d.facts[static_cast<std::size_t>(m)])
    add_value(summary_, outcome_index(outcome), d.facts[static_cast<std::size_t>(m)]->number);
  row.missing.clear();
  for_each_requirement(v, d, verdict.outcome, verdict.requirements, verdict.deciding,
                       [&](const std::string& item, RequirementState state, const Provision&, bool) {
                         if (state == RequirementState::met) return;
                         if (!row.missing.empty()) row.missing += ';';
                         row.missing += item;
                       });
  row.lowest.clear();
  for (const std::vector<int>& set : verdict.lowest) {
    if (!row.lowest.empty()) row.lowest += '|';
    row.lowest += posts_text(v, set, "+");
  }
  row.deciding.clear();
  for (int p : verdict.deciding) {
    if (!row.deciding.empty()) row.deciding += ';';
    row.deciding += v.provisions[static_cast<std::size_t>(p)].para;
  }
  // Which missing facts matter is known only to the evaluator: ask it, on
  // this rare path, so the row says what to add.
  row.message.clear();
  if (verdict.outcome == Outcome::undetermined) row.message = evaluate(d).reason;
  const std::string under = row.deciding.empty() ? "" : "para " + row.deciding + " (" + v.label + ")";
  if (verdict.outcome != Outcome::authorised)
    flag(line, id, outcome,
         !row.message.empty() ? row.message
                              : under + (row.lowest.empty() ? "" : (row.deciding.empty() ? "" : ", ") + std::string("lowest ") + std::string(row.lowest)));
  else if (!row.missing.empty() && ++summary_.authorised_missing <= AuditSummary::flagged_kept)
    summary_.flagged_missing.push_back(AuditSummary::Flagged{line, std::string(id), outcome, "missing " + row.missing});
  row.reason.clear();
  switch (verdict.outcome) {
    case Outcome::authorised:
      row.reason = "authorised under " + under;
      if (!row.missing.empty()) row.reason += ", but it lacks what that paragraph requires: " + row.missing;
      break;
    case Outcome::not_authorised:
      row.reason = "not authorised: " + (under.empty() ? std::string("no paragraph lets the approver") : under + " applies") +
                   (row.lowest.empty() ? "" : ", and the lowest who may approve is " + row.lowest);
      break;
    case Outcome::no_authority:
      row.reason = "no post may take this decision under version `" + v.label + "`";
      break;
    case Outcome::undetermined:
      row.reason = row.message;
      break;
  }
  if (!assumed.empty()) row.reason += "; assumed " + std::string(assumed);
  return row;
}

void RowDecider::absorb(RowDecider& next) {
  summary_.rows += next.summary_.rows;
  summary_.blank += next.summary_.blank;
  summary_.lines.read += next.summary_.lines.read;
  summary_.lines.header += next.summary_.lines.header;
  summary_.lines.blank += next.summary_.lines.blank;
  summary_.lines.rows += next.summary_.lines.rows;
  for (std::size_t o = 0; o < audit_outcomes; ++o) {
    summary_.by_outcome[o] += next.summary_.by_outcome[o];
    add_value(summary_, o, next.summary_.value_by_outcome[o]);
  }
  summary_.value_overflow = summary_.value_overflow || next.summary_.value_overflow;
  summary_.authorised_missing += next.summary_.authorised_missing;
  for (const auto& [what, n] : next.summary_.assumed) count_assumed(what, n);
  if (!next.paragraph_counts_.empty()) {
    if (paragraph_counts_.empty()) {
      paragraph_counts_ = std::move(next.paragraph_counts_);
      approver_counts_ = std::move(next.approver_counts_);
      money_fact_ = std::move(next.money_fact_);
      next.approver_counts_.clear();
    } else {
      for (std::size_t v = 0; v < paragraph_counts_.size(); ++v) {
        for (std::size_t p = 0; p < paragraph_counts_[v].size(); ++p) paragraph_counts_[v][p] += next.paragraph_counts_[v][p];
        for (std::size_t p = 0; p < approver_counts_[v].size(); ++p)
          for (std::size_t o = 0; o < audit_outcomes; ++o) approver_counts_[v][p][o] += next.approver_counts_[v][p][o];
      }
    }
  }
  for (const auto& [key, counts] : next.joint_counts_)
    for (std::size_t o = 0; o < audit_outcomes; ++o) joint_counts_[key][o] += counts[o];
  next.joint_counts_.clear();
  for (auto& f : next.summary_.flagged)
    if (summary_.flagged.size() < AuditSummary::flagged_kept) summary_.flagged.push_back(std::move(f));
  summary_.flagged_total += next.summary_.flagged_total;
  for (auto& f : next.summary_.flagged_missing)
    if (summary_.flagged_missing.size() < AuditSummary::flagged_kept) summary_.flagged_missing.push_back(std::move(f));
}

void RowDecider::count_assumed(std::string_view what, std::size_t rows) {
  for (auto& [known, n] : summary_.assumed)
    if (known == what) {
      n += rows;
      return;
    }
  summary_.assumed.emplace_back(std::string(what), rows);
}

void RowDecider::finish() {
  for (std::size_t vi = 0; vi < scheme_.versions.size(); ++vi) {
    const Version& v = scheme_.versions[vi];
    if (vi < paragraph_counts_.size())
      for (std::size_t p = 0; p < paragraph_counts_[vi].size(); ++p)
        if (paragraph_counts_[vi][p]) summary_.by_paragraph[v.provisions[p].para + " (" + v.label + ")"] += paragraph_counts_[vi][p];
    if (vi < approver_counts_.size())
      for (std::size_t p = 0; p < approver_counts_[vi].size(); ++p) {
        const auto& counts = approver_counts_[vi][p];
        if (std::all_of(counts.begin(), counts.end(), [](std::size_t n) { return n == 0; })) continue;
        auto& into = summary_.by_approver[v.posts[p].id];
        for (std::size_t o = 0; o < audit_outcomes; ++o) into[o] += counts[o];
      }
  }
  for (const auto& [key, counts] : joint_counts_) {
    auto& into = summary_.by_approver[key];
    for (std::size_t o = 0; o < audit_outcomes; ++o) into[o] += counts[o];
  }
  paragraph_counts_.clear();
  approver_counts_.clear();
  joint_counts_.clear();
}

}  // namespace eval
}  // namespace remit
