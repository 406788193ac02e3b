#pragma once
// CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF), read
// and written in one place. The reader takes CSV as spreadsheets export and
// read it: a UTF-8 byte-order mark is skipped, and a quote opens a quoted
// field only at the start of a field (`55" TVs` is text). It keeps memory
// constant: a row is read into a reused buffer, and a quote left open costs
// one line, not the rest of the file.
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace remit::csv {

class Reader {
 public:
  // A row longer than this is refused rather than read into memory.
  static constexpr std::size_t max_row_bytes = std::size_t{1} << 20;
  // A quoted field may hold line breaks, but a quote left open must not take
  // the rest of the register with it: a quoted field longer than this is
  // taken for a stray quote.
  static constexpr std::size_t max_quoted_lines = 100;
  static constexpr std::size_t max_quoted_bytes = std::size_t{64} << 10;

  // Where the bytes come from (io/decode's UTF-8): up to n bytes into the
  // buffer, 0 at the end.
  using Source = std::function<std::size_t(char*, std::size_t)>;
  explicit Reader(std::FILE* in, char delimiter = ',')
      : source_([in](char* out, std::size_t n) { return std::fread(out, 1, n, in); }), delimiter_(delimiter) {}
  explicit Reader(Source source, char delimiter = ',') : source_(std::move(source)), delimiter_(delimiter) {}

  // The delimiter for the rows after this call (`,`, `;` or a tab), as
  // found from the header.
  void set_delimiter(char delimiter) { delimiter_ = delimiter; }
  char delimiter() const { return delimiter_; }

  // One row as written, without its line break: `text` (valid until the next
  // call) starts on line `line` and takes `lines` lines. A row that cannot be
  // read has an `error` and the lines it takes; reading goes on after them.
  struct Row {
    std::string_view text;
    std::size_t line = 0, lines = 0;
    std::string error;
  };
  // The next row; false at the end of the input.
  bool next_row(Row& row);

  enum class Status { row, end, error };
  // The next row's fields, valid until the next call; on error, `error()`
  // says what is wrong. `line()` and `lines()` are those of the row.
  Status next(std::vector<std::string_view>& fields);
  std::size_t line() const { return row_.line; }
  std::size_t lines() const { return row_.lines; }
  const std::string& error() const { return row_.error; }

  // The lines of the input read so far, counted apart from the rows: every
  // line break, and a last line without one. Once `next_row` is false, this
  // is the sum of the rows' `lines`.
  std::size_t lines_read() const { return line_breaks_ + (bytes_read_ > skipped_ && last_byte_ != '\n' ? 1 : 0); }

 private:
  // Reads more input and drops what is before `keep_from`; false, dropping
  // nothing, at the end.
  bool fill(std::size_t keep_from);
  std::size_t end_of_line(std::size_t from);  // the line break at or after `from`, reading on; the input's size if none
  Source source_;
  char delimiter_;
  std::string buffer_;
  std::size_t at_ = 0;  // the start of the next row in buffer_
  bool eof_ = false;
  bool started_ = false;
  std::size_t next_line_ = 1;
  std::size_t line_breaks_ = 0;
  std::size_t bytes_read_ = 0, skipped_ = 0;  // skipped: a byte-order mark
  char last_byte_ = 0;
  Row row_;
  std::string unquoted_;  // fields that needed unquoting
};

// Splits one row (without its line break) into fields at `delimiter`,
// unquoting into `unquoted`; false, with `error`, for text after a closing
// quote.
bool split_row(std::string_view row, std::vector<std::string_view>& fields, std::string& unquoted, std::string& error,
               char delimiter = ',');

// The delimiter a header row is written with: whichever of comma, semicolon
// and tab it holds most of outside quotes (a comma when it holds none).
char detect_delimiter(std::string_view header);

// What a cell holds, for `append_field`: text is written so that a
// spreadsheet cannot take it for a formula; a number we wrote is not.
enum class Cell { text, number };

// Appends one field, quoted only when it holds a comma, a quote or a line
// break (quotes doubled inside), so the reader above gives it back as it was.
// A text cell that starts with `=`, `+`, `-`, `@`, a tab or a CR, which a
// spreadsheet would run as a formula, gets a leading `'` (as OWASP advises
// against CSV injection); a number is written as it is.
void append_field(std::string& out, std::string_view field, Cell cell);

}  // namespace remit::csv
