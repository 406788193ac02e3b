#include "report/ci_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "model/json.hpp"
#include "model/utf8.hpp"
#include "remit/report.hpp"

namespace remit {
namespace {

using report::escape_xml;

std::string sarif_uri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (c == ' ' || c == '%' || c == '#' || c == '?' || c < 0x20) {
      out += fmt::format("%{:02X}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void sarif_location(json::Writer& w, const std::string& path, const Span& span) {
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object().key("uri").value(sarif_uri(path)).end_object();
  if (span.source) {
    const auto start = span.source->position(span.offset);
    const auto end = span.source->position(span.offset + span.length);
    w.key("region").begin_object();
    w.key("startLine").value(static_cast<std::int64_t>(start.line)).key("startColumn").value(static_cast<std::int64_t>(start.column));
    w.key("endLine").value(static_cast<std::int64_t>(end.line)).key("endColumn").value(static_cast<std::int64_t>(end.column));
    w.end_object();
  }
  w.end_object();
}

// Workflow commands end at a newline and split properties at `,` and `:`.
std::string github_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

// One workflow annotation, `::error file=…,line=…,col=…,title=…::message`.
// The end of the span is given for diagnostics, whose span is the whole of
// what they point at; `path` names the file when the span has no source.
std::string github_annotation(Severity severity, const Span& span, const std::string& path, bool with_end, const std::string& title,
                              const std::string& message) {
  std::string out =
      fmt::format("::{} file={}", severity_name(severity), github_escape(printable(span.source ? span.source->path() : path), true));
  if (span.source) {
    const auto start = span.source->position(span.offset);
    out += fmt::format(",line={},col={}", start.line, start.column);
    if (with_end) {
      const auto end = span.source->position(span.offset + span.length);
      out += fmt::format(",endLine={}", end.line);
      if (end.line == start.line) out += fmt::format(",endColumn={}", end.column);
    }
  }
  return out + fmt::format(",title={}::{}\n", github_escape(printable(title), true), github_escape(printable(message, true), false));
}

// `N passed, M failed[, K could not run]`: the line CI logs are read for.
std::string counts(const TestRun& run) {
  std::string out = std::to_string(run.passed()) + " passed, " + std::to_string(run.failed()) + " failed";
  if (run.not_run()) out += ", " + std::to_string(run.not_run()) + " could not run";
  return out;
}

std::string gap_text(const CoverageItem& gap) { return "para " + gap.para + " (version " + gap.version + "): " + gap.description; }

}  // namespace

std::string diagnostics_sarif(const std::vector<Diagnostic>& ds) {
  std::vector<Code> codes;  // those that occur, by name: one rule each
  for (const Diagnostic& d : ds)
    if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end(), [](Code a, Code b) { return code_name(a) < code_name(b); });
  json::Writer w;
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("remit").key("version").value(version_string()).key("semanticVersion").value(version_string());
  w.key("rules").begin_array();
  for (const Code code : codes) {
    w.begin_object().key("id").value(code_name(code)).key("name").value(code_name(code));
    w.key("shortDescription").begin_object().key("text").value(code_info(code).description).end_object();
    w.end_object();
  }
  w.end_array().end_object().end_object();
  w.key("columnKind").value("unicodeCodePoints");
  w.key("results").begin_array();
  for (const Diagnostic& d : ds) {
    w.begin_object();
    w.key("ruleId").value(code_name(d.code));
    w.key("ruleIndex").value(static_cast<std::int64_t>(std::find(codes.begin(), codes.end(), d.code) - codes.begin()));
    w.key("level").value(severity_name(d.severity));
    w.key("message").begin_object().key("text").value(d.help.empty() ? d.message : d.message + ". Help: " + d.help).end_object();
    w.key("locations").begin_array().begin_object();
    sarif_location(w, diagnostic_path(d), d.span);
    w.end_object().end_array();
    if (!d.notes.empty()) {
      w.key("relatedLocations").begin_array();
      std::int64_t id = 1;
      for (const Note& n : d.notes) {
        w.begin_object().key("id").value(id++);
        sarif_location(w, n.span.source ? n.span.source->path() : diagnostic_path(d), n.span);
        w.key("message").begin_object().key("text").value(n.message).end_object();
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array().end_object().end_array().end_object();
  return w.str() + "\n";
}

std::string diagnostics_github(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds)
    out += github_annotation(d.severity, d.span, d.path, true, "remit " + std::string(code_name(d.code)),
                             d.help.empty() ? d.message : d.message + "\nhelp: " + d.help);
  return out;
}

std::string test_text(const TestRun& run, bool coverage) {
  std::string out;
  for (const ExampleResult& e : run.examples) {
    if (!e.ran || e.mismatches.empty()) continue;
    out += location(e.expectation) + ": FAIL example \"" + e.name + "\" (version " + e.version + ")\n";
    std::size_t width = 0;
    for (const Mismatch& m : e.mismatches) width = std::max(width, m.aspect.size());
    for (const Mismatch& m : e.mismatches) {
      const std::string pad(width - m.aspect.size(), ' ');
      out += "    " + m.aspect + pad + "  expected: " + m.expected + "\n";
      out += "    " + std::string(width, ' ') + "  actual:   " + m.actual + "\n";
    }
    if (e.verdict && !e.verdict->reason.empty()) out += "    verdict: " + e.verdict->reason + "\n";
  }
  // An example that cannot be resolved is named; the examples of a scheme
  // with errors are counted once per file, so the errors stay in view.
  std::map<std::string, std::size_t> not_run_by_file;
  for (const ExampleResult& e : run.examples) {
    if (e.ran) continue;
    if (e.scheme_failed) ++not_run_by_file[e.span.source->path()];
    else out += location(e.span) + ": NOT RUN example \"" + e.name + "\": see the errors above\n";
  }
  for (const auto& [file, count] : not_run_by_file)
    out += file + ": NOT RUN " + std::to_string(count) + " example" + (count == 1 ? "" : "s") + ": the scheme has errors (see above)\n";
  const bool broken = std::any_of(run.examples.begin(), run.examples.end(), [](const ExampleResult& e) { return e.scheme_failed; });
  if (coverage && broken) {
    out += "coverage: not measured, because a scheme has errors\n";
  } else if (coverage) {
    const Coverage& c = run.coverage;
    out += fmt::format("coverage: {:.1f}% (provisions decisive: {} of {}; threshold bands reached: {} of {})\n", c.percent(),
                       c.provisions_decisive, c.provisions, c.bands_reached, c.bands);
    for (const CoverageItem& gap : c.gaps)
      out += "  " + location(gap.span) + ": " + gap_text(gap) + "\n";
  }
  out += counts(run);
  out += " (" + std::to_string(run.examples.size()) + " example" + (run.examples.size() == 1 ? "" : "s") + " in " +
         std::to_string(run.files) + " file" + (run.files == 1 ? "" : "s") + ")\n";
  return printable(out, true);
}

std::string test_github(const TestRun& run, bool coverage) {
  std::string out = diagnostics_github(run.diagnostics);
  for (const ExampleResult& e : run.examples) {
    if (!e.ran || e.mismatches.empty()) continue;
    std::string message = "example \"" + e.name + "\" (version " + e.version + ")";
    for (const Mismatch& m : e.mismatches) message += "\n" + m.aspect + ": expected " + m.expected + ", actual " + m.actual;
    if (e.verdict) message += "\nverdict: " + e.verdict->reason;
    out += github_annotation(Severity::error, e.expectation, {}, false, "remit test: example failed", message);
  }
  if (coverage)
    for (const CoverageItem& gap : run.coverage.gaps)
      out += github_annotation(Severity::warning, gap.span, {}, false, "remit test: not covered", gap_text(gap));
  return out + counts(run) + "\n";
}

std::string report::escape_xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no other control characters, even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += "?";
        else out.push_back(c);
    }
  }
  return out;
}

std::string report::escape_markdown(std::string_view s) {
  std::string one_line(s);
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  const std::string shown = printable(one_line);
  std::string out;
  out.reserve(shown.size());
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const char c = shown[i];
    const bool block_marker = i == 0 && std::string_view("#+->=").find(c) != std::string_view::npos;
    if (block_marker || std::string_view("\\`*_[]<>!|~&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string test_junit(const TestRun& run) {
  // One <testsuite> per file, in the order the examples were run.
  std::vector<std::string> files;
  std::map<std::string, std::vector<const ExampleResult*>> by_file;
  for (const ExampleResult& e : run.examples) {
    const std::string file = e.span.source ? e.span.source->path() : "";
    if (!by_file.count(file)) files.push_back(file);
    by_file[file].push_back(&e);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"remit test\" tests=\"" + std::to_string(run.examples.size()) + "\" failures=\"" +
         std::to_string(run.failed()) + "\" errors=\"" + std::to_string(run.not_run()) + "\">\n";
  for (const std::string& file : files) {
    const auto& examples = by_file[file];
    std::size_t failures = 0, errors = 0;
    for (const ExampleResult* e : examples) {
      if (!e->ran) ++errors;
      else if (!e->mismatches.empty()) ++failures;
    }
    std::string classname = file;
    if (classname.size() > 6 && classname.substr(classname.size() - 6) == ".remit") classname.resize(classname.size() - 6);
    std::replace(classname.begin(), classname.end(), '/', '.');
    classname.erase(0, classname.find_first_not_of('.'));
    out += "  <testsuite name=\"" + escape_xml(file) + "\" tests=\"" + std::to_string(examples.size()) + "\" failures=\"" +
           std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"0\">\n";
    for (const ExampleResult* e : examples) {
      const auto pos = e->span.source->position(e->span.offset);
      out += "    <testcase name=\"" + escape_xml(e->name) + "\" classname=\"" + escape_xml(classname) + "\" file=\"" + escape_xml(file) +
             "\" line=\"" + std::to_string(pos.line) + "\"";
      if (e->passed()) {
        out += "/>\n";
        continue;
      }
      out += ">\n";
      if (!e->ran) {
        out += "      <error message=\"the example could not be resolved against its scheme\" type=\"invalid-example\">" +
               escape_xml(location(e->span)) + ": run `remit check` on this file for the errors</error>\n";
      } else {
        std::string summary, details = location(e->span) + " (version " + e->version + ")\n";
        for (const Mismatch& m : e->mismatches) {
          summary += (summary.empty() ? "" : "; ") + m.aspect + ": expected " + m.expected + ", got " + m.actual;
          details += m.aspect + "\n  expected: " + m.expected + "\n  actual:   " + m.actual + "\n";
        }
        if (e->verdict) details += "verdict: " + e->verdict->reason + "\n";
        out += "      <failure message=\"" + escape_xml(summary) + "\" type=\"verdict-mismatch\">" + escape_xml(details) + "</failure>\n";
      }
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace remit
