#pragma once
// Random decisions over one version of a scheme, for differential tests and
// benchmarks: values are drawn mostly at and either side of the constants the
// version's conditions compare with (every threshold ±1p), so that boundaries
// are hit often.
#include <cstdint>
#include <random>
#include <vector>

#include "remit/remit.hpp"

namespace remit::testing {

class DecisionSampler {
 public:
  explicit DecisionSampler(const Version& version);

  // A decision of a random kind with a random approver (none, as for `who`,
  // one time in ten). Each fact is left out with probability `missing`.
  Decision sample(std::mt19937_64& rng, double missing = 0.0) const;
  // A random value of fact `f`.
  Value value(std::mt19937_64& rng, int f) const;
  // The values each condition of the version compares fact `f` with.
  const std::vector<Value>& constants(int f) const { return constants_[static_cast<std::size_t>(f)]; }

 private:
  const Version& version_;
  std::vector<std::vector<Value>> constants_;   // by fact
  std::vector<std::string> evidence_;           // every requirement item and duty
};

}  // namespace remit::testing
