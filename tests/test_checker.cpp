#include <catch2/catch.hpp>

#include "support.hpp"

using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {
const std::string posts = R"(post Mayor "Mayor of London"
post DMPC "Deputy Mayor for Policing and Crime" under Mayor
post Commissioner "Commissioner" consent from DMPC
decision grant.bid, grant.award, contract.award, plan.police_and_crime
fact amount: money
fact novel: flag
fact route: enum {framework, open_tender}
)";  // lines 4–10 of a test scheme
}  // namespace

TEST_CASE("a sound scheme checks clean") {
  CHECK(check_text(scheme_text(posts + "para 4.8: DMPC may approve grant.*\n")).empty());
}

TEST_CASE("undefined names are errors, with a suggestion") {
  const auto d = load_text(scheme_text(posts + "para 4.8: DPMC may approve grant.bid\n")).diagnostics;
  REQUIRE(brief(d) == Lines{"11:11: error: undefined post `DPMC` [undefined-name]"});
  CHECK(d[0].help == "did you mean `DMPC`?");
  CHECK(render_text(d[0]) ==
        "test.remit:11:11: error: undefined post `DPMC` [undefined-name]\n"
        " 11 | para 4.8: DPMC may approve grant.bid\n"
        "    |           ^~~~\n"
        "   = help: did you mean `DMPC`?\n");
  CHECK(check_text(scheme_text(posts + "para 4.8: DMPC may approve grant.bdi\n")) ==
        Lines{"11:28: error: undefined decision kind `grant.bdi` [undefined-name]"});
  CHECK(check_text(scheme_text(posts + "para 4.8: DMPC may approve grant.bid when amont > £1\n")) ==
        Lines{"11:43: error: undefined fact `amont` [undefined-name]"});
  CHECK(check_text(scheme_text(posts + "para 4.8: DMPC may approve grant.bid when route = frame\n")) ==
        Lines{"11:51: error: `frame` is not a member of `route` [undefined-name]"});
  CHECK(check_text(scheme_text(posts + "para 4.8: DMPC may approve loan.*\n")) ==
        Lines{"11:28: error: no decision kind belongs to the family `loan.*` [undefined-name]"});
  CHECK(check_text(scheme_text(posts + "post CEO \"Chief Executive\" under Deputy\n")) ==
        Lines{"11:34: error: undefined post `Deputy` [undefined-name]"});
}

TEST_CASE("type errors: a comparison must fit its fact's type") {
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when novel > £5\n")) ==
        Lines{"11:47: error: `novel` is a flag and has no order: `>` cannot compare it [type]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount = true\n")) ==
        Lines{"11:50: error: `amount` is money but `true` is a flag value [type]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount > 500000\n")) ==
        Lines{"11:50: error: `amount` is money but `500000` is a plain number [type]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount\n")) ==
        Lines{"11:41: error: `amount` is money, not a flag, so it cannot stand alone as a condition [type]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount between £5 and £1\n")) ==
        Lines{"11:63: error: the range is empty: its upper end is below its lower end [range]"});
}

TEST_CASE("malformed money in a rule file points at the fault") {
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount > £10.005\n")) ==
        Lines{"11:53: error: money amount has more than two decimal places [money]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount > £99999999999999999999\n")) ==
        Lines{"11:50: error: money amount is too large [money]"});
  CHECK(check_text(scheme_text(posts + "para 1: DMPC may approve grant.bid when amount > £5,00,000\n")) ==
        Lines{"11:55: error: misplaced thousands separator in money amount [money]"});
}

TEST_CASE("structure: duplicates, cycles, reserved matters, exceptions") {
  const auto dup = load_text(scheme_text(posts + "para 4.8: DMPC may approve grant.bid\npara 4.8: DMPC may approve grant.award\n")).diagnostics;
  REQUIRE(brief(dup) == Lines{"12:6: error: paragraph 4.8 appears twice in version `2020` [duplicate-paragraph]"});
  REQUIRE(dup[0].notes.size() == 1);
  CHECK(dup[0].span.source->position(dup[0].notes[0].span.offset).line == 11);

  CHECK(check_text(scheme_text("post A \"a\" under C\npost B \"b\" under A\npost C \"c\" under B\n")) ==
        Lines{"4:6: error: the hierarchy of posts has a cycle: A under C under B under A [cycle]"});

  CHECK(check_text(scheme_text(posts + "para 2.1: reserved to Mayor: plan.police_and_crime\npara 3: DMPC may approve plan.*\n")) ==
        Lines{"12:6: error: paragraph 3 delegates to `DMPC` a matter that paragraph 2.1 reserves to `Mayor` [reserved-delegated]"});
  // Disjoint amounts: the matter reserved above £1m may be delegated below it.
  CHECK(check_text(scheme_text(posts + "para 2.1: reserved to Mayor: contract.award when amount >= £1m\n"
                                       "para 3: DMPC may approve contract.award when amount < £1m\n"))
            .empty());
  // One penny of overlap is still an overlap.
  CHECK(check_text(scheme_text(posts + "para 2.1: reserved to Mayor: contract.award when amount >= £1m\n"
                                       "para 3: DMPC may approve contract.award when not (amount > £1m)\n")) ==
        Lines{"12:6: error: paragraph 3 delegates to `DMPC` a matter that paragraph 2.1 reserves to `Mayor` [reserved-delegated]"});

  // Text is told apart exactly: a matter reserved for one supplier may be
  // delegated for another (the approximate regions once called it a conflict).
  CHECK(check_text(scheme_text(posts + "fact supplier: text\n"
                                       "para 2.1: reserved to Mayor: contract.award when supplier = \"Acme\"\n"
                                       "para 3: DMPC may approve contract.award when supplier != \"Acme\"\n")) ==
        Lines{"11:6: warning: `supplier` is text, compared only with fixed values: a value outside them is taken as some other text, not refused [text-fact]"});
  CHECK(check_text(scheme_text(posts + "fact supplier: text\n"
                                       "para 2.1: reserved to Mayor: contract.award when supplier = \"Acme\"\n"
                                       "para 3: DMPC may approve contract.award when supplier in {\"Acme\", \"Bolt\"}\n")) ==
        Lines{"11:6: warning: `supplier` is text, compared only with fixed values: a value outside them is taken as some other text, not refused [text-fact]",
              "13:6: error: paragraph 3 delegates to `DMPC` a matter that paragraph 2.1 reserves to `Mayor` [reserved-delegated]"});

  CHECK(check_text(scheme_text(posts + "para 4.9 overrides 4.7: DMPC may approve grant.bid\n")) ==
        Lines{"11:20: error: paragraph 4.7 does not exist in version `2020` [undefined-paragraph]"});
  CHECK(check_text(scheme_text(posts + "para 1 overrides 2: DMPC may approve grant.bid\npara 2 overrides 1: Mayor may approve grant.bid\n")) ==
        Lines{"12:6: error: paragraphs override each other in a cycle: 1 overrides 2 overrides 1 [cycle]"});
  CHECK(check_text(scheme_text(posts + "para 1: reserved to Mayor: grant.bid\npara 2: reserved to DMPC: grant.*\n")) ==
        Lines{"12:6: error: paragraphs 1 and 2 reserve the same matter to different posts (`Mayor` and `DMPC`) [conflict]"});
}

TEST_CASE("the header comes first, once, and dates must exist") {
  CHECK(check_text("post A \"a\"\n") == Lines{"1:1: error: the rule file has no `scheme \"TITLE\"` line [header]"});
  CHECK(check_text("scheme \"S\"\nversion \"1\" in force from 2021-02-30\ncurrency GBP\n") ==
        Lines{"2:27: error: there is no such date as `2021-02-30` [date]"});
  CHECK(check_text("scheme \"S\"\nversion \"1\" in force from 2021-02-01 until 2020-01-01\ncurrency GBP\n") ==
        Lines{"2:44: error: the version ends before it starts [date]"});
  CHECK(check_text("") == Lines{"1:1: error: the rule file is empty [header]"});
}

TEST_CASE("versions of a scheme must not overlap, and must agree on the scheme") {
  auto v2015 = source("s/2015.remit", "scheme \"S\"\nversion \"2015\" in force from 2015-09-11 until 2020-04-01\ncurrency GBP\n");
  auto v2020 = source("s/2020.remit", "scheme \"S\"\nversion \"2020\" in force from 2020-04-01\ncurrency GBP\n");
  CHECK(brief(remit::load_scheme({v2015, v2020}).diagnostics) ==
        Lines{"2:47: error: version `2015` is in force until 2020-04-01, after version `2020` comes into force on 2020-04-01 [version-overlap]"});
  auto gap = source("s/2015.remit", "scheme \"S\"\nversion \"2015\" in force from 2015-09-11 until 2019-12-31\ncurrency GBP\n");
  auto loaded = remit::load_scheme({gap, v2020});
  CHECK(brief(loaded.diagnostics) == Lines{"2:47: warning: no version is in force from 2020-01-01 to 2020-03-31 [version-gap]"});
  CHECK(loaded.scheme);
  auto other = source("s/2020.remit", "scheme \"T\"\nversion \"2020\" in force from 2020-04-01\ncurrency GBP\n");
  CHECK(brief(remit::load_scheme({gap, other}).diagnostics) ==
        Lines{"2:47: warning: no version is in force from 2020-01-01 to 2020-03-31 [version-gap]",
              "1:8: error: this file is a version of `T` but its folder holds `S` [scheme-mismatch]"});
}

TEST_CASE("diagnostics come in a stable order whatever pass found them") {
  const auto a = check_text(scheme_text(posts + "para 2: DMPC may approve nope\npara 1: XX may approve grant.bid\n"));
  REQUIRE(a.size() == 2);
  CHECK(a[0].rfind("11:", 0) == 0);
  CHECK(a[1].rfind("12:", 0) == 0);
}
