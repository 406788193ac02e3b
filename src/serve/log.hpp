#pragma once
// The decision log: one SQLite table in WAL mode, each entry chained to the
// one before by the SHA-256 of its fields and the previous entry's hash.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace remit::serve {

struct LogEntry {
  std::int64_t n = 0;
  std::string time;           // UTC, 2026-01-31T12:00:00.123Z
  std::string route;          // eval, who, audit, page
  std::string scheme, version;
  std::string content_hash;   // SHA-256 of the version's rule file
  std::string remit_version;
  std::string client, user;   // the peer's address; the fronting proxy's user header, or ""
  std::string request, response;
  std::string outcome;        // the verdict's outcome, `error` for a refusal
  std::string prev, hash;
};

// The hash of an entry: SHA-256 over each field, length-prefixed, in order,
// ending with the previous entry's hash.
std::string entry_hash(const LogEntry& e);

class DecisionLog {
 public:
  // Opens or creates the log; nullopt with `error` when the file cannot be
  // used or its last entry does not verify against its own fields.
  static std::unique_ptr<DecisionLog> open(const std::filesystem::path& file, std::string& error);
  ~DecisionLog();

  // Numbers, chains and commits the entry; returns its number once the
  // commit that holds it has returned, or nullopt (with `error`) when it
  // could not be. Entries appended at once by several threads are committed
  // together (a group commit): one thread writes the batch waiting, the
  // others wait for it. After a failed commit the log takes no more entries
  // (the chain in memory has moved past what is on disk): restart.
  std::optional<std::int64_t> append(LogEntry entry, std::string& error);
  // "N entries, last #N sha256:H"
  std::string tail() const;

 private:
  DecisionLog() = default;
  bool write_batch(const std::vector<LogEntry>& batch, std::string& error);

  mutable std::mutex mutex_;
  std::condition_variable committed_cv_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::int64_t last_ = 0;       // the last entry numbered
  std::string last_hash_;
  std::int64_t committed_ = 0;  // the last entry committed
  std::vector<LogEntry> pending_;
  bool writing_ = false;
  bool failed_ = false;
  std::string failure_;
};

// The genesis value of `prev` for entry 1.
inline constexpr std::string_view genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace remit::serve
