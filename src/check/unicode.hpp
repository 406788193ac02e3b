#pragma once
// Text as remit compares it (ICU): the one normalisation of text values, the
// refusal of a text that mixes scripts confusably, and the key under which
// two names that only look different (case, normalisation, a look-alike
// letter) are found to be the same. docs/language.md, "Text values".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace remit::unicode {

// NFKC with case folding (ICU's NFKC_Casefold, which also drops
// default-ignorable characters), white space trimmed and each run of it made
// one space: `"Met Police"`, `"MET  POLICE"` and `"Met\u00a0Police"` all give
// `"met police"`. The text must be UTF-8 (it is checked before).
std::string normalise_text(std::string_view utf8);

// Where a text mixes scripts that can be mistaken for one another (ICU's
// spoof checker: more than the moderately restrictive level allows, e.g. a
// Latin word with a Cyrillic `О`): the byte offset and length of the first
// letter of the less used script, and a message naming it. Nothing for a
// text in one script, or in scripts that are not confusable together.
struct MixedScripts {
  std::size_t offset = 0, length = 0;
  std::string message;
};
std::optional<MixedScripts> mixed_scripts(std::string_view utf8);
// The help line of the error that refuses such a text.
inline constexpr const char* mixed_scripts_help =
    "write the text in one script; a look-alike letter would make it differ from the same text typed plainly";

// The key of a name: normalised (normalise_text), then ICU's confusable
// skeleton of that, normalised again. Two names with the same key read the
// same to a person: they differ only by case, normalisation or look-alike
// letters.
std::string name_key(std::string_view utf8);

}  // namespace remit::unicode
