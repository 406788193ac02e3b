#pragma once
// Every code a diagnostic can carry, in one table: its name as printed
// (`[undefined-name]`), its severity, whether it is a finding of the
// analysis (`remit analyse`, and warnings of `check`), and what it means.
// SARIF rules, the `known` statement, the finding counts and the code list
// in docs/cli.md all read this table; tests/test_codes.cpp fails when a code
// printed by a golden case is not here, or a code here is not in the docs.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace remit {

enum class Severity { error, warning };

enum class Code {
  // rule files: syntax, names, types, structure
  parse,
  header,
  date,
  money,
  integer,
  type,
  range,
  requirement,
  kind_label,
  undefined_name,
  duplicate_name,
  duplicate_paragraph,
  undefined_paragraph,
  cycle,
  reserved_delegated,
  reserved_override,
  conflict,
  known,
  signatories,
  stand_in,
  test_file,
  text_fact,
  // the versions of one scheme
  scheme_mismatch,
  duplicate_version,
  version_overlap,
  version_gap,
  // files, limits, the command line
  encoding,
  hidden_character,
  confusable,
  limit,
  io,
  usage,
  // decisions and examples
  json,
  unknown_key,
  bad_value,
  no_version,
  unknown_kind,
  unknown_post,
  unknown_fact,
  duplicate_fact,
  example_date,
  // findings of the analysis, in the order they are counted
  gap,
  boundary,
  bypass,
  chain,
  dead,
  shadowed,
  known_unused,
};

struct CodeInfo {
  Code code;
  std::string_view name;
  Severity severity;
  bool is_finding;
  std::string_view description;  // one line, for SARIF rules and docs/cli.md
};

// In the order of the enum (checked below).
inline constexpr std::array code_table{
    CodeInfo{Code::parse, "parse", Severity::error, false, "A syntax error"},
    CodeInfo{Code::header, "header", Severity::error, false, "A missing or misplaced scheme, version or currency line"},
    CodeInfo{Code::date, "date", Severity::error, false, "A date that does not exist or is out of order"},
    CodeInfo{Code::money, "money", Severity::error, false, "A malformed money amount"},
    CodeInfo{Code::integer, "integer", Severity::error, false, "A whole number out of range"},
    CodeInfo{Code::type, "type", Severity::error, false, "A fact compared with a value of the wrong type"},
    CodeInfo{Code::range, "range", Severity::error, false, "An empty range"},
    CodeInfo{Code::requirement, "requirement", Severity::error, false, "An empty requirement item"},
    CodeInfo{Code::kind_label, "kind-label", Severity::error, false,
             "A decision kind's label or phrases empty, repeated, or on a `decision` line of several kinds"},
    CodeInfo{Code::undefined_name, "undefined-name", Severity::error, false, "A name that is not declared"},
    CodeInfo{Code::duplicate_name, "duplicate-name", Severity::error, false, "A name declared twice"},
    CodeInfo{Code::duplicate_paragraph, "duplicate-paragraph", Severity::error, false, "A paragraph reference used twice in one version"},
    CodeInfo{Code::undefined_paragraph, "undefined-paragraph", Severity::error, false, "`overrides` names a paragraph that does not exist"},
    CodeInfo{Code::cycle, "cycle", Severity::error, false, "A cycle in `under` or in `overrides`"},
    CodeInfo{Code::reserved_delegated, "reserved-delegated", Severity::error, false, "A reserved matter that is also delegated"},
    CodeInfo{Code::reserved_override, "reserved-override", Severity::error, false, "`overrides` names a reserved matter or a prohibition, which nothing can set aside"},
    CodeInfo{Code::conflict, "conflict", Severity::error, false,
             "Two reserved matters, or two escalations, send one matter to different posts, or a reserved matter meets a prohibition, with no priority between them"},
    CodeInfo{Code::known, "known", Severity::error, false, "A malformed `known` statement"},
    CodeInfo{Code::signatories, "signatories", Severity::error, false, "A set of signatories that names a post twice, or more sets than remit reads"},
    CodeInfo{Code::stand_in, "stand-in", Severity::error, false, "A stand-in for itself, or stand-ins in a chain"},
    CodeInfo{Code::test_file, "test-file", Severity::error, false, "A test file that holds more than examples, or has no scheme"},
    CodeInfo{Code::text_fact, "text-fact", Severity::warning, false,
             "A text fact compared only with fixed values, which an enumeration would check"},
    CodeInfo{Code::scheme_mismatch, "scheme-mismatch", Severity::error, false, "Files of one folder that are not versions of one scheme"},
    CodeInfo{Code::duplicate_version, "duplicate-version", Severity::error, false, "A version label used twice in one scheme"},
    CodeInfo{Code::version_overlap, "version-overlap", Severity::error, false, "Versions in force on the same day"},
    CodeInfo{Code::version_gap, "version-gap", Severity::warning, false, "Days on which no version is in force"},
    CodeInfo{Code::encoding, "encoding", Severity::error, false, "A file that is not UTF-8 text"},
    CodeInfo{Code::hidden_character, "hidden-character", Severity::error, false,
             "A control, bidirectional or invisible character in a rule file"},
    CodeInfo{Code::confusable, "confusable", Severity::error, false,
             "A text value whose letters mix scripts that look alike (a Latin word with a Cyrillic letter)"},
    CodeInfo{Code::limit, "limit", Severity::error, false, "A file, statement or hierarchy larger than remit reads"},
    CodeInfo{Code::io, "io", Severity::error, false, "A path that cannot be read"},
    CodeInfo{Code::usage, "usage", Severity::error, false, "A command-line argument in the wrong form"},
    CodeInfo{Code::json, "json", Severity::error, false, "A decision that is not JSON of the expected shape"},
    CodeInfo{Code::unknown_key, "unknown-key", Severity::error, false, "A key a decision does not have"},
    CodeInfo{Code::bad_value, "bad-value", Severity::error, false, "A value of the wrong type or form"},
    CodeInfo{Code::no_version, "no-version", Severity::error, false, "No version of the scheme in force on a date"},
    CodeInfo{Code::unknown_kind, "unknown-kind", Severity::error, false, "A decision kind the version does not declare"},
    CodeInfo{Code::unknown_post, "unknown-post", Severity::error, false, "A post the version does not declare"},
    CodeInfo{Code::unknown_fact, "unknown-fact", Severity::error, false, "A fact the version does not declare"},
    CodeInfo{Code::duplicate_fact, "duplicate-fact", Severity::error, false, "A fact given twice in an example or a question"},
    CodeInfo{Code::example_date, "example-date", Severity::error, false, "An example dated outside the version it is written in"},
    CodeInfo{Code::gap, "gap", Severity::warning, true, "Decisions that no post may approve"},
    CodeInfo{Code::boundary, "boundary", Severity::warning, true,
             "A threshold no provision covers though both sides are, or that provisions of two posts both claim"},
    CodeInfo{Code::bypass, "bypass", Severity::warning, true,
             "An escalation bypassed: a post beside its post keeps a power over the matter, with no `overrides` between them"},
    CodeInfo{Code::chain, "chain", Severity::warning, true,
             "A power beyond the limit of a post above it, or a reserved matter of a post with posts above it"},
    CodeInfo{Code::dead, "dead", Severity::warning, true, "A provision whose condition no decision meets"},
    CodeInfo{Code::shadowed, "shadowed", Severity::warning, true, "A provision set aside wherever it applies"},
    CodeInfo{Code::known_unused, "known-unused", Severity::warning, true, "A `known` statement that no finding of the analysis matches any more"},
};

static_assert([] {
  for (std::size_t i = 0; i < code_table.size(); ++i)
    if (static_cast<std::size_t>(code_table[i].code) != i) return false;
  return static_cast<std::size_t>(Code::known_unused) + 1 == code_table.size();
}(), "code_table lists every Code once, in the order of the enum");

constexpr const CodeInfo& code_info(Code c) { return code_table[static_cast<std::size_t>(c)]; }
constexpr std::string_view code_name(Code c) { return code_info(c).name; }
constexpr std::optional<Code> code_by_name(std::string_view name) {
  for (const CodeInfo& c : code_table)
    if (c.name == name) return c.code;
  return std::nullopt;
}

// A name a `known` statement may still use for a finding that was renamed:
// `known conflict` was written before the checker's `conflict` and the
// analysis's escalation finding had codes of their own.
struct FormerName {
  std::string_view name;
  Code code;
};
inline constexpr std::array former_finding_names{FormerName{"conflict", Code::bypass}};

}  // namespace remit
