#include "io/csv.hpp"

#include <algorithm>
#include <cstring>

namespace remit::csv {

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// The first `c` in [from, to) of `s`, or `to`.
std::size_t find(const std::string& s, char c, std::size_t from, std::size_t to) {
  const void* hit = std::memchr(s.data() + from, c, to - from);
  return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) : to;
}

}  // namespace

bool Reader::fill(std::size_t keep_from) {
  if (eof_) return false;
  const std::size_t old = buffer_.size();
  constexpr std::size_t block = 1 << 16;
  buffer_.resize(old + block);
  const std::size_t got = source_(buffer_.data() + old, block);
  buffer_.resize(old + got);
  if (got == 0) {
    eof_ = true;
    return false;  // nothing is dropped: what was read stays where it is
  }
  line_breaks_ += static_cast<std::size_t>(std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(old), buffer_.end(), '\n'));
  last_byte_ = buffer_.back();
  bytes_read_ += got;
  buffer_.erase(0, keep_from);
  return true;
}

std::size_t Reader::end_of_line(std::size_t from) {
  for (;;) {
    const std::size_t at = find(buffer_, '\n', from, buffer_.size());
    if (at < buffer_.size() || !fill(from)) return at < buffer_.size() ? at : buffer_.size();
    from = 0;  // what was before `from` is dropped
  }
}

bool Reader::next_row(Row& row) {
  row.error.clear();
  row.text = {};
  if (!started_) {
    started_ = true;
    while (buffer_.size() < byte_order_mark.size() && fill(0)) {
    }
    if (std::string_view(buffer_).substr(0, 3) == byte_order_mark) {
      at_ = byte_order_mark.size();
      skipped_ = at_;
    }
  }
  // Scans from `start` to the line break that ends the row: one outside a
  // quoted field, where a quote opens a field only at the start of it.
  std::size_t start = at_, pos = at_;
  std::size_t breaks = 0;  // line breaks inside the row so far
  enum class State { field_start, unquoted, quoted } state = State::field_start;
  // The quoted field being read: where it opens, the row's line breaks
  // before it, the breaks inside it and the first of them.
  std::size_t quote_at = 0, breaks_before_quote = 0, quote_breaks = 0, quote_first_break = std::string::npos;
  bool too_long = false;
  std::size_t line_end = std::string::npos;  // the next line break from `pos`, once found
  const std::string too_long_error = "the row is longer than 1 MiB, the most a row may hold";
  // Reads more input, keeping the row, or once it is too long (and will not
  // be kept) only the quoted field being read; false at the end.
  auto more = [&] {
    const std::size_t keep = !too_long ? start : state == State::quoted ? quote_at : pos;
    if (!fill(keep)) return false;
    start -= std::min(start, keep);
    pos -= keep;
    line_end = std::string::npos;
    if (state == State::quoted) {
      quote_at -= keep;
      if (quote_first_break != std::string::npos) quote_first_break -= keep;
    }
    return true;
  };
  // The row ends before `end` (a line break, or the end of the input) after
  // `lines` lines, with `error` if it is one.
  auto finish = [&](std::size_t end, std::size_t lines, std::string error) {
    row.line = next_line_;
    row.lines = lines;
    next_line_ += lines;
    at_ = end < buffer_.size() ? end + 1 : end;
    row.error = std::move(error);
    if (!row.error.empty()) return true;
    if (end > start && buffer_[end - 1] == '\r') --end;
    if (too_long || end - start > max_row_bytes) row.error = too_long_error;
    else row.text = std::string_view(buffer_).substr(start, end - start);
    return true;
  };
  // A quoted field not closed in time: taken for a stray quote, its first
  // line ends the row, and reading goes on at the next one.
  auto stray_quote = [&](const std::string& why) {
    const std::size_t end = quote_first_break != std::string::npos ? quote_first_break : end_of_line(pos);
    if (quote_first_break == std::string::npos) start = 0;  // end_of_line may drop the row; it is not kept
    return finish(end, breaks_before_quote + 1, too_long ? too_long_error : why + "; if it is part of the text, double it and quote the field");
  };
  for (;;) {
    if (!too_long && pos - start > max_row_bytes + 1) too_long = true;  // + 1: a CR before the line break
    if (pos == buffer_.size()) {
      if (more()) continue;
      if (state == State::quoted) return stray_quote("a quote opens a field that is not closed before the end of the file");
      if (start == buffer_.size()) return false;  // no row left
      return finish(pos, breaks + 1, "");
    }
    if (state != State::quoted) {
      // Up to the end of the line, unless a quote opens a field before it.
      if (line_end == std::string::npos || line_end < pos) line_end = find(buffer_, '\n', pos, buffer_.size());
      const std::size_t quote = find(buffer_, '"', pos, line_end);
      if (quote == line_end) {
        if (line_end < buffer_.size()) return finish(line_end, breaks + 1, "");
        if (line_end > pos) state = buffer_[line_end - 1] == delimiter_ ? State::field_start : State::unquoted;
        pos = line_end;
        continue;  // more input is needed
      }
      const bool opens = quote == pos ? state == State::field_start : buffer_[quote - 1] == delimiter_;
      pos = quote + 1;
      state = State::unquoted;  // a quote inside a field is text
      if (opens) {
        state = State::quoted;
        quote_at = quote;
        breaks_before_quote = breaks;
        quote_breaks = 0;
        quote_first_break = std::string::npos;
      }
      continue;
    }
    // In a quoted field: on to the next quote, counting the line breaks.
    const std::size_t quote = find(buffer_, '"', pos, buffer_.size());
    for (std::size_t at = find(buffer_, '\n', pos, quote); at < quote; at = find(buffer_, '\n', at + 1, quote)) {
      if (quote_first_break == std::string::npos) quote_first_break = at;
      ++breaks;
      if (++quote_breaks >= max_quoted_lines)
        return stray_quote("a quoted field runs past 100 lines without its closing quote");
    }
    if (quote - quote_at > max_quoted_bytes) return stray_quote("a quoted field runs past 64 KiB without its closing quote");
    pos = quote;
    if (quote == buffer_.size()) continue;  // more input is needed
    if (quote + 1 == buffer_.size() && more()) continue;  // is it `""`?
    if (pos + 1 < buffer_.size() && buffer_[pos + 1] == '"') {
      pos += 2;  // a quote inside the field
    } else {
      pos += 1;  // the closing quote
      state = State::unquoted;
    }
  }
}

Reader::Status Reader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (!next_row(row_)) return Status::end;
  if (!row_.error.empty() || !split_row(row_.text, fields, unquoted_, row_.error, delimiter_)) return Status::error;
  return Status::row;
}

bool split_row(std::string_view row, std::vector<std::string_view>& fields, std::string& unquoted, std::string& error, char delimiter) {
  fields.clear();
  unquoted.clear();
  unquoted.reserve(row.size());  // the fields point into it: it must not move
  std::size_t i = 0;
  for (;;) {
    if (i < row.size() && row[i] == '"') {
      const std::size_t start = unquoted.size();
      bool closed = false;
      for (++i; i < row.size(); ++i) {
        if (row[i] != '"') {
          unquoted.push_back(row[i]);
        } else if (i + 1 < row.size() && row[i + 1] == '"') {
          unquoted.push_back('"');
          ++i;
        } else {
          ++i;
          closed = true;
          break;
        }
      }
      fields.emplace_back(unquoted.data() + start, unquoted.size() - start);
      if (!closed) {
        error = "the quoted field " + std::to_string(fields.size()) + " is not closed";
        return false;
      }
      if (i < row.size() && row[i] != delimiter) {
        error = "text after the closing quote of field " + std::to_string(fields.size()) +
                "; a quote inside a quoted field is written twice (`\"\"`)";
        return false;
      }
    } else {
      const std::size_t start = i;
      while (i < row.size() && row[i] != delimiter) ++i;
      fields.push_back(row.substr(start, i - start));
    }
    if (i >= row.size()) return true;
    ++i;  // the delimiter
  }
}

char detect_delimiter(std::string_view header) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == ',') ++comma;
    else if (c == ';') ++semicolon;
    else if (c == '\t') ++tab;
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

void append_field(std::string& out, std::string_view field, Cell cell) {
  // A leading `'` makes a spreadsheet show the cell as text, never run it.
  const bool formula = cell == Cell::text && !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    if (formula) out += '\'';
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace remit::csv
