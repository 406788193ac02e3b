// Hostile and broken input (docs/hardening.md): every limit gives an error
// that says where, what and what to do; nothing crashes, runs away or says
// `authorised`; and every input that once crashed a fuzz target stays fixed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "check/limits.hpp"
#include "support.hpp"

using namespace remit;
using namespace remit::testing;
using Lines = std::vector<std::string>;

namespace {

const std::string two_posts = "post A \"A\"\npost B \"B\" under A\ndecision x.y\nfact amount: money\nfact staff: integer\n";

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

const Scheme& tiny() {
  static const LoadResult loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/tests/fixtures/tiny");
  REQUIRE(loaded.scheme);
  return *loaded.scheme;
}

Lines decision_errors(const std::string& json) { return brief(read_decision(tiny(), source("d.json", json)).diagnostics); }

std::string first_message(const std::vector<Diagnostic>& ds) { return ds.empty() ? "(no diagnostic)" : ds.front().message; }

}  // namespace

// ---- nesting: refused before parsing, never a stack overflow ---------------

TEST_CASE("200,000 nested parentheses in a condition are refused before parsing") {
  // On one line, the line is too long; over many lines, too deep.
  const std::string one_line =
      scheme_text(two_posts + "para 1: A may approve x.y when " + std::string(200000, '(') + "amount > £1" + std::string(200000, ')') + "\n");
  CHECK(check_text(one_line) == Lines{"9:4097: error: this line is 400,043 bytes long; lines of a rule file are limited to 4,096 [limit]"});
  const std::string lines = scheme_text(two_posts + "para 1: A may approve x.y when\n" + repeat(std::string(100, '(') + "\n", 2000) +
                                        "amount > £1\n" + repeat(std::string(100, ')') + "\n", 2000));
  CHECK(check_text(lines) == Lines{"12:57: error: conditions are nested more than 256 deep [parse]"});
  const std::string nots = scheme_text(two_posts + "para 1: A may approve x.y when\n" + repeat("not not not not not\n", 40000) + "amount > £1\n");
  CHECK(check_text(nots) == Lines{"61:5: error: conditions are nested more than 256 deep [parse]"});
}

TEST_CASE("conditions nested 256 deep are still read") {
  const std::string text =
      scheme_text(two_posts + "para 1: A may approve x.y when " + std::string(256, '(') + "amount > £1" + std::string(256, ')') + "\n");
  CHECK(check_text(text).empty());
}

TEST_CASE("200,000 nested arrays or objects in a decision are refused") {
  CHECK(decision_errors("{\"kind\": \"budget\", \"facts\": " + std::string(200000, '[') + std::string(200000, ']') + "}") ==
        Lines{"1:157: error: JSON nested more than 128 deep [json]"});
  CHECK(decision_errors(repeat("{\"a\":", 200000) + "1" + std::string(200000, '}')) ==
        Lines{"1:646: error: JSON nested more than 128 deep [json]"});
}

// ---- the limits of limits.hpp ---------------------------------------------

TEST_CASE("a line longer than 4,096 bytes is refused, at its 4,097th byte") {
  const auto d = load_text(scheme_text("post A \"" + std::string(5000, 'a') + "\"\n")).diagnostics;
  REQUIRE(brief(d) == Lines{"4:4097: error: this line is 5,009 bytes long; lines of a rule file are limited to 4,096 [limit]"});
  CHECK(d[0].help.find("break it after") != std::string::npos);
  // A long line is shown around the caret, not whole.
  const std::string shown = render_text(d[0]);
  CHECK(shown.size() < 600);
  CHECK(shown.find("\xE2\x80\xA6") != std::string::npos);
  CHECK(check_text(scheme_text("post A \"" + std::string(4000, 'a') + "\"\n")).empty());
}

TEST_CASE("counts past their limits are refused at the statement that passes them") {
  std::string posts;
  for (std::size_t i = 0; i <= limits::max_posts; ++i) posts += "post P" + std::to_string(i) + " \"p\"\n";
  CHECK(check_text(scheme_text(posts)) == Lines{"1004:6: error: more than 1,000 posts in one version [limit]"});

  std::string kinds = "decision ";
  for (std::size_t i = 0; i <= limits::max_kinds; ++i) kinds += (i ? ",\n k.x" : "k.x") + std::to_string(i);
  CHECK(check_text(scheme_text(kinds + "\n")) == Lines{"4:10: error: more than 1,000 decision kinds in one version [limit]"});

  std::string facts = "fact ";
  for (std::size_t i = 0; i <= limits::max_facts; ++i) facts += (i ? ",\n f" : "f") + std::to_string(i);
  CHECK(check_text(scheme_text(facts + ": flag\n")) == Lines{"4:6: error: more than 1,000 facts in one version [limit]"});

  std::string members = "fact route: enum {";
  for (std::size_t i = 0; i <= limits::max_members; ++i) members += (i ? ",\n m" : "m") + std::to_string(i);
  CHECK(check_text(scheme_text(members + "}\n")) == Lines{"1004:2: error: an enumeration has more than 1,000 members [limit]"});

  std::string paras = two_posts;
  for (std::size_t i = 0; i <= limits::max_provisions; ++i) paras += "para " + std::to_string(i) + ": A may approve x.y\n";
  CHECK(check_text(scheme_text(paras)) == Lines{"20009:6: error: more than 20,000 paragraphs in one version [limit]"});
}

TEST_CASE("a chain of `under` longer than 64 is refused, quickly, and nothing walks it per link") {
  auto chain = [](std::size_t n) {
    std::string posts = "post P0 \"p0\"\n";
    for (std::size_t i = 1; i < n; ++i)
      posts += "post P" + std::to_string(i) + " \"p" + std::to_string(i) + "\" under P" + std::to_string(i - 1) + "\n";
    return scheme_text(posts + "decision x.y\npara 1: P0 may approve x.y\n");
  };
  CHECK(check_text(chain(65)).empty());  // P64 has 64 posts above it
  const auto d = load_text(chain(66)).diagnostics;
  CHECK(brief(d) == Lines{"69:6: error: the post `P65` has more than 64 posts above it (through `under` and `consent from`) [limit]"});
  CHECK(check_text(chain(1000)).size() == 1);
}

TEST_CASE("no more than 100 errors are reported for one file, or one decision") {
  std::string paras = two_posts;
  for (int i = 0; i < 300; ++i) paras += "para " + std::to_string(i) + ": Nobody may approve x.y\n";
  const auto d = load_text(scheme_text(paras)).diagnostics;
  REQUIRE(d.size() == 101);
  CHECK(brief({d.back()}) == Lines{"error: there are more errors; only the first 100 are shown [limit]"});
  CHECK(render_text(d.back()) ==
        "test.remit: error: there are more errors; only the first 100 are shown [limit]\n   = help: fix these and check again\n");

  // Syntax errors too: the parser stops looking past them (a million broken
  // lines took 10 s and 1 GB).
  const auto broken = load_text(repeat("para x\n", 1'000'000)).diagnostics;
  REQUIRE(broken.size() == 101);
  CHECK(broken.back().message == "there are more errors; only the first 100 are shown");

  std::string keys = "{\"kind\": \"budget\"";
  for (int i = 0; i < 300; ++i) keys += ", \"k" + std::to_string(i) + "\": 1";
  const auto e = read_decision(tiny(), source("d.json", keys + "}")).diagnostics;
  CHECK(e.size() == 101);
  CHECK(e.back().code == Code::limit);
}

TEST_CASE("an endless stream is read only as far as the decision limit") {
  struct Endless : std::streambuf {
    char c = ' ';
    int_type underflow() override {
      setg(&c, &c, &c + 1);
      return ' ';
    }
  } endless;
  std::istream in(&endless);
  CHECK(limits::read_decision_stream(in).size() == limits::max_decision_bytes + 1);
  std::istringstream small("{\"kind\": \"budget\"}");
  CHECK(limits::read_decision_stream(small) == "{\"kind\": \"budget\"}");
}

TEST_CASE("a decision larger than 8 MiB is refused before it is parsed") {
  const std::string big = "{\"kind\": \"budget\", \"id\": \"" + std::string(limits::max_decision_bytes, 'x') + "\"}";
  CHECK(decision_errors(big) == Lines{"1:1: error: the decision is larger than 8 MiB, the most remit reads [limit]"});
}

TEST_CASE("50,000 keys in a decision are read in linear time") {
  // Comparing every key with every other one took minutes for 200,000.
  std::string json = "{\"kind\": \"budget\", \"approver\": \"Mayor\", \"facts\": {";
  for (int i = 0; i < 50000; ++i) json += (i ? ", \"f" : "\"f") + std::to_string(i) + "\": 1";
  const auto d = read_decision(tiny(), source("d.json", json + "}}")).diagnostics;
  CHECK(d.size() == 101);  // unknown facts, capped
  CHECK(first_message(d) == "unknown fact `f0` in version `2020`");
}

TEST_CASE("a decision that would need too many cases of missing facts is undetermined, quickly") {
  // 300 thresholds on one fact: 900 cases of it, each costing 300² in the
  // conflict checks, which is past the evaluator's budget of 4,096 × 64².
  std::string paras = two_posts;
  for (int i = 0; i < 150; ++i) paras += "para e" + std::to_string(i) + ": A must approve x.y when amount > £" + std::to_string(i) + "\n";
  for (int i = 0; i < 150; ++i) paras += "para p" + std::to_string(i) + ": B may approve x.y when amount < £" + std::to_string(1000 + i) + "\n";
  const LoadResult loaded = load_text(scheme_text(paras));
  REQUIRE(loaded.scheme);
  const Verdict v = eval_json(*loaded.scheme, R"({"kind": "x.y", "approver": "B"})");
  CHECK(v.outcome == Outcome::undetermined);
  CHECK(v.reason == "too many facts are missing to try every case; give amount");
  CHECK(eval_json(*loaded.scheme, R"({"kind": "x.y", "approver": "A", "facts": {"amount": "£2,000"}})").outcome == Outcome::authorised);
}

// ---- huge numbers -----------------------------------------------------------

TEST_CASE("huge integers, amounts and years are errors in rule files") {
  CHECK(check_text(scheme_text(two_posts + "para 1: A may approve x.y when staff > 99999999999999999999\n")) ==
        Lines{"9:40: error: the number `99999999999999999999` is too large [integer]"});
  CHECK(check_text(scheme_text(two_posts + "para 1: A may approve x.y when amount > £99999999999999999999\n")) ==
        Lines{"9:41: error: money amount is too large [money]"});
  CHECK(first_message(load_text(scheme_text("", "1", "99999-01-01")).diagnostics).find("99999") != std::string::npos);
  CHECK(first_message(load_text(scheme_text("", "1", "2021-02-29")).diagnostics) == "there is no such date as `2021-02-29`");
}

TEST_CASE("huge amounts and years are errors in decisions") {
  CHECK(decision_errors(R"({"kind": "budget", "facts": {"amount": "£99999999999999999999"}})") ==
        Lines{"1:41: error: `amount`: money amount is too large [money]"});
  CHECK(decision_errors(R"({"kind": "budget", "facts": {"amount": 99999999999999999999}})") ==
        Lines{"1:40: error: `amount`: money amount is too large [money]"});
  CHECK(decision_errors(R"({"kind": "budget", "facts": {"amount": 1e400}})") ==
        Lines{"1:40: error: `amount`: a money amount cannot have an exponent [bad-value]"});
  CHECK(decision_errors(R"({"kind": "budget", "date": "99999-01-01"})") ==
        Lines{"1:28: error: `99999-01-01` is not a date in `YYYY-MM-DD` form [bad-value]"});
  CHECK(decision_errors(R"({"kind": "budget", "date": "9999-12-31"})") ==
        Lines{});  // the last day remit can read is in force, as the newest version runs on
  const LoadResult typed = load_text(scheme_text("post A \"A\"\ndecision x.y\nfact starts: date\nfact staff: integer\n"));
  REQUIRE(typed.scheme);
  CHECK(brief(read_decision(*typed.scheme, source("d.json", R"({"kind": "x.y", "facts": {"starts": "99999-01-01"}})")).diagnostics) ==
        Lines{"1:37: error: `starts` is a date but `99999-01-01` is not a date in `YYYY-MM-DD` form [bad-value]"});
  CHECK(brief(read_decision(*typed.scheme, source("d.json", R"({"kind": "x.y", "facts": {"starts": "2021-02-29"}})")).diagnostics) ==
        Lines{"1:37: error: `starts` is a date but `2021-02-29` is not a date that exists [bad-value]"});
  CHECK(brief(read_decision(*typed.scheme, source("d.json", R"({"kind": "x.y", "facts": {"staff": 99999999999999999999}})")).diagnostics) ==
        Lines{"1:36: error: `staff` is an integer but `99999999999999999999` is not a whole number in range [bad-value]"});
}

// ---- random bytes, truncated files, invalid UTF-8 ---------------------------

TEST_CASE("every prefix of a real rule file and of a decision gives a verdict or errors, never a crash") {
  std::ifstream in(std::string(REMIT_SOURCE_DIR) + "/rules/mopac/2020.remit", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t refused = 0;
  for (std::size_t cut = 0; cut < text.size(); cut += 97) {
    const LoadResult r = load_text(text.substr(0, cut));
    CHECK((r.scheme != nullptr) != has_errors(r.diagnostics));
    refused += r.scheme == nullptr;
  }
  CHECK(refused > 0);
  const std::string decision = R"({"id": "PCD 785", "kind": "grant.acceptance", "date": "2020-06-01", "approver": "DMPC",
    "facts": {"amount": "£5,600,000"}, "evidence": ["CFO comments", "legal comments"]})";
  for (std::size_t cut = 0; cut < decision.size(); ++cut) {
    const DecisionReading r = read_decision(tiny(), source("d.json", decision.substr(0, cut)));
    CHECK(!r.decision);
    CHECK(has_errors(r.diagnostics));
  }
}

TEST_CASE("random bytes are refused as rule files and as decisions") {
  std::mt19937_64 rng(6);
  for (int i = 0; i < 300; ++i) {
    std::string bytes(static_cast<std::size_t>(rng() % 2000), '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const LoadResult r = load_text(bytes);
    CHECK(!r.scheme);
    const DecisionReading d = read_decision(tiny(), source("d.json", bytes));
    CHECK(!d.decision);
  }
}

TEST_CASE("invalid UTF-8 is refused in decisions, and in rule files read from disk") {
  CHECK(decision_errors("{\"kind\": \"budget\", \"id\": \"\xC3\x28\"}") ==
        Lines{"1:27: error: the decision is not valid UTF-8 here [encoding]"});
  CHECK(decision_errors(R"({"kind": "budget", "id": "\udc00"})") ==
        Lines{"1:27: error: unpaired surrogate in a JSON string [json]"});
  std::vector<Diagnostic> ds;
  CHECK(!read_source(std::string(REMIT_SOURCE_DIR) + "/tests/fixtures/bad/invalid-utf8.remit", ds));
  CHECK(brief(ds).size() == 1);
  CHECK(ds.at(0).code == Code::encoding);
}

TEST_CASE("paths that are not readable files are refused with a reason") {
  std::vector<Diagnostic> ds;
  CHECK(!read_source(std::string(REMIT_SOURCE_DIR) + "/tests/fixtures", ds));        // a folder given as a file
  CHECK(!read_source(std::string(REMIT_SOURCE_DIR) + "/README.md/x", ds));           // a file used as a folder
  CHECK(!read_source("/dev/zero", ds));                                               // a device, endless
  CHECK(ds.size() == 3);
  for (const Diagnostic& d : ds) CHECK(d.code == Code::io);
  // Permissions: only meaningful when not running as root, which reads anything.
  if (geteuid() != 0) {
    const auto path = std::filesystem::temp_directory_path() / "remit-unreadable.remit";
    std::ofstream(path) << "scheme \"S\"\n";
    std::filesystem::permissions(path, std::filesystem::perms::none);
    std::vector<Diagnostic> denied;
    CHECK(!read_source(path, denied));
    CHECK(denied.size() == 1);
    std::filesystem::remove(path);
  }
}

TEST_CASE("a version file that is not a regular file is an error, never skipped") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / ("remit-versions-" + std::to_string(getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  fs::copy_file(std::string(REMIT_SOURCE_DIR) + "/tests/fixtures/versions/2015.remit", folder / "2015.remit");
  const fs::path version = folder / "2020.remit";
  const std::string name = version.generic_string();
  // Without the 2020 version, the 2015 one would decide every later date.
  auto refused = [&](const std::string& message) {
    const LoadResult loaded = load_scheme(folder);
    CHECK(!loaded.scheme);
    CHECK(brief(loaded.diagnostics) == Lines{"error: " + message + " [io]"});
    const CheckResult checked = check_paths({folder});
    CHECK(brief(checked.diagnostics) == Lines{"error: " + message + " [io]"});
    fs::remove_all(version);
  };
  SECTION("a dangling symbolic link") {
    fs::create_symlink("missing.remit", version);
    refused("`" + name + "` is a symbolic link to `missing.remit`, which does not exist");
  }
  SECTION("a folder") {
    fs::create_directory(version);
    refused("`" + name + "` is a folder, not a file");
  }
  SECTION("a FIFO, refused without opening it (which would block)") {
    REQUIRE(mkfifo(version.c_str(), 0600) == 0);
    refused("`" + name + "` is a named pipe (FIFO), not a regular file");
  }
  SECTION("a symbolic link loop, with a message rather than an internal error") {
    fs::create_symlink("2020.remit", version);
    refused("`" + name + "` is a symbolic link that leads back to itself (a loop)");
    fs::create_symlink("2020.remit", version);
    std::vector<Diagnostic> ds;
    CHECK(!read_source(version, ds));
    CHECK(brief(ds) == Lines{"error: `" + name + "` is a symbolic link that leads back to itself (a loop) [io]"});
    fs::remove(version);
  }
  fs::remove_all(folder);
}

TEST_CASE("a decision file past the limit names the decision limit, not the rule-file one") {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / ("remit-large-decision-" + std::to_string(getpid()) + ".json");
  fs::remove(path);
  std::ofstream(path).close();
  fs::resize_file(path, (8u << 20) + 1);
  std::vector<Diagnostic> ds;
  CHECK(!read_source(path, ds, SourceKind::decision));
  CHECK(brief(ds) == Lines{"error: `" + path.generic_string() + "` is 8388609 bytes; a decision is limited to 8 MiB [limit]"});
  fs::remove(path);
}

// ---- inputs that once crashed a fuzz target (tests/fuzz/corpus) ------------

TEST_CASE("fuzz_parser: a comparison with a value of the wrong type is a type error, not an internal error") {
  // The overlap check between an escalation and a power read the value that
  // the type error had left out (std::out_of_range: "internal error").
  std::ifstream in(std::string(REMIT_SOURCE_DIR) + "/tests/fuzz/corpus/parser/crash-regions-value-of-wrong-type.remit");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(check_text(text) == Lines{"1:1: error: the rule file has no `scheme \"TITLE\"` line [header]",
                                  "1:29: error: `` already names the post `DMPC` [duplicate-name]",
                                  "3:54: error: `amount` is money but `0` is a plain number [type]"});
  CHECK(check_text(scheme_text(two_posts + "para 1: A must approve x.y when amount > 0\npara 2: B may approve x.y\n")) ==
        Lines{"9:42: error: `amount` is money but `0` is a plain number [type]"});
}
