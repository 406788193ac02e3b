#include "report/ci_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "remit/report.hpp"
#include "report/json_writer.hpp"

namespace remit {
namespace {

using report::JsonWriter;
using report::escape_xml;

// What each diagnostic code means, for the rules table of a SARIF log.
const std::map<std::string, std::string>& code_descriptions() {
  static const std::map<std::string, std::string> descriptions = {
      {"bad-value", "A value of the wrong type or form"},
      {"boundary", "A threshold no provision covers though both sides are, or that provisions of two posts both claim"},
      {"chain", "A power beyond the limit of a post above it, or a reserved matter of a post with posts above it"},
      {"dead", "A provision whose condition no decision meets"},
      {"gap", "Decisions that no post may approve"},
      {"known", "A malformed `known` statement"},
      {"known-unused", "A `known` statement that no finding of the analysis matches any more"},
      {"shadowed", "A provision set aside wherever it applies"},
      {"conflict", "Two provisions disagree with no priority between them (an error), or an escalation leaves the power of a post beside it in place (a warning)"},
      {"cycle", "A cycle in `under` or in `overrides`"},
      {"date", "A date that does not exist or is out of order"},
      {"duplicate-fact", "A fact given twice in an example"},
      {"duplicate-name", "A name declared twice"},
      {"duplicate-paragraph", "A paragraph reference used twice in one version"},
      {"duplicate-version", "A version label used twice in one scheme"},
      {"encoding", "A file that is not UTF-8 text"},
      {"example-date", "An example dated outside the version it is written in"},
      {"header", "A missing or misplaced scheme, version or currency line"},
      {"integer", "A whole number out of range"},
      {"io", "A path that cannot be read"},
      {"money", "A malformed money amount"},
      {"no-version", "No version of the scheme in force on a date"},
      {"parse", "A syntax error"},
      {"range", "An empty range"},
      {"reserved-delegated", "A reserved matter that is also delegated"},
      {"scheme-mismatch", "Files of one folder that are not versions of one scheme"},
      {"test-file", "A test file that holds more than examples, or has no scheme"},
      {"type", "A fact compared with a value of the wrong type"},
      {"undefined-name", "A name that is not declared"},
      {"undefined-paragraph", "`overrides` names a paragraph that does not exist"},
      {"unknown-fact", "A fact the version does not declare"},
      {"unknown-kind", "A decision kind the version does not declare"},
      {"unknown-post", "A post the version does not declare"},
      {"version-gap", "Days on which no version is in force"},
      {"version-overlap", "Versions in force on the same day"},
  };
  return descriptions;
}

std::string sarif_uri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (c == ' ' || c == '%' || c == '#' || c == '?' || c < 0x20) {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void sarif_location(JsonWriter& w, const std::string& path, const Span& span) {
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

std::string location_of(const Span& span) {
  if (!span.source) return {};
  const auto pos = span.source->position(span.offset);
  return span.source->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
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
  std::vector<std::string> codes;
  for (const Diagnostic& d : ds)
    if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  JsonWriter w;
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("remit").key("version").value(version_string()).key("semanticVersion").value(version_string());
  w.key("rules").begin_array();
  for (const std::string& code : codes) {
    auto it = code_descriptions().find(code);
    w.begin_object().key("id").value(code).key("name").value(code);
    w.key("shortDescription").begin_object().key("text").value(it != code_descriptions().end() ? it->second : code).end_object();
    w.end_object();
  }
  w.end_array().end_object().end_object();
  w.key("columnKind").value("unicodeCodePoints");
  w.key("results").begin_array();
  for (const Diagnostic& d : ds) {
    w.begin_object();
    w.key("ruleId").value(d.code);
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
  for (const Diagnostic& d : ds) {
    out += d.severity == Severity::error ? "::error " : "::warning ";
    out += "file=" + github_escape(diagnostic_path(d), true);
    if (d.span.source) {
      const auto start = d.span.source->position(d.span.offset);
      const auto end = d.span.source->position(d.span.offset + d.span.length);
      out += ",line=" + std::to_string(start.line) + ",col=" + std::to_string(start.column);
      out += ",endLine=" + std::to_string(end.line);
      if (end.line == start.line) out += ",endColumn=" + std::to_string(end.column);
    }
    out += ",title=" + github_escape("remit " + d.code, true);
    out += "::" + github_escape(d.help.empty() ? d.message : d.message + "\nhelp: " + d.help, false) + "\n";
  }
  return out;
}

std::string test_text(const TestRun& run, bool coverage) {
  std::string out;
  for (const ExampleResult& e : run.examples) {
    if (!e.ran || e.mismatches.empty()) continue;
    out += location_of(e.expectation) + ": FAIL example \"" + e.name + "\" (version " + e.version + ")\n";
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
    else out += location_of(e.span) + ": NOT RUN example \"" + e.name + "\": see the errors above\n";
  }
  for (const auto& [file, count] : not_run_by_file)
    out += file + ": NOT RUN " + std::to_string(count) + " example" + (count == 1 ? "" : "s") + ": the scheme has errors (see above)\n";
  const bool broken = std::any_of(run.examples.begin(), run.examples.end(), [](const ExampleResult& e) { return e.scheme_failed; });
  if (coverage && broken) {
    out += "coverage: not measured, because a scheme has errors\n";
  } else if (coverage) {
    const Coverage& c = run.coverage;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.1f%%", c.percent());
    out += std::string("coverage: ") + percent + " (provisions decisive: " + std::to_string(c.provisions_decisive) + " of " +
           std::to_string(c.provisions) + "; threshold bands reached: " + std::to_string(c.bands_reached) + " of " +
           std::to_string(c.bands) + ")\n";
    for (const CoverageItem& gap : c.gaps)
      out += "  " + location_of(gap.span) + ": " + gap_text(gap) + "\n";
  }
  out += counts(run);
  out += " (" + std::to_string(run.examples.size()) + " example" + (run.examples.size() == 1 ? "" : "s") + " in " +
         std::to_string(run.files) + " file" + (run.files == 1 ? "" : "s") + ")\n";
  return out;
}

namespace {

std::string annotation(const char* level, const Span& span, const std::string& title, const std::string& message) {
  std::string out = std::string("::") + level + " file=" + github_escape(span.source ? span.source->path() : "", true);
  if (span.source) {
    const auto pos = span.source->position(span.offset);
    out += ",line=" + std::to_string(pos.line) + ",col=" + std::to_string(pos.column);
  }
  return out + ",title=" + github_escape(title, true) + "::" + github_escape(message, false) + "\n";
}

}  // namespace

std::string test_github(const TestRun& run, bool coverage) {
  std::string out = diagnostics_github(run.diagnostics);
  for (const ExampleResult& e : run.examples) {
    if (!e.ran || e.mismatches.empty()) continue;
    std::string message = "example \"" + e.name + "\" (version " + e.version + ")";
    for (const Mismatch& m : e.mismatches) message += "\n" + m.aspect + ": expected " + m.expected + ", actual " + m.actual;
    if (e.verdict) message += "\nverdict: " + e.verdict->reason;
    out += annotation("error", e.expectation, "remit test: example failed", message);
  }
  if (coverage)
    for (const CoverageItem& gap : run.coverage.gaps)
      out += annotation("warning", gap.span, "remit test: not covered", gap_text(gap));
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
               escape_xml(location_of(e->span)) + ": run `remit check` on this file for the errors</error>\n";
      } else {
        std::string summary, details = location_of(e->span) + " (version " + e->version + ")\n";
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
