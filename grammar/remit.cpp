// The one translation unit that instantiates the grammar.
#include "grammar/remit_def.hpp"

namespace remit::grammar {

BOOST_SPIRIT_INSTANTIATE(statement_type, iterator_type, context_type)

const statement_type& statement() { return statement_rule; }

bool is_statement_keyword(std::string_view word) {
  static constexpr std::string_view starters[] = {"scheme", "version", "currency", "post", "decision", "fact", "para"};
  for (std::string_view s : starters) {
    if (s.size() != word.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < s.size() && same; ++i) same = detail::ascii_lower(word[i]) == s[i];
    if (same) return true;
  }
  return false;
}

}  // namespace remit::grammar
