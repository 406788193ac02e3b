#pragma once
// `remit analyse`, `remit matrix` and `remit diff`: the commands that read a
// scheme as a whole rather than one decision (docs/cli.md).
#include <string>
#include <vector>

namespace remit::cli {

int command_analyse(const std::vector<std::string>& args);
int command_matrix(const std::vector<std::string>& args);
int command_diff(const std::vector<std::string>& args);

}  // namespace remit::cli
