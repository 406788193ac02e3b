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

int lowest_post(const Version& v, const std::vector<char>& may) {
  int best = -1;
  for (std::size_t c = 0; c < may.size(); ++c) {
    if (!may[c]) continue;
    bool minimal = true;
    for (std::size_t m = 0; m < may.size() && minimal; ++m)
      if (may[m] && m != c && v.is_above(static_cast<int>(c), static_cast<int>(m))) minimal = false;
    if (!minimal) continue;
    if (best < 0 || post_at(v, static_cast<int>(c)).depth > post_at(v, best).depth) best = static_cast<int>(c);
  }
  return best;
}

PointAnswer decide(const Version& v, const Decision& d, const Facts& facts) {
  PointAnswer a;
  a.may.assign(v.posts.size(), 0);
  const auto& candidates = v.provisions_by_kind[static_cast<std::size_t>(d.kind)];
  const Effect e = effects(v, candidates, facts, nullptr);
  std::vector<int> reserved, escalations, powers, prohibitions;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (e.effective[i] != Tri::yes) continue;
    const int p = candidates[i];
    switch (provision_at(v, p).kind) {
      case ProvisionKind::reserved: reserved.push_back(p); break;
      case ProvisionKind::escalation: escalations.push_back(p); break;
      case ProvisionKind::power: powers.push_back(p); break;
      case ProvisionKind::requirement: a.requirements.push_back(p); break;
      case ProvisionKind::prohibition: prohibitions.push_back(p); break;
    }
  }
  auto post_of = [&](int p) { return provision_at(v, p).post; };
  auto with_those_above = [&](int post) {
    for (int at = post; at >= 0; at = post_at(v, at).parent) a.may[static_cast<std::size_t>(at)] = 1;
  };
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
  if (reserved.empty())
    for (std::size_t i = 0; i < escalations.size(); ++i)
      for (std::size_t j = i + 1; j < escalations.size(); ++j) {
        const int x = post_of(escalations[i]), y = post_of(escalations[j]);
        if (x != y && !v.is_above(x, y) && !v.is_above(y, x) && !v.has_priority_between(escalations[i], escalations[j]))
          a.conflicts.emplace_back(escalations[i], escalations[j]);
      }

  if (!reserved.empty()) {
    for (int p : reserved) a.may[static_cast<std::size_t>(post_of(p))] = 1;
  } else {
    for (int p : escalations) with_those_above(post_of(p));
    for (int p : powers) {
      for (int at = post_of(p); at >= 0; at = post_at(v, at).parent) {
        const bool below_escalation = std::any_of(escalations.begin(), escalations.end(),
                                                  [&](int e_p) { return v.is_above(post_of(e_p), at); });
        if (!below_escalation) a.may[static_cast<std::size_t>(at)] = 1;
      }
    }
  }
  a.lowest = lowest_post(v, a.may);
  const bool any_authority = !reserved.empty() || !escalations.empty() || !powers.empty();
  if (!a.conflicts.empty()) a.outcome = Outcome::undetermined;
  else if (!any_authority) a.outcome = Outcome::no_authority;
  else if (d.approver < 0) a.outcome = std::any_of(a.may.begin(), a.may.end(), [](char c) { return c; }) ? Outcome::authorised : Outcome::no_authority;
  else a.outcome = a.may[static_cast<std::size_t>(d.approver)] ? Outcome::authorised : Outcome::not_authorised;

  // The provisions that decide it: for a yes, those that give the approver
  // the power; otherwise those that put the matter where it lies.
  // Provisions that name the post itself come first; a post that holds the
  // power only as a delegator is cited under its delegates' provisions.
  auto grants = [&](int p, int post) {
    const int holder = post_of(p);
    if (holder != post && !v.is_above(post, holder)) return false;
    return std::none_of(escalations.begin(), escalations.end(), [&](int e_p) { return v.is_above(post_of(e_p), post); });
  };
  auto granting = [&](int post) {
    std::vector<int> direct, inherited;
    for (const auto* group : {&escalations, &powers})
      for (int p : *group)
        if (grants(p, post)) (post_of(p) == post ? direct : inherited).push_back(p);
    return direct.empty() ? inherited : direct;
  };
  if (a.outcome == Outcome::undetermined) {
    for (auto [x, y] : a.conflicts) a.deciding.insert(a.deciding.end(), {x, y});
  } else if (!reserved.empty()) {
    a.deciding = reserved;
  } else if (a.outcome == Outcome::authorised && d.approver >= 0) {
    a.deciding = granting(d.approver);
  } else if (d.approver < 0) {
    a.deciding = escalations;
    for (int p : powers)
      if (a.may[static_cast<std::size_t>(post_of(p))]) a.deciding.push_back(p);
  } else if (a.lowest >= 0) {
    a.deciding = escalations;
    for (int p : granting(a.lowest)) a.deciding.push_back(p);
  }
  std::sort(a.deciding.begin(), a.deciding.end());
  a.deciding.erase(std::unique(a.deciding.begin(), a.deciding.end()), a.deciding.end());
  return a;
}

}  // namespace eval

namespace {

using eval::PointAnswer;
using eval::decide;
using eval::lowest_post;

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
    case ProvisionKind::power: return post_at(v, p.post).id + " may approve " + kinds;
    case ProvisionKind::escalation: return post_at(v, p.post).id + " must approve " + kinds;
    case ProvisionKind::reserved: return "reserved to " + post_at(v, p.post).id + ": " + kinds;
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
  if (provision.post >= 0) c.post = post_at(v, provision.post).id;
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
  if (d.approver >= 0) verdict.approver = post_at(v, d.approver).id;
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
      if (q.kind == ProvisionKind::reserved && q.post != power.post) return &q;
      if (q.kind == ProvisionKind::escalation && v.is_above(q.post, power.post)) return &q;
      if (q.kind == ProvisionKind::prohibition) return &q;
    }
    return nullptr;
  };
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Provision& p = provision_at(v, candidates[i]);
    TraceEntry t;
    t.para = p.para;
    t.kind = p.kind;
    if (p.post >= 0) t.post = post_at(v, p.post).id;
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
  std::vector<char> always(v.posts.size(), 1), sometimes(v.posts.size(), 0);
  // Cite what decides in every case; if no provision does, what decides in some.
  std::set<int> deciding, deciding_somewhere, requirement_provisions;
  std::set<std::pair<int, int>> conflicts;
  bool first_answer = true;
  for (const PointAnswer& a : answers) {
    for (std::size_t p = 0; p < v.posts.size(); ++p) {
      always[p] = always[p] && a.may[p];
      sometimes[p] = sometimes[p] || a.may[p];
    }
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
  for (std::size_t p = 0; p < v.posts.size(); ++p) {
    if (always[p]) verdict.may_approve.push_back(v.posts[p].id);
    else if (sometimes[p]) verdict.may_approve_if.push_back(v.posts[p].id);
  }
  const int lowest = lowest_post(v, always);
  if (lowest >= 0) verdict.lowest = post_at(v, lowest).id;
  // The missing facts are named wherever they change the answer: its
  // outcome, or who may approve; otherwise they did not matter.
  if (same && verdict.may_approve_if.empty()) verdict.missing_facts.clear();
  // ---- `who` with missing facts: cite only what decides the lowest post ----
  // Where the missing facts change who may approve: what the lowest post would be cited under as the approver, whatever the
  // missing facts; of that, the provisions that name it, when there are any
  // (not a power of a post below it that it holds only as a delegator).
  if (d.approver < 0 && !verdict.may_approve_if.empty() && same && first == Outcome::authorised && lowest >= 0) {
    Decision as_lowest = d;
    as_lowest.approver = lowest;
    std::set<int> chosen, own;
    for (const Citation& c : evaluate(as_lowest).provisions) chosen.insert(v.find_para(c.para));
    for (int p : chosen)
      if (provision_at(v, p).post == lowest) own.insert(p);
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
  switch (verdict.outcome) {
    case Outcome::authorised:
      verdict.reason = d.approver >= 0 ? *verdict.approver + " may approve " + kind + " under " + para_list(v, cited)
                                       : "the lowest post that may approve " + kind + " is " + verdict.lowest.value_or("?") + ", under " + para_list(v, cited);
      break;
    case Outcome::not_authorised:
      if (std::any_of(cited.begin(), cited.end(), [&](int p) { return provision_at(v, p).kind == ProvisionKind::prohibition; })) {
        verdict.reason = (d.approver >= 0 ? *verdict.approver + " may not approve " + kind : "no post may approve " + kind) +
                         ": it is prohibited by " + para_list(v, cited);
        break;
      }
      verdict.reason = *verdict.approver + " may not approve " + kind + (cited.empty() ? "" : ": under " + para_list(v, cited)) +
                       (verdict.lowest ? " it is for " + *verdict.lowest + " or a post above" : "");
      if (std::any_of(cited.begin(), cited.end(), [&](int p) { return provision_at(v, p).kind == ProvisionKind::reserved; }))
        verdict.reason = *verdict.approver + " may not approve " + kind + ": it is reserved to " + verdict.lowest.value_or("?") +
                         " by " + para_list(v, cited);
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
