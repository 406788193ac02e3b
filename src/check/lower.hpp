#pragma once
// Turns one rule file's parse tree into a checked Version, reporting every
// problem it finds. Scheme-wide checks (versions of one scheme) are in load.cpp.
#include <optional>
#include <vector>

#include "remit/scheme.hpp"

namespace remit::check {

std::optional<Version> lower_file(const SourcePtr& source, std::vector<Diagnostic>& diagnostics);

// A diagnostic at a byte range of a source.
Diagnostic make_diagnostic(Severity severity, const SourcePtr& source, std::size_t offset, std::size_t length,
                           std::string message, std::string code, std::string help = {});

}  // namespace remit::check
