#pragma once
// Verdicts and diagnostics as text for people and JSON for programs.
#include <string>
#include <vector>

#include "remit/remit.hpp"

namespace remit::report {

std::string verdict_text(const Verdict& v, bool explain);
std::string verdict_json(const Verdict& v);
std::string who_text(const Verdict& v, bool explain);
std::string who_json(const Verdict& v);
std::string diagnostics_text(const std::vector<Diagnostic>& ds);
std::string diagnostics_json(const std::vector<Diagnostic>& ds, std::size_t files);

}  // namespace remit::report
