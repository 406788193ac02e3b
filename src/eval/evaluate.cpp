// The evaluator (DESIGN §3). A decision whose facts are all known is decided
// directly. Where facts are missing, every region of their values that the
// version's conditions can tell apart is tried: the answer stands only if it
// is the same in all of them; otherwise it is `undetermined`.
#include <algorithm>
#include <set>

#include "eval/decide.hpp"
#include "model/names.hpp"
#include "remit/remit.hpp"
#include "space/space.hpp"

namespace remit {
namespace {

using space::Tri;  // `part`: it depends on a fact the decision does not give
using eval::Facts;

constexpr std::size_t max_points = 4096;  // combinations of missing facts tried before giving up
// Each combination costs up to the square of the provisions for the kind (the
// conflict checks): a scheme of 2,000 paragraphs with 4,000 combinations took
// minutes. Past this many, the answer is `undetermined` as for max_points.
constexpr std::size_t max_work = max_points * 64 * 64;

const Provision& provision_at(const Version& v, int i) { return v.provisions[static_cast<std::size_t>(i)]; }
const Post& post_at(const Version& v, int i) { return v.posts[static_cast<std::size_t>(i)]; }

bool holds(const FactDef& f, const Value& x, CompareOp op, const std::vector<Value>& values) {
  const bool text = f.type == FactType::text;
  auto equal = [&](const Value& y) { return text ? !x.other_text && x.text == y.text : x.number == y.number; };
  switch (op) {
    case CompareOp::is_true: return x.number != 0;
    case CompareOp::lt: return x.number < values.at(0).number;
    case CompareOp::le: return x.number <= values.at(0).number;
    case CompareOp::gt: return x.number > values.at(0).number;
    case CompareOp::ge: return x.number >= values.at(0).number;
    case CompareOp::eq: return equal(values.at(0));
    case CompareOp::ne: return !equal(values.at(0));
    case CompareOp::between: return values.at(0).number <= x.number && x.number <= values.at(1).number;
    case CompareOp::in: return std::any_of(values.begin(), values.end(), equal);
    case CompareOp::not_in: return std::none_of(values.begin(), values.end(), equal);
  }
  return false;
}

// Kleene three-valued logic; `unknown_facts` collects the missing facts that
// left the result unknown.
Tri evaluate_condition(const Version& v, const Condition& c, const Facts& facts, std::set<int>* unknown_facts) {
  switch (c.kind) {
    case Condition::Kind::test: {
      const auto& value = facts[static_cast<std::size_t>(c.fact)];
      if (!value) {
        if (unknown_facts) unknown_facts->insert(c.fact);
        return Tri::part;
      }
      return holds(v.facts[static_cast<std::size_t>(c.fact)], *value, c.op, c.values) ? Tri::yes : Tri::no;
    }
    case Condition::Kind::negation: {
      const Tri t = evaluate_condition(v, c.operands.at(0), facts, unknown_facts);
      return space::negate(t);
    }
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      const bool all = c.kind == Condition::Kind::all_of;
      const Tri decisive = all ? Tri::no : Tri::yes;
      std::set<int> unknown_here;
      bool any_unknown = false;
      for (const Condition& operand : c.operands) {
        const Tri t = evaluate_condition(v, operand, facts, &unknown_here);
        if (t == decisive) return decisive;
        any_unknown = any_unknown || t == Tri::part;
      }
      if (!any_unknown) return all ? Tri::yes : Tri::no;
      if (unknown_facts) unknown_facts->insert(unknown_here.begin(), unknown_here.end());
      return Tri::part;
    }
  }
  return Tri::part;
}

Tri provision_condition(const Version& v, int p, const Facts& facts, std::set<int>* unknown) {
  const Provision& provision = provision_at(v, p);
  return provision.when ? evaluate_condition(v, *provision.when, facts, unknown) : Tri::yes;
}

// Whether each provision for the kind is in effect: its condition holds and
// no provision in effect overrides it. The override graph is acyclic (the
// checker guarantees it), so the recursion ends.
struct Effect {
  std::vector<Tri> condition;  // by position in provisions_by_kind
  std::vector<Tri> effective;
  std::vector<int> overridden_by;  // provision that set it aside, or -1
};

Effect effects(const Version& v, const std::vector<int>& candidates, const Facts& facts, std::set<int>* unknown) {
  Effect e;
  const std::size_t n = candidates.size();
  e.condition.resize(n);
  e.effective.assign(n, Tri::part);
  e.overridden_by.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i) e.condition[i] = provision_condition(v, candidates[i], facts, unknown);
  std::vector<char> done(n, 0);
  auto resolve = [&](auto&& self, std::size_t i) -> Tri {
    if (done[i]) return e.effective[i];
    done[i] = 1;  // acyclic: a provisional mark is never read back
    Tri result = e.condition[i];
    if (result != Tri::no) {
      for (std::size_t j = 0; j < n; ++j) {
        const auto& over = provision_at(v, candidates[j]).overrides;
        if (std::find(over.begin(), over.end(), candidates[i]) == over.end()) continue;
        const Tri by = self(self, j);
        if (by == Tri::yes) {
          result = Tri::no;
          e.overridden_by[i] = candidates[j];
          break;
        }
        if (by == Tri::part) result = Tri::part;
      }
    }
    e.effective[i] = result;
    return result;
  };
  for (std::size_t i = 0; i < n; ++i) resolve(resolve, i);
  return e;
}

}  // namespace

namespace eval {

namespace {

// Whether the posts fill the places one to one (`fills(post, place)`).
template <typename Fills>
bool one_to_one(std::size_t places, const std::vector<int>& posts, Fills&& fills) {
  if (posts.size() != places) return false;
  std::vector<char> used(posts.size(), 0);
  auto assign = [&](auto&& self, std::size_t place) -> bool {
    if (place == places) return true;
    for (std::size_t j = 0; j < posts.size(); ++j) {
      if (used[j] || posts[j] < 0 || !fills(posts[j], place)) continue;
      used[j] = 1;
      if (self(self, place + 1)) return true;
      used[j] = 0;
    }
    return false;
  };
  return assign(assign, 0);
}

bool fills_grant(const Version& v, const Grant& g, int post, std::size_t place) {
  const int named = (*g.set)[place].post;
  return post == named || (g.above_fills(place) && v.is_above(post, named));
}

// Whether `set` is `other` with posts above put in places that they fill.
bool covers(const Version& v, const PostIds& set, const PostIds& other, const std::vector<char>& above) {
  if (set == other) return false;
  return one_to_one(other.size(), set, [&](int post, std::size_t place) {
    return post == other[place] || (above[place] && v.is_above(post, other[place]));
  });
}

}  // namespace

void expand(const Version& v, const std::vector<Grant>& grants, MaySets& may) {
  for (const Grant& g : grants) {
    // Each place's candidates: its post, and the posts above it where they fill.
    std::vector<std::vector<int>> candidates;
    for (std::size_t i = 0; i < g.set->size(); ++i) {
      auto& c = candidates.emplace_back();
      for (int at = (*g.set)[i].post; at >= 0; at = v.posts[static_cast<std::size_t>(at)].parent) {
        c.push_back(at);
        if (!g.above_fills(i)) break;
      }
    }
    PostIds chosen;
    auto pick = [&](auto&& self, std::size_t place) -> void {
      if (place == candidates.size()) {
        PostIds set = chosen;
        v.sort_by_rank(set);
        std::vector<char>& above = may[set];
        above.resize(set.size(), 0);
        for (std::size_t i = 0; i < chosen.size(); ++i)
          if (g.above_fills(i)) above[static_cast<std::size_t>(std::find(set.begin(), set.end(), chosen[i]) - set.begin())] = 1;
        return;
      }
      for (int post : candidates[place]) {
        if (std::find(chosen.begin(), chosen.end(), post) != chosen.end()) continue;
        chosen.push_back(post);
        self(self, place + 1);
        chosen.pop_back();
      }
    };
    pick(pick, 0);
  }
}

std::vector<PostIds> lowest_sets(const Version& v, const MaySets& may) {
  std::vector<PostIds> out;
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  for (const auto& entry : may) {
    const PostIds& set = entry.first;
    const bool covered = std::any_of(may.begin(), may.end(), [&](const auto& other) { return covers(v, set, other.first, other.second); });
    if (!covered) out.push_back(set);
  }
  std::sort(out.begin(), out.end(), [&](const PostIds& a, const PostIds& b) { return v.set_ranks_before(a, b); });
  return out;
}

PostIds ranked_posts(const Version& v, const SignatorySet& set) {
  PostIds named;
  for (const Place& place : set) named.push_back(place.post);
  v.sort_by_rank(named);
  return named;
}

PointAnswer decide(const Version& v, const Decision& d, const Facts& facts) {
  const auto& candidates = v.provisions_by_kind[static_cast<std::size_t>(d.kind)];
  const Effect e = effects(v, candidates, facts, nullptr);
  std::vector<int> in_effect;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (e.effective[i] == Tri::yes) in_effect.push_back(candidates[i]);
  return resolve(v, d, in_effect);
}

PointAnswer resolve(const Version& v, const Decision& d, std::span<const int> in_effect) {
  PointAnswer a;
  std::vector<int> reserved, escalations, powers, prohibitions, stand_ins;
  for (const int p : in_effect) {
    switch (provision_at(v, p).kind) {
      case ProvisionKind::reserved: reserved.push_back(p); break;
      case ProvisionKind::escalation: escalations.push_back(p); break;
      case ProvisionKind::power: powers.push_back(p); break;
      case ProvisionKind::requirement: a.requirements.push_back(p); break;
      case ProvisionKind::prohibition: prohibitions.push_back(p); break;
      case ProvisionKind::stand_in: stand_ins.push_back(p); break;
    }
  }
  auto post_of = [&](int p) { return provision_at(v, p).sole_post(); };
  for (std::size_t i = 0; i < reserved.size(); ++i)
    for (std::size_t j = i + 1; j < reserved.size(); ++j)
      if (post_of(reserved[i]) != post_of(reserved[j]) && !v.has_priority_between(reserved[i], reserved[j]))
        a.conflicts.emplace_back(reserved[i], reserved[j]);
  // ---- prohibitions: ranked with reserved matters ----
  // A prohibition and a reserved matter in effect together disagree (no post
  // may; only this post may) unless one has priority over the other.
  for (int r : reserved)
    for (int x : prohibitions)
      if (!v.has_priority_between(r, x)) a.conflicts.emplace_back(std::min(r, x), std::max(r, x));
  if (!prohibitions.empty() && a.conflicts.empty()) {
    a.outcome = Outcome::not_authorised;  // whatever the powers say, and whoever asks
    a.deciding = prohibitions;
    a.requirements.clear();
    return a;
  }
  // The posts escalations go to, and whether each post has one of them
  // above it: asked once per post rather than per pair (a scheme of many
  // escalations up one long chain of posts asked it millions of times).
  std::vector<int> escalation_posts;
  for (int p : escalations) escalation_posts.push_back(post_of(p));
  std::sort(escalation_posts.begin(), escalation_posts.end());
  escalation_posts.erase(std::unique(escalation_posts.begin(), escalation_posts.end()), escalation_posts.end());
  std::vector<signed char> under(escalation_posts.empty() ? 0 : v.posts.size(), -1);  // -1: not yet known
  auto below_escalation_post = [&](int post) -> bool {
    if (escalation_posts.empty() || post < 0) return false;
    signed char& known = under[static_cast<std::size_t>(post)];
    if (known < 0)
      known = static_cast<signed char>(std::any_of(escalation_posts.begin(), escalation_posts.end(), [&](int e) { return v.is_above(e, post); }));
    return known != 0;
  };
  bool all_in_line = true;  // every two escalation posts one above the other
  for (std::size_t i = 0; i < escalation_posts.size() && all_in_line; ++i)
    for (std::size_t j = i + 1; j < escalation_posts.size() && all_in_line; ++j)
      all_in_line = v.is_above(escalation_posts[i], escalation_posts[j]) || v.is_above(escalation_posts[j], escalation_posts[i]);
  if (reserved.empty() && !all_in_line)
    for (std::size_t i = 0; i < escalations.size(); ++i)
      for (std::size_t j = i + 1; j < escalations.size(); ++j) {
        const int x = post_of(escalations[i]), y = post_of(escalations[j]);
        if (x != y && !v.is_above(x, y) && !v.is_above(y, x) && !v.has_priority_between(escalations[i], escalations[j]))
          a.conflicts.emplace_back(escalations[i], escalations[j]);
      }

  // Who may: the reserved post alone; else each escalation's post (or one
  // above it), and each power's sets but those with a place below an
  // escalation's post, which it sets aside.
  if (!reserved.empty()) {
    for (int p : reserved) a.grants.push_back(Grant{p, &provision_at(v, p).approver.front(), true});
  } else {
    for (int p : escalations) a.grants.push_back(Grant{p, &provision_at(v, p).approver.front(), false});
    for (int p : powers)
      for (const SignatorySet& set : provision_at(v, p).approver) {
        const bool below_escalation = std::any_of(set.begin(), set.end(), [&](const Place& place) { return below_escalation_post(place.post); });
        if (!below_escalation) a.grants.push_back(Grant{p, &set, false});
      }
  }
  MaySets may;
  expand(v, a.grants, may);
  a.lowest = lowest_sets(v, may);

  // The signatories as the posts they sign for: a stand-in signs as the
  // post it stands in for, when a stand-in provision in effect lets it and
  // that post is not itself signing or standing in; otherwise for none.
  std::vector<int> as;
  std::vector<int> used_stand_ins;
  for (const Signatory& s : d.approver) {
    if (s.acting_for < 0) {
      as.push_back(s.post);
      continue;
    }
    const bool absent_signs = std::any_of(d.approver.begin(), d.approver.end(), [&](const Signatory& t) { return t.post == s.acting_for; });
    const auto by = std::find_if(stand_ins.begin(), stand_ins.end(), [&](int p) {
      return provision_at(v, p).sole_post() == s.post && provision_at(v, p).absent == s.acting_for;
    });
    if (absent_signs || by == stand_ins.end()) {
      as.push_back(-1);
      continue;
    }
    as.push_back(s.acting_for);
    used_stand_ins.push_back(*by);
  }
  auto meets = [&](const Grant& g) {
    return one_to_one(g.set->size(), as, [&](int post, std::size_t place) {
      return g.exact ? post == (*g.set)[place].post : fills_grant(v, g, post, place);
    });
  };

  const bool any_authority = !reserved.empty() || !escalations.empty() || !powers.empty();
  if (!a.conflicts.empty()) a.outcome = Outcome::undetermined;
  else if (!any_authority) a.outcome = Outcome::no_authority;
  else if (d.approver.empty()) a.outcome = a.grants.empty() ? Outcome::no_authority : Outcome::authorised;
  else a.outcome = std::any_of(a.grants.begin(), a.grants.end(), meets) ? Outcome::authorised : Outcome::not_authorised;

  // The provisions that decide it: for a yes, those whose sets the
  // signatories meet, naming them exactly if any does, and the stand-ins
  // they act under; otherwise those that put the matter where it lies.
  auto named_exactly = [&](const Grant& g) {
    PostIds named;
    for (const Place& place : *g.set) named.push_back(place.post);
    return one_to_one(named.size(), as, [&](int post, std::size_t place) { return post == named[place]; });
  };
  auto named_is_lowest = [&](const Grant& g) {
    return std::find(a.lowest.begin(), a.lowest.end(), ranked_posts(v, *g.set)) != a.lowest.end();
  };
  if (a.outcome == Outcome::undetermined) {
    for (auto [x, y] : a.conflicts) a.deciding.insert(a.deciding.end(), {x, y});
  } else if (!reserved.empty()) {
    a.deciding = reserved;
  } else if (a.outcome == Outcome::authorised && !d.approver.empty()) {
    // As a delegator a post is cited under its delegates' powers, even those
    // an escalation below it sets aside (the escalation is cited too).
    std::vector<Grant> citable;
    for (int p : escalations) citable.push_back(Grant{p, &provision_at(v, p).approver.front(), false});
    for (int p : powers)
      for (const SignatorySet& set : provision_at(v, p).approver) citable.push_back(Grant{p, &set, false});
    // A signatory below an escalation's post is cited under none.
    const bool below_escalation = std::any_of(as.begin(), as.end(), [&](int post) { return below_escalation_post(post); });
    std::vector<int> direct, inherited;
    for (const Grant& g : citable)
      if (!below_escalation && meets(g)) (named_exactly(g) ? direct : inherited).push_back(g.provision);
    a.deciding = direct.empty() ? inherited : direct;
    a.deciding.insert(a.deciding.end(), used_stand_ins.begin(), used_stand_ins.end());
  } else if (d.approver.empty()) {
    // Escalations, and each power whose set may sign here (by it or otherwise).
    a.deciding = escalations;
    for (int p : powers)
      for (const SignatorySet& set : provision_at(v, p).approver)
        if (may.count(ranked_posts(v, set))) a.deciding.push_back(p);
  } else if (!a.lowest.empty()) {
    a.deciding = escalations;
    for (const Grant& g : a.grants)
      if (named_is_lowest(g)) a.deciding.push_back(g.provision);
  }
  std::sort(a.deciding.begin(), a.deciding.end());
  a.deciding.erase(std::unique(a.deciding.begin(), a.deciding.end()), a.deciding.end());
  return a;
}

}  // namespace eval

namespace {

using eval::PointAnswer;
using eval::decide;
using eval::PostIds;

// The values of each missing fact worth trying: one in each cell of its axis
// in the kind's exact partition (space/space.hpp), within which every
// condition answers alike.
std::vector<std::vector<Value>> representatives(const Version& v, int kind, const std::vector<int>& facts) {
  std::vector<std::vector<Value>> constants;
  std::vector<char> used;
  space::collect_constants(v, kind, constants, used);
  std::vector<std::vector<Value>> out;
  for (int f : facts) {
    const auto fact = static_cast<std::size_t>(f);
    const space::Axis axis = space::make_axis(f, v.facts[fact], std::move(constants[fact]));
    auto& values = out.emplace_back();
    for (std::size_t cell = 0; cell < axis.cells; ++cell)
      if (!axis.empty(cell)) values.push_back(axis.witness(cell, space::value_floor(axis.type)));
  }
  return out;
}

void facts_in(const Condition& c, std::set<int>& out) {
  if (c.kind == Condition::Kind::test && c.fact >= 0) out.insert(c.fact);
  for (const Condition& o : c.operands) facts_in(o, out);
}

std::string describe_facts(const Version& v, const Condition& c, const Facts& facts) {
  std::set<int> used;
  facts_in(c, used);
  std::vector<std::string> parts;
  for (int f : used) {
    const FactDef& def = v.facts[static_cast<std::size_t>(f)];
    const auto& value = facts[static_cast<std::size_t>(f)];
    parts.push_back(def.name + (value ? " = " + format_value(def, *value) : " not given"));
  }
  return join(parts, ", ");
}

std::string describe_provision(const Version& v, const Provision& p) {
  std::string kinds = join(p.kind_patterns, ", ");
  if (kinds == "*") kinds = "any decision";
  switch (p.kind) {
    case ProvisionKind::power: return approver_text(v, p.approver) + " may approve " + kinds;
    case ProvisionKind::escalation: return approver_text(v, p.approver) + " must approve " + kinds;
    case ProvisionKind::reserved: return "reserved to " + approver_text(v, p.approver) + ": " + kinds;
    case ProvisionKind::stand_in:
      return "in the absence of " + post_at(v, p.absent).id + ": " + approver_text(v, p.approver) + " may act for " + kinds;
    case ProvisionKind::requirement: return "requires " + join(p.items, ", ") + " for " + kinds;
    case ProvisionKind::prohibition: return "no post may approve " + kinds;
  }
  return {};
}

Citation cite(const Version& v, int p) {
  const Provision& provision = provision_at(v, p);
  Citation c;
  c.para = provision.para;
  c.version = v.label;
  c.kind = provision.kind;
  c.post = approver_text(v, provision.approver);
  c.text = provision.words;
  c.location = location(provision.span);
  return c;
}

std::string para_list(const Version& v, const std::vector<int>& ps) {
  std::vector<std::string> names;
  for (int p : ps) names.push_back(provision_at(v, p).para);
  return (names.size() > 1 ? "paras " : "para ") + join(names, ", ") + " (" + v.label + ")";
}

}  // namespace

std::string signatories_text(const std::vector<SignatoryName>& signatories) {
  std::string out;
  for (const SignatoryName& s : signatories)
    out += (out.empty() ? "" : " + ") + s.post + (s.acting_for.empty() ? "" : " (acting for " + s.acting_for + ")");
  return out;
}

std::string post_set_text(const PostSet& set, std::string_view separator) {
  std::string out;
  for (const std::string& p : set) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

std::string post_sets_text(const std::vector<PostSet>& sets) {
  std::string out;
  for (const PostSet& set : sets) out += (out.empty() ? "" : ", ") + post_set_text(set);
  return out;
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::authorised: return "authorised";
    case Outcome::not_authorised: return "not_authorised";
    case Outcome::no_authority: return "no_authority";
    case Outcome::undetermined: return "undetermined";
  }
  return "?";
}

std::string_view requirement_state_name(RequirementState s) {
  switch (s) {
    case RequirementState::met: return "met";
    case RequirementState::missing: return "missing";
    case RequirementState::not_evidenced: return "not_evidenced";
  }
  return "?";
}

std::string_view trace_status_name(TraceStatus s) {
  switch (s) {
    case TraceStatus::applies: return "applies";
    case TraceStatus::not_applicable: return "not_applicable";
    case TraceStatus::unknown: return "unknown";
    case TraceStatus::set_aside: return "set_aside";
  }
  return "?";
}

// ---- evidence naming an item ----
// An entry names an item when, without regard to case, to blanks at either
// end or to how many blanks stand between words, it is the item, or the item
// followed by `:` and a note ("report to Board: 2024-07-04"). Anything else
// ("reported to Board 2024-07-04") names another item.
bool eval::names_item(std::string_view entry, std::string_view item) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto trim = [&](std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
  };
  entry = trim(entry);
  item = trim(item);
  std::size_t i = 0, j = 0;
  while (i < entry.size() && j < item.size()) {
    if (blank(entry[i]) && blank(item[j])) {
      while (i < entry.size() && blank(entry[i])) ++i;
      while (j < item.size() && blank(item[j])) ++j;
      continue;
    }
    if (lower(entry[i]) != lower(item[j])) return false;
    ++i;
    ++j;
  }
  if (j < item.size()) return false;
  while (i < entry.size() && blank(entry[i])) ++i;
  return i == entry.size() || entry[i] == ':';
}

bool eval::in_evidence(const std::vector<std::string>& evidence, const std::string& item) {
  return std::any_of(evidence.begin(), evidence.end(), [&](const std::string& e) { return names_item(e, item); });
}

void eval::list_requirements(const Version& v, const Decision& d, Outcome outcome, std::span<const int> requirement_provisions,
                             std::span<const int> deciding, std::vector<RequirementStatus>& out) {
  for_each_requirement(v, d, outcome, requirement_provisions, deciding,
                       [&](const std::string& item, RequirementState state, const Provision& p, bool duty) {
                         out.push_back(RequirementStatus{item, state, p.para, duty});
                       });
}

Verdict evaluate(const Decision& d) {
  const Version& v = *d.version;
  Verdict verdict;
  verdict.id = d.id;
  verdict.scheme = v.scheme_title;
  verdict.version = v.label;
  verdict.kind = v.kinds[static_cast<std::size_t>(d.kind)];
  for (const Signatory& s : d.approver)
    verdict.approver.push_back(SignatoryName{post_at(v, s.post).id, s.acting_for >= 0 ? post_at(v, s.acting_for).id : ""});
  if (d.date) verdict.date = format_date(*d.date);
  verdict.date_is_today = d.date_is_today;
  const auto& candidates = v.provisions_by_kind[static_cast<std::size_t>(d.kind)];

  // The trace, and the missing facts that matter, from one three-valued pass.
  std::set<int> unknown;
  const Effect effect = effects(v, candidates, d.facts, &unknown);
  // A reserved matter or escalation in effect sets aside powers it outranks.
  auto outranked_by = [&](const Provision& power) -> const Provision* {
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      const Provision& q = provision_at(v, candidates[j]);
      if (effect.effective[j] != Tri::yes) continue;
      if (q.kind == ProvisionKind::reserved && q.sole_post() != power.sole_post()) return &q;
      // An escalation sets aside each set with a place below its post.
      if (q.kind == ProvisionKind::escalation &&
          std::all_of(power.approver.begin(), power.approver.end(), [&](const SignatorySet& set) {
            return std::any_of(set.begin(), set.end(), [&](const Place& place) { return v.is_above(q.sole_post(), place.post); });
          }))
        return &q;
      if (q.kind == ProvisionKind::prohibition) return &q;
    }
    return nullptr;
  };
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Provision& p = provision_at(v, candidates[i]);
    TraceEntry t;
    t.para = p.para;
    t.kind = p.kind;
    t.post = approver_text(v, p.approver);
    const std::string what = describe_provision(v, p);
    const std::string cond = p.when ? "`" + p.when->text + "`" : "";
    const std::string values = p.when ? describe_facts(v, *p.when, d.facts) : "";
    switch (effect.condition[i]) {
      case Tri::no:
        t.status = TraceStatus::not_applicable;
        t.reason = what + ": " + cond + " does not hold (" + values + ")";
        break;
      case Tri::part:
        t.status = TraceStatus::unknown;
        t.reason = what + ": " + cond + " cannot be decided (" + values + ")";
        break;
      case Tri::yes:
        if (effect.effective[i] == Tri::no) {
          t.status = TraceStatus::set_aside;
          t.reason = what + ": set aside by para " + provision_at(v, effect.overridden_by[i]).para;
        } else if (effect.effective[i] == Tri::part) {
          t.status = TraceStatus::unknown;
          t.reason = what + ": may be set aside by a provision whose condition cannot be decided";
        } else if (const Provision* by = p.kind == ProvisionKind::power ? outranked_by(p) : nullptr) {
          t.status = TraceStatus::set_aside;
          t.reason = what + ": set aside by the " +
                     (by->kind == ProvisionKind::reserved      ? "reserved matter"
                      : by->kind == ProvisionKind::prohibition ? "prohibition"
                                                               : "escalation") +
                     " in para " + by->para;
        } else {
          t.status = TraceStatus::applies;
          t.reason = what + (p.when ? ": " + cond + " holds (" + values + ")" : ": applies to every such decision");
        }
        break;
    }
    verdict.trace.push_back(std::move(t));
  }

  // Every combination of representative values of the missing facts.
  std::vector<int> missing(unknown.begin(), unknown.end());
  const std::vector<std::vector<Value>> choices = representatives(v, d.kind, missing);
  std::size_t points = 1;
  for (const auto& values : choices) points = std::min(points * std::max<std::size_t>(values.size(), 1), max_points + 1);
  for (int f : missing) verdict.missing_facts.push_back(v.facts[static_cast<std::size_t>(f)].name);
  const std::size_t per_point = std::max<std::size_t>(candidates.size() * candidates.size(), 1);
  if (points > max_points || (points > 1 && points > max_work / per_point)) {
    verdict.outcome = Outcome::undetermined;
    verdict.reason = "too many facts are missing to try every case; give " + join(verdict.missing_facts, ", ");
    return verdict;
  }
  std::vector<PointAnswer> answers;
  Facts facts = d.facts;
  std::vector<std::size_t> index(missing.size(), 0);
  while (true) {
    for (std::size_t i = 0; i < missing.size(); ++i) facts[static_cast<std::size_t>(missing[i])] = choices[i][index[i]];
    answers.push_back(decide(v, d, facts));
    std::size_t i = 0;
    for (; i < index.size(); ++i) {
      if (++index[i] < choices[i].size()) break;
      index[i] = 0;
    }
    if (i == index.size()) break;
  }

  // Combine: the same outcome everywhere, or undetermined.
  const Outcome first = answers.front().outcome;
  const bool same = std::all_of(answers.begin(), answers.end(), [&](const PointAnswer& a) { return a.outcome == first; });
  verdict.outcome = same ? first : Outcome::undetermined;
  eval::MaySets always;
  std::set<PostIds> sometimes;
  // Cite what decides in every case; if no provision does, what decides in some.
  std::set<int> deciding, deciding_somewhere, requirement_provisions;
  std::set<std::pair<int, int>> conflicts;
  bool first_answer = true;
  for (const PointAnswer& a : answers) {
    eval::MaySets may;
    eval::expand(v, a.grants, may);
    if (&a == &answers.front()) always = may;
    std::erase_if(always, [&](const auto& entry) { return !may.count(entry.first); });
    for (auto& [set, above] : always)
      for (std::size_t i = 0; i < above.size(); ++i) above[i] = above[i] || may[set][i];
    for (const auto& entry : may) sometimes.insert(entry.first);
    if (same || a.outcome == Outcome::undetermined) {
      const std::set<int> here(a.deciding.begin(), a.deciding.end());
      if (first_answer) deciding = here;
      else std::erase_if(deciding, [&](int p) { return !here.count(p); });
      deciding_somewhere.insert(here.begin(), here.end());
      first_answer = false;
    }
    requirement_provisions.insert(a.requirements.begin(), a.requirements.end());
    conflicts.insert(a.conflicts.begin(), a.conflicts.end());
  }
  if (deciding.empty()) deciding = deciding_somewhere;
  auto names = [&](const PostIds& set) {
    PostSet out;
    for (int p : set) out.push_back(post_at(v, p).id);
    return out;
  };
  std::vector<PostIds> ordered(sometimes.begin(), sometimes.end());
  std::sort(ordered.begin(), ordered.end(), [&](const PostIds& a, const PostIds& b) { return v.set_ranks_before(a, b); });
  for (const PostIds& set : ordered) (always.count(set) ? verdict.may_approve : verdict.may_approve_if).push_back(names(set));
  const std::vector<PostIds> lowest_ids = eval::lowest_sets(v, always);
  for (const PostIds& set : lowest_ids) verdict.lowest.push_back(names(set));
  // The missing facts are named wherever they change the answer: its
  // outcome, or who may approve; otherwise they did not matter.
  if (same && verdict.may_approve_if.empty()) verdict.missing_facts.clear();
  // ---- `who` with missing facts: cite only what decides the lowest ----
  // Where the missing facts change who may approve: what the lowest set
  // would be cited under as the signatories, whatever the missing facts; of
  // that, the provisions that name it, when there are any (not a power of a
  // post below it that it holds only as a delegator).
  if (d.approver.empty() && !verdict.may_approve_if.empty() && same && first == Outcome::authorised && lowest_ids.size() == 1) {
    Decision as_lowest = d;
    for (int p : lowest_ids.front()) as_lowest.approver.push_back(Signatory{p, -1});
    std::set<int> chosen, own;
    for (const Citation& c : evaluate(as_lowest).provisions) chosen.insert(v.find_para(c.para));
    for (int p : chosen) {
      const auto& sets = provision_at(v, p).approver;
      if (std::any_of(sets.begin(), sets.end(), [&](const SignatorySet& set) { return eval::ranked_posts(v, set) == lowest_ids.front(); }))
        own.insert(p);
    }
    deciding = own.empty() ? chosen : own;
  }
  for (int p : deciding) verdict.provisions.push_back(cite(v, p));
  for (auto [x, y] : conflicts)
    verdict.conflicts.push_back("paras " + provision_at(v, x).para + " and " + provision_at(v, y).para +
                                " both apply and disagree, with no `overrides` between them");

  eval::list_requirements(v, d, verdict.outcome, std::vector<int>(requirement_provisions.begin(), requirement_provisions.end()),
                          std::vector<int>(deciding.begin(), deciding.end()), verdict.requirements);

  const std::string kind = "`" + verdict.kind + "`";
  std::vector<int> cited(deciding.begin(), deciding.end());
  // One post as before (`DMPC`); sets as `FD + NED, CE + NED`.
  const bool one_post = verdict.lowest.size() == 1 && verdict.lowest.front().size() == 1;
  std::vector<std::string> lowest_sets;
  for (const PostSet& set : verdict.lowest) lowest_sets.push_back(post_set_text(set));
  const std::string lowest = lowest_sets.empty() ? "?" : join(lowest_sets, ", ");
  const std::string approver = signatories_text(verdict.approver);
  switch (verdict.outcome) {
    case Outcome::authorised:
      verdict.reason = !d.approver.empty() ? approver + " may approve " + kind + " under " + para_list(v, cited)
                       : one_post         ? "the lowest post that may approve " + kind + " is " + lowest + ", under " + para_list(v, cited)
                                          : "the lowest who may approve " + kind + " are " + lowest + ", under " + para_list(v, cited);
      break;
    case Outcome::not_authorised:
      if (std::any_of(cited.begin(), cited.end(), [&](int p) { return provision_at(v, p).kind == ProvisionKind::prohibition; })) {
        verdict.reason = (!d.approver.empty() ? approver + " may not approve " + kind : "no post may approve " + kind) +
                         ": it is prohibited by " + para_list(v, cited);
        break;
      }
      verdict.reason = approver + " may not approve " + kind + (cited.empty() ? "" : ": under " + para_list(v, cited)) +
                       (lowest_sets.empty() ? ""
                        : one_post          ? " it is for " + lowest + " or a post above"
                                            : " it needs " + join(lowest_sets, " or "));
      if (std::any_of(cited.begin(), cited.end(), [&](int p) { return provision_at(v, p).kind == ProvisionKind::reserved; }))
        verdict.reason = approver + " may not approve " + kind + ": it is reserved to " + lowest + " by " + para_list(v, cited);
      break;
    case Outcome::no_authority:
      verdict.reason = "no provision of version " + v.label + " gives any post authority over " + kind +
                       " with these facts: a gap in the scheme, so it is not authorised";
      break;
    case Outcome::undetermined:
      if (!verdict.conflicts.empty()) verdict.reason = "the scheme is in conflict: " + verdict.conflicts.front();
      else verdict.reason = "the answer depends on " + join(verdict.missing_facts, ", ") + ", which the decision does not give";
      break;
  }
  return verdict;
}

}  // namespace remit
