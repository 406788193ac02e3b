// Text values (docs/language.md, "Text values"): compared after one
// normalisation (NFKC with case folding, white space trimmed and collapsed),
// in rule files and in decisions, registers and command-line facts alike; a
// value that mixes confusable scripts refused at its letter; a text fact
// compared only with constants warned about; posts whose names only look
// different refused.
#include <catch2/catch.hpp>

#include <cstdio>

#include "check/unicode.hpp"
#include "remit/audit.hpp"
#include "remit/compiled.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

const std::string funder_scheme = scheme_text(
    "post DMPC \"Deputy Mayor\"\n"
    "post CEO \"Chief Executive\" under DMPC\n"
    "decision grant\n"
    "fact funder: text\n"
    "fact amount: money\n"
    "para 1: DMPC must approve grant when funder = \"Home Office\"\n"
    "para 2: CEO may approve grant when amount < £1m\n");

std::shared_ptr<const Scheme> funder() {
  static const LoadResult loaded = load_text(funder_scheme);
  REQUIRE(loaded.scheme);
  return loaded.scheme;
}

std::string by_ceo(const std::string& funder_json) {
  return R"({"kind": "grant", "date": "2021-01-01", "approver": "CEO", "facts": {"amount": "£10", "funder": )" + funder_json + "}}";
}

}  // namespace

TEST_CASE("text is normalised once: NFKC, case folded, white space trimmed and collapsed") {
  using unicode::normalise_text;
  CHECK(normalise_text("Met Police") == "met police");
  CHECK(normalise_text("MET  POLICE") == "met police");
  CHECK(normalise_text("  Met\xC2\xA0Police\t") == "met police");         // a no-break space, a tab
  CHECK(normalise_text("Met\xE2\x80\x83\xE2\x80\x83Police") == "met police");  // em spaces
  CHECK(normalise_text("\xEF\xBC\xAD\xEF\xBC\xA5\xEF\xBC\xB4 Police") == "met police");  // full-width letters
  CHECK(normalise_text("Stra\xC3\x9F" "e") == "strasse");
  CHECK(normalise_text("Cafe\xCC\x81") == normalise_text("Caf\xC3\xA9"));  // combining accent, precomposed
  CHECK(normalise_text("Home\xE2\x80\x8BOffice") == "homeoffice");     // a zero-width space is dropped
  CHECK(normalise_text("") == "");
  CHECK(normalise_text(" \xC2\xA0 ") == "");
}

TEST_CASE("a text fact matches its constant however the decision spells it") {
  const auto scheme = funder();
  // Each is the Home Office: the escalation to the DMPC applies, so the CEO may not approve.
  for (const char* spelling : {R"("Home Office")", R"("home office")", R"("HOME  OFFICE ")", "\"Home\xC2\xA0Office\"",
                               "\" home\\u00a0office\"", "\"\xEF\xBC\xA8ome Office\""}) {
    INFO(spelling);
    const Verdict v = eval_json(*scheme, by_ceo(spelling));
    CHECK(v.outcome == Outcome::not_authorised);
    CHECK(paras(v) == Lines{"1"});
  }
  CHECK(eval_json(*scheme, by_ceo(R"("Home Offices")")).outcome == Outcome::authorised);
  // The same through `--fact` (who, and the register's cells).
  DecisionReading q = make_query(*scheme, "grant", std::string("2021-01-01"), std::string("CEO"), {"amount=£10", "funder=HOME   office"});
  REQUIRE(q.decision);
  CHECK(evaluate(*q.decision).outcome == Outcome::not_authorised);
}

TEST_CASE("a rule file's strings are normalised when loaded") {
  const LoadResult loaded = load_text(scheme_text("post A \"A\"\ndecision grant\nfact funder: text\n"
                                                  "para 1: A may approve grant when funder in {\"  HOME\xC2\xA0OFFICE\", \"Met  Police\"}\n"));
  REQUIRE(loaded.scheme);
  for (const char* spelling : {R"("Home Office")", R"("met police")"}) {
    INFO(spelling);
    const Verdict v = eval_json(*loaded.scheme, std::string(R"({"kind": "grant", "date": "2021-01-01", "approver": "A", "facts": {"funder": )") +
                                                    spelling + "}}");
    CHECK(v.outcome == Outcome::authorised);
  }
}

TEST_CASE("a text value that mixes confusable scripts is refused at its letter") {
  const auto scheme = funder();
  // "Home Оffice" with a Cyrillic capital O (D0 9E).
  const DecisionReading r = read_decision(*scheme, source("d.json", by_ceo("\"Home \xD0\x9E" "ffice\"")));
  CHECK_FALSE(r.decision);
  CHECK(brief(r.diagnostics) ==
        Lines{"1:103: error: the text mixes Latin and Cyrillic letters, which can look alike: `\xD0\x9E` in `\xD0\x9E" "ffice` is U+041E "
              "CYRILLIC CAPITAL LETTER O [confusable]"});
  // One script, or Latin beside Han, is not refused.
  CHECK(read_decision(*scheme, source("d.json", by_ceo("\"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0\""))).decision);
  CHECK(read_decision(*scheme, source("d.json", by_ceo("\"Tokyo \xE6\x9D\xB1\xE4\xBA\xAC\""))).decision);
  CHECK(read_decision(*scheme, source("d.json", by_ceo(R"("Mayor's Office (London) & Co.")"))).decision);
  // In a rule file: an error at the line and column of the letter.
  CHECK(check_text(scheme_text("post A \"A\"\ndecision grant\nfact funder: text\npara 1: A may approve grant when funder = \"Met P\xD0\xBElice\"\n")) ==
        Lines{"7:49: error: the text mixes Latin and Cyrillic letters, which can look alike: `\xD0\xBE` in `P\xD0\xBElice` is U+043E "
              "CYRILLIC SMALL LETTER O [confusable]"});
}

TEST_CASE("a register's text cells are normalised, and a confusable one is an invalid row") {
  const CompiledScheme compiled(funder());
  std::string csv =
      "id,date,kind,approver,amount,funder\n"
      "a,2021-01-01,grant,CEO,£10,HOME  OFFICE\n"
      "b,2021-01-01,grant,CEO,£10,Home \xD0\x9E" "ffice\n"
      "c,2021-01-01,grant,CEO,£10,Arts Council\n";
  std::FILE* in = fmemopen(csv.data(), csv.size(), "rb");
  std::string out, error;
  Auditor auditor(compiled, AuditFormat::text, [&out](std::string_view block) {
    out += block;
    return true;
  });
  REQUIRE(auditor.audit_csv(in, error));
  std::fclose(in);
  CHECK(out ==
        "line 2: a: not_authorised by 1 (2020); lowest DMPC\n"
        "line 3: b: invalid: the text mixes Latin and Cyrillic letters, which can look alike: `\xD0\x9E` in `\xD0\x9E" "ffice` is U+041E "
        "CYRILLIC CAPITAL LETTER O (write the text in one script; a look-alike letter would make it differ from the same text typed plainly)\n"
        "line 4: c: authorised by 2 (2020); lowest CEO\n");
}

TEST_CASE("check suggests an enum for a text fact compared only with constants") {
  const Lines found = check_text(funder_scheme);
  CHECK(found == Lines{"7:6: warning: `funder` is text, compared only with fixed values: a value outside them is taken as some other "
                       "text, not refused [text-fact]"});
  // A text fact no condition compares is not warned about; MOPAC has none.
  CHECK(check_text(scheme_text("post A \"A\"\ndecision grant\nfact note: text\npara 1: A may approve grant\n")).empty());
  const LoadResult mopac = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(mopac.scheme);
  CHECK(brief(mopac.diagnostics).empty());
}

TEST_CASE("two posts whose names differ only by normalisation or a look-alike letter are an error at the second") {
  const auto first_line = [](const std::string& body) {
    const Lines found = check_text(scheme_text(body));
    return found.empty() ? std::string() : found.front();
  };
  // A Cyrillic `О` in a title.
  CHECK(first_line("post CEO \"Chief Officer\"\npost CFO \"Chief \xD0\x9E" "fficer\"\n") ==
        "5:10: error: `Chief \xD0\x9E" "fficer` looks the same as `Chief Officer`, which names the post `CEO`; they differ only by "
        "Unicode normalisation or a look-alike letter [duplicate-name]");
  // A digit zero for a letter O, in an id against an alias.
  CHECK(first_line("post CEO \"Chief Executive\"\npost Boss \"The Boss\" alias \"CE0\"\n") ==
        "5:28: error: `CE0` looks the same as `CEO`, which names the post `CEO`; they differ only by Unicode normalisation or a "
        "look-alike letter [duplicate-name]");
  // Full-width letters and a no-break space: the same after NFKC.
  CHECK(first_line("post A \"Head of Finance\"\npost B \"\xEF\xBC\xA8" "ead of\xC2\xA0" "Finance\"\n") ==
        "5:8: error: `\xEF\xBC\xA8" "ead of\xC2\xA0" "Finance` looks the same as `Head of Finance`, which names the post `A`; they differ "
        "only by Unicode normalisation or a look-alike letter [duplicate-name]");
  // Case alone keeps its message.
  CHECK(first_line("post A \"Head of Finance\"\npost B \"HEAD OF FINANCE\"\n") ==
        "5:8: error: `HEAD OF FINANCE` already names the post `A` [duplicate-name]");
  // Names that differ are fine.
  CHECK(first_line("post CEO \"Chief Executive\"\npost CFO \"Chief Finance Officer\"\n").empty());
}
