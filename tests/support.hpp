#pragma once
// Helpers shared by the unit tests: schemes and decisions from strings.
#include <memory>
#include <string>
#include <vector>

#include "remit/remit.hpp"

namespace remit::testing {

// Sets of one post each, as a verdict lists them: {{"DMPC"}, {"Mayor"}}.
inline std::vector<PostSet> each(std::initializer_list<const char*> ids) {
  std::vector<PostSet> out;
  for (const char* id : ids) out.push_back(PostSet{id});
  return out;
}

// A decision's signatories: one post alone (-1: none, a `who` question).
inline std::vector<Signatory> alone(int post) {
  if (post < 0) return {};
  return {Signatory{post, -1}};
}

inline SourcePtr source(std::string path, std::string text) {
  return std::make_shared<const SourceFile>(std::move(path), std::move(text));
}

// Diagnostics rendered as `line:col: severity: message [code]`, one per line.
inline std::vector<std::string> brief(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) {
    std::string where;
    if (d.span.source) {
      auto pos = d.span.source->position(d.span.offset);
      where = std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
    }
    out.push_back(where + std::string(severity_name(d.severity)) + ": " + d.message + " [" + std::string(code_name(d.code)) + "]");
  }
  return out;
}

inline LoadResult load_text(const std::string& text, const std::string& path = "test.remit") {
  return load_scheme(std::vector<SourcePtr>{source(path, text)});
}

inline std::vector<std::string> check_text(const std::string& text) { return brief(load_text(text).diagnostics); }

// The header every test scheme starts with, then the body.
inline std::string scheme_text(const std::string& body, const std::string& version = "2020",
                               const std::string& from = "2020-04-01") {
  return "scheme \"Test scheme\"\nversion \"" + version + "\" in force from " + from + "\ncurrency GBP\n" + body;
}

inline Verdict eval_json(const Scheme& scheme, const std::string& json) {
  DecisionReading r = read_decision(scheme, source("decision.json", json));
  if (!r.decision) {
    std::string all;
    for (const auto& d : r.diagnostics) all += render_text(d);
    throw std::runtime_error("bad decision in test: " + all);
  }
  return evaluate(*r.decision);
}

inline std::vector<std::string> paras(const Verdict& v) {
  std::vector<std::string> out;
  for (const Citation& c : v.provisions) out.push_back(c.para);
  return out;
}

}  // namespace remit::testing
