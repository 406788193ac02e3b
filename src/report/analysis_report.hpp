#pragma once
// `remit analyse`, `remit matrix` and `remit diff` as text, JSON, Markdown,
// HTML and CSV.
#include <memory>
#include <string>
#include <vector>

#include "analyse/analyse.hpp"
#include "analyse/diff.hpp"
#include "analyse/matrix.hpp"

namespace remit::report {

struct SchemeAnalysis {
  std::shared_ptr<const Scheme> scheme;
  analyse::Analysis analysis;
};

// The findings as `check` prints them, then those the rule files keep as
// known with their reasons, then a summary line.
std::string analysis_text(const std::vector<SchemeAnalysis>& schemes);
std::string analysis_json(const std::vector<SchemeAnalysis>& schemes);

// The authority matrix as a GitHub-renderable Markdown table, a page of HTML
// of its own, or RFC 4180 CSV (one row per band and case).
std::string matrix_markdown(const analyse::Matrix& m);
std::string matrix_html(const analyse::Matrix& m);
std::string matrix_csv(const analyse::Matrix& m);

// What changed between two versions, to be read aloud (text), read by a
// program (JSON), or put in a board paper (Markdown).
std::string diff_text(const analyse::Diff& d);
std::string diff_json(const analyse::Diff& d);
std::string diff_markdown(const analyse::Diff& d);

}  // namespace remit::report
