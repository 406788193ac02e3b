// The writers of `remit paper`: one paper's findings as text (one finding a
// line, citing the paper's line and the scheme's file:line:col), as one JSON
// object, or as Markdown; a batch as CSV rows and a summary. They sit in the
// paper stage because only `paper` writes them; they use the shared JSON,
// CSV and Markdown writers of the stages below.
#include <map>
#include <string>

#include "io/csv.hpp"
#include "model/json.hpp"
#include "model/utf8.hpp"
#include "remit/paper.hpp"
#include "report/ci_report.hpp"

namespace remit {
namespace {

using report::escape_markdown;

std::string where(const PaperField& f) { return f.span.source ? "line " + std::to_string(f.line) : f.text; }

// `DMPC, "Deputy Mayor for Policing and Crime" (line 7)`, or `not known`.
std::string field_text(const std::optional<PaperField>& f) {
  if (!f) return "not known";
  if (!f->span.source) return f->value + " (" + f->text + ")";
  return f->value + (f->text == f->value ? "" : ", \"" + f->text + "\"") + " (" + where(*f) + ")";
}

std::string finding_line(const PaperCheck& c, const PaperFinding& f) {
  std::string out = c.paper.source->path() + ":" + (f.paper_line ? std::to_string(f.paper_line) + ":" : "") + " " +
                    std::string(paper_status_name(f.status)) + ": " + std::string(paper_topic_name(f.topic)) + ": " + f.message;
  if (!f.scheme_location.empty()) out += " [" + f.scheme_location + "]";
  return out + "\n";
}

std::string result_line(const PaperCheck& c) {
  return "result: " + std::string(outcome_name(c.outcome)) + "; " + std::to_string(c.claims_checked) +
         (c.claims_checked == 1 ? " claim" : " claims") + " checked, " + std::to_string(c.claims_wrong) + " wrong\n";
}

// {"value", "text", "line", "column"}: line and column null for `--date`.
void field_object(json::Writer& w, const PaperField& f) {
  w.begin_object().key("value").value(f.value).key("text").value(f.text).key("line");
  if (f.span.source) w.value(static_cast<std::int64_t>(f.line));
  else w.null();
  w.key("column");
  if (f.span.source) w.value(static_cast<std::int64_t>(f.column));
  else w.null();
  w.end_object();
}

void field_json(json::Writer& w, const char* name, const std::optional<PaperField>& f) {
  w.key(name);
  if (f) field_object(w, *f);
  else w.null();
}

}  // namespace

std::string paper_text(const PaperCheck& c) {
  const Paper& p = c.paper;
  std::string out = "paper " + p.source->path() + ": " + (p.reference ? p.reference->value + " (" + where(*p.reference) + ")" : "no reference") + "\n";
  out += "  date signed     " + field_text(p.date) + "\n";
  out += "  decision maker  " + field_text(p.decision_maker) + "\n";
  out += "  kind            " + field_text(p.kind) + "\n";
  out += "  amount          " + field_text(p.amount) + "\n";
  std::string sections;
  for (const PaperField& s : p.sections) sections += (sections.empty() ? "" : ", ") + s.value + " (" + where(s) + ")";
  out += "  sections        " + (sections.empty() ? "none the scheme requires" : sections) + "\n";
  out += "  claims          " + std::to_string(p.claims.size()) + "\n";
  if (!c.version.empty()) out += "version " + c.version + " of " + c.scheme + ", in force on " + p.date->value + "\n";
  for (const PaperFinding& f : c.findings) out += finding_line(c, f);
  out += result_line(c);
  return printable(out, true);
}

std::string paper_json(const PaperCheck& c) {
  const Paper& p = c.paper;
  json::Writer w;
  w.begin_object().key("paper").value(p.source->path()).key("scheme").value(c.scheme).key("version");
  if (c.version.empty()) w.null();
  else w.value(c.version);
  w.key("outcome").value(outcome_name(c.outcome));
  field_json(w, "reference", p.reference);
  field_json(w, "date", p.date);
  field_json(w, "decision_maker", p.decision_maker);
  field_json(w, "kind", p.kind);
  field_json(w, "amount", p.amount);
  w.key("sections").begin_array();
  for (const PaperField& s : p.sections) field_object(w, s);
  w.end_array();
  w.key("unknown_facts").begin_array();
  for (const std::string& f : p.unknown_facts) w.value(f);
  w.end_array();
  w.key("claims").begin_array();
  for (const AuthorityClaim& a : p.claims) {
    w.begin_object().key("para").value(a.para).key("line").value(static_cast<std::int64_t>(a.line));
    field_json(w, "version", a.version);
    field_json(w, "words", a.words);
    w.end_object();
  }
  w.end_array();
  w.key("findings").begin_array();
  for (const PaperFinding& f : c.findings) {
    w.begin_object().key("topic").value(paper_topic_name(f.topic)).key("status").value(paper_status_name(f.status)).key("line");
    if (f.paper_line) w.value(static_cast<std::int64_t>(f.paper_line));
    else w.null();
    w.key("scheme_location");
    if (f.scheme_location.empty()) w.null();
    else w.value(f.scheme_location);
    w.key("message").value(f.message).end_object();
  }
  w.end_array();
  w.key("claims_checked").value(static_cast<std::int64_t>(c.claims_checked));
  w.key("claims_wrong").value(static_cast<std::int64_t>(c.claims_wrong));
  w.end_object();
  return w.str() + "\n";
}

std::string paper_markdown(const PaperCheck& c) {
  const Paper& p = c.paper;
  std::string out = "## " + escape_markdown(p.reference ? p.reference->value : p.source->path()) + "\n\n";
  out += "| field | value |\n|---|---|\n";
  out += "| date signed | " + escape_markdown(field_text(p.date)) + " |\n";
  out += "| decision maker | " + escape_markdown(field_text(p.decision_maker)) + " |\n";
  out += "| kind | " + escape_markdown(field_text(p.kind)) + " |\n";
  out += "| amount | " + escape_markdown(field_text(p.amount)) + " |\n";
  out += "| version | " + escape_markdown(c.version.empty() ? "not known" : c.version) + " |\n\n";
  out += "| paper line | status | topic | finding | scheme |\n|---|---|---|---|---|\n";
  for (const PaperFinding& f : c.findings)
    out += "| " + (f.paper_line ? std::to_string(f.paper_line) : std::string()) + " | " + std::string(paper_status_name(f.status)) + " | " +
           std::string(paper_topic_name(f.topic)) + " | " + escape_markdown(f.message) + " | " + escape_markdown(f.scheme_location) + " |\n";
  out += "\n**" + escape_markdown(result_line(c).substr(0, result_line(c).size() - 1)) + "**\n";
  return printable(out, true);
}

std::string paper_csv_header() { return "paper,reference,date,decision_maker,kind,amount,verdict,claims_checked,claims_wrong\r\n"; }

std::string paper_csv_row(const PaperCheck& c) {
  const Paper& p = c.paper;
  std::string out;
  auto text = [&](const std::string& s) {
    if (!out.empty()) out += ',';
    csv::append_field(out, s, csv::Cell::text);
  };
  auto number = [&](std::size_t n) {
    out += ',';
    csv::append_field(out, std::to_string(n), csv::Cell::number);
  };
  text(p.source->path());
  for (const auto* f : {&p.reference, &p.date, &p.decision_maker, &p.kind, &p.amount}) {
    out += ',';
    if (*f) csv::append_field(out, (*f)->value, csv::Cell::text);
  }
  text(std::string(outcome_name(c.outcome)));
  number(c.claims_checked);
  number(c.claims_wrong);
  return out + "\r\n";
}

std::string paper_summary(const std::vector<PaperCheck>& checks) {
  std::map<Outcome, std::size_t> outcomes;
  std::map<std::string, std::size_t> wrong;
  std::size_t claims = 0, claims_wrong = 0;
  for (const PaperCheck& c : checks) {
    ++outcomes[c.outcome];
    claims += c.claims_checked;
    claims_wrong += c.claims_wrong;
    for (const PaperFinding& f : c.findings)
      if (f.status == PaperStatus::wrong && f.topic != PaperTopic::verdict) ++wrong[std::string(paper_topic_name(f.topic))];
  }
  std::string out = std::to_string(checks.size()) + (checks.size() == 1 ? " paper" : " papers") + ":";
  for (Outcome o : {Outcome::authorised, Outcome::not_authorised, Outcome::no_authority, Outcome::undetermined})
    out += " " + std::to_string(outcomes[o]) + " " + std::string(outcome_name(o)) + (o == Outcome::undetermined ? "" : ",");
  out += "\n" + std::to_string(claims) + " claims checked, " + std::to_string(claims_wrong) + " wrong";
  if (!wrong.empty()) {
    out += "; wrong findings by kind:";
    bool first = true;
    for (const auto& [topic, n] : wrong) {
      out += (first ? " " : ", ") + topic + " " + std::to_string(n);
      first = false;
    }
  }
  return out + "\n";
}

}  // namespace remit
