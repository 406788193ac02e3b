// Issue 12 items 2, 4, 7, 8 and 9: prohibitions (`no post may approve …`),
// decision kinds with labels and phrases, matrix exceptions, and how evidence names duties.
#include <catch2/catch.hpp>

#include "analyse/analyse.hpp"
#include "analyse/matrix.hpp"
#include "report/analysis_report.hpp"
#include "eval/decide.hpp"
#include "remit/analysis.hpp"
#include "remit/format.hpp"
#include "remit/report.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

const std::string body = R"(post Council "Council"
post DoF "Director of Finance" under Council
post BudgetHolder "Budget holder" under DoF
decision purchase "Purchases and contracts" phrases "purchase order", "contract"
decision plan
fact amount: money
fact self_approval: flag
para G0d "no one may approve a request they raised": no post may approve purchase when self_approval
para G1: BudgetHolder may approve purchase when amount <= £10,000
para G2: DoF may approve purchase when amount <= £500,000
para G3: Council may approve purchase
para G4: requires "Finance comments" for purchase when amount > £250,000
para P1: reserved to Council: plan
)";  // lines 4–16 of a test scheme

std::shared_ptr<const Scheme> scheme() {
  static auto loaded = load_text(scheme_text(body));
  REQUIRE(brief(loaded.diagnostics) == Lines{});
  return loaded.scheme;
}

Verdict decide(const std::string& approver, const std::string& facts) {
  return eval_json(*scheme(), R"({"kind": "purchase", )" + (approver.empty() ? std::string() : R"("approver": ")" + approver + R"(", )") +
                                  R"("date": "2021-01-01", "facts": {)" + facts + "}}");
}

Verdict who(const std::string& facts) {
  std::vector<std::string> given;
  for (std::size_t at = 0; at < facts.size();) {
    const std::size_t end = facts.find(' ', at);
    given.push_back(facts.substr(at, end == std::string::npos ? std::string::npos : end - at));
    at = end == std::string::npos ? facts.size() : end + 1;
  }
  DecisionReading r = make_query(*scheme(), "purchase", std::string("2021-01-01"), std::nullopt, given);
  REQUIRE(r.decision);
  return evaluate(*r.decision);
}

std::string formatted(const std::string& text) { return format_source(source("x.remit", text)).text.value_or("(not formatted)"); }

}  // namespace

TEST_CASE("a prohibition refuses whatever the powers say, and is cited", "[prohibition]") {
  const Verdict own = decide("BudgetHolder", R"("amount": "£5,000", "self_approval": true)");
  CHECK(own.outcome == Outcome::not_authorised);
  CHECK(paras(own) == Lines{"G0d"});
  CHECK(own.provisions.at(0).kind == ProvisionKind::prohibition);
  CHECK(own.provisions.at(0).post.empty());
  CHECK(own.may_approve.empty());
  CHECK(own.lowest.empty());
  CHECK(own.requirements.empty());
  CHECK(own.reason == "BudgetHolder may not approve `purchase`: it is prohibited by para G0d (2020)");
  // Not even the post at the top.
  const Verdict top = decide("Council", R"("amount": "£5m", "self_approval": true)");
  CHECK(top.outcome == Outcome::not_authorised);
  CHECK(paras(top) == Lines{"G0d"});
  // The powers it sets aside say so in the trace.
  CHECK(top.trace.at(0).status == TraceStatus::applies);
  CHECK(top.trace.at(3).status == TraceStatus::set_aside);
  CHECK(top.trace.at(3).reason == "Council may approve purchase: set aside by the prohibition in para G0d");
  // Where its condition does not hold, the powers decide as usual.
  const Verdict other = decide("BudgetHolder", R"("amount": "£5,000", "self_approval": false)");
  CHECK(other.outcome == Outcome::authorised);
  CHECK(paras(other) == Lines{"G1"});
}

TEST_CASE("a prohibition whose condition is unknown leaves the verdict undetermined, naming the facts", "[prohibition]") {
  const Verdict v = decide("BudgetHolder", R"("amount": "£5,000")");
  CHECK(v.outcome == Outcome::undetermined);
  CHECK(v.missing_facts == Lines{"self_approval"});
  CHECK(v.reason == "the answer depends on self_approval, which the decision does not give");
  // A post that may not approve anyway is refused whatever the fact.
  const Verdict no = decide("BudgetHolder", R"("amount": "£50,000")");
  CHECK(no.outcome == Outcome::not_authorised);
}

TEST_CASE("`who` answers that a prohibited decision is prohibited, citing the prohibition", "[prohibition]") {
  const Verdict v = who("amount=£5,000 self_approval=true");
  CHECK(v.outcome == Outcome::not_authorised);
  CHECK(paras(v) == Lines{"G0d"});
  CHECK(v.may_approve.empty());
  CHECK(v.reason == "no post may approve `purchase`: it is prohibited by para G0d (2020)");
  CHECK(who_text(v, false).rfind("who may approve `purchase`: no post: the decision is prohibited\n", 0) == 0);
  CHECK(who_json(v).find(R"("answer": "prohibited")") != std::string::npos);
}

TEST_CASE("a prohibition ranks with reserved matters: where they meet it is a conflict", "[prohibition]") {
  const std::string posts = R"(post Council "Council"
post DoF "Director of Finance" under Council
decision purchase
fact amount: money
fact self_approval: flag
)";  // lines 4–8
  CHECK(check_text(scheme_text(posts + "para R1: reserved to Council: purchase when amount > £1m\n"
                                       "para G0d: no post may approve purchase when self_approval\n")) ==
        Lines{"9:6: error: paragraph R1 reserves to `Council` a matter that paragraph G0d prohibits [conflict]"});
  // Exclusive conditions do not meet.
  CHECK(check_text(scheme_text(posts + "para R1: reserved to Council: purchase when amount > £1m and not self_approval\n"
                                       "para G0d: no post may approve purchase when self_approval\n")) == Lines{});
  // Nothing sets a prohibition aside.
  CHECK(check_text(scheme_text(posts + "para G0d: no post may approve purchase when self_approval\n"
                                       "para G1 overrides G0d: Council may approve purchase\n")) ==
        Lines{"10:6: error: paragraph G1 overrides the prohibition in paragraph G0d [reserved-override]"});
  // In the evaluator a reserved matter and a prohibition in effect together are a conflict too.
  auto loaded = load_text(scheme_text(posts + "para R1: reserved to Council: purchase when amount > £1m\n"
                                              "para G0d: no post may approve purchase when self_approval\n"));
  CHECK_FALSE(loaded.scheme);
}

TEST_CASE("decisions a prohibition closes are not gaps", "[prohibition]") {
  auto loaded = load_text(scheme_text(R"(post Council "Council"
decision purchase
fact self_approval: flag
para G0d: no post may approve purchase when self_approval
para G1: Council may approve purchase when not self_approval
)"));
  REQUIRE(loaded.scheme);
  CHECK(analyse::analyse_version(loaded.scheme->versions.front()).findings.empty());
  // A prohibition alone still leaves the rest a gap.
  auto alone = load_text(scheme_text(R"(post Council "Council"
decision purchase
fact self_approval: flag
para G0d: no post may approve purchase when self_approval
)"));
  REQUIRE(alone.scheme);
  const auto findings = analyse::analyse_version(alone.scheme->versions.front()).findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == Code::gap);
  CHECK(findings[0].region == "not self_approval");
}

TEST_CASE("a prohibition parses in any case and formats canonically", "[prohibition][fmt]") {
  CHECK(formatted(scheme_text("post A \"A\"\ndecision x\nfact f: flag\npara 1:  NO   Post MAY approve x WHEN f\n")) ==
        scheme_text("post A \"A\"\ndecision x\nfact f: flag\npara 1: no post may approve x when f\n"));
  // `no posts` is not a prohibition, nor a post called `no`.
  CHECK(check_text(scheme_text("post A \"A\"\ndecision x\npara 1: no posts may approve x\n")) ==
        Lines{"6:9: error: expected a provision: `POST may approve …`, `POST must approve …`, `reserved to POST: …`, "
              "`requires …` or `no post may approve …` after `:`, found `no` [parse]"});
  CHECK(check_text(scheme_text("post A \"A\"\ndecision x\npara 1: no post must approve x\n")) ==
        Lines{"6:17: error: expected `may` after `post`, found `must` [parse]"});
  // A post may still be called `no`.
  CHECK(check_text(scheme_text("post no \"No\"\ndecision x\npara 1: no may approve x\n")) == Lines{});
}

TEST_CASE("a decision kind keeps its label and phrases", "[kinds]") {
  const Version& v = scheme()->versions.front();
  CHECK(v.kinds == Lines{"purchase", "plan"});
  CHECK(v.kind_labels == Lines{"Purchases and contracts", ""});
  CHECK(v.kind_phrases == std::vector<Lines>{{"purchase order", "contract"}, {}});
  CHECK(v.kind_title(0) == "Purchases and contracts");
  CHECK(v.kind_title(1) == "plan");
}

TEST_CASE("a label or phrases go on a `decision` line of one kind, and may not be empty or repeated", "[kinds]") {
  CHECK(check_text(scheme_text("decision a \"A\", b\n")) ==
        Lines{"4:12: error: a decision kind with a label or phrases is declared on a `decision` line of its own [kind-label]"});
  CHECK(check_text(scheme_text("decision a, b phrases \"b\"\n")) ==
        Lines{"4:23: error: a decision kind with a label or phrases is declared on a `decision` line of its own [kind-label]"});
  CHECK(check_text(scheme_text("decision a \"\"\n")) == Lines{"4:12: error: the label of `a` is empty [kind-label]"});
  CHECK(check_text(scheme_text("decision a phrases \"order\", \"Order\"\n")) ==
        Lines{"4:29: error: the phrase \"Order\" is listed twice for `a` [kind-label]"});
  CHECK(check_text(scheme_text("decision a phrases \"\"\n")) == Lines{"4:20: error: a phrase of `a` is empty [kind-label]"});
  CHECK(check_text(scheme_text("decision a phrases\n")) ==
        Lines{"5:1: error: expected a phrase in quotes, such as `\"order\"` after `phrases`, found the end of the file [parse]"});
}

TEST_CASE("fmt: a decision's label and phrases stay on its line, and long phrases wrap", "[kinds][fmt]") {
  CHECK(formatted(scheme_text("DECISION  commitment   \"Orders\"   PHRASES \"order\" ,\"contract\"\n")) ==
        scheme_text("decision commitment \"Orders\" phrases \"order\", \"contract\"\n"));
  CHECK(formatted(scheme_text("decision commitment \"Orders and contracts, VAT included, the whole commitment at the point of order\" "
                              "phrases \"order\", \"contract\"\n")) ==
        scheme_text("decision commitment \"Orders and contracts, VAT included, the whole commitment at the point of order\"\n"
                    "  phrases \"order\", \"contract\"\n"));
}

TEST_CASE("matrix: an exception whose lowest post is the row's own says what differs", "[matrix]") {
  auto loaded = load_text(scheme_text(R"(post Council "Council"
post BudgetHolder "Budget holder" under Council
decision spend "Spending from a budget"
fact urgent: flag
para 1: BudgetHolder may approve spend
para 2: reserved to BudgetHolder: spend when urgent
)"));
  REQUIRE(loaded.scheme);
  const analyse::Matrix m = analyse::build_matrix(loaded.scheme->versions.front(), 1 << 16);
  const std::string md = report::matrix_markdown(m);
  CHECK(md.find("| Spending from a budget | any amount | Budget holder | Council | para 1 | "
                "when urgent: only Budget holder (para 2) |") != std::string::npos);
}

TEST_CASE("evidence names an item by its words, optionally with a note after a colon", "[duties]") {
  using eval::names_item;
  CHECK(names_item("report to Board", "report to Board"));
  CHECK(names_item("  REPORT  to\tboard ", "report to Board"));
  CHECK(names_item("report to Board: 2024-07-04", "report to Board"));
  CHECK(names_item("report to Board : minute 12", "report to Board"));
  CHECK(names_item("Legal comments: received 3 June", "Legal comments"));
  // Other words name another item: the rule does not guess at grammar.
  CHECK_FALSE(names_item("reported to Board 2024-07-04", "report to Board"));
  CHECK_FALSE(names_item("report to Board 2024-07-04", "report to Board"));
  CHECK_FALSE(names_item("report to Boards", "report to Board"));
  CHECK_FALSE(names_item("report to", "report to Board"));
  CHECK_FALSE(names_item("reporttoBoard", "report to Board"));
}

TEST_CASE("a duty is done when the evidence names it, as a requirement item is met", "[duties]") {
  auto loaded = load_text(scheme_text(R"(post Board "Trust Board"
post CE "Chief Executive" under Board
decision commitment
fact amount: money
para L4: CE may approve commitment when amount < £250,000 and must report to Board
para N2: requires "Board minute" for commitment when amount >= £150,000
)"));
  REQUIRE(loaded.scheme);
  auto verdict = [&](const std::string& evidence) {
    return eval_json(*loaded.scheme, R"({"kind": "commitment", "approver": "CE", "date": "2021-01-01", "facts": {"amount": "£200,000"},
                                        "evidence": [)" + evidence + "]}");
  };
  auto statuses = [](const Verdict& v) {
    Lines out;
    for (const RequirementStatus& r : v.requirements) out.push_back(r.item + "=" + std::string(requirement_state_name(r.status)));
    return out;
  };
  CHECK(statuses(verdict(R"("report to Board: 2024-07-04", "board minute: 12/2024")")) == Lines{"Board minute=met", "report to Board=met"});
  CHECK(statuses(verdict(R"("Report to Board", "Board minute")")) == Lines{"Board minute=met", "report to Board=met"});
  CHECK(statuses(verdict(R"("reported to Board 2024-07-04", "Board minutes")")) ==
        Lines{"Board minute=missing", "report to Board=not_evidenced"});
}

TEST_CASE("show: a paragraph in every version, with how it changed", "[show]") {
  const ParagraphReport shown = show_paragraph(std::string(REMIT_SOURCE_DIR) + "/rules/mopac", "4.8", ShowFormat::json);
  REQUIRE(shown.found);
  CHECK(shown.report.find(R"("version": "2013",
      "from": "2013-09-01",
      "until": "2015-09-10",
      "present": false,
      "change": "absent")") != std::string::npos);
  CHECK(shown.report.find(R"("change": "added")") != std::string::npos);
  CHECK(shown.report.find(R"("change": "unchanged")") != std::string::npos);
  CHECK(shown.report.find(R"("change": "changed",
      "before": "\"the DMPC approves all requests to go out to tender for contracts exceeding £500,000\": DMPC must approve contract.tender when amount > £500,000",
      "after": "\"the DMPC has delegated authority to approve all bids for grant funding made and all offers made of grant funding\": DMPC may approve grant.bid, grant.acceptance")") !=
        std::string::npos);
}

TEST_CASE("show: an unknown paragraph names the near ones, and hostile text is escaped", "[show]") {
  const std::string fixture = std::string(REMIT_SOURCE_DIR) + "/tests/fixtures/prohibited";
  const ParagraphReport near = show_paragraph(fixture, "g0d", ShowFormat::text);
  CHECK_FALSE(near.found);
  CHECK(near.help == "did you mean `G0d`?");
  const ParagraphReport hostile = show_paragraph(fixture, "G\x1b[31mX", ShowFormat::text);
  CHECK_FALSE(hostile.found);
  CHECK(hostile.error.find("G\\u{1b}[31mX") != std::string::npos);
  CHECK(hostile.error.find('\x1b') == std::string::npos);
}
