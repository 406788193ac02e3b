#pragma once
// `remit analyse`, `remit matrix` and `remit diff`: the questions asked of a
// scheme as a whole rather than of one decision. Each answer comes back
// written in the format asked for, so that callers need none of the
// analyser's own types; problems with the rule files come back as
// diagnostics.
#include <filesystem>
#include <string>
#include <vector>

#include "remit/diagnostic.hpp"
#include "remit/scheme.hpp"

namespace remit {

enum class AnalysisFormat { text, json };

struct AnalysisReport {
  std::vector<Diagnostic> diagnostics;  // sorted; when any is an error, nothing was analysed
  std::string report;                   // the findings, then those kept as `known`, then a summary line
  bool has_findings = false;            // a finding that no `known` statement accepts
};

// Every version of each scheme below `paths` (a folder's files are the
// versions of one scheme), searched exactly for gaps, boundaries, conflicts,
// broken chains, dead and shadowed provisions, each with a witness decision.
AnalysisReport analyse_paths(const std::vector<std::filesystem::path>& paths, AnalysisFormat format);

enum class MatrixFormat { markdown, html, csv };

// The authority matrix of one version: for each decision kind and value
// band, the lowest post that may approve, who else may, the paragraphs that
// say so and the exceptions on other facts.
std::string authority_matrix(const Version& version, MatrixFormat format);

enum class DiffFormat { text, json, markdown };

struct VersionDiff {
  std::string report;
  bool answers_changed = false;  // some decision has a different answer
};

// What changed from `before` to `after`: paragraphs whose meaning changed,
// added or removed, and every region of decisions whose answer changed.
VersionDiff diff_versions(const Version& before, const Version& after, DiffFormat format);

enum class ShowFormat { text, json };

struct ParagraphReport {
  std::vector<Diagnostic> diagnostics;  // the scheme's, when it has errors
  bool found = false;
  std::string error, help;              // when the paragraph is in no version: what, and the near matches
  std::string report;
};

// `remit show`: one paragraph in every version of the scheme at `scheme`: its
// words, the provision as written, what cites it (`overrides`, `known`, the
// examples whose verdicts it decides) and how it changed between versions.
ParagraphReport show_paragraph(const std::filesystem::path& scheme, const std::string& para, ShowFormat format);

}  // namespace remit
