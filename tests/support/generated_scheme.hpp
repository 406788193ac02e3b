#pragma once
// Random but valid schemes, for tests and benchmarks: a seed and a number of
// provisions give the remit source of one version that `remit check` accepts,
// with posts in chains (and a post acting with consent), decision kinds in
// families, money, integer, date, flag, enumeration and text facts, value
// thresholds, powers with duties, escalations, reserved matters, `overrides`
// and requirements. The same seed always gives the same text.
//
// Validity is by construction, not by retrying: reserved matters are made
// exclusive of every power, escalation and other reserved matter of another
// post whose kinds they share (by conjoining `not (…)`); escalations go only to
// posts of one chain, so that any two of them are one above the other;
// `overrides` point only at earlier powers and escalations.
#include <cstddef>
#include <cstdint>
#include <string>

namespace remit::testing {

struct GeneratedSchemeOptions {
  std::string title = "Generated scheme";
  std::string version = "1";
  std::string from = "2020-04-01";
  // Also up to two prohibitions (`no post may approve …`), each exclusive of
  // every reserved matter whose kinds it shares. Off by default, so that the
  // schemes of the other tests stay as they are.
  bool prohibitions = false;
};

std::string generated_scheme(std::uint64_t seed, std::size_t provisions, const GeneratedSchemeOptions& options = {});

}  // namespace remit::testing
