#include "analyse/matrix.hpp"

#include <algorithm>

namespace remit::analyse {
namespace {

// Appends what is not there yet, keeping the order of first appearance.
void add_new(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& x : from)
    if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
}

}  // namespace

bool same_posts(const Answer& a, const Answer& b) { return a.outcome == b.outcome && a.lowest == b.lowest && a.others == b.others; }
bool same_authority(const Answer& a, const Answer& b) { return a.same_authority(b); }
// Every column alike: who may, under what, with which duties and papers.
bool same_answer(const Answer& a, const Answer& b) { return a == b; }

Matrix build_matrix(const Version& v, std::size_t limit) {
  Matrix m;
  m.version = &v;
  bool papers_alike = true;
  std::optional<std::vector<std::string>> papers;
  for (const std::string& kind : v.kinds) {
    MatrixKind mk;
    mk.kind = kind;
    mk.label = v.kind_title(v.find_kind(kind));
    std::string error;
    const auto t = Tabulation::make({&v}, kind, limit, error);
    if (!t) {
      mk.error = error;
      m.kinds.push_back(std::move(mk));
      continue;
    }
    if (t->has_band_axis() && m.band_fact.empty()) m.band_fact = t->band_fact().name;
    // A band ends at every threshold that changes any column (papers too).
    for (const auto& [first, last] : t->band_runs([&](std::size_t a, std::size_t b) { return t->same_cases(a, b, same_answer); })) {
      MatrixRow row;
      row.band = t->band_text(first, last);
      const std::size_t usual = t->usual_case(0, first, same_posts);
      row.usual = *t->at(0, first, usual);
      // Cases whose posts differ from the usual ones, grouped by their posts.
      std::vector<std::vector<std::size_t>> groups;
      for (std::size_t c = 0; c < t->cases(); ++c) {
        const auto& a = t->at(0, first, c);
        if (!a || same_posts(*a, row.usual)) continue;
        const std::size_t band = first;  // clang 14 cannot capture a structured binding
        auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return same_posts(*t->at(0, band, group.front()), *a); });
        if (g == groups.end()) groups.push_back({c});
        else g->push_back(c);
      }
      for (const auto& group : groups) {
        std::vector<char> in(t->cases(), 0);
        for (std::size_t c = 0; c < t->cases(); ++c)
          if (!t->at(0, first, c)) in[c] = 2;
        MatrixCase exception;
        exception.answer = *t->at(0, first, group.front());
        for (std::size_t c : group) {
          in[c] = 1;
          add_new(exception.answer.paras, t->at(0, first, c)->paras);
          add_new(exception.answer.duties, t->at(0, first, c)->duties);
        }
        exception.when = t->describe_cases(in);
        std::stable_sort(exception.answer.paras.begin(), exception.answer.paras.end(),
                         [&](const std::string& a, const std::string& b) { return v.find_para(a) < v.find_para(b); });
        row.exceptions.push_back(std::move(exception));
      }
      if (papers && *papers != row.usual.papers) papers_alike = false;
      if (!papers) papers = row.usual.papers;
      mk.rows.push_back(std::move(row));
    }
    m.kinds.push_back(std::move(mk));
  }
  if (papers_alike && papers) m.common_papers = papers;
  return m;
}

}  // namespace remit::analyse
