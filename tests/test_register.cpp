// The register reader (io/csv) and `remit audit` over it: a stray or open
// quote costs one line, a row over the limit is one invalid row at its own
// line, every line read is accounted for, and cells written to a
// spreadsheet cannot run as formulas.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "io/csv.hpp"
#include "remit/audit.hpp"
#include "remit/remit.hpp"

using namespace remit;

namespace {

// A stream over `text` (fmemopen cannot take an empty buffer).
struct Input {
  explicit Input(std::string s) : text(std::move(s)), file(text.empty() ? std::tmpfile() : fmemopen(text.data(), text.size(), "rb")) {
    REQUIRE(file);
  }
  ~Input() { std::fclose(file); }
  std::string text;
  std::FILE* file;
};

struct ReadRow {
  std::size_t line = 0, lines = 0;
  std::vector<std::string> fields;
  std::string error;
};

// Every row of `text` as the reader gives it, and the lines it read.
std::vector<ReadRow> read_all(const std::string& text, std::size_t* lines_read = nullptr) {
  Input in(text);
  csv::Reader reader(in.file);
  std::vector<std::string_view> fields;
  std::vector<ReadRow> rows;
  for (;;) {
    const auto status = reader.next(fields);
    if (status == csv::Reader::Status::end) break;
    ReadRow r{reader.line(), reader.lines(), {}, status == csv::Reader::Status::error ? reader.error() : ""};
    for (std::string_view f : fields) r.fields.emplace_back(f);
    if (!r.error.empty()) r.fields.clear();
    rows.push_back(std::move(r));
  }
  if (lines_read) *lines_read = reader.lines_read();
  return rows;
}

// Lines counted apart must be the rows' lines, which must follow each other.
void require_lines_add_up(const std::string& text) {
  std::size_t lines_read = 0;
  const std::vector<ReadRow> rows = read_all(text, &lines_read);
  std::size_t next = 1;
  for (const ReadRow& r : rows) {
    CHECK(r.line == next);
    CHECK(r.lines >= 1);
    next = r.line + r.lines;
  }
  CHECK(next - 1 == lines_read);
}

const std::shared_ptr<const Scheme>& mopac() {
  static const LoadResult loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  return loaded.scheme;
}

struct Audit {
  std::string out;
  AuditSummary summary;
  bool read = false;
  std::string error;
};

Audit audit(const std::string& text, AuditFormat format = AuditFormat::csv, bool jsonl = false) {
  static const CompiledScheme compiled(mopac());
  Input in(text);
  Audit a;
  {
    Auditor auditor(compiled, format, [&](std::string_view rows) {
      a.out += rows;
      return true;
    });
    a.read = jsonl ? auditor.audit_jsonl(in.file, a.error) : auditor.audit_csv(in.file, a.error);
    a.summary = auditor.summary();
  }
  return a;
}

const std::string header = "id,date,kind,approver,amount\n";
std::string grant(const std::string& id) { return id + ",2020-06-01,grant.acceptance,DMPC,£5\n"; }

}  // namespace

TEST_CASE("register: a quote inside an unquoted field is text, as spreadsheets read it", "[register]") {
  const auto rows = read_all("a,b\n55\" TVs,2\"\"x\nc,\"d\"\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].fields == std::vector<std::string>{"55\" TVs", "2\"\"x"});
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == std::vector<std::string>{"c", "d"});

  // The issue's register: every row is audited, none lost.
  const Audit a = audit(header + grant("a") + grant("55\" TVs") + grant("c"));
  REQUIRE(a.read);
  CHECK(a.summary.rows == 3);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::authorised)] == 3);
  CHECK(a.out.find("\n3,\"55\"\" TVs\",2020-06-01,2020,authorised,") != std::string::npos);
}

TEST_CASE("register: a quote left open costs its first line and no more", "[register]") {
  // Open to the end of the file: line 2 is invalid, lines 3 and 4 are read.
  auto rows = read_all("a,b\n\"open,1\nc,2\nd,3\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].lines == 1);
  CHECK(rows[1].error ==
        "a quote opens a field that is not closed before the end of the file; if it is part of the text, double it and quote the field");
  CHECK(rows[2].fields == std::vector<std::string>{"c", "2"});
  CHECK(rows[3].line == 4);

  // A quoted field may span 100 lines, not 101.
  std::string breaks;
  for (int i = 0; i < 99; ++i) breaks += "x\n";
  rows = read_all("a,b\n\"" + breaks + "y\",1\nc,2\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].error.empty());
  CHECK(rows[1].lines == 100);
  CHECK(rows[2].line == 102);
  rows = read_all("a,b\n\"" + breaks + "x\ny\",1\nc,2\n");
  REQUIRE(rows.size() > 2);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].lines == 1);
  CHECK(rows[1].error == "a quoted field runs past 100 lines without its closing quote; if it is part of the text, double it and quote the field");
  CHECK(rows[2].line == 3);  // reading goes on at the next line
  CHECK(rows.back().fields == std::vector<std::string>{"c", "2"});
  CHECK(rows.back().line == 103);

  // Nor more than 64 KiB, on one line or several.
  rows = read_all("a,b\nc,\"" + std::string(70000, 'x') + "\nd,2\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].error == "a quoted field runs past 64 KiB without its closing quote; if it is part of the text, double it and quote the field");
  CHECK(rows[2].fields == std::vector<std::string>{"d", "2"});
  rows = read_all("a,b\nc,\"x\n" + std::string(70000, 'x') + "\nd,2\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].lines == 1);
  CHECK(rows[2].line == 3);
  CHECK(rows[3].fields == std::vector<std::string>{"d", "2"});

  // In an audit: one invalid row, the rows after it audited, and it adds up.
  const Audit a = audit(header + grant("a") + "\"open" + grant("") + grant("c") + grant("d"));
  REQUIRE(a.read);
  CHECK(a.summary.rows == 4);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::invalid)] == 1);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::authorised)] == 3);
  CHECK(a.summary.lines.read == 5);
  CHECK(a.summary.lines.add_up());
}

TEST_CASE("register: a row over 1 MiB is one invalid row at its own line, whatever its length", "[register]") {
  const std::size_t limit = csv::Reader::max_row_bytes;
  for (const std::size_t size : {limit + 1, 2 * limit, 5 * limit + 3}) {
    const std::string big = "x," + std::string(size - 2, 'y');
    const auto rows = read_all("a,b\n" + big + "\nc,2\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].line == 2);
    CHECK(rows[1].error == "the row is longer than 1 MiB, the most a row may hold");
    CHECK(rows[2].line == 3);
    CHECK(rows[2].fields == std::vector<std::string>{"c", "2"});
  }
  // Exactly the limit is read, CR or not.
  for (const std::string end : {"\n", "\r\n"}) {
    const auto rows = read_all("a,b\nx," + std::string(limit - 2, 'y') + end + "c,2");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].error.empty());
    CHECK(rows[2].line == 3);
  }
  // Long through quoted fields that are each short enough.
  std::string quoted = "x";
  while (quoted.size() <= limit) quoted += ",\"" + std::string(60000, 'q') + "\n\"";
  auto rows = read_all("a,b\n" + quoted + "\nc,2\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].error == "the row is longer than 1 MiB, the most a row may hold");
  CHECK(rows[2].line == 2 + rows[1].lines);
  CHECK(rows[2].fields == std::vector<std::string>{"c", "2"});

  // In an audit: one invalid row at line 3, nothing of it authorised.
  const Audit a = audit(header + grant("a") + "b" + std::string(5 * limit, 'x') + grant("") + grant("c"));
  REQUIRE(a.read);
  CHECK(a.summary.rows == 3);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::invalid)] == 1);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::authorised)] == 2);
  REQUIRE(a.summary.flagged.size() == 1);
  CHECK(a.summary.flagged[0].line == 3);
  CHECK(a.summary.lines.add_up());

  // The same for a JSON Lines register.
  const std::string decision = R"({"kind": "grant.acceptance", "approver": "DMPC", "date": "2020-06-01", "facts": {"amount": "£5"}})";
  const Audit j = audit(decision + "\n" + std::string(5 * limit, ' ') + decision + "\n" + decision, AuditFormat::csv, true);
  REQUIRE(j.read);
  CHECK(j.summary.rows == 3);
  CHECK(j.summary.by_outcome[outcome_index(AuditOutcome::invalid)] == 1);
  REQUIRE(j.summary.flagged.size() == 1);
  CHECK(j.summary.flagged[0].line == 2);
  CHECK(j.summary.flagged[0].detail == "the line is longer than 1 MiB, the most a line may hold");
  CHECK(j.summary.lines.read == 3);
  CHECK(j.summary.lines.add_up());
}

TEST_CASE("register: every line read is the header's, blank or in a row", "[register]") {
  const std::vector<std::string> tricky = {
      "",
      "\xEF\xBB\xBF",
      "\xEF\xBB\xBF" "a,b",
      "a,b",
      "a,b\n",
      "a,b\r\nc,d\r\n",
      "a,b\r\nc,d",
      "a,b\n\n\n",
      "a,b\n\"c\nd\",e\n\"f\r\n\"\"g\"\"\",h",
      "a,b\n\"",
      "a,b\n\"\n",
      "a,b\nc\"d\"e,\"f\"g\n",
      "\"a\n\nb\",c\n\"open\n\n",
      "a,\"b\"\"",
      "\n\n\"\n\n\n",
      "a,b\n,\"\n,\"\n",
  };
  for (const std::string& text : tricky) {
    INFO("input: " << text);
    require_lines_add_up(text);
  }
  // The audit says so in its summary, for each kind of line.
  const Audit a = audit("\xEF\xBB\xBF" + header + "\r\n" + grant("\"two\nlines\"") + ",,,,\n" + "\"open\n" + grant("last").substr(0, 41));
  REQUIRE(a.read);
  CHECK(a.summary.lines.read == 7);
  CHECK(a.summary.lines.header == 1);
  CHECK(a.summary.lines.blank == 2);
  CHECK(a.summary.lines.rows == 4);
  CHECK(audit_summary_text(a.summary, "r.csv", *mopac()).find("\nread 7 lines: 1 header + 2 blank + 4 in the rows audited or invalid\n") !=
        std::string::npos);
}

TEST_CASE("register: text cells cannot run as spreadsheet formulas", "[register]") {
  std::string out;
  for (const std::string_view cell : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=a,b", "plain", ""}) {
    csv::append_field(out, cell, csv::Cell::text);
    out += '|';
  }
  CHECK(out == "'=1+1|'+1|'-1|'@SUM(A1)|'\tx|\"'\rx\"|\"'=a,b\"|plain||");
  out.clear();
  csv::append_field(out, "-12", csv::Cell::number);
  CHECK(out == "-12");

  // In an audit's rows: the id, and the date of an invalid row, as given by
  // the register, are neutralised; the line number is not.
  const Audit a = audit(header + grant("=HYPERLINK(\"http://x\")") + "-2,=1+1,grant.acceptance,DMPC,£5\n" + grant("\t=SUM(1)"));
  REQUIRE(a.read);
  CHECK(a.out.find("\n2,\"'=HYPERLINK(\"\"http://x\"\")\",2020-06-01,2020,authorised,") != std::string::npos);
  CHECK(a.out.find("\n3,'-2,'=1+1,,invalid,,,,`=1+1` is not a date written YYYY-MM-DD\n") != std::string::npos);
  CHECK(a.out.find("\n4,'=SUM(1),2020-06-01,2020,authorised,") != std::string::npos);  // trimmed, then neutralised
}
