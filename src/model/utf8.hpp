#pragma once
// UTF-8 well-formedness, shared by the readers of rule files and decisions
// and by the diagnostic renderer (which shows a line that is not UTF-8 byte
// by byte).
#include <cstddef>
#include <string_view>

namespace remit {

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t invalid_utf8_at(std::string_view text);

}  // namespace remit
