#pragma once
// Per-call latency: each call timed on its own, less the timer's own cost
// measured back to back. On x86-64 the timer is the time-stamp counter
// (rdtsc fenced by lfence, cheaper than clock_gettime's ~20 ns), converted to
// nanoseconds against steady_clock; elsewhere steady_clock itself. On the
// AMD EPYC machines here both move in steps of 10 ns, so single calls of a
// few tens of ns come out in 10 ns steps: the mean of an untimed pass
// (`best_of`) is the finer figure, these give the spread (p50, p99).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace remit::bench {

using Clock = std::chrono::steady_clock;

inline double nanoseconds(Clock::duration d) { return std::chrono::duration<double, std::nano>(d).count(); }

#if defined(__x86_64__)
inline std::uint64_t ticks() {
  _mm_lfence();
  const std::uint64_t t = __rdtsc();
  _mm_lfence();
  return t;
}
// Nanoseconds per tick, against steady_clock over 20 ms.
inline double ns_per_tick() {
  static const double ratio = [] {
    const auto c0 = Clock::now();
    const std::uint64_t t0 = ticks();
    while (Clock::now() - c0 < std::chrono::milliseconds(20)) {
    }
    return nanoseconds(Clock::now() - c0) / static_cast<double>(ticks() - t0);
  }();
  return ratio;
}
#else
inline std::uint64_t ticks() { return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()); }
inline double ns_per_tick() { return nanoseconds(Clock::duration(1)); }
#endif

// The value below which a fraction `p` of the samples fall (nearest rank).
inline double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  auto k = static_cast<std::size_t>(p * static_cast<double>(samples.size()));
  k = std::min(k, samples.size() - 1);
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k), samples.end());
  return samples[k];
}

// The median cost of reading the timer twice, in nanoseconds.
inline double timer_overhead_ns() {
  std::vector<double> samples(20001);
  for (double& s : samples) {
    const std::uint64_t t0 = ticks();
    const std::uint64_t t1 = ticks();
    s = static_cast<double>(t1 - t0) * ns_per_tick();
  }
  return percentile(std::move(samples), 0.5);
}

// Times `call(i)` for i in [0, n) one call at a time; nanoseconds per call,
// less the timer's overhead (never below zero).
template <class Call>
std::vector<double> time_each(std::size_t n, double overhead_ns, Call&& call) {
  std::vector<double> out(n);
  const double scale = ns_per_tick();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t t0 = ticks();
    call(i);
    const std::uint64_t t1 = ticks();
    out[i] = std::max(0.0, static_cast<double>(t1 - t0) * scale - overhead_ns);
  }
  return out;
}

// The shortest of `passes` untimed runs of `pass()`, in nanoseconds: on a
// shared machine the shortest is the one least disturbed.
template <class Pass>
double best_of(int passes, Pass&& pass) {
  double best = 0;
  for (int i = 0; i < passes; ++i) {
    const auto t0 = Clock::now();
    pass();
    const double t = nanoseconds(Clock::now() - t0);
    if (i == 0 || t < best) best = t;
  }
  return best;
}

}  // namespace remit::bench
