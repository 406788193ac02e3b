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

Audit audit(const std::string& text, AuditFormat format = AuditFormat::csv, bool jsonl = false, AuditOptions options = {}) {
  static const CompiledScheme compiled(mopac());
  Input in(text);
  Audit a;
  {
    Auditor auditor(
        compiled, format,
        [&](std::string_view rows) {
          a.out += rows;
          return true;
        },
        std::move(options));
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
  CHECK(a.out.find("\n3,\"55\"\" TVs\",2020-06-01,grant.acceptance,DMPC,£5,authorised,") != std::string::npos);
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
  CHECK(a.out.find("\n2,\"'=HYPERLINK(\"\"http://x\"\")\",2020-06-01,grant.acceptance,DMPC,£5,authorised,") != std::string::npos);
  CHECK(a.out.find("\n3,'-2,'=1+1,grant.acceptance,DMPC,£5,invalid,,,,,`=1+1` is not a date: write it as `YYYY-MM-DD` or `dd/mm/yyyy`\n") !=
        std::string::npos);
  CHECK(a.out.find("\n4,'\t=SUM(1),2020-06-01,grant.acceptance,DMPC,£5,authorised,") != std::string::npos);  // as given, neutralised
}

// ---- registers as organisations keep them (issue 13) ----

namespace {

// The outcome column of each output row (CSV), in order.
std::vector<std::string> outcomes(const Audit& a) {
  std::vector<std::string> out;
  std::vector<std::string_view> fields;
  std::string unquoted, error;
  std::size_t outcome_column = 0;
  bool first = true;
  for (std::size_t start = 0; start < a.out.size();) {
    const std::size_t end = a.out.find('\n', start);
    REQUIRE(csv::split_row(std::string_view(a.out).substr(start, end - start), fields, unquoted, error));
    if (first) {
      for (std::size_t c = 0; c < fields.size(); ++c)
        if (fields[c] == "outcome") outcome_column = c;
      first = false;
    } else {
      out.emplace_back(fields.at(outcome_column));
    }
    start = end + 1;
  }
  return out;
}

// `text` in UTF-16, with its byte-order mark.
std::string utf16(const std::string& ascii_and_pound, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (std::size_t i = 0; i < ascii_and_pound.size(); ++i) {
    char16_t c = static_cast<unsigned char>(ascii_and_pound[i]);
    if (ascii_and_pound.compare(i, 2, "£") == 0) {
      c = 0xA3;
      ++i;
    }
    const char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

const std::string two_rows = "id,date,kind,approver,amount\nA,2020-06-01,grant.acceptance,DMPC,£5\nB,2020-06-01,grant.acceptance,DMPC,£7\n";

}  // namespace

TEST_CASE("register: every encoding reads to the same rows", "[register][encoding]") {
  const Audit plain = audit(two_rows);
  REQUIRE(plain.read);
  REQUIRE(outcomes(plain) == std::vector<std::string>{"authorised", "authorised"});
  CHECK(plain.summary.encoding == "UTF-8 (first 64 KiB)");
  const Audit bom = audit("\xEF\xBB\xBF" + two_rows);
  CHECK(bom.out == plain.out);
  CHECK(bom.summary.encoding == "UTF-8 (byte-order mark)");
  // Excel's "CSV (Comma delimited)" on a UK machine: £ is 0xA3.
  const Audit cp1252 = audit(replace_all(two_rows, "£", "\xA3"));
  CHECK(cp1252.out == plain.out);
  CHECK(cp1252.summary.encoding == "Windows-1252 (first 64 KiB)");
  // Excel's "Unicode text": UTF-16 with tabs.
  for (bool le : {true, false}) {
    const Audit u16 = audit(utf16(replace_all(two_rows, ",", "\t"), le));
    REQUIRE(u16.read);
    CHECK(u16.out == plain.out);
    CHECK(u16.summary.encoding == (le ? "UTF-16LE (byte-order mark)" : "UTF-16BE (byte-order mark)"));
  }
  // Named: Windows-1252 text read as UTF-8 is refused row by row.
  AuditOptions named;
  named.encoding = "utf-8";
  const Audit wrong = audit(replace_all(two_rows, "£", "\xA3"), AuditFormat::csv, false, named);
  REQUIRE(outcomes(wrong) == std::vector<std::string>{"invalid", "invalid"});
  CHECK(wrong.summary.flagged[0].detail.find("field 5: byte 1 of the field (0xa3) is not UTF-8, the encoding the register is read in (named with --encoding)") == 0);
}

TEST_CASE("register: a byte after the first 64 KiB that contradicts the encoding makes only its row invalid", "[register][encoding]") {
  std::string text = "id,date,kind,approver,amount\n";
  while (text.size() < (std::size_t{70} << 10)) text += "A,2020-06-01,grant.acceptance,DMPC,£5\n";
  text += "LATE,2020-06-01,grant.acceptance,DMPC,\xA3" "5\nA,2020-06-01,grant.acceptance,DMPC,£5\n";
  const Audit a = audit(text);
  REQUIRE(a.read);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::invalid)] == 1);
  REQUIRE(a.summary.flagged.size() == 1);
  CHECK(a.summary.flagged[0].id == "LATE");
  CHECK(a.summary.flagged[0].detail ==
        "field 5: byte 1 of the field (0xa3) is not UTF-8, the encoding the register is read in (judged from its first 64 KiB); if the file is "
        "Windows-1252 (Excel's \"CSV\"), give --encoding windows-1252, or save it as \"CSV UTF-8\"");
  // In Windows-1252, the five bytes that are no character.
  const Audit undefined = audit(replace_all(replace_all(two_rows, "£7", "\x81"), "£", "\xA3"));
  REQUIRE(outcomes(undefined) == std::vector<std::string>{"authorised", "invalid"});
  CHECK(undefined.summary.flagged[0].detail.find("byte 0x81 is no character in Windows-1252") != std::string::npos);
  // A lone surrogate in UTF-16.
  std::string broken = utf16(two_rows, true);
  broken.replace(broken.size() - 4, 2, "\x00\xD8", 2);
  const Audit half = audit(broken);
  REQUIRE(outcomes(half) == std::vector<std::string>{"authorised", "invalid"});
  CHECK(half.summary.flagged[0].detail.find("half of a UTF-16 surrogate pair") != std::string::npos);
}

TEST_CASE("register: the delimiter is found from the header, or named", "[register][delimiter]") {
  // A money cell with a comma in it, quoted where the delimiter is a comma.
  auto written = [](std::string_view d) {
    const std::string amount = d == "," ? "\"£5,000\"" : "£5,000";
    return replace_all("id,date,kind,approver,amount\nA,2020-06-01,grant.acceptance,DMPC,AMOUNT\n", ",", d).replace(
        std::string("id,date,kind,approver,amount\nA,2020-06-01,grant.acceptance,DMPC,").size() + 0, 6, amount);
  };
  const Audit plain = audit(written(","));
  REQUIRE(outcomes(plain) == std::vector<std::string>{"authorised"});
  for (std::string_view d : {";", "\t"}) {
    const Audit a = audit(written(d));
    REQUIRE(a.read);
    CHECK(outcomes(a) == outcomes(plain));
  }
  // Named: a header of one column that holds commas is not split.
  AuditOptions tab;
  tab.delimiter = '\t';
  const Audit a = audit(two_rows, AuditFormat::csv, false, tab);
  CHECK_FALSE(a.read);
  CHECK(a.error.find("no `date` column") != std::string::npos);
}

TEST_CASE("register: headings in any case and spelling, mapped, and passed through", "[register][columns]") {
  const std::string text =
      "Ref,Date,Kind,Decision maker,Value (£),Notes,NOVEL\nA,2020-06-01,grant.acceptance,DMPC,£5,first,N\nB,2020-06-01,grant.acceptance,DMPC,£7,,y\n";
  // Unmapped, the approver is missing, and the message names what is not used.
  const Audit unmapped = audit(text);
  CHECK_FALSE(unmapped.read);
  CHECK(unmapped.error ==
        "line 1: no `approver` column (the headings not used are `Ref`, `Decision maker`, `Value (£)`, `Notes`: name the one that holds it "
        "with --map \"Ref=approver\")");
  AuditOptions o;
  REQUIRE(read_column_map("# our register\nDecision maker = approver\n\nValue (£)=amount\n", o.columns, o.keep.emplace_back()));
  o.keep.clear();
  o.columns.emplace_back("ref", "id");
  const Audit a = audit(text, AuditFormat::csv, false, o);
  REQUIRE(a.read);
  CHECK(a.out.find("line,Ref,Date,Kind,Decision maker,Value (£),Notes,NOVEL,outcome,deciding,version,lowest,missing,reason\n"
                   "2,A,2020-06-01,grant.acceptance,DMPC,£5,first,N,authorised,4.8,2020,DMPC,") == 0);
  CHECK(a.out.find("\n3,B,2020-06-01,grant.acceptance,DMPC,£7,,y,authorised,") != std::string::npos);
  CHECK(a.summary.flagged.empty());
  // Only the columns of --keep.
  o.keep = {"ref", "notes"};
  const Audit kept = audit(text, AuditFormat::csv, false, o);
  REQUIRE(kept.read);
  CHECK(kept.out.substr(0, kept.out.find('\n')) == "line,Ref,Notes,outcome,deciding,version,lowest,missing,reason");
  // Every problem at once.
  AuditOptions bad;
  bad.columns = {{"Nothing", "approver"}, {"Notes", "amonut"}};
  bad.keep = {"missing"};
  const Audit refused = audit("Ref,Kind,Notes,date,Date\n", AuditFormat::csv, false, bad);
  CHECK_FALSE(refused.read);
  CHECK(refused.error ==
        "line 1: the header has 5 problems:\n"
        "  - the mapping `Nothing=approver` names no heading of the register\n"
        "  - the mapping `Notes=amonut`: `amonut` is not `id`, `date`, `kind`, `approver`, `acting_for`, `evidence` or a fact of the scheme; did "
        "you mean `amount`?\n"
        "  - the columns `date` and `Date` both give `date`; map one of them elsewhere, or to nothing (`--map \"Date=\"`)\n"
        "  - no `approver` column (the headings not used are `Ref`, `Notes`: name the one that holds it with --map \"Ref=approver\")\n"
        "  - --keep names `missing`, which is no heading of the register");
  std::string error;
  std::vector<std::pair<std::string, std::string>> map;
  CHECK_FALSE(read_column_map("a = b\nno equals here\n", map, error));
  CHECK(error == "line 2: expected `Register heading = column`, as in `Decision maker = approver`");
}

TEST_CASE("register: flags in every spelling a spreadsheet has", "[register][flags]") {
  std::string text = "id,date,kind,approver,amount,novel\n";
  for (std::string_view v : {"true", "FALSE", "Yes", "no", "Y", "n", "1", "0", "maybe"})
    text += std::string(v) + ",2020-06-01,grant.acceptance,DMPC,£5," + std::string(v) + "\n";
  const Audit a = audit(text);
  REQUIRE(a.read);
  CHECK(a.summary.by_outcome[outcome_index(AuditOutcome::invalid)] == 1);
  REQUIRE(a.summary.flagged.size() == 1);
  CHECK(a.summary.flagged[0].detail ==
        "`novel` is a flag but `maybe` is not `true` or `false` (give true or false, yes or no, y or n, or 1 or 0, in any case)");
}

TEST_CASE("register: dates as UK registers and Excel write them", "[register][dates]") {
  auto row = [](std::string_view id, std::string_view date) {
    return std::string(id) + "," + std::string(date) + ",grant.acceptance,DMPC,£5\n";
  };
  const std::string head = "id,date,kind,approver,amount\n";
  const Audit a = audit(head + row("iso", "2021-03-01") + row("excel", "2021-03-01 00:00:00") + row("same", "01/01/2021") +
                        row("ambiguous", "01/02/2020") + row("mdy-only", "03/15/2021") + row("no-day", "2021-02-30") +
                        row("no-day-uk", "29/02/2021") + row("shows-dmy", "15/03/2021") + row("now-dmy", "01/02/2020") +
                        row("short", "1/3/21") + row("month", "2021-13-01") + row("words", "March 2021"));
  REQUIRE(a.read);
  CHECK(outcomes(a) == std::vector<std::string>{"authorised", "authorised", "authorised", "invalid", "invalid", "invalid", "invalid",
                                                "authorised", "authorised", "authorised", "invalid", "invalid"});
  std::vector<std::string> why;
  for (const auto& f : a.summary.flagged) why.push_back(f.id + ": " + f.detail);
  CHECK(a.summary.flagged_total == 6);
  CHECK(why == std::vector<std::string>{
                   "ambiguous: `01/02/2020` reads as 1 February or as 2 January 2020; give --date-format dmy (day first, as UK registers write "
                   "it) or mdy",
                   "mdy-only: `03/15/2021` reads only month first; if the register writes dates so, give --date-format mdy",
                   "no-day: `2021-02-30` is not a day: February 2021 has 28 days",
                   "no-day-uk: `29/02/2021` is not a day: February 2021 has 28 days",
                   "month: `2021-13-01` has no month 13: months run from 1 to 12",
                   "words: `March 2021` is not a date: write it as `YYYY-MM-DD` or `dd/mm/yyyy`",
               });
  // `29/02/2021` is no day, but it shows that the file writes the day first.
  CHECK(a.summary.dmy_from_line == 8);
  CHECK(audit_summary_text(a.summary, "r.csv", *mopac()).find("dates read day first (dd/mm/yyyy) from line 8, where `29/02/2021` showed it\n") !=
        std::string::npos);
  // Named, the order settles them all.
  AuditOptions mdy;
  mdy.date_order = DateOrder::mdy;
  const Audit m = audit(head + row("a", "03/15/2021") + row("b", "01/02/2020") + row("c", "15/03/2021"), AuditFormat::csv, false, mdy);
  CHECK(outcomes(m) == std::vector<std::string>{"authorised", "authorised", "invalid"});
  CHECK(m.out.find("\n2,a,03/15/2021,grant.acceptance,DMPC,£5,authorised,4.8,2020,") != std::string::npos);
}

TEST_CASE("register: money by outcome, exact in pence, and authorised rows that lack papers", "[register][summary]") {
  const Audit a = audit("id,date,kind,approver,amount,novel,contentious,public_interest\n"
                        "A,2021-03-01,contract.award,DMPC,\"£4,200,000.01\",false,false,false\n"
                        "B,2021-03-01,contract.award,Commissioner,\"£4,200,000.01\",false,false,false\n"
                        "C,2021-03-01,grant.acceptance,DMPC,£0.99,,,\n");
  REQUIRE(a.read);
  CHECK(a.summary.value_by_outcome[outcome_index(AuditOutcome::authorised)] == 420000001 + 99);
  CHECK(a.summary.value_by_outcome[outcome_index(AuditOutcome::not_authorised)] == 420000001);
  CHECK(a.summary.authorised_missing == 2);
  const std::string text = audit_summary_text(a.summary, "r.csv", *mopac());
  CHECK(text.find("  not_authorised          1         £4,200,000.01\n") != std::string::npos);
  CHECK(text.find("£4.2m of decisions not authorised\n") != std::string::npos);
  CHECK(text.find("authorised rows to look at (they lack a paper the deciding paragraph requires): 2\n"
                  "  line 2 A: missing Financial comments;Legal comments;Equality comments\n") != std::string::npos);
}

TEST_CASE("register: --assume fills an empty cell and says so", "[register][assume]") {
  const std::string text = "id,date,kind,approver,amount,novel\nA,2021-03-01,contract.award,DMPC,£5,\nB,2021-03-01,contract.award,DMPC,£5,true\n";
  const Audit without = audit(text);
  REQUIRE(without.read);
  AuditOptions o;
  o.assume = {{"novel", "no"}, {"contentious", "false"}, {"public_interest", "false"}};
  const Audit a = audit(text, AuditFormat::csv, false, o);
  REQUIRE(a.read);
  CHECK(a.out.find("\n2,A,2021-03-01,contract.award,DMPC,£5,,authorised,") != std::string::npos);
  CHECK(a.out.find("; assumed novel=no; contentious=false; public_interest=false\"\n") != std::string::npos);
  CHECK(a.summary.assumed ==
        std::vector<std::pair<std::string, std::size_t>>{{"novel=no", 1}, {"contentious=false", 2}, {"public_interest=false", 2}});
  o.assume = {{"novle", "false"}};
  const Audit bad = audit(text, AuditFormat::csv, false, o);
  CHECK_FALSE(bad.read);
  CHECK(bad.error == "--assume novle=false: `novle` is not a fact of any version of the scheme; did you mean `novel`?");
}
