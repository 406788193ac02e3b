// Text in and out (docs/hardening.md): UTF-8 read strictly everywhere, no
// hidden character in a rule file, and data shown escaped in text and
// Markdown, so that no input can disguise what remit prints.
#include <catch2/catch.hpp>

#include <cstdio>

#include "model/json.hpp"
#include "model/utf8.hpp"
#include "remit/audit.hpp"
#include "remit/compiled.hpp"
#include "remit/format.hpp"
#include "remit/report.hpp"
#include "report/ci_report.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

const std::shared_ptr<const Scheme>& tiny_scheme() {
  static const LoadResult loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/tests/fixtures/tiny");
  REQUIRE(loaded.scheme);
  return loaded.scheme;
}

const Scheme& tiny() { return *tiny_scheme(); }

}  // namespace

TEST_CASE("the UTF-8 validator follows RFC 3629: every class of bad sequence, at its first byte") {
  constexpr std::size_t ok = std::string_view::npos;
  struct Row {
    const char* what;
    std::string bytes;
    std::size_t bad_at;
  };
  const std::vector<Row> rows = {
      {"ASCII", "plain text", ok},
      {"2 bytes (£)", "\xC2\xA3" "5", ok},
      {"3 bytes (€)", "\xE2\x82\xAC", ok},
      {"4 bytes (U+1F600)", "\xF0\x9F\x98\x80", ok},
      {"the last code point, U+10FFFF", "\xF4\x8F\xBF\xBF", ok},
      {"the last before the surrogates, U+D7FF", "\xED\x9F\xBF", ok},
      {"the first after the surrogates, U+E000", "\xEE\x80\x80", ok},
      {"U+FFFF", "\xEF\xBF\xBF", ok},
      {"a stray continuation byte", "ab\x80", 2},
      {"a 2-byte lead and no continuation", "a\xC3(", 1},
      {"C0, an overlong lead", "\xC0\xAF", 0},
      {"C1, an overlong lead", "\xC1\xBF", 0},
      {"a 3-byte overlong (U+002F as E0 80 AF)", "x\xE0\x80\xAF", 1},
      {"a 3-byte overlong (E0 9F BF)", "\xE0\x9F\xBF", 0},
      {"a 4-byte overlong (F0 80 80 AF)", "\xF0\x80\x80\xAF", 0},
      {"a 4-byte overlong (F0 8F BF BF)", "\xF0\x8F\xBF\xBF", 0},
      {"the high surrogate U+D800 (ED A0 80)", "ok \xED\xA0\x80", 3},
      {"the low surrogate U+DFFF (ED BF BF)", "\xED\xBF\xBF", 0},
      {"a surrogate pair encoded as two characters", "\xED\xA0\xBD\xED\xB8\x80", 0},
      {"U+110000 (F4 90 80 80)", "\xF4\x90\x80\x80", 0},
      {"an F5 lead", "\xF5\x80\x80\x80", 0},
      {"an F8 lead (a 5-byte form)", "\xF8\x88\x80\x80\x80", 0},
      {"an FC lead (a 6-byte form)", "\xFC\x84\x80\x80\x80\x80", 0},
      {"FE", "\xFE", 0},
      {"FF", "a\xFF", 1},
      {"a 3-byte sequence cut short by the end", "ab\xE2\x82", 2},
      {"a 4-byte sequence cut short by the end", "\xF0\x9F\x98", 0},
      {"a 3-byte sequence cut short by ASCII", "\xE2\x82" "A", 0},
      {"a 4-byte sequence with a bad third byte", "\xF0\x9F\x28\x80", 0},
      {"a good character, then a bad one", "\xC2\xA3\xC2", 2},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    CHECK(invalid_utf8_at(r.bytes) == r.bad_at);
    CHECK((decode_utf8(r.bytes, r.bad_at == ok ? 0 : r.bad_at).length == 0) == (r.bad_at != ok));
  }
}

TEST_CASE("every reader of UTF-8 uses the strict check, and says where") {
  SECTION("rule files, from disk or from memory") {
    CHECK(check_text(scheme_text("# a comment \xED\xA0\x80\n")) == Lines{"4:13: error: the file is not valid UTF-8 here [encoding]"});
    CHECK(check_text(scheme_text("post A \"\xF4\x90\x80\x80\"\n")) == Lines{"4:9: error: the file is not valid UTF-8 here [encoding]"});
    const FormatResult formatted = format_source(source("<stdin>", scheme_text("# \xE0\x80\xAF\n")));
    CHECK(!formatted.text);
    CHECK(brief(formatted.diagnostics) == Lines{"4:3: error: the file is not valid UTF-8 here [encoding]"});
  }
  SECTION("JSON, with the byte offset") {
    const json::Reading r = json::parse("{\"id\": \"\xF0\x80\x80\xAF\"}");
    CHECK(!r.value);
    CHECK(r.error.offset == 8);
    CHECK(r.error.message == "the JSON is not valid UTF-8 here");
  }
  SECTION("decisions") {
    const DecisionReading d = read_decision(tiny(), source("d.json", "{\"kind\": \"budget\", \"id\": \"\xED\xA0\x80\"}"));
    CHECK(!d.decision);
    CHECK(brief(d.diagnostics) == Lines{"1:27: error: the decision is not valid UTF-8 here [encoding]"});
  }
  SECTION("the parts of a decision given on the command line") {
    const DecisionReading q = make_query(tiny(), "grant.acceptance", std::nullopt, std::string("DM\xF4\x90\x80\x80"), {});
    CHECK(!q.decision);
    CHECK(brief(q.diagnostics) == Lines{"1:3: error: the argument is not valid UTF-8 here [encoding]"});
  }
}

namespace {

// `remit audit` of CSV text: the output rows and the summary's counts.
std::string audit_csv(const std::string& csv, AuditFormat format, AuditSummary* summary = nullptr) {
  const CompiledScheme compiled(tiny_scheme());
  std::FILE* in = std::tmpfile();
  REQUIRE(in);
  std::fwrite(csv.data(), 1, csv.size(), in);
  std::rewind(in);
  std::string text;
  Auditor auditor(compiled, format, [&](std::string_view block) {
    text += block;
    return true;
  });
  std::string error;
  CHECK(auditor.audit_csv(in, error));
  CHECK(error.empty());
  if (summary) *summary = auditor.summary();
  std::fclose(in);
  return text;
}

}  // namespace

TEST_CASE("a register row that is not UTF-8 is an invalid row that says which field and byte") {
  AuditSummary summary;
  const std::string out = audit_csv(
      "id,date,kind,approver,amount\n"
      "r1,2021-01-01,grant.acceptance,DMPC,\xC2\xA3" "5\n"
      "r2,2021-01-01,grant.acceptance,DM\xED\xA0\x80PC,\xC2\xA3" "5\n"
      "r3,2021-01-01,grant.acceptance,DMPC,\xC2\xA3" "5\n",
      AuditFormat::text, &summary);
  CHECK(out ==
        "line 2: r1: authorised by 3.1 (2020); lowest DMPC\n"
        "line 3: r2: invalid: field 4: byte 3 of the field (0xed) is not UTF-8, the encoding the register is read in (judged from its "
        "first 64 KiB); if the file is Windows-1252 (Excel's \"CSV\"), give --encoding windows-1252, or save it as \"CSV UTF-8\"\n"
        "line 4: r3: authorised by 3.1 (2020); lowest DMPC\n");
  CHECK(summary.rows == 3);
}

TEST_CASE("text output shows hidden characters escaped, one escaper for every writer") {
  SECTION("the escaper") {
    CHECK(printable("DMPC \xC2\xA3" "5,000") == "DMPC \xC2\xA3" "5,000");
    CHECK(printable("a\x1b[32mauthorised\x07") == "a\\u{1b}[32mauthorised\\u{7}");
    CHECK(printable("two\nlines\r\ttab") == "two\\u{a}lines\\u{d}\\u{9}tab");
    CHECK(printable("two\nlines", true) == "two\nlines");
    CHECK(printable("x\xE2\x80\xAEy\xE2\x81\xA6z") == "x\\u{202e}y\\u{2066}z");
    CHECK(printable("a\xE2\x80\x8B" "b\xEF\xBB\xBF" "c\xE2\x81\xA0") == "a\\u{200b}b\\u{feff}c\\u{2060}");
    CHECK(printable("\xC2\x9B" "c1") == "\\u{9b}c1");
    CHECK(printable("bad \xFF byte") == "bad \\x{ff} byte");
  }
  SECTION("a register cell with a newline or an escape cannot forge a line of `audit --format text`") {
    const std::string out = audit_csv(
        "id,date,kind,approver,amount\n"
        "\"r1\nline 9: forged: authorised\",2021-01-01,budget,Mayor,\n"
        "\"r2\x1b[1A\",2021-01-01,grant.acceptance,DMPC,\n",
        AuditFormat::text);
    CHECK(out ==
          "line 2: r1\\u{a}line 9: forged: authorised: undetermined; the answer depends on novel, which the decision does not give\n"
          "line 4: r2\\u{1b}[1A: authorised by 3.1 (2020); lowest DMPC\n");
  }
  SECTION("a decision id with a bidi override or a zero-width space, in `eval`") {
    const Verdict v = eval_json(tiny(), "{\"id\": \"x\xE2\x80\xAE" "desirohtua\xE2\x80\x8B\", \"kind\": \"grant.acceptance\", "
                                        "\"approver\": \"DMPC\", \"date\": \"2021-01-01\"}");
    const std::string text = verdict_text(v, false);
    CHECK(text.rfind("x\\u{202e}desirohtua\\u{200b}: authorised\n", 0) == 0);
    // JSON keeps the text, as escapes a terminal does not act on.
    CHECK(verdict_json(v).find("\"id\": \"x\\u202edesirohtua\\u200b\"") != std::string::npos);
  }
  SECTION("diagnostics quote user input escaped") {
    const DecisionReading d = read_decision(tiny(), source("d.json", "{\"kind\": \"budget\", \"approver\": \"DM\xE2\x80\xAEPC\"}"));
    REQUIRE(!d.diagnostics.empty());
    const std::string text = render_text(d.diagnostics.front());
    CHECK(text.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(text.find("`DM\\u{202e}PC`") != std::string::npos);
  }
}

TEST_CASE("a rule file cannot hold control, bidirectional or invisible characters") {
  CHECK(check_text(scheme_text("# ok\x1b[2K\npost A \"A\"\n")) ==
        Lines{"4:5: error: a rule file cannot hold the control character U+001B (escape) [hidden-character]"});
  CHECK(check_text(scheme_text("post A \"Mayor\x07\"\n")) ==
        Lines{"4:14: error: a rule file cannot hold the control character U+0007 (bell) [hidden-character]"});
  CHECK(check_text(scheme_text("post A \"a\xE2\x80\xAE" "b\" # c\xE2\x81\xA6\n")) ==
        Lines{"4:10: error: a rule file cannot hold the bidirectional control U+202E (right-to-left override) [hidden-character]",
              "4:17: error: a rule file cannot hold the bidirectional control U+2066 (left-to-right isolate) [hidden-character]"});
  CHECK(check_text(scheme_text("post A\xE2\x80\x8B \"A\"\n")) ==
        Lines{"4:7: error: a rule file cannot hold the invisible character U+200B (zero width space) [hidden-character]"});
  CHECK(check_text(scheme_text("post A \"A\"\rpost B \"B\"\n")) ==
        Lines{"4:11: error: a rule file cannot hold the control character U+000D (carriage return not before a line feed) "
              "[hidden-character]"});
  CHECK(check_text(scheme_text("post A \"A\xC2\x85\"\n")) ==
        Lines{"4:10: error: a rule file cannot hold the control character U+0085 [hidden-character]"});
  SECTION("tabs, CRLF line ends and ordinary non-ASCII text are fine") {
    CHECK(check_text(scheme_text("post A\t\"Cr\xC3\xA8" "che \xE2\x82\xAC\"\r\ndecision x\r\n")).empty());
  }
  SECTION("`fmt` refuses them too, and the help says what to do") {
    const FormatResult formatted = format_source(source("<stdin>", scheme_text("post A \"A\" # \xE2\x80\xAE\n")));
    CHECK(!formatted.text);
    REQUIRE(formatted.diagnostics.size() == 1);
    CHECK(formatted.diagnostics[0].help == "delete it: a bidirectional control makes the text shown differ from the text remit reads");
    // The excerpt shows the character as `?`, so the caret stays under it.
    CHECK(render_text(formatted.diagnostics[0]).find(" 4 | post A \"A\" # ?\n") != std::string::npos);
  }
}

TEST_CASE("unknown string escapes are errors, not a dropped backslash") {
  CHECK(check_text(scheme_text("post A \"\\x41\"\n")) == Lines{"4:9: error: unknown escape `\\x` in a string [parse]"});
  CHECK(check_text(scheme_text("post A \"a\\nb\"\n")) == Lines{"4:10: error: unknown escape `\\n` in a string [parse]"});
  CHECK(check_text(scheme_text("post A \"a\\\xC3\xA9\"\n")) == Lines{"4:10: error: unknown escape `\\\xC3\xA9` in a string [parse]"});
  const FormatResult formatted = format_source(source("<stdin>", scheme_text("post A \"\\x41\"\n")));
  CHECK(!formatted.text);
  SECTION("the two escapes still work") {
    const LoadResult r = load_text(scheme_text("post A \"say \\\"hi\\\" \\\\ bye\"\n"));
    REQUIRE(r.scheme);
    CHECK(r.scheme->versions[0].posts[0].title == "say \"hi\" \\ bye");
  }
}

TEST_CASE("a money amount with no digits after `£` names what was expected") {
  const std::string body = "post A \"A\"\ndecision x\nfact amount: money\npara 1: A may approve x when amount > ";
  CHECK(check_text(scheme_text(body + "\xC2\xA3-5\n")) ==
        Lines{"7:40: error: expected the digits of an amount after `\xC2\xA3`, found `-` [parse]"});
  CHECK(check_text(scheme_text(body + "\xC2\xA3\xEF\xBC\x95\n")) ==
        Lines{"7:40: error: expected the digits of an amount after `\xC2\xA3`, found `\xEF\xBC\x95` [parse]"});
}

TEST_CASE("a scheme in another currency refuses `£` amounts") {
  const std::string eur = "scheme \"S\"\nversion \"1\" in force from 2020-01-01\ncurrency EUR\npost A \"A\"\ndecision x\nfact amount: money\n";
  CHECK(check_text(eur + "para 1: A may approve x when amount > 500000 EUR\n").empty());
  CHECK(check_text(eur + "para 1: A may approve x when amount > \xC2\xA3" "500k\n") ==
        Lines{"7:39: error: `\xC2\xA3` marks an amount in pounds, but the scheme's currency is `EUR` [money]"});
  const LoadResult loaded = load_text(eur + "para 1: A may approve x when amount > 500000 EUR\n");
  REQUIRE(loaded.scheme);
  const DecisionReading d =
      read_decision(*loaded.scheme, source("d.json", "{\"kind\": \"x\", \"approver\": \"A\", \"facts\": {\"amount\": \"\xC2\xA3" "5\"}}"));
  CHECK(!d.decision);
  CHECK(brief(d.diagnostics).at(0).find("`\xC2\xA3` marks an amount in pounds, but the scheme's currency is `EUR`") != std::string::npos);
}

TEST_CASE("Markdown output escapes everything that could become markup") {
  using report::escape_markdown;
  CHECK(escape_markdown("DMPC, \xC2\xA3" "500,000 (para 4.8)") == "DMPC, \xC2\xA3" "500,000 (para 4.8)");
  CHECK(escape_markdown("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(escape_markdown("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>");
  CHECK(escape_markdown("<!-- hide") == "\\<\\!-- hide");
  CHECK(escape_markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))");
  CHECK(escape_markdown("![i](http://x/y.png)") == "\\!\\[i\\](http://x/y.png)");
  CHECK(escape_markdown("a|b *c* _d_ `e` ~f~ &amp; \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~ \\&amp; \\\\");
  CHECK(escape_markdown("# heading") == "\\# heading");
  CHECK(escape_markdown("- item") == "\\- item");
  CHECK(escape_markdown("two\nlines") == "two lines");
  CHECK(escape_markdown("esc\x1b[1m") == "esc\\\\u{1b}\\[1m");
}
