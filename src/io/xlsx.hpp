#pragma once
// An Excel workbook (.xlsx) read as a register: one sheet's cells, row by
// row, as CSV text that the audit reads as it reads any CSV register.
//
// A workbook is a ZIP archive of XML parts. The reader opens it with libzip,
// reads the sheet with expat as it inflates (memory does not grow with the
// sheet) and the small parts (workbook, relationships, styles) and the
// shared strings, which any cell may name, whole, in memory. Every part's
// inflated size is bounded, counted as it is inflated (a ZIP's sizes are
// not trusted), and XML with a document type (and so entities) is refused.
#include <cstddef>
#include <cstdio>
#include <string>

namespace remit::xlsx {

// The most each part may inflate to.
constexpr std::size_t max_sheet_bytes = std::size_t{1} << 30;          // 1 GiB
constexpr std::size_t max_shared_strings_bytes = std::size_t{256} << 20;  // 256 MiB
constexpr std::size_t max_part_bytes = std::size_t{16} << 20;           // workbook, relationships, styles

// Writes the rows of sheet `sheet` (empty: the first in workbook order) of
// the workbook `workbook` (a seekable file, which the call closes) to `out` as CSV: sheet row N on line N (rows the
// sheet leaves out are blank lines), each cell quoted where it must be, a
// line break in a cell as a space. Numbers are written as Excel shows them
// in General, to 15 significant digits; a number in a date format as an ISO
// date; booleans as `true`/`false`. False, with `error`, when the workbook
// cannot be read.
bool sheet_to_csv(std::FILE* workbook, const std::string& sheet, std::FILE* out, std::string& error);

// The date of Excel serial `serial` as `YYYY-MM-DD` (the 1900 system, or the
// 1904 one), its time of day dropped; empty when there is no such date.
std::string serial_date(double serial, bool date1904);

// Whether Excel number format `code` shows a date (or a time).
bool is_date_format(const std::string& code);

// `value` to 15 significant digits, as Excel shows it: 5600000.000000001 -> 5600000.
std::string general_number(double value);

}  // namespace remit::xlsx
