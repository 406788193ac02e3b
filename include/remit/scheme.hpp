#pragma once
// The checked model of a scheme: names resolved, types checked, money in
// pence. Immutable once loaded; safe to read from any number of threads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "remit/date.hpp"
#include "remit/diagnostic.hpp"
#include "remit/provision_kind.hpp"

namespace remit {

enum class FactType { money, flag, integer, text, date, enumeration };
std::string_view fact_type_name(FactType t);

struct FactDef {
  std::string name;
  FactType type = FactType::flag;
  std::vector<std::string> members;  // enumeration members, in declared order
  Span span;
};

// A literal or a decision's fact value. `number` holds pence, an integer, a
// day number, 0/1 for a flag, or a member's index; `text` holds text values.
struct Value {
  std::int64_t number = 0;
  std::string text;
  // A text unlike every one the scheme names: what stands for "any other
  // text" when the partition of the facts needs a value there.
  bool other_text = false;
  friend bool operator==(const Value&, const Value&) = default;
};

// A value as the language writes it: £500,000, 2020-04-01, true, a member's
// name, a quoted string.
std::string format_value(const FactDef& fact, const Value& value);

enum class CompareOp { lt, le, gt, ge, eq, ne, between, in, not_in, is_true };

struct Condition {
  enum class Kind { all_of, any_of, negation, test };
  Kind kind = Kind::test;
  std::vector<Condition> operands;
  int fact = -1;
  CompareOp op = CompareOp::is_true;
  std::vector<Value> values;
  Span span;          // the whole condition as written
  std::string text;   // the source text of the condition, for traces
};

struct Post {
  std::string id;
  std::string title;
  std::vector<std::string> aliases;
  int parent = -1;       // the post above, or -1
  bool consent = false;  // acts with the parent's consent rather than under it
  int depth = 0;         // 0 for a post with nothing above it
  Span span;
};

std::string_view provision_kind_name(ProvisionKind k);

// Joint approvals (issue 12). One place of a set of signatories: the post it
// names, and whether a post above that one fills it too (`FD or above`).
struct Place {
  int post = -1;
  bool or_above = false;
  Span span;
};
// Signatories who approve together, one to a place. A set of one place
// means the post or any post above it, whether or not it says `or above`.
using SignatorySet = std::vector<Place>;

struct Provision {
  std::string para;
  std::string words;  // the scheme's words, when given
  std::string number; // the number the scheme itself uses (`number "4.13"`), when given
  ProvisionKind kind = ProvisionKind::power;
  // Who may act: alternatives, each a set of signatories (`(CE or FD) and
  // NED` is {CE, NED} or {FD, NED}). Escalations, reserved matters and
  // stand-ins name one post: one set of one place. Empty for requirements
  // and prohibitions.
  std::vector<SignatorySet> approver;
  int absent = -1;    // stand-ins: the post stood in for
  // The post, when the approver is one set of one place; else -1.
  int sole_post() const;
  std::vector<std::string> kind_patterns;  // as written; "*" for any decision
  std::optional<Condition> when;
  std::vector<std::string> duties;   // "report quarterly to DMPC"
  std::vector<int> duty_posts;       // per duty: the post reported to, or -1
  std::vector<std::string> items;    // requirement items
  std::vector<int> overrides;        // provisions this one sets aside when it applies
  Span span;                         // the paragraph reference
};

// A finding of the analysis (`remit analyse`) that the scheme's authors know
// of and keep, with their reason: `known gap for grant.award when amount >=
// £50,000: "…"` (the region form: findings of those kinds whose witness lies
// in the region; for gaps, exactly the part of the gap inside it) or `known
// shadowed para 4.9: "…"` (the paragraph form: findings that involve only
// those paragraphs).
struct Acknowledgement {
  Code code = Code::gap;                   // a finding's code
  std::string name;                        // the code as written, which may be a former name (`conflict`)
  std::vector<std::string> kind_patterns;  // the region form, as written ("*" for any decision)
  std::vector<int> kinds;                  // the kinds they match
  std::optional<Condition> when;
  std::vector<int> paras;                  // the paragraph form: provisions
  std::string reason;
  Span span;                               // the finding's code
};

struct Version {
  std::string scheme_title;
  std::string label;
  std::string currency;
  Date from;
  std::optional<Date> until;      // as declared
  std::optional<Date> last_day;   // declared, or the day before the next version starts
  std::vector<Post> posts;
  std::vector<std::string> kinds;
  std::vector<std::string> kind_labels;                // per kind: its label (`"Orders and contracts"`), or ""
  std::vector<std::vector<std::string>> kind_phrases;  // per kind: the phrases papers of that kind use
  std::vector<FactDef> facts;
  std::vector<Provision> provisions;
  std::vector<std::vector<int>> provisions_by_kind;  // kind index -> provisions whose pattern matches, in file order
  std::vector<Span> kind_spans;                      // where each kind is declared
  std::vector<Acknowledgement> known;                // findings of the analysis the scheme keeps
  SourcePtr source;
  Span title_span, label_span, from_span, until_span, currency_span;  // for scheme-wide diagnostics

  std::vector<std::string> post_ids() const;
  std::vector<std::string> fact_names() const;
  int find_post(std::string_view id_title_or_alias) const;
  int find_kind(std::string_view name) const;
  // A kind as a person reads it: its label, or its identifier when it has none.
  const std::string& kind_title(int kind) const;
  int find_fact(std::string_view name) const;
  int find_para(std::string_view para) const;
  // The provision the scheme itself numbers so: its `number`, or its
  // reference when that is the number (`para 4.8`); -1 if none.
  int find_number(std::string_view number) const;
  bool is_above(int upper, int lower) const;  // strictly above, through `under` or `consent from`
  // Whether a post fills a place of a set of `set_size` places: the post it
  // names, or one above it when the place says `or above` or is alone.
  bool fills(int post, const Place& place, std::size_t set_size) const;
  // Posts ordered by rank: lower posts (deeper under `under`) first, then by
  // id; sets of posts, each so sorted, by their posts in turn, then the
  // shorter first. Never the order of declaration.
  bool ranks_before(int a, int b) const;
  void sort_by_rank(std::vector<int>& posts) const;
  bool set_ranks_before(const std::vector<int>& a, const std::vector<int>& b) const;
  bool has_priority_between(int provision_a, int provision_b) const;  // either `overrides` the other
};

// A set of signatories as text: `CE + NED`, a place `FD or above` where a
// set of several says so; alternatives joined by ` or `.
std::string set_text(const Version& v, const SignatorySet& set);
std::string approver_text(const Version& v, const std::vector<SignatorySet>& sets);
// Post indices as text: `CE + NED` (or with another separator, `CE+NED`).
std::string posts_text(const Version& v, const std::vector<int>& posts, std::string_view separator = " + ");

struct Scheme {
  std::string title;
  std::string currency;
  std::vector<Version> versions;  // ordered by `from`

  const Version* in_force(Date d) const;
  const Version* newest() const;
  const Version* find_version(std::string_view label) const;
};

}  // namespace remit
