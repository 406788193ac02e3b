#include "analyse/diff.hpp"

#include <algorithm>

#include "model/names.hpp"

namespace remit::analyse {
namespace {

std::string op_text(CompareOp op) {
  switch (op) {
    case CompareOp::lt: return "<";
    case CompareOp::le: return "<=";
    case CompareOp::gt: return ">";
    case CompareOp::ge: return ">=";
    case CompareOp::eq: return "=";
    case CompareOp::ne: return "!=";
    case CompareOp::between: return "between";
    case CompareOp::in: return "in";
    case CompareOp::not_in: return "not in";
    case CompareOp::is_true: return "";
  }
  return "?";
}

// From the model, not the source, so that `£500k` and `£500,000` read alike.
std::string condition_text(const Version& v, const Condition& c) {
  auto operand = [&](const Condition& o, bool inside_all_of) {
    const bool group = o.kind == Condition::Kind::any_of || (o.kind == Condition::Kind::all_of && !inside_all_of);
    return group ? "(" + condition_text(v, o) + ")" : condition_text(v, o);
  };
  switch (c.kind) {
    case Condition::Kind::all_of:
    case Condition::Kind::any_of: {
      const bool all = c.kind == Condition::Kind::all_of;
      std::vector<std::string> parts;
      for (const Condition& o : c.operands) parts.push_back(operand(o, all));
      return join(parts, all ? " and " : " or ");
    }
    case Condition::Kind::negation: {
      const Condition& o = c.operands.at(0);
      return "not " + (o.kind == Condition::Kind::test ? condition_text(v, o) : "(" + condition_text(v, o) + ")");
    }
    case Condition::Kind::test: break;
  }
  const FactDef& f = v.facts[static_cast<std::size_t>(c.fact)];
  std::vector<std::string> values;
  for (const Value& x : c.values) values.push_back(format_value(f, x));
  switch (c.op) {
    case CompareOp::is_true: return f.name;
    case CompareOp::between: return f.name + " between " + values.at(0) + " and " + values.at(1);
    case CompareOp::in:
    case CompareOp::not_in: return f.name + " " + op_text(c.op) + " {" + join(values, ", ") + "}";
    default: return f.name + " " + op_text(c.op) + " " + values.at(0);
  }
}

// Items in `a` that are not in `b`, in `a`'s order.
std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
  return out;
}

template <typename Named>
void added_and_removed(const std::vector<Named>& before, const std::vector<Named>& after, std::string (*name)(const Named&),
                       std::vector<std::string>& added, std::vector<std::string>& removed) {
  std::vector<std::string> a, b;
  for (const Named& x : before) a.push_back(name(x));
  for (const Named& x : after) b.push_back(name(x));
  added = minus(b, a);
  removed = minus(a, b);
}

std::string post_name(const Post& p) { return p.id; }
std::string kind_name(const std::string& k) { return k; }
std::string fact_name(const FactDef& f) { return f.name + ": " + std::string(fact_type_name(f.type)); }

// The change from one answer to another, reduced to what a reader needs:
// where the lowest post stayed, only the paragraphs, duties and papers
// dropped and added; so that regions that changed alike compare equal.
AnswerChange change(const std::optional<Answer>& x, const std::optional<Answer>& y) {
  AnswerChange c;
  c.before = x;
  c.after = y;
  const Answer none;
  const Answer& a = x ? *x : none;
  const Answer& b = y ? *y : none;
  c.papers_dropped = minus(a.papers, b.papers);
  c.papers_added = minus(b.papers, a.papers);
  if (x && y && a.outcome == b.outcome && a.lowest == b.lowest) {
    c.paras_dropped = minus(a.paras, b.paras);
    c.paras_added = minus(b.paras, a.paras);
    c.duties_dropped = minus(a.duties, b.duties);
    c.duties_added = minus(b.duties, a.duties);
    for (auto* side : {&c.before, &c.after}) (*side)->paras.clear(), (*side)->duties.clear();
  }
  for (auto* side : {&c.before, &c.after})
    if (*side) (*side)->papers.clear();
  return c;
}

bool same_change(const AnswerChange& a, const AnswerChange& b) {
  return a.before == b.before && a.after == b.after && a.paras_dropped == b.paras_dropped && a.paras_added == b.paras_added &&
         a.duties_dropped == b.duties_dropped && a.duties_added == b.duties_added && a.papers_dropped == b.papers_dropped &&
         a.papers_added == b.papers_added;
}

}  // namespace

std::string rule_text(const Version& v, const Provision& p) {
  std::vector<std::string> kinds;
  for (const std::string& k : p.kind_patterns) kinds.push_back(k == "*" ? "any decision" : k);
  const std::string what = join(kinds, ", ");
  // The approver in the rule language: `CE and NED or FD and NED` (`and`
  // binds tighter than `or`), `FD or above and NED`.
  std::string post;
  for (const SignatorySet& set : p.approver) {
    if (!post.empty()) post += " or ";
    for (std::size_t i = 0; i < set.size(); ++i)
      post += (i ? " and " : "") + v.posts[static_cast<std::size_t>(set[i].post)].id + (set[i].or_above && set.size() > 1 ? " or above" : "");
  }
  std::string out;
  switch (p.kind) {
    case ProvisionKind::power: out = post + " may approve " + what; break;
    case ProvisionKind::stand_in:
      out = "in the absence of " + v.posts[static_cast<std::size_t>(p.absent)].id + ": " + post + " may act for " + what;
      break;
    case ProvisionKind::escalation: out = post + " must approve " + what; break;
    case ProvisionKind::reserved: out = "reserved to " + post + ": " + what; break;
    case ProvisionKind::prohibition: out = "no post may approve " + what; break;
    case ProvisionKind::requirement: {
      std::vector<std::string> items;
      for (const std::string& i : p.items) items.push_back("\"" + i + "\"");
      out = "requires " + join(items, ", ") + " for " + what;
      break;
    }
  }
  if (p.when) out += " when " + condition_text(v, *p.when);
  for (std::size_t i = 0; i < p.duties.size(); ++i)
    out += " and must " + (p.duty_posts[i] >= 0 ? p.duties[i] : "\"" + p.duties[i] + "\"");
  if (!p.overrides.empty()) {
    std::vector<std::string> over;
    for (int o : p.overrides) over.push_back(v.provisions[static_cast<std::size_t>(o)].para);
    out += " (overrides " + join(over, ", ") + ")";
  }
  return out;
}

Diff diff_versions(const Version& before, const Version& after, std::size_t limit) {
  Diff d;
  d.before = &before;
  d.after = &after;
  added_and_removed(before.posts, after.posts, post_name, d.posts_added, d.posts_removed);
  added_and_removed(before.kinds, after.kinds, kind_name, d.kinds_added, d.kinds_removed);
  added_and_removed(before.facts, after.facts, fact_name, d.facts_added, d.facts_removed);
  for (const Provision& p : before.provisions) {
    const int q = after.find_para(p.para);
    if (q < 0) {
      d.removed.push_back({p.para, &p, nullptr});
      continue;
    }
    const Provision& now = after.provisions[static_cast<std::size_t>(q)];
    if (rule_text(before, p) != rule_text(after, now)) d.changed_meaning.push_back({p.para, &p, &now});
    else if (p.words != now.words) d.reworded.push_back({p.para, &p, &now});
  }
  for (const Provision& p : after.provisions)
    if (before.find_para(p.para) < 0) d.added.push_back({p.para, nullptr, &p});

  std::vector<std::string> kinds = before.kinds;
  for (const std::string& k : after.kinds)
    if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
  for (const std::string& kind : kinds) {
    std::string error;
    const auto t = Tabulation::make({&before, &after}, kind, limit, error);
    if (!t) {
      d.not_compared.push_back(error);
      continue;
    }
    // The change in every cell; bands join the cells that change alike.
    std::vector<std::vector<AnswerChange>> cells(t->bands());
    std::vector<std::vector<char>> changed(t->bands());
    for (std::size_t b = 0; b < t->bands(); ++b)
      for (std::size_t c = 0; c < t->cases(); ++c) {
        const auto& x = t->at(0, b, c);
        const auto& y = t->at(1, b, c);
        changed[b].push_back(!(x == y));
        cells[b].push_back(change(x, y));
      }
    const auto runs = t->band_runs([&](std::size_t a, std::size_t b) {
      for (std::size_t c = 0; c < t->cases(); ++c)
        if (changed[a][c] != changed[b][c] || (changed[a][c] && !same_change(cells[a][c], cells[b][c]))) return false;
      return true;
    });
    for (const auto& [first, last] : runs) {
      std::vector<char> done(t->cases(), 0);
      for (std::size_t c = 0; c < t->cases(); ++c) {
        if (!changed[first][c] || done[c]) continue;
        // Every case that changed in the same way, and where that is.
        std::vector<char> in(t->cases(), 0);
        for (std::size_t e = 0; e < t->cases(); ++e) {
          if (!t->at(0, first, e) && !t->at(1, first, e)) in[e] = 2;  // no decision falls there
          if (changed[first][e] && same_change(cells[first][c], cells[first][e])) in[e] = 1, done[e] = 1;
        }
        AnswerChange out = cells[first][c];
        out.kind = kind;
        out.band = t->band_text(first, last);
        out.when = t->describe_cases(in);
        out.first_band = first;
        out.last_band = last;
        out.cases = std::move(in);
        d.changes.push_back(std::move(out));
      }
    }
  }
  return d;
}

}  // namespace remit::analyse
