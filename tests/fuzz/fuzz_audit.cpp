// Fuzz target: `remit audit` end to end. The input is a register, audited
// as CSV and as JSON Lines against rules/mopac by the Auditor that `remit
// audit` uses, and on every input:
//   - lines in = rows out + lines reported: the lines of the input, counted
//     here from its bytes, are the header's, the blank ones and those of the
//     rows; every row that is not blank gives exactly one output row, at its
//     line, in order; the text output has one line per row;
//   - no row is `authorised` unless the same decision alone, put to
//     `evaluate` as `remit eval` (a JSON Lines row) or `remit who --approver`
//     (a CSV row's cells as command-line values) would put it, is authorised.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "io/csv.hpp"
#include "io/decode.hpp"
#include "io/register_cells.hpp"
#include "model/json.hpp"
#include "remit/audit.hpp"
#include "remit/remit.hpp"

namespace {

using remit::fuzz::mopac;
using remit::fuzz::open_input;

void require(bool holds) {
  if (!holds) std::abort();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The lines of the input: every line break, and a last line without one (a
// CSV register's leading byte-order mark alone is no line).
std::size_t count_lines(std::string_view text, bool csv) {
  if (csv && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

struct OutputRow {
  std::size_t line = 0;
  std::string outcome;
};

// The audit of `text` with output `format`: its rows as written, and the summary.
struct Audit {
  bool read = false;
  std::string error, output;
  remit::AuditSummary summary;
};

Audit run_audit(std::string& text, bool jsonl, remit::AuditFormat format) {
  Audit a;
  std::FILE* in = open_input(text);
  require(in != nullptr);
  remit::Auditor auditor(mopac(), format, [&a](std::string_view block) {
    a.output += block;
    return true;
  });
  a.read = jsonl ? auditor.audit_jsonl(in, a.error) : auditor.audit_csv(in, a.error);
  a.summary = auditor.summary();
  std::fclose(in);
  return a;
}

// The rows of a JSON Lines output, each checked to be one JSON object.
std::vector<OutputRow> output_rows(const std::string& output) {
  std::vector<OutputRow> rows;
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t end = output.find('\n', start);
    require(end != std::string::npos);  // every row ends its line
    const remit::json::Reading r = remit::json::parse(std::string_view(output).substr(start, end - start));
    require(r.value && r.value->type == remit::json::Value::Type::object);
    const remit::json::Value* line = r.value->find("line");
    const remit::json::Value* outcome = r.value->find("outcome");
    require(line && line->type == remit::json::Value::Type::number && outcome && outcome->type == remit::json::Value::Type::string);
    rows.push_back(OutputRow{std::stoul(line->text), outcome->text});
    start = end + 1;
  }
  return rows;
}

// The checks every audit of `text` passes, given the first line of each row
// that is not blank (found apart from the audit); the output rows.
std::vector<OutputRow> check_accounting(std::string& text, bool jsonl, const Audit& a, const std::vector<std::size_t>& row_lines) {
  const std::vector<OutputRow> rows = output_rows(a.output);
  const Audit as_text = run_audit(text, jsonl, remit::AuditFormat::text);
  const remit::AuditSummary& s = a.summary;
  require(s.lines.add_up() && s.lines.read == count_lines(text, !jsonl));
  require(rows.size() == s.rows && static_cast<std::size_t>(std::count(as_text.output.begin(), as_text.output.end(), '\n')) == s.rows);
  std::size_t counted = 0;
  for (std::size_t n : s.by_outcome) counted += n;
  require(counted == s.rows);
  require(rows.size() == row_lines.size());
  for (std::size_t i = 0; i < rows.size(); ++i) require(rows[i].line == row_lines[i]);
  return rows;
}

// Whether `name` is a fact of some version of rules/mopac.
bool is_fact(std::string_view name) {
  for (const remit::Version& v : mopac().scheme().versions)
    if (v.find_fact(std::string(name)) >= 0) return true;
  return false;
}

// A CSV register's rows as the reader gives them, apart from the audit.
struct CsvRow {
  std::size_t line = 0;
  bool read = false;
  std::vector<std::string> fields;
};

void audit_csv(std::string& text) {
  Audit a = run_audit(text, false, remit::AuditFormat::jsonl);
  if (!a.read) {
    require(!a.error.empty());
    return;
  }
  std::vector<CsvRow> table;
  {
    std::FILE* in = open_input(text);
    remit::csv::Reader reader(in);
    std::vector<std::string_view> fields;
    for (auto status = reader.next(fields); status != remit::csv::Reader::Status::end; status = reader.next(fields)) {
      CsvRow row{reader.line(), status == remit::csv::Reader::Status::row, {}};
      for (std::string_view f : fields) row.fields.emplace_back(f);
      if (!row.read || !std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return trim(f).empty(); }))
        table.push_back(std::move(row));
    }
    std::fclose(in);
  }
  require(!table.empty() && table.front().read);  // the header
  const std::vector<std::string>& header = table.front().fields;
  std::vector<std::size_t> row_lines;
  std::map<std::size_t, const CsvRow*> by_line;
  for (std::size_t i = 1; i < table.size(); ++i) {
    row_lines.push_back(table[i].line);
    by_line[table[i].line] = &table[i];
  }
  const std::vector<OutputRow> rows = check_accounting(text, false, a, row_lines);

  // The comparison below reads the cells as `remit who` takes them: only
  // a register whose headings are our names and whose text is UTF-8 with
  // commas, and only rows dated YYYY-MM-DD.
  for (const std::string& name : header)
    if (remit::register_cells::fold(name) != name && trim(name) != "acting_for") return;
  if (text.find_first_of(";\t") != std::string::npos || !remit::decode::why_not_text(text, remit::decode::Encoding::utf8, "").empty()) return;
  for (const OutputRow& row : rows) {
    if (row.outcome != "authorised") continue;
    const CsvRow& cells = *by_line.at(row.line);
    require(cells.read && cells.fields.size() == header.size());
    std::string kind, date, approver;
    std::vector<std::string> facts, evidence;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string_view name = trim(header[c]), value = trim(cells.fields[c]);
      if (name == "kind") kind = value;
      else if (name == "date") date = value;
      else if (name == "approver") approver = value;
      // rules/mopac has no stand-in provision: a signatory who claims to
      // stand in fills no place, so no authorised row claims one.
      else if (name == "acting_for") require(value.empty());
      else if (name == "evidence") {
        for (std::string_view rest = cells.fields[c]; !rest.empty();) {
          const std::size_t semicolon = std::min(rest.find(';'), rest.size());
          if (const std::string_view item = trim(rest.substr(0, semicolon)); !item.empty()) evidence.emplace_back(item);
          rest.remove_prefix(std::min(semicolon + 1, rest.size()));
        }
      } else if (name != "id" && !value.empty() && is_fact(name)) {  // other columns are passed through
        facts.push_back(std::string(name) + "=" + std::string(value));
      }
    }
    if (!remit::read_date(date)) continue;  // d/m/y and Excel's times are the register's own forms
    remit::DecisionReading alone = remit::make_query(mopac().scheme(), kind, date, approver, facts);
    require(alone.decision.has_value());
    alone.decision->evidence = evidence;
    require(remit::evaluate(*alone.decision).outcome == remit::Outcome::authorised);
  }
}

void audit_jsonl(std::string& text) {
  Audit a = run_audit(text, true, remit::AuditFormat::jsonl);
  require(a.read);  // a JSON Lines register has no header to refuse
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(std::string_view(text).substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::size_t> row_lines;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].size() > remit::csv::Reader::max_row_bytes || !trim(lines[i]).empty()) row_lines.push_back(i + 1);
  const std::vector<OutputRow> rows = check_accounting(text, true, a, row_lines);

  for (const OutputRow& row : rows) {
    if (row.outcome != "authorised") continue;
    const std::string_view line = lines.at(row.line - 1);
    const remit::DecisionReading alone =
        remit::read_decision(mopac().scheme(), std::make_shared<const remit::SourceFile>("<decision>", std::string(line)));
    require(alone.decision.has_value() && !alone.decision->date_is_today && !alone.decision->approver.empty());
    require(remit::evaluate(*alone.decision).outcome == remit::Outcome::authorised);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  audit_csv(text);
  audit_jsonl(text);
  return 0;
}
