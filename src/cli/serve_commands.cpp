// `remit serve` and `remit log`: the server and its decision log
// (docs/serve.md).
#include <fmt/format.h>

#include <cstdlib>
#include <mutex>

#include "commands.hpp"
#include "remit/remit.hpp"
#include "remit/serve.hpp"

namespace remit::cli {

int command_serve(const Arguments& a) {
  serve::Options options;
  for (const std::string& path : a.values("--scheme")) options.schemes.emplace_back(path);
  options.listen = *a.value("--listen");
  if (const auto log = a.value("--log")) options.log = *log;
  if (const auto token_file = a.value("--token-file")) {
    std::vector<Diagnostic> diagnostics;
    const auto source = read_source(*token_file, diagnostics, SourceKind::decision);
    if (!source) return print_diagnostics(diagnostics), exit_usage;
    std::string token = (*source)->text();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    if (token.size() < 16 || token.find_first_of(" \t\r\n") != std::string::npos)
      return usage_error(fmt::format("the token in `{}` is too short or has blanks; write one line of at least 16 characters, "
                                     "e.g. from `openssl rand -hex 32`",
                                     *token_file));
    options.token = token;
  }
  const auto tls_cert = a.value("--tls-cert");
  const auto tls_key = a.value("--tls-key");
  if (tls_cert.has_value() != tls_key.has_value())
    return usage_error(tls_cert ? "`--tls-cert` needs `--tls-key FILE`, the certificate's private key"
                                : "`--tls-key` needs `--tls-cert FILE`, the certificate chain the key belongs to");
  if (tls_cert) options.tls_cert = *tls_cert, options.tls_key = *tls_key;
  if (const auto timeout = a.value("--timeout")) {
    char* end = nullptr;
    const unsigned long seconds = std::strtoul(timeout->c_str(), &end, 10);
    if (timeout->empty() || *end || seconds < 1 || seconds > 3600)
      return usage_error(fmt::format("`--timeout {}` is not a number of seconds from 1 to 3600", *timeout));
    options.limits.request_seconds = static_cast<unsigned>(seconds);
  }
  // Lines come from the server's threads and its signal handlers.
  std::mutex said;
  const int code = serve::run(options, [&said](std::string_view line) {
    const std::lock_guard lock(said);
    err(line);
  });
  return code;
}

int command_log(const Arguments& a) {
  const std::string& action = a.operands()[0];
  const std::string& file = a.operands()[1];
  if (action == "verify") {
    const serve::LogCheck check = serve::verify_log(file);
    if (check.broken)
      return err(fmt::format("{}: error: entry {} does not verify: {}\n", file, check.broken, check.problem)), exit_findings;
    if (!check.ok) return err(fmt::format("{}: error: {}\n", file, check.problem)), exit_usage;
    if (check.entries == 0) return out(fmt::format("{}: verified: no entries\n", file)), exit_ok;
    out(fmt::format("{}: verified {} entries; last #{} sha256:{}\n", file, check.entries, check.last, check.last_hash));
    return exit_ok;
  }
  if (action == "export") {
    const std::string format = *a.value("--format");
    const auto failure = serve::export_log(file, format == "jsonl" ? serve::LogFormat::jsonl : serve::LogFormat::csv,
                                           [](std::string_view block) { return out(block); });
    if (failure) return err(fmt::format("{}: error: {}\n", file, *failure)), exit_usage;
    return exit_ok;
  }
  return usage_error(fmt::format("unknown action `{}`: use `remit log verify FILE` or `remit log export FILE`", action),
                     a.command().help());
}

}  // namespace remit::cli
