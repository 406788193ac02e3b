// The evaluator against the reference evaluator (tests/reference), on random
// decisions over the MOPAC scheme (every version) and over generated schemes,
// and on every threshold ±1p: outcome, cited paragraphs, the posts that may
// approve, the lowest of them and the requirements' statuses must agree.
//
// Decisions in all: REMIT_DIFFERENTIAL_SCALE (default 1) times about
// 1,030,000. A mismatch prints the seed, the version and the decision.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "model/names.hpp"
#include "reference/reference.hpp"
#include "support.hpp"
#include "support/generated_scheme.hpp"
#include "support/random_decision.hpp"

using namespace remit;
using namespace remit::testing;

namespace {

double scale() {
  const char* s = std::getenv("REMIT_DIFFERENTIAL_SCALE");
  const double x = s ? std::atof(s) : 1.0;
  return x > 0 ? x : 1.0;
}

std::size_t scaled(std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * scale()); }

std::string show(const Version& v, const Decision& d) {
  std::ostringstream out;
  out << "version " << v.label << ", kind " << v.kinds[static_cast<std::size_t>(d.kind)] << ", approver "
      << (!d.approver.empty() ? v.posts[static_cast<std::size_t>(d.approver.front().post)].id : "(none)") << ", facts {";
  for (std::size_t f = 0; f < v.facts.size(); ++f) {
    out << v.facts[f].name << ": ";
    if (!d.facts[f]) out << "missing";
    else if (v.facts[f].type == FactType::text) out << '"' << d.facts[f]->text << '"';
    else out << d.facts[f]->number;
    out << (f + 1 < v.facts.size() ? ", " : "");
  }
  out << "}, evidence [";
  for (const auto& e : d.evidence) out << '"' << e << "\" ";
  out << "]";
  return out.str();
}

std::string sets(const std::vector<PostSet>& sets) {
  std::vector<std::string> out;
  for (const PostSet& set : sets) out.push_back(post_set_text(set, "+"));
  return out.empty() ? "-" : join(out, ",");
}

std::string describe(Outcome outcome, const std::vector<std::string>& cited, const std::vector<PostSet>& may,
                     const std::vector<PostSet>& may_if, const std::vector<PostSet>& lowest,
                     const std::vector<reference::Requirement>& requirements) {
  std::ostringstream out;
  out << outcome_name(outcome) << " | cited " << join(cited, ",") << " | may " << sets(may) << " | may if " << sets(may_if)
      << " | lowest " << sets(lowest) << " | requirements";
  for (const auto& r : requirements)
    out << " [" << r.item << ": " << requirement_state_name(r.status) << ", " << r.para << (r.is_duty ? ", duty" : "") << "]";
  return out.str();
}

// Runs both evaluators; false (and a printed report) if they disagree.
// Decisions the reference finds too many cases for are counted, not compared.
struct Differential {
  std::size_t compared = 0, skipped = 0, failures = 0;
  std::size_t outcomes[4] = {0, 0, 0, 0};

  void run(const Version& v, const Decision& d, const std::string& origin) {
    const reference::Verdict want = reference::evaluate(d);
    if (want.too_many_cases) {
      ++skipped;
      return;
    }
    const Verdict got = evaluate(d);
    std::vector<std::string> cited;
    for (const Citation& c : got.provisions) cited.push_back(c.para);
    std::vector<reference::Requirement> requirements;
    for (const RequirementStatus& r : got.requirements) requirements.push_back({r.item, r.status, r.para, r.is_duty});
    // The engine names only the missing facts that left a condition open; the
    // reference names every missing fact the kind's conditions use.
    bool facts_ok = true;
    for (const std::string& f : got.missing_facts)
      facts_ok = facts_ok && std::find(want.missing_facts.begin(), want.missing_facts.end(), f) != want.missing_facts.end();
    ++compared;
    ++outcomes[static_cast<int>(got.outcome)];
    if (got.outcome == want.outcome && cited == want.cited && got.may_approve == want.may_approve &&
        got.may_approve_if == want.may_approve_if && got.lowest == want.lowest && requirements == want.requirements && facts_ok)
      return;
    const std::string a = describe(got.outcome, cited, got.may_approve, got.may_approve_if, got.lowest, requirements);
    const std::string b = describe(want.outcome, want.cited, want.may_approve, want.may_approve_if, want.lowest, want.requirements);
    if (++failures <= 5)
      FAIL_CHECK(origin << "\n  decision:  " << show(v, d) << "\n  engine:    " << a << "\n  reference: " << b
                        << "\n  engine's missing facts: " << join(got.missing_facts, ", "));
  }

  void report(const std::string& what) const {
    WARN(what << ": " << compared << " decisions compared (" << outcomes[0] << " authorised, " << outcomes[1] << " not_authorised, "
              << outcomes[2] << " no_authority, " << outcomes[3] << " undetermined), " << skipped << " with too many cases");
    CHECK(failures == 0);
  }
};

const Scheme& mopac() {
  static const LoadResult loaded = load_scheme(std::string(REMIT_SOURCE_DIR) + "/rules/mopac");
  REQUIRE(loaded.scheme);
  return *loaded.scheme;
}

std::shared_ptr<const Scheme> generated(std::uint64_t seed, std::size_t provisions) {
  const std::string text = generated_scheme(seed, provisions);
  LoadResult loaded = load_text(text, "generated-" + std::to_string(seed) + ".remit");
  if (!loaded.scheme) {
    std::string all;
    for (const Diagnostic& d : loaded.diagnostics) all += render_text(d);
    FAIL("generated scheme " << seed << " does not check:\n" << all << "\n" << text);
  }
  return loaded.scheme;
}

}  // namespace

// The bulk is split into test cases of a few seconds each, so that ctest
// runs them side by side: 400,000 decisions over MOPAC and 600,000 over 200
// generated schemes.
void mopac_versions(std::size_t first, std::size_t last) {
  Differential diff;
  std::mt19937_64 rng(20200601 + first);
  for (std::size_t i = first; i <= last; ++i) {
    const Version& v = mopac().versions.at(i);
    const DecisionSampler sampler(v);
    for (std::size_t n = 0; n < scaled(100'000); ++n) diff.run(v, sampler.sample(rng), "MOPAC");
  }
  diff.report("MOPAC versions " + mopac().versions.at(first).label + " to " + mopac().versions.at(last).label + ", all facts given");
}

void generated_schemes(std::uint64_t first, std::uint64_t last) {
  Differential diff;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    const auto scheme = generated(seed, 4 + seed % 40);
    const Version& v = scheme->versions.front();
    const DecisionSampler sampler(v);
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < scaled(3'000); ++i) diff.run(v, sampler.sample(rng), "generated scheme, seed " + std::to_string(seed));
  }
  diff.report("generated schemes " + std::to_string(first) + " to " + std::to_string(last) + ", all facts given");
}

TEST_CASE("differential: MOPAC 2013 and 2015, random decisions with every fact given", "[differential]") { mopac_versions(0, 1); }
TEST_CASE("differential: MOPAC 2016 and 2020, random decisions with every fact given", "[differential]") { mopac_versions(2, 3); }
TEST_CASE("differential: generated schemes 1-66, random decisions with every fact given", "[differential]") { generated_schemes(1, 66); }
TEST_CASE("differential: generated schemes 67-133, random decisions with every fact given", "[differential]") { generated_schemes(67, 133); }
TEST_CASE("differential: generated schemes 134-200, random decisions with every fact given", "[differential]") { generated_schemes(134, 200); }

TEST_CASE("differential: every money threshold, a penny either side", "[differential]") {
  Differential diff;
  auto thresholds = [&](const Version& v, std::mt19937_64& rng, const std::string& origin) {
    const DecisionSampler sampler(v);
    for (int f = 0; f < static_cast<int>(v.facts.size()); ++f) {
      if (v.facts[static_cast<std::size_t>(f)].type != FactType::money) continue;
      for (const Value& c : sampler.constants(f))
        for (std::int64_t delta : {-1, 0, 1})
          for (int kind = 0; kind < static_cast<int>(v.kinds.size()); ++kind)
            for (int approver = -1; approver < static_cast<int>(v.posts.size()); ++approver) {
              if (scale() < 1 && std::uniform_real_distribution<double>(0, 1)(rng) > scale()) continue;  // a sample of them
              Decision d = sampler.sample(rng);
              d.kind = kind;
              d.approver = remit::testing::alone(approver);
              d.facts[static_cast<std::size_t>(f)] = Value{std::max<std::int64_t>(0, c.number + delta), {}};
              diff.run(v, d, origin);
            }
    }
  };
  std::mt19937_64 rng(500000);
  for (const Version& v : mopac().versions) thresholds(v, rng, "MOPAC thresholds");
  for (std::uint64_t seed = 1000; seed < 1020; ++seed) {
    const auto scheme = generated(seed, 30);
    thresholds(scheme->versions.front(), rng, "generated thresholds, seed " + std::to_string(seed));
  }
  diff.report("thresholds ±1p");
}

TEST_CASE("differential: decisions with missing facts", "[differential]") {
  Differential diff;
  std::mt19937_64 rng(785);
  for (const Version& v : mopac().versions) {
    const DecisionSampler sampler(v);
    for (std::size_t i = 0; i < scaled(5'000); ++i) diff.run(v, sampler.sample(rng, 0.3), "MOPAC, missing facts");
  }
  for (std::uint64_t seed = 2000; seed < 2100; ++seed) {
    const auto scheme = generated(seed, 4 + seed % 25);
    const DecisionSampler sampler(scheme->versions.front());
    for (std::size_t i = 0; i < scaled(300); ++i)
      diff.run(scheme->versions.front(), sampler.sample(rng, 0.25), "generated, missing facts, seed " + std::to_string(seed));
  }
  diff.report("missing facts");
}

TEST_CASE("differential: generated schemes with prohibitions, facts given and missing", "[differential]") {
  Differential diff;
  std::mt19937_64 rng(12);
  for (std::uint64_t seed = 3000; seed < 3060; ++seed) {
    GeneratedSchemeOptions options;
    options.prohibitions = true;
    auto loaded = load_text(generated_scheme(seed, 4 + seed % 20, options), "prohibited-" + std::to_string(seed) + ".remit");
    INFO(join(brief(loaded.diagnostics), "\n"));
    REQUIRE(loaded.scheme);
    const Version& v = loaded.scheme->versions.front();
    const DecisionSampler sampler(v);
    for (std::size_t i = 0; i < scaled(200); ++i)
      diff.run(v, sampler.sample(rng, i % 2 ? 0.25 : 0.0), "generated with prohibitions, seed " + std::to_string(seed));
  }
  diff.report("prohibitions");
  CHECK(diff.outcomes[static_cast<int>(Outcome::not_authorised)] > 0);
}

TEST_CASE("reference: the version in force on every day from 2012 to 2026", "[differential]") {
  const Scheme& scheme = mopac();
  for (std::int32_t day = date_from_civil(2012, 1, 1).days; day <= date_from_civil(2026, 12, 31).days; ++day)
    REQUIRE(scheme.in_force(Date{day}) == reference::version_in_force(scheme, Date{day}));
}
