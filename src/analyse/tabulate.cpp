#include "analyse/tabulate.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "model/names.hpp"

namespace remit::analyse {

Decision who_question(const Version& v, int kind, const std::vector<std::optional<Value>>& facts) {
  Decision d;
  d.version = &v;
  d.kind = kind;
  d.date = v.from;
  d.facts = facts;
  return d;
}

Answer answer(const Version& v, int kind, const std::vector<std::optional<Value>>& facts) {
  Decision d = who_question(v, kind, facts);
  const Verdict who = evaluate(d);
  Answer a;
  a.outcome = who.outcome;
  a.lowest = who.lowest;
  // Up the chain from the lowest, the nearest first: as `who` orders them,
  // by rank then id, never by the order of declaration.
  for (const PostSet& set : who.may_approve)
    if (std::find(a.lowest.begin(), a.lowest.end(), set) == a.lowest.end()) a.others.push_back(set);
  for (const RequirementStatus& r : who.requirements)
    if (!r.is_duty) a.papers.push_back(r.item + " (para " + r.para + ")");
  if (a.lowest.empty() || who.outcome != Outcome::authorised) {
    for (const Citation& c : who.provisions) a.paras.push_back(c.para);
    return a;
  }
  // Each lowest set as the approver: the paragraphs it would act under, and
  // the duties that go with them (evaluate's rules for both).
  for (const PostSet& set : a.lowest) {
    d.approver.clear();
    for (const std::string& id : set) d.approver.push_back(Signatory{v.find_post(id), -1});
    const Verdict by_lowest = evaluate(d);
    for (const Citation& c : by_lowest.provisions)
      if (std::find(a.paras.begin(), a.paras.end(), c.para) == a.paras.end()) a.paras.push_back(c.para);
    for (const RequirementStatus& r : by_lowest.requirements)
      if (r.is_duty && std::find(a.duties.begin(), a.duties.end(), r.item) == a.duties.end()) a.duties.push_back(r.item);
  }
  return a;
}

namespace {

struct JointFact {
  FactDef def;
  std::vector<Value> constants;
};

}  // namespace

std::optional<Tabulation> Tabulation::make(const std::vector<const Version*>& sides, const std::string& kind, std::size_t limit,
                                           std::string& error) {
  Tabulation t;
  // The facts any side's conditions use for the kind, joined by name.
  std::vector<JointFact> joint;
  for (const Version* v : sides) {
    const int k = v->find_kind(kind);
    if (k < 0) continue;
    std::vector<std::vector<Value>> constants;
    std::vector<char> used;
    space::collect_constants(*v, k, constants, used);
    for (std::size_t f = 0; f < v->facts.size(); ++f) {
      if (!used[f]) continue;
      const FactDef& def = v->facts[f];
      auto it = std::find_if(joint.begin(), joint.end(), [&](const JointFact& j) { return j.def.name == def.name; });
      if (it == joint.end()) {
        joint.push_back(JointFact{def, {}});
        it = joint.end() - 1;
      } else if (it->def.type != def.type) {
        error = "the fact `" + def.name + "` is " + std::string(fact_type_name(it->def.type)) + " in one version and " +
                std::string(fact_type_name(def.type)) + " in the other, so `" + kind + "` cannot be compared";
        return std::nullopt;
      }
      for (const std::string& m : def.members)
        if (std::find(it->def.members.begin(), it->def.members.end(), m) == it->def.members.end()) it->def.members.push_back(m);
      it->constants.insert(it->constants.end(), constants[f].begin(), constants[f].end());
    }
  }
  const auto money = std::find_if(joint.begin(), joint.end(), [](const JointFact& j) { return j.def.type == FactType::money; });
  t.has_band_ = money != joint.end();
  if (t.has_band_) std::rotate(joint.begin(), money, money + 1);
  for (std::size_t i = 0; i < joint.size(); ++i) {
    t.facts_.push_back(joint[i].def);
    t.axes_.push_back(space::make_axis(static_cast<int>(i), joint[i].def, joint[i].constants));
  }
  std::size_t cells = 1;
  for (std::size_t i = 0; i < t.axes_.size(); ++i) {
    if (cells > limit / std::max<std::size_t>(1, t.axes_[i].cells)) {
      error = "`" + kind + "` has more than " + std::to_string(limit) + " distinct cases to tabulate";
      return std::nullopt;
    }
    cells *= t.axes_[i].cells;
    (t.has_band_ && i == 0 ? t.band_cells_ : t.cases_) *= t.axes_[i].cells;
  }
  for (const Version* v : sides) {
    std::vector<std::optional<Answer>> out(cells);
    const int k = v->find_kind(kind);
    if (k >= 0) {
      std::vector<int> index;  // joint fact -> this version's fact, or -1
      for (const FactDef& f : t.facts_) {
        const int i = v->find_fact(f.name);
        index.push_back(i >= 0 && v->facts[static_cast<std::size_t>(i)].type == f.type ? i : -1);
      }
      for (std::size_t cell = 0; cell < cells; ++cell) {
        std::vector<std::optional<Value>> facts(v->facts.size());
        bool expressible = true;
        std::size_t rest = cell;
        for (std::size_t i = t.axes_.size(); i-- > 0;) {
          const std::size_t at = rest % t.axes_[i].cells;
          rest /= t.axes_[i].cells;
          if (t.axes_[i].empty(at)) expressible = false;
          if (index[i] < 0 || !expressible) continue;
          Value x = t.axes_[i].witness(at, space::value_floor(t.axes_[i].type));
          if (t.facts_[i].type == FactType::enumeration) {
            const auto& members = v->facts[static_cast<std::size_t>(index[i])].members;
            const auto m = std::find(members.begin(), members.end(), t.facts_[i].members[at]);
            if (m == members.end()) expressible = false;
            x.number = m - members.begin();
          }
          facts[static_cast<std::size_t>(index[i])] = x;
        }
        if (expressible) out[cell] = answer(*v, k, facts);
      }
    }
    t.answers_.push_back(std::move(out));
  }
  return t;
}

std::optional<std::pair<std::size_t, std::size_t>> Tabulation::locate(const std::vector<std::pair<std::string, Value>>& facts) const {
  std::size_t band = 0, c = 0;
  for (std::size_t i = 0; i < axes_.size(); ++i) {
    const auto it = std::find_if(facts.begin(), facts.end(), [&](const auto& f) { return f.first == facts_[i].name; });
    if (it == facts.end()) return std::nullopt;
    const std::size_t at = axes_[i].locate(it->second);
    if (has_band_ && i == 0) band = at;
    else c = c * axes_[i].cells + at;
  }
  return std::pair{band, c};
}

bool Tabulation::empty_band(std::size_t band) const { return has_band_ && axes_.front().empty(band); }

std::string Tabulation::band_text(std::size_t first, std::size_t last) const {
  return has_band_ ? axes_.front().band(first, last, facts_.front()) : "any amount";
}

bool Tabulation::same_cases(std::size_t a, std::size_t b, bool (*same)(const Answer&, const Answer&)) const {
  for (std::size_t s = 0; s < sides(); ++s)
    for (std::size_t c = 0; c < cases_; ++c) {
      const auto& x = at(s, a, c);
      const auto& y = at(s, b, c);
      if (x.has_value() != y.has_value() || (x && !same(*x, *y))) return false;
    }
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> Tabulation::band_runs(const std::function<bool(std::size_t, std::size_t)>& alike) const {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::size_t b = 0; b < band_cells_; ++b) {
    if (empty_band(b)) continue;
    if (!runs.empty() && alike(runs.back().second, b)) runs.back().second = b;
    else runs.push_back({b, b});
  }
  return runs;
}

std::vector<std::size_t> Tabulation::case_coordinates(std::size_t c) const {
  const std::size_t first = has_band_ ? 1 : 0;
  std::vector<std::size_t> out(axes_.size() - first);
  for (std::size_t i = out.size(); i-- > 0;) {
    out[i] = c % axes_[first + i].cells;
    c /= axes_[first + i].cells;
  }
  return out;
}

std::size_t Tabulation::usual_case(std::size_t side, std::size_t band, bool (*same)(const Answer&, const Answer&)) const {
  const std::size_t first = has_band_ ? 1 : 0;
  // The usual case is one with the fewest flags set (all false, where that
  // can be); but not a prohibited one where some case is not: SGUL's "only
  // from one's own budget" makes `own_budget` false prohibited, and a row
  // that read "no post: prohibited" would hide the limits.
  auto prohibited = [&](std::size_t c) { return at(side, band, c)->outcome == Outcome::not_authorised; };
  bool some_allowed = false;
  for (std::size_t c = 0; c < cases_; ++c)
    if (at(side, band, c) && !prohibited(c)) some_allowed = true;
  auto flags_set = [&](std::size_t c) {
    const auto at_case = case_coordinates(c);
    std::size_t n = 0;
    for (std::size_t i = 0; i < at_case.size(); ++i)
      if (axes_[first + i].type == FactType::flag && at_case[i] != 0) ++n;
    return n;
  };
  std::vector<std::size_t> usual;
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  for (std::size_t c = 0; c < cases_; ++c) {
    if (!at(side, band, c) || (some_allowed && prohibited(c))) continue;
    const std::size_t n = flags_set(c);
    if (n < fewest) fewest = n, usual.clear();
    if (n == fewest) usual.push_back(c);
  }
  // Ties go to the answer of more cases in all (an enumeration has no usual member).
  auto count = [&](std::size_t c, const std::vector<std::size_t>& among) {
    return static_cast<std::size_t>(std::count_if(among.begin(), among.end(), [&](std::size_t d) {
      return at(side, band, d) && same(*at(side, band, c), *at(side, band, d));
    }));
  };
  std::vector<std::size_t> all(cases_);
  for (std::size_t c = 0; c < cases_; ++c) all[c] = c;
  std::size_t best = usual.empty() ? 0 : usual.front();
  std::pair<std::size_t, std::size_t> best_count{0, 0};
  for (std::size_t c : usual)
    if (const std::pair n{count(c, usual), count(c, all)}; n > best_count) best = c, best_count = n;
  return best;
}

std::string Tabulation::describe_cases(const std::vector<char>& in) const {
  // in: 1 in the set, 0 outside it, anything else does not matter (cells no decision can fall in).
  const std::size_t first = has_band_ ? 1 : 0;
  const std::size_t n = axes_.size() - first;
  using Box = std::vector<std::pair<std::size_t, std::size_t>>;
  auto index = [&](const std::vector<std::size_t>& at) {
    std::size_t c = 0;
    for (std::size_t i = 0; i < n; ++i) c = c * axes_[first + i].cells + at[i];
    return c;
  };
  auto for_each = [&](const Box& box, auto&& f) {
    std::vector<std::size_t> at(n);
    for (std::size_t i = 0; i < n; ++i) at[i] = box[i].first;
    while (true) {
      if (!f(index(at))) return false;
      std::size_t i = n;
      while (i-- > 0) {
        if (++at[i] <= box[i].second) break;
        at[i] = box[i].first;
      }
      if (i == static_cast<std::size_t>(-1)) return true;
    }
  };
  auto inside = [&](const Box& box) { return for_each(box, [&](std::size_t c) { return in[c] != 0; }); };
  std::vector<char> covered(cases_, 0);
  std::vector<Box> boxes;
  for (std::size_t c = 0; c < cases_; ++c) {
    if (in[c] != 1 || covered[c]) continue;
    const auto at = case_coordinates(c);
    Box box;
    for (std::size_t i = 0; i < n; ++i) box.push_back({at[i], at[i]});
    for (std::size_t i = 0; i < n; ++i) {
      Box wide = box;
      wide[i] = {0, axes_[first + i].cells - 1};
      if (inside(wide)) {
        box = wide;
        continue;
      }
      while (box[i].first > 0) {
        Box lower = box;
        --lower[i].first;
        if (!inside(lower)) break;
        box = lower;
      }
      while (box[i].second + 1 < axes_[first + i].cells) {
        Box upper = box;
        ++upper[i].second;
        if (!inside(upper)) break;
        box = upper;
      }
    }
    for_each(box, [&](std::size_t d) {
      covered[d] = 1;
      return true;
    });
    boxes.push_back(box);
  }
  // Boxes on earlier axes first, as the rules declare their facts.
  auto first_limited = [&](const Box& b) {
    for (std::size_t i = 0; i < n; ++i)
      if (b[i].first != 0 || b[i].second + 1 != axes_[first + i].cells) return std::pair{i, b[i].first};
    return std::pair{n, std::size_t{0}};
  };
  std::stable_sort(boxes.begin(), boxes.end(), [&](const Box& a, const Box& b) { return first_limited(a) < first_limited(b); });
  auto part = [&](const Box& b, std::size_t i) { return axes_[first + i].condition(b[i].first, b[i].second, facts_[first + i]); };
  // What every box says alike is said once: "not unusual_features and (novel or contentious)".
  std::vector<std::string> common;
  std::vector<char> shared(n, 0);
  for (std::size_t i = 0; i < n && boxes.size() > 1; ++i) {
    shared[i] = std::all_of(boxes.begin(), boxes.end(), [&](const Box& b) { return b[i] == boxes.front()[i]; });
    if (shared[i] && !part(boxes.front(), i).empty()) common.push_back(part(boxes.front(), i));
  }
  std::vector<std::string> terms;
  for (const Box& b : boxes) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < n; ++i)
      if (!shared[i] && !part(b, i).empty()) parts.push_back(part(b, i));
    if (parts.empty()) return join(common, " and ");
    terms.push_back(parts.size() > 1 && boxes.size() > 1 ? "(" + join(parts, " and ") + ")" : join(parts, " and "));
  }
  const std::string alternatives = join(terms, " or ");
  if (common.empty()) return alternatives;
  return join(common, " and ") + " and " + (terms.size() > 1 ? "(" + alternatives + ")" : alternatives);
}

}  // namespace remit::analyse
