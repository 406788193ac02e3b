// `remit paper` (issue 16): papers written here in the template of a MOPAC
// decision paper (never copied from a published one), read and checked
// against rules/mopac.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "remit/paper.hpp"
#include "support.hpp"

using namespace remit;
using remit::testing::source;

namespace {

const Scheme& mopac() {
  static const LoadResult loaded = load_scheme(std::filesystem::path(REMIT_SOURCE_DIR) / "rules/mopac");
  REQUIRE(loaded.scheme);
  return *loaded.scheme;
}

// A paper in the template. Each part may be replaced; "" leaves a part out.
struct Template {
  std::string reference = "PCD 900";
  std::string date_line = "";
  std::string maker = "The Deputy Mayor for Policing and Crime is recommended to:";
  std::string decision = "- Approve the acceptance of £1.2m of Home Office grant funding for the test unit.";
  std::string legal_heading = "Legal Comments";
  std::string legal = "Paragraph 4.8 of the MOPAC Scheme of Delegation and Consent provides that the Deputy Mayor for Policing and "
                      "Crime (DMPC) has delegated authority to approve all bids for grant funding made and all offers made of grant funding.";

  std::string text() const {
    std::string t = "Key information\nExecutive summary\nA test paper.\nRecommendation\n" + maker + "\n" + decision +
                    "\nNon-confidential facts and advice to the Deputy Mayor for Policing and Crime (DMPC)\n-\n"
                    "Financial Comments\n-\nThe grant meets the cost.\n-\n";
    if (!legal_heading.empty()) t += legal_heading + "\n-\n";
    t += legal + "\n-\nEquality Comments\n-\nNo impact was found.\n-\nSigned decision document\n";
    if (!date_line.empty()) t += date_line + "\n";
    return t + reference + "\n";
  }
  PaperCheck check(const std::optional<Date>& date = read_date("2020-06-01")) const {
    return check_paper(mopac(), PaperText{source("paper.txt", text()), {}}, date);
  }
};

const PaperFinding* finding(const PaperCheck& c, PaperTopic topic) {
  const auto it = std::find_if(c.findings.begin(), c.findings.end(), [&](const PaperFinding& f) { return f.topic == topic; });
  return it == c.findings.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("paper: a paper in the template is authorised under 4.8 (2020); its claim holds and its words match", "[paper]") {
  const PaperCheck c = Template{}.check();
  REQUIRE(c.paper.reference);
  CHECK(c.paper.reference->value == "PCD 900");
  CHECK(c.paper.reference->span.source->position(c.paper.reference->span.offset).line == 22);
  REQUIRE(c.paper.decision_maker);
  CHECK(c.paper.decision_maker->value == "DMPC");
  CHECK(c.paper.decision_maker->span.source->position(c.paper.decision_maker->span.offset).line == 5);
  REQUIRE(c.paper.kind);
  CHECK(c.paper.kind->value == "grant.acceptance");
  CHECK(c.paper.kind->text == "acceptance of £1.2m of Home Office grant funding");
  REQUIRE(c.paper.amount);
  CHECK(c.paper.amount->value == "£1,200,000");
  CHECK(c.paper.amount->text == "£1.2m");
  CHECK(c.version == "2020");
  CHECK(c.outcome == Outcome::authorised);
  REQUIRE(c.verdict);
  CHECK(c.verdict->provisions.front().para == "4.8");
  CHECK(c.claims_checked == 1);
  CHECK(c.claims_wrong == 0);
  const PaperFinding* para = finding(c, PaperTopic::paragraph);
  REQUIRE(para);
  CHECK(para->status == PaperStatus::holds);
  CHECK(para->paper_line == 15);
  CHECK(para->scheme_location.find("rules/mopac/2020.remit:130:6") != std::string::npos);
  const PaperFinding* words = finding(c, PaperTopic::words);
  REQUIRE(words);
  CHECK(words->status == PaperStatus::holds);
  CHECK(words->message.find("similarity 1.00") != std::string::npos);
  CHECK(std::count_if(c.findings.begin(), c.findings.end(), [](const PaperFinding& f) { return f.status == PaperStatus::present; }) == 3);
}

TEST_CASE("paper: the wrong decision maker is not authorised; the claim on 4.8 still holds", "[paper]") {
  Template t;
  t.maker = "The MOPAC Chief Executive Officer is recommended to:";
  const PaperCheck c = t.check();
  REQUIRE(c.paper.decision_maker);
  CHECK(c.paper.decision_maker->value == "CEO");
  CHECK(c.outcome == Outcome::not_authorised);
  CHECK(finding(c, PaperTopic::verdict)->status == PaperStatus::wrong);
  CHECK(finding(c, PaperTopic::verdict)->message.find("CEO may not approve `grant.acceptance`") != std::string::npos);
  CHECK(c.claims_wrong == 0);
}

TEST_CASE("paper: a paragraph that does not decide it is wrong, naming the one that does", "[paper]") {
  // In the 2016 edition 4.8 is the tender rule; grants came in under grants.incoming.
  const PaperCheck c = Template{}.check(read_date("2017-06-01"));
  CHECK(c.version == "2016");
  CHECK(c.outcome == Outcome::authorised);
  const PaperFinding* para = finding(c, PaperTopic::paragraph);
  REQUIRE(para);
  CHECK(para->status == PaperStatus::wrong);
  CHECK(para->message.rfind("para 4.8 does not decide grant.acceptance in version 2016; it is decided by para grants.incoming", 0) == 0);
  CHECK(para->scheme_location.find("rules/mopac/2016.remit:") != std::string::npos);
  CHECK(c.claims_wrong == 1);
}

TEST_CASE("paper: a paragraph of another version: the number is undetermined, the version named is wrong", "[paper]") {
  Template t;
  t.legal = "Paragraph 1.7 of the MOPAC Scheme of Delegation and Consent (October 2016) provides that the DMPC may delegate her or his functions.";
  const PaperCheck c = t.check();
  const PaperFinding* para = finding(c, PaperTopic::paragraph);
  REQUIRE(para);
  CHECK(para->status == PaperStatus::undetermined);
  CHECK(para->message.find("the rules know no paragraph numbered 1.7 in version 2020; it is a paragraph of version 2016") != std::string::npos);
  const PaperFinding* version = finding(c, PaperTopic::version);
  REQUIRE(version);
  CHECK(version->status == PaperStatus::wrong);
  CHECK(version->message == "para 1.7: the scheme of October 2016 is version 2016, but version 2020 is in force on 2020-06-01");
  CHECK(c.claims_wrong == 1);
}

TEST_CASE("paper: misquoted words are wrong, quoting both", "[paper]") {
  Template t;
  t.legal = "Under paragraph 4.8 of the MOPAC Scheme of Delegation and Consent, the DMPC may approve grants of up to £500,000 only.";
  const PaperCheck c = t.check();
  const PaperFinding* words = finding(c, PaperTopic::words);
  REQUIRE(words);
  CHECK(words->status == PaperStatus::wrong);
  CHECK(words->message.find("paper \"the DMPC may approve grants of up to £500,000 only\", scheme \"the DMPC has delegated") != std::string::npos);
  CHECK(c.claims_wrong == 1);
}

TEST_CASE("paper: a missing Legal Comments section is a missing paper", "[paper]") {
  Template t;
  t.legal_heading.clear();
  t.legal = "Nothing further.";
  const PaperCheck c = t.check();
  CHECK(c.paper.claims.empty());
  const auto missing = std::find_if(c.findings.begin(), c.findings.end(), [](const PaperFinding& f) { return f.status == PaperStatus::missing; });
  REQUIRE(missing != c.findings.end());
  CHECK(missing->message.rfind("\"Legal comments\" (para papers.standard): the paper has no such section", 0) == 0);
  // As for `eval`, a missing paper is reported beside the verdict, not in it.
  CHECK(c.outcome == Outcome::authorised);
}

TEST_CASE("paper: an amount in words, and other ways papers write money", "[paper]") {
  for (const auto& [written, value] : std::vector<std::pair<std::string, std::string>>{
           {"5.6 million pounds", "£5,600,000"}, {"£5,600,000", "£5,600,000"}, {"£5.6 million", "£5,600,000"}, {"£250k", "£250,000"}}) {
    Template t;
    t.decision = "- Approve the acceptance of " + written + " of Home Office grant funding.";
    const PaperCheck c = t.check();
    INFO(written);
    REQUIRE(c.paper.amount);
    CHECK(c.paper.amount->value == value);
    CHECK(c.paper.amount->text == written);
  }
}

TEST_CASE("paper: a reference without a date is undetermined, naming the date; a date signed is read", "[paper]") {
  const PaperCheck c = Template{}.check(std::nullopt);
  CHECK(c.outcome == Outcome::undetermined);
  CHECK(finding(c, PaperTopic::verdict)->message == "undetermined: the date could not be read from the paper");
  CHECK(finding(c, PaperTopic::extraction)->message.find("the date is not known") == 0);
  Template dated;
  dated.date_line = "Date: 1st June 2020";
  const PaperCheck d = dated.check(std::nullopt);
  REQUIRE(d.paper.date);
  CHECK(d.paper.date->value == "2020-06-01");
  CHECK(d.outcome == Outcome::authorised);
}

TEST_CASE("paper: paragraphs of other instruments and references inside sentences are not read as the paper's", "[paper]") {
  Template t;
  t.legal += " Under Article 35 of the GDPR and paragraph 2(2) of the Specified Information Order 2011 a DPIA is needed. See PCD726.";
  const PaperCheck c = t.check();
  CHECK(c.paper.claims.size() == 1);
  CHECK(c.paper.reference->value == "PCD 900");
}

TEST_CASE("paper: the words measure: 2·LCS over both lengths, titles read as post ids, asides dropped", "[paper]") {
  const Version& v = *mopac().find_version("2020");
  CHECK(words_similarity(v, "the Deputy Mayor for Policing and Crime (DMPC) approves", "the DMPC approves") == 1.0);
  CHECK(words_similarity(v, "a b c d", "a b x y") == Approx(0.5));
  CHECK(words_similarity(v, "", "") == 1.0);
  CHECK(words_similarity(v, "words", "") == 0.0);
}

TEST_CASE("paper: HTML as saved from a decision page: tags stripped, entities decoded, lines mapped to the file's", "[paper]") {
  const std::string html =
      "<html><head><title>A paper</title><script>var s = \"<p>Decision by: Mayor of London</p>\";</script></head>\n"  // 1
      "<body><h2>Recommendation</h2>\n"                                                                               // 2
      "<p>The Deputy Mayor for Policing and Crime is recommended to:</p><ul><li>Approve the acceptance of\n"          // 3
      "&pound;1.2m of Home Office grant funding.</li></ul>\n"                                                          // 4
      "<!-- a comment\n spanning lines -->\n"                                                                          // 5, 6
      "<h3>Legal Comments</h3><p>Paragraph 4.8 of the MOPAC Scheme of Delegation and Consent provides that the DMPC "
      "has delegated authority to approve all bids for grant funding made and all offers made of grant funding.</p>\n"  // 7
      "<p>Caf&eacute; &amp; &#8230; &#x2019; &#0;</p><p>Date: 01/06/2020</p><p>PCD 900</p></body></html>\n";         // 8
  const PaperText text = html_to_text(source("p.html", html));
  CHECK(text.text->text().find("<") == std::string::npos);
  CHECK(text.text->text().find("Mayor of London") == std::string::npos);  // the script is not text
  CHECK(text.text->text().find("Caf&eacute; & \xE2\x80\xA6 \xE2\x80\x99 \xEF\xBF\xBD") != std::string::npos);  // unknown entities stay as written
  const PaperCheck c = check_paper(mopac(), text, std::nullopt);
  REQUIRE(c.paper.decision_maker);
  CHECK(c.paper.decision_maker->line == 3);
  REQUIRE(c.paper.kind);
  CHECK(c.paper.kind->line == 3);
  CHECK(c.paper.kind->text == "acceptance of £1.2m of Home Office grant funding");
  REQUIRE(c.paper.date);
  CHECK(c.paper.date->value == "2020-06-01");
  CHECK(c.paper.date->line == 8);
  REQUIRE(c.paper.claims.size() == 1);
  CHECK(c.paper.claims[0].line == 7);
  CHECK(c.outcome == Outcome::authorised);
  CHECK(c.claims_wrong == 0);
}

TEST_CASE("paper: a hostile paper (one line of 200,000 citations, a phrase start repeated) is read in linear time, its claims capped", "[paper]") {
  std::string cites;
  for (int i = 0; i < 200000; ++i) cites += "para 4.8 ";
  const Paper p = extract_paper(mopac(), PaperText{source("big.txt", cites), {}}, read_date("2020-06-01"));
  CHECK(p.claims.size() == 200);
  CHECK(std::find(p.notes.begin(), p.notes.end(), "the paper cites more than 200 paragraphs; the rest were not read") != p.notes.end());
  std::string phrase = "Recommendation\n";
  for (int i = 0; i < 150000; ++i) phrase += "acceptance of ";
  CHECK_FALSE(extract_paper(mopac(), PaperText{source("big.txt", phrase), {}}, read_date("2020-06-01")).kind);
}

TEST_CASE("paper: the decision maker from \"Decision by:\" and from a signature block; two that differ are undetermined", "[paper]") {
  Template by;
  by.maker = "Decision by: Deputy Mayor, Policing and Crime";
  const PaperCheck b = by.check();
  REQUIRE(b.paper.decision_maker);
  CHECK(b.paper.decision_maker->value == "DMPC");
  CHECK(b.paper.decision_maker->text == "Deputy Mayor, Policing and Crime");
  CHECK(b.paper.decision_maker->column == 14);
  Template signed_;
  signed_.maker = "It is recommended that the grant is accepted.";
  signed_.date_line = "Signature\nMOPAC Chief Executive Officer\nDate: 2020-06-01";
  const PaperCheck s = signed_.check(std::nullopt);
  REQUIRE(s.paper.decision_maker);
  CHECK(s.paper.decision_maker->value == "CEO");
  CHECK(s.outcome == Outcome::not_authorised);
  Template both;
  both.maker = "Decision by: Mayor of London\nThe Deputy Mayor for Policing and Crime is recommended to:";
  const PaperCheck d = both.check();
  CHECK_FALSE(d.paper.decision_maker);
  CHECK(std::find(d.paper.notes.begin(), d.paper.notes.end(), "the paper names two decision makers: Mayor and DMPC (recommended to)") != d.paper.notes.end());
  CHECK(d.outcome == Outcome::undetermined);
}
