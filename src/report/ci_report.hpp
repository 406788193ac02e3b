#pragma once
// What the CI reports (remit/report.hpp, written in ci_report.cpp) share with
// the other writers of report/.
#include <string>
#include <string_view>

namespace remit::report {

// Text for XML and HTML (element text and quoted attributes).
std::string escape_xml(std::string_view s);

// Text for Markdown (CommonMark and GitHub's tables), taken from a rule file
// or a decision: shown as written, never read as markup. Hidden characters
// are escaped as in text output, line breaks become blanks (a cell is one
// line), and every character that can open markup is escaped with `\`:
// HTML (`<script>`, `<!--`), entities (`&`), links and images (`[`, `]`,
// `!`), emphasis, code, tables (`|`), and a block marker at the start.
std::string escape_markdown(std::string_view s);

}  // namespace remit::report
