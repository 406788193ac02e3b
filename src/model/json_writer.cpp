#include <fmt/format.h>

#include "model/json.hpp"
#include "model/utf8.hpp"

namespace remit::json {

// Hidden characters (DEL, C1, bidi controls, invisible characters, line
// separators) are written as `\uXXXX` too: the same text, but safe to print
// to a terminal. A byte that is not UTF-8 (every reader refuses them) would
// make the JSON invalid, so it becomes U+FFFD.
std::string escape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x7F) {
      const CodePoint cp = decode_utf8(s, i);
      if (cp.length == 0) {
        out += "\\ufffd";
      } else if (hidden_kind(cp.value) != Hidden::none) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp.value));
        i += cp.length - 1;
      } else {
        out.append(s, i, cp.length);
        i += cp.length - 1;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out;
}

void Writer::newline() {
  if (layout_ != Layout::pretty) return;
  out_ += '\n';
  out_.append(first_.size() * 2, ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_ += layout_ == Layout::one_line ? ", " : ",";
  first_.back() = false;
  newline();
}

Writer& Writer::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

Writer& Writer::end_object() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_ += '}';
  return *this;
}

Writer& Writer::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

Writer& Writer::end_array() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_ += ']';
  return *this;
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

Writer& Writer::key(std::string_view k) {
  before_value();
  out_ += '"' + escape(k) + (layout_ == Layout::compact ? "\":" : "\": ");
  after_key_ = true;
  return *this;
}

Writer& Writer::value(std::string_view s) {
  before_value();
  out_ += '"' + escape(s) + '"';
  return *this;
}

Writer& Writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

Writer& Writer::value(std::int64_t n) {
  before_value();
  out_ += fmt::format("{}", n);
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace remit::json
