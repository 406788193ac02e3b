#include "report/analysis_report.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "io/csv.hpp"
#include "model/json.hpp"
#include "model/names.hpp"
#include "model/utf8.hpp"
#include "remit/report.hpp"
#include "report/ci_report.hpp"

namespace remit::report {
namespace {

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "2 findings (1 gap, 1 boundary)".
std::string counted(const std::vector<const analyse::Finding*>& findings, const std::string& one, const std::string& many) {
  std::string out = plural(findings.size(), one, many);
  std::vector<std::string> parts;
  for (const CodeInfo& code : code_table) {
    if (!code.is_finding) continue;
    const auto n = static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [&](const analyse::Finding* f) { return f->code == code.code; }));
    if (n) parts.push_back(std::to_string(n) + " " + std::string(code.name));
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
      out += "  " + location(a.span) + ": known " + a.name + ": \"" + a.reason + "\"\n";
      out += "    " + f->diagnostic.message + "\n";
    }
  }
  out += "analysed " + plural(versions, "version", "versions") + " in " + plural(schemes.size(), "scheme", "schemes") + ": " +
         counted(open, "finding", "findings") + ", " + std::to_string(kept.size()) + " kept as known\n";
  return printable(out, true);
}

std::string analysis_json(const std::vector<SchemeAnalysis>& schemes) {
  json::Writer w;
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
        w.begin_object().key("code").value(code_name(f.code));
        if (f.kind >= 0) w.key("kind").value(v.kinds[static_cast<std::size_t>(f.kind)]);
        w.key("paragraphs").begin_array();
        for (int p : f.provisions) w.value(v.provisions[static_cast<std::size_t>(p)].para);
        w.end_array();
        if (f.code == Code::gap || !f.box.empty()) w.key("region").value(f.region);
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

// ---- the authority matrix ----------------------------------------------------

namespace {

std::string paras_text(const std::vector<std::string>& paras) {
  if (paras.empty()) return "";
  return (paras.size() == 1 ? "para " : "paras ") + join(paras, ", ");
}

// How the matrix names posts: by title for people (Markdown, HTML), by
// identifier for programs (CSV).
struct PostNames {
  const Version* version = nullptr;  // null: identifiers
  std::string operator()(const std::string& id) const {
    if (!version) return id;
    const int p = version->find_post(id);
    return p < 0 ? id : version->posts[static_cast<std::size_t>(p)].title;
  }
  std::string sets(std::vector<PostSet> named) const {
    for (PostSet& set : named)
      for (std::string& id : set) id = (*this)(id);
    return post_sets_text(named);
  }
};

// "Commissioner", or what stands in for a post where none may approve.
// Sets of posts as `CE + NED, FD + NED` (by title in Markdown and HTML), or,
// with `csv`, by identifier as `CE+NED|FD+NED`.
std::string lowest_text(const analyse::Answer& a, const PostNames& names = {}, bool csv = false) {
  if (a.outcome == Outcome::undetermined) return "undetermined: provisions in conflict";
  if (a.outcome == Outcome::not_authorised) return "no post: prohibited";
  if (a.lowest.empty()) return "no post (a gap in the scheme)";
  if (!csv) return names.sets(a.lowest);
  std::vector<std::string> sets;
  for (const PostSet& set : a.lowest) sets.push_back(post_set_text(set, "+"));
  return join(sets, "|");
}

// The other sets that may: `Mayor, CE + NED`; in CSV `Mayor CE+NED`.
std::string others_text(const analyse::Answer& a, const PostNames& names = {}, bool csv = false) {
  if (!csv) return names.sets(a.others);
  std::vector<std::string> sets;
  for (const PostSet& set : a.others) sets.push_back(post_set_text(set, "+"));
  return join(sets, " ");
}

// The paragraphs, then the duties that go with them.
std::string under_text(const analyse::Answer& a) {
  std::string out = paras_text(a.paras);
  for (const std::string& d : a.duties) out += "; must " + d;
  return out;
}

// "when novel: DMPC (para 4.2)"; where the lowest post is the row's own and
// only who else may differs, it names every post that may: "when urgent:
// only Budget holder, Council".
std::string exception_text(const analyse::MatrixCase& e, const analyse::Answer& usual, const PostNames& names) {
  std::string who = lowest_text(e.answer, names);
  if (e.answer.outcome == usual.outcome && e.answer.lowest == usual.lowest && !e.answer.lowest.empty())
    who = "only " + names.sets(e.answer.lowest) + (e.answer.others.empty() ? "" : ", " + names.sets(e.answer.others));
  return "when " + e.when + ": " + who + (e.answer.paras.empty() ? "" : " (" + under_text(e.answer) + ")");
}

std::string heading(const analyse::Matrix& m) { return m.version->scheme_title + ": authority matrix"; }

std::string provenance(const analyse::Matrix& m) {
  const Version& v = *m.version;
  return "Version " + v.label + ", in force from " + format_date(v.from) + (v.last_day ? " to " + format_date(*v.last_day) : "") +
         ", drawn from the rules in " + (v.source ? v.source->path() : "") +
         " by remit matrix. Each row holds for every decision of its kind in its band.";
}

std::string band_header(const analyse::Matrix& m) {
  if (m.band_fact.empty()) return "Value";
  std::string h = m.band_fact;
  h[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(h[0])));
  return h;
}

// "CFO comments, legal comments (para 5.1)": papers of one paragraph together.
std::string papers_text(const std::vector<std::string>& papers) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_para;  // "(para 5.1)" -> items
  for (const std::string& p : papers) {
    const auto open = p.rfind(" (para ");
    const std::string item = open == std::string::npos ? p : p.substr(0, open);
    const std::string para = open == std::string::npos ? "" : p.substr(open);
    if (by_para.empty() || by_para.back().first != para) by_para.push_back({para, {}});
    by_para.back().second.push_back(item);
  }
  std::vector<std::string> parts;
  for (const auto& [para, items] : by_para) parts.push_back(join(items, ", ") + para);
  return join(parts, "; ");
}

std::string papers_sentence(const analyse::Matrix& m) {
  if (!m.common_papers || m.common_papers->empty()) return "";
  return "Every decision also needs: " + papers_text(*m.common_papers) + ".";
}

}  // namespace

std::string matrix_markdown(const analyse::Matrix& m) {
  const PostNames names{m.version};
  std::string out = "# " + escape_markdown(heading(m)) + "\n\n" + escape_markdown(provenance(m)) + "\n\n";
  const bool papers_column = !m.common_papers;
  out += "| Decision | " + escape_markdown(band_header(m)) + " | Lowest post that may approve | Who else may | Under | Except" +
         (papers_column ? " | Papers" : "") + " |\n";
  out += std::string("|---|---|---|---|---|---") + (papers_column ? "|---" : "") + "|\n";
  for (const analyse::MatrixKind& k : m.kinds) {
    if (!k.error.empty()) {
      out += "| " + escape_markdown(k.label) + " | " + escape_markdown(k.error) + " | | | | |" + (papers_column ? " |" : "") + "\n";
      continue;
    }
    for (std::size_t r = 0; r < k.rows.size(); ++r) {
      const analyse::MatrixRow& row = k.rows[r];
      std::vector<std::string> exceptions;
      for (const auto& e : row.exceptions) exceptions.push_back(exception_text(e, row.usual, names));
      out += "| " + (r == 0 ? escape_markdown(k.label) : "") + " | " + escape_markdown(row.band) + " | " +
             escape_markdown(lowest_text(row.usual, names)) + " | " + escape_markdown(others_text(row.usual, names)) + " | " +
             escape_markdown(under_text(row.usual)) + " | " +
             escape_markdown(join(exceptions, "; ")) + (papers_column ? " | " + escape_markdown(papers_text(row.usual.papers)) : "") + " |\n";
    }
  }
  if (const std::string p = papers_sentence(m); !p.empty()) out += "\n" + escape_markdown(p) + "\n";
  out += "\nPosts:\n\n";
  for (const Post& p : m.version->posts) out += "- " + escape_markdown(p.id) + ": " + escape_markdown(p.title) + "\n";
  return out;
}

std::string matrix_html(const analyse::Matrix& m) {
  const PostNames names{m.version};
  const bool papers_column = !m.common_papers;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape_xml(heading(m)) +
      "</title>\n<style>\n"
      "body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }\n"
      "table { border-collapse: collapse; }\n"
      "th, td { border: 1px solid #bbb; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }\n"
      "th { background: #eee; }\n"
      "tbody th { background: #f7f7f7; font-weight: 600; }\n"
      "</style>\n</head>\n<body>\n<h1>" + escape_xml(heading(m)) + "</h1>\n<p>" + escape_xml(provenance(m)) + "</p>\n";
  out += "<table>\n<thead><tr><th>Decision</th><th>" + escape_xml(band_header(m)) +
         "</th><th>Lowest post that may approve</th><th>Who else may</th><th>Under</th><th>Except</th>" +
         (papers_column ? "<th>Papers</th>" : "") + "</tr></thead>\n<tbody>\n";
  for (const analyse::MatrixKind& k : m.kinds) {
    if (!k.error.empty()) {
      out += "<tr><th scope=\"row\">" + escape_xml(k.label) + "</th><td colspan=\"" + (papers_column ? "6" : "5") + "\">" +
             escape_xml(k.error) + "</td></tr>\n";
      continue;
    }
    for (std::size_t r = 0; r < k.rows.size(); ++r) {
      const analyse::MatrixRow& row = k.rows[r];
      out += "<tr>";
      if (r == 0)
        out += "<th scope=\"row\"" + (k.rows.size() > 1 ? " rowspan=\"" + std::to_string(k.rows.size()) + "\"" : std::string()) + ">" +
               escape_xml(k.label) + "</th>";
      std::string exceptions;
      for (const auto& e : row.exceptions)
        exceptions += (exceptions.empty() ? "" : "<br>") + escape_xml(exception_text(e, row.usual, names));
      out += "<td>" + escape_xml(row.band) + "</td><td>" + escape_xml(lowest_text(row.usual, names)) + "</td><td>" +
             escape_xml(others_text(row.usual, names)) + "</td><td>" + escape_xml(under_text(row.usual)) + "</td><td>" + exceptions +
             "</td>" + (papers_column ? "<td>" + escape_xml(papers_text(row.usual.papers)) + "</td>" : "") + "</tr>\n";
    }
  }
  out += "</tbody>\n</table>\n";
  if (const std::string p = papers_sentence(m); !p.empty()) out += "<p>" + escape_xml(p) + "</p>\n";
  out += "<h2>Posts</h2>\n<dl>\n";
  for (const Post& p : m.version->posts) out += "<dt>" + escape_xml(p.id) + "</dt><dd>" + escape_xml(p.title) + "</dd>\n";
  out += "</dl>\n</body>\n</html>\n";
  return out;
}

std::string matrix_csv(const analyse::Matrix& m) {
  const std::string version = m.version->label;
  std::string out = "version,decision,band,when,lowest,others,paragraphs,duties,papers\r\n";
  auto line = [&](const std::string& kind, const std::string& band, const std::string& when, const analyse::Answer& a) {
    const std::vector<std::string> fields = {version, kind, band, when, lowest_text(a, {}, true), others_text(a, {}, true), join(a.paras, " "),
                                             join(a.duties, "; "), join(a.papers, "; ")};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      csv::append_field(out, fields[i], csv::Cell::text);
    }
    out += "\r\n";
  };
  for (const analyse::MatrixKind& k : m.kinds)
    for (const analyse::MatrixRow& row : k.rows) {
      line(k.kind, row.band, "", row.usual);
      for (const auto& e : row.exceptions) line(k.kind, row.band, e.when, e.answer);
    }
  return out;
}

// ---- what changed between two versions ----------------------------------------

namespace {

// What the versions declare that the other does not, with a label each.
std::vector<std::pair<std::string, std::vector<std::string>>> declared_changes(const analyse::Diff& d) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto& [label, xs] : {std::pair{"Posts added", &d.posts_added}, {"Posts removed", &d.posts_removed},
                                   {"Decision kinds added", &d.kinds_added}, {"Decision kinds removed", &d.kinds_removed},
                                   {"Facts added", &d.facts_added}, {"Facts removed", &d.facts_removed}})
    if (!xs->empty()) out.push_back({label, *xs});
  return out;
}

std::string version_line(const Version& v) {
  return "version " + v.label + ", in force from " + format_date(v.from) + (v.last_day ? " to " + format_date(*v.last_day) : "") +
         " (" + (v.source ? v.source->path() : "") + ")";
}

// Whether the lowest post stayed: then a change is in the paragraphs,
// duties or papers, which AnswerChange holds as dropped and added.
bool stayed(const analyse::AnswerChange& c) {
  return c.before && c.after && c.before->outcome == c.after->outcome && c.before->lowest == c.after->lowest;
}

std::string papers_change(const analyse::AnswerChange& c) {
  std::string out;
  if (!c.papers_added.empty()) out += "; papers now required: " + join(c.papers_added, ", ");
  if (!c.papers_dropped.empty()) out += "; papers no longer required: " + join(c.papers_dropped, ", ");
  return out;
}

// Where the lowest post stayed: "still DMPC, under para 4.8 in place of para
// grants.incoming".
std::string still_text(const analyse::AnswerChange& c) {
  std::string out = "still " + lowest_text(*c.after);
  if (!c.paras_added.empty() && !c.paras_dropped.empty())
    out += ", under " + paras_text(c.paras_added) + " in place of " + paras_text(c.paras_dropped);
  else if (!c.paras_added.empty()) out += ", now also under " + paras_text(c.paras_added);
  else if (!c.paras_dropped.empty()) out += ", no longer under " + paras_text(c.paras_dropped);
  if (!c.duties_added.empty()) out += "; must now " + join(c.duties_added, " and ");
  if (!c.duties_dropped.empty()) out += "; need no longer " + join(c.duties_dropped, " and ");
  if (c.before->others != c.after->others)
    out += "; others who may: " + (c.after->others.empty() ? std::string("none") : others_text(*c.after)) + " (were " +
           (c.before->others.empty() ? std::string("none") : others_text(*c.before)) + ")";
  return out + papers_change(c);
}

// One side of a change where the lowest post changed: "DMPC under para 4.8".
std::string side_text(const analyse::AnswerChange& c, bool before) {
  const auto& a = before ? c.before : c.after;
  if (!a) return "no such kind of decision";
  if (stayed(c)) {
    const auto& paras = before ? c.paras_dropped : c.paras_added;
    std::string out = lowest_text(*a) + (paras.empty() ? "" : " under " + paras_text(paras));
    if (!before && c.paras_added.empty() && !c.paras_dropped.empty()) out += ", no longer under " + paras_text(c.paras_dropped);
    return out;
  }
  std::string out = lowest_text(*a);
  if (!a->paras.empty()) out += " under " + paras_text(a->paras);
  if (!a->duties.empty()) out += ", who must " + join(a->duties, " and ");
  if (!a->others.empty()) out += " (also " + others_text(*a) + ")";
  return out;
}

std::string change_place(const analyse::AnswerChange& c) {
  return c.kind + ", " + c.band + (c.when.empty() ? "" : ", when " + c.when);
}

std::string rule_line(const Version& v, const Provision& p) {
  return analyse::rule_text(v, p) + (p.words.empty() ? "" : "  \"" + p.words + "\"");
}

}  // namespace

std::string diff_text(const analyse::Diff& d) {
  const Version& a = *d.before;
  const Version& b = *d.after;
  std::string out = a.scheme_title + (a.scheme_title == b.scheme_title ? "" : " → " + b.scheme_title) + ": what changed\n";
  out += "  from " + version_line(a) + "\n  to   " + version_line(b) + "\n";
  const auto declared = declared_changes(d);
  if (!declared.empty()) out += "\n";
  for (const auto& [label, xs] : declared) out += label + ": " + join(xs, ", ") + "\n";
  if (!d.changed_meaning.empty()) {
    out += "\nParagraphs whose rule changed (the same number, another meaning):\n";
    for (const auto& p : d.changed_meaning) {
      out += "  para " + p.para + "\n";
      out += "    " + a.label + ": " + rule_line(a, *p.before) + "\n";
      out += "    " + b.label + ": " + rule_line(b, *p.after) + "\n";
    }
  }
  if (!d.reworded.empty()) {
    out += "\nParagraphs reworded, with the same rule:\n";
    for (const auto& p : d.reworded) out += "  para " + p.para + ": \"" + p.after->words + "\" (was \"" + p.before->words + "\")\n";
  }
  if (!d.removed.empty()) {
    out += "\nParagraphs removed:\n";
    for (const auto& p : d.removed) out += "  para " + p.para + ": " + rule_line(a, *p.before) + "\n";
  }
  if (!d.added.empty()) {
    out += "\nParagraphs added:\n";
    for (const auto& p : d.added) out += "  para " + p.para + ": " + rule_line(b, *p.after) + "\n";
  }
  out += "\nAnswers that changed (who may approve, and under which paragraphs):\n";
  if (d.changes.empty()) out += "  none: every decision gets the same answer from both versions\n";
  for (const auto& c : d.changes) {
    out += "  " + change_place(c) + ":\n";
    if (stayed(c)) out += "    " + still_text(c) + "\n";
    else out += "    was " + side_text(c, true) + "\n    now " + side_text(c, false) + papers_change(c) + "\n";
  }
  for (const std::string& n : d.not_compared) out += "  not compared: " + n + "\n";
  std::vector<std::string> kinds;
  for (const auto& c : d.changes)
    if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) kinds.push_back(c.kind);
  out += "\n" + plural(d.changes.size(), "region", "regions") + " of " + plural(kinds.size(), "decision kind", "decision kinds") +
         " changed; " + plural(d.changed_meaning.size(), "paragraph", "paragraphs") + " changed meaning, " +
         std::to_string(d.removed.size()) + " removed, " + std::to_string(d.added.size()) + " added\n";
  return printable(out, true);
}

namespace {

void strings_json(json::Writer& w, const char* key, const std::vector<std::string>& xs) {
  w.key(key).begin_array();
  for (const auto& x : xs) w.value(x);
  w.end_array();
}

void answer_json(json::Writer& w, const std::optional<analyse::Answer>& a) {
  if (!a) {
    w.null();
    return;
  }
  // As `who --format json` says it: some post may approve, none may, or it is in conflict.
  w.begin_object().key("answer").value(a->outcome == Outcome::authorised ? "determined" : outcome_name(a->outcome));
  // Sets of post ids, as `who --format json` gives them (issue 12).
  for (const auto& [key, sets] : {std::pair{"lowest", &a->lowest}, std::pair{"others", &a->others}}) {
    w.key(key).begin_array();
    for (const PostSet& set : *sets) {
      w.begin_array();
      for (const std::string& post : set) w.value(post);
      w.end_array();
    }
    w.end_array();
  }
  strings_json(w, "paragraphs", a->paras);
  strings_json(w, "duties", a->duties);
  w.end_object();
}

}  // namespace

std::string diff_json(const analyse::Diff& d) {
  json::Writer w;
  w.begin_object();
  for (const auto& [key, v] : {std::pair{"before", d.before}, std::pair{"after", d.after}}) {
    w.key(key).begin_object().key("scheme").value(v->scheme_title).key("version").value(v->label);
    w.key("from").value(format_date(v->from)).key("file").value(v->source ? v->source->path() : "").end_object();
  }
  strings_json(w, "posts_added", d.posts_added);
  strings_json(w, "posts_removed", d.posts_removed);
  strings_json(w, "kinds_added", d.kinds_added);
  strings_json(w, "kinds_removed", d.kinds_removed);
  strings_json(w, "facts_added", d.facts_added);
  strings_json(w, "facts_removed", d.facts_removed);
  auto paragraphs = [&](const char* key, const std::vector<analyse::ParagraphChange>& ps) {
    w.key(key).begin_array();
    for (const auto& p : ps) {
      w.begin_object().key("para").value(p.para);
      if (p.before) w.key("before").value(analyse::rule_text(*d.before, *p.before));
      if (p.after) w.key("after").value(analyse::rule_text(*d.after, *p.after));
      if (p.before && !p.before->words.empty()) w.key("before_words").value(p.before->words);
      if (p.after && !p.after->words.empty()) w.key("after_words").value(p.after->words);
      w.end_object();
    }
    w.end_array();
  };
  paragraphs("changed_meaning", d.changed_meaning);
  paragraphs("reworded", d.reworded);
  paragraphs("removed", d.removed);
  paragraphs("added", d.added);
  w.key("changes").begin_array();
  for (const auto& c : d.changes) {
    w.begin_object().key("kind").value(c.kind).key("band").value(c.band).key("when").value(c.when);
    w.key("before");
    answer_json(w, c.before);
    w.key("after");
    answer_json(w, c.after);
    strings_json(w, "paragraphs_dropped", c.paras_dropped);
    strings_json(w, "paragraphs_added", c.paras_added);
    strings_json(w, "duties_dropped", c.duties_dropped);
    strings_json(w, "duties_added", c.duties_added);
    strings_json(w, "papers_dropped", c.papers_dropped);
    strings_json(w, "papers_added", c.papers_added);
    w.end_object();
  }
  w.end_array();
  strings_json(w, "not_compared", d.not_compared);
  w.end_object();
  return w.str() + "\n";
}

std::string diff_markdown(const analyse::Diff& d) {
  const Version& a = *d.before;
  const Version& b = *d.after;
  std::string out = "# " + escape_markdown(a.scheme_title) + ": what changed from version " + escape_markdown(a.label) + " to version " +
                    escape_markdown(b.label) + "\n\n";
  out += "From " + escape_markdown(version_line(a)) + " to " + escape_markdown(version_line(b)) + ". Drawn from the rules by remit diff.\n";
  const auto declared = declared_changes(d);
  if (!declared.empty()) out += "\n";
  for (const auto& [label, xs] : declared) out += "- " + label + ": " + escape_markdown(join(xs, ", ")) + "\n";
  // Both versions' rules side by side where both have the paragraph, else the one rule.
  auto table = [&](const char* title, const std::vector<analyse::ParagraphChange>& ps) {
    if (ps.empty()) return;
    const bool both = ps.front().before && ps.front().after;
    const std::string& only = ps.front().before ? a.label : b.label;
    out += "\n## " + std::string(title) + "\n\n| Para | " +
           (both ? escape_markdown(a.label) + " | " + escape_markdown(b.label) + " |\n|---|---|---|\n" : "Rule (" + escape_markdown(only) + ") |\n|---|---|\n");
    for (const auto& p : ps) {
      out += "| " + escape_markdown(p.para);
      if (p.before) out += " | " + escape_markdown(rule_line(a, *p.before));
      if (p.after) out += " | " + escape_markdown(rule_line(b, *p.after));
      out += " |\n";
    }
  };
  table("Paragraphs whose rule changed", d.changed_meaning);
  table("Paragraphs reworded, with the same rule", d.reworded);
  table("Paragraphs removed", d.removed);
  table("Paragraphs added", d.added);
  out += "\n## Answers that changed\n\n";
  if (d.changes.empty()) {
    out += "None: every decision gets the same answer from both versions.\n";
  } else {
    out += "| Decision | Amount | When | " + escape_markdown(a.label) + " | " + escape_markdown(b.label) + " |\n|---|---|---|---|---|\n";
    for (const auto& c : d.changes)
      out += "| " + escape_markdown(c.kind) + " | " + escape_markdown(c.band) + " | " + escape_markdown(c.when) + " | " +
             escape_markdown(side_text(c, true)) + " | " + escape_markdown(side_text(c, false) + papers_change(c)) + " |\n";
  }
  for (const std::string& n : d.not_compared) out += "\nNot compared: " + escape_markdown(n) + "\n";
  return out;
}

}  // namespace remit::report
