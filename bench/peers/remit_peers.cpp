// remit and the hand-written floor, run as the Node peers are (see
// harness.js): the decisions of a JSONL file are read and resolved before any
// timing, then one untimed warm-up pass, one pass timing each call on its
// own (less the timer's cost), and untimed passes for throughput.
//
//   remit_peers remit|evaluate|ladder SCHEME DECISIONS.jsonl
//
// remit:    CompiledScheme::decide, the verdict with its deciding provisions
// evaluate: remit::evaluate, the full Verdict with strings and a trace
// ladder:   a hand-written if-ladder for the same subset of the MOPAC 2020
//           scheme as mopac.cedar and mopac.jdm.json (the floor)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "../latency.hpp"
#include "remit/compiled.hpp"
#include "remit/remit.hpp"

namespace {

using namespace remit;

// ---- the floor: rules/mopac/2020.remit, by hand --------------------------

enum class Kind { grant_bid, grant_acceptance, grant_award, contract_tender, contract_award, property_disposal, reserved, other };
enum class Post { Mayor, DMPC, Commissioner, MPSDirectorProperty, other };

struct Plain {
  Kind kind = Kind::other;
  Post approver = Post::other;
  std::int64_t amount = 0;  // pence
  bool novel = false, contentious = false, public_interest = false, unusual_features = false;
};

constexpr std::int64_t k50k = 5'000'000, k500k = 50'000'000, k1m = 100'000'000;

bool dmpc_or_above(Post p) { return p == Post::Mayor || p == Post::DMPC; }
bool commissioner_or_above(Post p) { return p == Post::Commissioner || dmpc_or_above(p); }
bool property_or_above(Post p) { return p == Post::MPSDirectorProperty || commissioner_or_above(p); }

bool ladder(const Plain& d) {
  if (d.kind == Kind::reserved) return d.approver == Post::Mayor;                                 // mayoral.matters
  if (d.novel || d.contentious || d.public_interest) return dmpc_or_above(d.approver);           // dmpc.novel
  switch (d.kind) {
    case Kind::grant_bid:
    case Kind::grant_acceptance: return dmpc_or_above(d.approver);                               // 4.8
    case Kind::grant_award:                                                                      // grants.outgoing, grants.mps.50k
      return dmpc_or_above(d.approver) || (d.amount < k50k && commissioner_or_above(d.approver));
    case Kind::contract_tender:
    case Kind::contract_award:                                                                   // procure.500k, mps.procure
      return d.amount > k500k ? dmpc_or_above(d.approver) : commissioner_or_above(d.approver);
    case Kind::property_disposal:                                                                // disposal.1m, .unusual, .below1m
      return d.amount >= k1m || d.unusual_features ? dmpc_or_above(d.approver) : property_or_above(d.approver);
    default: return false;
  }
}

Plain plain(const Decision& d) {
  const Version& v = *d.version;
  const std::string& kind = v.kinds[static_cast<std::size_t>(d.kind)];
  const std::string& post = v.posts[static_cast<std::size_t>(d.approver)].id;
  Plain p;
  p.kind = kind == "grant.bid"                                           ? Kind::grant_bid
           : kind == "grant.acceptance"                                  ? Kind::grant_acceptance
           : kind == "grant.award"                                       ? Kind::grant_award
           : kind == "contract.tender"                                   ? Kind::contract_tender
           : kind == "contract.award"                                    ? Kind::contract_award
           : kind == "property.disposal"                                 ? Kind::property_disposal
           : kind == "plan.police_and_crime" || kind == "appointment.senior" ? Kind::reserved
                                                                         : Kind::other;
  p.approver = post == "Mayor" ? Post::Mayor
               : post == "DMPC" ? Post::DMPC
               : post == "Commissioner" ? Post::Commissioner
               : post == "MPSDirectorProperty" ? Post::MPSDirectorProperty
                                               : Post::other;
  auto fact = [&](const char* name) { return d.facts[static_cast<std::size_t>(v.find_fact(name))].value().number; };
  p.amount = fact("amount");
  p.novel = fact("novel");
  p.contentious = fact("contentious");
  p.public_interest = fact("public_interest");
  p.unusual_features = fact("unusual_features");
  return p;
}

// ---- the passes ------------------------------------------------------------

// The throughput pass is the best of `passes` (for the fast engines a pass
// over 100,000 decisions takes milliseconds, so one pass is at the mercy of
// whatever else the machine runs).
template <class Input, class Decide>
void run(const std::string& engine, const std::vector<Input>& inputs, int passes, Decide&& decide) {
  for (const Input& in : inputs) benchmark::DoNotOptimize(decide(in));  // warm-up
  std::vector<char> verdicts(inputs.size());
  const std::vector<double> times = bench::time_each(inputs.size(), bench::timer_overhead_ns(), [&](std::size_t i) {
    verdicts[i] = decide(inputs[i]);
    benchmark::ClobberMemory();
  });
  const double total = bench::best_of(passes, [&] {
    for (const Input& in : inputs) benchmark::DoNotOptimize(decide(in));
  });
  std::string out = "engine " + engine + "\n";
  for (std::size_t i = 0; i < inputs.size(); ++i) out += std::to_string(int{verdicts[i]}) + " " + std::to_string(static_cast<long long>(times[i])) + "\n";
  out += "pass " + std::to_string(inputs.size()) + " " + std::to_string(static_cast<long long>(total)) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: remit_peers remit|evaluate|ladder SCHEME DECISIONS.jsonl\n");
    return 2;
  }
  const std::string engine = argv[1];
  LoadResult loaded = load_scheme(argv[2]);
  if (!loaded.scheme) {
    std::fprintf(stderr, "remit_peers: the scheme `%s` does not load\n", argv[2]);
    return 2;
  }
  std::vector<Decision> decisions;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    DecisionReading r = read_decision(*loaded.scheme, std::make_shared<const SourceFile>(argv[3], line));
    if (!r.decision) {
      for (const Diagnostic& d : r.diagnostics) std::fputs(render_text(d).c_str(), stderr);
      return 2;
    }
    decisions.push_back(std::move(*r.decision));
  }
  if (engine == "remit") {
    const CompiledScheme compiled(loaded.scheme);
    run("remit " + std::string(version_string()) + " (compiled)", decisions, 20,
        [&](const Decision& d) { return compiled.decide(d).outcome == Outcome::authorised; });
  } else if (engine == "evaluate") {
    run("remit " + std::string(version_string()) + " (evaluate)", decisions, 3,
        [](const Decision& d) { return evaluate(d).outcome == Outcome::authorised; });
  } else if (engine == "ladder") {
    std::vector<Plain> plains;
    for (const Decision& d : decisions) plains.push_back(plain(d));
    run("if-ladder (C++)", plains, 20, ladder);
  } else {
    std::fprintf(stderr, "remit_peers: unknown engine `%s`\n", engine.c_str());
    return 2;
  }
  return 0;
}
