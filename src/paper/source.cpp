// A paper as text: plain text as it is. (HTML and PDF: see below.)
#include "remit/paper.hpp"

namespace remit {

std::optional<SourcePtr> read_paper_source(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  return read_source(path, diagnostics, SourceKind::decision);
}

}  // namespace remit
