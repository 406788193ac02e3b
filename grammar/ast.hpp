#pragma once
// Spirit's own parse tree: boost::variant and boost::optional, as X3 needs.
// Private to grammar/; parse.cpp lowers it into remit::syntax.
#include <boost/optional.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <vector>

#include "grammar/parse.hpp"

namespace remit::grammar::ast {

namespace x3 = boost::spirit::x3;
using Iterator = char const*;
// Every leaf is the range of text it matched: its text and its position.
using Token = boost::iterator_range<Iterator>;

// A value as written, tagged by the rule that matched it.
struct Literal {
  Token text;
  syntax::LiteralKind kind = syntax::LiteralKind::name;
};
struct Test {
  Token op;
  std::vector<Literal> values;
};
struct Comparison {
  Token fact;
  boost::optional<Test> test;
};
struct Negation;
struct Expr;
struct Primary : x3::variant<Comparison, x3::forward_ast<Negation>, x3::forward_ast<Expr>> {
  using base_type::base_type;
  using base_type::operator=;
};
struct Negation {
  Token keyword;
  Primary operand;
};
struct OpTerm {
  Token op;
  Primary operand;
};
struct Expr {
  Primary first;
  std::vector<OpTerm> rest;
};

struct SchemeDecl {
  Token keyword;
  Token title;
};
struct VersionDecl {
  Token label;
  Token from;
  boost::optional<Token> until;
};
struct CurrencyDecl {
  Token keyword;
  Token code;
};
struct ParentLink {
  Token relation;
  Token post;
};
struct PostDecl {
  Token id;
  Token title;
  std::vector<Token> aliases;
  boost::optional<ParentLink> parent;
};
// A kind, with its label and phrases: `commitment "Orders and contracts" phrases "order"`.
struct KindEntry {
  Token name;
  boost::optional<Token> label;
  std::vector<Token> phrases;
};
struct DecisionDecl {
  Token keyword;
  std::vector<KindEntry> kinds;
};
struct FactType {
  Token name;
  std::vector<Token> members;
};
struct FactDecl {
  std::vector<Token> names;
  FactType type;
};
struct Duty {
  Token head;
  boost::optional<Token> frequency;
  boost::optional<Token> post;
};
// Joint approvals and stand-ins (issue 12): `(CE or FD) and NED`, `FD or above`.
struct ApproverPlace {
  Token post;
  boost::optional<Token> or_above;
};
struct ApproverExpr;
struct ApproverPrimary : x3::variant<ApproverPlace, x3::forward_ast<ApproverExpr>> {
  using base_type::base_type;
  using base_type::operator=;
};
using ApproverTerm = std::vector<ApproverPrimary>;  // joined by `and`
struct ApproverExpr {
  ApproverTerm first;
  std::vector<ApproverTerm> rest;  // each after `or`
};
struct StandIn {
  Token absent;
  Token post;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
struct Signatory {
  Token post;
  boost::optional<Token> acting_for;
};

struct Power {
  ApproverExpr approver;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
  std::vector<Duty> duties;
};
struct Escalation {
  Token post;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
struct Reservation {
  Token post;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
struct Requirement {
  std::vector<Token> items;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
// `no post may approve KINDS [when COND]`.
struct Prohibition {
  Token keyword;
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
struct Body : x3::variant<Power, Escalation, Reservation, Requirement, Prohibition, StandIn> {
  using base_type::base_type;
  using base_type::operator=;
};
struct Provision {
  Token para;
  boost::optional<Token> words;
  boost::optional<Token> number;  // `number "4.13"`: the scheme's own number
  std::vector<Token> overrides;
  Body body;
};
struct ExampleFact {
  Token fact;
  Literal value;
};
struct RequirementExpectation {
  Token status;
  std::vector<Token> items;
};
struct Expectation {
  Token outcome;
  std::vector<Token> paras;
  std::vector<std::vector<Token>> lowest;  // sets of posts joined by `+`
  std::vector<RequirementExpectation> requirements;
};
struct ExampleDecl {
  Token keyword;
  Token name;
  Token kind;
  std::vector<ExampleFact> facts;
  std::vector<Signatory> approver;
  boost::optional<Token> date;
  std::vector<Token> evidence;
  Expectation expect;
};
struct KnownRegion {
  std::vector<Token> kinds;
  boost::optional<Expr> when;
};
struct KnownTarget : x3::variant<KnownRegion, std::vector<Token>> {
  using base_type::base_type;
  using base_type::operator=;
};
struct KnownDecl {
  Token keyword;
  Token code;
  KnownTarget target;
  Token reason;
};
struct Statement
    : x3::variant<SchemeDecl, VersionDecl, CurrencyDecl, PostDecl, DecisionDecl, FactDecl, Provision, ExampleDecl, KnownDecl> {
  using base_type::base_type;
  using base_type::operator=;
};

}  // namespace remit::grammar::ast
