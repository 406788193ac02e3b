#pragma once
// A streaming JSON writer: keys in the order written, strings escaped, no
// trailing commas. Output is byte-for-byte deterministic.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace remit::report {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::int64_t n);
  JsonWriter& null();
  // A value already written as JSON (one line), such as a witness decision.
  JsonWriter& raw(std::string_view json);
  const std::string& str() const { return out_; }

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool pretty_;
  bool after_key_ = false;
};

std::string escape_json(std::string_view s);

}  // namespace remit::report
