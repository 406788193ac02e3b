#pragma once
// A small JSON reader that keeps what decisions need and most readers drop:
// the byte offset of every value, and numbers as written (so that a
// fraction can be checked to be exact to the penny, never rounded).
#include <cstddef>
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

}  // namespace remit::json
