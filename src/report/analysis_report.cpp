#include "report/analysis_report.hpp"

#include <algorithm>
#include <map>

#include "names.hpp"
#include "report/json_writer.hpp"
#include "report/verdict_report.hpp"

namespace remit::report {
namespace {

std::string location(const Span& span) {
  if (!span.source) return {};
  const auto pos = span.source->position(span.offset);
  return span.source->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "2 findings (1 gap, 1 boundary)".
std::string counted(const std::vector<const analyse::Finding*>& findings, const std::string& one, const std::string& many) {
  std::string out = plural(findings.size(), one, many);
  std::vector<std::string> parts;
  for (const std::string& code : analyse::finding_codes()) {
    const auto n = static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [&](const analyse::Finding* f) { return f->code == code; }));
    if (n) parts.push_back(std::to_string(n) + " " + code);
  }
  return parts.empty() ? out : out + " (" + join(parts, ", ") + ")";
}

}  // namespace

std::string analysis_text(const std::vector<SchemeAnalysis>& schemes) {
  std::vector<const analyse::Finding*> open, kept;
  std::size_t versions = 0;
  std::vector<Diagnostic> diagnostics;
  for (const SchemeAnalysis& s : schemes) {
    versions += s.scheme->versions.size();
    for (const analyse::Finding& f : s.analysis.findings) {
      (f.known < 0 ? open : kept).push_back(&f);
      if (f.known < 0) diagnostics.push_back(f.diagnostic);
    }
  }
  sort_diagnostics(diagnostics);
  std::string out = diagnostics_text(diagnostics);
  if (!kept.empty()) {
    auto at = [](const analyse::Finding* f) {
      const Span& s = f->version->known[static_cast<std::size_t>(f->known)].span;
      return std::pair{s.source ? s.source->path() : "", s.offset};
    };
    std::stable_sort(kept.begin(), kept.end(), [&](auto* a, auto* b) { return at(a) < at(b); });
    out += "known findings, kept by the rule files:\n";
    for (const analyse::Finding* f : kept) {
      const Acknowledgement& a = f->version->known[static_cast<std::size_t>(f->known)];
      out += "  " + location(a.span) + ": known " + a.code + ": \"" + a.reason + "\"\n";
      out += "    " + f->diagnostic.message + "\n";
    }
  }
  out += "analysed " + plural(versions, "version", "versions") + " in " + plural(schemes.size(), "scheme", "schemes") + ": " +
         counted(open, "finding", "findings") + ", " + std::to_string(kept.size()) + " kept as known\n";
  return out;
}

std::string analysis_json(const std::vector<SchemeAnalysis>& schemes) {
  JsonWriter w;
  std::size_t open = 0, kept = 0;
  w.begin_object().key("schemes").begin_array();
  for (const SchemeAnalysis& s : schemes) {
    w.begin_object().key("title").value(s.scheme->title).key("versions").begin_array();
    for (const Version& v : s.scheme->versions) {
      w.begin_object().key("version").value(v.label).key("file").value(v.source ? v.source->path() : "");
      w.key("findings").begin_array();
      for (const analyse::Finding& f : s.analysis.findings) {
        if (f.version != &v) continue;
        (f.known < 0 ? open : kept)++;
        w.begin_object().key("code").value(f.code);
        if (f.kind >= 0) w.key("kind").value(v.kinds[static_cast<std::size_t>(f.kind)]);
        w.key("paragraphs").begin_array();
        for (int p : f.provisions) w.value(v.provisions[static_cast<std::size_t>(p)].para);
        w.end_array();
        if (f.code == "gap" || !f.box.empty()) w.key("region").value(f.region);
        if (f.kind >= 0 && !f.witness.empty()) w.key("witness").raw(analyse::witness_json(v, f.kind, f.witness));
        w.key("message").value(f.diagnostic.message).key("location").value(location(f.diagnostic.span));
        if (f.known >= 0) {
          const Acknowledgement& a = v.known[static_cast<std::size_t>(f.known)];
          w.key("known").begin_object().key("reason").value(a.reason).key("location").value(location(a.span)).end_object();
        }
        w.end_object();
      }
      w.end_array().end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
  w.key("findings").value(static_cast<std::int64_t>(open)).key("known").value(static_cast<std::int64_t>(kept)).end_object();
  return w.str() + "\n";
}

}  // namespace remit::report
