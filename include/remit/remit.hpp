#pragma once
// remit's public API: load and check a scheme once, then evaluate decisions
// against it from any number of threads. User errors come back as
// diagnostics, never as exceptions.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "remit/date.hpp"
#include "remit/diagnostic.hpp"
#include "remit/money.hpp"
#include "remit/scheme.hpp"

namespace remit {

const char* version_string();

// ---- loading and checking -------------------------------------------------

struct LoadResult {
  std::shared_ptr<const Scheme> scheme;  // null when there are errors
  std::vector<Diagnostic> diagnostics;   // sorted, errors and warnings
};

// A rule file, or a folder whose `*.remit` files are the versions of one scheme.
LoadResult load_scheme(const std::filesystem::path& path);
// The same from texts already in memory (tests, tools).
LoadResult load_scheme(const std::vector<SourcePtr>& sources);

// What a file read by read_source is, for its size limit and its message.
enum class SourceKind { rule_file, decision };

// Reads a UTF-8 text file (rule file or decision) with size and encoding
// checks; nullopt with a diagnostic when it cannot be used: a folder, a FIFO,
// a dangling or looping symbolic link is refused before anything is opened.
std::optional<SourcePtr> read_source(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics,
                                     SourceKind kind = SourceKind::rule_file);

// Each path that is a file, and every `*.remit` file below each folder, in a
// stable order; a diagnostic for each path that does not exist.
std::vector<std::filesystem::path> find_rule_files(const std::vector<std::filesystem::path>& paths, std::vector<Diagnostic>& diagnostics);

// `remit check`: every `*.remit` below each path, grouped into schemes by folder.
struct CheckResult {
  std::vector<Diagnostic> diagnostics;
  std::size_t files = 0;
  std::size_t schemes = 0;
};
CheckResult check_paths(const std::vector<std::filesystem::path>& paths);

// ---- decisions ------------------------------------------------------------

// One who signs a decision (issue 12): a post, or a post acting for another
// in its absence under a stand-in provision.
struct Signatory {
  int post = -1;
  int acting_for = -1;  // the absent post, or -1
  friend bool operator==(const Signatory&, const Signatory&) = default;
};

struct Decision {
  std::optional<std::string> id;
  const Version* version = nullptr;
  int kind = -1;
  std::vector<Signatory> approver;  // empty: no approver given (a `who` question)
  std::optional<Date> date;
  bool date_is_today = false;  // none was given: `date` is today's (remit::today)
  std::vector<std::optional<Value>> facts;  // by fact index; nullopt when not given
  std::vector<std::string> evidence;
};

struct DecisionReading {
  std::optional<Decision> decision;
  std::vector<Diagnostic> diagnostics;
};

// Reads one decision in the JSON form of DESIGN §4 and resolves it against
// the version in force on its date; a decision with no date is taken on
// today's (`today()`, date.hpp), and says so.
DecisionReading read_decision(const Scheme& scheme, const SourcePtr& json);

// Builds a question from command-line parts (`remit who`); each fact is
// `name=value`. Diagnostics point at the argument (`source` is the argument).
DecisionReading make_query(const Scheme& scheme, const std::string& kind, const std::optional<std::string>& date,
                           const std::optional<std::string>& approver, const std::vector<std::string>& facts);

// A decision from standard input, as `<stdin>`: read no further than the
// decision size limit, so that one too large is refused without an endless
// stream (`yes | remit eval …`) being read into memory.
SourcePtr read_stdin_decision();

// ---- verdicts -------------------------------------------------------------

enum class Outcome { authorised, not_authorised, no_authority, undetermined };
std::string_view outcome_name(Outcome o);

struct Citation {
  std::string para;
  std::string version;
  ProvisionKind kind = ProvisionKind::power;
  std::string post;  // empty for requirements
  std::string text;  // the scheme's words, when known
  std::string location;  // file:line:col
};

enum class RequirementState { met, missing, not_evidenced };
std::string_view requirement_state_name(RequirementState s);

struct RequirementStatus {
  std::string item;
  RequirementState status = RequirementState::missing;
  std::string para;
  bool is_duty = false;  // falls after the decision (reporting)
};

// What became of one provision of the decision's kind.
enum class TraceStatus { applies, not_applicable, unknown, set_aside };
std::string_view trace_status_name(TraceStatus s);

struct TraceEntry {
  std::string para;
  ProvisionKind kind = ProvisionKind::power;
  std::string post;
  TraceStatus status = TraceStatus::unknown;
  std::string reason;
};

// A signatory by name: its post's id, and the post it acts for, if any.
struct SignatoryName {
  std::string post;
  std::string acting_for;  // empty unless standing in
  friend bool operator==(const SignatoryName&, const SignatoryName&) = default;
};
// A set of posts that may sign together, as post ids, lowest rank first.
using PostSet = std::vector<std::string>;

struct Verdict {
  Outcome outcome = Outcome::undetermined;
  std::optional<std::string> id;
  std::string scheme;
  std::string version;
  std::string kind;
  std::vector<SignatoryName> approver;   // empty when none was given
  std::optional<std::string> date;
  bool date_is_today = false;            // the decision had no date: `date` is today's
  std::vector<Citation> provisions;      // the deciding provisions
  std::vector<PostSet> may_approve;     // sets that may, whatever the missing facts
  std::vector<PostSet> may_approve_if;  // sets that may for some values of the missing facts
  std::vector<PostSet> lowest;          // the minimal sets that may, by rank then id; empty when none
  std::vector<RequirementStatus> requirements;
  std::vector<std::string> missing_facts;
  std::vector<std::string> conflicts;    // "4.2 and 4.3 disagree …"
  std::vector<TraceEntry> trace;
  std::string reason;                    // one sentence a person can read
};

Verdict evaluate(const Decision& decision);

// A decision's signatories as text, `FD + NED` or `FD (acting for CE)`; and
// a set of posts, `CE + NED`, or with another separator (`CE+NED` in CSV);
// and sets of posts, `FD + NED, CE + NED`.
std::string signatories_text(const std::vector<SignatoryName>& signatories);
std::string post_set_text(const PostSet& set, std::string_view separator = " + ");
std::string post_sets_text(const std::vector<PostSet>& sets);

}  // namespace remit
