// The canonical layout. Each statement is printed from its parse tree, so
// spacing, keyword case and line breaks are the formatter's; what the author
// chose (names, amounts as written, strings, blank lines between statements,
// comments) is kept. Rules of the layout (docs/language.md, "Layout"):
// - keywords in lower case, one space between tokens, `, ` in lists;
// - a statement that fits in `line_width` columns is one line; a longer
//   provision puts its body on the next line (indent 2), then `when` and each
//   duty on lines of their own (indent 4), then a long condition one operand
//   per line (indent 6); a long post puts `alias` and `under` on lines of
//   their own;
// - in a run of one-line posts (or one-line provisions) with nothing between
//   them, the names (or the `para REF:` heads) are padded to line up;
// - at most one blank line between statements; a comment keeps its line, or
//   stays at the end of the line it ends; a comment written inside a
//   statement moves to just before it;
// - examples are blocks: the decision, `evidence`, then `expect` and the
//   requirement lines.
#include <algorithm>
#include <variant>

#include "grammar/parse.hpp"
#include "model/utf8.hpp"
#include "remit/format.hpp"

namespace remit::syntax {
namespace {

constexpr std::size_t line_width = 100;

// Columns a line takes: UTF-8 code points, so that `£` counts once.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// A literal as written, with runs of blanks (as in `500000.00   GBP`) made one.
std::string literal(const Token& t, LiteralKind kind) {
  if (kind == LiteralKind::string) return quoted(t.text);
  if (kind == LiteralKind::boolean) {
    std::string lower = t.text;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lower;
  }
  std::string out;
  for (char c : t.text) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (blank && !out.empty() && out.back() == ' ') continue;
    out.push_back(blank ? ' ' : c);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

std::vector<std::string> texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

std::vector<std::string> quoted_all(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(quoted(t.text));
  return out;
}

std::string kinds(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text == "*" ? "any decision" : t.text);
  return join(out);
}

std::string condition(const Expr& e);

// An operand of `and`, `or` or `not`, in parentheses when written so or
// when it would otherwise bind differently.
std::string operand(const Expr& e, bool inside_all_of) {
  const bool needs = e.parenthesised || (inside_all_of && e.kind == Expr::Kind::any_of);
  return needs ? "(" + condition(e) + ")" : condition(e);
}

std::string condition(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::all_of:
    case Expr::Kind::any_of: {
      const bool all = e.kind == Expr::Kind::all_of;
      std::string out;
      for (const Expr& o : e.operands) out += (out.empty() ? "" : all ? " and " : " or ") + operand(o, all);
      return out;
    }
    case Expr::Kind::negation: {
      const Expr& o = e.operands.front();
      const bool compound = o.kind == Expr::Kind::all_of || o.kind == Expr::Kind::any_of;
      return "not " + (compound || o.parenthesised ? "(" + condition(o) + ")" : condition(o));
    }
    case Expr::Kind::test: break;
  }
  std::string out = e.fact.text;
  if (e.op.empty()) return out;
  std::vector<std::string> values;
  for (std::size_t i = 0; i < e.values.size(); ++i) values.push_back(literal(e.values[i].token, e.values[i].kind));
  if (e.op == "between") return out + " between " + values.at(0) + " and " + values.at(1);
  if (e.op == "in" || e.op == "not in") return out + " " + e.op + " {" + join(values) + "}";
  return out + " " + e.op + " " + values.at(0);
}

// A whole `when` condition, in the parentheses it was written in, if any.
std::string when_condition(const Expr& e) { return e.parenthesised ? "(" + condition(e) + ")" : condition(e); }

// A long condition: its top-level operands one per line, the operator first.
std::vector<std::string> condition_lines(const Expr& e) {
  if ((e.kind != Expr::Kind::all_of && e.kind != Expr::Kind::any_of) || e.parenthesised) return {when_condition(e)};
  const bool all = e.kind == Expr::Kind::all_of;
  std::vector<std::string> lines;
  for (const Expr& o : e.operands) lines.push_back((lines.empty() ? "" : all ? "and " : "or ") + operand(o, all));
  return lines;
}

std::string duty(const Duty& d) {
  if (!d.report) return "and must " + quoted(d.text.text);
  std::string out = "and must report";
  if (d.frequency) out += " " + d.frequency->text;
  return out + " to " + d.to_post->text;
}

std::string provision_head(const Provision& p) {
  std::string head = "para " + p.para.text;
  if (p.words) head += " " + quoted(p.words->text);
  if (p.number) head += " number " + quoted(p.number->text);
  if (!p.overrides.empty()) head += " overrides " + join(texts(p.overrides));
  return head + ":";
}

// A power's approver as written (issue 12): `CE and NED`, `(CE or FD) and
// NED`, `FD or above`; parentheses where the author wrote them.
std::string approver(const Approver& a) {
  std::string out;
  if (a.kind == Approver::Kind::place) {
    out = a.post.text + (a.or_above ? " or above" : "");
  } else {
    for (const Approver& o : a.operands)
      out += (out.empty() ? "" : a.kind == Approver::Kind::all_of ? " and " : " or ") + approver(o);
  }
  return a.parenthesised ? "(" + out + ")" : out;
}

// A stand-in (issue 12): `in the absence of CE: FD may act [for KINDS]`.
std::string stand_in(const Provision& p) {
  return "in the absence of " + p.absent->text + ": " + p.post->text + " may act" + (p.kinds.empty() ? "" : " for " + kinds(p.kinds));
}

// The signatories of an example: `FD + NED`, `FD acting for CE`.
std::string signatories(const std::vector<Signatory>& signatories) {
  std::string out;
  for (const Signatory& s : signatories)
    out += (out.empty() ? "" : " + ") + s.post.text + (s.acting_for ? " acting for " + s.acting_for->text : "");
  return out;
}

std::string provision_body(const Provision& p) {
  switch (p.kind) {
    case ProvisionKind::power: return approver(*p.approver) + " may approve " + kinds(p.kinds);
    case ProvisionKind::stand_in: return stand_in(p);
    case ProvisionKind::escalation: return p.post->text + " must approve " + kinds(p.kinds);
    case ProvisionKind::reserved: return "reserved to " + p.post->text + ": " + kinds(p.kinds);
    case ProvisionKind::requirement: return "requires " + join(quoted_all(p.items)) + " for " + kinds(p.kinds);
    case ProvisionKind::prohibition: return "no post may approve " + kinds(p.kinds);
  }
  return {};
}

// The body and what follows it, as one line.
std::string provision_tail(const Provision& p) {
  std::string out = provision_body(p);
  if (p.when) out += " when " + when_condition(*p.when);
  for (const Duty& d : p.duties) out += " " + duty(d);
  return out;
}

std::vector<std::string> provision_lines(const Provision& p) {
  const std::string head = provision_head(p);
  const std::string tail = provision_tail(p);
  if (width(head) + 1 + width(tail) <= line_width) return {head + " " + tail};
  std::vector<std::string> lines{head};
  if (width(head) > line_width && !p.overrides.empty()) {
    lines.front().resize(lines.front().rfind(" overrides "));
    lines.push_back("  overrides " + join(texts(p.overrides)) + ":");
  }
  if (2 + width(tail) <= line_width) {
    lines.push_back("  " + tail);
    return lines;
  }
  lines.push_back("  " + provision_body(p));
  if (p.when) {
    const std::string when = "    when " + when_condition(*p.when);
    if (width(when) <= line_width) {
      lines.push_back(when);
    } else {
      const auto parts = condition_lines(*p.when);
      lines.push_back("    when " + parts.front());
      for (std::size_t i = 1; i < parts.size(); ++i) lines.push_back("      " + parts[i]);
    }
  }
  for (const Duty& d : p.duties) lines.push_back("    " + duty(d));
  return lines;
}

std::string post_head(const PostDecl& p, std::size_t id_width) {
  std::string id = p.id.text;
  id.resize(std::max(id.size(), id_width), ' ');
  return "post " + id + " " + quoted(p.title.text);
}

std::vector<std::string> post_clauses(const PostDecl& p) {
  std::vector<std::string> clauses;
  if (!p.aliases.empty()) clauses.push_back("alias " + join(quoted_all(p.aliases)));
  if (p.parent) clauses.push_back((p.consent ? "consent from " : "under ") + p.parent->text);
  return clauses;
}

std::string post_line(const PostDecl& p, std::size_t id_width) {
  std::string line = post_head(p, id_width);
  for (const std::string& c : post_clauses(p)) line += " " + c;
  return line;
}

bool post_fits(const PostDecl& p) { return width(post_line(p, 0)) <= line_width; }

std::vector<std::string> post_lines(const PostDecl& p, std::size_t id_width) {
  if (post_fits(p)) return {post_line(p, id_width)};
  std::vector<std::string> lines{post_head(p, 0)};
  for (const std::string& c : post_clauses(p)) lines.push_back("  " + c);
  return lines;
}

// A list that may not fit: `keyword a, b, c`, wrapped under its first item.
std::vector<std::string> wrapped_list(const std::string& keyword, const std::vector<std::string>& items) {
  std::vector<std::string> lines;
  std::string line = keyword;
  bool line_has_item = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
    if (line_has_item && width(line) + 1 + width(item) > line_width) {
      lines.push_back(line);
      line = std::string(keyword.size(), ' ');
    }
    line += " " + item;
    line_has_item = true;
  }
  lines.push_back(line);
  return lines;
}

// `decision KIND "LABEL" phrases "A", "B"`: on one line if it fits, else the
// phrases on lines of their own (indented 2). A line of several kinds wraps
// as a list.
std::vector<std::string> decision_lines(const DecisionDecl& d) {
  std::vector<std::string> entries;
  for (std::size_t i = 0; i < d.kinds.size(); ++i) {
    std::string entry = d.kinds[i].text;
    if (i < d.labels.size() && d.labels[i]) entry += " " + quoted(d.labels[i]->text);
    if (i < d.phrases.size() && !d.phrases[i].empty()) entry += " phrases " + join(quoted_all(d.phrases[i]));
    entries.push_back(std::move(entry));
  }
  if (d.kinds.size() != 1 || d.phrases.front().empty() || width("decision " + entries.front()) <= line_width)
    return wrapped_list("decision", entries);
  std::string head = "decision " + d.kinds.front().text;
  if (d.labels.front()) head += " " + quoted(d.labels.front()->text);
  std::vector<std::string> lines{head};
  for (const std::string& line : wrapped_list("  phrases", quoted_all(d.phrases.front()))) lines.push_back(line);
  return lines;
}

std::vector<std::string> example_lines(const ExampleDecl& e) {
  std::vector<std::string> lines{"example " + quoted(e.name.text) + ":"};
  std::string decision = "  " + e.kind.text;
  for (const ExampleFact& f : e.facts) decision += " " + f.fact.text + " " + literal(f.value.token, f.value.kind);
  decision += " approver " + signatories(e.approver);
  if (e.date) decision += " on " + e.date->text;
  lines.push_back(decision);
  if (!e.evidence.empty()) lines.push_back("  evidence " + join(quoted_all(e.evidence)));
  std::string expect = "  expect " + e.outcome.text;
  if (!e.paras.empty()) expect += " by " + join(texts(e.paras));
  if (!e.lowest.empty()) {
    std::vector<std::string> sets;
    for (const std::vector<Token>& set : e.lowest) sets.push_back(join(texts(set), " + "));
    expect += " lowest " + join(sets);
  }
  lines.push_back(expect);
  for (const RequirementExpectation& r : e.requirements) lines.push_back("    " + r.status.text + " " + join(quoted_all(r.items)));
  return lines;
}

// `known CODE for KINDS when COND: "REASON"` on one line if it fits; else the
// reason on a line of its own (indented 2), and then `when` too (indented 4),
// a long condition one operand per line as in a provision.
std::vector<std::string> known_lines(const KnownDecl& k) {
  const std::string head = "known " + k.code.text + (k.kinds.empty() ? " para " + join(texts(k.paras)) : " for " + kinds(k.kinds));
  const std::string when = k.when ? " when " + condition(*k.when) : "";
  const std::string reason = quoted(k.reason.text);
  if (width(head + when) + 2 + width(reason) <= line_width) return {head + when + ": " + reason};
  if (width(head + when) + 1 <= line_width) return {head + when + ":", "  " + reason};
  std::vector<std::string> lines{head};
  if (k.when) {
    if (width("    when " + condition(*k.when)) + 1 <= line_width) {
      lines.push_back("    when " + condition(*k.when));
    } else {
      const auto parts = condition_lines(*k.when);
      lines.push_back("    when " + parts.front());
      for (std::size_t i = 1; i < parts.size(); ++i) lines.push_back("      " + parts[i]);
    }
  }
  lines.back() += ":";
  lines.push_back("  " + reason);
  return lines;
}

struct Renderer {
  std::size_t post_id_width = 0;   // for a run of one-line posts
  std::size_t para_head_width = 0; // for a run of one-line provisions

  std::vector<std::string> operator()(const SchemeDecl& s) const { return {"scheme " + quoted(s.title.text)}; }
  std::vector<std::string> operator()(const VersionDecl& v) const {
    std::string line = "version " + quoted(v.label.text) + " in force from " + v.from.text;
    if (v.until) line += " until " + v.until->text;
    return {line};
  }
  std::vector<std::string> operator()(const CurrencyDecl& c) const { return {"currency " + c.code.text}; }
  std::vector<std::string> operator()(const PostDecl& p) const { return post_lines(p, post_id_width); }
  std::vector<std::string> operator()(const DecisionDecl& d) const { return decision_lines(d); }
  std::vector<std::string> operator()(const FactDecl& f) const {
    std::string type = f.type.text;
    if (type == "enum") type += " {" + join(texts(f.members)) + "}";
    return {"fact " + join(texts(f.names)) + ": " + type};
  }
  std::vector<std::string> operator()(const Provision& p) const {
    auto lines = provision_lines(p);
    if (lines.size() == 1 && para_head_width) {
      std::string head = provision_head(p);
      head.append(para_head_width > width(head) ? para_head_width - width(head) : 0, ' ');
      return {head + " " + provision_tail(p)};
    }
    return lines;
  }
  std::vector<std::string> operator()(const ExampleDecl& e) const { return example_lines(e); }
  std::vector<std::string> operator()(const KnownDecl& k) const { return known_lines(k); }
};

bool one_line_post(const Statement& s) {
  const auto* p = std::get_if<PostDecl>(&s);
  return p && post_fits(*p);
}
bool one_line_provision(const Statement& s) {
  const auto* p = std::get_if<Provision>(&s);
  return p && provision_lines(*p).size() == 1;
}

FormatResult format(const SourcePtr& source) {
  FormatResult result;
  const std::string& text = source->text();
  if (!check_rule_text(source, result.diagnostics)) return result;
  const ParseResult parsed = parse(text);
  for (const ParseError& e : parsed.errors)
    result.diagnostics.push_back(make_diagnostic(Code::parse, Span{source, e.offset, 1}, e.message, e.help));
  if (!parsed.errors.empty()) return result;

  // Statements and comments in the order they are written.
  struct Item {
    std::size_t begin = 0, end = 0;
    int statement = -1;        // index, or -1 for a comment
    const Comment* comment = nullptr;
  };
  const std::vector<Comment>& comments = parsed.comments;
  std::vector<Item> items;
  std::vector<std::vector<const Comment*>> inner(parsed.statements.size());  // comments written inside a statement
  std::size_t c = 0;
  for (std::size_t s = 0; s <= parsed.statements.size(); ++s) {
    const std::size_t begin = s < parsed.statements.size() ? parsed.extents[s].begin : text.size() + 1;
    for (; c < comments.size() && comments[c].text.offset < begin; ++c)
      items.push_back(Item{comments[c].text.offset, comments[c].text.offset + comments[c].text.length, -1, &comments[c]});
    if (s == parsed.statements.size()) break;
    const std::size_t end = parsed.extents[s].end;
    for (; c < comments.size() && comments[c].text.offset < end; ++c) inner[s].push_back(&comments[c]);
    items.push_back(Item{begin, end, static_cast<int>(s), nullptr});
  }

  auto blank_line_between = [&](std::size_t from, std::size_t to) {
    return std::count(text.begin() + static_cast<std::ptrdiff_t>(from), text.begin() + static_cast<std::ptrdiff_t>(to), '\n') >= 2;
  };
  // Runs of one-line posts or provisions with nothing between them line up.
  std::vector<Renderer> renderers(parsed.statements.size());
  // A statement with comments inside starts a run but cannot continue one:
  // its comments are printed before it.
  auto is = [&](std::size_t k, bool (*kind)(const Statement&)) {
    return items[k].statement >= 0 && kind(parsed.statements[static_cast<std::size_t>(items[k].statement)]);
  };
  for (std::size_t i = 0; i < items.size();) {
    bool (*kind)(const Statement&) = nullptr;
    if (is(i, one_line_post)) kind = one_line_post;
    else if (is(i, one_line_provision)) kind = one_line_provision;
    if (!kind) {
      ++i;
      continue;
    }
    // The run goes on past comments at the ends of its lines.
    std::vector<std::size_t> members{i};
    std::size_t j = i + 1;
    for (; j < items.size(); ++j) {
      if (items[j].comment && !items[j].comment->own_line) continue;
      if (!is(j, kind) || !inner[static_cast<std::size_t>(items[j].statement)].empty() ||
          blank_line_between(items[j - 1].end, items[j].begin))
        break;
      members.push_back(j);
    }
    std::size_t column = 0;  // where the aligned part starts
    for (std::size_t k : members) {
      const Statement& s = parsed.statements[static_cast<std::size_t>(items[k].statement)];
      if (const auto* p = std::get_if<PostDecl>(&s)) column = std::max(column, p->id.text.size());
      else column = std::max(column, width(provision_head(std::get<Provision>(s))));
    }
    if (members.size() > 1)
      for (std::size_t k : members) {
        Renderer& r = renderers[static_cast<std::size_t>(items[k].statement)];
        (kind == one_line_post ? r.post_id_width : r.para_head_width) = column;
      }
    i = j;
  }

  std::string out;
  std::size_t previous_end = 0;
  bool first = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    // A comment on the line where the previous item ends stays there.
    if (item.comment && !item.comment->own_line && !first) {
      out.pop_back();  // the newline
      out += "  " + item.comment->text.text + "\n";
      previous_end = item.end;
      continue;
    }
    if (!first && blank_line_between(previous_end, item.begin)) out += "\n";
    first = false;
    if (item.comment) {
      out += item.comment->text.text + "\n";
    } else {
      const auto s = static_cast<std::size_t>(item.statement);
      for (const Comment* comment : inner[s]) out += comment->text.text + "\n";
      for (const std::string& line : std::visit(renderers[s], parsed.statements[s])) out += line + "\n";
    }
    previous_end = item.end;
  }
  result.text = std::move(out);
  return result;
}

}  // namespace
}  // namespace remit::syntax

namespace remit {

FormatResult format_source(const SourcePtr& source) { return syntax::format(source); }

}  // namespace remit
