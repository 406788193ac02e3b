// Fuzz target: the decision JSON reader (`read_decision`) against the MOPAC
// scheme (rules/mopac, all four versions), then the verdict of every
// decision it accepts, in text and JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "remit/remit.hpp"
#include "remit/report.hpp"

namespace {

const remit::Scheme& mopac() {
  static const std::shared_ptr<const remit::Scheme> scheme = [] {
    remit::LoadResult r = remit::load_scheme(std::filesystem::path(REMIT_SOURCE_DIR) / "rules" / "mopac");
    if (!r.scheme) std::abort();  // the fuzz target is useless without it
    return r.scheme;
  }();
  return *scheme;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const remit::Scheme& scheme = mopac();
  auto src = std::make_shared<const remit::SourceFile>("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  const remit::DecisionReading reading = remit::read_decision(scheme, src);
  for (const remit::Diagnostic& d : reading.diagnostics) (void)remit::render_text(d);
  // Fail closed: a refused decision comes with an error, an accepted one without.
  if (reading.decision.has_value() == remit::has_errors(reading.diagnostics)) std::abort();
  if (!reading.decision) return 0;
  const remit::Verdict verdict = remit::evaluate(*reading.decision);
  (void)remit::verdict_text(verdict, true);
  (void)remit::verdict_json(verdict);
  return 0;
}
