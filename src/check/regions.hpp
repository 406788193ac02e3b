#pragma once
// Conditions as unions of boxes over the facts: each box bounds every fact
// by an interval (money, integers, dates) or a set of values (flags,
// enumerations). Exact for everything but text, which is left unbounded, so
// "may overlap" errs on the side of yes.
#include <optional>

#include "remit/scheme.hpp"

namespace remit::check {

bool conditions_may_overlap(const Version& v, const std::optional<Condition>& a, const std::optional<Condition>& b);
bool kinds_overlap(const Version& v, int provision_a, int provision_b);

}  // namespace remit::check
