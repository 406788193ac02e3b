#include "check/checks.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "check/limits.hpp"
#include "check/lower.hpp"
#include "space/space.hpp"

namespace remit::check {
namespace {

const Provision& at(const Version& v, int i) { return v.provisions[static_cast<std::size_t>(i)]; }

Diagnostic with_note(Diagnostic d, const Provision& other, std::string note) {
  d.notes.push_back(Note{other.span, std::move(note)});
  return d;
}

void check_override_cycles(const Version& v, std::vector<Diagnostic>& out) {
  // Depth-first search over `overrides`; a back edge is a cycle.
  const std::size_t n = v.provisions.size();
  std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
  std::vector<int> stack;
  auto visit = [&](auto&& self, int p) -> void {
    state[static_cast<std::size_t>(p)] = 1;
    stack.push_back(p);
    for (int q : at(v, p).overrides) {
      if (state[static_cast<std::size_t>(q)] == 1) {
        std::string path;
        auto from = std::find(stack.begin(), stack.end(), q);
        for (auto it = from; it != stack.end(); ++it) path += at(v, *it).para + " overrides ";
        path += at(v, q).para;
        const Provision& where = at(v, p);
        out.push_back(make_diagnostic(Code::cycle, where.span,
                                      "paragraphs override each other in a cycle: " + path,
                                      "priority must run one way; remove one `overrides`"));
      } else if (state[static_cast<std::size_t>(q)] == 0) {
        self(self, q);
      }
    }
    stack.pop_back();
    state[static_cast<std::size_t>(p)] = 2;
  };
  for (std::size_t p = 0; p < n; ++p)
    if (state[p] == 0) visit(visit, static_cast<int>(p));
}

// Whether some decision meets both provisions' conditions, answered in the
// exact partition of a decision kind they share. Each kind's partition, and
// each condition compiled against it, is built when first asked for.
class Overlaps {
 public:
  explicit Overlaps(const Version& v) : v_(v), kinds_(v.provisions.size()), by_kind_(v.provisions_by_kind.size()) {
    for (std::size_t kind = 0; kind < v.provisions_by_kind.size(); ++kind)
      for (int p : v.provisions_by_kind[kind]) kinds_[static_cast<std::size_t>(p)].push_back(static_cast<int>(kind));
  }

  bool operator()(int a, int b) {
    const auto& of_a = kinds_[static_cast<std::size_t>(a)];
    const auto& of_b = kinds_[static_cast<std::size_t>(b)];
    const auto shared = std::find_first_of(of_a.begin(), of_a.end(), of_b.begin(), of_b.end());
    if (shared == of_a.end()) return false;  // no decision is of a kind both govern
    Kind& kind = by_kind_[static_cast<std::size_t>(*shared)];
    if (kind.conditions.empty()) {
      kind.grid = space::build_grid(v_, *shared, std::numeric_limits<std::size_t>::max() - 1);
      kind.conditions.resize(v_.provisions.size());
    }
    return space::overlap(kind.grid, condition(kind, a), condition(kind, b));
  }

 private:
  struct Kind {
    space::Grid grid;
    std::vector<std::optional<space::CompiledCondition>> conditions;  // by provision
  };
  const space::CompiledCondition& condition(Kind& kind, int p) {
    auto& compiled = kind.conditions[static_cast<std::size_t>(p)];
    if (!compiled) {
      const auto& when = v_.provisions[static_cast<std::size_t>(p)].when;
      compiled = when ? space::CompiledCondition(kind.grid, *when) : space::CompiledCondition();
    }
    return *compiled;
  }

  const Version& v_;
  std::vector<std::vector<int>> kinds_;  // by provision
  std::vector<Kind> by_kind_;
};

// The provisions that share a decision kind with a provision, ascending:
// the kind's own list when it has one kind (most have), made once.
class Meeting {
 public:
  explicit Meeting(const Version& v) : v_(v), kinds_(v.provisions.size()) {
    for (std::size_t kind = 0; kind < v.provisions_by_kind.size(); ++kind)
      for (int p : v.provisions_by_kind[kind]) kinds_[static_cast<std::size_t>(p)].push_back(kind);
  }
  const std::vector<int>& others(int a) {
    const auto& kinds = kinds_[static_cast<std::size_t>(a)];
    if (kinds.size() == 1) return v_.provisions_by_kind[kinds.front()];
    union_.clear();
    for (std::size_t kind : kinds) union_.insert(union_.end(), v_.provisions_by_kind[kind].begin(), v_.provisions_by_kind[kind].end());
    std::sort(union_.begin(), union_.end());
    union_.erase(std::unique(union_.begin(), union_.end()), union_.end());
    return union_;
  }

 private:
  const Version& v_;
  std::vector<std::vector<std::size_t>> kinds_;  // by provision
  std::vector<int> union_;
};

// Text facts compared only with constants (`=`, `!=`, `in`; text has no
// other comparison): an `enum` would refuse a value outside the list, where
// text takes it as some other text (docs/language.md, "Text values").
void check_text_facts(const Version& v, std::vector<Diagnostic>& out) {
  std::vector<char> compared(v.facts.size(), 0);
  auto visit = [&](auto&& self, const Condition& c) -> void {
    if (c.kind == Condition::Kind::test && c.fact >= 0) compared[static_cast<std::size_t>(c.fact)] = 1;
    for (const Condition& operand : c.operands) self(self, operand);
  };
  for (const Provision& p : v.provisions)
    if (p.when) visit(visit, *p.when);
  for (std::size_t f = 0; f < v.facts.size(); ++f)
    if (v.facts[f].type == FactType::text && compared[f])
      out.push_back(make_diagnostic(Code::text_fact, v.facts[f].span,
                                    "`" + v.facts[f].name + "` is text, compared only with fixed values: a value outside them is taken "
                                        "as some other text, not refused",
                                    "declare it `enum {...}` with the values a decision may give, so that any other is an error"));
}

}  // namespace

void check_structure(const Version& v, std::vector<Diagnostic>& out) {
  check_text_facts(v, out);
  check_override_cycles(v, out);
  Overlaps overlap(v);
  Meeting meeting(v);
  const int n = static_cast<int>(v.provisions.size());
  for (int a = 0; a < n && out.size() <= limits::max_errors; ++a) {
    const Provision& pa = at(v, a);
    for (int target : pa.overrides) {
      const Provision& pt = at(v, target);
      // Nothing sets aside a reserved matter or a prohibition.
      if (pt.kind != ProvisionKind::reserved && pt.kind != ProvisionKind::prohibition) continue;
      const std::string what = pt.kind == ProvisionKind::reserved ? "reserved matter" : "prohibition";
      out.push_back(with_note(make_diagnostic(Code::reserved_override, pa.span,
                                              "paragraph " + pa.para + " overrides the " + what + " in paragraph " + pt.para,
                                              "nothing can set a " + what + " aside; narrow the " + what + "'s condition instead"),
                              pt, "the " + what + " is here"));
    }
    if (pa.kind != ProvisionKind::reserved && pa.kind != ProvisionKind::escalation && pa.kind != ProvisionKind::prohibition) continue;
    // Only provisions that share a decision kind with `a` can meet it, and
    // only some kinds of them can disagree with it: look there, each once,
    // and ask whether their conditions meet only of a pair that would
    // disagree (the overlap test is the dear part).
    const std::vector<int>& others = meeting.others(a);
    // A prohibition ranks with reserved matters: where one meets a reserved
    // matter, one says only its post may and the other that no post may.
    if (pa.kind == ProvisionKind::prohibition) {
      for (int b : others) {
        const Provision& pb = at(v, b);
        if (pb.kind != ProvisionKind::reserved || v.has_priority_between(a, b) || !overlap(a, b)) continue;
        out.push_back(with_note(
            make_diagnostic(Code::conflict, pb.span,
                            "paragraph " + pb.para + " reserves to `" + approver_text(v, pb.approver) + "` a matter that paragraph " +
                                pa.para + " prohibits",
                            "make the conditions exclusive: narrow the prohibition or the reserved matter"),
            pa, "the prohibition is here"));
      }
      continue;
    }
    for (int b : others) {
      if (a == b) continue;
      const Provision& pb = at(v, b);
      if (pb.kind == ProvisionKind::requirement || pb.kind == ProvisionKind::stand_in || pa.sole_post() < 0 || pb.approver.empty()) continue;
      // A reserved matter disagrees with another post's power or
      // reservation (each pair of reservations reported once, from the
      // first); an escalation meeting a reserved matter is settled by the
      // reserved matter's precedence (DESIGN §3.3). Two escalations disagree
      // when neither post is above the other.
      const bool may_disagree =
          pa.kind == ProvisionKind::reserved
              ? pb.sole_post() != pa.sole_post() && !(pb.kind == ProvisionKind::reserved && b < a) && pb.kind != ProvisionKind::escalation
              : pb.kind == ProvisionKind::escalation && a < b && pb.sole_post() != pa.sole_post() &&
                    !v.is_above(pa.sole_post(), pb.sole_post()) && !v.is_above(pb.sole_post(), pa.sole_post());
      if (!may_disagree || v.has_priority_between(a, b) || !overlap(a, b)) continue;
      const std::string post_a = approver_text(v, pa.approver);
      const std::string post_b = approver_text(v, pb.approver);
      if (pa.kind == ProvisionKind::reserved) {
        if (pb.kind == ProvisionKind::reserved) {
          out.push_back(with_note(
              make_diagnostic(Code::conflict, pb.span,
                              "paragraphs " + pa.para + " and " + pb.para + " reserve the same matter to different posts (`" +
                                  post_a + "` and `" + post_b + "`)",
                              "make the conditions exclusive, or say which prevails with `overrides`"),
              pa, "the other reservation is here"));
        } else {
          const char* verb = "delegates";
          out.push_back(with_note(
              make_diagnostic(Code::reserved_delegated, pb.span,
                              "paragraph " + pb.para + " " + verb + " to `" + post_b + "` a matter that paragraph " + pa.para +
                                  " reserves to `" + post_a + "`",
                              "a reserved matter cannot be delegated; make the conditions exclusive (e.g. by amount) or remove the delegation"),
              pa, "reserved here"));
        }
      } else {
        out.push_back(with_note(
            make_diagnostic(Code::conflict, pb.span,
                            "paragraphs " + pa.para + " and " + pb.para + " send the same matter to `" + post_a + "` and to `" +
                                post_b + "`, neither of which is above the other",
                            "make the conditions exclusive, or say which prevails with `overrides`"),
            pa, "the other escalation is here"));
      }
    }
  }
}

}  // namespace remit::check
