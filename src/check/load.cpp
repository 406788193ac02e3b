// Reading rule files from disk and assembling the versions of a scheme.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "check/examples.hpp"
#include "check/limits.hpp"
#include "check/lower.hpp"
#include "model/utf8.hpp"
#include "remit/remit.hpp"

namespace remit {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t max_rule_file_bytes = 8u << 20;  // 8 MiB: far beyond any real scheme

}  // namespace

namespace {

// Why `path` cannot be read as a text file, with help, or nullopt when it is
// a regular file (or a link to one). The type is checked before anything is
// opened, so that a FIFO never blocks the reader.
std::optional<std::pair<std::string, std::string>> not_a_file(const fs::path& path, const std::string& name) {
  std::error_code ec, link_ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::regular) return std::nullopt;
  const std::string help = "give a regular file, or a link to one";
  if (ec == std::errc::too_many_symbolic_link_levels)
    return std::pair{"`" + name + "` is a symbolic link that leads back to itself (a loop)", help};
  if (status.type() == fs::file_type::not_found && fs::is_symlink(fs::symlink_status(path, link_ec)))
    return std::pair{"`" + name + "` is a symbolic link to `" + fs::read_symlink(path, link_ec).generic_string() + "`, which does not exist",
                     help};
  if (ec) return std::pair{"cannot read `" + name + "`: " + ec.message(), std::string("check the path and its permissions")};
  if (status.type() == fs::file_type::directory) return std::pair{"`" + name + "` is a folder, not a file", help};
  if (status.type() == fs::file_type::fifo) return std::pair{"`" + name + "` is a named pipe (FIFO), not a regular file", help};
  return std::pair{"`" + name + "` is not a regular file", help};
}

}  // namespace

// Reads a text file for the parser; nullopt (and a diagnostic) if it cannot be used.
std::optional<SourcePtr> read_source(const fs::path& path, std::vector<Diagnostic>& out, SourceKind kind) {
  const std::string name = path.generic_string();
  if (auto problem = not_a_file(path, name)) {
    out.push_back(make_diagnostic(Code::io, name, std::move(problem->first), std::move(problem->second)));
    return std::nullopt;
  }
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    out.push_back(make_diagnostic(Code::io, name, "cannot read `" + name + "`: " + ec.message(), "check the path and its permissions"));
    return std::nullopt;
  }
  if (kind == SourceKind::decision && size > limits::max_decision_bytes) {
    out.push_back(make_diagnostic(Code::limit, name,
                                  "`" + name + "` is " + std::to_string(size) + " bytes; a decision is limited to 8 MiB",
                                  "a decision is one JSON object of a few facts; check that this is the right file"));
    return std::nullopt;
  }
  if (kind == SourceKind::rule_file && size > max_rule_file_bytes) {
    out.push_back(make_diagnostic(Code::limit, name, "`" + name + "` is " + std::to_string(size) + " bytes; rule files are limited to 8 MiB",
                             "split the scheme into versions, one file each"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  if (!in || !(buffer << in.rdbuf())) {
    if (size == 0 && in) return std::make_shared<const SourceFile>(name, std::string());
    out.push_back(make_diagnostic(Code::io, name, "cannot read `" + name + "`", "check the path and its permissions"));
    return std::nullopt;
  }
  auto source = std::make_shared<const SourceFile>(name, buffer.str());
  const std::string& text = source->text();
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    out.push_back(make_diagnostic(Code::encoding, Span{source, nul, 1}, "the file contains a NUL byte: it is not a text file",
                                  "rule files are UTF-8 text"));
    return std::nullopt;
  }
  if (auto bad = invalid_utf8_at(text); bad != std::string::npos) {
    out.push_back(make_diagnostic(Code::encoding, Span{source, bad, 1}, "the file is not valid UTF-8 here",
                                         "save the file as UTF-8"));
    return std::nullopt;
  }
  return source;
}

namespace {

// The versions of one scheme, checked together; their examples go to `examples`.
LoadResult load_versions(const std::vector<SourcePtr>& sources, std::vector<check::ExampleSpec>* examples) {
  LoadResult result;
  std::vector<Version> versions;
  for (const SourcePtr& s : sources)
    if (auto v = check::lower_file(s, result.diagnostics, examples)) versions.push_back(std::move(*v));
  if (versions.size() != sources.size() || sources.empty()) {
    if (sources.empty()) result.diagnostics.push_back(make_diagnostic(Code::io, "", "no rule files were given"));
    sort_diagnostics(result.diagnostics);
    return result;
  }
  std::stable_sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) { return a.from < b.from; });
  auto report = [&](const Span& at, std::string message, Code code, std::string help, const Span* other = nullptr,
                    std::string note = {}) {
    Diagnostic d = make_diagnostic(code, at, std::move(message), std::move(help));
    if (other) d.notes.push_back(Note{*other, std::move(note)});
    result.diagnostics.push_back(std::move(d));
  };
  const Version& first = versions.front();
  std::map<std::string, const Version*> labels;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    Version& v = versions[i];
    if (v.scheme_title != first.scheme_title)
      report(v.title_span, "this file is a version of `" + v.scheme_title + "` but its folder holds `" + first.scheme_title + "`",
             Code::scheme_mismatch, "every file in a scheme's folder must name the same scheme", &first.title_span, "that scheme is named here");
    if (v.currency != first.currency)
      report(v.currency_span, "this version is in `" + v.currency + "` but the scheme's other versions are in `" + first.currency + "`",
             Code::scheme_mismatch, "a scheme keeps one currency", &first.currency_span, "the other currency is declared here");
    if (auto [it, inserted] = labels.emplace(v.label, &v); !inserted)
      report(v.label_span, "version `" + v.label + "` is defined twice", Code::duplicate_version, "give each version its own label",
             &it->second->label_span, "first defined here");
    if (i + 1 < versions.size()) {
      const Version& next = versions[i + 1];
      const Date day_before_next{next.from.days - 1};
      if (next.from == v.from) {
        report(next.from_span,
               "versions `" + v.label + "` and `" + next.label + "` come into force on the same day, " + format_date(v.from),
               Code::version_overlap, "only one version can be in force on a day", &v.from_span, "the other version starts here");
      } else if (v.until && *v.until > day_before_next) {
        report(v.until_span,
               "version `" + v.label + "` is in force until " + format_date(*v.until) + ", after version `" + next.label +
                   "` comes into force on " + format_date(next.from),
               Code::version_overlap, "end it the day before (`until " + format_date(day_before_next) + "`) or drop `until`", &next.from_span,
               "the next version starts here");
      } else if (v.until && *v.until < day_before_next) {
        report(v.until_span,
               "no version is in force from " + format_date(Date{v.until->days + 1}) + " to " + format_date(day_before_next),
               Code::version_gap, "decisions dated in the gap cannot be evaluated", &next.from_span, "the next version starts here");
      }
      v.last_day = v.until ? *v.until : day_before_next;
    } else {
      v.last_day = v.until;
    }
  }
  sort_diagnostics(result.diagnostics);
  if (has_errors(result.diagnostics)) return result;
  auto scheme = std::make_shared<Scheme>();
  scheme->title = first.scheme_title;
  scheme->currency = first.currency;
  scheme->versions = std::move(versions);
  result.scheme = std::move(scheme);
  return result;
}

}  // namespace

LoadResult load_scheme(const std::vector<SourcePtr>& sources) { return load_versions(sources, nullptr); }

namespace {

std::vector<fs::path> rule_files_in(const fs::path& folder, bool recursive, std::vector<Diagnostic>& out) {
  std::vector<fs::path> files;
  std::error_code ec;
  // Every entry named `*.remit`, whatever it is: read_source refuses a folder,
  // a FIFO or a dangling link by name, rather than skipping it and letting
  // another version decide its dates.
  auto add = [&](const fs::directory_entry& e) {
    if (e.path().extension() == ".remit") files.push_back(e.path());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      add(*it);
  } else {
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) add(*it);
  }
  if (ec)
    out.push_back(make_diagnostic(Code::io, folder.generic_string(), "cannot read folder `" + folder.generic_string() + "`: " + ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

LoadResult load_scheme(const fs::path& path) {
  const auto started = std::chrono::steady_clock::now();
  LoadResult result;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    files = rule_files_in(path, false, result.diagnostics);
    std::erase_if(files, [](const fs::path& f) { return check::is_test_file(f); });
    if (files.empty() && result.diagnostics.empty())
      result.diagnostics.push_back(make_diagnostic(Code::io, path.generic_string(), "the folder `" + path.generic_string() + "` has no `.remit` files",
                                                   "a scheme is a folder of rule files, one version each"));
  } else if (check::is_test_file(path)) {
    result.diagnostics.push_back(make_diagnostic(Code::io, path.generic_string(),
                                                 "`" + path.generic_string() + "` is a test file, not a version of a scheme",
                                                 "give the scheme's folder, or one of its version files"));
  } else if (fs::exists(fs::symlink_status(path, ec))) {  // a dangling or looping link too: read_source says which
    files.push_back(path);
  } else {
    result.diagnostics.push_back(make_diagnostic(Code::io, path.generic_string(), "no such file or folder: `" + path.generic_string() + "`"));
  }
  std::vector<SourcePtr> sources;
  for (const fs::path& f : files)
    if (auto s = read_source(f, result.diagnostics)) sources.push_back(*s);
  if (!has_errors(result.diagnostics) && !sources.empty()) {
    LoadResult loaded = load_scheme(sources);
    result.scheme = std::move(loaded.scheme);
    result.diagnostics.insert(result.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  }
  sort_diagnostics(result.diagnostics);
  if (auto log = spdlog::get("remit"); log && result.scheme)
    log->info("loaded `{}` from {}: {} version(s) in {} µs", result.scheme->title, path.generic_string(),
              result.scheme->versions.size(),
              std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
  return result;
}

std::vector<fs::path> find_rule_files(const std::vector<fs::path>& paths, std::vector<Diagnostic>& diagnostics) {
  std::vector<fs::path> found;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      auto files = rule_files_in(p, true, diagnostics);
      if (files.empty())
        diagnostics.push_back(make_diagnostic(Code::io, p.generic_string(), "no `.remit` files under `" + p.generic_string() + "`"));
      found.insert(found.end(), files.begin(), files.end());
    } else if (fs::exists(fs::symlink_status(p, ec))) {  // a dangling or looping link too: read_source says which
      found.push_back(p);
    } else {
      diagnostics.push_back(make_diagnostic(Code::io, p.generic_string(), "no such file or folder: `" + p.generic_string() + "`"));
    }
  }
  // The same file named two ways (`rules/x.remit`, `./rules/x.remit`) once.
  std::sort(found.begin(), found.end());
  std::set<fs::path> seen;
  std::erase_if(found, [&](const fs::path& f) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(f, ec);
    return !seen.insert(ec ? f : canonical).second;
  });
  return found;
}

check::Suites check::load_suites(const std::vector<fs::path>& paths) {
  Suites result;
  std::map<fs::path, std::vector<fs::path>> by_folder;  // a folder's files form one scheme
  for (const fs::path& f : find_rule_files(paths, result.diagnostics)) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(f.parent_path(), ec);
    by_folder[ec ? f.parent_path() : folder].push_back(f);
  }
  for (auto& [folder, files] : by_folder) {
    std::vector<SourcePtr> versions, tests;
    std::size_t unreadable = 0;
    for (const fs::path& f : files) {
      if (auto s = read_source(f, result.diagnostics)) (is_test_file(f) ? tests : versions).push_back(*s);
      else ++unreadable;
    }
    result.files += files.size();
    Suite suite;
    if (unreadable) {
      // Check what could be read, one file at a time, so its findings still show.
      for (const SourcePtr& s : versions) lower_file(s, result.diagnostics);
    } else if (!versions.empty()) {
      LoadResult loaded = load_versions(versions, &suite.examples);
      result.diagnostics.insert(result.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
      suite.scheme = std::move(loaded.scheme);
    } else if (!tests.empty()) {
      result.diagnostics.push_back(make_diagnostic(Code::test_file, tests.front()->path(),
                                                   "`" + tests.front()->path() + "` has no scheme beside it to test",
                                                   "a test file sits in the folder of the scheme's version files"));
    }
    for (const SourcePtr& s : tests) {
      auto examples = lower_test_file(s, result.diagnostics);
      suite.examples.insert(suite.examples.end(), std::make_move_iterator(examples.begin()), std::make_move_iterator(examples.end()));
    }
    result.suites.push_back(std::move(suite));
  }
  return result;
}

}  // namespace remit
