#pragma once
// The schemes a server serves, each named by its folder, with the SHA-256
// of each version's rule file (what the log records) and of all its files
// (what /v1/schemes shows, so that one can tell which files are served).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "remit/diagnostic.hpp"
#include "remit/scheme.hpp"

namespace remit::serve {

struct ServedScheme {
  std::string name;                 // the folder's name: `mopac`
  std::filesystem::path path;       // the folder, or the rule file given alone
  std::shared_ptr<const Scheme> scheme;
  std::map<std::string, std::string, std::less<>> content_hash;  // version label -> SHA-256 of its rule file
  std::string files_hash;           // SHA-256 over every file's name and hash, in order
  std::string loaded_at;            // UTC
  std::vector<Diagnostic> rejected; // the diagnostics of the last reload that failed (the old scheme kept)

  const std::string& hash_of(const Version& v) const;
};

struct Catalog {
  std::vector<ServedScheme> schemes;  // by name
  const ServedScheme* find(std::string_view name) const;
};

// Every scheme below `paths`, or the diagnostics (and `error` for two
// schemes of one name). With `previous`, a scheme with errors keeps its old
// load and records the diagnostics instead.
std::shared_ptr<const Catalog> load_catalog(const std::vector<std::filesystem::path>& paths, const Catalog* previous,
                                            std::vector<Diagnostic>& diagnostics, std::string& error);

std::string utc_now();  // 2026-01-31T12:00:00.123Z

}  // namespace remit::serve
