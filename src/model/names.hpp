#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace remit {

// The candidate closest to `name` by edit distance (case-insensitive), when
// close enough to be a likely typo.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);
// "did you mean `X`?" or a list of what exists, for a help line.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates, std::string_view what);
bool equals_ignoring_case(std::string_view a, std::string_view b);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace remit
