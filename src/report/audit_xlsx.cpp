// `remit audit --format xlsx`: the audit's CSV rows written as a workbook
// with libxlsxwriter. The cells are the CSV output's, read back with our CSV
// reader, so the two formats cannot disagree; only the money columns become
// numbers. Every libxlsxwriter call that can fail is checked.
#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "io/csv.hpp"
#include "remit/audit.hpp"
#include "remit/money.hpp"

namespace remit {
namespace {

// A row's fill by outcome, in AuditOutcome order: pale green, red, orange,
// yellow, grey.
constexpr std::array<lxw_color_t, audit_outcomes> outcome_fill{0xE2EFDA, 0xF8CBAD, 0xFCE4D6, 0xFFF2CC, 0xD9D9D9};
constexpr const char* pounds_format = "\"£\"#,##0.00";

// The first libxlsxwriter error of a workbook being written.
struct Errors {
  lxw_error first = LXW_NO_ERROR;
  bool operator()(lxw_error e) {
    if (first == LXW_NO_ERROR) first = e;
    return e == LXW_NO_ERROR;
  }
};

class Workbook {
 public:
  explicit Workbook(const std::string& path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as written: memory does not grow with the register
    options.tmpdir = nullptr;
    book_ = workbook_new_opt(path.c_str(), &options);
  }
  ~Workbook() {
    if (book_) workbook_close(book_);  // not closed by close(): an error path, the file is removed
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  lxw_workbook* get() const { return book_; }
  lxw_error close() {
    lxw_workbook* book = book_;
    book_ = nullptr;
    return workbook_close(book);
  }

 private:
  lxw_workbook* book_ = nullptr;
};

lxw_format* new_format(lxw_workbook* book, lxw_color_t fill, bool money, bool bold = false) {
  lxw_format* f = workbook_add_format(book);
  if (!f) return nullptr;
  if (fill) format_set_bg_color(f, fill);
  if (money) format_set_num_format(f, pounds_format);
  if (bold) format_set_bold(f);
  return f;
}

}  // namespace

std::optional<std::string> write_audit_xlsx(std::FILE* csv_in, const AuditSummary& summary, const std::string& register_name,
                                            const std::string& path) {
  Workbook workbook(path);
  lxw_workbook* book = workbook.get();
  if (!book) return std::string("libxlsxwriter could not start the workbook");
  Errors ok;
  lxw_worksheet* results = workbook_add_worksheet(book, "Results");
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Summary");
  lxw_format* bold = new_format(book, 0, false, true);
  lxw_format* money = new_format(book, 0, true);
  std::array<lxw_format*, audit_outcomes> fill{}, fill_money{};
  for (std::size_t o = 0; o < audit_outcomes; ++o) {
    fill[o] = new_format(book, outcome_fill[o], false);
    fill_money[o] = new_format(book, outcome_fill[o], true);
  }
  if (!results || !sheet || !bold || !money || std::count(fill.begin(), fill.end(), nullptr) ||
      std::count(fill_money.begin(), fill_money.end(), nullptr))
    return std::string("libxlsxwriter could not add a sheet or a format");

  // Results: the CSV output's rows, cell by cell.
  csv::Reader reader(csv_in);
  std::vector<std::string_view> fields;
  std::vector<bool> is_money;
  std::size_t outcome_column = 0, width = 0;
  lxw_row_t row = 0;
  for (csv::Reader::Status status; (status = reader.next(fields)) != csv::Reader::Status::end; ++row) {
    if (status == csv::Reader::Status::error) return "the rows could not be read back: " + reader.error();
    if (row == LXW_ROW_MAX) return fmt::format("the register has more rows than a sheet holds ({})", LXW_ROW_MAX - 1);
    if (row == 0) {
      width = std::min<std::size_t>(fields.size(), LXW_COL_MAX);
      for (std::size_t c = 0; c < width; ++c) {
        const std::string name(fields[c]);
        is_money.push_back(std::find(summary.money_columns.begin(), summary.money_columns.end(), name) != summary.money_columns.end());
        if (name == "outcome") outcome_column = c;
        ok(worksheet_write_string(results, 0, static_cast<lxw_col_t>(c), name.c_str(), bold));
      }
      continue;
    }
    std::size_t outcome = outcome_index(AuditOutcome::invalid);
    if (outcome_column < fields.size())
      if (const auto o = audit_outcome_by_name(fields[outcome_column])) outcome = outcome_index(*o);
    for (std::size_t c = 0; c < std::min(width, fields.size()); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const std::string cell(fields[c]);
      if (c == 0) {  // the line
        ok(worksheet_write_number(results, row, col, std::strtod(cell.c_str(), nullptr), fill[outcome]));
        continue;
      }
      if (is_money[c] && !cell.empty())
        if (const MoneyReading m = read_money(cell, "GBP", true); m.value) {
          ok(worksheet_write_number(results, row, col, static_cast<double>(m.value->pence) / 100.0, fill_money[outcome]));
          continue;
        }
      // As text always: a cell is never taken for a formula.
      ok(cell.empty() ? worksheet_write_blank(results, row, col, fill[outcome])
                      : worksheet_write_string(results, row, col, cell.c_str(), fill[outcome]));
    }
  }
  if (row == 0) return std::string("the audit wrote no header");
  worksheet_freeze_panes(results, 1, 0);
  ok(worksheet_autofilter(results, 0, 0, row - 1, static_cast<lxw_col_t>(width - 1)));
  ok(worksheet_set_column(results, 0, 0, 5, nullptr));
  ok(worksheet_set_column(results, 1, static_cast<lxw_col_t>(width - 1), 11, nullptr));
  ok(worksheet_set_column(results, static_cast<lxw_col_t>(outcome_column + 5), static_cast<lxw_col_t>(outcome_column + 5), 48, nullptr));
  // Printed (or made a PDF): landscape, one page wide, the header on each page.
  worksheet_set_landscape(results);
  worksheet_fit_to_pages(results, 1, 0);
  ok(worksheet_repeat_rows(results, 0, 0));

  // Summary: counts and value by outcome, rows by paragraph and approver,
  // the rows to look at.
  lxw_row_t r = 0;
  auto text = [&](lxw_row_t at, lxw_col_t col, const std::string& s, lxw_format* f = nullptr) {
    ok(worksheet_write_string(sheet, at, col, s.c_str(), f));
  };
  auto number = [&](lxw_row_t at, lxw_col_t col, double n, lxw_format* f = nullptr) { ok(worksheet_write_number(sheet, at, col, n, f)); };
  text(r++, 0, fmt::format("Audit of {}", register_name), bold);
  ++r;
  text(r, 0, "outcome", bold), text(r, 1, "rows", bold), text(r++, 2, "value", bold);
  for (std::size_t o = 0; o < audit_outcomes; ++o) {
    text(r, 0, std::string(audit_outcome_name(static_cast<AuditOutcome>(o))), fill[o]);
    number(r, 1, static_cast<double>(summary.by_outcome[o]));
    number(r++, 2, static_cast<double>(summary.value_by_outcome[o]) / 100.0, money);
  }
  text(r, 0, "total", bold);
  std::size_t all = 0;
  for (std::size_t n : summary.by_outcome) all += n;
  number(r++, 1, static_cast<double>(all));
  ++r;
  text(r, 0, "paragraph", bold), text(r++, 1, "rows", bold);
  for (const auto& [paragraph, n] : summary.by_paragraph) text(r, 0, paragraph), number(r++, 1, static_cast<double>(n));
  ++r;
  text(r, 0, "approver", bold);
  for (std::size_t o = 0; o < audit_outcomes; ++o) text(r, static_cast<lxw_col_t>(o + 1), std::string(audit_outcome_name(static_cast<AuditOutcome>(o))), bold);
  ++r;
  for (const auto& [post, counts] : summary.by_approver) {
    text(r, 0, post);
    for (std::size_t o = 0; o < audit_outcomes; ++o) number(r, static_cast<lxw_col_t>(o + 1), static_cast<double>(counts[o]));
    ++r;
  }
  ++r;
  text(r++, 0, fmt::format("rows to look at: {}{}", summary.flagged_total,
                          summary.flagged_total > summary.flagged.size() ? fmt::format(" (the first {} below)", summary.flagged.size()) : ""),
       bold);
  text(r, 0, "line", bold), text(r, 1, "id", bold), text(r, 2, "outcome", bold), text(r++, 3, "why", bold);
  auto flagged = [&](const AuditSummary::Flagged& f) {
    const std::size_t o = outcome_index(f.outcome);
    number(r, 0, static_cast<double>(f.line), fill[o]), text(r, 1, f.id, fill[o]);
    text(r, 2, std::string(audit_outcome_name(f.outcome)), fill[o]), text(r++, 3, f.detail, fill[o]);
  };
  for (const auto& f : summary.flagged) flagged(f);
  for (const auto& f : summary.flagged_missing) flagged(f);
  ok(worksheet_set_column(sheet, 0, 0, 28, nullptr));
  ok(worksheet_set_column(sheet, 1, 5, 14, nullptr));

  if (ok.first != LXW_NO_ERROR) return fmt::format("libxlsxwriter: {}", lxw_strerror(ok.first));
  if (const lxw_error e = workbook.close(); e != LXW_NO_ERROR) return fmt::format("libxlsxwriter could not close the workbook: {}", lxw_strerror(e));
  return std::nullopt;
}

}  // namespace remit
