#include "model/json.hpp"

#include <unordered_set>

#include "model/utf8.hpp"

namespace remit::json {
namespace {

constexpr int max_depth = 128;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Reading run() {
    Reading r;
    if (const std::size_t bad = invalid_utf8_at(text_); bad != std::string_view::npos) {
      r.error = {bad, "the JSON is not valid UTF-8 here"};
      return r;
    }
    skip();
    Value v;
    if (!value(v, 0)) {
      r.error = error_;
      return r;
    }
    skip();
    if (pos_ != text_.size()) {
      r.error = {pos_, "unexpected text after the JSON value"};
      return r;
    }
    r.value = std::move(v);
    return r;
  }

 private:
  bool fail(std::size_t at, std::string message) {
    error_ = {at, std::move(message)};
    return false;
  }
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(Value& v, int depth) {
    if (depth > max_depth) return fail(pos_, "JSON nested more than 128 deep");
    v.offset = pos_;
    if (pos_ >= text_.size()) return fail(pos_, "expected a JSON value, found the end of the input");
    const char c = text_[pos_];
    bool ok = false;
    if (c == '{') ok = object(v, depth);
    else if (c == '[') ok = array(v, depth);
    else if (c == '"') {
      v.type = Value::Type::string;
      ok = string(v.text);
    } else if (c == '-' || (c >= '0' && c <= '9')) ok = number(v);
    else if (literal("true")) { v.type = Value::Type::boolean; v.boolean = true; ok = true; }
    else if (literal("false")) { v.type = Value::Type::boolean; ok = true; }
    else if (literal("null")) { v.type = Value::Type::null; ok = true; }
    else return fail(pos_, "expected a JSON value");
    v.length = pos_ - v.offset;
    return ok;
  }

  bool number(Value& v) {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    const std::size_t int_start = pos_;
    if (digits() == 0) return fail(pos_, "expected digits in a JSON number");
    if (text_[int_start] == '0' && pos_ - int_start > 1) return fail(int_start, "a JSON number cannot start with 0");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail(pos_, "expected digits after the decimal point");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail(pos_, "expected digits in the exponent");
    }
    v.type = Value::Type::number;
    v.text = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  bool hex4(unsigned& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      if (pos_ >= text_.size()) return fail(pos_, "expected four hex digits after `\\u`");
      const char h = text_[pos_++];
      out <<= 4;
      if (h >= '0' && h <= '9') out |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') out |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') out |= static_cast<unsigned>(h - 'A' + 10);
      else return fail(pos_ - 1, "expected four hex digits after `\\u`");
    }
    return true;
  }

  bool string(std::string& out) {
    const std::size_t start = pos_++;
    while (true) {
      if (pos_ >= text_.size()) return fail(start, "unterminated JSON string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail(pos_, "control character in a JSON string");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) return fail(start, "unterminated JSON string");
      const char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
              return fail(pos_, "unpaired surrogate in a JSON string");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(pos_ - 6, "unpaired surrogate in a JSON string");
          }
          append_utf8(out, cp);
          break;
        }
        default: return fail(pos_ - 2, "unknown escape in a JSON string");
      }
    }
  }

  bool array(Value& v, int depth) {
    v.type = Value::Type::array;
    ++pos_;
    skip();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip();
      Value item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      skip();
      if (pos_ < text_.size() && text_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < text_.size() && text_[pos_] == ']') { ++pos_; return true; }
      return fail(pos_, "expected `,` or `]` in a JSON array");
    }
  }

  bool object(Value& v, int depth) {
    std::unordered_set<std::string> keys;  // not a scan of the members: that is quadratic in their number
    v.type = Value::Type::object;
    ++pos_;
    skip();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail(pos_, "expected a quoted key in a JSON object");
      const std::size_t key_offset = pos_;
      std::string key;
      if (!string(key)) return false;
      if (!keys.insert(key).second) return fail(key_offset, "the key `" + key + "` appears twice");
      skip();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail(pos_, "expected `:` after a JSON key");
      ++pos_;
      skip();
      Value member;
      if (!value(member, depth + 1)) return false;
      member.key_offset = key_offset;
      v.members.push_back(Member{std::move(key), std::move(member)});
      skip();
      if (pos_ < text_.size() && text_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < text_.size() && text_[pos_] == '}') { ++pos_; return true; }
      return fail(pos_, "expected `,` or `}` in a JSON object");
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Error error_;
};

}  // namespace

const Value* Value::find(std::string_view key) const {
  for (const auto& m : members)
    if (m.first == key) return &m.second;
  return nullptr;
}

std::string_view type_name(Value::Type t) {
  switch (t) {
    case Value::Type::null: return "null";
    case Value::Type::boolean: return "a boolean";
    case Value::Type::number: return "a number";
    case Value::Type::string: return "a string";
    case Value::Type::array: return "an array";
    case Value::Type::object: return "an object";
  }
  return "?";
}

Reading parse(std::string_view text) { return Parser(text).run(); }

}  // namespace remit::json
