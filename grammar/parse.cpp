// Runs the grammar statement by statement, so that one syntax error does not
// hide the next, and lowers Spirit's tree into the Boost-free remit::syntax.
#include "grammar/parse.hpp"

#include "grammar/ascii.hpp"
#include "grammar/ast.hpp"
#include "grammar/config.hpp"
#include "grammar/remit.hpp"

namespace remit::syntax {
namespace {

namespace ast = grammar::ast;
namespace x3 = boost::spirit::x3;
using grammar::ascii_lower;
using grammar::is_keyword;
using grammar::is_word_char;

class Lowering {
 public:
  explicit Lowering(std::string_view text) : text_(text) {}

  Token token(const ast::Token& t) const {
    return Token{std::string(t.begin(), t.end()), offset(t.begin()), static_cast<std::size_t>(t.end() - t.begin())};
  }
  std::optional<Token> token(const boost::optional<ast::Token>& t) const {
    if (!t) return std::nullopt;
    return token(*t);
  }
  // A string literal's token keeps the quotes' span but holds the contents.
  Token string(const ast::Token& t) const {
    Token out = token(t);
    std::string decoded;
    for (std::size_t i = 1; i + 1 < out.text.size(); ++i) {
      if (out.text[i] == '\\' && i + 2 < out.text.size()) ++i;
      decoded.push_back(out.text[i]);
    }
    out.text = std::move(decoded);
    return out;
  }
  Literal literal(const ast::Literal& l) const { return Literal{l.kind == LiteralKind::string ? string(l.text) : token(l.text), l.kind}; }
  std::vector<Token> tokens(const std::vector<ast::Token>& ts) const {
    std::vector<Token> out;
    for (const auto& t : ts) out.push_back(token(t));
    return out;
  }
  std::vector<Token> strings(const std::vector<ast::Token>& ts) const {
    std::vector<Token> out;
    for (const auto& t : ts) out.push_back(string(t));
    return out;
  }
  std::vector<Token> kinds(const std::vector<ast::Token>& ts) const {
    std::vector<Token> out = tokens(ts);
    for (Token& t : out)
      if (t.text.find(' ') != std::string::npos || t.text.find('\t') != std::string::npos ||
          t.text.find('\n') != std::string::npos)
        t.text = "*";  // `any decision`
    return out;
  }

  Expr expr(const ast::Expr& e) const {
    // Flat `p op p op p` with `and` binding tighter than `or`.
    std::vector<Expr> disjuncts;
    std::vector<Expr> conjuncts{primary(e.first)};
    auto close_conjunction = [&] {
      if (conjuncts.size() == 1) {
        disjuncts.push_back(std::move(conjuncts.front()));
      } else {
        Expr all;
        all.kind = Expr::Kind::all_of;
        all.offset = conjuncts.front().offset;
        all.end = conjuncts.back().end;
        all.operands = std::move(conjuncts);
        disjuncts.push_back(std::move(all));
      }
      conjuncts.clear();
    };
    for (const ast::OpTerm& term : e.rest) {
      const bool is_or = ascii_lower(*term.op.begin()) == 'o';
      if (is_or) close_conjunction();
      conjuncts.push_back(primary(term.operand));
    }
    close_conjunction();
    if (disjuncts.size() == 1) return std::move(disjuncts.front());
    Expr any;
    any.kind = Expr::Kind::any_of;
    any.offset = disjuncts.front().offset;
    any.end = disjuncts.back().end;
    any.operands = std::move(disjuncts);
    return any;
  }

  Expr primary(const ast::Primary& p) const {
    struct Visitor {
      const Lowering& self;
      Expr operator()(const ast::Comparison& c) const {
        Expr out;
        out.kind = Expr::Kind::test;
        out.fact = self.token(c.fact);
        out.offset = out.fact.offset;
        if (c.test) {
          out.op_token = self.token(c.test->op);
          out.op = normalise_op(out.op_token.text);
          for (const ast::Literal& v : c.test->values) out.values.push_back(self.literal(v));
          out.end = self.offset(c.test->values.empty() ? c.test->op.end() : c.test->values.back().text.end());
        } else {
          out.end = out.fact.offset + out.fact.length;
        }
        return out;
      }
      Expr operator()(const x3::forward_ast<ast::Negation>& n) const {
        Expr out;
        out.kind = Expr::Kind::negation;
        out.offset = self.offset(n.get().keyword.begin());
        out.operands.push_back(self.primary(n.get().operand));
        out.end = out.operands.back().end;
        return out;
      }
      Expr operator()(const x3::forward_ast<ast::Expr>& e) const {
        Expr out = self.expr(e.get());
        out.parenthesised = true;
        return out;
      }
    };
    return boost::apply_visitor(Visitor{*this}, p);
  }

  static std::string normalise_op(const std::string& op) {
    std::string lower;
    bool space = false;
    for (char c : op) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = true;
        continue;
      }
      if (space && !lower.empty()) lower.push_back(' ');
      space = false;
      lower.push_back(ascii_lower(c));
    }
    return lower;
  }

  std::optional<Expr> when(const boost::optional<ast::Expr>& e) const {
    if (!e) return std::nullopt;
    return expr(*e);
  }

  Statement statement(const ast::Statement& s) const {
    struct Visitor {
      const Lowering& self;
      Statement operator()(const ast::SchemeDecl& d) const {
        return SchemeDecl{self.token(d.keyword), self.string(d.title)};
      }
      Statement operator()(const ast::VersionDecl& d) const {
        return VersionDecl{self.string(d.label), self.token(d.from), self.token(d.until)};
      }
      Statement operator()(const ast::CurrencyDecl& d) const {
        return CurrencyDecl{self.token(d.keyword), self.token(d.code)};
      }
      Statement operator()(const ast::PostDecl& d) const {
        PostDecl out{self.token(d.id), self.string(d.title), self.strings(d.aliases), std::nullopt, false};
        if (d.parent) {
          out.parent = self.token(d.parent->post);
          out.consent = ascii_lower(*d.parent->relation.begin()) == 'c';
        }
        return out;
      }
      Statement operator()(const ast::DecisionDecl& d) const {
        DecisionDecl out{self.token(d.keyword), {}, {}, {}};
        for (const ast::KindEntry& k : d.kinds) {
          out.kinds.push_back(self.token(k.name));
          out.labels.push_back(k.label ? std::optional<Token>(self.string(*k.label)) : std::nullopt);
          out.phrases.push_back(self.strings(k.phrases));
        }
        return out;
      }
      Statement operator()(const ast::FactDecl& d) const {
        FactDecl out{self.tokens(d.names), self.token(d.type.name), self.tokens(d.type.members)};
        for (char& c : out.type.text) c = ascii_lower(c);
        return out;
      }
      Statement operator()(const ast::Provision& p) const {
        Provision out;
        out.para = self.token(p.para);
        if (p.words) out.words = self.string(*p.words);
        if (p.number) out.number = self.string(*p.number);
        out.overrides = self.tokens(p.overrides);
        self.body(p.body, out);
        return out;
      }
      Statement operator()(const ast::ExampleDecl& e) const {
        ExampleDecl out;
        out.keyword = self.token(e.keyword);
        out.name = self.string(e.name);
        out.kind = self.token(e.kind);
        for (const ast::ExampleFact& f : e.facts) out.facts.push_back(ExampleFact{self.token(f.fact), self.literal(f.value)});
        for (const ast::Signatory& a : e.approver) out.approver.push_back(Signatory{self.token(a.post), self.token(a.acting_for)});
        out.date = self.token(e.date);
        out.evidence = self.strings(e.evidence);
        out.outcome = self.token(e.expect.outcome);
        out.outcome.text = normalise_op(out.outcome.text);
        out.paras = self.tokens(e.expect.paras);
        for (const auto& set : e.expect.lowest) out.lowest.push_back(self.tokens(set));
        for (const ast::RequirementExpectation& r : e.expect.requirements) {
          RequirementExpectation expectation{self.token(r.status), self.strings(r.items)};
          expectation.status.text = normalise_op(expectation.status.text);
          out.requirements.push_back(std::move(expectation));
        }
        return out;
      }
      Statement operator()(const ast::KnownDecl& k) const {
        KnownDecl out;
        out.keyword = self.token(k.keyword);
        out.code = self.token(k.code);
        if (const auto* region = boost::get<ast::KnownRegion>(&k.target)) {
          out.kinds = self.kinds(region->kinds);
          out.when = self.when(region->when);
        } else {
          out.paras = self.tokens(boost::get<std::vector<ast::Token>>(k.target));
        }
        out.reason = self.string(k.reason);
        return out;
      }
    };
    return boost::apply_visitor(Visitor{*this}, s);
  }

  void body(const ast::Body& b, Provision& out) const {
    struct Visitor {
      const Lowering& self;
      Provision& out;
      void operator()(const ast::Power& p) const {
        out.kind = ProvisionKind::power;
        out.approver = self.approver(p.approver);
        out.kinds = self.kinds(p.kinds);
        out.when = self.when(p.when);
        for (const ast::Duty& d : p.duties) {
          Duty duty;
          duty.report = d.frequency || d.post;
          duty.text = duty.report ? self.token(d.head) : self.string(d.head);
          duty.frequency = self.token(d.frequency);
          duty.to_post = self.token(d.post);
          if (duty.frequency) duty.frequency->text = normalise_op(duty.frequency->text);
          out.duties.push_back(std::move(duty));
        }
      }
      void operator()(const ast::Escalation& e) const {
        out.kind = ProvisionKind::escalation;
        out.post = self.token(e.post);
        out.kinds = self.kinds(e.kinds);
        out.when = self.when(e.when);
      }
      void operator()(const ast::Reservation& r) const {
        out.kind = ProvisionKind::reserved;
        out.post = self.token(r.post);
        out.kinds = self.kinds(r.kinds);
        out.when = self.when(r.when);
      }
      void operator()(const ast::StandIn& s) const {
        out.kind = ProvisionKind::stand_in;
        out.absent = self.token(s.absent);
        out.post = self.token(s.post);
        out.kinds = self.kinds(s.kinds);
        out.when = self.when(s.when);
      }
      void operator()(const ast::Requirement& r) const {
        out.kind = ProvisionKind::requirement;
        out.items = self.strings(r.items);
        out.kinds = self.kinds(r.kinds);
        out.when = self.when(r.when);
      }
      void operator()(const ast::Prohibition& r) const {
        out.kind = ProvisionKind::prohibition;
        out.kinds = self.kinds(r.kinds);
        out.when = self.when(r.when);
      }
    };
    boost::apply_visitor(Visitor{*this, out}, b);
  }

  // An approver as written: a place, or `and` and `or` of approvers.
  Approver approver(const ast::ApproverExpr& e) const {
    std::vector<Approver> alternatives{term(e.first)};
    for (const ast::ApproverTerm& t : e.rest) alternatives.push_back(term(t));
    return joined(std::move(alternatives), Approver::Kind::any_of);
  }
  Approver term(const ast::ApproverTerm& t) const {
    std::vector<Approver> places;
    for (const ast::ApproverPrimary& p : t) places.push_back(approver_primary(p));
    return joined(std::move(places), Approver::Kind::all_of);
  }
  // One operand as itself; two or more joined by `and` or `or`.
  static Approver joined(std::vector<Approver> operands, Approver::Kind kind) {
    if (operands.size() == 1) return std::move(operands.front());
    Approver out;
    out.kind = kind;
    out.operands = std::move(operands);
    return out;
  }
  Approver approver_primary(const ast::ApproverPrimary& p) const {
    if (const auto* place = boost::get<ast::ApproverPlace>(&p)) {
      Approver out;
      out.post = token(place->post);
      out.or_above = static_cast<bool>(place->or_above);
      return out;
    }
    Approver out = approver(boost::get<x3::forward_ast<ast::ApproverExpr>>(p).get());
    out.parenthesised = true;
    return out;
  }

  std::size_t offset(ast::Iterator it) const { return static_cast<std::size_t>(it - text_.data()); }

 private:
  std::string_view text_;
};

// Past blanks and comments: where the offending token really starts.
const char* skip_blanks(const char* it, const char* end) {
  while (it != end) {
    if (*it == ' ' || *it == '\t' || *it == '\n' || *it == '\r' || *it == '\f' || *it == '\v') {
      ++it;
    } else if (*it == '#') {
      while (it != end && *it != '\n') ++it;
    } else {
      break;
    }
  }
  return it;
}

// The next line whose first word starts a statement.
const char* next_statement(const char* from, const char* end) {
  const char* it = from;
  // Never resume inside the failed statement's first line.
  while (it != end && *it != '\n') ++it;
  while (it != end) {
    ++it;  // past '\n'
    const char* word = it;
    while (word != end && (*word == ' ' || *word == '\t' || *word == '\r')) ++word;
    const char* word_end = word;
    while (word_end != end && is_word_char(*word_end)) ++word_end;
    if (word_end != word && grammar::is_statement_keyword(std::string_view(word, static_cast<std::size_t>(word_end - word))))
      return word;
    while (it != end && *it != '\n') ++it;
  }
  return end;
}

// Whether `at` is preceded on its own line by something other than blanks.
bool continues_line(const char* begin, const char* at) {
  for (const char* it = at; it != begin; --it) {
    const char c = it[-1];
    if (c == '\n') return false;
    if (c != ' ' && c != '\t' && c != '\r') return true;
  }
  return false;
}

// Whether `at` is the first word of its line and that word starts a statement.
bool starts_statement_line(const char* begin, const char* at, const char* end) {
  if (continues_line(begin, at)) return false;
  const char* word_end = at;
  while (word_end != end && is_word_char(*word_end)) ++word_end;
  return word_end != at && grammar::is_statement_keyword(std::string_view(at, static_cast<std::size_t>(word_end - at)));
}

// The word or symbol just before `at`, to say "after `over`".
std::string previous_token(const char* begin, const char* at) {
  const char* it = at;
  // Step back over blanks; comments before `at` cannot be skipped reliably
  // backwards, so a `#` line simply yields its last word.
  while (it != begin && (it[-1] == ' ' || it[-1] == '\t' || it[-1] == '\n' || it[-1] == '\r')) --it;
  const char* end = it;
  if (it == begin) return {};
  // A word, a dotted name, or an amount such as `£500,000`.
  auto in_token = [](char c) { return is_word_char(c) || c == '.' || c == ',' || static_cast<unsigned char>(c) >= 0x80; };
  if (in_token(it[-1]) && it[-1] != ',') {
    while (it != begin && in_token(it[-1])) --it;
    while (*it == ',') ++it;
  } else {
    --it;
  }
  return std::string(it, end);
}

std::string describe_found(const char* at, const char* end) {
  if (at == end) return "the end of the file";
  if (is_word_char(*at)) {
    const char* e = at;
    while (e != end && is_word_char(*e)) ++e;
    return "`" + std::string(at, e) + "`";
  }
  if (static_cast<unsigned char>(*at) >= 0x80) {
    const char* e = at + 1;
    while (e != end && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) ++e;
    return "`" + std::string(at, e) + "`";
  }
  return "`" + std::string(1, *at) + "`";
}

std::string expected_text(const std::string& which) {
  // X3 names literal characters as 'x'; show them as code.
  if (which.size() >= 3 && which.front() == '\'' && which.back() == '\'')
    return "`" + which.substr(1, which.size() - 2) + "`";
  if (which.size() >= 3 && which.front() == '"' && which.back() == '"')
    return "`" + which.substr(1, which.size() - 2) + "`";
  return which;
}

std::string help_for(const std::string& which) {
  if (which.find("digits of an amount") != std::string::npos)
    return "an amount is a positive number in the digits 0 to 9 after `£`, such as `£500,000`, `£50k` or `£5.6m`";
  if (which.find("money") != std::string::npos) return "write an amount such as `£500,000`, `£50k` or `£5.6m`";
  if (which.find("date") != std::string::npos) return "dates are written `YYYY-MM-DD`";
  if (which.find("paragraph") != std::string::npos) return "write the paragraph number as the scheme prints it, e.g. `para 4.8:`";
  if (which.find("decision kind") != std::string::npos)
    return "decision kinds are dotted names declared with `decision`, e.g. `grant.acceptance`";
  if (which.find("a post") == 0 || which.find("a name") == 0)
    return "names start with a letter or `_`; reserved words such as `and`, `when` or `para` cannot be names";
  if (which.find("a provision:") == 0)
    return "e.g. `para 4.8: DMPC may approve grant.bid` or `para 2.1: reserved to Mayor: plan.police_and_crime`";
  if (which.find("a statement") == 0)
    return "each statement starts with a keyword; a provision is written `para REF: …`";
  if (which.find("value") != std::string::npos || which.find("condition") != std::string::npos)
    return "conditions compare a fact with a value, e.g. `amount > £500,000` or `route in {framework}`";
  if (which.find("fact type") != std::string::npos) return "e.g. `fact amount: money` or `fact route: enum {open, framework}`";
  return {};
}

// Every `#` comment outside a string. The skipper passes over them (more
// than once where the grammar backtracks), so they are gathered here, once,
// by the same rules: a comment runs to the end of its line, and a string to
// its closing quote or the end of its line.
std::vector<Comment> comments_in(std::string_view text) {
  std::vector<Comment> out;
  bool line_has_code = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_has_code = false;
    } else if (c == '"') {
      line_has_code = true;
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      if (i < text.size() && text[i] == '\n') line_has_code = false;
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::string comment(text.substr(i, end - i));
      while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r')) comment.pop_back();
      const std::size_t length = comment.size();
      out.push_back(Comment{Token{std::move(comment), i, length}, !line_has_code});
      i = end - 1;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      line_has_code = true;
    }
  }
  return out;
}

// The parser recurses once per `(` and per `not`; beyond this depth a
// condition is refused before parsing, so no input can exhaust the stack.
constexpr std::size_t max_nesting = 256;

// Where nesting first goes past the limit, if it does.
std::optional<std::size_t> too_deep_at(std::string_view text) {
  std::size_t depth = 0;
  std::size_t nots = 0;  // `not` words in a row
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '(') {
      if (++depth > max_nesting) return i;
    } else if (c == ')') {
      if (depth) --depth;
    } else if (is_word_char(c)) {
      std::size_t j = i;
      while (j < text.size() && is_word_char(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      const bool is_not = is_keyword(word, "not");
      nots = is_not ? nots + 1 : 0;
      if (nots + depth > max_nesting) return i;
      i = j - 1;
    }
  }
  return std::nullopt;
}

}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult result;
  result.comments = comments_in(text);
  if (auto at = too_deep_at(text)) {
    result.errors.push_back(ParseError{*at, "conditions are nested more than 256 deep",
                                       "split the condition into simpler provisions"});
    return result;
  }
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* it = skip_blanks(begin, end);
  Lowering lowering(text);
  // Past 100 errors (src/check/limits.hpp shows no more) the rest is not
  // parsed: 8 MiB of broken lines made a million errors and took 1 GB.
  constexpr std::size_t max_errors = 101;
  while (it != end && result.errors.size() < max_errors) {
    grammar::ast::Statement statement;
    const char* start = it;
    try {
      // No skipping after the statement, so `it` is one past its last token.
      if (x3::phrase_parse(it, end, grammar::statement(), grammar::skipper, statement, x3::skip_flag::dont_post_skip)) {
        result.statements.push_back(lowering.statement(statement));
        result.extents.push_back(Extent{static_cast<std::size_t>(start - begin), static_cast<std::size_t>(it - begin)});
        it = skip_blanks(it, end);
        continue;
      }
      const std::string prev = previous_token(begin, start);
      if (continues_line(begin, start)) {
        // Text left over on the line of a statement that parsed: it ended early.
        result.errors.push_back(ParseError{
            static_cast<std::size_t>(start - begin), "unexpected " + describe_found(start, end) + " after `" + prev + "`",
            "the statement ended at `" + prev +
                "`; compare a fact with `<`, `<=`, `>`, `>=`, `=`, `!=`, `between` or `in`, join with `,`, `and` or `or`, "
                "or start a new statement on its own line"});
      } else {
        result.errors.push_back(ParseError{
            static_cast<std::size_t>(start - begin),
            "expected a statement (`scheme`, `version`, `currency`, `post`, `decision`, `fact`, `para`, `example` or `known`), found " +
                describe_found(start, end),
            "each statement starts with its keyword; a provision is written `para REF: …`"});
      }
    } catch (const x3::expectation_failure<grammar::iterator_type>& failure) {
      if (failure.which() == grammar::string_escape_name) {
        // Only `\"` and `\\` are escapes: anything else after a backslash
        // would be read as itself, and `fmt` would drop the backslash.
        const char* backslash = failure.where() - 1;
        const char* e = failure.where();
        const bool end_of_line = e == end || *e == '\n' || *e == '\r';
        if (!end_of_line) ++e;
        while (e != end && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) ++e;
        result.errors.push_back(ParseError{static_cast<std::size_t>(backslash - begin),
                                           end_of_line ? std::string("a backslash ends the line inside a string")
                                                       : "unknown escape `" + std::string(backslash, e) + "` in a string",
                                           "a string has two escapes, `\\\"` for a quote and `\\\\` for a backslash; "
                                           "write any other character as it is"});
        it = next_statement(failure.where(), end);
        continue;
      }
      if (failure.which() == "'\"'") {
        // A string runs to the end of its line: say so there, not on the next line.
        result.errors.push_back(ParseError{static_cast<std::size_t>(failure.where() - begin),
                                           "expected `\"` to close the string, found the end of the line",
                                           "strings end on the line they start; escape a quote inside as `\\\"`"});
        it = next_statement(failure.where(), end);
        continue;
      }
      const char* where = skip_blanks(failure.where(), end);
      const std::string prev = previous_token(begin, where);
      std::string message = "expected " + expected_text(failure.which());
      if (!prev.empty()) message += " after `" + prev + "`";
      message += ", found " + describe_found(where, end);
      result.errors.push_back(ParseError{static_cast<std::size_t>(where - begin), message, help_for(failure.which())});
      // Resume at the failure itself when a new statement starts there.
      if (where > start && starts_statement_line(begin, where, end)) {
        it = where;
        continue;
      }
      start = where;
    }
    it = next_statement(start, end);
  }
  return result;
}

}  // namespace remit::syntax
