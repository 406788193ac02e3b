#pragma once
// Per-call latency: each call timed on its own with std::chrono::steady_clock
// (clock_gettime through the vDSO on these machines, ~20 ns), less the
// clock's own cost measured back to back. Throughput is better measured
// untimed; these give the spread (p50, p99) of single calls.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace remit::bench {

using Clock = std::chrono::steady_clock;

inline double nanoseconds(Clock::duration d) { return std::chrono::duration<double, std::nano>(d).count(); }

// The median cost of reading the clock twice, in nanoseconds.
inline double clock_overhead_ns() {
  std::vector<double> samples(20001);
  for (double& s : samples) {
    const auto t0 = Clock::now();
    const auto t1 = Clock::now();
    s = nanoseconds(t1 - t0);
  }
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
  return samples[samples.size() / 2];
}

// The value below which a fraction `p` of the samples fall (nearest rank).
inline double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  auto k = static_cast<std::size_t>(p * static_cast<double>(samples.size()));
  k = std::min(k, samples.size() - 1);
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k), samples.end());
  return samples[k];
}

// Times `call(i)` for i in [0, n) one call at a time; nanoseconds per call,
// less the clock's overhead (never below zero).
template <class Call>
std::vector<double> time_each(std::size_t n, double overhead_ns, Call&& call) {
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    call(i);
    const auto t1 = Clock::now();
    out[i] = std::max(0.0, nanoseconds(t1 - t0) - overhead_ns);
  }
  return out;
}

}  // namespace remit::bench
