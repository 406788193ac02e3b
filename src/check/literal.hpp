#pragma once
// Literal values written in rule files (in conditions and in examples),
// checked against the type of the fact they are given for.
#include <optional>
#include <string>
#include <vector>

#include "grammar/parse.hpp"
#include "remit/scheme.hpp"

namespace remit::check {

// "money", "an integer", "a flag"…: a type name to use in a sentence.
std::string article(const std::string& type_name);

// A date literal; nullopt (and a diagnostic) when there is no such day.
std::optional<Date> read_date_literal(const syntax::Token& t, const SourcePtr& source, std::vector<Diagnostic>& out);

// `t` as a value of `fact`; nullopt (and a diagnostic) when it is of the
// wrong kind or malformed. `type_help` is the help given for a wrong kind.
std::optional<Value> read_literal(const FactDef& fact, const syntax::Token& t, syntax::LiteralKind kind, std::string_view currency,
                                  const SourcePtr& source, std::vector<Diagnostic>& out, const std::string& type_help);

}  // namespace remit::check
