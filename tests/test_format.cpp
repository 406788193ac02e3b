// remit fmt: the layout is canonical, formatting twice changes nothing, and
// the formatted file means what the original meant.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/parse.hpp"
#include "model/utf8.hpp"
#include "remit/format.hpp"
#include "support.hpp"
#include "support/generated_scheme.hpp"
#include "support/syntax_meaning.hpp"

using namespace remit;
using remit::testing::source;
using remit::testing::syntax_meaning;

namespace {

std::string formatted(const std::string& text) {
  FormatResult r = format_source(source("x.remit", text));
  REQUIRE(r.text);
  return *r.text;
}

// The three properties, on one text.
void require_canonical(const std::string& path, const std::string& text) {
  INFO(path);
  const syntax::ParseResult before = syntax::parse(text);
  REQUIRE(before.errors.empty());
  const std::string once = formatted(text);
  const syntax::ParseResult after = syntax::parse(once);
  REQUIRE(after.errors.empty());
  CHECK(syntax_meaning(after) == syntax_meaning(before));
  CHECK(formatted(once) == once);
  // Nothing written as a comment is lost.
  std::size_t comments_before = 0, comments_after = 0;
  for (char c : text) comments_before += c == '#';
  for (char c : once) comments_after += c == '#';
  CHECK(comments_after == comments_before);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("fmt: every rule file in rules/ and tests/fixtures is canonical after one pass and keeps its meaning", "[fmt]") {
  std::size_t files = 0;
  for (const char* folder : {"rules", "tests/fixtures", "examples"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(REMIT_SOURCE_DIR) / folder)) {
      if (entry.path().extension() != ".remit") continue;
      const std::string text = read_file(entry.path());
      if (!syntax::parse(text).errors.empty()) continue;  // the syntax-error fixtures
      std::vector<Diagnostic> refused;
      if (!check_rule_text(std::make_shared<const SourceFile>(entry.path().string(), text), refused)) continue;  // hidden characters
      require_canonical(entry.path().string(), text);
      ++files;
    }
  }
  CHECK(files >= 30);
}

TEST_CASE("fmt: the rule files in rules/ are already formatted", "[fmt]") {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(REMIT_SOURCE_DIR) / "rules")) {
    if (entry.path().extension() != ".remit") continue;
    INFO(entry.path().string());
    const std::string text = read_file(entry.path());
    CHECK(formatted(text) == text);
  }
}

TEST_CASE("fmt: spacing, keyword case and alignment are the formatter's", "[fmt]") {
  const std::string messy =
      "SCHEME   \"S\"\n"
      "Version \"1\"   IN force FROM 2020-04-01\n"
      "currency GBP\n\n\n\n"
      "post Mayor \"Mayor\"\n"
      "post DMPC \"Deputy\"    UNDER Mayor   # the deputy\n"
      "post Commissioner \"Commissioner\" consent   from DMPC\n"
      "decision grant.bid,grant.award\n"
      "fact amount : money\n"
      "fact novel,contentious:flag\n"
      "# powers\n"
      "para 4.8: DMPC may  approve grant.bid\n"
      "para 7.3:Commissioner MAY approve grant.award WHEN amount<£50,000\n"
      "  AND must report QUARTERLY to DMPC\n"
      "para 4.2: DMPC must approve any decision when novel or (contentious and amount >= £1m)\n"
      "para   4.3 : DMPC may approve grant.award\n";
  const std::string expected =
      "scheme \"S\"\n"
      "version \"1\" in force from 2020-04-01\n"
      "currency GBP\n\n"
      "post Mayor        \"Mayor\"\n"
      "post DMPC         \"Deputy\" under Mayor  # the deputy\n"
      "post Commissioner \"Commissioner\" consent from DMPC\n"
      "decision grant.bid, grant.award\n"
      "fact amount: money\n"
      "fact novel, contentious: flag\n"
      "# powers\n"
      "para 4.8: DMPC may approve grant.bid\n"
      "para 7.3:\n"
      "  Commissioner may approve grant.award when amount < £50,000 and must report quarterly to DMPC\n"
      "para 4.2: DMPC must approve any decision when novel or (contentious and amount >= £1m)\n"
      "para 4.3: DMPC may approve grant.award\n";
  CHECK(formatted(messy) == expected);
  require_canonical("messy", messy);
}

TEST_CASE("fmt: a provision's `number` keeps its place after the words and before `overrides`", "[fmt]") {
  const std::string text = remit::testing::scheme_text(
      "post DMPC \"Deputy Mayor\"\ndecision contract.award\nfact amount: money\n"
      "para procure.500k   \"contracts over £500,000\"  NUMBER \"4.13\" overrides x:DMPC may approve contract.award when amount > £500,000\n"
      "para x Number \"4.14\": DMPC may approve contract.award\n");
  const std::string out = formatted(text);
  CHECK(out.find("para procure.500k \"contracts over £500,000\" number \"4.13\" overrides x:\n") != std::string::npos);
  CHECK(out.find("para x number \"4.14\": DMPC may approve contract.award\n") != std::string::npos);
  require_canonical("number", text);
}

TEST_CASE("fmt: long provisions break at the body, then at `when` and duties, then between operands", "[fmt]") {
  const std::string text = remit::testing::scheme_text(
      "post DMPC \"Deputy Mayor\"\npost Commissioner \"Commissioner\" consent from DMPC\n"
      "decision property.disposal\nfact amount: money\nfact novel, contentious, public_interest, unusual_features: flag\n"
      "para disposal.below1m \"disposals under £1m may be completed by the MPS and reported retrospectively\": "
      "Commissioner may approve property.disposal when amount < £1m and not novel and not contentious and not public_interest "
      "and not unusual_features and must report retrospectively to DMPC\n");
  const std::string out = formatted(text);
  CHECK(out.find("para disposal.below1m \"disposals under £1m may be completed by the MPS and reported retrospectively\":\n"
                 "  Commissioner may approve property.disposal\n"
                 "    when amount < £1m\n"
                 "      and not novel\n"
                 "      and not contentious\n"
                 "      and not public_interest\n"
                 "      and not unusual_features\n"
                 "    and must report retrospectively to DMPC\n") != std::string::npos);
  require_canonical("long", text);
}

TEST_CASE("fmt: comments inside a statement move before it; blank lines collapse to one; the last line ends", "[fmt]") {
  const std::string text = remit::testing::scheme_text(
      "post DMPC \"Deputy\"\ndecision grant.bid\nfact amount: money\n\n\n\n"
      "para 4.8:   # trailing on the head line\n  DMPC may approve grant.bid\n"
      "  when amount > £1  # trailing at the end\n"
      "example \"e\": grant.bid amount £2 approver DMPC expect authorised by 4.8 met \"x\"");
  const std::string out = formatted(text);
  CHECK(out.find("fact amount: money\n\n# trailing on the head line\npara 4.8: DMPC may approve grant.bid when amount > £1  # trailing at the end\n"
                 "example \"e\":\n  grant.bid amount £2 approver DMPC\n  expect authorised by 4.8\n    met \"x\"\n") != std::string::npos);
  CHECK(out.back() == '\n');
  require_canonical("comments", text);
}

TEST_CASE("fmt: a file that does not parse is refused with its syntax errors", "[fmt]") {
  FormatResult r = format_source(source("bad.remit", "scheme \"S\"\npara 4.8 DMPC may approve x\n"));
  CHECK_FALSE(r.text);
  REQUIRE(remit::testing::brief(r.diagnostics) ==
          std::vector<std::string>{"2:10: error: expected `:` after `4.8`, found `DMPC` [parse]"});
}

TEST_CASE("fmt: unified diff", "[fmt]") {
  CHECK(unified_diff("a.remit", "x\n", "x\n").empty());
  CHECK(unified_diff("a.remit", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n") ==
        "--- a/a.remit\n+++ b/a.remit\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(unified_diff("a.remit", "a\nb", "a\nb\n") ==
        "--- a/a.remit\n+++ b/a.remit\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(unified_diff("a.remit", "", "new\n") == "--- a/a.remit\n+++ b/a.remit\n@@ -0,0 +1 @@\n+new\n");
  // Changes far apart make two hunks.
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 19 ? "x" : std::to_string(i)) + "\n";
  }
  const std::string diff = unified_diff("a.remit", before, after);
  CHECK(diff.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(diff.find("@@ -16,5 +16,5 @@") != std::string::npos);
}

TEST_CASE("fmt: generated schemes of every size keep their meaning and format to themselves", "[fmt]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::size_t provisions = seed % 4 == 0 ? 400 : seed * 3;
    require_canonical("generated scheme " + std::to_string(seed), remit::testing::generated_scheme(seed, provisions));
  }
}
