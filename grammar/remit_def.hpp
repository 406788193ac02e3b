#pragma once
// The remit grammar (grammar/remit.ebnf is its reference form). Every rule is
// named with the words a user should read in "expected …".
#include <array>
#include <string_view>

#include "grammar/ascii.hpp"
#include "grammar/ast.hpp"
#include "grammar/ast_adapted.hpp"
#include "grammar/config.hpp"
#include "grammar/remit.hpp"

namespace remit::grammar {

namespace detail {

// Words that cannot name a post, fact or member.
constexpr std::array<std::string_view, 31> reserved_words = {
    "scheme", "version", "currency", "post",     "alias", "under", "consent", "decision", "fact",   "para",
    "overrides", "may",  "must",     "approve",  "reserved", "requires", "for", "when", "and", "or",
    "not",    "in",      "between",  "any",      "true",  "false",  "to",      "from",     "report", "example",
    "known"};

// A whole word, compared without case: `para` matches `PARA` but not `parade`.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  std::string_view word;
  constexpr explicit keyword_parser(std::string_view w) : word(w) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&, Attribute&) const {
    x3::skip_over(first, last, context);
    Iterator it = first;
    for (char expected : word) {
      if (it == last || ascii_lower(*it) != expected) return false;
      ++it;
    }
    if (it != last && is_word_char(*it)) return false;
    first = it;
    return true;
  }
};

// Succeeds (consuming nothing) on any reserved word: the guard before names.
// With `dotted_names_allowed`, a reserved word that starts a dotted name
// (`scheme.amendment`) is not a reserved word.
struct reserved_word_parser : x3::parser<reserved_word_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  bool dotted_names_allowed = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&, Attribute&) const {
    x3::skip_over(first, last, context);
    Iterator it = first;
    std::string word;
    while (it != last && is_word_char(*it) && word.size() < 16) word.push_back(ascii_lower(*it++));
    if (it != last && is_word_char(*it)) return false;
    if (dotted_names_allowed && it != last && *it == '.') return false;
    for (std::string_view r : reserved_words)
      if (word == r) return true;
    return false;
  }
};

constexpr keyword_parser kw(std::string_view w) { return keyword_parser(w); }

}  // namespace detail
}  // namespace remit::grammar

namespace boost::spirit::x3 {
template <>
struct get_info<remit::grammar::detail::keyword_parser> {
  using result_type = std::string;
  std::string operator()(remit::grammar::detail::keyword_parser const& p) const {
    return "`" + std::string(p.word) + "`";
  }
};
}  // namespace boost::spirit::x3

namespace remit::grammar {

using detail::kw;
using x3::lexeme;
using x3::lit;
using x3::raw;
namespace ascii = x3::ascii;
using Token = ast::Token;

// clang-format off
x3::rule<class identifier_class, Token> const identifier = "a name";
x3::rule<class post_name_class, Token> const post_name = "a post";
x3::rule<class fact_name_class, Token> const fact_name = "a fact name";
x3::rule<class kind_name_class, Token> const kind_name = "a decision kind such as `grant.award`";
x3::rule<class kind_pattern_class, Token> const kind_pattern = "a decision kind, a family such as `grant.*`, or `any decision`";
x3::rule<class kind_list_class, std::vector<Token>> const kind_list = "a list of decision kinds";
x3::rule<class para_ref_class, Token> const para_ref = "a paragraph reference such as `4.8`";
x3::rule<class string_class, Token> const string_literal = "a quoted string";
x3::rule<class string_escape_class> const string_escape = string_escape_name;
x3::rule<class date_class, Token> const date_literal = "a date such as `2020-04-01`";
x3::rule<class money_class, Token> const money_literal = "a money amount such as `£500,000`";
x3::rule<class money_digits_class> const money_digits = "the digits of an amount";
x3::rule<class integer_class, Token> const integer_literal = "a whole number";
x3::rule<class currency_code_class, Token> const currency_code = "a currency code such as `GBP`";
x3::rule<class boolean_class, Token> const boolean_literal = "`true` or `false`";
x3::rule<class value_class, ast::Literal> const value = "a value (an amount, a date, a number, a name or a string)";
x3::rule<class single_value_class, std::vector<ast::Literal>> const single_value = "a value (an amount, a date, a number, a name or a string)";
x3::rule<class between_values_class, std::vector<ast::Literal>> const between_values = "two values joined by `and`";
x3::rule<class value_set_class, std::vector<ast::Literal>> const value_set = "a set of values in braces, such as `{framework, open}`";
x3::rule<class test_class, ast::Test> const test = "a comparison";
x3::rule<class comparison_class, ast::Comparison> const comparison = "a condition on a fact";
x3::rule<class negation_class, ast::Negation> const negation = "a negated condition";
x3::rule<class primary_class, ast::Primary> const primary = "a condition";
x3::rule<class op_term_class, ast::OpTerm> const op_term = "`and` or `or` and a condition";
x3::rule<class expr_class, ast::Expr> const expr = "a condition";
x3::rule<class when_class, ast::Expr> const when_clause = "`when` and a condition";
x3::rule<class scheme_decl_class, ast::SchemeDecl> const scheme_decl = "a scheme title";
x3::rule<class version_decl_class, ast::VersionDecl> const version_decl = "a version header";
x3::rule<class currency_decl_class, ast::CurrencyDecl> const currency_decl = "a currency";
x3::rule<class parent_class, ast::ParentLink> const parent_link = "`under POST` or `consent from POST`";
x3::rule<class alias_list_class, std::vector<Token>> const alias_list = "aliases";
x3::rule<class post_decl_class, ast::PostDecl> const post_decl = "a post declaration";
x3::rule<class phrase_list_class, std::vector<Token>> const phrase_list = "a phrase in quotes, such as `\"order\"`";
x3::rule<class kind_phrases_class, std::vector<Token>> const kind_phrases = "`phrases` and quoted phrases";
x3::rule<class kind_entry_class, ast::KindEntry> const kind_entry = "a decision kind, optionally with a quoted label and `phrases`";
x3::rule<class decision_decl_class, ast::DecisionDecl> const decision_decl = "a list of decision kinds";
x3::rule<class simple_type_class, ast::FactType> const simple_type = "a fact type";
x3::rule<class enum_type_class, ast::FactType> const enum_type = "an enumeration";
x3::rule<class fact_type_class, ast::FactType> const fact_type = "a fact type: `money`, `flag`, `integer`, `text`, `date` or `enum {…}`";
x3::rule<class fact_decl_class, ast::FactDecl> const fact_decl = "a fact declaration";
x3::rule<class frequency_class, Token> const frequency = "how often";
x3::rule<class report_duty_class, ast::Duty> const report_duty = "a reporting duty";
x3::rule<class text_duty_class, ast::Duty> const text_duty = "a duty in quotes";
x3::rule<class duty_class, ast::Duty> const duty = "a duty: `report … to POST` or a quoted text";
// Joint approvals and stand-ins (issue 12).
x3::rule<class approver_place_class, ast::ApproverPlace> const approver_place = "a post, or `POST or above`";
x3::rule<class approver_primary_class, ast::ApproverPrimary> const approver_primary = "a post, or signatories in parentheses";
x3::rule<class approver_term_class, ast::ApproverTerm> const approver_term = "signatories joined by `and`";
x3::rule<class approver_alternative_class, ast::ApproverTerm> const approver_alternative = "`or` and signatories";
x3::rule<class approver_expr_class, ast::ApproverExpr> const approver_expr = "an approver: a post, or posts joined by `and` and `or`";
x3::rule<class stand_in_kinds_class, std::vector<Token>> const stand_in_kinds = "`for` and decision kinds";
x3::rule<class stand_in_class, ast::StandIn> const stand_in = "a stand-in: `in the absence of POST: POST may act`";
x3::rule<class signatory_class, ast::Signatory> const signatory = "a post, or `POST acting for POST`";
x3::rule<class signatories_class, std::vector<ast::Signatory>> const signatories = "an approver: posts joined by `+`";
x3::rule<class signatory_set_class, std::vector<Token>> const signatory_set = "posts joined by `+`";
x3::rule<class lowest_sets_class, std::vector<std::vector<Token>>> const lowest_sets = "posts joined by `+`, sets separated by `,`";
x3::rule<class one_post_class> const one_post_only = "one post: escalations and reserved matters name one post (`CE must approve …`); posts that sign together may approve (`CE and NED may approve …`)";
x3::rule<class joint_escalation_class, ast::Escalation> const joint_escalation = "an escalation";
x3::rule<class power_class, ast::Power> const power = "a power";
x3::rule<class escalation_class, ast::Escalation> const escalation = "an escalation";
x3::rule<class reservation_class, ast::Reservation> const reservation = "a reserved matter";
x3::rule<class requirement_class, ast::Requirement> const requirement = "a requirement";
x3::rule<class prohibition_class, ast::Prohibition> const prohibition = "a prohibition";
x3::rule<class body_class, ast::Body> const body = "a provision: `POST may approve …`, `POST must approve …`, `reserved to POST: …`, `requires …` or `no post may approve …`";
x3::rule<class overrides_class, std::vector<Token>> const overrides_clause = "`overrides` and paragraph references";
x3::rule<class number_clause_class, Token> const number_clause = "`number` and the scheme's own number in quotes, such as `number \"4.13\"`";
x3::rule<class provision_class, ast::Provision> const provision = "a provision";
x3::rule<class example_fact_class, ast::ExampleFact> const example_fact = "a fact and its value, such as `amount £5.6m`";
x3::rule<class example_value_class, ast::Literal> const example_value = "a value (an amount, a date, a number, `true` or `false`, a name or a string)";
x3::rule<class outcome_class, Token> const outcome = "an outcome: `authorised`, `not authorised`, `no authority` or `undetermined`";
x3::rule<class requirement_expectation_class, ast::RequirementExpectation> const requirement_expectation = "`met`, `missing` or `not evidenced` and requirement items in quotes";
x3::rule<class expectation_class, ast::Expectation> const expectation = "`expect` and an outcome";
x3::rule<class example_decl_class, ast::ExampleDecl> const example_decl = "an example";
x3::rule<class known_region_class, ast::KnownRegion> const known_region = "`for` and decision kinds";
x3::rule<class known_paras_class, std::vector<Token>> const known_paras = "`para` and paragraph references";
x3::rule<class known_target_class, ast::KnownTarget> const known_target = "`for KINDS [when CONDITION]` or `para REF, …`";
x3::rule<class known_decl_class, ast::KnownDecl> const known_decl = "a known finding";
statement_type const statement_rule = "a statement: `scheme`, `version`, `currency`, `post`, `decision`, `fact`, `para`, `example` or `known`";

auto const word_start = ascii::alpha | lit('_');
auto const word_char = ascii::alnum | lit('_');
auto const not_reserved = !detail::reserved_word_parser{};
auto const not_reserved_kind = !detail::reserved_word_parser{{}, true};

auto const identifier_def = not_reserved >> raw[lexeme[word_start >> *word_char]];
auto const post_name_def = identifier;
auto const fact_name_def = identifier;
auto const kind_name_def = not_reserved_kind >> raw[lexeme[word_start >> *word_char >> *('.' >> word_start >> *word_char)]];
auto const kind_pattern_def =
    raw[kw("any") > kw("decision")]
  | raw[lit('*')]
  | not_reserved_kind >> raw[lexeme[word_start >> *word_char >> *('.' >> word_start >> *word_char) >> -lit(".*")]];
auto const kind_list_def = kind_pattern % ',';
// `-` joins parts as `.` does (`RNOH-L4`, issue 12's schemes).
auto const para_ref_def = raw[lexeme[ascii::alnum >> *(word_char | (lit('.') >> &ascii::alnum) | (lit('-') >> &ascii::alnum) | lit('(') | lit(')'))]];
auto const string_escape_def = lit('"') | lit('\\');
auto const string_literal_def = raw[lexeme['"' > *(('\\' > string_escape) | (x3::standard::char_ - '"' - '\n')) > '"']];
auto const date_literal_def = raw[lexeme[x3::repeat(4)[ascii::digit] >> '-' >> x3::repeat(2)[ascii::digit] >> '-' >> x3::repeat(2)[ascii::digit] >> !word_char]];
auto const money_literal_def =
    raw[lexeme[(lit("\xC2\xA3") > money_digits) >> -('.' >> *ascii::digit) >> -((lit("bn") | lit("BN") | lit("Bn") | ascii::char_("kKmM")) >> !word_char) >> *word_char]]
  | raw[lexeme[+ascii::digit >> -(',' >> +(ascii::digit | ',')) >> -('.' >> +ascii::digit) >> +lit(' ') >> not_reserved >> x3::repeat(3)[ascii::upper] >> !word_char]];
auto const money_digits_def = +(ascii::digit | ',');
auto const integer_literal_def = raw[lexeme[-lit('-') >> +ascii::digit >> !(word_char | '.' | ',')]];
auto const currency_code_def = raw[lexeme[+ascii::alpha >> !word_char]];
auto const boolean_literal_def = raw[kw("true") | kw("false")];
// Each alternative tags the value with its kind, so nothing downstream
// guesses it from the text.
using syntax::LiteralKind;
auto const value_def = (date_literal >> x3::attr(LiteralKind::date))
                     | (money_literal >> x3::attr(LiteralKind::money))
                     | (integer_literal >> x3::attr(LiteralKind::integer))
                     | (string_literal >> x3::attr(LiteralKind::string))
                     | (boolean_literal >> x3::attr(LiteralKind::boolean))
                     | (identifier >> x3::attr(LiteralKind::name));
auto const single_value_def = x3::repeat(1)[value];
auto const between_values_def = value > kw("and") > value;
auto const value_set_def = lit('{') > (value % ',') > lit('}');

auto const test_def =
    (raw[lit("<=") | lit(">=") | lit("!=") | lit('<') | lit('>') | lit('=')] > single_value)
  | (raw[kw("between")] > between_values)
  | (raw[(kw("not") >> kw("in")) | kw("in")] > value_set);
auto const comparison_def = fact_name >> -test;
auto const negation_def = raw[kw("not")] > primary;
auto const primary_def = negation | ('(' > expr > ')') | comparison;
auto const op_term_def = raw[(kw("and") >> !kw("must")) | kw("or")] > primary;
auto const expr_def = primary >> *op_term;
auto const when_clause_def = kw("when") > expr;

auto const scheme_decl_def = raw[kw("scheme")] > string_literal;
auto const version_decl_def = kw("version") > string_literal > kw("in") > kw("force") > kw("from") > date_literal > -(kw("until") > date_literal);
auto const currency_decl_def = raw[kw("currency")] > currency_code;
auto const parent_link_def = (raw[kw("under")] > post_name) | (raw[kw("consent")] > kw("from") > post_name);
auto const alias_list_def = -(kw("alias") > (string_literal % ','));
auto const post_decl_def = kw("post") > post_name > string_literal > alias_list > -parent_link;
// `decision KIND ["LABEL"] [phrases "PHRASE", …], …` (check allows a label or
// phrases only on a `decision` line of one kind).
auto const phrase_list_def = string_literal % ',';
auto const kind_phrases_def = kw("phrases") > phrase_list;
auto const kind_entry_def = kind_name >> -string_literal >> -kind_phrases;
auto const decision_decl_def = raw[kw("decision")] > (kind_entry % ',');
auto const simple_type_def = raw[kw("money") | kw("flag") | kw("integer") | kw("text") | kw("date")] >> x3::attr(std::vector<Token>{});
auto const enum_type_def = raw[kw("enum")] > '{' > (identifier % ',') > '}';
auto const fact_type_def = simple_type | enum_type;
auto const fact_decl_def = kw("fact") > (fact_name % ',') > ':' > fact_type;

auto const frequency_def = raw[kw("quarterly") | kw("monthly") | kw("annually") | kw("retrospectively")];
auto const report_duty_def = raw[kw("report")] > -frequency > kw("to") > post_name;
auto const text_duty_def = string_literal >> x3::attr(boost::optional<Token>{}) >> x3::attr(boost::optional<Token>{});
auto const duty_def = (kw("and") >> kw("must")) > (report_duty | text_duty);
// Joint approvals (issue 12): `and` binds tighter than `or`; `or above` lets a
// post above the named one fill its place.
auto const approver_place_def = post_name >> -raw[kw("or") >> kw("above")];
auto const approver_primary_def = ('(' > approver_expr > ')') | approver_place;
auto const approver_term_def = approver_primary % kw("and");
auto const approver_alternative_def = kw("or") >> approver_term;
auto const approver_expr_def = approver_term >> *approver_alternative;
// A stand-in (issue 12): `in the absence of CE: FD may act [for KINDS] [when …]`.
auto const stand_in_kinds_def = -(kw("for") > kind_list);
auto const stand_in_def = (kw("in") >> -kw("the") >> kw("absence")) > kw("of") > post_name > ':' > post_name > kw("may") > kw("act")
                        > stand_in_kinds > -when_clause;
// An example's signatories (issue 12): `FD + NED`, `FD acting for CE`.
auto const signatory_def = post_name >> -(kw("acting") > kw("for") > post_name);
auto const signatories_def = signatory % '+';
auto const signatory_set_def = post_name % '+';
auto const lowest_sets_def = signatory_set % ',';
// `CE and NED must approve`: say why it is refused, at the signatories.
auto const one_post_only_def = !x3::eps;
auto const joint_escalation_def = &(x3::omit[approver_expr] >> kw("must")) > one_post_only;
auto const power_def = (approver_expr >> kw("may")) > kw("approve") > kind_list > -when_clause > *duty;
auto const escalation_def = (post_name >> kw("must")) > kw("approve") > kind_list > -when_clause;
auto const reservation_def = kw("reserved") > kw("to") > post_name > ':' > kind_list > -when_clause;
auto const requirement_def = kw("requires") > (string_literal % ',') > kw("for") > kind_list > -when_clause;
// `no post may approve …`: `post` is reserved, so no power starts `no post`.
auto const prohibition_def = raw[kw("no") >> kw("post")] > kw("may") > kw("approve") > kind_list > -when_clause;
auto const body_def = reservation | requirement | prohibition | stand_in | power | escalation | joint_escalation;
auto const overrides_clause_def = -(kw("overrides") > (para_ref % ','));
// `number "4.13"`: the number the scheme itself gives a paragraph whose
// label here is letter-led (issue 16). `number` is not reserved: it is read
// only in this place.
auto const number_clause_def = kw("number") > string_literal;
auto const provision_def = kw("para") > para_ref > -string_literal > -number_clause > overrides_clause > ':' > body;

// An example: a decision (kind, facts, approver, date, evidence) and what the
// verdict must be. `approver` ends the facts, so it cannot name a fact.
// A name followed by `expect` is not a fact but a post whose `approver` is
// missing: backtrack, so the error says `approver` is expected there.
auto const example_value_def = !kw("approver") >> value;
auto const example_fact_def = (!(kw("approver") | kw("expect")) >> fact_name >> !kw("expect")) > example_value;
auto const outcome_def = raw[kw("authorised") | (kw("not") > kw("authorised")) | (kw("no") > kw("authority")) | kw("undetermined")];
auto const requirement_expectation_def = raw[kw("met") | kw("missing") | (kw("not") > kw("evidenced"))] > (string_literal % ',');
auto const expectation_def = kw("expect") > outcome > -(kw("by") > (para_ref % ',')) > -(kw("lowest") > lowest_sets) > *requirement_expectation;
auto const example_decl_def = raw[kw("example")] > string_literal > ':' > kind_name > *example_fact > kw("approver") > signatories
                            > -(kw("on") > date_literal) > -(kw("evidence") > (string_literal % ',')) > expectation;

// A finding of `remit analyse` that the scheme keeps, with its reason:
// `known gap for grant.award when amount >= £50,000: "…"`, `known shadowed para 4.9: "…"`.
auto const known_region_def = kw("for") > kind_list > -when_clause;
auto const known_paras_def = kw("para") > (para_ref % ',');
auto const known_target_def = known_region | known_paras;
auto const known_decl_def = raw[kw("known")] > identifier > known_target > ':' > string_literal;

auto const statement_rule_def = scheme_decl | version_decl | currency_decl | post_decl | decision_decl | fact_decl | provision | example_decl | known_decl;

BOOST_SPIRIT_DEFINE(identifier, post_name, fact_name, kind_name, kind_pattern, kind_list, para_ref, string_literal, string_escape,
                    date_literal, money_literal, money_digits, integer_literal, currency_code, boolean_literal, value, single_value, between_values,
                    value_set, test, comparison, negation, primary, op_term, expr, when_clause, scheme_decl,
                    version_decl, currency_decl, parent_link, alias_list, post_decl, phrase_list, kind_phrases, kind_entry, decision_decl, simple_type,
                    enum_type, fact_type, fact_decl, frequency, report_duty, text_duty, duty, power, escalation,
                    reservation, requirement, prohibition, body, overrides_clause, provision, example_value, example_fact, outcome,
                    requirement_expectation, expectation, example_decl, known_region, known_paras, known_target, known_decl,
                    statement_rule)
// Joint approvals and stand-ins (issue 12).
BOOST_SPIRIT_DEFINE(number_clause)
BOOST_SPIRIT_DEFINE(approver_place, approver_primary, approver_term, approver_alternative, approver_expr, stand_in_kinds, stand_in,
                    signatory, signatories, signatory_set, lowest_sets, one_post_only, joint_escalation)
// clang-format on

}  // namespace remit::grammar
