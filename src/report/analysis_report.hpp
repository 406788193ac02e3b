#pragma once
// `remit analyse`, `remit matrix` and `remit diff` as text, JSON, Markdown,
// HTML and CSV.
#include <memory>
#include <string>
#include <vector>

#include "analyse/analyse.hpp"

namespace remit::report {

struct SchemeAnalysis {
  std::shared_ptr<const Scheme> scheme;
  analyse::Analysis analysis;
};

// The findings as `check` prints them, then those the rule files keep as
// known with their reasons, then a summary line.
std::string analysis_text(const std::vector<SchemeAnalysis>& schemes);
std::string analysis_json(const std::vector<SchemeAnalysis>& schemes);

}  // namespace remit::report
