#include "check/unicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <fmt/format.h>

#include <map>
#include <memory>

namespace remit::unicode {
namespace {

struct SpoofCloser {
  void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
};
using Checker = std::unique_ptr<USpoofChecker, SpoofCloser>;

// One checker, configured once; ICU allows checks from many threads on a
// checker that is no longer being configured.
const USpoofChecker* checker() {
  static const Checker made = [] {
    UErrorCode status = U_ZERO_ERROR;
    Checker c(uspoof_open(&status));
    // Only the mix of scripts is judged: every character is allowed (the
    // identifier profile would refuse `'`, `&` or `£`, which names may hold).
    const icu::UnicodeSet everything(0, 0x10FFFF);
    uspoof_setAllowedUnicodeSet(c.get(), &everything, &status);
    uspoof_setChecks(c.get(), USPOOF_RESTRICTION_LEVEL, &status);
    uspoof_setRestrictionLevel(c.get(), USPOOF_MODERATELY_RESTRICTIVE);
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  return made.get();
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
}

bool is_blank(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

}  // namespace

std::string normalise_text(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString folded;
  if (U_SUCCESS(status)) folded = nfkc_cf->normalize(from_utf8(utf8), status);
  if (U_FAILURE(status)) folded = from_utf8(utf8);
  icu::UnicodeString collapsed;
  bool pending_space = false;
  for (std::int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    const UChar32 c = folded.char32At(i);
    if (is_blank(c)) {
      pending_space = !collapsed.isEmpty();
      continue;
    }
    if (pending_space) collapsed.append(static_cast<UChar>(' '));
    pending_space = false;
    collapsed.append(c);
  }
  std::string out;
  collapsed.toUTF8String(out);
  return out;
}

std::optional<MixedScripts> mixed_scripts(std::string_view utf8) {
  const USpoofChecker* c = checker();
  if (!c || utf8.empty()) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const std::int32_t failed = uspoof_checkUTF8(c, utf8.data(), static_cast<std::int32_t>(utf8.size()), nullptr, &status);
  if (U_FAILURE(status) || (failed & USPOOF_RESTRICTION_LEVEL) == 0) return std::nullopt;

  // Which letter to show: the first of the script with the fewest letters.
  struct Seen {
    std::size_t letters = 0, first = 0, length = 0;
    UChar32 c = 0;
  };
  std::map<UScriptCode, Seen> scripts;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto size = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < size;) {
    const std::int32_t at = i;
    UChar32 ch = 0;
    U8_NEXT(bytes, i, size, ch);
    if (ch < 0) continue;
    const UScriptCode script = uscript_getScript(ch, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    Seen& seen = scripts[script];
    if (seen.letters++ == 0) seen = Seen{1, static_cast<std::size_t>(at), static_cast<std::size_t>(i - at), ch};
  }
  if (scripts.size() < 2) return std::nullopt;
  auto fewest = scripts.begin(), most = scripts.begin();
  for (auto it = scripts.begin(); it != scripts.end(); ++it) {
    if (it->second.letters < fewest->second.letters || (it->second.letters == fewest->second.letters && it->second.first > fewest->second.first))
      fewest = it;
    if (it->second.letters > most->second.letters) most = it;
  }
  if (fewest == most) most = std::next(scripts.begin()) == fewest ? scripts.begin() : std::next(scripts.begin());
  // The word it is in, for the message.
  std::size_t start = fewest->second.first, end = fewest->second.first;
  while (start > 0 && utf8[start - 1] != ' ' && utf8[start - 1] != '\t') --start;
  while (end < utf8.size() && utf8[end] != ' ' && utf8[end] != '\t') ++end;
  char name[128] = "";
  u_charName(fewest->second.c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  return MixedScripts{fewest->second.first, fewest->second.length,
                      fmt::format("the text mixes {} and {} letters, which can look alike: `{}` in `{}` is U+{:04X} {}",
                                  uscript_getName(most->first), uscript_getName(fewest->first),
                                  utf8.substr(fewest->second.first, fewest->second.length), utf8.substr(start, end - start),
                                  static_cast<std::uint32_t>(fewest->second.c), name)};
}

namespace {

// ICU's confusable skeleton; the text itself if there is no checker.
std::string skeleton(std::string_view utf8) {
  const USpoofChecker* c = checker();
  if (!c) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  std::int32_t length = uspoof_getSkeletonUTF8(c, 0, utf8.data(), static_cast<std::int32_t>(utf8.size()), out.data(),
                                               static_cast<std::int32_t>(out.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    out.resize(static_cast<std::size_t>(length));
    length = uspoof_getSkeletonUTF8(c, 0, utf8.data(), static_cast<std::int32_t>(utf8.size()), out.data(), length, &status);
  }
  if (U_FAILURE(status)) return std::string(utf8);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace

// Folded, skeleton, folded again: `CE0` and `ceo` meet (the digit's
// skeleton is a capital O), and so do `HEAD` and `Head` (a skeleton taken
// before folding would write the capital I of `FINANCE` as `l`).
std::string name_key(std::string_view utf8) { return normalise_text(skeleton(normalise_text(utf8))); }

}  // namespace remit::unicode
