#pragma once
// Limits on what remit reads, so that no input, however large or hostile,
// can crash it or make it run away: each is far beyond any real scheme or
// decision, and going past one is an error with code `limit` that says what
// to do. docs/hardening.md lists them all, with the older ones kept where
// they are enforced: rule files up to 8 MiB (check/load.cpp), conditions
// nested up to 256 deep (grammar/parse.cpp), JSON nested up to 128 deep
// (io/json.cpp), 4,096 combinations of missing facts (eval/evaluate.cpp).
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "grammar/parse.hpp"
#include "remit/diagnostic.hpp"

namespace remit::limits {

inline constexpr std::size_t max_line_bytes = 4096;      // a line of a rule file
inline constexpr std::size_t max_posts = 1000;           // per version
inline constexpr std::size_t max_kinds = 1000;           // decision kinds per version
inline constexpr std::size_t max_facts = 1000;           // per version
inline constexpr std::size_t max_members = 1000;         // members of one enumeration
inline constexpr std::size_t max_provisions = 20000;     // paragraphs per version
inline constexpr std::size_t max_under_depth = 64;       // posts above any one post
inline constexpr std::size_t max_errors = 100;           // errors reported per file or decision
inline constexpr std::size_t max_decision_bytes = 8u << 20;  // a decision, from a file or stdin

// Before parsing: every line of a rule file within max_line_bytes. False
// (with one diagnostic) when a line is longer.
bool lines_within_limit(const SourcePtr& source, std::vector<Diagnostic>& out);

// After parsing: the counts of posts, kinds, facts, members and provisions.
bool statements_within_limits(const SourcePtr& source, const std::vector<syntax::Statement>& statements,
                              std::vector<Diagnostic>& out);

// A decision from a stream (stdin): at most max_decision_bytes + 1 bytes, so
// that the decision reader refuses one too large without an endless stream
// (`yes | remit eval …`) being read into memory.
std::string read_decision_stream(std::istream& in);

// Keeps the first max_errors errors (in source order) and says how many more
// there were; warnings are kept.
void cap_errors(std::vector<Diagnostic>& ds);

}  // namespace remit::limits
