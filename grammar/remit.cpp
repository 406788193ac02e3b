// The one translation unit that instantiates the grammar.
#include "grammar/remit_def.hpp"

namespace remit::grammar {

BOOST_SPIRIT_INSTANTIATE(statement_type, iterator_type, context_type)

const statement_type& statement() { return statement_rule; }

bool is_statement_keyword(std::string_view word) {
  static constexpr std::string_view starters[] = {"scheme", "version", "currency", "post", "decision", "fact", "para", "example", "known"};
  for (std::string_view s : starters)
    if (is_keyword(word, s)) return true;
  return false;
}

}  // namespace remit::grammar
