// The cost of `remit analyse` on generated schemes of 100 to 10,000
// provisions (tests/support/generated_scheme.hpp). A version holds at most
// 2,000 provisions (check/limits.hpp), so a larger scheme is several
// versions of 2,000, as a real scheme reissued over the years would be.
// Google Benchmark fits the growth to O(N) in provisions and prints how well
// it fits (`cmake --preset bench && cmake --build build-bench --target
// analyse_bench && build-bench/bench/analyse_bench`).
#include <benchmark/benchmark.h>

#include <memory>
#include <stdexcept>

#include "analyse/analyse.hpp"
#include "check/limits.hpp"
#include "remit/remit.hpp"
#include "support/generated_scheme.hpp"

namespace {

// One scheme of `provisions` in versions of at most limits::max_provisions,
// a year apart; the same for a given size, run after run.
std::shared_ptr<const remit::Scheme> generated(std::size_t provisions) {
  std::vector<remit::SourcePtr> versions;
  for (std::size_t made = 0, year = 2000; made < provisions; ++year) {
    const std::size_t n = std::min(provisions - made, remit::limits::max_provisions);
    remit::testing::GeneratedSchemeOptions options;
    options.version = std::to_string(year);
    options.from = std::to_string(year) + "-04-01";
    versions.push_back(std::make_shared<const remit::SourceFile>(options.version + ".remit",
                                                                 remit::testing::generated_scheme(year, n, options)));
    made += n;
  }
  remit::LoadResult loaded = remit::load_scheme(versions);
  if (!loaded.scheme) throw std::runtime_error("a generated scheme did not load");
  return loaded.scheme;
}

void analyse(benchmark::State& state) {
  const auto provisions = static_cast<std::size_t>(state.range(0));
  const auto scheme = generated(provisions);
  std::size_t boxes = 0, findings = 0;
  for (auto _ : state) {
    const remit::analyse::Analysis a = remit::analyse::analyse_scheme(*scheme);
    boxes = a.boxes;
    findings = a.findings.size();
    benchmark::DoNotOptimize(a.findings.data());
  }
  state.SetComplexityN(static_cast<std::int64_t>(provisions));
  state.counters["versions"] = static_cast<double>(scheme->versions.size());
  state.counters["boxes"] = static_cast<double>(boxes);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["us_per_provision"] = benchmark::Counter(static_cast<double>(provisions),
                                                          benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(analyse)->Arg(100)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
