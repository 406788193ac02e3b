// The registry of diagnostic codes against what is printed and documented:
// every code a golden case prints is in the table, and docs/cli.md lists the
// table as generated here (REMIT_UPDATE_DOCS=1 rewrites that block).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

namespace {

// A code as printed: a lower-case letter, then letters and hyphens.
std::size_t code_length(std::string_view text) {
  if (text.empty() || text[0] < 'a' || text[0] > 'z') return 0;
  std::size_t n = 1;
  while (n < text.size() && ((text[n] >= 'a' && text[n] <= 'z') || text[n] == '-')) ++n;
  return n;
}

// The codes a line of output prints: `… [code]` ending a diagnostic line, a
// GitHub annotation's title, a SARIF rule id, and the `code` of a JSON
// diagnostic or finding. (Scanned by hand: std::regex trips GCC's
// maybe-uninitialized warning under the sanitizer build.)
std::vector<std::string> printed_codes(std::string_view line) {
  std::vector<std::string> codes;
  if ((line.find("error: ") != std::string_view::npos || line.find("warning: ") != std::string_view::npos) && line.ends_with(']')) {
    if (const std::size_t open = line.rfind('['); open != std::string_view::npos) {
      const std::string_view inside = line.substr(open + 1, line.size() - open - 2);
      if (!inside.empty() && code_length(inside) == inside.size()) codes.emplace_back(inside);
    }
  }
  for (std::size_t at = line.find("title=remit "); at != std::string_view::npos; at = line.find("title=remit ", at + 1)) {
    const std::string_view rest = line.substr(at + 12);
    const std::size_t n = code_length(rest);
    if (n && rest.substr(n).starts_with("::")) codes.emplace_back(rest.substr(0, n));
  }
  for (const std::string_view key : {"\"ruleId\":", "\"code\":"})
    for (std::size_t at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
      std::string_view rest = line.substr(at + key.size());
      if (rest.starts_with(' ')) rest.remove_prefix(1);
      if (!rest.starts_with('"')) continue;
      rest.remove_prefix(1);
      const std::size_t n = code_length(rest);
      if (n && rest.substr(n).starts_with('"')) codes.emplace_back(rest.substr(0, n));
    }
  return codes;
}

}  // namespace

TEST_CASE("every code a golden case prints is in the registry", "[codes]") {
  std::size_t seen = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(REMIT_SOURCE_DIR) / "tests" / "cases")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || (name != "stdout" && name != "stderr")) continue;
    std::istringstream lines(read_file(entry.path()));
    for (std::string line; std::getline(lines, line);)
      for (const std::string& code : printed_codes(line)) {
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
