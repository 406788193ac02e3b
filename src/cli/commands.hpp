#pragma once
#include <string>
#include <vector>

namespace remit::cli {

// Exit codes, as documented in docs/cli.md.
constexpr int exit_ok = 0;        // ok / authorised
constexpr int exit_findings = 1;  // findings in rule files / any outcome but authorised
constexpr int exit_usage = 2;     // bad usage or bad input

int run(const std::vector<std::string>& args);

}  // namespace remit::cli
