// `remit fmt` over paths, for the public API (remit/format.hpp).
#include "remit/format.hpp"
#include "remit/remit.hpp"

namespace remit {

FormatRun format_paths(const std::vector<std::filesystem::path>& paths) {
  FormatRun run;
  const std::vector<std::filesystem::path> files = find_rule_files(paths, run.diagnostics);
  run.files = files.size();
  for (const auto& path : files) {
    auto source = read_source(path, run.diagnostics);
    if (!source) continue;
    FormatResult formatted = format_source(*source);
    if (!formatted.text) {
      ++run.broken;
      run.diagnostics.insert(run.diagnostics.end(), formatted.diagnostics.begin(), formatted.diagnostics.end());
      continue;
    }
    run.formatted.push_back(FormattedFile{*source, std::move(*formatted.text)});
  }
  return run;
}

}  // namespace remit
