// `remit eval`, `remit who` and `remit audit`: the commands that put
// decisions to a scheme.
#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "commands.hpp"
#include "remit/audit.hpp"
#include "remit/remit.hpp"
#include "remit/report.hpp"

namespace remit::cli {
namespace {

std::string written_verdict(const Verdict& verdict, const Arguments& a) {
  return wants_json(a) ? verdict_json(verdict) : verdict_text(verdict, a.given("--explain"));
}

// The items of options given as `a,b` or `--opt a --opt b`.
std::vector<std::string> comma_list(const std::vector<std::string>& given) {
  std::vector<std::string> items;
  for (const std::string& each : given)
    for (std::size_t start = 0; start <= each.size();) {
      const std::size_t comma = std::min(each.find(',', start), each.size());
      if (comma > start) items.push_back(each.substr(start, comma - start));
      start = comma + 1;
    }
  return items;
}

// The outcomes `--fail-on` names (`a,b` or `--fail-on a --fail-on b`);
// `invalid` when none are named. `missing` sets `missing`.
std::optional<std::vector<AuditOutcome>> fail_on_outcomes(const Arguments& a, bool& missing) {
  std::vector<AuditOutcome> outcomes;
  const std::vector<std::string> names = comma_list(a.values("--fail-on"));
  if (names.empty()) outcomes.push_back(AuditOutcome::invalid);
  for (const std::string& name : names) {
    if (name == "none") continue;
    if (name == "missing") {
      missing = true;
      continue;
    }
    const std::optional<AuditOutcome> outcome = audit_outcome_by_name(name);
    if (!outcome) {
      usage_error(fmt::format("unknown outcome `{}` for `--fail-on`: use authorised, not_authorised, no_authority, "
                              "undetermined, invalid, missing or none",
                              name));
      return std::nullopt;
    }
    outcomes.push_back(*outcome);
  }
  return outcomes;
}

// `NAME=VALUE` split at its first `=`; nullopt (having said so) without one.
std::optional<std::pair<std::string, std::string>> name_value(const std::string& given, std::string_view option, bool empty_value_ok) {
  const std::size_t equals = given.find('=');
  if (equals == std::string::npos || equals == 0 || (!empty_value_ok && equals + 1 == given.size())) {
    usage_error(fmt::format("`{} {}`: expected {}", option, given, option == "--map" ? "HEADING=COLUMN, as in `--map \"Decision maker=approver\"`"
                                                                                      : "FACT=VALUE, as in `--assume novel=false`"));
    return std::nullopt;
  }
  return std::pair{given.substr(0, equals), given.substr(equals + 1)};
}

// How the register is read, from the options; nullopt when one is wrong (said).
std::optional<AuditOptions> audit_options(const Arguments& a) {
  AuditOptions o;
  if (auto e = a.value("--encoding")) o.encoding = *e;
  if (auto sheet = a.value("--sheet")) o.sheet = *sheet;
  if (auto d = a.value("--delimiter")) o.delimiter = *d == "semicolon" ? ';' : *d == "tab" ? '\t' : ',';
  if (auto d = a.value("--date-format")) o.date_order = *d == "dmy" ? DateOrder::dmy : *d == "mdy" ? DateOrder::mdy : DateOrder::iso;
  if (auto file = a.value("--columns")) {
    std::vector<Diagnostic> diagnostics;
    const auto source = read_source(*file, diagnostics, SourceKind::decision);
    if (!source) {
      print_diagnostics(diagnostics, false);
      return std::nullopt;
    }
    std::string error;
    if (!read_column_map((*source)->text(), o.columns, error)) {
      err(fmt::format("{}: error: {}\n", *file, error));
      return std::nullopt;
    }
  }
  for (const std::string& given : a.values("--map")) {
    auto pair = name_value(given, "--map", true);
    if (!pair) return std::nullopt;
    o.columns.push_back(std::move(*pair));
  }
  o.keep = comma_list(a.values("--keep"));
  for (const std::string& given : a.values("--assume")) {
    auto pair = name_value(given, "--assume", false);
    if (!pair) return std::nullopt;
    o.assume.push_back(std::move(*pair));
  }
  // Split orders: a key and a window, both or neither.
  o.split_key = comma_list(a.values("--split-key"));
  if (const auto days = a.value("--split-window")) {
    int n = -1;
    const auto [end, ec] = std::from_chars(days->data(), days->data() + days->size(), n);
    if (ec != std::errc() || end != days->data() + days->size() || n < 0 || n > 3660) {
      usage_error(fmt::format("`--split-window {}`: expected a whole number of days from 0 to 3660, as in `--split-window 30`", *days));
      return std::nullopt;
    }
    o.split_window = n;
  }
  if (o.split_key.empty() != (o.split_window < 0)) {
    usage_error(o.split_key.empty() ? "`--split-window` needs `--split-key COLUMN`, the register's column that names the commitment (a supplier)"
                                    : "`--split-key` needs `--split-window DAYS`, the days within which its rows are summed, as in `--split-window 30`");
    return std::nullopt;
  }
  return o;
}

// `remit audit --format xlsx`: the CSV rows in `rows` made into a workbook
// in a temporary file (libxlsxwriter writes only to a file), then copied to
// `file` or standard output. nullopt when done, else why not.
std::optional<std::string> write_workbook(std::FILE* rows, const AuditSummary& summary, const std::string& register_name,
                                          std::optional<FileWriter>& file) {
  if (std::ferror(rows) || std::fflush(rows) != 0 || std::fseek(rows, 0, SEEK_SET) != 0)
    return fmt::format("the rows could not be kept in a temporary file: {}", std::strerror(errno));
  const char* tmpdir = std::getenv("TMPDIR");
  const std::string folder = tmpdir && *tmpdir ? tmpdir : "/tmp";
  std::string name = folder + "/remit-audit-XXXXXX.xlsx";
  const int fd = mkstemps(name.data(), 5);
  if (fd < 0) return fmt::format("no temporary file could be made in `{}` (errno {}: {}); set TMPDIR to a folder remit may write", folder, errno, std::strerror(errno));
  ::close(fd);
  struct Remove {
    const std::string& name;
    ~Remove() { std::remove(name.c_str()); }
  } remove{name};
  if (auto failure = write_audit_xlsx(rows, summary, register_name, name)) return failure;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> book(std::fopen(name.c_str(), "rb"), &std::fclose);
  if (!book) return fmt::format("cannot read the workbook back: {}", std::strerror(errno));
  std::string chunk(1 << 16, '\0');
  while (const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), book.get()))
    if (!(file ? file->write({chunk.data(), n}) : out({chunk.data(), n})))
      return std::nullopt;  // said by the file's commit, or by the check of standard output
  if (std::ferror(book.get())) return fmt::format("cannot read the workbook back: {}", std::strerror(errno));
  return std::nullopt;
}

}  // namespace

int command_eval(const Arguments& a) {
  auto scheme = load_scheme_or_report(*a.value("--scheme"), wants_json(a));
  if (!scheme) return exit_usage;
  const std::string& path = a.operands()[0];
  SourcePtr source;
  std::vector<Diagnostic> diagnostics;
  if (path == "-") {
    source = read_stdin_decision();
  } else if (auto read = read_source(path, diagnostics, SourceKind::decision)) {
    source = *read;
  } else {
    print_diagnostics(diagnostics, wants_json(a));
    return exit_usage;
  }
  DecisionReading reading = read_decision(*scheme, source);
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, wants_json(a));
    return exit_usage;
  }
  if (reading.decision->approver.empty())
    return usage_error_json(wants_json(a), fmt::format("the decision has no `approver`; add one, or ask `remit who --kind {}`",
                                   reading.decision->version->kinds[static_cast<std::size_t>(reading.decision->kind)]));
  const Verdict verdict = evaluate(*reading.decision);
  out(written_verdict(verdict, a));
  return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
}

int command_who(const Arguments& a) {
  auto scheme = load_scheme_or_report(*a.value("--scheme"), wants_json(a));
  if (!scheme) return exit_usage;
  const auto approver = a.value("--approver");
  DecisionReading reading = make_query(*scheme, *a.value("--kind"), a.value("--date"), approver, a.values("--fact"));
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    print_diagnostics(reading.diagnostics, wants_json(a));
    return exit_usage;
  }
  const Verdict verdict = evaluate(*reading.decision);
  if (approver) {
    out(written_verdict(verdict, a));
    return verdict.outcome == Outcome::authorised ? exit_ok : exit_findings;
  }
  out(wants_json(a) ? who_json(verdict) : who_text(verdict, a.given("--explain")));
  return verdict.outcome == Outcome::authorised && !verdict.may_approve.empty() ? exit_ok : exit_findings;
}

int command_audit(const Arguments& a) {
  bool fail_on_missing = false;
  const auto fail_on = fail_on_outcomes(a, fail_on_missing);
  if (!fail_on) return exit_usage;
  auto options = audit_options(a);
  if (!options) return exit_usage;
  auto scheme = load_scheme_or_report(*a.value("--scheme"));
  if (!scheme) return exit_usage;
  const std::string& path = a.operands()[0];
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    err(render_text(make_diagnostic(Code::io, path, "cannot read the register: " + std::string(std::strerror(errno)))));
    return exit_usage;
  }
  const auto output_path = a.value("--output");
  const std::string format = *a.value("--format");
  const bool xlsx = format == "xlsx";
  if (xlsx && !output_path && isatty(fileno(stdout))) {
    if (in != stdin) std::fclose(in);
    return usage_error("`--format xlsx` writes a workbook, not text for a terminal: give `--output FILE.xlsx`, or redirect stdout to a file");
  }
  std::optional<FileWriter> file;
  if (output_path) file.emplace(*output_path);
  // xlsx: the CSV rows go to a temporary file, made into the workbook after.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> csv_rows(xlsx ? std::tmpfile() : nullptr, &std::fclose);
  if (xlsx && !csv_rows) {
    if (in != stdin) std::fclose(in);
    err(fmt::format("remit: error: cannot make a temporary file for the workbook: {}\n", std::strerror(errno)));
    return exit_usage;
  }
  AuditWriter write = [&](std::string_view block) {
    if (csv_rows) return std::fwrite(block.data(), 1, block.size(), csv_rows.get()) == block.size();
    return file ? file->write(block) : out(block);
  };
  const CompiledScheme compiled(scheme);
  Auditor auditor(compiled, format == "jsonl" ? AuditFormat::jsonl : format == "text" ? AuditFormat::text : AuditFormat::csv, write,
                  std::move(*options));
  const bool progress = isatty(fileno(stderr));
  if (progress) auditor.on_progress = [](std::size_t rows) { err(fmt::format("\raudited {} rows…", rows)); };
  std::string error;
  const bool jsonl = path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  const bool read = jsonl ? auditor.audit_jsonl(in, error) : auditor.audit_csv(in, error);
  if (in != stdin) std::fclose(in);
  if (progress) err("\r\033[K");
  if (!read) {
    err(fmt::format("{}: error: {}\n", path, error));
    return exit_usage;
  }
  if (xlsx) {
    if (const auto failure = write_workbook(csv_rows.get(), auditor.summary(), path, file)) {
      err(fmt::format("remit: error: cannot write the workbook{}: {}\n", output_path ? fmt::format(" to `{}`", *output_path) : "", *failure));
      return exit_usage;
    }
  }
  if (file) {
    if (const auto failure = file->commit()) {
      err(fmt::format("remit: error: cannot write the rows to `{}`: {}\n", *output_path, *failure));
      return exit_usage;
    }
  } else if (!output_written()) {
    return exit_usage;  // the rows were not all written: no summary as if they were
  }
  const std::string summary = audit_summary_text(auditor.summary(), path, *scheme);
  if (const auto summary_path = a.value("--summary")) {
    if (const auto failure = write_file(*summary_path, summary)) {
      err(fmt::format("remit: error: cannot write the summary to `{}`: {}\n", *summary_path, *failure));
      return exit_usage;
    }
  } else {
    err(summary);
  }
  if (fail_on_missing && auditor.summary().authorised_missing) return exit_findings;
  for (const AuditOutcome outcome : *fail_on)
    if (auditor.summary().by_outcome[outcome_index(outcome)]) return exit_findings;
  return exit_ok;
}

}  // namespace remit::cli
