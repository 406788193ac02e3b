#pragma once
// What a parse tree means, as a string: every token's text and every
// structural choice, without positions. Two texts that parse to the same
// string say the same thing (used by the `remit fmt` tests and fuzz target).
#include <sstream>
#include <string>
#include <variant>

#include "grammar/parse.hpp"

namespace remit::testing {

// The meaning of a parse tree: every token's text and every structural
// choice, without positions.
// `true` and `false` are keywords, so their case means nothing.
inline std::string literal_meaning(const syntax::Token& t, syntax::LiteralKind kind) {
  if (kind != syntax::LiteralKind::boolean) return t.text;
  std::string lower = t.text;
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower;
}

inline std::string syntax_meaning(const syntax::Expr& e) {
  using K = syntax::Expr::Kind;
  std::string out = e.parenthesised ? "(" : "";
  switch (e.kind) {
    case K::all_of:
    case K::any_of:
      out += e.kind == K::all_of ? "all[" : "any[";
      for (const auto& o : e.operands) out += syntax_meaning(o) + ";";
      out += "]";
      break;
    case K::negation: out += "not[" + syntax_meaning(e.operands.front()) + "]"; break;
    case K::test:
      out += e.fact.text + " " + e.op;
      for (std::size_t i = 0; i < e.values.size(); ++i)
        out += " " + std::to_string(static_cast<int>(e.values[i].kind)) + ":" + literal_meaning(e.values[i].token, e.values[i].kind);
      break;
  }
  return out + (e.parenthesised ? ")" : "");
}

// A power's approver (issue 12): its places and their `and` and `or`.
inline std::string syntax_meaning(const syntax::Approver& a) {
  using K = syntax::Approver::Kind;
  std::string out = a.parenthesised ? "(" : "";
  if (a.kind == K::place) {
    out += a.post.text + (a.or_above ? "+above" : "");
  } else {
    out += a.kind == K::all_of ? "and[" : "or[";
    for (const auto& o : a.operands) out += syntax_meaning(o) + ";";
    out += "]";
  }
  return out + (a.parenthesised ? ")" : "");
}

inline std::string join_texts(const std::vector<syntax::Token>& ts) {
  std::string out;
  for (const auto& t : ts) out += t.text + "|";
  return out;
}

inline std::string syntax_meaning(const syntax::ParseResult& parsed) {
  std::ostringstream out;
  for (const auto& s : parsed.statements) {
    if (auto* d = std::get_if<syntax::SchemeDecl>(&s)) out << "scheme " << d->title.text;
    if (auto* d = std::get_if<syntax::VersionDecl>(&s)) out << "version " << d->label.text << d->from.text << (d->until ? d->until->text : "");
    if (auto* d = std::get_if<syntax::CurrencyDecl>(&s)) out << "currency " << d->code.text;
    if (auto* d = std::get_if<syntax::PostDecl>(&s))
      out << "post " << d->id.text << d->title.text << join_texts(d->aliases) << (d->parent ? d->parent->text : "") << d->consent;
    if (auto* d = std::get_if<syntax::DecisionDecl>(&s)) {
      out << "decision " << join_texts(d->kinds);
      for (std::size_t i = 0; i < d->labels.size(); ++i)
        out << (d->labels[i] ? d->labels[i]->text : "-") << join_texts(d->phrases[i]) << ";";
    }
    if (auto* d = std::get_if<syntax::FactDecl>(&s)) out << "fact " << join_texts(d->names) << d->type.text << join_texts(d->members);
    if (auto* p = std::get_if<syntax::Provision>(&s)) {
      out << "para " << p->para.text << (p->words ? p->words->text : "-") << " number " << (p->number ? p->number->text : "-") << join_texts(p->overrides) << static_cast<int>(p->kind)
          << (p->post ? p->post->text : "-") << (p->approver ? syntax_meaning(*p->approver) : "-")
          << (p->absent ? p->absent->text : "-") << join_texts(p->kinds) << (p->when ? syntax_meaning(*p->when) : "-") << join_texts(p->items);
      for (const auto& d : p->duties)
        out << " duty " << d.report << d.text.text << (d.frequency ? d.frequency->text : "") << (d.to_post ? d.to_post->text : "");
    }
    if (auto* e = std::get_if<syntax::ExampleDecl>(&s)) {
      out << "example " << e->name.text << e->kind.text;
      for (const auto& f : e->facts) out << f.fact.text << "=" << literal_meaning(f.value.token, f.value.kind) << static_cast<int>(f.value.kind) << ",";
      for (const auto& a : e->approver) out << a.post.text << (a.acting_for ? " for " + a.acting_for->text : "") << "+";
      out << (e->date ? e->date->text : "") << join_texts(e->evidence) << e->outcome.text << join_texts(e->paras);
      for (const auto& set : e->lowest) out << join_texts(set) << ",";
      for (const auto& r : e->requirements) out << r.status.text << join_texts(r.items);
    }
    if (auto* k = std::get_if<syntax::KnownDecl>(&s))
      out << "known " << k->code.text << join_texts(k->kinds) << (k->when ? syntax_meaning(*k->when) : "-") << join_texts(k->paras)
          << k->reason.text;
    out << "\n";
  }
  return out.str();
}

}  // namespace remit::testing
