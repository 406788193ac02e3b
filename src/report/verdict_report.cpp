// Verdicts and diagnostics as text for people and JSON for programs: the
// writers of remit/report.hpp.
#include "model/json.hpp"
#include "model/names.hpp"
#include "model/utf8.hpp"
#include "remit/report.hpp"

namespace remit {
namespace {

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// Sets of posts as JSON: `[["FD","NED"],["CE","NED"]]`.
void sets_json(json::Writer& w, const char* key, const std::vector<PostSet>& sets) {
  w.key(key).begin_array();
  for (const PostSet& set : sets) {
    w.begin_array();
    for (const std::string& p : set) w.value(p);
    w.end_array();
  }
  w.end_array();
}

std::string citation_line(const Citation& c) {
  std::string line = "para " + c.para + " (" + c.version + ")";
  if (c.kind == ProvisionKind::power) line += ", power of " + c.post;
  else if (c.kind == ProvisionKind::escalation) line += ", escalation to " + c.post;
  else if (c.kind == ProvisionKind::reserved) line += ", reserved to " + c.post;
  else if (c.kind == ProvisionKind::prohibition) line += ", prohibition";
  else if (c.kind == ProvisionKind::stand_in) line += ", stand-in " + c.post;
  if (!c.text.empty()) line += ": \"" + c.text + "\"";
  if (!c.location.empty()) line += "  [" + c.location + "]";
  return line;
}

// `who` has no decision papers to look at: its requirements are only "required".
void body_text(const Verdict& v, bool explain, bool is_question, std::string& out) {
  out += "  " + v.reason + "\n";
  out += "  scheme:      " + v.scheme + ", version " + v.version + (!v.date           ? " (newest; no date given)"
                       : v.date_is_today ? " (in force today, " + *v.date + "; the decision has no date)"
                                         : " (in force on " + *v.date + ")") + "\n";
  for (std::size_t i = 0; i < v.provisions.size(); ++i)
    out += std::string(i == 0 ? "  decided by:  " : "               ") + citation_line(v.provisions[i]) + "\n";
  if (!v.may_approve.empty())
    out += "  may approve: " + post_sets_text(v.may_approve) + (v.lowest.empty() ? "" : " (lowest: " + post_sets_text(v.lowest) + ")") + "\n";
  // The missing facts are named once: with the posts that depend on them, or on a line of their own.
  if (!v.may_approve_if.empty())
    out += "  depending on the missing facts" + (v.missing_facts.empty() ? std::string() : " (" + join(v.missing_facts, ", ") + ")") +
           ", also: " + post_sets_text(v.may_approve_if) + "\n";
  else if (!v.missing_facts.empty())
    out += "  missing facts: " + join(v.missing_facts, ", ") + "\n";
  for (const std::string& c : v.conflicts) out += "  conflict:    " + c + "\n";
  if (!v.requirements.empty()) {
    out += "  requirements:\n";
    for (const RequirementStatus& r : v.requirements)
      out += "    " + pad(is_question ? "required" : std::string(requirement_state_name(r.status)), 14) + r.item + " (para " + r.para + ")\n";
  }
  if (explain) {
    out += "  trace:\n";
    if (v.trace.empty()) out += "    no provision of this version names `" + v.kind + "`\n";
    for (const TraceEntry& t : v.trace) out += "    " + pad(std::string(trace_status_name(t.status)), 15) + pad(t.para, 6) + " " + t.reason + "\n";
  }
}

void common_json(json::Writer& w, const Verdict& v) {
  w.key("provisions").begin_array();
  for (const Citation& c : v.provisions) {
    w.begin_object().key("para").value(c.para).key("version").value(c.version).key("kind").value(provision_kind_name(c.kind));
    if (!c.post.empty()) w.key("post").value(c.post);
    if (!c.text.empty()) w.key("text").value(c.text);
    if (!c.location.empty()) w.key("location").value(c.location);
    w.end_object();
  }
  w.end_array();
  sets_json(w, "may_approve", v.may_approve);
  sets_json(w, "may_approve_if", v.may_approve_if);
  sets_json(w, "lowest", v.lowest);
  w.key("requirements").begin_array();
  for (const RequirementStatus& r : v.requirements)
    w.begin_object()
        .key("item").value(r.item)
        .key("status").value(requirement_state_name(r.status))
        .key("para").value(r.para)
        .key("duty").value(r.is_duty)
        .end_object();
  w.end_array();
  w.key("missing_facts").begin_array();
  for (const auto& f : v.missing_facts) w.value(f);
  w.end_array();
  w.key("conflicts").begin_array();
  for (const auto& c : v.conflicts) w.value(c);
  w.end_array();
  w.key("reason").value(v.reason);
  w.key("trace").begin_array();
  for (const TraceEntry& t : v.trace) {
    w.begin_object().key("para").value(t.para).key("kind").value(provision_kind_name(t.kind));
    if (!t.post.empty()) w.key("post").value(t.post);
    w.key("status").value(trace_status_name(t.status)).key("reason").value(t.reason).end_object();
  }
  w.end_array();
}

void header_json(json::Writer& w, const Verdict& v) {
  w.key("scheme").value(v.scheme).key("version").value(v.version).key("kind").value(v.kind);
  w.key("date");
  if (v.date) w.value(*v.date);
  else w.null();
  w.key("date_is_today").value(v.date_is_today);
}

}  // namespace

std::string verdict_text(const Verdict& v, bool explain) {
  std::string out = (v.id ? printable(*v.id) + ": " : std::string()) + std::string(outcome_name(v.outcome));
  if (v.outcome == Outcome::authorised) {
    std::vector<std::string> open;
    for (const RequirementStatus& r : v.requirements)
      if (r.status != RequirementState::met) open.push_back(r.item + (r.status == RequirementState::missing ? " (missing)" : " (to do)"));
    if (!open.empty()) out += ", subject to: " + join(open, "; ");
  }
  out += "\n";
  body_text(v, explain, false, out);
  return printable(out, true);
}

std::string verdict_json(const Verdict& v) {
  json::Writer w;
  w.begin_object();
  w.key("id");
  if (v.id) w.value(*v.id);
  else w.null();
  w.key("outcome").value(outcome_name(v.outcome));
  header_json(w, v);
  // Always a list (issue 12); who stands in for whom, by signatory.
  w.key("approver").begin_array();
  for (const SignatoryName& s : v.approver) w.value(s.post);
  w.end_array();
  w.key("acting_for").begin_object();
  for (const SignatoryName& s : v.approver)
    if (!s.acting_for.empty()) w.key(s.post).value(s.acting_for);
  w.end_object();
  common_json(w, v);
  w.end_object();
  return w.str() + "\n";
}

std::string who_text(const Verdict& v, bool explain) {
  std::string out = "who may approve `" + v.kind + "`: ";
  if (v.outcome == Outcome::no_authority) out += "no post (a gap in the scheme)\n";
  else if (v.outcome == Outcome::not_authorised) out += "no post: the decision is prohibited\n";
  else if (v.outcome == Outcome::undetermined && v.may_approve.empty())
    out += "it depends on " + (v.missing_facts.empty() ? std::string("the missing facts") : join(v.missing_facts, ", ")) + "\n";
  else out += post_sets_text(v.may_approve) + (v.lowest.empty() ? "" : "; lowest: " + post_sets_text(v.lowest)) + "\n";
  body_text(v, explain, true, out);
  return printable(out, true);
}

std::string who_json(const Verdict& v) {
  json::Writer w;
  w.begin_object();
  const char* answer = v.outcome == Outcome::authorised       ? "determined"
                       : v.outcome == Outcome::no_authority   ? "no_authority"
                       : v.outcome == Outcome::not_authorised ? "prohibited"
                                                              : "undetermined";
  w.key("answer").value(answer);
  header_json(w, v);
  common_json(w, v);
  w.end_object();
  return w.str() + "\n";
}

std::string diagnostics_text(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += render_text(d);
  return out;
}

std::string diagnostics_json(const std::vector<Diagnostic>& ds, std::size_t files) {
  json::Writer w;
  std::size_t errors = 0, warnings = 0;
  w.begin_object().key("diagnostics").begin_array();
  for (const Diagnostic& d : ds) {
    (d.severity == Severity::error ? errors : warnings)++;
    w.begin_object().key("severity").value(severity_name(d.severity)).key("code").value(code_name(d.code)).key("message").value(d.message);
    w.key("file").value(diagnostic_path(d));
    if (d.span.source) {
      const auto pos = d.span.source->position(d.span.offset);
      const auto end = d.span.source->position(d.span.offset + d.span.length);
      w.key("line").value(static_cast<std::int64_t>(pos.line)).key("column").value(static_cast<std::int64_t>(pos.column));
      w.key("end_line").value(static_cast<std::int64_t>(end.line)).key("end_column").value(static_cast<std::int64_t>(end.column));
    }
    if (!d.help.empty()) w.key("help").value(d.help);
    if (!d.notes.empty()) {
      w.key("notes").begin_array();
      for (const Note& n : d.notes) {
        w.begin_object().key("message").value(n.message);
        if (n.span.source) {
          const auto pos = n.span.source->position(n.span.offset);
          w.key("file").value(n.span.source->path()).key("line").value(static_cast<std::int64_t>(pos.line));
          w.key("column").value(static_cast<std::int64_t>(pos.column));
        }
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.key("files").value(static_cast<std::int64_t>(files)).key("errors").value(static_cast<std::int64_t>(errors));
  w.key("warnings").value(static_cast<std::int64_t>(warnings)).end_object();
  return w.str() + "\n";
}

}  // namespace remit
