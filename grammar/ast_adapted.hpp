#pragma once
#include <boost/fusion/include/adapt_struct.hpp>

#include "grammar/ast.hpp"

// clang-format off
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Literal, text, kind)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Test, op, values)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Comparison, fact, test)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Negation, keyword, operand)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::OpTerm, op, operand)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Expr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::SchemeDecl, keyword, title)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::VersionDecl, label, from, until)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::CurrencyDecl, keyword, code)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::ParentLink, relation, post)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::PostDecl, id, title, aliases, parent)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::KindEntry, name, label, phrases)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::DecisionDecl, keyword, kinds)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::FactType, name, members)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::FactDecl, names, type)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Duty, head, frequency, post)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::ApproverPlace, post, or_above)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::ApproverExpr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::StandIn, absent, post, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Signatory, post, acting_for)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Power, approver, kinds, when, duties)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Escalation, post, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Reservation, post, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Requirement, items, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Prohibition, keyword, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Provision, para, words, number, overrides, body)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::ExampleFact, fact, value)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::RequirementExpectation, status, items)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::Expectation, outcome, paras, lowest, requirements)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::ExampleDecl, keyword, name, kind, facts, approver, date, evidence, expect)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::KnownRegion, kinds, when)
BOOST_FUSION_ADAPT_STRUCT(remit::grammar::ast::KnownDecl, keyword, code, target, reason)
// clang-format on
