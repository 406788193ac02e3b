// `remit show SCHEME PARA`: one paragraph in every version of a scheme — its
// words, the provision as written in the rule file, what cites it (other
// paragraphs' `overrides`, `known` statements, the examples whose verdicts
// it decides) and how it changed from the version before.
#include <algorithm>

#include "analyse/diff.hpp"
#include "grammar/parse.hpp"
#include "model/json.hpp"
#include "model/names.hpp"
#include "model/utf8.hpp"
#include "remit/analysis.hpp"
#include "remit/remit.hpp"
#include "remit/testing.hpp"

namespace remit {
namespace {

// What one version says of the paragraph.
struct VersionEntry {
  const Version* version = nullptr;
  const Provision* provision = nullptr;  // null: not in this version
  std::string written;                   // the statement as written, lines kept
  std::vector<std::string> overrides, overridden_by;
  struct Known {
    std::string code, reason, location;
  };
  std::vector<Known> known;
  struct Example {
    std::string name, location;
  };
  std::vector<Example> examples;
  std::string change;          // added, unchanged, changed, removed, absent
  std::string before, after;   // for `changed`: the rule as it was and as it is
};

// The provision's statement in its file, from `para` to its last token.
std::string written_text(const Version& v, const Provision& p) {
  if (!v.source) return {};
  const std::string& text = v.source->text();
  const syntax::ParseResult parsed = syntax::parse(text);
  for (std::size_t i = 0; i < parsed.statements.size(); ++i) {
    const auto* s = std::get_if<syntax::Provision>(&parsed.statements[i]);
    if (s && s->para.offset == p.span.offset) return text.substr(parsed.extents[i].begin, parsed.extents[i].end - parsed.extents[i].begin);
  }
  return {};
}

std::string version_dates(const Version& v) {
  return "in force from " + format_date(v.from) + (v.last_day ? " to " + format_date(*v.last_day) : "");
}

std::vector<VersionEntry> entries(const Scheme& scheme, const std::string& para, const TestRun& tests) {
  std::vector<VersionEntry> out;
  const Provision* previous = nullptr;
  const Version* previous_version = nullptr;
  for (const Version& v : scheme.versions) {
    VersionEntry e;
    e.version = &v;
    // A paragraph by its reference, or by the number the scheme prints (`number "4.13"`).
    const int index = v.find_para(para) >= 0 ? v.find_para(para) : v.find_number(para);
    if (index >= 0) {
      const Provision& p = v.provisions[static_cast<std::size_t>(index)];
      e.provision = &p;
      e.written = written_text(v, p);
      for (int o : p.overrides) e.overrides.push_back(v.provisions[static_cast<std::size_t>(o)].para);
      for (const Provision& q : v.provisions)
        if (std::find(q.overrides.begin(), q.overrides.end(), index) != q.overrides.end()) e.overridden_by.push_back(q.para);
      for (const Acknowledgement& a : v.known)
        if (std::find(a.paras.begin(), a.paras.end(), index) != a.paras.end())
          e.known.push_back({a.name, a.reason, location(a.span)});
      for (const ExampleResult& r : tests.examples) {
        if (!r.verdict || r.version != v.label) continue;
        const auto& cited = r.verdict->provisions;
        if (std::any_of(cited.begin(), cited.end(), [&](const Citation& c) { return c.para == para; }))
          e.examples.push_back({r.name, location(r.span)});
      }
      const std::string now = analyse::rule_text(v, p);
      if (!previous_version) {
        e.change = "first";
      } else if (!previous) {
        e.change = "added";
      } else {
        const std::string then = analyse::rule_text(*previous_version, *previous);
        e.change = then == now && previous->words == p.words ? "unchanged" : "changed";
        if (e.change == "changed") {
          e.before = (previous->words.empty() ? "" : "\"" + previous->words + "\": ") + then;
          e.after = (p.words.empty() ? "" : "\"" + p.words + "\": ") + now;
        }
      }
    } else {
      e.change = previous ? "removed" : "absent";
    }
    previous = e.provision;
    previous_version = &v;
    out.push_back(std::move(e));
  }
  return out;
}

std::string change_text(const VersionEntry& e, const std::string& before_label) {
  if (e.change == "first") return "";
  if (e.change == "added") return "added (not in version " + before_label + ")";
  if (e.change == "unchanged") return "unchanged from version " + before_label;
  if (e.change == "removed") return "removed (it was in version " + before_label + ")";
  if (e.change == "absent") return "";
  return "changed from version " + before_label + ":\n      was: " + e.before + "\n      now: " + e.after;
}

std::string text_report(const Scheme& scheme, const std::string& para, const std::vector<VersionEntry>& es) {
  std::string out = "para " + para + " of " + scheme.title + "\n";
  for (std::size_t i = 0; i < es.size(); ++i) {
    const VersionEntry& e = es[i];
    const Version& v = *e.version;
    const std::string before = i ? es[i - 1].version->label : "";
    out += "\nversion " + v.label + " (" + version_dates(v) + ")";
    if (!e.provision) {
      out += ": not in this version" + (e.change == "removed" ? "; " + change_text(e, before) : std::string()) + "\n";
      continue;
    }
    out += ": " + location(e.provision->span) + "\n";
    if (!e.provision->number.empty()) out += "  number:     " + e.provision->number + " (para " + e.provision->para + ")\n";
    if (!e.provision->words.empty()) out += "  words:      \"" + e.provision->words + "\"\n";
    out += "  as written:\n";
    std::size_t start = 0;
    while (start <= e.written.size()) {
      const std::size_t end = e.written.find('\n', start);
      out += "    " + e.written.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (!e.overrides.empty()) out += "  overrides:  para " + join(e.overrides, ", ") + "\n";
    if (!e.overridden_by.empty()) out += "  overridden by: para " + join(e.overridden_by, ", ") + "\n";
    for (const auto& k : e.known) out += "  known:      " + k.code + ": \"" + k.reason + "\"  [" + k.location + "]\n";
    if (e.examples.empty()) out += "  examples:   none decided by it\n";
    for (std::size_t x = 0; x < e.examples.size(); ++x)
      out += std::string(x ? "              " : "  examples:   ") + "\"" + e.examples[x].name + "\"  [" + e.examples[x].location + "]\n";
    if (const std::string c = change_text(e, before); !c.empty()) out += "  change:     " + c + "\n";
  }
  return printable(out, true);
}

std::string json_report(const Scheme& scheme, const std::string& para, const std::vector<VersionEntry>& es) {
  json::Writer w;
  w.begin_object().key("scheme").value(scheme.title).key("para").value(para).key("versions").begin_array();
  for (const VersionEntry& e : es) {
    const Version& v = *e.version;
    w.begin_object().key("version").value(v.label).key("from").value(format_date(v.from));
    w.key("until");
    if (v.last_day) w.value(format_date(*v.last_day));
    else w.null();
    w.key("present").value(e.provision != nullptr);
    if (e.provision) {
      w.key("location").value(location(e.provision->span));
      w.key("number");
      if (e.provision->number.empty()) w.null();
      else w.value(e.provision->number);
      w.key("words");
      if (e.provision->words.empty()) w.null();
      else w.value(e.provision->words);
      w.key("written").value(e.written);
      w.key("kind").value(provision_kind_name(e.provision->kind));
      auto list = [&](const char* name, const std::vector<std::string>& xs) {
        w.key(name).begin_array();
        for (const std::string& x : xs) w.value(x);
        w.end_array();
      };
      list("overrides", e.overrides);
      list("overridden_by", e.overridden_by);
      w.key("known").begin_array();
      for (const auto& k : e.known) w.begin_object().key("code").value(k.code).key("reason").value(k.reason).key("location").value(k.location).end_object();
      w.end_array();
      w.key("examples").begin_array();
      for (const auto& x : e.examples) w.begin_object().key("name").value(x.name).key("location").value(x.location).end_object();
      w.end_array();
    }
    w.key("change").value(e.change);
    if (e.change == "changed") w.key("before").value(e.before).key("after").value(e.after);
    w.end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

}  // namespace

ParagraphReport show_paragraph(const std::filesystem::path& scheme_path, const std::string& para, ShowFormat format) {
  ParagraphReport result;
  LoadResult loaded = load_scheme(scheme_path);
  if (!loaded.scheme) {
    result.diagnostics = std::move(loaded.diagnostics);
    return result;
  }
  const Scheme& scheme = *loaded.scheme;
  std::vector<std::string> paras;
  for (const Version& v : scheme.versions)
    for (const Provision& p : v.provisions)
      if (std::find(paras.begin(), paras.end(), p.para) == paras.end()) paras.push_back(p.para);
  // A paragraph may be asked for by the number the scheme prints (`number "4.13"`).
  const bool numbered = std::any_of(scheme.versions.begin(), scheme.versions.end(), [&](const Version& v) { return v.find_number(para) >= 0; });
  if (!numbered && std::find(paras.begin(), paras.end(), para) == paras.end()) {
    const std::optional<std::string> near = closest_name(para, paras);
    result.error = "`" + printable(scheme_path.generic_string()) + "` has no paragraph " + printable(para) + " in any version";
    // The nearest by spelling, and those it is the start of or that start it ("G0" and "G0d").
    std::vector<std::string> similar;
    if (near) similar.push_back(*near);
    for (const std::string& p : paras)
      if (similar.size() < 5 && std::find(similar.begin(), similar.end(), p) == similar.end() &&
          (p.rfind(para, 0) == 0 || para.rfind(p, 0) == 0))
        similar.push_back(p);
    std::vector<std::string> quoted;
    for (const std::string& p : similar) quoted.push_back("`" + p + "`");
    if (similar.empty()) {
      const std::size_t shown = std::min<std::size_t>(paras.size(), 20);
      result.help = "its paragraphs are " + join(std::vector<std::string>(paras.begin(), paras.begin() + static_cast<std::ptrdiff_t>(shown)), ", ") +
                    (shown < paras.size() ? " and " + std::to_string(paras.size() - shown) + " more" : "");
    } else {
      result.help = "did you mean " + join(quoted, " or ") + "?";
    }
    return result;
  }
  const TestRun tests = run_tests({scheme_path});
  const std::vector<VersionEntry> es = entries(scheme, para, tests);
  result.found = true;
  result.report = format == ShowFormat::json ? json_report(scheme, para, es) : text_report(scheme, para, es);
  return result;
}

}  // namespace remit
