#pragma once
// CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF), read
// and written in one place. The reader takes CSV as spreadsheets export it
// (a UTF-8 byte-order mark is skipped) and keeps memory constant: a row is
// read into a reused buffer.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace remit::csv {

class Reader {
 public:
  // A row longer than this is refused rather than read into memory.
  static constexpr std::size_t max_row_bytes = std::size_t{1} << 20;

  explicit Reader(std::FILE* in) : in_(in) {}
  // Rows already in memory, the first of them on line `first_line`.
  Reader(std::string_view text, std::size_t first_line)
      : in_(nullptr), buffer_(text), eof_(true), started_(true), next_line_(first_line) {}

  enum class Status { row, end, error };
  // The next row's fields, valid until the next call. `line` is the line the
  // row starts on (1-based); on error, `error()` says what is wrong.
  Status next(std::vector<std::string_view>& fields);
  std::size_t line() const { return row_line_; }
  const std::string& error() const { return error_; }
  // The line the next row starts on, and the bytes read but not yet used.
  std::size_t next_line() const { return next_line_; }
  std::string take_unread() {
    std::string rest = buffer_.substr(at_);
    buffer_.clear();
    at_ = 0;
    return rest;
  }

 private:
  bool fill();  // reads more input; false at the end
  std::FILE* in_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::size_t next_line_ = 1, row_line_ = 0;
  std::string unquoted_;  // fields that needed unquoting
  std::string error_;
};

// Appends one field, quoted only when it holds a comma, a quote or a line
// break (quotes doubled inside), so the reader above gives it back as it was.
void append_field(std::string& out, std::string_view field);

}  // namespace remit::csv
