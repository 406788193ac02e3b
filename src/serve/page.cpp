// The page (docs/serve.md, "The page"). Every text that is not a constant of
// this file goes through `escape_xml`; the script is a file (no inline
// script, which the Content-Security-Policy forbids), and the page works
// without it.
#include "page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/json.hpp"
#include "report/ci_report.hpp"
#include "remit/analysis.hpp"

namespace remit::serve {

using report::escape_xml;  // the one escaper, for HTML as for XML

std::string Form::get(std::string_view name) const {
  for (const auto& f : fields)
    if (f.first == name) return f.second;
  return {};
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& f : fields)
    if (f.first == name) values.push_back(f.second);
  return values;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

Form parse_form(std::string_view text) {
  Form form;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      form.fields.emplace_back(percent_decode(pair.substr(0, eq), true),
                               eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return form;
}

namespace {

void facts_in(const Condition& c, std::set<int>& facts) {
  if (c.fact >= 0) facts.insert(c.fact);
  for (const Condition& o : c.operands) facts_in(o, facts);
}

std::vector<std::string> required_items(const Version& v, int kind) {
  std::vector<std::string> items;
  if (kind < 0) return items;
  for (const int i : v.provisions_by_kind[static_cast<std::size_t>(kind)])
    for (const std::string& item : v.provisions[static_cast<std::size_t>(i)].items)
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  return items;
}

const std::string_view head = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — remit</title>
<link rel="stylesheet" href="/static/remit.css">
<script src="/static/remit.js" defer></script>
</head>
<body>
<header><a href="/">remit</a> <nav aria-label="pages"><a href="/">Decide</a> <a href="/who">Who may approve</a> <a href="/matrix">Matrix</a> <a href="/paragraph">Paragraph</a></nav></header>
<main>
<h1>{title}</h1>
)";

std::string page(std::string_view title, std::string_view body) {
  return fmt::format(fmt::runtime(head), fmt::arg("title", escape_xml(title))) + std::string(body) + "</main>\n</body>\n</html>\n";
}

std::string option(std::string_view value, std::string_view label, bool selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", escape_xml(value), selected ? " selected" : "", escape_xml(label));
}

// Scheme and date (and kind, when `with_kind`): the GET part of each form;
// remit.js resubmits it on a change, and without script the button does.
std::string choose(const PageContext& c, const Form& q, const ServedScheme* s, const Version* v, std::string_view action,
                   bool with_kind) {
  std::string out = fmt::format("<form method=\"get\" action=\"{}\" class=\"choose\">\n<label for=\"scheme\">Scheme</label> <select id=\"scheme\" name=\"scheme\" class=\"auto\">", action);
  for (const ServedScheme& each : c.catalog->schemes)
    out += option(each.name, each.scheme->title, s && s->name == each.name);
  out += "</select>\n";
  out += fmt::format("<label for=\"date\">Date</label> <input id=\"date\" name=\"date\" type=\"date\" class=\"auto\" value=\"{}\">\n",
                     escape_xml(q.get("date")));
  if (with_kind && v) {
    out += "<label for=\"kind\">Kind of decision</label> <select id=\"kind\" name=\"kind\" class=\"auto\"><option value=\"\">—</option>";
    for (std::size_t k = 0; k < v->kinds.size(); ++k)
      out += option(v->kinds[k], v->kind_title(static_cast<int>(k)) == v->kinds[k] ? v->kinds[k] : v->kind_title(static_cast<int>(k)) + " (" + v->kinds[k] + ")",
                    q.get("kind") == v->kinds[k]);
    out += "</select>\n";
  }
  out += "<button type=\"submit\">Choose</button>\n</form>\n";
  return out;
}

struct Chosen {
  const ServedScheme* scheme = nullptr;
  const Version* version = nullptr;
  int kind = -1;
};

Chosen chosen(const PageContext& c, const Form& q) {
  Chosen ch;
  ch.scheme = c.catalog->find(q.get("scheme"));
  if (!ch.scheme && !c.catalog->schemes.empty()) ch.scheme = &c.catalog->schemes.front();
  if (!ch.scheme) return ch;
  const auto date = read_date(q.get("date"));
  ch.version = ch.scheme->scheme->in_force(date ? *date : *today());
  if (!ch.version && !date) ch.version = ch.scheme->scheme->newest();
  if (ch.version) ch.kind = ch.version->find_kind(q.get("kind"));
  return ch;
}

std::string fact_input(const Version& v, int index, const Form& q) {
  const FactDef& f = v.facts[static_cast<std::size_t>(index)];
  const std::string id = "fact-" + f.name;
  const std::string name = "fact." + f.name;
  const std::string value = escape_xml(q.get(name));
  switch (f.type) {
    case FactType::flag:
      return fmt::format("<div class=\"field\"><input type=\"checkbox\" id=\"{0}\" name=\"{1}\" value=\"true\"{2}> <label for=\"{0}\">{3}</label></div>\n",
                         escape_xml(id), escape_xml(name), q.get(name) == "true" ? " checked" : "", escape_xml(f.name));
    case FactType::enumeration: {
      std::string out = fmt::format("<div class=\"field\"><label for=\"{0}\">{2}</label> <select id=\"{0}\" name=\"{1}\"><option value=\"\">not given</option>",
                                    escape_xml(id), escape_xml(name), escape_xml(f.name));
      for (const std::string& m : f.members) out += option(m, m, q.get(name) == m);
      return out + "</select></div>\n";
    }
    case FactType::money:
      return fmt::format("<div class=\"field\"><label for=\"{0}\">{2} ({3})</label> <input id=\"{0}\" name=\"{1}\" inputmode=\"decimal\" placeholder=\"£500,000\" value=\"{4}\"></div>\n",
                         escape_xml(id), escape_xml(name), escape_xml(f.name), escape_xml(v.currency), value);
    case FactType::integer:
      return fmt::format("<div class=\"field\"><label for=\"{0}\">{2}</label> <input id=\"{0}\" name=\"{1}\" type=\"number\" step=\"1\" value=\"{3}\"></div>\n",
                         escape_xml(id), escape_xml(name), escape_xml(f.name), value);
    case FactType::date:
      return fmt::format("<div class=\"field\"><label for=\"{0}\">{2}</label> <input id=\"{0}\" name=\"{1}\" type=\"date\" value=\"{3}\"></div>\n",
                         escape_xml(id), escape_xml(name), escape_xml(f.name), value);
    case FactType::text:
      return fmt::format("<div class=\"field\"><label for=\"{0}\">{2}</label> <input id=\"{0}\" name=\"{1}\" value=\"{3}\"></div>\n",
                         escape_xml(id), escape_xml(name), escape_xml(f.name), value);
  }
  return {};
}

std::string post_sets_html(const std::vector<PostSet>& sets) {
  return sets.empty() ? std::string("none") : escape_xml(post_sets_text(sets));
}

}  // namespace

std::vector<int> facts_of_kind(const Version& v, int kind) {
  std::set<int> facts;
  if (kind >= 0)
    for (const int i : v.provisions_by_kind[static_cast<std::size_t>(kind)])
      if (const auto& when = v.provisions[static_cast<std::size_t>(i)].when) facts_in(*when, facts);
  return {facts.begin(), facts.end()};
}

std::string decision_json(const Version& v, const Form& form) {
  json::Writer w(json::Layout::compact);
  w.begin_object();
  if (!form.get("id").empty()) w.key("id").value(form.get("id"));
  w.key("kind").value(form.get("kind"));
  if (!form.get("date").empty()) w.key("date").value(form.get("date"));
  const std::vector<std::string> approvers = form.all("approver");
  if (!approvers.empty()) {
    w.key("approver").begin_array();
    for (const std::string& a : approvers) w.value(a);
    w.end_array();
  }
  w.key("facts").begin_object();
  for (const FactDef& fact : v.facts) {
    const std::string given = form.get("fact." + fact.name);
    if (fact.type == FactType::flag) w.key(fact.name).value(given == "true");
    else if (fact.type == FactType::integer && !given.empty()) w.key(fact.name).raw(given.find_first_not_of("-0123456789") == std::string::npos ? given : "\"" + json::escape(given) + "\"");
    else if (!given.empty()) w.key(fact.name).value(given);
  }
  w.end_object();
  w.key("evidence").begin_array();
  for (const std::string& e : form.all("evidence")) w.value(e);
  w.end_array().end_object();
  return w.str();
}

std::string form_page(const PageContext& c, const Form& q) {
  const Chosen ch = chosen(c, q);
  std::string body = "<p>Choose the scheme, the date of the decision and its kind; then give its facts and who signs.</p>\n";
  body += choose(c, q, ch.scheme, ch.version, "/", true);
  if (ch.scheme && !ch.version) body += "<p class=\"problem\">No version of this scheme is in force on that date.</p>\n";
  if (ch.version && ch.kind >= 0) {
    const Version& v = *ch.version;
    body += fmt::format("<form method=\"post\" action=\"/verdict\" class=\"decision\">\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
                        "<input type=\"hidden\" name=\"scheme\" value=\"{}\">\n<input type=\"hidden\" name=\"date\" value=\"{}\">\n"
                        "<input type=\"hidden\" name=\"kind\" value=\"{}\">\n",
                        escape_xml(c.csrf), escape_xml(ch.scheme->name), escape_xml(q.get("date")), escape_xml(q.get("kind")));
    body += fmt::format("<p>Version {} (from {}), {}.</p>\n", escape_xml(v.label), escape_xml(format_date(v.from)),
                        escape_xml(v.kind_title(ch.kind)));
    body += "<div class=\"field\"><label for=\"id\">Reference</label> <input id=\"id\" name=\"id\" value=\"" + escape_xml(q.get("id")) + "\"></div>\n";
    body += "<fieldset><legend>Facts</legend>\n";
    const std::vector<int> facts = facts_of_kind(v, ch.kind);
    if (facts.empty()) body += "<p>No provision of this kind turns on a fact.</p>\n";
    for (const int f : facts) body += fact_input(v, f, q);
    body += "</fieldset>\n<fieldset><legend>Other facts, for the record (no provision of this kind turns on them)</legend>\n";
    for (std::size_t f = 0; f < v.facts.size(); ++f)
      if (std::find(facts.begin(), facts.end(), static_cast<int>(f)) == facts.end()) body += fact_input(v, static_cast<int>(f), q);
    body += "</fieldset>\n<fieldset><legend>Who signs (tick several for a joint approval)</legend>\n";
    for (const Post& p : v.posts)
      body += fmt::format("<div class=\"field\"><input type=\"checkbox\" id=\"approver-{0}\" name=\"approver\" value=\"{0}\"> <label for=\"approver-{0}\">{1} ({0})</label></div>\n",
                          escape_xml(p.id), escape_xml(p.title.empty() ? p.id : p.title));
    body += "</fieldset>\n";
    const std::vector<std::string> items = required_items(v, ch.kind);
    if (!items.empty()) {
      body += "<fieldset><legend>Evidence held</legend>\n";
      std::size_t n = 0;
      for (const std::string& item : items)
        body += fmt::format("<div class=\"field\"><input type=\"checkbox\" id=\"evidence-{0}\" name=\"evidence\" value=\"{1}\"> <label for=\"evidence-{0}\">{1}</label></div>\n",
                            n++, escape_xml(item));
      body += "</fieldset>\n";
    }
    body += "<button type=\"submit\" id=\"decide\">Decide</button>\n</form>\n";
  }
  return page("May this post take this decision?", body);
}

std::string verdict_page(const PageContext& c, const ServedScheme& s, const Form& form, const Verdict& v, const VerdictRecord& r) {
  (void)c;
  (void)form;
  std::string body = fmt::format("<section class=\"verdict {0}\" aria-live=\"polite\">\n<p class=\"outcome\">Outcome: <strong id=\"outcome\">{0}</strong></p>\n<p id=\"reason\">{1}</p>\n",
                                 escape_xml(outcome_name(v.outcome)), escape_xml(v.reason));
  body += fmt::format("<p>{} for {}{}, by {}, on {}{}.</p>\n", escape_xml(s.scheme->title), escape_xml(v.kind),
                      v.id ? " (" + escape_xml(*v.id) + ")" : "", escape_xml(signatories_text(v.approver)), escape_xml(v.date.value_or("")),
                      v.date_is_today ? " (today: no date was given)" : "");
  if (!v.provisions.empty()) {
    body += "<h2>Deciding provisions</h2>\n<ul id=\"provisions\">\n";
    for (const Citation& cit : v.provisions)
      body += fmt::format("<li><strong>para {}</strong> (version {}){}{}</li>\n", escape_xml(cit.para), escape_xml(cit.version),
                          cit.post.empty() ? "" : ", " + escape_xml(cit.post), cit.text.empty() ? "" : ": <q>" + escape_xml(cit.text) + "</q>");
    body += "</ul>\n";
  }
  body += fmt::format("<p>Lowest that may approve: <strong id=\"lowest\">{}</strong></p>\n", post_sets_html(v.lowest));
  if (!v.may_approve.empty()) body += fmt::format("<p>May approve: {}</p>\n", post_sets_html(v.may_approve));
  if (!v.missing_facts.empty()) body += fmt::format("<p class=\"problem\">Facts missing: {}</p>\n", escape_xml(fmt::format("{}", fmt::join(v.missing_facts, ", "))));
  for (const std::string& conflict : v.conflicts) body += "<p class=\"problem\">" + escape_xml(conflict) + "</p>\n";
  if (!v.requirements.empty()) {
    body += "<h2>Requirements</h2>\n<ul class=\"requirements\">\n";
    for (const RequirementStatus& req : v.requirements)
      body += fmt::format("<li class=\"{0}\"><span class=\"state\">{0}</span> {1} (para {2}){3}</li>\n", escape_xml(requirement_state_name(req.status)),
                          escape_xml(req.item), escape_xml(req.para), req.is_duty ? ", a duty after the decision" : "");
    body += "</ul>\n";
  }
  if (!v.trace.empty()) {
    body += "<details class=\"trace\"><summary>Trace: every provision considered</summary>\n<ul>\n";
    for (const TraceEntry& t : v.trace)
      body += fmt::format("<li>para {} ({}): {} — {}</li>\n", escape_xml(t.para), escape_xml(provision_kind_name(t.kind)),
                          escape_xml(trace_status_name(t.status)), escape_xml(t.reason));
    body += "</ul>\n</details>\n";
  }
  body += fmt::format("<footer class=\"record\"><dl><dt>Scheme version</dt><dd>{} ({})</dd><dt>Content hash (SHA-256)</dt><dd><code>{}</code></dd>"
                      "<dt>remit</dt><dd>{}</dd><dt>Time (UTC)</dt><dd>{}</dd><dt>Log entry</dt><dd id=\"entry\">{}</dd></dl></footer>\n",
                      escape_xml(v.version), escape_xml(s.name), escape_xml(r.content_hash), escape_xml(version_string()), escape_xml(r.time),
                      r.entry ? fmt::format("#{}", *r.entry) : std::string("not logged (no --log)"));
  body += "<p class=\"noprint\"><a href=\"/\">Another decision</a> <button type=\"button\" id=\"print\" hidden>Print</button></p>\n</section>\n";
  return page("Verdict", body);
}

std::string problem_page(const PageContext& c, std::string_view title, std::string_view detail, const std::vector<Diagnostic>& ds) {
  (void)c;
  std::string body = "<p class=\"problem\">" + escape_xml(detail) + "</p>\n";
  if (!ds.empty()) {
    body += "<ul class=\"diagnostics\">\n";
    for (const Diagnostic& d : ds)
      body += fmt::format("<li><code>{}</code>{}</li>\n", escape_xml(d.message), d.help.empty() ? "" : " — " + escape_xml(d.help));
    body += "</ul>\n";
  }
  body += "<p><a href=\"/\">Back to the form</a></p>\n";
  return page(title, body);
}

std::string who_page(const PageContext& c, const ServedScheme& s, const Form& q, const Verdict* v) {
  const Chosen ch = chosen(c, q);
  std::string body = choose(c, q, &s, ch.version, "/who", true);
  if (v) {
    body += fmt::format("<section class=\"verdict\"><p>For {} on {} (version {}):</p>\n<p>May approve: <strong id=\"may\">{}</strong></p>\n"
                        "<p>Lowest: <strong id=\"lowest\">{}</strong></p>\n",
                        escape_xml(v->kind), escape_xml(v->date.value_or("")), escape_xml(v->version), post_sets_html(v->may_approve),
                        post_sets_html(v->lowest));
    if (!v->may_approve_if.empty()) body += fmt::format("<p>May approve, depending on facts not given: {}</p>\n", post_sets_html(v->may_approve_if));
    body += "<p>" + escape_xml(v->reason) + "</p></section>\n";
  }
  return page("Who may approve?", body);
}

std::string matrix_page(const PageContext& c, const ServedScheme& s, const Version& v) {
  Form q;
  q.fields.emplace_back("scheme", s.name);
  std::string body = choose(c, q, &s, nullptr, "/matrix", false);
  body += fmt::format("<p>Version {} of {}. The matrix as <a href=\"/v1/schemes/{}/matrix?version={}&amp;format=csv\">CSV</a>.</p>\n",
                      escape_xml(v.label), escape_xml(s.scheme->title), escape_xml(s.name), escape_xml(v.label));
  body += "<pre class=\"matrix\">" + escape_xml(authority_matrix(v, MatrixFormat::markdown)) + "</pre>\n";
  return page("Authority matrix", body);
}

std::string paragraph_page(const PageContext& c, const ServedScheme& s, std::string_view para, const std::string& shown) {
  (void)c;
  std::string body = fmt::format("<form method=\"get\" action=\"/paragraph\"><input type=\"hidden\" name=\"scheme\" value=\"{}\">"
                                 "<label for=\"para\">Paragraph</label> <input id=\"para\" name=\"para\" value=\"{}\"> <button type=\"submit\">Show</button></form>\n",
                                 escape_xml(s.name), escape_xml(para));
  body += "<pre class=\"paragraph\">" + escape_xml(shown) + "</pre>\n";
  return page(fmt::format("Paragraph {} across versions", para), body);
}

const std::string_view page_script = R"(// remit's page: choosing a scheme, date or kind reloads the form for it
// (the Choose button does the same without script); Print prints.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('form.choose .auto').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
  });
  var print = document.getElementById('print');
  if (print) { print.hidden = false; print.addEventListener('click', function () { window.print(); }); }
});
)";

const std::string_view page_style = R"(body { font: 16px/1.5 system-ui, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 52rem; padding: 1rem; }
a { color: #0645ad; } a:focus, button:focus, input:focus, select:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
header { border-bottom: 1px solid #555; padding-bottom: .5rem; } nav a { margin-right: 1rem; }
fieldset { margin: 1rem 0; border: 1px solid #555; } .field { margin: .3rem 0; }
label { font-weight: 600; } button { font: inherit; padding: .3rem 1rem; }
.outcome strong { font-size: 1.4rem; } .authorised .outcome strong { color: #0a5d00; } .not_authorised .outcome strong, .no_authority .outcome strong { color: #a00000; }
.problem { color: #a00000; } .missing .state, .not_evidenced .state { color: #a00000; font-weight: 600; } .met .state { color: #0a5d00; font-weight: 600; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .5rem; overflow-x: auto; }
.record dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; } .record code { word-break: break-all; }
@media print { header, nav, .noprint, form.choose { display: none; } body { max-width: none; font-size: 11pt; } details.trace { display: block; } a { color: #000; } }
)";

}  // namespace remit::serve
