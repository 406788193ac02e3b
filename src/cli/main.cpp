#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  // The library logs through the "remit" logger; only the CLI gives it a sink.
  auto logger = spdlog::stderr_color_st("remit");
  logger->set_level(spdlog::level::warn);
  logger->set_pattern("remit: %l: %v");
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return remit::cli::run(args);
  } catch (const std::exception& e) {
    // Anything unforeseen still fails closed: a message and a non-zero exit.
    std::fprintf(stderr, "remit: internal error: %s\n", e.what());
    return remit::cli::exit_usage;
  }
}
