#include <fmt/format.h>

#include <algorithm>

#include "remit/diagnostic.hpp"

namespace remit {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

SourceFile::Position SourceFile::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t column = 1;
  for (std::size_t i = line_starts_[line_index]; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // skip UTF-8 continuation bytes
  return {line_index + 1, column};
}

std::string_view SourceFile::line_text(std::size_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::string location(const Span& span) {
  if (!span.source) return {};
  const auto pos = span.source->position(span.offset);
  return fmt::format("{}:{}:{}", span.source->path(), pos.line, pos.column);
}

}  // namespace remit
