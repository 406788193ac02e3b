#include <catch2/catch.hpp>

#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

// A small scheme with each kind of provision, thresholds at £500,000 and £50,000.
const std::string body = R"(post Mayor "Mayor of London"
post DMPC "Deputy Mayor for Policing and Crime" alias "Deputy Mayor" under Mayor
post CEO "Chief Executive" under DMPC
post Commissioner "Commissioner" consent from DMPC
decision grant.acceptance, grant.award, contract.award, plan.police_and_crime, budget, debt.write_off
fact amount: money
fact novel, contentious: flag
fact route: enum {framework, open_tender}
para 4.8 "approve all offers of grant funding": DMPC may approve grant.acceptance
para 4.12: DMPC must approve contract.award when amount > £500,000
para 4.13: Commissioner may approve contract.award when amount <= £500,000
para 4.14 overrides 4.12: CEO may approve contract.award when route = framework and amount <= £1m
para 7.3: Commissioner may approve grant.award when amount < £50,000 and must report quarterly to DMPC
para 7.4: DMPC may approve grant.award
para 2.1: reserved to Mayor: plan.police_and_crime
para 4.2: DMPC must approve grant.*, contract.*, debt.* when novel or contentious
para 5.1: requires "CFO comments", "legal comments" for contract.award
)";

std::shared_ptr<const Scheme> scheme() {
  static auto loaded = load_text(scheme_text(body));
  REQUIRE(loaded.diagnostics.empty());
  return loaded.scheme;
}

Verdict decide(const std::string& kind, const std::string& approver, const std::string& facts, const std::string& extra = "") {
  return eval_json(*scheme(), R"({"kind": ")" + kind + R"(", "approver": ")" + approver + R"(", "date": "2021-01-01", "facts": {)" +
                                  facts + "}" + extra + "}");
}

}  // namespace

TEST_CASE("every outcome") {
  auto yes = decide("grant.acceptance", "DMPC", R"("amount": "£5.6m", "novel": false, "contentious": false)");
  CHECK(yes.outcome == Outcome::authorised);
  CHECK(paras(yes) == Lines{"4.8"});
  CHECK(yes.provisions[0].text == "approve all offers of grant funding");
  CHECK(yes.provisions[0].version == "2020");

  auto no = decide("grant.acceptance", "Commissioner", R"("amount": "£5.6m", "novel": false, "contentious": false)");
  CHECK(no.outcome == Outcome::not_authorised);
  CHECK(no.lowest == each({"DMPC"}));
  CHECK(no.may_approve == each({"DMPC", "Mayor"}));  // lowest rank first
  CHECK(paras(no) == Lines{"4.8"});

  auto gap = decide("budget", "DMPC", "");
  CHECK(gap.outcome == Outcome::no_authority);
  CHECK(gap.provisions.empty());
  CHECK(gap.lowest.empty());

  auto depends = decide("contract.award", "Commissioner", R"("novel": false, "contentious": false)");
  CHECK(depends.outcome == Outcome::undetermined);
  CHECK(depends.missing_facts == Lines{"amount", "route"});
}

TEST_CASE("thresholds: exactly at the boundary and one penny either side") {
  const std::string flags = R"(, "novel": false, "contentious": false, "route": "open_tender")";
  auto at = [&](const char* amount, const char* who) {
    return decide("contract.award", who, std::string(R"("amount": ")") + amount + "\"" + flags).outcome;
  };
  CHECK(at("£499,999.99", "Commissioner") == Outcome::authorised);
  CHECK(at("£500,000", "Commissioner") == Outcome::authorised);
  CHECK(at("£500,000.01", "Commissioner") == Outcome::not_authorised);
  CHECK(at("£500,000.01", "DMPC") == Outcome::authorised);
  CHECK(at("£500,000", "DMPC") == Outcome::authorised);  // a delegator keeps what it delegates
  auto grant = [&](const char* amount, const char* who) {
    return decide("grant.award", who, std::string(R"("amount": ")") + amount + R"(", "novel": false, "contentious": false)").outcome;
  };
  CHECK(grant("£49,999.99", "Commissioner") == Outcome::authorised);
  CHECK(grant("£50,000", "Commissioner") == Outcome::not_authorised);
  CHECK(grant("£50,000.01", "Commissioner") == Outcome::not_authorised);
  CHECK(grant("£50,000", "DMPC") == Outcome::authorised);
}

TEST_CASE("a missing fact that cannot change the answer does not make it undetermined") {
  // The DMPC may accept any grant, whatever the amount and whatever the flags.
  auto v = decide("grant.acceptance", "DMPC", "");
  CHECK(v.outcome == Outcome::authorised);
  CHECK(v.missing_facts.empty());
  CHECK(paras(v) == Lines{"4.8"});
  // The Mayor may approve a contract award of any value.
  CHECK(decide("contract.award", "Mayor", "").outcome == Outcome::authorised);
  // The Commissioner's answer turns on the amount and the flags: never a guess.
  auto c = decide("grant.award", "Commissioner", R"("novel": false, "contentious": false)");
  CHECK(c.outcome == Outcome::undetermined);
  CHECK(c.missing_facts == Lines{"amount"});
  CHECK(c.may_approve_if == each({"Commissioner"}));
}

TEST_CASE("reserved matters: only the named post") {
  auto dmpc = decide("plan.police_and_crime", "DMPC", "");
  CHECK(dmpc.outcome == Outcome::not_authorised);
  CHECK(dmpc.lowest == each({"Mayor"}));
  CHECK(paras(dmpc) == Lines{"2.1"});
  CHECK(decide("plan.police_and_crime", "Mayor", "").outcome == Outcome::authorised);
}

TEST_CASE("escalation sets aside the powers of posts below") {
  auto novel = decide("grant.award", "Commissioner", R"("amount": "£10k", "novel": true)");
  CHECK(novel.outcome == Outcome::not_authorised);
  CHECK(novel.lowest == each({"DMPC"}));
  CHECK(paras(novel) == Lines{"7.4", "4.2"});  // in file order
  auto dmpc = decide("grant.award", "DMPC", R"("amount": "£10k", "novel": true)");
  CHECK(dmpc.outcome == Outcome::authorised);
  CHECK(paras(dmpc) == Lines{"7.4", "4.2"});
}

TEST_CASE("an exception sets aside the paragraph it overrides") {
  auto ceo = decide("contract.award", "CEO", R"("amount": "£800k", "route": "framework", "novel": false, "contentious": false)");
  CHECK(ceo.outcome == Outcome::authorised);
  CHECK(paras(ceo) == Lines{"4.14"});
  bool traced = false;
  for (const auto& t : ceo.trace)
    if (t.para == "4.12") traced = t.status == TraceStatus::set_aside && t.reason.find("set aside by para 4.14") != std::string::npos;
  CHECK(traced);
  auto open = decide("contract.award", "CEO", R"("amount": "£800k", "route": "open_tender", "novel": false, "contentious": false)");
  CHECK(open.outcome == Outcome::not_authorised);
}

TEST_CASE("requirements are met, missing or not evidenced") {
  auto v = decide("contract.award", "DMPC", R"("amount": "£800k", "route": "open_tender", "novel": false, "contentious": false)",
                  R"(, "evidence": ["cfo comments "])");
  REQUIRE(v.requirements.size() == 2);
  CHECK(v.requirements[0].item == "CFO comments");
  CHECK(v.requirements[0].status == RequirementState::met);
  CHECK(v.requirements[1].status == RequirementState::missing);
  auto grant = decide("grant.award", "Commissioner", R"("amount": "£10k", "novel": false, "contentious": false)");
  REQUIRE(grant.requirements.size() == 1);
  CHECK(grant.requirements[0].item == "report quarterly to DMPC");
  CHECK(grant.requirements[0].status == RequirementState::not_evidenced);
  CHECK(grant.requirements[0].is_duty);
}

TEST_CASE("a duty goes with the power to a post above that uses it, but not to the post reported to or above it") {
  auto loaded = load_text(scheme_text(R"(post Mayor "Mayor"
post DMPC "DMPC" under Mayor
post Commissioner "Commissioner" consent from DMPC
post Director "Director of Property" under Commissioner
decision property.disposal
fact amount: money
para d.1: Director may approve property.disposal when amount < £1m and must report retrospectively to DMPC
)"));
  REQUIRE(loaded.diagnostics.empty());
  auto duties = [&](const std::string& approver) {
    Verdict v = eval_json(*loaded.scheme, R"({"kind": "property.disposal", "approver": ")" + approver +
                                              R"(", "facts": {"amount": "£999,999.99"}, "evidence": []})");
    REQUIRE(v.outcome == Outcome::authorised);
    std::vector<std::string> items;
    for (const auto& r : v.requirements) items.push_back(r.item + " " + std::string(requirement_state_name(r.status)));
    return items;
  };
  CHECK(duties("Director") == Lines{"report retrospectively to DMPC not_evidenced"});
  CHECK(duties("Commissioner") == Lines{"report retrospectively to DMPC not_evidenced"});
  CHECK(duties("DMPC").empty());
  CHECK(duties("Mayor").empty());
}

TEST_CASE("a post may be named by id, title or alias") {
  CHECK(decide("grant.acceptance", "Deputy Mayor", "").approver.front().post == "DMPC");
  CHECK(decide("grant.acceptance", "deputy mayor for policing and crime", "").approver.front().post == "DMPC");
}

TEST_CASE("escalations to unrelated posts that may meet are a conflict the checker reports") {
  // Text conditions are not partitioned, so the checker errs towards "they may meet".
  CHECK(check_text(scheme_text(R"(post A "a"
post B "b"
decision x.y
fact f: text
para 1: A must approve x.y when f = "one"
para 2: B must approve x.y when f != "two"
)")) == Lines{"7:6: warning: `f` is text, compared only with fixed values: a value outside them is taken as some other text, not refused [text-fact]",
                "9:6: error: paragraphs 1 and 2 send the same matter to `A` and to `B`, neither of which is above the other [conflict]"});
  CHECK(check_text(scheme_text(R"(post A "a"
post B "b"
decision x.y
fact f: text
para 1: A must approve x.y when f = "one"
para 2 overrides 1: B must approve x.y when f != "two"
)")) == Lines{"7:6: warning: `f` is text, compared only with fixed values: a value outside them is taken as some other text, not refused [text-fact]"});
}

TEST_CASE("the version in force on the decision's date decides") {
  auto v2015 = source("s/2015.remit", scheme_text(R"(post DMPC "d"
decision contract.tender, grant.acceptance
fact amount: money
para 4.8 "requests to tender for contracts over £500,000": DMPC must approve contract.tender when amount > £500,000
)", "2015", "2015-09-11"));
  auto v2020 = source("s/2020.remit", scheme_text(R"(post DMPC "d"
decision contract.tender, grant.acceptance
fact amount: money
para 4.8 "all bids for grant funding": DMPC may approve grant.acceptance
)", "2020", "2020-04-01"));
  auto loaded = load_scheme({v2020, v2015});
  REQUIRE(loaded.scheme);
  auto tender = eval_json(*loaded.scheme, R"({"kind": "contract.tender", "approver": "DMPC", "date": "2016-01-01", "facts": {"amount": "£600k"}})");
  CHECK(tender.version == "2015");
  CHECK(tender.outcome == Outcome::authorised);
  CHECK(paras(tender) == Lines{"4.8"});
  auto later = eval_json(*loaded.scheme, R"({"kind": "contract.tender", "approver": "DMPC", "date": "2020-04-01", "facts": {"amount": "£600k"}})");
  CHECK(later.version == "2020");
  CHECK(later.outcome == Outcome::no_authority);
  auto last_day = eval_json(*loaded.scheme, R"({"kind": "grant.acceptance", "approver": "DMPC", "date": "2020-03-31"})");
  CHECK(last_day.version == "2015");
  CHECK(last_day.outcome == Outcome::no_authority);
  auto newest = eval_json(*loaded.scheme, R"({"kind": "grant.acceptance", "approver": "DMPC"})");
  CHECK(newest.version == "2020");
  auto early = read_decision(*loaded.scheme, source("d.json", R"({"kind": "grant.acceptance", "date": "2015-09-10"})"));
  CHECK_FALSE(early.decision);
  CHECK(brief(early.diagnostics) == Lines{"1:38: error: no version of `Test scheme` is in force on 2015-09-10 [no-version]"});
}

TEST_CASE("a decision that is not well formed is refused, never evaluated") {
  auto errors = [](const std::string& json) { return brief(read_decision(*scheme(), source("d.json", json)).diagnostics); };
  CHECK(errors(R"({"kind": "grant.acceptance", "aprover": "DMPC"})") == Lines{"1:30: error: unknown key `aprover` in the decision [unknown-key]"});
  CHECK(errors(R"({"kind": "grant.acceptanse"})") == Lines{"1:10: error: unknown decision kind `grant.acceptanse` in version `2020` [unknown-kind]"});
  CHECK(errors(R"({"kind": "budget", "approver": "DMCP"})") == Lines{"1:32: error: unknown post `DMCP` in version `2020` [unknown-post]"});
  CHECK(errors(R"({"kind": "budget", "facts": {"amount": 1.005}})") ==
        Lines{"1:41: error: `amount`: money amount has more than two decimal places [money]"});
  CHECK(errors(R"({"kind": "budget", "facts": {"amount": 1e6}})") == Lines{"1:40: error: `amount`: a money amount cannot have an exponent [bad-value]"});
  CHECK(errors(R"({"kind": "budget", "facts": {"amount": "-£5"}})") == Lines{"1:40: error: money amounts cannot be negative [bad-value]"});
  CHECK(errors(R"({"kind": "budget", "facts": {"novel": "yes"}})") ==
        Lines{"1:39: error: `novel` is a flag: give `true` or `false`, not a string [bad-value]"});
  CHECK(errors(R"({"kind": "budget", "facts": {"colour": "red"}})") == Lines{"1:30: error: unknown fact `colour` in version `2020` [unknown-fact]"});
  CHECK(errors(R"({"kind": "budget", "date": "2021-13-01"})") == Lines{"1:28: error: `2021-13-01` is not a date that exists [bad-value]"});
  CHECK(errors(R"({"kind": "budget",})") == Lines{"1:19: error: expected a quoted key in a JSON object [json]"});
  CHECK(errors(R"([1])") == Lines{"1:1: error: a decision must be a JSON object, not an array [json]"});
  CHECK(errors(R"({"approver": "DMPC"})") == Lines{"1:1: error: the decision has no `kind` [json]"});
  // Exact amounts in every accepted form.
  auto amount = [](const std::string& json_amount) {
    auto r = read_decision(*scheme(), source("d.json", R"({"kind": "budget", "facts": {"amount": )" + json_amount + "}}"));
    REQUIRE(r.decision);
    return r.decision->facts[0]->number;
  };
  CHECK(amount("5600000") == 560'000'000);
  CHECK(amount("1234.5") == 123'450);
  CHECK(amount(R"("£5.6m")") == 560'000'000);
  CHECK(amount(R"("5600000.00")") == 560'000'000);
}
