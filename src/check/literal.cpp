#include "check/literal.hpp"

#include <algorithm>
#include <charconv>

#include "check/lower.hpp"
#include "check/unicode.hpp"
#include "model/names.hpp"
#include "remit/money.hpp"

namespace remit::check {

std::string article(const std::string& type_name) {
  if (type_name == "money") return "money";
  if (type_name == "integer" || type_name == "enumeration") return "an " + type_name;
  return "a " + type_name;
}

std::optional<Date> read_date_literal(const syntax::Token& t, const SourcePtr& source, std::vector<Diagnostic>& out) {
  auto d = read_date(t.text);
  if (!d)
    out.push_back(make_diagnostic(Code::date, Span{source, t.offset, t.length}, "there is no such date as `" + t.text + "`",
                                  "dates are written `YYYY-MM-DD` and must exist"));
  return d;
}

std::optional<Value> read_literal(const FactDef& fact, const syntax::Token& t, syntax::LiteralKind kind, std::string_view currency,
                                  const SourcePtr& source, std::vector<Diagnostic>& out, const std::string& type_help) {
  using LK = syntax::LiteralKind;
  auto error = [&](std::size_t offset, std::size_t length, std::string message, Code code, std::string help) {
    out.push_back(make_diagnostic(code, Span{source, offset, length}, std::move(message), std::move(help)));
    return std::nullopt;
  };
  auto mismatch = [&](std::string_view what) {
    return error(t.offset, t.length,
                 "`" + fact.name + "` is " + article(std::string(fact_type_name(fact.type))) + " but `" + t.text + "` is " + std::string(what),
                 Code::type, type_help);
  };
  const char* literal_name = kind == LK::money ? "money" : kind == LK::integer ? "a whole number" : kind == LK::date ? "a date"
                           : kind == LK::string ? "a string" : kind == LK::boolean ? "a flag value" : "a name";
  switch (fact.type) {
    case FactType::money: {
      if (kind == LK::integer)
        return error(t.offset, t.length, "`" + fact.name + "` is money but `" + t.text + "` is a plain number", Code::type,
                     "write money with `£`, e.g. `£" + t.text + "`");
      if (kind != LK::money) return mismatch(literal_name);
      MoneyReading m = read_money(t.text, currency);
      if (!m.value) return error(t.offset + m.error.offset, 1, m.error.message, Code::money, m.error.help);
      return Value{m.value->pence, {}};
    }
    case FactType::integer: {
      if (kind != LK::integer) return mismatch(literal_name);
      std::int64_t n = 0;
      auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
      if (ec != std::errc() || ptr != t.text.data() + t.text.size())
        return error(t.offset, t.length, "the number `" + t.text + "` is too large", Code::integer, "integers are 64-bit");
      return Value{n, {}};
    }
    case FactType::date: {
      if (kind != LK::date) return mismatch(literal_name);
      auto d = read_date_literal(t, source, out);
      if (!d) return std::nullopt;
      return Value{d->days, {}};
    }
    case FactType::flag: {
      if (kind != LK::boolean) return mismatch(literal_name);
      return Value{(t.text[0] | 0x20) == 't' ? 1 : 0, {}};
    }
    case FactType::text: {
      if (kind != LK::string) return mismatch(literal_name);
      if (const auto mixed = unicode::mixed_scripts(t.text)) {
        // At the letter, when the string has no escapes to shift it.
        const bool exact = t.length == t.text.size() + 2;
        return error(exact ? t.offset + 1 + mixed->offset : t.offset, exact ? mixed->length : t.length, mixed->message, Code::confusable,
                     unicode::mixed_scripts_help);
      }
      return Value{0, unicode::normalise_text(t.text)};  // compared as normalised (docs/language.md, "Text values")
    }
    case FactType::enumeration: {
      if (kind != LK::name) return mismatch(literal_name);
      auto it = std::find(fact.members.begin(), fact.members.end(), t.text);
      if (it == fact.members.end())
        return error(t.offset, t.length, "`" + t.text + "` is not a member of `" + fact.name + "`", Code::undefined_name,
                     did_you_mean(t.text, fact.members, "member"));
      return Value{static_cast<std::int64_t>(it - fact.members.begin()), {}};
    }
  }
  return std::nullopt;
}

}  // namespace remit::check
