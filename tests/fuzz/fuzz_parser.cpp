// Fuzz target: the rule-file parser and checker (`load_scheme` from memory),
// then every diagnostic rendered and, when the scheme loads, a `who`
// question evaluated for each decision kind of each version.
//
// An input may hold several rule files (the versions of one scheme),
// separated by a line `%%`, so that the scheme-wide checks are reached too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "remit/remit.hpp"
#include "remit/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<remit::SourcePtr> sources;
  std::size_t from = 0;
  while (true) {
    const std::size_t cut = input.find("\n%%\n", from);
    const std::string_view part = input.substr(from, cut == std::string_view::npos ? std::string_view::npos : cut - from);
    sources.push_back(std::make_shared<const remit::SourceFile>("fuzz/" + std::to_string(sources.size()) + ".remit", std::string(part)));
    if (cut == std::string_view::npos || sources.size() == 8) break;
    from = cut + 4;
  }
  const remit::LoadResult loaded = remit::load_scheme(sources);
  for (const remit::Diagnostic& d : loaded.diagnostics) (void)remit::render_text(d);
  (void)remit::diagnostics_json(loaded.diagnostics, sources.size());
  if (!loaded.scheme) return 0;
  for (const remit::Version& v : loaded.scheme->versions) {
    for (std::size_t k = 0; k < v.kinds.size() && k < 8; ++k) {
      remit::Decision d;
      d.version = &v;
      d.kind = static_cast<int>(k);
      d.facts.assign(v.facts.size(), std::nullopt);
      const remit::Verdict verdict = remit::evaluate(d);
      (void)remit::who_text(verdict, true);
      if (!v.posts.empty()) {
        d.approver = {remit::Signatory{static_cast<int>(k % v.posts.size()), -1}};
        (void)remit::verdict_json(remit::evaluate(d));
      }
    }
  }
  return 0;
}
