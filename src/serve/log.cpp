// The decision log (docs/serve.md, "The decision log"): SQLite in WAL mode,
// each entry committed before its answer is sent, chained by SHA-256.
#include "log.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

#include "io/csv.hpp"
#include "model/json.hpp"
#include "remit/serve.hpp"

namespace remit::serve {

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string entry_hash(const LogEntry& e) {
  std::string data;
  auto field = [&data](std::string_view value) { data += fmt::format("{}:", value.size()), data += value; };
  field(std::to_string(e.n));
  for (const std::string* value : {&e.time, &e.route, &e.scheme, &e.version, &e.content_hash, &e.remit_version, &e.client,
                                   &e.user, &e.request, &e.response, &e.outcome, &e.prev})
    field(*value);
  return sha256_hex(data);
}

namespace {

constexpr const char* columns =
    "n, time, route, scheme, version, content_hash, remit_version, client, user, request, response, outcome, prev, hash";

constexpr const char* schema = R"(
CREATE TABLE IF NOT EXISTS entries (
  n INTEGER PRIMARY KEY, time TEXT NOT NULL, route TEXT NOT NULL, scheme TEXT NOT NULL, version TEXT NOT NULL,
  content_hash TEXT NOT NULL, remit_version TEXT NOT NULL, client TEXT NOT NULL, user TEXT NOT NULL,
  request TEXT NOT NULL, response TEXT NOT NULL, outcome TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL))";

std::string text_column(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

LogEntry read_entry(sqlite3_stmt* s) {
  LogEntry e;
  e.n = sqlite3_column_int64(s, 0);
  std::string* fields[] = {&e.time, &e.route, &e.scheme, &e.version, &e.content_hash, &e.remit_version, &e.client,
                           &e.user, &e.request, &e.response, &e.outcome, &e.prev, &e.hash};
  int i = 1;
  for (std::string* f : fields) *f = text_column(s, i++);
  return e;
}

// A log opened read-only (verify, export); closed when it goes.
struct ReadOnly {
  sqlite3* db = nullptr;
  sqlite3_stmt* select = nullptr;
  ~ReadOnly() {
    sqlite3_finalize(select);
    sqlite3_close(db);
  }
  std::optional<std::string> open(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return fmt::format("`{}` is not a decision log (no such file)", file.string());
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db, fmt::format("SELECT {} FROM entries ORDER BY n", columns).c_str(), -1, &select, nullptr) != SQLITE_OK)
      return fmt::format("`{}` is not a decision log: {}", file.string(), db ? sqlite3_errmsg(db) : "cannot open it");
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<DecisionLog> DecisionLog::open(const std::filesystem::path& file, std::string& error) {
  const LogCheck check = std::filesystem::exists(file) ? verify_log(file) : LogCheck{true, 0, 0, std::string(genesis_hash), 0, {}};
  if (!check.ok) {
    error = check.broken ? fmt::format("the decision log `{}` does not verify at entry {}: {}; keep it aside and start a new one",
                                       file.string(), check.broken, check.problem)
                         : check.problem;
    return nullptr;
  }
  std::unique_ptr<DecisionLog> log(new DecisionLog());
  log->last_ = log->committed_ = check.last;
  log->last_hash_ = check.entries ? check.last_hash : std::string(genesis_hash);
  sqlite3*& db = log->db_;
  auto failed = [&](std::string_view what) {
    error = fmt::format("cannot {} the decision log `{}`: {}", what, file.string(), db ? sqlite3_errmsg(db) : "out of memory");
    return nullptr;
  };
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    return failed("open");
  // WAL: a commit is one append to the -wal file; NORMAL syncs at checkpoints,
  // so a process killed (kill -9) loses nothing committed, and a power cut
  // may lose the last commits but never corrupts the file.
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK)
    return failed("set up");
  if (sqlite3_prepare_v2(db, fmt::format("INSERT INTO entries ({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", columns).c_str(), -1,
                         &log->insert_, nullptr) != SQLITE_OK)
    return failed("prepare");
  return log;
}

DecisionLog::~DecisionLog() {
  sqlite3_finalize(insert_);
  sqlite3_close(db_);
}

std::optional<std::int64_t> DecisionLog::append(LogEntry e, std::string& error) {
  std::unique_lock lock(mutex_);
  if (failed_) {
    error = failure_;
    return std::nullopt;
  }
  e.n = ++last_;
  e.prev = last_hash_;
  e.hash = entry_hash(e);
  last_hash_ = e.hash;
  const std::int64_t mine = e.n;
  pending_.push_back(std::move(e));
  while (committed_ < mine && !failed_) {
    if (writing_) {
      committed_cv_.wait(lock);
      continue;
    }
    writing_ = true;
    std::vector<LogEntry> batch = std::move(pending_);
    pending_.clear();
    lock.unlock();
    std::string problem;
    const bool written = write_batch(batch, problem);
    lock.lock();
    writing_ = false;
    if (written) {
      committed_ = batch.back().n;
    } else {
      failed_ = true;
      failure_ = std::move(problem);
    }
    committed_cv_.notify_all();
  }
  if (committed_ < mine) {
    error = failure_;
    return std::nullopt;
  }
  return mine;
}

bool DecisionLog::write_batch(const std::vector<LogEntry>& batch, std::string& error) {
  auto failed = [&] {
    error = fmt::format("cannot write to the decision log: {}", sqlite3_errmsg(db_));
    sqlite3_reset(insert_);
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  };
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return failed();
  for (const LogEntry& e : batch) {
    sqlite3_reset(insert_);
    sqlite3_bind_int64(insert_, 1, e.n);
    const std::string* fields[] = {&e.time, &e.route, &e.scheme, &e.version, &e.content_hash, &e.remit_version, &e.client,
                                   &e.user, &e.request, &e.response, &e.outcome, &e.prev, &e.hash};
    int i = 2;
    for (const std::string* f : fields) sqlite3_bind_text(insert_, i++, f->data(), static_cast<int>(f->size()), SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) return failed();
  }
  sqlite3_reset(insert_);
  sqlite3_clear_bindings(insert_);
  // The answers wait for this: COMMIT returns once the batch is in the WAL file.
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return failed();
  return true;
}

std::string DecisionLog::tail() const {
  const std::lock_guard lock(mutex_);
  return fmt::format("{} entries, last #{} sha256:{}", last_, last_, last_hash_);
}

LogCheck verify_log(const std::filesystem::path& file) {
  LogCheck check;
  ReadOnly log;
  if (auto problem = log.open(file)) {
    check.problem = *problem;
    return check;
  }
  std::string prev(genesis_hash);
  int step = 0;
  while ((step = sqlite3_step(log.select)) == SQLITE_ROW) {
    const LogEntry e = read_entry(log.select);
    const std::int64_t expected = check.last + 1;
    std::string problem;
    if (e.n != expected)
      problem = e.n > expected ? fmt::format("entries {} to {} are missing", expected, e.n - 1) : "an entry is numbered out of order";
    else if (e.prev != prev)
      problem = "its `prev` is not the hash of the entry before: an entry before it was changed or deleted";
    else if (entry_hash(e) != e.hash)
      problem = "its fields do not hash to its `hash`: the entry was changed";
    if (!problem.empty()) {
      check.broken = expected;
      check.problem = std::move(problem);
      return check;
    }
    ++check.entries;
    check.last = e.n;
    check.last_hash = e.hash;
    prev = e.hash;
  }
  if (step != SQLITE_DONE) {
    check.problem = fmt::format("cannot read `{}`: {}", file.string(), sqlite3_errmsg(log.db));
    return check;
  }
  check.ok = true;
  return check;
}

std::optional<std::string> export_log(const std::filesystem::path& file, LogFormat format,
                                      const std::function<bool(std::string_view)>& write) {
  ReadOnly log;
  if (auto problem = log.open(file)) return problem;
  static constexpr std::string_view names[] = {"n", "time", "route", "scheme", "version", "content_hash", "remit_version",
                                               "client", "user", "request", "response", "outcome", "prev", "hash"};
  if (format == LogFormat::csv) {
    std::string header;
    for (std::string_view name : names) {
      if (name != names[0]) header += ',';
      csv::append_field(header, name, csv::Cell::text);
    }
    if (!write(header + "\r\n")) return "cannot write the export";
  }
  int step = 0;
  while ((step = sqlite3_step(log.select)) == SQLITE_ROW) {
    const LogEntry e = read_entry(log.select);
    const std::string n = std::to_string(e.n);
    const std::string* fields[] = {&n, &e.time, &e.route, &e.scheme, &e.version, &e.content_hash, &e.remit_version,
                                   &e.client, &e.user, &e.request, &e.response, &e.outcome, &e.prev, &e.hash};
    std::string line;
    if (format == LogFormat::csv) {
      for (const std::string* f : fields) {
        if (f != fields[0]) line += ',';
        csv::append_field(line, *f, f == fields[0] ? csv::Cell::number : csv::Cell::text);
      }
      line += "\r\n";
    } else {
      json::Writer w(json::Layout::compact);
      w.begin_object();
      for (std::size_t i = 0; i < std::size(names); ++i) {
        w.key(names[i]);
        if (i == 0) w.value(e.n);
        else w.value(*fields[i]);
      }
      w.end_object();
      line = w.str() + "\n";
    }
    if (!write(line)) return "cannot write the export";
  }
  if (step != SQLITE_DONE) return fmt::format("cannot read `{}`: {}", file.string(), sqlite3_errmsg(log.db));
  return std::nullopt;
}

}  // namespace remit::serve
