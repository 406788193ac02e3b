// Loading the schemes to serve (docs/serve.md, "Schemes and reload").
#include "catalog.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "remit/remit.hpp"
#include "remit/serve.hpp"

namespace remit::serve {

const std::string& ServedScheme::hash_of(const Version& v) const {
  static const std::string none;
  const auto it = content_hash.find(v.label);
  return it == content_hash.end() ? none : it->second;
}

const ServedScheme* Catalog::find(std::string_view name) const {
  for (const ServedScheme& s : schemes)
    if (s.name == name) return &s;
  return nullptr;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), ms);
}

namespace {

ServedScheme load_one(const std::string& name, const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  ServedScheme s;
  s.name = name;
  s.path = path;
  LoadResult loaded = load_scheme(path);
  for (Diagnostic& d : loaded.diagnostics)
    if (d.severity == Severity::error) diagnostics.push_back(std::move(d));
  s.scheme = loaded.scheme;
  if (!s.scheme) return s;
  std::string all;
  for (const Version& v : s.scheme->versions) {
    const std::string hash = v.source ? sha256_hex(v.source->text()) : sha256_hex("");
    s.content_hash.emplace(v.label, hash);
    all += fmt::format("{} {}\n", v.source ? std::filesystem::path(v.source->path()).filename().string() : v.label, hash);
  }
  s.files_hash = sha256_hex(all);
  s.loaded_at = utc_now();
  return s;
}

}  // namespace

std::shared_ptr<const Catalog> load_catalog(const std::vector<std::filesystem::path>& paths, const Catalog* previous,
                                            std::vector<Diagnostic>& diagnostics, std::string& error) {
  // A scheme is a folder holding rule files, or a rule file given alone.
  std::vector<std::filesystem::path> files = find_rule_files(paths, diagnostics);
  if (has_errors(diagnostics)) return nullptr;
  std::map<std::string, std::filesystem::path> by_name;
  for (const std::filesystem::path& file : files) {
    const bool alone = std::any_of(paths.begin(), paths.end(), [&](const auto& p) { return p == file; });
    const std::filesystem::path scheme = alone ? file : file.parent_path();
    const std::string name = alone ? file.stem().string() : scheme.filename().string();
    const auto [it, added] = by_name.emplace(name, scheme);
    if (!added && it->second != scheme) {
      error = fmt::format("two schemes are named `{}` (`{}` and `{}`); serve one of them, or rename a folder", name,
                          it->second.string(), scheme.string());
      return nullptr;
    }
  }
  if (by_name.empty()) {
    error = "no rule files (`*.remit`) below the paths given to `--scheme`";
    return nullptr;
  }
  auto catalog = std::make_shared<Catalog>();
  bool failed = false;
  for (const auto& entry : by_name) {
    std::vector<Diagnostic> found;
    ServedScheme s = load_one(entry.first, entry.second, found);
    if (!s.scheme) {
      const ServedScheme* old = previous ? previous->find(entry.first) : nullptr;
      if (!old) {
        failed = true;
        diagnostics.insert(diagnostics.end(), found.begin(), found.end());
        continue;
      }
      s = *old;
      s.rejected = found;
      diagnostics.insert(diagnostics.end(), found.begin(), found.end());
    }
    catalog->schemes.push_back(std::move(s));
  }
  if (failed) return nullptr;
  return catalog;
}

}  // namespace remit::serve
