// The registry of diagnostic codes against what is printed and documented:
// every code a golden case prints is in the table, and docs/cli.md lists the
// table as generated here (REMIT_UPDATE_DOCS=1 rewrites that block).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "remit/codes.hpp"

using namespace remit;
namespace fs = std::filesystem;

namespace {

const std::string docs_begin = "<!-- codes: generated from include/remit/codes.hpp by tests/test_codes.cpp -->\n";
const std::string docs_end = "<!-- end of codes -->\n";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string codes_markdown() {
  std::string out = "| code | severity | meaning |\n|---|---|---|\n";
  for (const CodeInfo& c : code_table)
    out += "| `" + std::string(c.name) + "` | " + (c.severity == Severity::error ? "error" : "warning") +
           (c.is_finding ? ", finding" : "") + " | " + std::string(c.description) + " |\n";
  return out;
}

}  // namespace

TEST_CASE("the registry names each code once, and former names are not current finding names", "[codes]") {
  std::set<std::string_view> names;
  for (const CodeInfo& c : code_table) {
    INFO(c.name);
    CHECK(names.insert(c.name).second);
    CHECK(code_by_name(c.name) == c.code);
    CHECK((c.is_finding ? c.severity == Severity::warning : true));
  }
  for (const FormerName& former : former_finding_names) {
    INFO(former.name);
    CHECK(code_info(former.code).is_finding);
    const auto current = code_by_name(former.name);
    CHECK((!current || !code_info(*current).is_finding));
  }
}

TEST_CASE("every code a golden case prints is in the registry", "[codes]") {
  // `… [code]` ending a diagnostic line, a GitHub annotation's title, a SARIF
  // rule id, and the `code` of a JSON diagnostic or finding.
  const std::regex printed(R"re((?:(?:error|warning): .*\[([a-z][a-z-]*)\]$)|(?:title=remit ([a-z][a-z-]*)::)|(?:"(?:ruleId|code)": ?"([a-z][a-z-]*)"))re");
  std::size_t seen = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(REMIT_SOURCE_DIR) / "tests" / "cases")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || (name != "stdout" && name != "stderr")) continue;
    std::istringstream lines(read_file(entry.path()));
    for (std::string line; std::getline(lines, line);)
      for (auto it = std::sregex_iterator(line.begin(), line.end(), printed); it != std::sregex_iterator(); ++it) {
        const std::string code = (*it)[1].matched ? (*it)[1].str() : (*it)[2].matched ? (*it)[2].str() : (*it)[3].str();
        INFO(entry.path().generic_string() << ": " << line);
        CHECK(code_by_name(code).has_value());
        ++seen;
      }
  }
  CHECK(seen > 100);  // the cases were found and read
}

TEST_CASE("docs/cli.md lists every code of the registry", "[codes]") {
  const fs::path path = fs::path(REMIT_SOURCE_DIR) / "docs" / "cli.md";
  std::string docs = read_file(path);
  const auto begin = docs.find(docs_begin);
  auto end = docs.find(docs_end);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::size_t from = begin + docs_begin.size();
  const std::string expected = codes_markdown();
  if (std::getenv("REMIT_UPDATE_DOCS") && docs.substr(from, end - from) != expected) {
    docs.replace(from, end - from, expected);
    std::ofstream(path, std::ios::binary) << docs;
    end = from + expected.size();
  }
  INFO("run the tests with REMIT_UPDATE_DOCS=1 to regenerate the block in docs/cli.md");
  CHECK(docs.substr(from, end - from) == expected);
}
