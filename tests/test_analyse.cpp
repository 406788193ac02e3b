// The analysis (space/space, analyse/analyse) against brute force: every
// cell of every kind of small schemes evaluated with remit::evaluate, and the
// findings derived from those verdicts by their definitions (docs/cli.md)
// compared with what the box search reports.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "analyse/analyse.hpp"
#include "analyse/diff.hpp"
#include "analyse/matrix.hpp"
#include "analyse/tabulate.hpp"
#include "analyse/rules.hpp"
#include "space/space.hpp"
#include "remit/format.hpp"
#include "support.hpp"
#include "support/generated_scheme.hpp"

using namespace remit;
using namespace remit::testing;
using remit::space::Box;
using remit::space::Run;
using remit::space::Space;
using remit::space::Tri;

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

Outcome who_outcome(const Version& v, int kind, const std::vector<std::optional<Value>>& facts) {
  return evaluate(analyse::who_question(v, kind, facts)).outcome;
}

// Small schemes that between them use every kind of provision, fact and
// comparison, overrides (also by a requirement), reserved matters below the
// top, escalations to posts beside each other, and every finding.
const std::string mixed_scheme = scheme_text(R"(post Mayor "Mayor"
post DMPC "Deputy Mayor" under Mayor
post CEO "Chief Executive" under DMPC
post CFO "Chief Finance Officer" under CEO
post Commissioner "Commissioner" consent from DMPC
post Director "Director of Property" under Commissioner
decision contract.award, expenditure, budget, plan, grant.award, property.disposal
fact amount, budget_total: money
fact novel, urgent: flag
fact route: enum {framework, open_tender, single}
fact funder: text
fact staff: integer
fact starts: date
para 1.1: reserved to DMPC: plan when not urgent
para 1.2: reserved to Mayor: plan when urgent
para 2.1: CEO must approve contract.award when route = open_tender
para 2.2: Commissioner may approve contract.award when amount <= £1m
para 2.3 overrides 2.2: DMPC must approve contract.award when amount > £250,000 and route = single
para 3.1: CEO may approve expenditure when amount <= £100,000
para 3.2: CFO may approve expenditure when amount <= £250,000 and not urgent
para 3.3: DMPC may approve expenditure when amount between £100,000.01 and £5m
para 4.1: CEO may approve budget when budget_total <= £500,000
para 4.2: DMPC may approve budget when budget_total >= £500,000 and staff > 10
para 4.3: Mayor may approve budget when budget_total > £500,000 and staff <= 10
para 5.1: DMPC may approve grant.award when amount > £1m and amount < £500,000
para 5.2 overrides 5.3: DMPC may approve grant.award when novel or funder = "Home Office"
para 5.3: CEO may approve grant.award when novel and amount > £10
para 5.4: CEO may approve grant.award when funder not in {"Home Office", "MoJ"}
para 6.1: Director may approve property.disposal when amount < £1m and starts >= 2021-01-01
para 6.2: DMPC must approve property.disposal when amount > £1m or urgent
para 6.3 overrides 6.1: requires "valuation" for property.disposal when starts between 2021-01-01 and 2021-12-31
para 7.1: DMPC must approve any decision when novel and urgent
)");

const std::string hole_scheme = scheme_text(R"(post DMPC "Deputy Mayor"
post CEO "Chief Executive" under DMPC
decision contract.award, policy
fact amount: money
para 4.12 "contracts over £500,000 go to the DMPC":
  DMPC must approve contract.award when amount > £500,000
para 4.13 "the CEO awards contracts under £500,000":
  CEO may approve contract.award when amount < £500,000
)");

// A threshold claimed by both sides only where another fact says so, and
// through an `or` inside an `and`: A stops at £500,000 when it starts before
// mid-2020; B starts there unless it starts within 2020. Both hold before
// 2020. (At £500,000 itself B's `or` holds whatever the date, so only the
// cell below shows where B starts.)
const std::string claimed_scheme = scheme_text(R"(post A "A"
post B "B"
decision budget
fact budget_total: money
fact starts: date
fact staff: integer
para 1: A may approve budget when budget_total <= £500,000 and starts < 2020-06-30 and not (staff <= 3)
para 2: B may approve budget when (budget_total >= £500,000 or starts between 2020-01-01 and 2020-12-31) and not (starts = 2022-02-28)
)");

// Generated schemes small enough to evaluate at every cell (no kind of more
// than `max_cells` cells), from the first seeds that give them.
std::vector<std::shared_ptr<const Scheme>> small_generated_schemes(std::size_t count, std::size_t max_cells) {
  std::vector<std::shared_ptr<const Scheme>> out;
  for (std::uint64_t seed = 1; out.size() < count && seed < 2000; ++seed) {
    auto loaded = load_text(generated_scheme(seed, 6 + seed % 14), "generated-" + std::to_string(seed) + ".remit");
    REQUIRE(loaded.scheme);
    const Version& v = loaded.scheme->versions.front();
    bool small = true;
    for (std::size_t k = 0; k < v.kinds.size() && small; ++k) small = space::build_grid(v, static_cast<int>(k), max_cells).cells <= max_cells;
    if (small) out.push_back(loaded.scheme);
  }
  return out;
}

std::vector<std::shared_ptr<const Scheme>> schemes_under_test() {
  std::vector<std::shared_ptr<const Scheme>> out = small_generated_schemes(30, 2000);
  REQUIRE(out.size() == 30);
  // With prohibitions too, the first few small enough.
  for (std::uint64_t seed = 3000, found = 0; found < 6 && seed < 3200; ++seed) {
    GeneratedSchemeOptions options;
    options.prohibitions = true;
    auto loaded = load_text(generated_scheme(seed, 6 + seed % 10, options), "prohibited-" + std::to_string(seed) + ".remit");
    REQUIRE(loaded.scheme);
    const Version& v = loaded.scheme->versions.front();
    bool small = true;
    for (std::size_t k = 0; k < v.kinds.size() && small; ++k) small = space::build_grid(v, static_cast<int>(k), 2000).cells <= 2000;
    if (small) {
      out.push_back(loaded.scheme);
      ++found;
    }
  }
  REQUIRE(out.size() == 36);
  for (const std::string& text : {mixed_scheme, hole_scheme, claimed_scheme}) {
    auto loaded = load_text(text);
    INFO(join_lines(brief(loaded.diagnostics)));
    REQUIRE(loaded.scheme);
    out.push_back(loaded.scheme);
  }
  for (const char* folder : {"/rules/mopac", "/tests/fixtures/tiny", "/tests/fixtures/versions", "/tests/fixtures/unformatted",
                             "/tests/fixtures/prohibited"}) {
    auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + folder);
    REQUIRE(loaded.scheme);
    out.push_back(loaded.scheme);
  }
  return out;
}

// Every cell of a space, as single-cell boxes, with the verdict of `who` there.
struct Cell {
  Box box;
  Verdict verdict;
};

std::vector<Cell> every_cell(const Space& s) {
  std::vector<Cell> cells;
  std::vector<std::uint32_t> at(s.grid().axes.size(), 0);
  while (true) {
    Box box;
    for (std::uint32_t c : at) box.push_back(Run{c, c});
    if (!s.empty(box)) cells.push_back(Cell{box, evaluate(analyse::who_question(s.version(), s.kind(), s.witness(box)))});
    std::size_t i = 0;
    for (; i < at.size(); ++i) {
      if (++at[i] < s.grid().axes[i].cells) break;
      at[i] = 0;
    }
    if (i == at.size()) break;
  }
  return cells;
}

std::string_view status(const Cell& c, std::size_t candidate) { return trace_status_name(c.verdict.trace.at(candidate).status); }


}  // namespace

TEST_CASE("at every cell the three-valued rules agree with the evaluator's trace", "[analyse]") {
  for (const auto& scheme : schemes_under_test())
    for (const Version& v : scheme->versions)
      for (std::size_t k = 0; k < v.kinds.size(); ++k) {
        const Space s(v, static_cast<int>(k));
        for (const Cell& cell : every_cell(s)) {
          const auto probes = analyse::Rules::probes(s);
          std::vector<std::uint8_t> values(probes.size(), space::Truth::unknown);
          const space::Truth truth(probes, cell.box, values);
          analyse::Rules rules(s, truth);
          INFO(v.label << " " << v.kinds[k] << " " << analyse::witness_json(v, static_cast<int>(k), s.witness(cell.box)));
          for (std::size_t c = 0; c < s.candidates().size(); ++c) {
            INFO("para " << s.provision(c).para << ": " << cell.verdict.trace[c].reason);
            CHECK((truth[c] == Tri::yes) == (status(cell, c) != "not_applicable"));
            CHECK(truth[c] != Tri::part);
            CHECK((rules.applies(c) == Tri::yes) == (status(cell, c) == "applies"));
          }
          CHECK((rules.any_authority() == Tri::no) == (cell.verdict.outcome == Outcome::no_authority));
        }
      }
}

TEST_CASE("the analysis finds exactly what brute force finds", "[analyse]") {
  for (const auto& scheme : schemes_under_test())
    for (const Version& v : scheme->versions) {
      const analyse::Analysis a = analyse::analyse_version(v);
      INFO("version " << v.label << " of " << v.scheme_title);
      std::vector<char> alive(v.provisions.size(), 0), decisive(v.provisions.size(), 0);
      for (std::size_t k = 0; k < v.kinds.size(); ++k) {
        const int kind = static_cast<int>(k);
        const Space s(v, kind);
        const auto cells = every_cell(s);
        const auto& cands = s.candidates();
        INFO("kind " << v.kinds[k]);
        auto findings = [&](const std::string& code) {
          std::vector<const analyse::Finding*> out;
          for (const analyse::Finding& f : a.findings)
            if (code_name(f.code) == code && f.kind == kind) out.push_back(&f);
          return out;
        };
        // Gaps and uncovered thresholds: exactly the cells with no authority,
        // in the grid the analysis uses (cut also by `known` statements).
        std::vector<const analyse::Finding*> holes = findings("gap");
        for (const auto* f : findings("boundary"))
          if (!f->box.empty() || s.grid().axes.empty()) holes.push_back(f);
        const Space cut(v, kind, [&] {
          std::vector<const Condition*> extra;
          for (const Acknowledgement& ack : v.known)
            if (ack.when && std::find(ack.kinds.begin(), ack.kinds.end(), kind) != ack.kinds.end()) extra.push_back(&*ack.when);
          return extra;
        }());
        for (const Cell& fine : every_cell(cut)) {
          const bool none = fine.verdict.outcome == Outcome::no_authority;
          const bool reported = std::any_of(holes.begin(), holes.end(), [&](const analyse::Finding* f) {
            return (f->code == Code::gap || !f->box.empty()) && Space::contains(f->box, fine.box);
          });
          INFO(analyse::witness_json(v, kind, cut.witness(fine.box)));
          CHECK(none == reported);
        }
        for (const auto* f : holes) CHECK(who_outcome(v, kind, f->witness) == Outcome::no_authority);
        // Provisions that apply somewhere, and that are in effect somewhere.
        for (const Cell& cell : cells)
          for (std::size_t c = 0; c < cands.size(); ++c) {
            if (status(cell, c) != "not_applicable") alive[static_cast<std::size_t>(cands[c])] = 1;
            if (status(cell, c) == "applies") decisive[static_cast<std::size_t>(cands[c])] = 1;
          }
        // Escalations that leave a power beside them in place: (escalation, post).
        std::set<std::pair<int, int>> conflicts;
        for (const Cell& cell : cells) {
          bool reserved = false;
          for (std::size_t c = 0; c < cands.size(); ++c)
            reserved = reserved || (s.provision(c).kind == ProvisionKind::reserved && status(cell, c) == "applies");
          if (reserved) continue;
          for (std::size_t e = 0; e < cands.size(); ++e)
            for (std::size_t p = 0; p < cands.size(); ++p) {
              const Provision& esc = s.provision(e);
              const Provision& pow = s.provision(p);
              if (esc.kind != ProvisionKind::escalation || pow.kind != ProvisionKind::power) continue;
              if (pow.sole_post() == esc.sole_post() || v.is_above(esc.sole_post(), pow.sole_post()) || v.is_above(pow.sole_post(), esc.sole_post()) ||
                  v.has_priority_between(cands[e], cands[p]))
                continue;
              if (status(cell, e) == "applies" && status(cell, p) == "applies") conflicts.insert({cands[e], pow.sole_post()});
            }
        }
        std::set<std::pair<int, int>> reported_conflicts;
        for (const auto* f : findings("bypass"))  // one per escalation and post beside it
          reported_conflicts.insert({f->provisions[0], v.provisions[static_cast<std::size_t>(f->provisions[1])].sole_post()});
        CHECK(conflicts == reported_conflicts);
        // Limits that grow down a chain, on the first money axis.
        std::size_t money = s.grid().axes.size();
        for (std::size_t i = 0; i < s.grid().axes.size() && money == s.grid().axes.size(); ++i)
          if (s.grid().axes[i].type == FactType::money) money = i;
        std::set<std::pair<int, int>> limits;  // (power, post above)
        if (money < s.grid().axes.size())
          for (std::size_t p = 0; p < cands.size(); ++p) {
            if (s.provision(p).kind != ProvisionKind::power) continue;
            // The nearest post above with powers of its own for the kind.
            auto has_powers = [&](int post) {
              for (std::size_t q = 0; q < cands.size(); ++q)
                if (s.provision(q).kind == ProvisionKind::power && s.provision(q).sole_post() == post) return true;
              return false;
            };
            int nearest = v.posts[static_cast<std::size_t>(s.provision(p).sole_post())].parent;
            while (nearest >= 0 && !has_powers(nearest)) nearest = v.posts[static_cast<std::size_t>(nearest)].parent;
            for (int above = nearest; above >= 0; above = -1) {
              auto own_power_holds = [&](const Cell& cell) {
                for (std::size_t q = 0; q < cands.size(); ++q)
                  if (s.provision(q).kind == ProvisionKind::power && s.provision(q).sole_post() == above && status(cell, q) != "not_applicable")
                    return true;
                return false;
              };
              for (const Cell& x : cells) {
                if (status(x, p) != "applies" || own_power_holds(x)) continue;
                const bool reaches_below = std::any_of(cells.begin(), cells.end(), [&](const Cell& y) {
                  for (std::size_t i = 0; i < y.box.size(); ++i)
                    if (i != money && !(y.box[i] == x.box[i])) return false;
                  return y.box[money].first < x.box[money].first && own_power_holds(y);
                });
                if (reaches_below) limits.insert({cands[p], above});
              }
            }
          }
        std::set<std::pair<int, int>> reported_limits;
        for (const auto* f : findings("chain"))
          if (v.provisions[static_cast<std::size_t>(f->provisions[0])].kind == ProvisionKind::power)
            reported_limits.insert({f->provisions[0], v.provisions[static_cast<std::size_t>(f->provisions[1])].sole_post()});
        CHECK(limits == reported_limits);
        // Thresholds claimed by both sides: one finding per (axis, constant).
        std::size_t doubles = 0;
        for (std::size_t i = 0; i < s.grid().axes.size(); ++i) {
          const auto& axis = s.grid().axes[i];
          if (axis.type == FactType::flag || axis.type == FactType::text || axis.type == FactType::enumeration) continue;
          for (std::uint32_t t = 1; t + 1 < axis.cells; t += 2) {
            if (axis.empty(t - 1) || axis.empty(t + 1)) continue;
            bool found = false;
            for (const Cell& at : cells) {
              if (at.box[i].first != t || found) continue;
              auto at_cell = [&](std::uint32_t c) {
                Box b = at.box;
                b[i] = Run{c, c};
                return std::find_if(cells.begin(), cells.end(), [&](const Cell& y) { return y.box == b; });
              };
              const auto below = at_cell(t - 1), above = at_cell(t + 1);
              for (std::size_t p = 0; p < cands.size() && !found; ++p)
                for (std::size_t q = 0; q < cands.size() && !found; ++q) {
                  if (s.provision(p).kind == ProvisionKind::requirement || s.provision(q).kind == ProvisionKind::requirement) continue;
                  if (s.provision(p).sole_post() == s.provision(q).sole_post() || v.has_priority_between(cands[p], cands[q])) continue;
                  auto holds = [&](const Cell& c, std::size_t x) { return status(c, x) != "not_applicable"; };
                  found = holds(*below, p) && holds(at, p) && !holds(*above, p) && !holds(*below, q) && holds(at, q) && holds(*above, q);
                }
            }
            doubles += found;
          }
        }
        std::size_t reported_doubles = 0;
        for (const auto* f : findings("boundary")) reported_doubles += f->box.empty() && !s.grid().axes.empty();
        CHECK(doubles == reported_doubles);
      }
      // Dead, shadowed, and reserved matters below the top.
      for (std::size_t p = 0; p < v.provisions.size(); ++p) {
        bool matched = false;
        for (const auto& ps : v.provisions_by_kind) matched = matched || std::find(ps.begin(), ps.end(), static_cast<int>(p)) != ps.end();
        if (!matched) continue;
        auto reported = [&](const std::string& code) {
          return std::any_of(a.findings.begin(), a.findings.end(), [&](const analyse::Finding& f) {
            return code_name(f.code) == code && f.provisions.size() == 1 && f.provisions[0] == static_cast<int>(p);
          });
        };
        INFO("para " << v.provisions[p].para);
        CHECK(reported("dead") == !alive[p]);
        CHECK(reported("shadowed") == (alive[p] && !decisive[p]));
        const bool below_top = v.provisions[p].kind == ProvisionKind::reserved && v.posts[static_cast<std::size_t>(v.provisions[p].sole_post())].parent >= 0;
        CHECK(reported("chain") == (below_top && decisive[p]));
      }
    }
}

TEST_CASE("`known` statements: their forms, their errors, and the findings they keep", "[analyse][known]") {
  const std::string base = R"(post DMPC "Deputy Mayor"
post CEO "Chief Executive" under DMPC
decision contract.award, grant.award
fact amount: money
fact novel: flag
para 4.12: DMPC must approve contract.award when amount > £500,000
para 4.13: CEO may approve contract.award when amount < £500,000
para 5.1: CEO may approve grant.award when amount < £50,000
para 5.2 overrides 5.3: DMPC may approve grant.award when novel
para 5.3: CEO may approve grant.award when novel
)";
  SECTION("the region form keeps exactly the part of a gap inside its region; the paragraph form keeps what names only its paragraphs") {
    auto loaded = load_text(scheme_text(base + R"(known boundary for contract.award when amount = £500,000: "settled by the finance rules"
known gap for grant.award when amount >= £50,000 and amount < £1m: "grants of £50,000 or more are made under the grants framework"
known shadowed para 5.3: "kept for the 2021 review"
known conflict para 4.12: "nothing to keep"
)"));
    REQUIRE(loaded.scheme);
    const analyse::Analysis a = analyse::analyse_version(loaded.scheme->versions.front());
    std::vector<std::string> open, kept;
    for (const auto& f : a.findings) (f.known < 0 ? open : kept).push_back(std::string(code_name(f.code)) + " " + f.region);
    CHECK(kept == std::vector<std::string>{"boundary amount = £500,000", "gap amount >= £50,000 and amount < £1,000,000 and not novel",
                                           "shadowed "});
    CHECK(open == std::vector<std::string>{"gap amount >= £1,000,000 and not novel", "known-unused "});
    const auto diagnostics = analyse::unaccepted(a);
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[1].message == "nothing matches this `known conflict`: the analysis no longer finds such a conflict among the "
                                    "paragraphs it names");
  }
  SECTION("a code the analysis does not have, the wrong form, and an unknown paragraph are errors") {
    CHECK(check_text(scheme_text(base + "known gaps for grant.award: \"x\"\n")) ==
          std::vector<std::string>{"14:7: error: `remit analyse` reports no finding called `gaps` [known]"});
    CHECK(check_text(scheme_text(base + "known gap para 5.1: \"x\"\n")) ==
          std::vector<std::string>{"14:7: error: a `known gap` names the decisions it keeps [known]"});
    CHECK(check_text(scheme_text(base + "known dead for grant.award: \"x\"\n")) ==
          std::vector<std::string>{"14:7: error: a `known dead` names the paragraphs it keeps [known]"});
    CHECK(check_text(scheme_text(base + "known shadowed para 5.9: \"x\"\n")) ==
          std::vector<std::string>{"14:21: error: paragraph 5.9 does not exist in version `2020` [undefined-paragraph]"});
    CHECK(check_text(scheme_text(base + "known gap for grant.awards: \"x\"\n")) ==
          std::vector<std::string>{"14:15: error: undefined decision kind `grant.awards` [undefined-name]"});
    CHECK(check_text(scheme_text(base + "known gap for grant.award: \"\"\n")) ==
          std::vector<std::string>{"14:28: error: the reason is empty [known]"});
  }
  SECTION("`remit fmt` lays them out: one line, else the reason on its own line") {
    const auto formatted = format_source(source("x.remit", scheme_text(base + R"(KNOWN   gap for grant.award   when amount>=£50,000: "short"
known gap for grant.award when amount >= £50,000 and not novel and amount < £1m: "a reason long enough to need a line of its own"
known shadowed para 5.3,5.2 : "x"
)")));
    REQUIRE(formatted.text);
    CHECK(formatted.text->substr(formatted.text->find("known")) ==
          "known gap for grant.award when amount >= £50,000: \"short\"\n"
          "known gap for grant.award when amount >= £50,000 and not novel and amount < £1m:\n"
          "  \"a reason long enough to need a line of its own\"\n"
          "known shadowed para 5.3, 5.2: \"x\"\n");
  }
}

TEST_CASE("a run of cells as a condition and as a band, with the ends the rules give it", "[analyse][grid]") {
  auto loaded = load_text(scheme_text(R"(post DMPC "Deputy Mayor"
decision contract.award
fact amount: money
fact starts: date
fact route: enum {framework, open_tender, single}
fact funder: text
fact novel: flag
para 1: DMPC may approve contract.award when amount > £0 and amount <= £50,000 and amount < £1m and starts >= 2021-01-01
para 2: DMPC may approve contract.award when route = single and funder in {"Home Office", "MoJ"} and novel
)"));
  REQUIRE(loaded.scheme);
  const Version& v = loaded.scheme->versions.front();
  const Space s(v, 0);
  const auto& money = s.grid().axes[0];  // £0, £50,000, £1m: cells [£0] (£0,£50k) [£50k] (£50k,£1m) [£1m] (£1m,…), below £0 empty
  const FactDef& amount = v.facts[0];
  CHECK(money.condition(0, 6, amount).empty());
  CHECK(money.condition(1, 6, amount).empty());  // from £0 is every amount
  CHECK(money.condition(0, 3, amount) == "amount <= £50,000");
  CHECK(money.condition(0, 2, amount) == "amount < £50,000");
  CHECK(money.condition(3, 6, amount) == "amount >= £50,000");
  CHECK(money.condition(4, 6, amount) == "amount > £50,000");
  CHECK(money.condition(3, 5, amount) == "amount between £50,000 and £1,000,000");
  CHECK(money.condition(4, 4, amount) == "amount > £50,000 and amount < £1,000,000");
  CHECK(money.condition(3, 3, amount) == "amount = £50,000");
  CHECK(money.band(0, 6, amount) == "any amount");
  CHECK(money.band(0, 3, amount) == "up to £50,000");
  CHECK(money.band(0, 2, amount) == "under £50,000");
  CHECK(money.band(3, 6, amount) == "£50,000 or above");
  CHECK(money.band(4, 6, amount) == "over £50,000");
  CHECK(money.band(4, 5, amount) == "over £50,000 up to £1,000,000");
  CHECK(money.band(3, 4, amount) == "from £50,000 and under £1,000,000");
  CHECK(money.band(3, 3, amount) == "exactly £50,000");
  const auto& starts = s.grid().axes[1];
  CHECK(starts.band(1, 2, v.facts[1]) == "on or after 2021-01-01");
  CHECK(starts.band(0, 0, v.facts[1]) == "before 2021-01-01");
  CHECK(s.grid().axes[2].condition(2, 2, v.facts[2]) == "route = single");
  CHECK(s.grid().axes[2].condition(0, 1, v.facts[2]) == "route in {framework, open_tender}");
  // Text is shown as it is compared, normalised (docs/language.md, "Text values").
  CHECK(s.grid().axes[3].condition(2, 2, v.facts[3]) == "funder not in {\"home office\", \"moj\"}");
  CHECK(s.grid().axes[3].condition(1, 2, v.facts[3]) == "funder != \"home office\"");
  CHECK(s.grid().axes[3].condition(0, 1, v.facts[3]) == "funder in {\"home office\", \"moj\"}");
  CHECK(s.grid().axes[4].condition(0, 0, v.facts[4]) == "not novel");
}

namespace {

// Decisions around every threshold of either version (1p below, at, 1p
// above) with every value of every flag and member, by fact name.
std::vector<std::vector<std::pair<std::string, Value>>> sample_decisions(const Version& a, const Version& b, const std::string& kind) {
  std::vector<std::pair<std::string, std::vector<Value>>> values;  // fact -> values to try
  for (const Version* v : {&a, &b}) {
    const int k = v->find_kind(kind);
    if (k < 0) continue;
    std::vector<std::vector<Value>> constants;
    std::vector<char> used;
    space::collect_constants(*v, k, constants, used);
    for (std::size_t f = 0; f < v->facts.size(); ++f) {
      if (!used[f]) continue;
      const FactDef& def = v->facts[f];
      auto it = std::find_if(values.begin(), values.end(), [&](const auto& x) { return x.first == def.name; });
      if (it == values.end()) it = values.insert(values.end(), {def.name, {}});
      if (def.type == FactType::flag) it->second = {Value{0, {}}, Value{1, {}}};
      for (const Value& c : constants[f])
        for (std::int64_t delta : {-1, 0, 1})
          if (c.number + delta >= 0) it->second.push_back(Value{c.number + delta, {}});
      if (def.type == FactType::money) it->second.push_back(Value{0, {}});
    }
  }
  std::vector<std::vector<std::pair<std::string, Value>>> out{{}};
  for (const auto& [name, options] : values) {
    std::vector<std::vector<std::pair<std::string, Value>>> next;
    for (const auto& partial : out)
      for (const Value& x : options) {
        auto more = partial;
        more.push_back({name, x});
        next.push_back(std::move(more));
      }
    out = std::move(next);
  }
  return out;
}

std::optional<analyse::Answer> answer_by_name(const Version& v, const std::string& kind, const std::vector<std::pair<std::string, Value>>& named) {
  const int k = v.find_kind(kind);
  if (k < 0) return std::nullopt;
  std::vector<std::optional<Value>> facts(v.facts.size());
  for (const auto& [name, x] : named)
    if (const int f = v.find_fact(name); f >= 0) facts[static_cast<std::size_t>(f)] = x;
  return analyse::answer(v, k, facts);
}

}  // namespace

TEST_CASE("a diff reports a change exactly where a decision's answer changes", "[analyse][diff]") {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  const auto& versions = loaded.scheme->versions;
  std::size_t changed_samples = 0;
  for (std::size_t i = 0; i < versions.size(); ++i)
    for (std::size_t j = 0; j < versions.size(); ++j) {
      const Version& a = versions[i];
      const Version& b = versions[j];
      const analyse::Diff d = analyse::diff_versions(a, b, 1u << 20);
      INFO(a.label << " -> " << b.label);
      if (i == j) CHECK(d.changes.empty());
      for (const std::string& kind : b.kinds) {
        std::string error;
        const auto t = analyse::Tabulation::make({&a, &b}, kind, 1u << 20, error);
        REQUIRE(t);
        for (const auto& sample : sample_decisions(a, b, kind)) {
          const bool changed = answer_by_name(a, kind, sample) != answer_by_name(b, kind, sample);
          const auto cell = t->locate(sample);
          REQUIRE(cell);
          const std::size_t covering = static_cast<std::size_t>(std::count_if(d.changes.begin(), d.changes.end(), [&](const analyse::AnswerChange& c) {
            return c.kind == kind && c.first_band <= cell->first && cell->first <= c.last_band && c.cases[cell->second] == 1;
          }));
          INFO(kind << " " << sample.front().first);
          CHECK(covering == (changed ? 1u : 0u));
          changed_samples += changed;
        }
      }
    }
  CHECK(changed_samples > 100);
}

TEST_CASE("the 2015 to 2020 MOPAC diff shows para 4.8's change of meaning and where the answers moved", "[analyse][diff]") {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  const Version& v2015 = *loaded.scheme->find_version("2015");
  const Version& v2020 = *loaded.scheme->find_version("2020");
  const analyse::Diff d = analyse::diff_versions(v2015, v2020, 1u << 20);
  REQUIRE(d.changed_meaning.size() == 1);
  CHECK(d.changed_meaning[0].para == "4.8");
  CHECK(analyse::rule_text(v2015, *d.changed_meaning[0].before) == "DMPC must approve contract.tender when amount > £500,000");
  CHECK(analyse::rule_text(v2020, *d.changed_meaning[0].after) == "DMPC may approve grant.bid, grant.acceptance");
  auto find = [&](const std::string& kind, const std::string& band, const std::string& when) -> const analyse::AnswerChange* {
    for (const auto& c : d.changes)
      if (c.kind == kind && c.band == band && c.when == when) return &c;
    return nullptr;
  };
  const auto* tender = find("contract.tender", "over £500,000", "");
  REQUIRE(tender);
  CHECK(tender->paras_dropped == std::vector<std::string>{"4.8"});
  CHECK(tender->paras_added == std::vector<std::string>{"procure.500k"});
  const auto* bid = find("grant.bid", "any amount", "");
  REQUIRE(bid);
  CHECK(bid->paras_added == std::vector<std::string>{"4.8"});
  const auto* disposal = find("property.disposal", "under £1,000,000", "not novel and not contentious and not public_interest and not unusual_features");
  REQUIRE(disposal);
  CHECK(disposal->before->lowest == remit::testing::each({"DMPC"}));
  CHECK(disposal->after->lowest == remit::testing::each({"MPSDirectorProperty"}));
  CHECK(disposal->after->duties == std::vector<std::string>{"report retrospectively to DMPC"});
}

TEST_CASE("the authority matrix: bands with the rules' own ends, the usual answer and the exceptions", "[analyse][matrix]") {
  auto loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  const analyse::Matrix m = analyse::build_matrix(*loaded.scheme->find_version("2020"), 1u << 20);
  auto kind = [&](const std::string& name) {
    return *std::find_if(m.kinds.begin(), m.kinds.end(), [&](const analyse::MatrixKind& k) { return k.kind == name; });
  };
  const auto award = kind("contract.award");
  REQUIRE(award.rows.size() == 2);
  CHECK(award.rows[0].band == "up to £500,000");
  CHECK(award.rows[0].usual.lowest == remit::testing::each({"Commissioner"}));
  CHECK(award.rows[0].usual.paras == std::vector<std::string>{"mps.procure"});
  REQUIRE(award.rows[0].exceptions.size() == 1);
  CHECK(award.rows[0].exceptions[0].when == "novel or contentious or public_interest");
  CHECK(award.rows[0].exceptions[0].answer.lowest == remit::testing::each({"DMPC"}));
  CHECK(award.rows[1].band == "over £500,000");
  CHECK(award.rows[1].usual.lowest == remit::testing::each({"DMPC"}));
  CHECK(award.rows[1].exceptions.empty());
  const auto grants = kind("grant.award");
  REQUIRE(grants.rows.size() == 2);
  CHECK(grants.rows[0].band == "under £50,000");
  CHECK(grants.rows[0].usual.duties == std::vector<std::string>{"report quarterly to DMPC"});
  CHECK(grants.rows[1].band == "£50,000 or above");
  CHECK(kind("plan.police_and_crime").rows[0].usual.lowest == remit::testing::each({"Mayor"}));
  CHECK(kind("plan.police_and_crime").rows[0].usual.others.empty());
  REQUIRE(m.common_papers);
  CHECK(m.common_papers->size() == 3);
}

TEST_CASE("a search cuts a pattern probe where it changes on either side of the threshold, not only at it", "[analyse]") {
  auto loaded = load_text(claimed_scheme);
  REQUIRE(loaded.scheme);
  const Version& v = loaded.scheme->versions.front();
  const Space s(v, 0);
  const std::size_t axis = 0;                           // budget_total: £500,000 is its only constant
  const std::uint32_t t = 1;                            // the cell of £500,000
  const auto& para2 = s.condition(s.position(v.find_para("2")));
  // At £500,000 itself para 2 holds whatever the date; whether it starts
  // there depends on the date, which only the cell below shows.
  bool found = false;
  Box root = s.whole();
  root[axis] = Run{t, t};
  space::search(s, root, {space::Probe{&para2, static_cast<int>(axis), t, 0b011 + 1}},
                  [&](const Box&, const space::Truth& truth, std::vector<std::size_t>&) {
                    if (truth[0] == Tri::yes) found = true;
                    return truth[0] == Tri::yes ? space::Step::stop : truth[0] == Tri::part ? space::Step::split : space::Step::settle;
                  });
  CHECK(found);
}

TEST_CASE("an escalation bypassed is kept by `known bypass`, and by its former name `known conflict`", "[analyse]") {
  const std::string body = R"(post DMPC "Deputy Mayor"
post CEO "Chief Executive" under DMPC
post Commissioner "Commissioner" consent from DMPC
decision contract.award
fact route: enum {framework, open_tender}
para 2.1: CEO must approve contract.award when route = open_tender
para 2.2: Commissioner may approve contract.award
)";
  auto open_findings = [](const std::string& text) {
    auto loaded = load_text(text);
    REQUIRE(loaded.scheme);
    std::vector<std::string> open;
    for (const auto& f : analyse::analyse_scheme(*loaded.scheme).findings)
      if (f.known < 0) open.push_back(std::string(code_name(f.code)));
    return open;
  };
  CHECK(open_findings(scheme_text(body)) == std::vector<std::string>{"bypass"});
  CHECK(open_findings(scheme_text(body + "known bypass para 2.1, 2.2: \"outside the escalation\"\n")).empty());
  CHECK(open_findings(scheme_text(body + "known conflict para 2.1, 2.2: \"outside the escalation\"\n")).empty());
}
