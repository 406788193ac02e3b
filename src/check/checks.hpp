#pragma once
#include <vector>

#include "remit/scheme.hpp"

namespace remit::check {

// Checks across the provisions of one version: override cycles, reserved
// matters that are also delegated, provisions that disagree with no priority.
void check_structure(const Version& v, std::vector<Diagnostic>& out);

}  // namespace remit::check
