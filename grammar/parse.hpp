#pragma once
// The parse tree of one rule file, free of Boost: the only grammar header
// that code outside grammar/ includes. It mirrors the text (every token keeps
// its byte offset); names are not resolved and types not checked here.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "remit/provision_kind.hpp"

namespace remit::syntax {

struct Token {
  std::string text;  // as written; for strings, the decoded contents
  std::size_t offset = 0;
  std::size_t length = 0;
};

// A condition. Tests compare one fact with literal values; `op` is empty for
// a bare flag, else one of < <= > >= = != between in "not in".
enum class LiteralKind { name, string, money, integer, date, boolean };
// A value as written, tagged by the grammar rule that matched it.
struct Literal {
  Token token;
  LiteralKind kind = LiteralKind::name;
};

struct Expr {
  enum class Kind { all_of, any_of, negation, test };
  Kind kind = Kind::test;
  std::vector<Expr> operands;  // all_of, any_of: two or more; negation: one
  Token fact;
  std::string op;
  Token op_token;
  std::vector<Literal> values;
  std::size_t offset = 0;  // where the condition starts
  std::size_t end = 0;     // one past its last character
  bool parenthesised = false;  // written in parentheses (kept by `remit fmt`)
};

struct SchemeDecl {
  Token keyword;
  Token title;
};
struct VersionDecl {
  Token label;
  Token from;
  std::optional<Token> until;
};
struct CurrencyDecl {
  Token keyword;
  Token code;
};
struct PostDecl {
  Token id;
  Token title;
  std::vector<Token> aliases;
  std::optional<Token> parent;
  bool consent = false;  // `consent from` rather than `under`
};
struct DecisionDecl {
  Token keyword;
  std::vector<Token> kinds;
  std::vector<std::optional<Token>> labels;    // per kind: `"Orders and contracts"`, decoded
  std::vector<std::vector<Token>> phrases;     // per kind: `phrases "order", "contract"`, decoded
};
struct FactDecl {
  std::vector<Token> names;
  Token type;
  std::vector<Token> members;  // for enum
};
struct Duty {
  bool report = false;              // `report [freq] to POST`, else free text
  Token text;                       // "report" or the quoted duty
  std::optional<Token> frequency;   // quarterly, annually…
  std::optional<Token> to_post;
};

// Who must sign for a power (issue 12): a post, `POST or above`, or posts
// joined by `and` and `or` (`(CE or FD) and NED`), as written.
struct Approver {
  enum class Kind { place, all_of, any_of };
  Kind kind = Kind::place;
  Token post;                       // a place
  bool or_above = false;            // a place written `POST or above`
  std::vector<Approver> operands;   // all_of, any_of: two or more
  bool parenthesised = false;       // written in parentheses (kept by `remit fmt`)
};

struct Provision {
  Token para;
  std::optional<Token> words;
  std::optional<Token> number;  // `number "4.13"`, decoded
  std::vector<Token> overrides;
  ProvisionKind kind = ProvisionKind::power;
  std::optional<Token> post;  // escalations, reserved matters, stand-ins (the post that may act); absent for requirements, prohibitions and powers
  std::optional<Approver> approver;  // powers
  std::optional<Token> absent;       // stand-ins: the post stood in for
  std::vector<Token> kinds;   // "*" stands for `any decision`
  std::optional<Expr> when;
  std::vector<Duty> duties;
  std::vector<Token> items;  // requirement items
};

// An example: a proposed decision and the verdict it must get (`remit test`).
struct ExampleFact {
  Token fact;
  Literal value;
};
// One signatory of an example: `FD`, or `FD acting for CE`.
struct Signatory {
  Token post;
  std::optional<Token> acting_for;
};
struct RequirementExpectation {
  Token status;  // text normalised to `met`, `missing` or `not evidenced`
  std::vector<Token> items;
};
struct ExampleDecl {
  Token keyword;
  Token name;
  Token kind;
  std::vector<ExampleFact> facts;
  std::vector<Signatory> approver;  // joined by `+`
  std::optional<Token> date;
  std::vector<Token> evidence;
  Token outcome;  // text normalised to `authorised`, `not authorised`, `no authority` or `undetermined`
  std::vector<Token> paras;  // `by`: the deciding paragraphs
  std::vector<std::vector<Token>> lowest;  // `lowest CE + NED, FD + NED`; empty when not given
  std::vector<RequirementExpectation> requirements;
};

// A finding of `remit analyse` the scheme keeps: `known CODE for KINDS [when
// COND]: "REASON"` (the region form) or `known CODE para REF, …: "REASON"`.
struct KnownDecl {
  Token keyword;
  Token code;
  std::vector<Token> kinds;  // the region form ("*" stands for `any decision`)
  std::optional<Expr> when;
  std::vector<Token> paras;  // the paragraph form
  Token reason;
};

using Statement = std::variant<SchemeDecl, VersionDecl, CurrencyDecl, PostDecl, DecisionDecl, FactDecl, Provision, ExampleDecl, KnownDecl>;

// Where a statement's text starts and ends (one past its last character;
// comments after it are not part of it).
struct Extent {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct ParseError {
  std::size_t offset = 0;
  std::string message;
  std::string help;
};

// A `#` comment: its text (to the end of its line, trailing blanks dropped)
// and where it is.
struct Comment {
  Token text;
  bool own_line = false;  // nothing but blanks before it on its line
};

struct ParseResult {
  std::vector<Statement> statements;
  std::vector<Comment> comments;   // every one in the file, in order, whether or not the statements parsed
  std::vector<Extent> extents;     // one per statement
  std::vector<ParseError> errors;  // one per statement that failed; parsing resumes at the next statement
};

ParseResult parse(std::string_view text);

}  // namespace remit::syntax
