#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "commands.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  remit::cli::prepare_output();
  // The library logs through the "remit" logger; only the CLI gives it a sink.
  auto logger = spdlog::stderr_color_st("remit");
  logger->set_level(spdlog::level::warn);
  logger->set_pattern("remit: %l: %v");
  std::vector<std::string> args(argv + 1, argv + argc);
  int code = remit::cli::exit_usage;
  try {
    code = remit::cli::run(args);
  } catch (const std::exception& e) {
    // Anything unforeseen still fails closed: a message and a non-zero exit.
    remit::cli::err(std::string("remit: internal error: ") + e.what() + "\n");
  }
  // A failed or short write anywhere is exit 2, whatever the command said.
  return remit::cli::finish(code);
}
