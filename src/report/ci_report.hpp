#pragma once
// What the CI reports (remit/report.hpp, written in ci_report.cpp) share with
// the other writers of report/.
#include <string>
#include <string_view>

namespace remit::report {

std::string escape_xml(std::string_view s);

}  // namespace remit::report
