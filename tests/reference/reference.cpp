#include "reference/reference.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace remit::reference {
namespace {

using Facts = std::vector<std::optional<Value>>;

// ---- §3.2: which provisions apply ------------------------------------------

bool kind_matches(const std::string& pattern, const std::string& kind) {
  if (pattern == "*") return true;  // `any decision`
  if (pattern.size() >= 2 && pattern.ends_with(".*")) return kind.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == kind;
}

bool matches(const Provision& p, const std::string& kind) {
  return std::any_of(p.kind_patterns.begin(), p.kind_patterns.end(), [&](const std::string& pat) { return kind_matches(pat, kind); });
}

bool same_value(FactType type, const Value& a, const Value& b) { return type == FactType::text ? a.text == b.text : a.number == b.number; }

bool test(const Version& v, const Condition& c, const Facts& facts) {
  const FactType type = v.facts[static_cast<std::size_t>(c.fact)].type;
  const Value& x = *facts[static_cast<std::size_t>(c.fact)];
  const auto& vs = c.values;
  switch (c.op) {
    case CompareOp::is_true: return x.number == 1;
    case CompareOp::lt: return x.number < vs[0].number;
    case CompareOp::le: return x.number <= vs[0].number;
    case CompareOp::gt: return x.number > vs[0].number;
    case CompareOp::ge: return x.number >= vs[0].number;
    case CompareOp::eq: return same_value(type, x, vs[0]);
    case CompareOp::ne: return !same_value(type, x, vs[0]);
    case CompareOp::between: return vs[0].number <= x.number && x.number <= vs[1].number;
    case CompareOp::in:
    case CompareOp::not_in: {
      bool found = false;
      for (const Value& y : vs) found = found || same_value(type, x, y);
      return c.op == CompareOp::in ? found : !found;
    }
  }
  return false;
}

bool holds(const Version& v, const Condition& c, const Facts& facts) {
  switch (c.kind) {
    case Condition::Kind::test: return test(v, c, facts);
    case Condition::Kind::negation: return !holds(v, c.operands[0], facts);
    case Condition::Kind::all_of:
      for (const Condition& o : c.operands)
        if (!holds(v, o, facts)) return false;
      return true;
    case Condition::Kind::any_of:
      for (const Condition& o : c.operands)
        if (holds(v, o, facts)) return true;
      return false;
  }
  return false;
}

// ---- the hierarchy ----------------------------------------------------------

bool above(const Version& v, int upper, int lower) {
  for (int at = v.posts[static_cast<std::size_t>(lower)].parent; at >= 0; at = v.posts[static_cast<std::size_t>(at)].parent)
    if (at == upper) return true;
  return false;
}

int depth(const Version& v, int post) {
  int d = 0;
  for (int at = v.posts[static_cast<std::size_t>(post)].parent; at >= 0; at = v.posts[static_cast<std::size_t>(at)].parent) ++d;
  return d;
}

// Posts by rank: the deeper first, then by id (never the declared order).
std::vector<int> by_rank(const Version& v, std::vector<int> posts) {
  std::sort(posts.begin(), posts.end(), [&](int a, int b) {
    return depth(v, a) != depth(v, b) ? depth(v, a) > depth(v, b) : v.posts[static_cast<std::size_t>(a)].id < v.posts[static_cast<std::size_t>(b)].id;
  });
  return posts;
}

// The lowest posts that may: each with no other such post below it, by rank.
std::vector<int> lowest_of(const Version& v, const std::vector<bool>& may) {
  std::vector<int> out;
  for (int c = 0; c < static_cast<int>(may.size()); ++c) {
    if (!may[static_cast<std::size_t>(c)]) continue;
    bool has_lower = false;
    for (int m = 0; m < static_cast<int>(may.size()); ++m) has_lower = has_lower || (may[static_cast<std::size_t>(m)] && above(v, c, m));
    if (!has_lower) out.push_back(c);
  }
  return by_rank(v, out);
}

// ---- one complete set of facts ----------------------------------------------

struct Answer {
  Outcome outcome = Outcome::no_authority;
  std::vector<bool> may;
  std::set<int> cited;
  std::set<int> requirements;
  bool operator==(const Answer&) const = default;
};

Answer decide(const Decision& d, const Facts& facts) {
  const Version& v = *d.version;
  const std::string& kind = v.kinds[static_cast<std::size_t>(d.kind)];
  const std::size_t n = v.provisions.size();
  auto provision = [&](int p) -> const Provision& { return v.provisions[static_cast<std::size_t>(p)]; };

  std::vector<bool> applies(n);
  for (std::size_t p = 0; p < n; ++p) {
    const Provision& pr = v.provisions[p];
    applies[p] = matches(pr, kind) && (!pr.when || holds(v, *pr.when, facts));
  }
  // §3.6: a provision in effect sets aside those it overrides. Priorities are
  // acyclic, so iterating from "all applicable" reaches the one fixed point
  // (after at most as many rounds as the longest chain of `overrides`).
  std::vector<bool> in_effect = applies;
  while (true) {
    std::vector<bool> next = applies;
    for (std::size_t q = 0; q < n; ++q)
      if (in_effect[q])
        for (int target : v.provisions[q].overrides) next[static_cast<std::size_t>(target)] = false;
    if (next == in_effect) break;
    in_effect = std::move(next);
  }
  std::vector<int> reserved, escalations, powers, prohibitions;
  Answer a;
  for (std::size_t p = 0; p < n; ++p) {
    if (!in_effect[p]) continue;
    switch (v.provisions[p].kind) {
      case ProvisionKind::reserved: reserved.push_back(static_cast<int>(p)); break;
      case ProvisionKind::escalation: escalations.push_back(static_cast<int>(p)); break;
      case ProvisionKind::power: powers.push_back(static_cast<int>(p)); break;
      case ProvisionKind::requirement: a.requirements.insert(static_cast<int>(p)); break;
      case ProvisionKind::prohibition: prohibitions.push_back(static_cast<int>(p)); break;
      case ProvisionKind::stand_in: break;  // the reference has no stand-ins
    }
  }
  auto post_of = [&](int p) { return provision(p).sole_post(); };
  auto priority = [&](int p, int q) {
    const auto& op = provision(p).overrides;
    const auto& oq = provision(q).overrides;
    return std::find(op.begin(), op.end(), q) != op.end() || std::find(oq.begin(), oq.end(), p) != oq.end();
  };
  // §3.6: applicable provisions that disagree, with no priority between them.
  std::vector<int> conflicting;
  for (int p : reserved)
    for (int q : reserved)
      if (p < q && post_of(p) != post_of(q) && !priority(p, q)) conflicting.insert(conflicting.end(), {p, q});
  // A prohibition ranks with reserved matters: meeting one, it disagrees.
  for (int p : reserved)
    for (int q : prohibitions)
      if (!priority(p, q)) conflicting.insert(conflicting.end(), {p, q});
  if (conflicting.empty() && !prohibitions.empty()) {
    // No post may, whatever the powers say; no papers are asked for.
    a.may.assign(v.posts.size(), false);
    a.outcome = Outcome::not_authorised;
    a.cited.insert(prohibitions.begin(), prohibitions.end());
    a.requirements.clear();
    return a;
  }
  if (reserved.empty())
    for (int p : escalations)
      for (int q : escalations)
        if (p < q && post_of(p) != post_of(q) && !above(v, post_of(p), post_of(q)) && !above(v, post_of(q), post_of(p)) && !priority(p, q))
          conflicting.insert(conflicting.end(), {p, q});

  a.may.assign(v.posts.size(), false);
  const int approver = d.approver.empty() ? -1 : d.approver.front().post;  // the reference knows one signatory
  auto set_aside_by_escalation = [&](int post) {
    return std::any_of(escalations.begin(), escalations.end(), [&](int e) { return above(v, post_of(e), post); });
  };
  if (!reserved.empty()) {
    for (int p : reserved) a.may[static_cast<std::size_t>(post_of(p))] = true;  // §3.3: only the named post
  } else {
    for (int e : escalations)  // §3.4: the named post and those above it
      for (int at = post_of(e); at >= 0; at = v.posts[static_cast<std::size_t>(at)].parent) a.may[static_cast<std::size_t>(at)] = true;
    for (int p : powers)  // §3.5: the holder and those above it, unless below an escalation
      for (int at = post_of(p); at >= 0; at = v.posts[static_cast<std::size_t>(at)].parent)
        if (!set_aside_by_escalation(at)) a.may[static_cast<std::size_t>(at)] = true;
  }
  const bool any_may = std::find(a.may.begin(), a.may.end(), true) != a.may.end();
  if (!conflicting.empty()) a.outcome = Outcome::undetermined;
  else if (reserved.empty() && escalations.empty() && powers.empty()) a.outcome = Outcome::no_authority;  // §3.7
  else if (approver < 0) a.outcome = any_may ? Outcome::authorised : Outcome::no_authority;
  else a.outcome = a.may[static_cast<std::size_t>(approver)] ? Outcome::authorised : Outcome::not_authorised;

  // What is cited: the conflict; the reserved matter; for a yes, the powers and
  // escalations that reach the approver (its own, if it has any, else those
  // of posts below it that it holds as a delegator); for `who`, every power and
  // escalation that gives a post authority; for a no, what puts the matter
  // with the lowest post that may.
  auto reaching = [&](int post) {
    std::set<int> own, delegated;
    if (set_aside_by_escalation(post)) return own;
    for (const auto* group : {&escalations, &powers})
      for (int p : *group) {
        if (post_of(p) == post) own.insert(p);
        else if (above(v, post, post_of(p))) delegated.insert(p);
      }
    return own.empty() ? delegated : own;
  };
  const std::vector<int> lowest = lowest_of(v, a.may);
  if (a.outcome == Outcome::undetermined) {
    a.cited.insert(conflicting.begin(), conflicting.end());
  } else if (!reserved.empty()) {
    a.cited.insert(reserved.begin(), reserved.end());
  } else if (a.outcome == Outcome::authorised && approver >= 0) {
    a.cited = reaching(approver);
  } else if (approver < 0) {
    a.cited.insert(escalations.begin(), escalations.end());
    for (int p : powers)
      if (a.may[static_cast<std::size_t>(post_of(p))]) a.cited.insert(p);
  } else if (!lowest.empty()) {
    a.cited.insert(escalations.begin(), escalations.end());
    for (int low : lowest) {
      const std::set<int> r = reaching(low);
      a.cited.insert(r.begin(), r.end());
    }
  }
  return a;
}

// ---- §3.2: missing facts -----------------------------------------------------

// Values that between them meet every region the version's conditions can
// tell apart: each constant, one either side, and the ends of the range.
std::vector<Value> representatives(const Version& v, int fact) {
  const FactDef& f = v.facts[static_cast<std::size_t>(fact)];
  std::vector<Value> out;
  switch (f.type) {
    case FactType::flag: return {Value{0, {}}, Value{1, {}}};
    case FactType::enumeration:
      for (std::int64_t m = 0; m < static_cast<std::int64_t>(f.members.size()); ++m) out.push_back(Value{m, {}});
      return out;
    default: break;
  }
  const std::vector<Value> constants = constants_by_fact(v)[static_cast<std::size_t>(fact)];
  if (f.type == FactType::text) {
    std::set<std::string> texts{"\x02 a text no condition names"};
    for (const Value& c : constants) texts.insert(c.text);
    for (const std::string& t : texts) out.push_back(Value{0, t});
    return out;
  }
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min(), max = std::numeric_limits<std::int64_t>::max();
  const std::int64_t low = f.type == FactType::money ? 0 : min;  // decisions never carry negative money
  std::set<std::int64_t> xs{low, max};
  for (const Value& c : constants) {
    xs.insert(c.number);
    if (c.number > low) xs.insert(c.number - 1);
    if (c.number < max) xs.insert(c.number + 1);
  }
  for (std::int64_t x : xs)
    if (x >= low) out.push_back(Value{x, {}});
  return out;
}

void facts_used(const Condition& c, std::set<int>& out) {
  if (c.kind == Condition::Kind::test) out.insert(c.fact);
  for (const Condition& o : c.operands) facts_used(o, out);
}

bool in_evidence(const std::vector<std::string>& evidence, const std::string& item) {
  // Lower case, no blanks at the ends, one space between words.
  auto normal = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == ' ' || c == '\t') {
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
        continue;
      }
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  const std::string want = normal(item);
  for (const std::string& e : evidence) {
    const std::string got = normal(e);
    if (got == want) return true;
    // The item, then a note after a colon.
    if (got.rfind(want, 0) == 0) {
      std::string rest = got.substr(want.size());
      if (!rest.empty() && rest.front() == ' ') rest.erase(rest.begin());
      if (!rest.empty() && rest.front() == ':') return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::vector<Value>> constants_by_fact(const Version& v) {
  std::vector<std::vector<Value>> out(v.facts.size());
  std::vector<const Condition*> pending;  // every condition of every provision, walked without recursion
  for (const Provision& p : v.provisions)
    if (p.when) pending.push_back(&*p.when);
  while (!pending.empty()) {
    const Condition* c = pending.back();
    pending.pop_back();
    if (c->kind == Condition::Kind::test) out[static_cast<std::size_t>(c->fact)].insert(out[static_cast<std::size_t>(c->fact)].end(), c->values.begin(), c->values.end());
    for (const Condition& o : c->operands) pending.push_back(&o);
  }
  return out;
}

Verdict evaluate(const Decision& d) {
  const Version& v = *d.version;
  const std::string& kind = v.kinds[static_cast<std::size_t>(d.kind)];
  std::set<int> used;
  double provisions = 0;  // for the kind
  for (const Provision& p : v.provisions) {
    if (!matches(p, kind)) continue;
    ++provisions;
    if (p.when) facts_used(*p.when, used);
  }
  std::vector<int> missing;
  for (int f : used)
    if (!d.facts[static_cast<std::size_t>(f)]) missing.push_back(f);

  Verdict out;
  for (int f : missing) out.missing_facts.push_back(v.facts[static_cast<std::size_t>(f)].name);
  std::vector<std::vector<Value>> choices;
  double cases = 1;
  for (int f : missing) {
    choices.push_back(representatives(v, f));
    cases *= static_cast<double>(choices.back().size());
  }
  // The engine's limits: 4,096 combinations, and combinations × provisions²
  // up to 4,096 × 64².
  if (cases > 4096 || (cases > 1 && cases * std::max(provisions * provisions, 1.0) > 4096.0 * 64 * 64)) {
    out.outcome = Outcome::undetermined;
    out.too_many_cases = true;
    return out;
  }
  // Every combination: the answer stands only if it is the same in all.
  std::vector<Answer> answers;
  Facts facts = d.facts;
  std::vector<std::size_t> at(missing.size(), 0);
  for (bool more = true; more;) {
    for (std::size_t i = 0; i < missing.size(); ++i) facts[static_cast<std::size_t>(missing[i])] = choices[i][at[i]];
    answers.push_back(decide(d, facts));
    more = false;
    for (std::size_t i = 0; i < at.size() && !more; ++i) {
      if (++at[i] < choices[i].size()) more = true;
      else at[i] = 0;
    }
  }
  const bool same = std::all_of(answers.begin(), answers.end(), [&](const Answer& a) { return a.outcome == answers[0].outcome; });
  out.outcome = same ? answers[0].outcome : Outcome::undetermined;

  std::vector<bool> always(v.posts.size(), true), sometimes(v.posts.size(), false);
  std::set<int> requirements, cited_everywhere, cited_somewhere;
  bool first = true;
  for (const Answer& a : answers) {
    for (std::size_t p = 0; p < v.posts.size(); ++p) {
      always[p] = always[p] && a.may[p];
      sometimes[p] = sometimes[p] || a.may[p];
    }
    requirements.insert(a.requirements.begin(), a.requirements.end());
    // Cited: what decides in every case (of those with the verdict's outcome,
    // or in conflict); failing that, what decides in any.
    if (same || a.outcome == Outcome::undetermined) {
      if (first) cited_everywhere = a.cited;
      else std::erase_if(cited_everywhere, [&](int p) { return !a.cited.count(p); });
      cited_somewhere.insert(a.cited.begin(), a.cited.end());
      first = false;
    }
  }
  std::set<int> cited = cited_everywhere.empty() ? cited_somewhere : cited_everywhere;
  std::vector<int> all_posts(v.posts.size());
  for (std::size_t p = 0; p < all_posts.size(); ++p) all_posts[p] = static_cast<int>(p);
  for (int p : by_rank(v, all_posts)) {
    if (always[static_cast<std::size_t>(p)]) out.may_approve.push_back({v.posts[static_cast<std::size_t>(p)].id});
    else if (sometimes[static_cast<std::size_t>(p)]) out.may_approve_if.push_back({v.posts[static_cast<std::size_t>(p)].id});
  }
  const std::vector<int> lowest = lowest_of(v, always);
  for (int low : lowest) out.lowest.push_back({v.posts[static_cast<std::size_t>(low)].id});
  // Missing facts are named when they change the outcome or who may approve.
  if (same && out.may_approve_if.empty()) out.missing_facts.clear();
  // `who` with facts missing that change who may approve cites what the lowest post would be cited under
  // as the approver, keeping its own provisions when it has any there.
  if (d.approver.empty() && !out.may_approve_if.empty() && same && out.outcome == Outcome::authorised && lowest.size() == 1) {
    Decision as_lowest = d;
    as_lowest.approver = {Signatory{lowest.front(), -1}};
    std::set<int> own, all;
    for (const std::string& para : reference::evaluate(as_lowest).cited) {
      const int p = v.find_para(para);
      all.insert(p);
      if (v.provisions[static_cast<std::size_t>(p)].sole_post() == lowest.front()) own.insert(p);
    }
    cited = own.empty() ? all : own;
  }
  for (int p : cited) out.cited.push_back(v.provisions[static_cast<std::size_t>(p)].para);

  // §3.8: papers required by the applicable `requires`, and the duties of the
  // powers the approver relies on: a duty travels with its power to a post
  // above that uses it, but a report is not owed to the approver itself or to
  // a post below it.
  for (int p : requirements)
    for (const std::string& item : v.provisions[static_cast<std::size_t>(p)].items)
      out.requirements.push_back({item, in_evidence(d.evidence, item) ? RequirementState::met : RequirementState::missing,
                                  v.provisions[static_cast<std::size_t>(p)].para, false});
  const int approver = d.approver.empty() ? -1 : d.approver.front().post;
  if (out.outcome == Outcome::authorised && approver >= 0)
    for (int p : cited) {
      const Provision& pr = v.provisions[static_cast<std::size_t>(p)];
      for (std::size_t i = 0; i < pr.duties.size(); ++i) {
        const int to = pr.duty_posts[i];
        if (to >= 0 && (to == approver || above(v, approver, to))) continue;
        out.requirements.push_back(
            {pr.duties[i], in_evidence(d.evidence, pr.duties[i]) ? RequirementState::met : RequirementState::not_evidenced, pr.para, true});
      }
    }
  return out;
}

const Version* version_in_force(const Scheme& scheme, Date day) {
  for (std::size_t i = 0; i < scheme.versions.size(); ++i) {
    const Version& v = scheme.versions[i];
    std::optional<Date> last = v.until;
    if (!last && i + 1 < scheme.versions.size()) last = Date{scheme.versions[i + 1].from.days - 1};
    if (v.from <= day && (!last || day <= *last)) return &v;
  }
  return nullptr;
}

}  // namespace remit::reference
