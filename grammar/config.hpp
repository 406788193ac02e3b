#pragma once
#include <boost/spirit/home/x3.hpp>

#include "grammar/ast.hpp"

namespace remit::grammar {

namespace x3 = boost::spirit::x3;

// Blanks, newlines and `#` comments separate tokens. ASCII classes only: the
// default ones assert on the bytes of `£`.
// clang-format off
inline const auto skipper = x3::ascii::space | x3::lexeme['#' >> *(x3::standard::char_ - '\n')];
// clang-format on
using skipper_type = std::remove_const_t<decltype(skipper)>;
using iterator_type = ast::Iterator;
using context_type = x3::phrase_parse_context<skipper_type>::type;

}  // namespace remit::grammar
