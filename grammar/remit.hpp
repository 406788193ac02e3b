#pragma once
// Declares the one rule the rest of the grammar code parses with: a statement.
#include "grammar/ast.hpp"
#include "grammar/config.hpp"

namespace remit::grammar {

struct statement_class;
using statement_type = x3::rule<statement_class, ast::Statement>;
BOOST_SPIRIT_DECLARE(statement_type)

const statement_type& statement();

// The name of the rule after a backslash in a string, which parse() turns
// into its own message.
inline constexpr const char* string_escape_name = "a string escape, `\\\"` or `\\\\`";

// Top-level keywords, used to resynchronise after a syntax error.
bool is_statement_keyword(std::string_view word);

}  // namespace remit::grammar
