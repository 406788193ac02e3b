// How remit's cost grows with the scheme: parse+check (`load_scheme` from
// texts in memory), building the compiled tables, the full evaluator
// (`evaluate`, a Verdict with strings and a trace) and the compiled evaluator
// (`CompiledScheme::decide`, a verdict with its deciding provisions) and
// `remit audit` of a CSV register held in memory (`audit`), on the
// MOPAC scheme and on generated schemes of 10, 100, 1,000, 2,000 (the most
// paragraphs a version may have) and 10,000 provisions (refused by that
// limit: its benchmarks are skipped, saying so) from
// tests/support/generated_scheme. Decisions are built once,
// outside the timed loops (tests/support/random_decision), and the loops walk
// through 4,096 of them so that no single decision is measured hot.
//
//   build-bench/bench/scheme_bench                      # everything
//   build-bench/bench/scheme_bench --benchmark_filter=decide
//
// `decide_latency` times each call on its own and reports the p50 and p99 of
// single calls (less the clock's cost) as counters; the others report the
// mean over many calls. See docs/performance.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "space/space.hpp"
#include "latency.hpp"
#include "model/names.hpp"
#include "remit/audit.hpp"
#include "remit/compiled.hpp"
#include "remit/remit.hpp"
#include "support/generated_scheme.hpp"
#include "support/random_decision.hpp"

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
  double largest_grid = 0;  // cells of the exact partition of the largest kind (saturates at 2^40)
  std::string error;        // why the scheme does not load
};

// A scheme that does not load (the 10,000-provision one is over the limit of
// paragraphs per version) is kept with its first error, and its benchmarks
// are skipped with that error.
Subject make_subject(std::string name, std::vector<SourcePtr> sources) {
  Subject s;
  s.name = std::move(name);
  s.sources = std::move(sources);
  LoadResult loaded = load_scheme(s.sources);
  if (!loaded.scheme) {
    s.error = "does not load: " + (loaded.diagnostics.empty() ? std::string("?") : loaded.diagnostics.front().message);
    return s;
  }
  s.scheme = loaded.scheme;
  s.compiled = std::make_unique<CompiledScheme>(s.scheme);
  for (const Version& v : s.scheme->versions) {
    s.provisions += v.provisions.size();
    for (std::size_t k = 0; k < v.kinds.size(); ++k)
      s.largest_grid = std::max(s.largest_grid, static_cast<double>(space::build_grid(v, static_cast<int>(k), std::size_t{1} << 40).cells));
  }
  // Random kinds, approvers and facts (every fact given; values mostly at
  // and either side of the constants the conditions compare with).
  const testing::DecisionSampler sampler(s.scheme->versions.back());
  std::mt19937_64 rng(20200401);
  for (int i = 0; i < 4096; ++i) s.decisions.push_back(sampler.sample(rng));
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

template <std::size_t provisions>
Subject& generated() {
  static Subject s = [] {
    const std::string text = testing::generated_scheme(provisions, provisions);
    return make_subject("generated " + std::to_string(provisions),
                        {std::make_shared<const SourceFile>("generated-" + std::to_string(provisions) + ".remit", text)});
  }();
  return s;
}

// False, with the benchmark skipped, when the scheme did not load.
bool usable(benchmark::State& state, const Subject& s) {
  if (s.scheme) return true;
  state.SkipWithError((s.name + " " + s.error).c_str());
  return false;
}

void label(benchmark::State& state, const Subject& s) {
  state.SetLabel(s.name);
  state.counters["provisions"] = static_cast<double>(s.provisions);
  state.counters["kinds_tabled"] = static_cast<double>(s.compiled->kinds_compiled());
  state.counters["kinds_direct"] = static_cast<double>(s.compiled->kinds_evaluated_directly());
  state.counters["largest_grid"] = s.largest_grid;
  state.counters["compiled_bytes"] = static_cast<double>(s.compiled->compiled_bytes());
}

void load(benchmark::State& state, Subject& s) {
  if (!usable(state, s)) return;
  for (auto _ : state) {
    LoadResult r = load_scheme(s.sources);
    benchmark::DoNotOptimize(r.scheme);
  }
  label(state, s);
}

void compile(benchmark::State& state, Subject& s) {
  if (!usable(state, s)) return;
  for (auto _ : state) {
    CompiledScheme c(s.scheme);
    benchmark::DoNotOptimize(&c);
  }
  label(state, s);
}

void evaluate_full(benchmark::State& state, Subject& s) {
  if (!usable(state, s)) return;
  std::size_t i = 0;
  for (auto _ : state) {
    Verdict v = evaluate(s.decisions[i++ % s.decisions.size()]);
    benchmark::DoNotOptimize(v.outcome);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void decide(benchmark::State& state, Subject& s) {
  if (!usable(state, s)) return;
  std::size_t i = 0;
  for (auto _ : state) {
    FastVerdict v = s.compiled->decide(s.decisions[i++ % s.decisions.size()]);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void decide_latency(benchmark::State& state, Subject& s) {
  if (!usable(state, s)) return;
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

// The first 1,024 of a subject's decisions that have an approver, as the CSV
// register `remit audit` reads (every field quoted), dated on the first day
// of the newest version.
std::string register_csv(const Subject& s, bool flags = true) {
  const Version& v = s.scheme->versions.back();
  std::string out = "id,date,kind,approver";
  for (const FactDef& f : v.facts)
    if (flags || f.type != FactType::flag) out += "," + f.name;
  out += ",evidence\n";
  auto field = [&](std::string_view x) {
    out += ',';
    out += '"';
    for (char c : x) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  };
  std::size_t rows = 0;
  for (const Decision& d : s.decisions) {
    if (d.approver.empty()) continue;
    if (++rows > 1024) break;
    out += "R" + std::to_string(rows);
    field(format_date(v.from));
    field(v.kinds[static_cast<std::size_t>(d.kind)]);
    std::string approver;
    for (const Signatory& sig : d.approver) approver += (approver.empty() ? "" : "+") + v.posts[static_cast<std::size_t>(sig.post)].id;
    field(approver);
    for (std::size_t f = 0; f < v.facts.size(); ++f) {
      if (!flags && v.facts[f].type == FactType::flag) continue;
      const std::optional<Value>& x = d.facts[f];
      field(!x ? std::string() : v.facts[f].type == FactType::text ? x->text : format_value(v.facts[f], *x));
    }
    field(join(d.evidence, "; "));
    out += '\n';
  }
  return out;
}

// `remit audit` without the files: the register read from memory, the rows
// thrown away. The Auditor decides rows on worker threads in blocks
// of 4 MiB; these 1,024 rows are one block, so one worker: rows a second per
// core. Timed by the clock, since the main thread only waits.
void audit(benchmark::State& state, Subject& s, bool flags) {
  if (!usable(state, s)) return;
  std::string csv = register_csv(s, flags);
  AuditSummary summary;
  for (auto _ : state) {
    std::FILE* in = fmemopen(csv.data(), csv.size(), "r");
    Auditor auditor(*s.compiled, AuditFormat::csv, [](std::string_view) { return true; });
    std::string error;
    const bool read = auditor.audit_csv(in, error);
    std::fclose(in);
    if (!read) {
      state.SkipWithError(("the register cannot be read: " + error).c_str());
      break;
    }
    summary = auditor.summary();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(summary.rows));
  state.counters["invalid_rows"] = static_cast<double>(summary.by_outcome[outcome_index(AuditOutcome::invalid)]);
  label(state, s);
}

void register_subject(const std::string& name, Subject& (*subject)()) {
  benchmark::RegisterBenchmark(("load/" + name).c_str(), [=](benchmark::State& st) { load(st, subject()); })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("compile/" + name).c_str(), [=](benchmark::State& st) { compile(st, subject()); })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("evaluate/" + name).c_str(), [=](benchmark::State& st) { evaluate_full(st, subject()); });
  benchmark::RegisterBenchmark(("decide/" + name).c_str(), [=](benchmark::State& st) { decide(st, subject()); });
  benchmark::RegisterBenchmark(("audit/" + name).c_str(), [=](benchmark::State& st) { audit(st, subject(), true); })
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  // The same register without its flag columns: every flag missing.
  benchmark::RegisterBenchmark(("audit_noflags/" + name).c_str(), [=](benchmark::State& st) { audit(st, subject(), false); })
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(("decide_latency/" + name).c_str(), [=](benchmark::State& st) { decide_latency(st, subject()); })
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace

// The heavy shape of issue 14 (bench/make-heavy.js), from the file
// $REMIT_HEAVY_DIR/heavy-N.remit that bench/run.sh writes.
template <std::size_t paragraphs>
Subject& heavy() {
  static Subject s = [] {
    const char* dir = std::getenv("REMIT_HEAVY_DIR");
    const std::string path = std::string(dir ? dir : "build-bench") + "/heavy-" + std::to_string(paragraphs) + ".remit";
    std::vector<Diagnostic> diagnostics;
    std::vector<SourcePtr> sources;
    if (auto src = read_source(path, diagnostics)) sources.push_back(*src);
    if (sources.empty()) {
      Subject missing;
      missing.name = "heavy " + std::to_string(paragraphs);
      missing.error = "has no file " + path + " (node bench/make-heavy.js " + std::to_string(paragraphs) + " > " + path + ")";
      return missing;
    }
    return make_subject("heavy " + std::to_string(paragraphs), std::move(sources));
  }();
  return s;
}

int main(int argc, char** argv) {
  register_subject("mopac", mopac);
  register_subject("generated/10", generated<10>);
  register_subject("generated/100", generated<100>);
  register_subject("generated/1000", generated<1000>);
  register_subject("generated/2000", generated<2000>);
  register_subject("generated/10000", generated<10000>);
  register_subject("heavy/200", heavy<200>);
  register_subject("heavy/2000", heavy<2000>);
  register_subject("heavy/10000", heavy<10000>);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
