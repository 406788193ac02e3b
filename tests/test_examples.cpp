// Examples: their syntax, how they resolve against a scheme, and how
// `remit test` compares verdicts and measures coverage.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "grammar/parse.hpp"
#include "remit/testing.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

std::vector<std::string> parse_errors(const std::string& text) {
  std::vector<std::string> out;
  SourceFile file("t.remit", text);
  for (const auto& e : syntax::parse(text).errors) {
    auto pos = file.position(e.offset);
    out.push_back(std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + e.message);
  }
  return out;
}

const std::string scheme_body = R"(post Mayor "Mayor"
post DMPC "Deputy Mayor" under Mayor
post Commissioner "Commissioner" consent from DMPC
decision grant.award, contract.award
fact amount: money
fact novel: flag
para 3.2: Commissioner may approve grant.award when amount < £50,000 and must report quarterly to DMPC
para 3.3: DMPC may approve grant.award
para 3.5: DMPC must approve contract.award when amount > £500,000
para 3.6: Commissioner may approve contract.award
para 5.1: requires "CFO comments" for contract.award
)";

// A scheme folder on disk with a version file and a test file.
struct Folder {
  std::filesystem::path path;
  Folder(const std::string& version_extra, const std::string& tests) {
    path = std::filesystem::temp_directory_path() / ("remit-examples-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(path);
    std::ofstream(path / "2020.remit") << scheme_text(scheme_body + version_extra);
    if (!tests.empty()) std::ofstream(path / "2020_test.remit") << tests;
  }
  ~Folder() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("an example parses into its decision and expectation", "[examples]") {
  const auto r = syntax::parse(R"(example "PCD 785":
  grant.acceptance amount £5.6m novel false funder "Home Office" approver DMPC on 2020-06-01
  evidence "CFO comments", "legal comments"
  expect NOT Authorised by 4.8, 4.9 lowest Mayor
    met "CFO comments"
    not evidenced "report quarterly to DMPC"
)");
  REQUIRE(r.errors.empty());
  REQUIRE(r.statements.size() == 1);
  const auto& e = std::get<syntax::ExampleDecl>(r.statements[0]);
  CHECK(e.name.text == "PCD 785");
  CHECK(e.kind.text == "grant.acceptance");
  REQUIRE(e.facts.size() == 3);
  CHECK(e.facts[0].value.token.text == "£5.6m");
  CHECK(e.facts[0].value.kind == syntax::LiteralKind::money);
  CHECK(e.facts[1].value.kind == syntax::LiteralKind::boolean);
  CHECK(e.facts[2].value.token.text == "Home Office");
  REQUIRE(e.approver.size() == 1);
  CHECK(e.approver[0].post.text == "DMPC");
  CHECK(e.date->text == "2020-06-01");
  CHECK(e.evidence.size() == 2);
  CHECK(e.outcome.text == "not authorised");
  CHECK(e.paras.size() == 2);
  REQUIRE(e.lowest.size() == 1);
  CHECK(e.lowest[0].at(0).text == "Mayor");
  REQUIRE(e.requirements.size() == 2);
  CHECK(e.requirements[1].status.text == "not evidenced");
  CHECK(r.extents.at(0).begin == 0);
}

TEST_CASE("example syntax errors point at the token", "[examples]") {
  CHECK(parse_errors("example \"x\":\n  grant.award amount £1 approver DMPC\n  expect authorized\n") ==
        Lines{"3:10: expected an outcome: `authorised`, `not authorised`, `no authority` or `undetermined` after `expect`, found `authorized`"});
  CHECK(parse_errors("example \"x\":\n  grant.award novel approver DMPC\n  expect authorised\n") ==
        Lines{"2:21: expected a value (an amount, a date, a number, `true` or `false`, a name or a string) after `novel`, found `approver`"});
  CHECK(parse_errors("example \"x\":\n  grant.award amount £1 DMPC\n  expect authorised\n") ==
        Lines{"2:25: expected `approver` after `£1`, found `DMPC`"});
  CHECK(parse_errors("example \"x\": grant.award approver DMPC\n") == Lines{"2:1: expected `expect` and an outcome after `DMPC`, found the end of the file"});
}

TEST_CASE("remit test passes, fails with expected against actual, and cannot run broken examples", "[examples]") {
  Folder folder("example \"in the version file\": grant.award amount £10 approver Commissioner expect authorised by 3.2\n",
                R"(example "a grant at the threshold by the DMPC":
  grant.award amount £50,000 approver DMPC on 2021-01-01
  expect authorised by 3.3 lowest DMPC
example "wrong on purpose":
  contract.award amount £500,000.01 approver Commissioner
  evidence "cfo COMMENTS"
  expect authorised by 3.6
    missing "CFO comments"
example "a grant by the Commissioner":
  grant.award amount £49,999.99 approver Commissioner
  expect authorised lowest Commissioner
    not evidenced "report quarterly to DMPC"
example "unknown fact":
  grant.award amont £1 approver DMPC
  expect authorised
)");
  const TestRun run = run_tests({folder.path});
  REQUIRE(run.examples.size() == 5);
  CHECK(run.passed() == 3);
  CHECK(run.failed() == 1);
  CHECK(run.not_run() == 1);
  const ExampleResult& wrong = run.examples[2];
  CHECK(wrong.name == "wrong on purpose");
  REQUIRE(wrong.mismatches.size() == 3);
  CHECK(wrong.mismatches[0].aspect == "outcome");
  CHECK(wrong.mismatches[0].expected == "authorised");
  CHECK(wrong.mismatches[0].actual == "not authorised");
  CHECK(wrong.mismatches[1].aspect == "deciding");
  CHECK(wrong.mismatches[1].actual == "3.5");
  CHECK(wrong.mismatches[2].aspect == "\"CFO comments\"");
  CHECK(wrong.mismatches[2].expected == "missing");
  CHECK(wrong.mismatches[2].actual == "met");
  CHECK(brief(run.diagnostics) == Lines{"14:15: error: unknown fact `amont` in version `2020` [unknown-fact]"});
}

TEST_CASE("an example in a version file runs in that version, and its date must fall in it", "[examples]") {
  Folder folder("example \"too early\": grant.award amount £10 approver DMPC on 2019-01-01 expect authorised\n", "");
  const TestRun run = run_tests({folder.path});
  REQUIRE(run.examples.size() == 1);
  CHECK_FALSE(run.examples[0].ran);
  REQUIRE(run.diagnostics.size() == 1);
  CHECK(run.diagnostics[0].code == Code::example_date);
  CHECK(run.diagnostics[0].message == "this example is in version `2020`, which is in force from 2020-04-01, not on 2019-01-01");
}

TEST_CASE("coverage counts decisive provisions and the bands below, at and above each threshold", "[examples]") {
  Folder folder("", R"(example "below": grant.award amount £49,999.99 approver Commissioner expect authorised
example "at": grant.award amount £50,000 approver Commissioner expect not authorised
example "over": contract.award amount £600k approver DMPC expect authorised by 3.5
)");
  const TestRun run = run_tests({folder.path});
  CHECK(run.failed() == 0);
  const Coverage& c = run.coverage;
  CHECK(c.provisions == 5);
  CHECK(c.provisions_decisive == 4);  // 3.6 decides nothing
  CHECK(c.bands == 6);
  CHECK(c.bands_reached == 3);        // below and at £50,000; above £500,000
  Lines gaps;
  for (const CoverageItem& g : c.gaps) gaps.push_back(g.para + ": " + g.description);
  CHECK(gaps == Lines{"3.2: no example has amount above £50,000 (`amount < £50,000`)",
                      "3.5: no example has amount below £500,000 (`amount > £500,000`)",
                      "3.5: no example has amount at £500,000 (`amount > £500,000`)",
                      "3.6: it decides no example"});
  CHECK(c.percent() == Approx(100.0 * 7 / 11));
}
