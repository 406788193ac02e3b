#pragma once
// JSON, read and written in one place. The reader keeps what decisions need
// and most readers drop: the byte offset of every value, and numbers as
// written (so that a fraction can be checked to be exact to the penny, never
// rounded). The writer streams keys in the order written, escapes strings and
// writes no trailing commas: its output is byte-for-byte deterministic.
//
// Both sit at the bottom (model) rather than in io: the analyser writes a
// witness decision into the message of a finding, and the checker resolves
// JSON fact values, and both stages sit below io.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace remit::json {

struct Member;

struct Value {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool boolean = false;
  std::string text;  // a number as written, or a string's decoded contents
  std::vector<Value> items;
  std::vector<Member> members;  // in document order
  std::size_t offset = 0;
  std::size_t key_offset = 0;  // for object members: where the key starts
  std::size_t length = 0;

  const Value* find(std::string_view key) const;
};

// An object's member. Not std::pair: a pair of an incomplete Value does not
// compile with clang and libstdc++ 12.
struct Member {
  std::string first;  // the key
  Value second;
};

std::string_view type_name(Value::Type t);

struct Error {
  std::size_t offset = 0;
  std::string message;
};

struct Reading {
  std::optional<Value> value;
  Error error;
};

// One JSON document; anything but blanks after it is an error.
Reading parse(std::string_view text);

enum class Layout {
  pretty,    // indented, one member a line: reports
  compact,   // one line, no blanks: a JSON Lines row
  one_line,  // one line with a blank after `,` and `:`: JSON inside a message
};

class Writer {
 public:
  explicit Writer(Layout layout = Layout::pretty) : layout_(layout) {}
  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view k);
  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(bool b);
  Writer& value(std::int64_t n);
  Writer& null();
  // A value already written as JSON (one line), such as a witness decision.
  Writer& raw(std::string_view json);
  const std::string& str() const { return out_; }

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  Layout layout_;
  bool after_key_ = false;
};

// The contents of a JSON string for `s`, without the quotes.
std::string escape(std::string_view s);

}  // namespace remit::json
