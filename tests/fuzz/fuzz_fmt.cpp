// Fuzz target: the formatter. Whatever parses must format to text that
// parses to the same statements, keeps every comment, and formats to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "grammar/parse.hpp"
#include "remit/format.hpp"
#include "support/syntax_meaning.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1 << 16)) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto source = std::make_shared<const remit::SourceFile>("fuzz.remit", text);
  const remit::FormatResult once = remit::format_source(source);
  const remit::syntax::ParseResult before = remit::syntax::parse(text);
  if (!once.text) {
    if (before.errors.empty()) std::abort();  // refused a file that parses
    return 0;
  }
  const remit::syntax::ParseResult after = remit::syntax::parse(*once.text);
  if (!after.errors.empty()) std::abort();
  if (remit::testing::syntax_meaning(after) != remit::testing::syntax_meaning(before)) std::abort();
  const remit::FormatResult twice = remit::format_source(std::make_shared<const remit::SourceFile>("fuzz.remit", *once.text));
  if (!twice.text || *twice.text != *once.text) std::abort();
  return 0;
}
