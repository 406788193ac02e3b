// How remit's cost grows with the scheme: parse+check (`load_scheme` from
// texts in memory), building the compiled tables, the full evaluator
// (`evaluate`, a Verdict with strings and a trace) and the compiled evaluator
// (`CompiledScheme::decide`, a verdict with its deciding provisions), on the
// MOPAC scheme. Decisions are built once, outside the timed loops, and the
// loops walk through them so that no single decision is measured hot.
//
//   build-bench/bench/scheme_bench                      # everything
//   build-bench/bench/scheme_bench --benchmark_filter=decide
//
// `decide_latency` times each call on its own and reports the p50 and p99 of
// single calls (less the clock's cost) as counters; the others report the
// mean over many calls. See docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "eval/grid.hpp"
#include "latency.hpp"
#include "remit/compiled.hpp"
#include "remit/remit.hpp"

namespace {

using namespace remit;

// A scheme under test, loaded and compiled once, with decisions to run.
struct Subject {
  std::string name;
  std::vector<SourcePtr> sources;  // the version files
  std::shared_ptr<const Scheme> scheme;
  std::unique_ptr<CompiledScheme> compiled;
  std::vector<Decision> decisions;
  std::size_t provisions = 0;
};

// Decisions in `v` of random kinds and approvers with every fact given:
// amounts mostly at and either side of the thresholds of the kind's
// conditions, flags true one time in eight.
std::vector<Decision> sample_decisions(const Version& v, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<eval::Grid> grids;
  for (std::size_t k = 0; k < v.kinds.size(); ++k) grids.push_back(eval::build_grid(v, static_cast<int>(k), 1 << 20));
  std::vector<Decision> out;
  for (std::size_t i = 0; i < n; ++i) {
    Decision d;
    d.version = &v;
    d.kind = static_cast<int>(rng() % v.kinds.size());
    d.approver = static_cast<int>(rng() % v.posts.size());
    d.facts.assign(v.facts.size(), std::nullopt);
    for (std::size_t f = 0; f < v.facts.size(); ++f) d.facts[f] = Value{static_cast<std::int64_t>(rng() % 8 == 0), {}};
    for (const eval::Axis& axis : grids[static_cast<std::size_t>(d.kind)].axes)
      if (axis.type == FactType::money && !axis.constants.empty() && rng() % 4 != 0) {
        const std::int64_t c = axis.constants[rng() % axis.constants.size()].number;
        d.facts[static_cast<std::size_t>(axis.fact)] = Value{std::max<std::int64_t>(0, c + static_cast<std::int64_t>(rng() % 3) - 1), {}};
      } else if (axis.type == FactType::money) {
        d.facts[static_cast<std::size_t>(axis.fact)] = Value{static_cast<std::int64_t>(rng() % 2'000'000'000), {}};
      }
    d.evidence = {"Financial comments", "Legal comments"};
    out.push_back(std::move(d));
  }
  return out;
}

Subject make_subject(std::string name, std::vector<SourcePtr> sources) {
  Subject s;
  s.name = std::move(name);
  s.sources = std::move(sources);
  LoadResult loaded = load_scheme(s.sources);
  if (!loaded.scheme) {
    std::fprintf(stderr, "%s: the scheme does not load\n", s.name.c_str());
    std::exit(2);
  }
  s.scheme = loaded.scheme;
  s.compiled = std::make_unique<CompiledScheme>(s.scheme);
  for (const Version& v : s.scheme->versions) s.provisions += v.provisions.size();
  s.decisions = sample_decisions(s.scheme->versions.back(), 4096, 20200401);
  return s;
}

Subject& mopac() {
  static Subject s = [] {
    std::vector<Diagnostic> diagnostics;
    std::vector<SourcePtr> sources;
    for (const auto& f : find_rule_files({std::string(REMIT_SOURCE_DIR) + "/rules/mopac"}, diagnostics))
      if (f.stem().string().find("_test") == std::string::npos)
        if (auto src = read_source(f, diagnostics)) sources.push_back(*src);
    return make_subject("mopac", std::move(sources));
  }();
  return s;
}

void label(benchmark::State& state, const Subject& s) {
  state.SetLabel(s.name);
  state.counters["provisions"] = static_cast<double>(s.provisions);
}

void load(benchmark::State& state, Subject& s) {
  for (auto _ : state) {
    LoadResult r = load_scheme(s.sources);
    benchmark::DoNotOptimize(r.scheme);
  }
  label(state, s);
}

void compile(benchmark::State& state, Subject& s) {
  for (auto _ : state) {
    CompiledScheme c(s.scheme);
    benchmark::DoNotOptimize(&c);
  }
  label(state, s);
}

void evaluate_full(benchmark::State& state, Subject& s) {
  std::size_t i = 0;
  for (auto _ : state) {
    Verdict v = evaluate(s.decisions[i++ % s.decisions.size()]);
    benchmark::DoNotOptimize(v.outcome);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void decide(benchmark::State& state, Subject& s) {
  std::size_t i = 0;
  for (auto _ : state) {
    FastVerdict v = s.compiled->decide(s.decisions[i++ % s.decisions.size()]);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void decide_latency(benchmark::State& state, Subject& s) {
  const double overhead = bench::timer_overhead_ns();
  std::vector<double> samples;
  for (auto _ : state) {
    auto more = bench::time_each(s.decisions.size(), overhead, [&](std::size_t i) {
      FastVerdict v = s.compiled->decide(s.decisions[i]);
      benchmark::DoNotOptimize(v);
    });
    samples.insert(samples.end(), more.begin(), more.end());
  }
  state.counters["p50_ns"] = bench::percentile(samples, 0.50);
  state.counters["p99_ns"] = bench::percentile(samples, 0.99);
  state.counters["timer_ns"] = overhead;
  label(state, s);
}

void register_subject(const std::string& name, Subject& (*subject)()) {
  benchmark::RegisterBenchmark(("load/" + name).c_str(), [=](benchmark::State& st) { load(st, subject()); })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("compile/" + name).c_str(), [=](benchmark::State& st) { compile(st, subject()); })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("evaluate/" + name).c_str(), [=](benchmark::State& st) { evaluate_full(st, subject()); });
  benchmark::RegisterBenchmark(("decide/" + name).c_str(), [=](benchmark::State& st) { decide(st, subject()); });
  benchmark::RegisterBenchmark(("decide_latency/" + name).c_str(), [=](benchmark::State& st) { decide_latency(st, subject()); })
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace

int main(int argc, char** argv) {
  register_subject("mopac", mopac);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
