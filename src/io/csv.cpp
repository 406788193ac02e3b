#include "io/csv.hpp"

#include <algorithm>
#include <cstring>

namespace remit::csv {

bool Reader::fill() {
  if (eof_) return false;
  // Keep the unread part, then append a block.
  buffer_.erase(0, at_);
  at_ = 0;
  const std::size_t old = buffer_.size();
  constexpr std::size_t block = 1 << 16;
  buffer_.resize(old + block);
  const std::size_t got = std::fread(buffer_.data() + old, 1, block, in_);
  buffer_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

Reader::Status Reader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  unquoted_.clear();
  // Find the end of the row first (a newline outside quotes), so that the
  // fields can point into the buffer and never move while being read.
  std::size_t end = at_;
  std::size_t newlines = 0;
  bool quoted = false;
  // The next newline at or after `end` (or the buffer's size: none yet),
  // kept so that a row full of quotes is still read in linear time.
  std::size_t newline_at = std::string::npos;
  for (;;) {
    if (end == buffer_.size()) {
      const std::size_t offset = end - at_;
      if (offset > max_row_bytes) {
        error_ = "a row is longer than 1 MiB; is a quote left open?";
        return Status::error;
      }
      const bool more = fill();  // moves the unread text to the front
      end = at_ + offset;
      newline_at = std::string::npos;
      if (!more) break;
      continue;
    }
    // Jump from quote to quote with memchr; only newlines outside quotes
    // end the row, and those inside are counted for the line numbers.
    const char* from = buffer_.data() + end;
    const std::size_t left = buffer_.size() - end;
    if (!quoted) {
      if (newline_at == std::string::npos || newline_at < end) {
        const void* newline = std::memchr(from, '\n', left);
        newline_at = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data()) : buffer_.size();
      }
      const std::size_t span = newline_at - end;
      const void* quote = std::memchr(from, '"', span);
      if (!quote) {
        end += span;
        if (newline_at < buffer_.size()) {
          ++newlines;
          break;
        }
        continue;  // more input is needed
      }
      end += static_cast<std::size_t>(static_cast<const char*>(quote) - from) + 1;
      quoted = true;
    } else {
      const void* quote = std::memchr(from, '"', left);
      const std::size_t span = quote ? static_cast<std::size_t>(static_cast<const char*>(quote) - from) : left;
      newlines += static_cast<std::size_t>(std::count(from, from + span, '\n'));
      end += span;
      if (!quote) continue;  // more input is needed
      ++end;
      quoted = false;
    }
  }
  if (!started_) {
    started_ = true;
    if (buffer_.compare(at_, 3, "\xEF\xBB\xBF") == 0) at_ += 3;
  }
  if (at_ >= end && end == buffer_.size()) return Status::end;
  row_line_ = next_line_;
  next_line_ = row_line_ + newlines;
  if (quoted) {
    error_ = "a quoted field is not closed before the end of the file";
    at_ = end;
    return Status::error;
  }
  std::size_t row_end = end;  // without the newline and a CR before it
  if (row_end > at_ && buffer_[row_end - 1] == '\r') --row_end;
  unquoted_.reserve(row_end - at_);
  std::size_t i = at_;
  for (;;) {
    if (i < row_end && buffer_[i] == '"') {
      const std::size_t start = unquoted_.size();
      for (++i; i < row_end; ++i) {
        if (buffer_[i] == '"') {
          if (i + 1 < row_end && buffer_[i + 1] == '"') {
            unquoted_.push_back('"');
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          unquoted_.push_back(buffer_[i]);
        }
      }
      fields.emplace_back(unquoted_.data() + start, unquoted_.size() - start);
      if (i < row_end && buffer_[i] != ',') {
        error_ = "text after a closing quote in field " + std::to_string(fields.size());
        at_ = end + (end < buffer_.size() ? 1 : 0);
        return Status::error;
      }
    } else {
      const std::size_t start = i;
      while (i < row_end && buffer_[i] != ',') ++i;
      fields.emplace_back(buffer_.data() + start, i - start);
    }
    if (i >= row_end) break;
    ++i;  // the comma
  }
  at_ = end + (end < buffer_.size() ? 1 : 0);
  return Status::row;
}

void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace remit::csv
