#include <catch2/catch.hpp>

#include "grammar/parse.hpp"
#include "support.hpp"

using namespace remit::testing;

TEST_CASE("a full rule file parses into its statements") {
  const auto r = remit::syntax::parse(scheme_text(R"(
post Mayor "Mayor of London"
post DMPC "Deputy Mayor" alias "Deputy Mayor for Policing", "DMPC" under Mayor
post Commissioner "Commissioner" consent from DMPC
decision grant.bid, grant.acceptance
fact amount: money
fact novel, contentious: flag
fact route: enum {framework, open_tender}
# a comment
para 4.8 "approve all bids": DMPC may approve grant.*
PARA 4.9 overrides 4.8: Commissioner MAY APPROVE grant.bid when amount < £50k and not (novel or contentious)
  and must report quarterly to DMPC and must "publish it"
para 2.1: reserved to Mayor: grant.acceptance when amount between £1m and £2m
para 4.2: DMPC must approve any decision when route in {framework} or route not in {open_tender}
para 5.1: requires "CFO comments", "legal comments" for grant.bid
)"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.statements.size() == 15);
  const auto& p49 = std::get<remit::syntax::Provision>(r.statements[11]);
  CHECK(p49.para.text == "4.9");
  CHECK(p49.overrides.at(0).text == "4.8");
  REQUIRE(p49.when);
  CHECK(p49.when->kind == remit::syntax::Expr::Kind::all_of);
  REQUIRE(p49.duties.size() == 2);
  CHECK(p49.duties[0].frequency->text == "quarterly");
  CHECK(p49.duties[1].text.text == "publish it");
  const auto& p42 = std::get<remit::syntax::Provision>(r.statements[13]);
  CHECK(p42.kinds.at(0).text == "*");
  CHECK(p42.when->kind == remit::syntax::Expr::Kind::any_of);
  CHECK(p42.when->operands.at(1).op == "not in");
}

namespace {
// Parse errors as `line:col: message`.
std::vector<std::string> errors(const std::string& text) {
  std::vector<std::string> out;
  remit::SourceFile file("t.remit", text);
  for (const auto& e : remit::syntax::parse(text).errors) {
    auto pos = file.position(e.offset);
    out.push_back(std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + e.message);
  }
  return out;
}
}  // namespace

TEST_CASE("syntax errors give exact positions and say what was expected") {
  CHECK(errors("para 4.8 DMPC may approve grant.bid\n") ==
        std::vector<std::string>{"1:10: expected `:` after `4.8`, found `DMPC`"});
  CHECK(errors("para 4.8: DMPC may approve grant.bid when amount over £500k\n") ==
        std::vector<std::string>{"1:50: unexpected `over` after `amount`"});
  CHECK(errors("para 4.8: DMPC may approve grant.bid when amount > \n") ==
        std::vector<std::string>{"2:1: expected a value (an amount, a date, a number, a name or a string) after `>`, found the end of the file"});
  CHECK(errors("post DMPC \"Deputy Mayor\n") == std::vector<std::string>{"1:24: expected `\"` to close the string, found the end of the line"});
  CHECK(errors("para 4.8: DMPC may grant.bid\n") == std::vector<std::string>{"1:20: expected `approve` after `may`, found `grant`"});
  CHECK(errors("fact amount: money\npara 1: when\n") ==
        std::vector<std::string>{"2:9: expected a provision: `POST may approve …`, `POST must approve …`, `reserved to POST: …`, `requires …` or `no post may approve …` after `:`, found `when`"});
}

TEST_CASE("parsing resumes at the next statement, so every broken statement is reported") {
  const auto e = errors("post A \"a\" under\npost B \"b\"\nfoo bar\npara 1: B may approve x.y when\n");
  REQUIRE(e.size() == 3);
  CHECK(e[0] == "2:1: expected a post after `under`, found `post`");
  CHECK(e[1].rfind("3:1: expected a statement", 0) == 0);
  CHECK(e[2] == "5:1: expected a condition after `when`, found the end of the file");
}

TEST_CASE("keywords are whole words without case; names may contain them") {
  const auto r = remit::syntax::parse("POST permitted \"p\"\nPost android \"a\" UNDER permitted\n");
  REQUIRE(r.errors.empty());
  CHECK(std::get<remit::syntax::PostDecl>(r.statements[1]).parent->text == "permitted");
  CHECK(errors("post and \"x\"\n") == std::vector<std::string>{"1:6: expected a post after `post`, found `and`"});
}

TEST_CASE("UTF-8 in money, strings and comments does not upset the parser") {
  const auto r = remit::syntax::parse("# £ in a comment: £500\npara 1 \"£5m — over\": A may approve b.c when amount >= £5.6m\n");
  REQUIRE(r.errors.empty());
  const auto& p = std::get<remit::syntax::Provision>(r.statements[0]);
  CHECK(p.words->text == "£5m — over");
  CHECK(p.when->values.at(0).token.text == "£5.6m");
  // A stray non-ASCII byte where a token belongs is an error, not a crash.
  CHECK(errors("para 1: A may approve b.c when amount > €5\n").size() == 1);
}

TEST_CASE("deeply nested conditions are refused, not a stack overflow") {
  const std::string deep = "para 1: A may approve b.c when " + std::string(200000, '(') + "x" + std::string(200000, ')') + "\n";
  CHECK(errors(deep) == std::vector<std::string>{"1:288: conditions are nested more than 256 deep"});
  std::string nots = "para 1: A may approve b.c when ";
  for (int i = 0; i < 100000; ++i) nots += "not ";
  CHECK(errors(nots + "x\n").at(0).find("nested more than 256 deep") != std::string::npos);
  const std::string fine = "para 1: A may approve b.c when " + std::string(100, '(') + "x" + std::string(100, ')') + "\n";
  CHECK(remit::syntax::parse(fine).errors.empty());
}
