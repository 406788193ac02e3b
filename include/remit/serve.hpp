#pragma once
// `remit serve` and `remit log`: the schemes served over HTTP (an API under
// /v1 and a page at /), and the decision log, a chain of SQLite rows each
// holding the SHA-256 of the one before (docs/serve.md).
//
// The handler (`Service`) knows nothing of sockets: the HTTP server
// (src/serve/http.cpp, the one file that includes Boost.Beast and Asio)
// hands it a `Request` and sends back its `Response`, and the tests and the
// fuzz target call it directly.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "remit/diagnostic.hpp"

namespace remit::serve {

struct Limits {
  std::size_t body = 1 << 20;        // bytes of a request body (an audit register too)
  std::size_t header = 8 << 10;      // bytes of the request line and headers
  std::size_t target = 2 << 10;      // bytes of the request target (path and query)
  std::size_t connections = 256;     // open at once; more are closed on accept
  unsigned request_seconds = 10;     // to read one request, or to wait for the next on a kept-alive
                                     // connection: a slow or silent client is dropped
};

struct Options {
  std::vector<std::filesystem::path> schemes;  // rule files or folders; a scheme is named by its folder
  std::string listen = "127.0.0.1:8080";       // host:port; port 0 picks a free one
  std::optional<std::filesystem::path> log;    // the decision log (SQLite); none: answers are not logged
  std::optional<std::string> token;            // bearer token every request must carry (from --token-file)
  std::optional<std::filesystem::path> tls_cert;  // PEM certificate chain and private key: TLS only
  std::optional<std::filesystem::path> tls_key;   // (1.2 at least); both or neither
  Limits limits;
  unsigned threads = 2;
};

// A request as the handler sees it, whatever carried it.
struct Request {
  std::string method;
  std::string target;                                        // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string client;                                        // the peer's address
  std::string_view header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers every answer has
};

class Service {
 public:
  // Loads every scheme below `options.schemes` and opens the log. Null, with
  // the diagnostics or `error`, when a scheme has errors, two schemes share
  // a name, or the log cannot be opened or does not verify.
  static std::unique_ptr<Service> open(const Options& options, std::vector<Diagnostic>& diagnostics, std::string& error);
  ~Service();

  // The port actually bound (for the Host check), once the server knows it.
  void set_port(unsigned port);
  Response handle(const Request& request);

  // Loads every scheme again (SIGHUP): a scheme that now has errors keeps
  // the version it had; the diagnostics of each are returned.
  std::vector<Diagnostic> reload();
  // Reloads when a rule file below the paths was added, removed or changed
  // (by name, size and modification time) since the last load; nullopt when
  // none was. The server asks every two seconds.
  std::optional<std::vector<Diagnostic>> reload_if_changed();
  // Closes the log: "log: N entries, last <hash>" (or that there is no log).
  std::string close();

  struct State;

 private:
  explicit Service(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Runs the server until SIGTERM or SIGINT: in-flight requests are finished,
// then the log is closed. `say` gets the operator's lines (the address
// listened on, reloads, the log's last entry at shutdown). Returns 0, or 2
// when it cannot start (`say` has said why).
int run(const Options& options, const std::function<void(std::string_view)>& say);

// ---- the decision log -------------------------------------------------------

struct LogCheck {
  bool ok = false;
  std::int64_t entries = 0;
  std::int64_t last = 0;       // the last entry's number
  std::string last_hash;       // and its hash, to keep elsewhere
  std::int64_t broken = 0;     // the first entry that does not verify, or 0
  std::string problem;         // what is wrong with it, or why the file cannot be read
};

// Recomputes every entry's hash from its fields and the previous hash.
LogCheck verify_log(const std::filesystem::path& file);

enum class LogFormat { csv, jsonl };
// Every entry in order, to `write` (false: stop); nullopt when done, else why not.
std::optional<std::string> export_log(const std::filesystem::path& file, LogFormat format,
                                      const std::function<bool(std::string_view)>& write);

// SHA-256 of `data`, 64 lower-case hex digits (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view data);

}  // namespace remit::serve
