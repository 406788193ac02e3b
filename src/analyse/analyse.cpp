#include "analyse/analyse.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "analyse/rules.hpp"
#include "model/json.hpp"
#include "model/names.hpp"
#include "remit/money.hpp"
#include "remit/remit.hpp"

namespace remit::analyse {

using space::Box;
using space::CompiledCondition;
using space::Probe;
using space::Run;
using space::Space;
using space::Step;
using space::Tri;
using space::Truth;
using space::both;
using space::either;
using space::negate;
using space::search;

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

const Provision& provision_at(const Version& v, int p) { return v.provisions[static_cast<std::size_t>(p)]; }
const std::string& post_id(const Version& v, int post) { return v.posts[static_cast<std::size_t>(post)].id; }
bool authority(const Provision& p) { return settles_authority(p.kind); }
bool ordered(FactType t) { return t == FactType::money || t == FactType::integer || t == FactType::date; }

std::string para_list(const Version& v, const std::vector<int>& ps) {
  std::vector<std::string> names;
  for (int p : ps) names.push_back(provision_at(v, p).para);
  return (names.size() == 1 ? "para " : "paras ") + join(names, ", ");
}

// "para 4.13 stops below it", "paras 4.13, 4.14 stop below it".
std::string clause(const Version& v, const std::vector<int>& ps, const std::string& one, const std::string& many) {
  return para_list(v, ps) + " " + (ps.size() == 1 ? one : many);
}

// One kind of one version: its space, cut also by the `known` statements
// that name the kind, whose conditions are compiled here.
struct KindContext {
  std::unique_ptr<Space> space;
  std::vector<int> known;                           // indices into Version::known (region form)
  std::vector<CompiledCondition> known_conditions;  // one per `known`
};

KindContext make_context(const Version& v, int kind) {
  KindContext k;
  std::vector<const Condition*> cuts;
  for (std::size_t i = 0; i < v.known.size(); ++i) {
    const Acknowledgement& a = v.known[i];
    if (std::find(a.kinds.begin(), a.kinds.end(), kind) == a.kinds.end()) continue;
    k.known.push_back(static_cast<int>(i));
    if (a.when) cuts.push_back(&*a.when);
  }
  k.space = std::make_unique<Space>(v, kind, cuts);
  for (int i : k.known) {
    const Acknowledgement& a = v.known[static_cast<std::size_t>(i)];
    k.known_conditions.push_back(a.when ? k.space->compile(*a.when) : CompiledCondition());
  }
  return k;
}

// Calls f with the evaluator's rules at one cell, where every condition is settled.
template <typename F>
auto at_cell(const Space& s, const Box& cell, F&& f) {
  const std::vector<Probe> probes = Rules::probes(s);
  std::vector<std::uint8_t> values(probes.size(), Truth::unknown);
  const Truth truth(probes, cell, values);
  Rules rules(s, truth);
  return f(rules);
}

// The reserved matters, escalations and powers in effect in one cell.
std::vector<int> in_effect(const Space& s, const Box& cell) {
  return at_cell(s, cell, [&](Rules& rules) {
    std::vector<int> out;
    for (std::size_t c = 0; c < s.candidates().size(); ++c)
      if (authority(s.provision(c)) && rules.effective(c) == Tri::yes) out.push_back(s.candidates()[c]);
    return out;
  });
}

// The nearest cell a decision can fall in from `cell` along an axis, one way.
std::optional<Box> step(const Space& s, Box cell, std::size_t axis, int direction) {
  const space::Axis& a = s.grid().axes[axis];
  std::int64_t c = cell[axis].first;
  for (c += direction; c >= 0 && c < static_cast<std::int64_t>(a.cells); c += direction)
    if (!a.empty(static_cast<std::size_t>(c))) {
      cell[axis] = Run{static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c)};
      return cell;
    }
  return std::nullopt;
}

// Whether one provision applies (in effect and not set aside, as
// Rules::applies) at some decision. Only the provisions that can meet it
// are followed: those that override it or, for a power, set it aside, and
// those that override them, each kept only when its condition can hold
// inside the box where the provision's own can (their hulls meet). The
// rest are false on the whole of that box, so the answer is the same as
// with every provision of the kind, and a search costs what the provision's
// neighbours cost, not what the kind's size does.
class Alone {
 public:
  Alone(const Space& s, std::size_t c) : s_(s) {
    const std::optional<Box>& hull = s.condition(c).hull();
    root_ = hull ? *hull : s.whole();
    include(c);
    for (std::size_t next = 0; next < members_.size(); ++next) {
      const std::size_t m = members_[next];
      for (std::size_t o : s.overriders(m)) include(o);
      if (next == 0 && s.provision(m).kind == ProvisionKind::power)
        for (std::size_t q : s.outrankers(m)) include(q);
    }
    for (std::size_t m : members_) probes_.push_back(Probe{&s.condition(m)});
  }

  bool applies_somewhere(std::size_t& boxes) {
    if (!meets(0)) return false;
    bool found = false;
    search(s_, root_, probes_, [&](const Box&, const Truth& truth, std::vector<std::size_t>& focus) {
      ++boxes;
      truth_ = &truth;
      std::fill(effective_.begin(), effective_.end(), unknown);
      const Tri a = applies();
      if (a == Tri::yes) found = true;
      if (a != Tri::part) return a == Tri::yes ? Step::stop : Step::settle;
      std::fill(visited_.begin(), visited_.end(), 0);
      undecided(0, true, focus);
      return Step::split;
    });
    return found;
  }

 private:
  static constexpr std::uint8_t unknown = 3;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // Whether a member's condition can hold inside the root box.
  bool meets(std::size_t local) const {
    const CompiledCondition& cond = s_.condition(members_[local]);
    if (cond.always()) return true;
    if (!cond.hull()) return false;
    for (std::size_t i = 0; i < root_.size(); ++i)
      if (std::max(root_[i].first, (*cond.hull())[i].first) > std::min(root_[i].last, (*cond.hull())[i].last)) return false;
    return true;
  }

  void include(std::size_t c) {
    if (local_.count(c)) return;
    local_.emplace(c, members_.size());
    members_.push_back(c);
    if (members_.size() > 1 && !meets(members_.size() - 1)) {
      members_.pop_back();
      local_[c] = none;
      return;
    }
    effective_.push_back(unknown);
    visited_.push_back(0);
  }
  std::size_t local(std::size_t c) const { return local_.at(c); }

  Tri effective(std::size_t m) {
    if (effective_[m] != unknown) return static_cast<Tri>(effective_[m]);
    Tri result = (*truth_)[m];
    if (result != Tri::no) {
      Tri overridden = Tri::no;
      for (std::size_t o : s_.overriders(members_[m])) {
        const std::size_t l = local(o);
        if (l != none) overridden = either(overridden, effective(l));
      }
      result = both(result, negate(overridden));
    }
    effective_[m] = static_cast<std::uint8_t>(result);
    return result;
  }

  Tri applies() {
    Tri result = effective(0);
    if (result == Tri::no || s_.provision(members_[0]).kind != ProvisionKind::power) return result;
    Tri outranked = Tri::no;
    for (std::size_t q : s_.outrankers(members_[0])) {
      const std::size_t l = local(q);
      if (l == none) continue;
      if ((*truth_)[l] != Tri::no) outranked = either(outranked, effective(l));
      if (outranked == Tri::yes) break;
    }
    return both(result, negate(outranked));
  }

  void undecided(std::size_t m, bool top, std::vector<std::size_t>& out) {
    if (visited_[m] || (*truth_)[m] == Tri::no) return;
    visited_[m] = 1;
    if ((*truth_)[m] == Tri::part) out.push_back(m);
    for (std::size_t o : s_.overriders(members_[m]))
      if (local(o) != none) undecided(local(o), false, out);
    if (!top || s_.provision(members_[m]).kind != ProvisionKind::power) return;
    for (std::size_t q : s_.outrankers(members_[m]))
      if (local(q) != none) undecided(local(q), false, out);
  }

  const Space& s_;
  Box root_;
  std::vector<std::size_t> members_;                  // candidates; the provision first
  std::unordered_map<std::size_t, std::size_t> local_;  // candidate -> member, or none
  std::vector<Probe> probes_;                         // one per member
  const Truth* truth_ = nullptr;
  std::vector<std::uint8_t> effective_;  // per member, per box: a Tri or unknown
  std::vector<char> visited_;
};

class VersionAnalysis {
 public:
  explicit VersionAnalysis(const Version& v) : v_(v) {
    for (std::size_t k = 0; k < v.kinds.size(); ++k) kinds_.push_back(make_context(v, static_cast<int>(k)));
    key_approvers();
  }

  Analysis run() {
    for (std::size_t k = 0; k < kinds_.size(); ++k) {
      gaps(static_cast<int>(k));
      double_boundaries(static_cast<int>(k));
      conflicts(static_cast<int>(k));
      limits(static_cast<int>(k));
    }
    provisions();
    accept();
    return std::move(result_);
  }

 private:
  const Space& space(int kind) const { return *kinds_[static_cast<std::size_t>(kind)].space; }

  // ---- approvers as the analysis compares them (issue 12) ----
  // A key per provision's approver: its post when it names one, else one
  // key per distinct set of signatories (`CE + NED`), after the posts.
  void key_approvers() {
    std::vector<std::string> joint;
    for (const Provision& p : v_.provisions) {
      if (p.approver.empty() || p.sole_post() >= 0) {
        key_of_.push_back(p.sole_post());
        continue;
      }
      const std::string text = approver_text(v_, p.approver);
      auto it = std::find(joint.begin(), joint.end(), text);
      if (it == joint.end()) {
        it = joint.insert(joint.end(), text);
        joint_by_key_.push_back(static_cast<int>(key_of_.size()));
      }
      key_of_.push_back(static_cast<int>(v_.posts.size() + static_cast<std::size_t>(it - joint.begin())));
    }
  }
  std::size_t keys() const { return v_.posts.size() + joint_by_key_.size(); }
  int key(const Provision& p) const { return key_of_[static_cast<std::size_t>(&p - v_.provisions.data())]; }
  std::string key_name(int k) const {
    if (k < static_cast<int>(v_.posts.size())) return post_id(v_, k);
    return approver_text(v_, provision_at(v_, joint_by_key_[static_cast<std::size_t>(k) - v_.posts.size()]).approver);
  }
  // Whether an approver lies beside a post: some set of it has no place
  // at, above or below the post (a single post: neither above nor below).
  bool beside(int k, int post) const {
    auto set_beside = [&](const SignatorySet& set) {
      return std::none_of(set.begin(), set.end(), [&](const Place& place) {
        return place.post == post || v_.is_above(place.post, post) || v_.is_above(post, place.post);
      });
    };
    if (k < static_cast<int>(v_.posts.size())) return set_beside({Place{k, false, {}}});
    const auto& sets = provision_at(v_, joint_by_key_[static_cast<std::size_t>(k) - v_.posts.size()]).approver;
    return std::any_of(sets.begin(), sets.end(), set_beside);
  }
  const std::string& kind_name(int kind) const { return v_.kinds[static_cast<std::size_t>(kind)]; }

  Finding& add(Code code, int kind, std::vector<int> provisions, const Box& cell) {
    Finding f;
    f.code = code;
    f.version = &v_;
    f.kind = kind;
    f.provisions = std::move(provisions);
    f.cell = cell;
    if (kind >= 0 && !cell.empty()) f.witness = space(kind).witness(cell);
    if (kind >= 0 && cell.empty() && space(kind).grid().axes.empty()) f.witness.assign(v_.facts.size(), std::nullopt);
    result_.findings.push_back(std::move(f));
    return result_.findings.back();
  }

  std::string witness_text(const Finding& f) const { return "witness: " + witness_json(v_, f.kind, f.witness); }

  void note(Diagnostic& d, int provision, std::string message) const {
    d.notes.push_back(Note{provision_at(v_, provision).span, std::move(message)});
  }

  // ---- gaps and uncovered thresholds ---------------------------------------

  struct GapBox {
    Box box;
    int known_gap = -1;       // a `known gap` whose region holds it
    int known_boundary = -1;  // a `known boundary` whose region holds it
  };

  void gaps(int kind) {
    KindContext& k = kinds_[static_cast<std::size_t>(kind)];
    const Space& s = *k.space;
    const std::size_t n = s.candidates().size();
    std::vector<Probe> probes;
    // Requirements count only where they set a provision aside.
    for (std::size_t c = 0; c < n; ++c)
      probes.push_back(Probe{authority(s.provision(c)) || !s.provision(c).overrides.empty() ? &s.condition(c) : nullptr});
    std::vector<std::size_t> acks;  // positions in k.known of gap and boundary acknowledgements
    for (std::size_t i = 0; i < k.known.size(); ++i) {
      const Code code = v_.known[static_cast<std::size_t>(k.known[i])].code;
      if (code == Code::gap || code == Code::boundary) {
        acks.push_back(i);
        probes.push_back(Probe{&k.known_conditions[i]});
      }
    }
    std::vector<GapBox> found;
    search(s, s.whole(), probes, [&](const Box& box, const Truth& truth, std::vector<std::size_t>& focus) {
      ++result_.boxes;
      Rules rules(s, truth);
      const Tri any = rules.any_authority();
      if (any == Tri::yes) return Step::settle;
      if (any == Tri::part) {
        rules.undecided_authority(focus);
        return Step::split;
      }
      GapBox g{box};
      for (std::size_t i = 0; i < acks.size(); ++i) {
        const Tri t = truth[n + i];
        if (t == Tri::part) {
          focus.push_back(n + i);
          return Step::split;
        }
        if (t != Tri::yes) continue;
        const int index = k.known[acks[i]];
        int& slot = v_.known[static_cast<std::size_t>(index)].code == Code::gap ? g.known_gap : g.known_boundary;
        if (slot < 0) slot = index;
      }
      found.push_back(std::move(g));
      return Step::settle;
    });
    merge(s, found);
    for (const GapBox& g : found) report_gap(kind, g);
  }

  // Joins boxes that touch along an axis and agree on the others, until no
  // more can be joined, so that a gap is reported once, whole.
  static void merge(const Space& s, std::vector<GapBox>& boxes) {
    const std::size_t axes = s.grid().axes.size();
    auto same_but = [&](const GapBox& a, const GapBox& b, std::size_t axis) {
      if (a.known_gap != b.known_gap || a.known_boundary != b.known_boundary) return false;
      for (std::size_t i = 0; i < axes; ++i)
        if (i != axis && !(a.box[i] == b.box[i])) return false;
      return true;
    };
    auto touch = [&](const Run& a, const Run& b, std::size_t axis) {
      if (a.last >= b.first) return false;
      for (std::uint32_t c = a.last + 1; c < b.first; ++c)
        if (!s.grid().axes[axis].empty(c)) return false;
      return true;
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t axis = 0; axis < axes; ++axis) {
        auto key = [&](const GapBox& g) {
          std::vector<std::uint32_t> k{static_cast<std::uint32_t>(g.known_gap + 1), static_cast<std::uint32_t>(g.known_boundary + 1)};
          for (std::size_t i = 0; i < axes; ++i)
            if (i != axis) k.insert(k.end(), {g.box[i].first, g.box[i].last});
          k.push_back(g.box[axis].first);
          return k;
        };
        std::sort(boxes.begin(), boxes.end(), [&](const GapBox& a, const GapBox& b) { return key(a) < key(b); });
        std::vector<GapBox> joined;
        for (GapBox& g : boxes) {
          if (!joined.empty() && same_but(joined.back(), g, axis) && touch(joined.back().box[axis], g.box[axis], axis)) {
            joined.back().box[axis].last = g.box[axis].last;
            changed = true;
          } else {
            joined.push_back(std::move(g));
          }
        }
        boxes = std::move(joined);
      }
    }
    // In the order of the cells, lowest first.
    std::sort(boxes.begin(), boxes.end(), [&](const GapBox& a, const GapBox& b) {
      for (std::size_t i = 0; i < axes; ++i)
        if (a.box[i].first != b.box[i].first) return a.box[i].first < b.box[i].first;
      return false;
    });
  }

  // The value of a neighbouring cell nearest the gap: the top of a cell
  // below it, the bottom of a cell above it.
  std::string nearest(const space::Axis& a, std::uint32_t cell, bool below) const {
    const FactDef& def = v_.facts[static_cast<std::size_t>(a.fact)];
    const auto [lo, hi] = a.bounds(cell);
    const auto x = below ? hi : lo;
    return def.name + " = " + (x ? format_value(def, Value{*x, {}}) : format_value(def, a.witness(cell, space::value_floor(a.type))));
  }

  void report_gap(int kind, const GapBox& g) {
    const Space& s = space(kind);
    const Box cell = s.first_cell(g.box);
    // What covers the decisions just outside the gap, along each axis it
    // does not span: that is where a reader looks for the mistake. Each
    // provision gets the places where it applies, in the order found.
    std::vector<std::pair<int, std::vector<std::string>>> borders;
    auto border = [&](const std::vector<int>& ps, const std::string& where) {
      for (int p : ps) {
        auto it = std::find_if(borders.begin(), borders.end(), [&](const auto& b) { return b.first == p; });
        if (it == borders.end()) it = borders.insert(borders.end(), {p, {}});
        it->second.push_back(where);
      }
    };
    std::optional<std::size_t> threshold_axis;  // the gap is one constant of this axis, covered on both sides
    for (std::size_t i = 0; i < s.grid().axes.size(); ++i) {
      const space::Axis& a = s.grid().axes[i];
      const FactDef& def = v_.facts[static_cast<std::size_t>(a.fact)];
      if (a.type == FactType::flag) {
        if (g.box[i].first != g.box[i].last) continue;
        Box other = cell;
        other[i] = Run{1 - cell[i].first, 1 - cell[i].first};
        border(in_effect(s, other), "when " + std::string(cell[i].first ? "not " : "") + def.name);
        continue;
      }
      if (!ordered(a.type)) continue;
      Box low = cell, high = cell;
      low[i] = Run{g.box[i].first, g.box[i].first};
      high[i] = Run{g.box[i].last, g.box[i].last};
      const auto below = step(s, low, i, -1), above = step(s, high, i, +1);
      const std::vector<int> b = below ? in_effect(s, *below) : std::vector<int>{};
      const std::vector<int> u = above ? in_effect(s, *above) : std::vector<int>{};
      if (!b.empty()) border(b, "just below it (" + nearest(a, (*below)[i].first, true) + ")");
      if (!u.empty()) border(u, "just above it (" + nearest(a, (*above)[i].first, false) + ")");
      if (!threshold_axis && g.box[i].first == g.box[i].last && a.is_point(g.box[i].first) && !b.empty() && !u.empty())
        threshold_axis = i;
    }
    // Provisions with the same places are named together.
    std::vector<std::pair<std::vector<int>, std::vector<std::string>>> groups;
    for (const auto& [p, where] : borders) {
      const std::vector<std::string>& places = where;  // clang 14 cannot capture a structured binding
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g2) { return g2.second == places; });
      if (it == groups.end()) groups.push_back({{p}, where});
      else it->first.push_back(p);
    }
    std::vector<int> named;
    std::vector<std::string> clauses;
    for (const auto& [ps, where] : groups) {
      clauses.push_back(clause(v_, ps, "applies ", "apply ") + join(where, " and "));
      named.insert(named.end(), ps.begin(), ps.end());
    }
    const bool boundary = threshold_axis.has_value();
    Finding& f = add(boundary ? Code::boundary : Code::gap, kind, named, cell);
    f.box = g.box;
    f.region = s.describe(g.box);
    f.known = boundary ? (g.known_boundary >= 0 ? g.known_boundary : g.known_gap) : g.known_gap;
    const std::string& k = kind_name(kind);
    std::string message = "no post may approve `" + k + "`" + (f.region.empty() ? "" : " when " + f.region);
    std::string help;
    if (boundary) {
      const space::Axis& a = s.grid().axes[*threshold_axis];
      const FactDef& def = v_.facts[static_cast<std::size_t>(a.fact)];
      const std::string at = format_value(def, a.constants[g.box[*threshold_axis].first / 2]);
      message += ": " + at + " itself is covered by no provision, though both sides of it are";
      help = "include " + at + " on one side (`<=` or `>=` in one of them), or keep it with its reason: `known boundary for " + k +
             " when " + def.name + " = " + at + ": \"…\"`";
    } else {
      const bool none = std::none_of(s.candidates().begin(), s.candidates().end(),
                                     [&](int p) { return authority(provision_at(v_, p)); });
      if (none) clauses.insert(clauses.begin(), "no provision gives any post authority over it");
      help = "give it to a post, or keep it as a known gap of the scheme with its reason: `known gap for " + k +
             (f.region.empty() ? "" : " when " + f.region) + ": \"…\"`";
    }
    if (!clauses.empty()) message += (boundary ? "; " : ": ") + join(clauses, "; ");
    message += "; " + witness_text(f);
    const Span at = named.empty() ? v_.kind_spans[static_cast<std::size_t>(kind)] : provision_at(v_, named.front()).span;
    f.diagnostic = make_diagnostic(f.code, at, message, help);
    for (std::size_t i = 1; i < named.size(); ++i) {
      const auto& where = std::find_if(borders.begin(), borders.end(), [&](const auto& b) { return b.first == named[i]; })->second;
      note(f.diagnostic, named[i], clause(v_, {named[i]}, "applies ", "") + join(where, " and "));
    }
  }

  // ---- thresholds claimed by both sides -------------------------------------

  // At a constant t of an ordered axis: a provision that holds just below t
  // and at t but not above it, and one of another post that holds at t and
  // above but not below, with no `overrides` between them: "up to £500,000"
  // against "£500,000 or above".
  void double_boundaries(int kind) {
    const Space& s = space(kind);
    const std::size_t n = s.candidates().size(), axes = s.grid().axes.size();
    // Where each authority provision's truth changes, by axis.
    std::vector<std::vector<std::vector<std::size_t>>> cut_by(axes);  // axis -> cell -> candidates
    for (std::size_t i = 0; i < axes; ++i) cut_by[i].resize(s.grid().axes[i].cells + 1);
    for (std::size_t c = 0; c < n; ++c) {
      if (!authority(s.provision(c))) continue;
      std::vector<std::vector<std::uint32_t>> cuts(axes);
      s.condition(c).cuts(s.whole(), cuts);
      for (std::size_t i = 0; i < axes; ++i) {
        std::sort(cuts[i].begin(), cuts[i].end());
        cuts[i].erase(std::unique(cuts[i].begin(), cuts[i].end()), cuts[i].end());
        for (std::uint32_t at : cuts[i]) cut_by[i][at].push_back(c);
      }
    }
    for (std::size_t i = 0; i < axes; ++i) {
      const space::Axis& a = s.grid().axes[i];
      if (!ordered(a.type)) continue;
      for (std::uint32_t t = 1; t + 1 < a.cells; t += 2) {
        const std::uint32_t below = t - 1, above = t + 1;
        if (a.empty(below) || a.empty(above)) continue;
        // Only provisions that change at t (a cut at t or just after it) can differ on the three cells.
        std::vector<std::size_t> changing = cut_by[i][t];
        changing.insert(changing.end(), cut_by[i][above].begin(), cut_by[i][above].end());
        std::sort(changing.begin(), changing.end());
        changing.erase(std::unique(changing.begin(), changing.end()), changing.end());
        if (changing.size() < 2) continue;
        double_boundary(kind, i, t, changing);
      }
    }
  }

  void double_boundary(int kind, std::size_t axis, std::uint32_t t, const std::vector<std::size_t>& changing) {
    const Space& s = space(kind);
    // Per provision: does it stop at t (holds just below and at t, not just
    // above), and does it start at t (the other way round)?
    constexpr std::uint8_t stop_pattern = 0b110, start_pattern = 0b011;
    std::vector<Probe> probes;
    for (std::size_t c : changing)
      for (std::uint8_t pattern : {stop_pattern, start_pattern})
        probes.push_back(Probe{&s.condition(c), static_cast<int>(axis), t, static_cast<std::uint8_t>(pattern + 1)});
    // Two provisions that claim the threshold for different posts, with no priority between them.
    auto claims = [&](std::size_t x, std::size_t y) {
      return key(s.provision(x)) != key(s.provision(y)) && !v_.has_priority_between(s.candidates()[x], s.candidates()[y]);
    };
    Box root = s.whole();
    root[axis] = Run{t, t};
    // Stops and starts are joined per post (a post's provisions can only
    // claim the threshold against another post's), so that a union true on
    // the whole box counts even where each of its parts is true on only part.
    std::vector<int> posts;
    std::vector<std::size_t> post_of;  // changing provision -> index in posts
    for (std::size_t c : changing) {
      auto it = std::find(posts.begin(), posts.end(), key(s.provision(c)));
      if (it == posts.end()) it = posts.insert(posts.end(), key(s.provision(c)));
      post_of.push_back(static_cast<std::size_t>(it - posts.begin()));
    }
    search(s, root, probes, [&](const Box& box, const Truth& truth, std::vector<std::size_t>& focus) {
      ++result_.boxes;
      std::vector<Tri> stops(changing.size()), starts(changing.size());
      std::vector<Tri> stop_by(posts.size(), Tri::no), start_by(posts.size(), Tri::no);
      for (std::size_t k = 0; k < changing.size(); ++k) {
        stops[k] = truth[2 * k];
        starts[k] = truth[2 * k + 1];
        stop_by[post_of[k]] = either(stop_by[post_of[k]], stops[k]);
        start_by[post_of[k]] = either(start_by[post_of[k]], starts[k]);
      }
      // Whether some post stops and another starts everywhere (found), or
      // somewhere (possible), in the box.
      bool found = false, possible = false;
      for (std::size_t a = 0; a < posts.size(); ++a)
        for (std::size_t b = 0; b < posts.size(); ++b) {
          if (a == b) continue;
          found = found || (stop_by[a] == Tri::yes && start_by[b] == Tri::yes);
          possible = possible || (stop_by[a] != Tri::no && start_by[b] != Tri::no);
        }
      if (!possible) return Step::settle;
      if (found) {
        // At the box's first cell, the provisions that do it, and no `overrides` between them.
        const Box cell = s.first_cell(box);
        std::vector<std::size_t> stop_here, start_here;
        for (std::size_t k = 0; k < changing.size(); ++k) {
          Tri at[3];
          for (std::uint32_t i = 0; i < 3; ++i) {
            Box pinned = cell;
            pinned[axis] = Run{t - 1 + i, t - 1 + i};
            at[i] = s.condition(changing[k]).on(pinned);
          }
          if (at[0] == Tri::yes && at[1] == Tri::yes && at[2] == Tri::no) stop_here.push_back(k);
          if (at[0] == Tri::no && at[1] == Tri::yes && at[2] == Tri::yes) start_here.push_back(k);
        }
        std::vector<int> stopping, starting;
        for (std::size_t x : stop_here)
          for (std::size_t y : start_here)
            if (claims(changing[x], changing[y])) {
              const int p = s.candidates()[changing[x]], q = s.candidates()[changing[y]];
              if (std::find(stopping.begin(), stopping.end(), p) == stopping.end()) stopping.push_back(p);
              if (std::find(starting.begin(), starting.end(), q) == starting.end()) starting.push_back(q);
            }
        if (!stopping.empty()) {
          report_double(kind, axis, t, cell, stopping, starting);
          return Step::stop;
        }
      }
      // Split on the provisions that could still make a pair.
      for (std::size_t k = 0; k < changing.size(); ++k) {
        bool useful = false;
        for (std::size_t o = 0; o < posts.size() && !useful; ++o)
          useful = o != post_of[k] && ((stops[k] == Tri::part && start_by[o] != Tri::no) || (starts[k] == Tri::part && stop_by[o] != Tri::no));
        if (useful) focus.insert(focus.end(), {2 * k, 2 * k + 1});
      }
      return Step::split;
    });
  }

  void report_double(int kind, std::size_t axis, std::uint32_t t, const Box& box, const std::vector<int>& stopping,
                     const std::vector<int>& starting) {
    const Space& s = space(kind);
    std::vector<int> named = stopping;
    named.insert(named.end(), starting.begin(), starting.end());
    Finding& f = add(Code::boundary, kind, named, s.first_cell(box));
    const space::Axis& a = s.grid().axes[axis];
    const FactDef& def = v_.facts[static_cast<std::size_t>(a.fact)];
    const std::string at = format_value(def, a.constants[t / 2]);
    std::string message = def.name + " = " + at + " is claimed by both sides for `" + kind_name(kind) + "`: " +
                          clause(v_, stopping, "runs up to and including it", "run up to and including it") + " and " +
                          clause(v_, starting, "starts at it", "start at it");
    message += "; " + witness_text(f);
    f.diagnostic = make_diagnostic(Code::boundary, provision_at(v_, named.front()).span, message,
                           "decide which side " + at + " belongs to (`<` or `>` in one of them), say which prevails with "
                           "`overrides`, or keep it with its reason: `known boundary para " + join([&] {
                             std::vector<std::string> ps;
                             for (int p : named) ps.push_back(provision_at(v_, p).para);
                             return ps;
                           }(), ", ") + ": \"…\"`");
    for (std::size_t i = 1; i < named.size(); ++i)
      note(f.diagnostic, named[i], i < stopping.size() ? clause(v_, {named[i]}, "runs up to and including it", "")
                                                       : clause(v_, {named[i]}, "starts at it", ""));
  }

  // ---- an escalation that leaves a power in place ---------------------------

  // An escalation sends a decision to its post and sets aside the powers of
  // the posts below it; a post beside it (neither above nor below) keeps its
  // power, so two posts in different lines may approve with no priority
  // between them. One search per kind follows every escalation and every
  // post beside it at once; a pair is reported once, where first found.
  void conflicts(int kind) {
    const Space& s = space(kind);
    const std::size_t n = s.candidates().size();
    struct Pair {
      std::size_t escalation;
      int post;                         // an approver (a key) beside the escalation's post
      std::vector<std::size_t> powers;  // its powers with no `overrides` between them and the escalation
    };
    std::vector<Pair> open;
    std::vector<std::vector<std::size_t>> powers(keys());
    for (std::size_t c = 0; c < n; ++c)
      if (s.provision(c).kind == ProvisionKind::power) powers[static_cast<std::size_t>(key(s.provision(c)))].push_back(c);
    for (std::size_t e = 0; e < n; ++e) {
      const Provision& esc = s.provision(e);
      if (esc.kind != ProvisionKind::escalation) continue;
      for (std::size_t post = 0; post < keys(); ++post) {
        const int x = static_cast<int>(post);
        if (powers[post].empty() || !beside(x, esc.sole_post())) continue;
        Pair pair{e, x, {}};
        for (std::size_t c : powers[post])
          if (!v_.has_priority_between(s.candidates()[e], s.candidates()[c])) pair.powers.push_back(c);
        if (!pair.powers.empty()) open.push_back(std::move(pair));
      }
    }
    if (open.empty()) return;
    search(s, s.whole(), Rules::probes(s), [&](const Box& box, const Truth& truth, std::vector<std::size_t>& focus) {
      ++result_.boxes;
      Rules rules(s, truth);
      const Tri unreserved = negate(rules.any_reserved());
      // Whether each post keeps a power here, worked out once for all the pairs.
      std::vector<std::optional<Tri>> kept_by(keys());
      std::vector<char> focused(keys(), 0);  // an approver's powers already in focus
      auto keeps = [&](const Pair& pair) {
        const bool all = pair.powers.size() == powers[static_cast<std::size_t>(pair.post)].size();
        auto& memo = kept_by[static_cast<std::size_t>(pair.post)];
        if (all && memo) return *memo;
        Tri k = Tri::no;
        for (std::size_t c : pair.powers) k = either(k, rules.applies(c));
        if (all) memo = k;
        return k;
      };
      for (auto it = open.begin(); it != open.end();) {
        const Tri sent = both(rules.applies(it->escalation), unreserved);
        const Tri kept = sent == Tri::no ? Tri::no : keeps(*it);
        if (sent == Tri::yes && kept == Tri::yes) {
          std::vector<std::size_t> keeping;
          for (std::size_t c : it->powers)
            if (rules.applies(c) == Tri::yes) keeping.push_back(c);
          report_conflict(kind, it->escalation, keeping, box);
          it = open.erase(it);
          continue;
        }
        if (sent != Tri::no && kept != Tri::no) {
          rules.undecided(it->escalation, focus);
          if (!focused[static_cast<std::size_t>(it->post)] || it->powers.size() != powers[static_cast<std::size_t>(it->post)].size())
            for (std::size_t c : it->powers) rules.undecided(c, focus);
          focused[static_cast<std::size_t>(it->post)] = 1;
        }
        ++it;
      }
      if (open.empty()) return Step::stop;
      if (!focus.empty())
        for (std::size_t q = 0; q < n; ++q)
          if (s.provision(q).kind == ProvisionKind::reserved) rules.undecided(q, focus);
      return focus.empty() ? Step::settle : Step::split;
    });
  }

  void report_conflict(int kind, std::size_t e, const std::vector<std::size_t>& keeping, const Box& box) {
    const Space& s = space(kind);
    const int esc = s.candidates()[e];
    std::vector<int> named{esc};
    for (std::size_t c : keeping) named.push_back(s.candidates()[c]);
    Finding& f = add(Code::bypass, kind, named, s.first_cell(box));
    const std::string& to = post_id(v_, provision_at(v_, esc).sole_post());
    const std::string kept = key_name(key(provision_at(v_, named[1])));
    const std::vector<int> powers(named.begin() + 1, named.end());
    std::vector<std::string> refs;
    for (int p : named) refs.push_back(provision_at(v_, p).para);
    f.diagnostic = make_diagnostic(Code::bypass, provision_at(v_, esc).span,
                           "para " + provision_at(v_, esc).para + " sends `" + kind_name(kind) + "` to " + to + ", but " +
                               clause(v_, powers, "still lets ", "still let ") + kept + " approve it: " + kept + " is not below " + to +
                               ", so the escalation does not set its power aside, and no `overrides` says which prevails; " + witness_text(f),
                           "say which prevails with `overrides`, make the conditions exclusive, or keep it with its reason: "
                           "`known bypass para " + join(refs, ", ") + ": \"…\"`");
    for (int p : powers) note(f.diagnostic, p, "the power " + kept + " keeps is here");
  }

  // ---- limits that grow down a chain -----------------------------------------

  // A post's power over an amount that the nearest post above it with powers
  // of its own cannot approve in its own right, though its powers reach
  // smaller amounts: the lower post's limit is above its superior's. A post
  // above that holds no power of its own for the kind approves only as a
  // delegator and has no limit to compare. One search for each such link.
  void limits(int kind) {
    const Space& s = space(kind);
    const std::size_t n = s.candidates().size();
    std::size_t money = npos;
    for (std::size_t i = 0; i < s.grid().axes.size() && money == npos; ++i)
      if (s.grid().axes[i].type == FactType::money) money = i;
    if (money == npos) return;
    // Limits are compared along the chain of single posts; a joint approval
    // has no one place in the chain, so it is not compared.
    std::vector<std::vector<std::size_t>> powers(v_.posts.size());
    for (std::size_t c = 0; c < n; ++c)
      if (s.provision(c).kind == ProvisionKind::power && s.provision(c).sole_post() >= 0)
        powers[static_cast<std::size_t>(s.provision(c).sole_post())].push_back(c);
    const std::vector<Probe> probes = Rules::probes(s);
    for (std::size_t lower = 0; lower < v_.posts.size(); ++lower) {
      if (powers[lower].empty()) continue;
      // Link by link: the nearest post above with powers of its own. Growth
      // past a farther post shows at some link between.
      int upper = v_.posts[lower].parent;
      while (upper >= 0 && powers[static_cast<std::size_t>(upper)].empty()) upper = v_.posts[static_cast<std::size_t>(upper)].parent;
      if (upper >= 0) {
        const auto& own = powers[static_cast<std::size_t>(upper)];
        search(s, s.whole(), probes, [&](const Box& box, const Truth& truth, std::vector<std::size_t>& focus) {
          ++result_.boxes;
          Rules rules(s, truth);
          Tri below = Tri::no, above = Tri::no;
          for (std::size_t c : powers[lower]) below = either(below, rules.applies(c));
          for (std::size_t q : own) above = either(above, truth[q]);
          if (below == Tri::no || above == Tri::yes) return Step::settle;
          if (below == Tri::part || above == Tri::part) {
            for (std::size_t c : powers[lower]) rules.undecided(c, focus);
            for (std::size_t q : own)
              if (truth[q] == Tri::part) focus.push_back(q);
            return Step::split;
          }
          // Here the lower post may and the upper has no power: does the upper
          // post's own power reach smaller amounts, the other facts alike?
          if (box[money].first == 0) return Step::settle;
          Box smaller = box;
          smaller[money] = Run{0, box[money].first - 1};
          std::optional<Box> reach;
          std::vector<Probe> upper_probes;
          for (std::size_t q : own) upper_probes.push_back(Probe{&s.condition(q)});
          search(s, smaller, upper_probes, [&](const Box& b, const Truth& t, std::vector<std::size_t>&) {
            ++result_.boxes;
            Tri any = Tri::no;
            for (std::size_t i = 0; i < t.size() && any != Tri::yes; ++i) any = either(any, t[i]);
            if (any == Tri::yes) reach = s.first_cell(b);
            return any == Tri::yes ? Step::stop : any == Tri::part ? Step::split : Step::settle;
          });
          if (!reach) return Step::settle;
          Box cell = *reach;
          cell[money] = s.first_cell(box)[money];
          std::vector<std::size_t> applying;
          for (std::size_t c : powers[lower])
            if (rules.applies(c) == Tri::yes) applying.push_back(c);
          report_limit(kind, applying, upper, own, cell, money);
          return Step::stop;
        });
      }
    }
  }

  void report_limit(int kind, const std::vector<std::size_t>& applying, int above, const std::vector<std::size_t>& own, const Box& cell,
                    std::size_t money) {
    const Space& s = space(kind);
    std::vector<int> lower_paras, upper_paras;
    for (std::size_t c : applying) lower_paras.push_back(s.candidates()[c]);
    for (std::size_t q : own) upper_paras.push_back(s.candidates()[q]);
    std::vector<int> named = lower_paras;
    named.insert(named.end(), upper_paras.begin(), upper_paras.end());
    Finding& f = add(Code::chain, kind, named, cell);
    const space::Axis& a = s.grid().axes[money];
    const FactDef& def = v_.facts[static_cast<std::size_t>(a.fact)];
    const std::string at = format_value(def, *f.witness[static_cast<std::size_t>(a.fact)]);
    const std::string& lower = post_id(v_, provision_at(v_, lower_paras.front()).sole_post());
    const std::string& upper = post_id(v_, above);
    std::vector<std::string> refs;
    for (int p : named) refs.push_back(provision_at(v_, p).para);
    f.diagnostic = make_diagnostic(Code::chain, provision_at(v_, lower_paras.front()).span,
                           clause(v_, lower_paras, "lets ", "let ") + lower + " approve `" + kind_name(kind) + "` at " + def.name + " = " +
                               at + ", beyond the limit of " + upper + " above it, whose own " +
                               clause(v_, upper_paras, "stops below that", "stop below that") +
                               ": a limit should not grow down a chain; " + witness_text(f),
                           "lower " + lower + "'s limit to " + upper + "'s, raise " + upper + "'s, or keep it with its reason: "
                           "`known chain para " + join(refs, ", ") + ": \"…\"`");
    for (std::size_t i = 1; i < lower_paras.size(); ++i) note(f.diagnostic, lower_paras[i], "another power of " + lower + " that reaches it");
    for (int p : upper_paras) note(f.diagnostic, p, "the limit of " + upper + " is here");
  }

  // ---- dead and shadowed provisions, reserved matters below the top ---------

  void provisions() {
    // Where each provision's condition holds at all (the same wherever it is
    // asked, so in its first kind); one cheap search each.
    std::vector<std::optional<std::pair<int, Box>>> holds(v_.provisions.size());
    std::vector<char> decisive(v_.provisions.size(), 0);
    for (std::size_t p = 0; p < v_.provisions.size(); ++p) {
      const int kind = first_kind(static_cast<int>(p));
      if (kind < 0) continue;
      const Space& s = space(kind);
      search(s, s.whole(), {Probe{&s.condition(s.position(static_cast<int>(p)))}},
             [&](const Box& box, const Truth& truth, std::vector<std::size_t>&) {
               ++result_.boxes;
               if (truth[0] == Tri::yes) {
                 holds[p] = std::pair{kind, s.first_cell(box)};
                 return Step::stop;
               }
               return truth[0] == Tri::part ? Step::split : Step::settle;
             });
    }
    // Whether each is ever in effect and not set aside: for each, a search of
    // the box where its condition can hold, over only the provisions that can
    // meet it there (see Alone), until it is found to apply or ruled out.
    for (std::size_t k = 0; k < kinds_.size(); ++k) {
      const Space& s = space(static_cast<int>(k));
      for (std::size_t c = 0; c < s.candidates().size(); ++c) {
        const auto p = static_cast<std::size_t>(s.candidates()[c]);
        if (holds[p] && !decisive[p] && Alone(s, c).applies_somewhere(result_.boxes)) decisive[p] = 1;
      }
    }
    for (std::size_t p = 0; p < v_.provisions.size(); ++p) {
      if (first_kind(static_cast<int>(p)) < 0) continue;
      if (!holds[p]) report_dead(static_cast<int>(p));
      else if (!decisive[p]) report_shadowed(static_cast<int>(p), holds[p]->first, holds[p]->second);
      else if (v_.provisions[p].kind == ProvisionKind::reserved) reserved_below_top(static_cast<int>(p), holds[p]->second, holds[p]->first);
    }
  }

  int first_kind(int p) const {
    for (std::size_t k = 0; k < v_.kinds.size(); ++k) {
      const auto& ps = v_.provisions_by_kind[k];
      if (std::find(ps.begin(), ps.end(), p) != ps.end()) return static_cast<int>(k);
    }
    return -1;
  }

  void report_dead(int p) {
    const Provision& provision = provision_at(v_, p);
    Finding& f = add(Code::dead, -1, {p}, {});
    f.diagnostic = make_diagnostic(Code::dead, provision.span,
                           "para " + provision.para + " never applies: no decision meets `" + (provision.when ? provision.when->text : "") + "`",
                           "check its amounts and operators (`<` against `<=`), or remove it");
  }

  // What sets a provision aside in a cell where its condition holds: what
  // overrides it, else a reserved matter or escalation that outranks it.
  std::string set_aside_by(const Space& s, std::size_t c, const Box& cell) const {
    return at_cell(s, cell, [&](Rules& rules) -> std::string {
      for (std::size_t o : s.overriders(c))
        if (rules.effective(o) == Tri::yes) return "set aside by para " + s.provision(o).para;
      if (s.provision(c).kind == ProvisionKind::power)
        for (std::size_t q : s.outrankers(c))
          if (rules.effective(q) == Tri::yes)
            return std::string("set aside by the ") +
                   (s.provision(q).kind == ProvisionKind::reserved      ? "reserved matter"
                    : s.provision(q).kind == ProvisionKind::prohibition ? "prohibition"
                                                                        : "escalation") +
                   " in para " + s.provision(q).para;
      return "";
    });
  }

  void report_shadowed(int p, int kind, const Box& cell) {
    const Provision& provision = provision_at(v_, p);
    Finding& f = add(Code::shadowed, kind, {p}, cell);
    const std::string why = set_aside_by(space(kind), space(kind).position(p), cell);
    f.diagnostic = make_diagnostic(Code::shadowed, provision.span,
                           "para " + provision.para + " never decides anything: wherever it applies it is set aside" +
                               (why.empty() ? "" : " (at the witness: " + why + ")") + "; " + witness_text(f),
                           "remove it, narrow what sets it aside, or keep it with its reason: `known shadowed para " + provision.para +
                               ": \"…\"`");
  }

  // Only the named post may take a reserved matter, so the posts above it
  // may not: a lower post may approve more than they.
  void reserved_below_top(int p, const Box& cell, int cell_kind) {
    const Provision& r = provision_at(v_, p);
    std::vector<std::string> above;
    for (int at = v_.posts[static_cast<std::size_t>(r.sole_post())].parent; at >= 0; at = v_.posts[static_cast<std::size_t>(at)].parent)
      above.push_back(post_id(v_, at));
    if (above.empty()) return;
    Finding& f = add(Code::chain, cell_kind, {p}, cell);
    f.diagnostic = make_diagnostic(Code::chain, r.span,
                           "para " + r.para + " reserves `" + kind_name(cell_kind) + "` to " + post_id(v_, r.sole_post()) + ", so " +
                               join(above, ", ") + ", above it, may not approve it: a post may approve more than those above it; " +
                               witness_text(f),
                           "reserve it to the post at the top of the chain, or keep it with its reason: `known chain para " + r.para +
                               ": \"…\"`");
  }

  // ---- what the scheme knows of ------------------------------------------------

  void accept() {
    std::vector<char> used(v_.known.size(), 0);
    for (Finding& f : result_.findings) {
      if (f.known >= 0) {
        used[static_cast<std::size_t>(f.known)] = 1;
        continue;
      }
      for (std::size_t i = 0; i < v_.known.size() && f.known < 0; ++i) {
        const Acknowledgement& a = v_.known[i];
        const bool code = a.code == f.code || (a.code == Code::gap && f.code == Code::boundary && !f.box.empty());
        if (!code) continue;
        if (!a.kinds.empty()) {
          if (f.kind < 0 || (f.cell.empty() && !space(f.kind).grid().axes.empty())) continue;
          const KindContext& k = kinds_[static_cast<std::size_t>(f.kind)];
          const auto it = std::find(k.known.begin(), k.known.end(), static_cast<int>(i));
          if (it == k.known.end()) continue;
          if (k.known_conditions[static_cast<std::size_t>(it - k.known.begin())].on(f.cell) != Tri::yes) continue;
        } else if (f.provisions.empty() ||
                   !std::all_of(f.provisions.begin(), f.provisions.end(),
                                [&](int p) { return std::find(a.paras.begin(), a.paras.end(), p) != a.paras.end(); })) {
          continue;
        }
        f.known = static_cast<int>(i);
        used[i] = 1;
      }
    }
    for (std::size_t i = 0; i < v_.known.size(); ++i) {
      if (used[i]) continue;
      const Acknowledgement& a = v_.known[i];
      Finding& f = add(Code::known_unused, -1, a.paras, {});
      f.diagnostic = make_diagnostic(Code::known_unused, a.span,
                                     "nothing matches this `known " + a.name + "`: the analysis no longer finds such a " + a.name +
                                         (a.kinds.empty() ? " among the paragraphs it names" : " where it says"),
                                     "remove it, or correct its region or paragraphs");
    }
  }

  const Version& v_;
  std::vector<int> key_of_;        // by provision: its approver's key, or -1
  std::vector<int> joint_by_key_;  // a provision of each joint approver, after the posts
  std::vector<KindContext> kinds_;
  Analysis result_;
};

}  // namespace

Analysis analyse_version(const Version& v) { return VersionAnalysis(v).run(); }

Analysis analyse_scheme(const Scheme& s) {
  Analysis all;
  for (const Version& v : s.versions) {
    Analysis one = analyse_version(v);
    all.boxes += one.boxes;
    all.findings.insert(all.findings.end(), std::make_move_iterator(one.findings.begin()), std::make_move_iterator(one.findings.end()));
  }
  return all;
}

std::vector<Diagnostic> unaccepted(const Analysis& a) {
  std::vector<Diagnostic> out;
  for (const Finding& f : a.findings)
    if (f.known < 0) out.push_back(f.diagnostic);
  return out;
}

std::string witness_json(const Version& v, int kind, const std::vector<std::optional<Value>>& facts) {
  json::Writer w(json::Layout::one_line);
  w.begin_object().key("kind").value(kind >= 0 ? v.kinds[static_cast<std::size_t>(kind)] : "");
  w.key("date").value(format_date(v.from)).key("facts").begin_object();
  for (std::size_t f = 0; f < facts.size(); ++f) {
    if (!facts[f]) continue;
    const FactDef& def = v.facts[f];
    const Value& x = *facts[f];
    w.key(def.name);
    switch (def.type) {
      case FactType::flag: w.value(x.number != 0); break;
      case FactType::integer: w.value(x.number); break;
      case FactType::money: w.value(format_money(Money{x.number})); break;
      case FactType::date: w.value(format_date(Date{static_cast<std::int32_t>(x.number)})); break;
      case FactType::enumeration: w.value(format_value(def, x)); break;
      case FactType::text:
        w.value(x.other_text ? "(any other text)" : x.text);
        break;
    }
  }
  w.end_object().end_object();
  return w.str();
}

}  // namespace remit::analyse
