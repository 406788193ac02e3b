// `remit paper` (issue 16): read decision papers and check the authority
// they claim. Several papers, or a folder of them, give one CSV row each.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "commands.hpp"
#include "remit/paper.hpp"

namespace remit::cli {
namespace {

bool is_paper_file(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".pdf";
}

// Each operand that is a file, and every paper (`.txt`, `.html`, `.htm`,
// `.pdf`) directly in each folder, in name order.
std::optional<std::vector<std::filesystem::path>> paper_paths(const std::vector<std::string>& operands) {
  std::vector<std::filesystem::path> out;
  for (const std::string& operand : operands) {
    std::error_code ec;
    if (!std::filesystem::is_directory(operand, ec)) {
      out.emplace_back(operand);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(operand, ec))
      if (entry.is_regular_file(ec) && is_paper_file(entry.path())) found.push_back(entry.path());
    if (ec) {
      err(fmt::format("{}: error: cannot read the folder: {}\n", operand, ec.message()));
      return std::nullopt;
    }
    if (found.empty()) {
      usage_error(fmt::format("the folder `{}` holds no papers", operand), "a paper is a `.txt`, `.html`, `.htm` or `.pdf` file");
      return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace

int command_paper(const Arguments& a) {
  const std::string format = *a.value("--format");
  std::optional<Date> date;
  if (const auto given = a.value("--date")) {
    date = read_date(*given);
    if (!date) return usage_error(fmt::format("`--date {}` is not a date that exists in `YYYY-MM-DD` form", *given), "write it as `2020-06-01`");
  }
  auto scheme = load_scheme_or_report(*a.value("--scheme"), format == "json");
  if (!scheme) return exit_usage;
  const auto paths = paper_paths(a.operands());
  if (!paths) return exit_usage;
  std::vector<PaperCheck> checks;
  for (const std::filesystem::path& path : *paths) {
    std::vector<Diagnostic> diagnostics;
    const auto text = read_paper_source(path, diagnostics);
    if (!text) {
      print_diagnostics(diagnostics, format == "json");
      return exit_usage;
    }
    checks.push_back(check_paper(*scheme, *text, date));
  }
  if (format == "csv") {
    std::string rows = paper_csv_header();
    for (const PaperCheck& c : checks) rows += paper_csv_row(c);
    out(rows);
  } else {
    for (std::size_t i = 0; i < checks.size(); ++i) {
      if (format == "json") out((i == 0 && checks.size() > 1 ? "[\n" : "") + paper_json(checks[i]) + (checks.size() > 1 ? (i + 1 == checks.size() ? "]\n" : ",\n") : ""));
      else out((i ? "\n" : "") + (format == "md" ? paper_markdown(checks[i]) : paper_text(checks[i])));
    }
  }
  if (checks.size() > 1 || format == "csv") err(paper_summary(checks));
  const bool clean = std::all_of(checks.begin(), checks.end(),
                                 [](const PaperCheck& c) { return c.outcome == Outcome::authorised && c.claims_wrong == 0; });
  return clean ? exit_ok : exit_findings;
}

}  // namespace remit::cli
