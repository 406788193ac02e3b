// `remit test`: runs each example through the evaluator, compares the
// verdict with what the example expects, and measures what the examples
// leave uncovered.
#include <algorithm>
#include <map>
#include <set>

#include "check/examples.hpp"
#include "model/names.hpp"
#include "remit/testing.hpp"

namespace remit {
namespace {

std::string outcome_words(Outcome o) {
  std::string s(outcome_name(o));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string status_words(RequirementState s) {
  std::string words(requirement_state_name(s));
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string join_or_none(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::vector<Mismatch> compare(const check::Expected& expected, const Verdict& verdict) {
  std::vector<Mismatch> found;
  if (expected.outcome != verdict.outcome)
    found.push_back({"outcome", outcome_words(expected.outcome), outcome_words(verdict.outcome)});
  if (expected.paras) {
    std::vector<std::string> actual;
    for (const Citation& c : verdict.provisions)
      if (std::find(actual.begin(), actual.end(), c.para) == actual.end()) actual.push_back(c.para);
    std::vector<std::string> want = *expected.paras;
    std::vector<std::string> want_sorted = want, actual_sorted = actual;
    std::sort(want_sorted.begin(), want_sorted.end());
    std::sort(actual_sorted.begin(), actual_sorted.end());
    if (want_sorted != actual_sorted) found.push_back({"deciding", join_or_none(want), join_or_none(actual)});
  }
  if (expected.lowest && verdict.lowest != *expected.lowest) {
    auto text = [](const std::vector<PostSet>& sets) {
      std::vector<std::string> out;
      for (const PostSet& set : sets) out.push_back(post_set_text(set));
      return out.empty() ? std::string("none") : join(out, ", ");
    };
    found.push_back({"lowest", text(*expected.lowest), text(verdict.lowest)});
  }
  for (const RequirementStatus& r : expected.requirements) {
    auto it = std::find_if(verdict.requirements.begin(), verdict.requirements.end(),
                           [&](const RequirementStatus& s) { return s.item == r.item; });
    const std::string actual = it == verdict.requirements.end() ? "not required" : status_words(it->status);
    if (actual != status_words(r.status)) found.push_back({"\"" + r.item + "\"", status_words(r.status), actual});
  }
  return found;
}

bool ordered(FactType t) { return t == FactType::money || t == FactType::integer || t == FactType::date; }

// The amounts a condition compares an ordered fact with.
void thresholds(const Condition& c, const Version& v, std::vector<std::pair<int, std::int64_t>>& out) {
  for (const Condition& operand : c.operands) thresholds(operand, v, out);
  if (c.kind != Condition::Kind::test || c.fact < 0 || !ordered(v.facts[static_cast<std::size_t>(c.fact)].type)) return;
  if (c.op == CompareOp::in || c.op == CompareOp::not_in || c.op == CompareOp::is_true) return;
  for (const Value& value : c.values) out.emplace_back(c.fact, value.number);
}

struct Ran {
  const check::ResolvedExample* example;
  const Verdict* verdict;
};

void measure(const Scheme& scheme, const std::vector<Ran>& runs, Coverage& coverage) {
  for (const Version& v : scheme.versions) {
    std::vector<const Ran*> here;
    for (const Ran& r : runs)
      if (r.example->decision.version == &v) here.push_back(&r);
    for (std::size_t p = 0; p < v.provisions.size(); ++p) {
      const Provision& provision = v.provisions[p];
      auto matches_kind = [&](const Ran& r) {
        const auto& list = v.provisions_by_kind[static_cast<std::size_t>(r.example->decision.kind)];
        return std::find(list.begin(), list.end(), static_cast<int>(p)) != list.end();
      };
      bool tested = false, decisive = false;
      for (const Ran* r : here) {
        if (!matches_kind(*r)) continue;
        tested = true;
        if (provision.kind == ProvisionKind::requirement) {
          decisive |= std::any_of(r->verdict->requirements.begin(), r->verdict->requirements.end(),
                                  [&](const RequirementStatus& s) { return s.para == provision.para && !s.is_duty; });
        } else {
          decisive |= std::any_of(r->verdict->provisions.begin(), r->verdict->provisions.end(),
                                  [&](const Citation& c) { return c.para == provision.para; });
        }
      }
      ++coverage.provisions;
      if (decisive) {
        ++coverage.provisions_decisive;
      } else {
        CoverageItem gap;
        gap.kind = tested ? CoverageItem::Kind::never_decisive : CoverageItem::Kind::untested;
        gap.version = v.label;
        gap.para = provision.para;
        gap.span = provision.span;
        gap.description = tested ? (provision.kind == ProvisionKind::requirement ? "its requirements never apply in an example"
                                                                               : "it decides no example")
                                 : "no example tests it";
        coverage.gaps.push_back(std::move(gap));
      }
      if (!provision.when) continue;
      std::vector<std::pair<int, std::int64_t>> amounts;
      thresholds(*provision.when, v, amounts);
      std::sort(amounts.begin(), amounts.end());
      amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
      for (const auto& [fact, amount] : amounts) {
        static constexpr const char* band_names[] = {"below", "at", "above"};
        bool reached[3] = {false, false, false};
        for (const Ran* r : here) {
          const auto& value = r->example->decision.facts[static_cast<std::size_t>(fact)];
          if (!value || !matches_kind(*r)) continue;
          reached[value->number < amount ? 0 : value->number == amount ? 1 : 2] = true;
        }
        for (int band = 0; band < 3; ++band) {
          ++coverage.bands;
          if (reached[band]) {
            ++coverage.bands_reached;
            continue;
          }
          CoverageItem gap;
          gap.kind = CoverageItem::Kind::band;
          gap.version = v.label;
          gap.para = provision.para;
          gap.span = provision.when->span;
          gap.description = "no example has " + v.facts[static_cast<std::size_t>(fact)].name + " " + band_names[band] + " " +
                            format_value(v.facts[static_cast<std::size_t>(fact)], Value{amount, {}}) + " (`" + provision.when->text + "`)";
          coverage.gaps.push_back(std::move(gap));
        }
      }
    }
  }
}

}  // namespace

double Coverage::percent() const {
  const std::size_t total = provisions + bands;
  if (total == 0) return 100.0;
  return 100.0 * static_cast<double>(provisions_decisive + bands_reached) / static_cast<double>(total);
}

std::size_t TestRun::passed() const {
  return static_cast<std::size_t>(std::count_if(examples.begin(), examples.end(), [](const ExampleResult& e) { return e.passed(); }));
}
std::size_t TestRun::failed() const {
  return static_cast<std::size_t>(
      std::count_if(examples.begin(), examples.end(), [](const ExampleResult& e) { return e.ran && !e.mismatches.empty(); }));
}
std::size_t TestRun::not_run() const {
  return static_cast<std::size_t>(std::count_if(examples.begin(), examples.end(), [](const ExampleResult& e) { return !e.ran; }));
}

TestRun run_tests(const std::vector<std::filesystem::path>& paths) {
  check::Suites loaded = check::load_suites(paths);
  TestRun run;
  run.diagnostics = std::move(loaded.diagnostics);
  run.files = loaded.files;
  run.schemes = loaded.suites.size();
  for (const check::Suite& suite : loaded.suites) {
    std::vector<std::optional<check::ResolvedExample>> resolved;
    for (const check::ExampleSpec& spec : suite.examples) {
      ExampleResult result;
      result.name = spec.decl.name.text;
      result.span = Span{spec.source, spec.decl.keyword.offset, spec.decl.keyword.length};
      result.expectation = Span{spec.source, spec.decl.outcome.offset, spec.decl.outcome.length};
      result.scheme_failed = !suite.scheme;
      resolved.push_back(suite.scheme ? check::resolve_example(*suite.scheme, spec, run.diagnostics) : std::nullopt);
      if (resolved.back()) {
        result.ran = true;
        result.version = resolved.back()->decision.version->label;
        result.verdict = evaluate(resolved.back()->decision);
        result.mismatches = compare(resolved.back()->expected, *result.verdict);
      }
      run.examples.push_back(std::move(result));
    }
    if (!suite.scheme) continue;
    std::vector<Ran> runs;
    const std::size_t first = run.examples.size() - suite.examples.size();
    for (std::size_t i = 0; i < resolved.size(); ++i)
      if (resolved[i]) runs.push_back(Ran{&*resolved[i], &*run.examples[first + i].verdict});
    measure(*suite.scheme, runs, run.coverage);
  }
  sort_diagnostics(run.diagnostics);
  return run;
}

}  // namespace remit
