// Fuzz target: the money reader (`read_money`) in both of its modes, and
// the date reader. Whatever they accept must print and read back to the
// same value; whatever they refuse must say where.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "remit/date.hpp"
#include "remit/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool bare : {false, true}) {
    const remit::MoneyReading m = remit::read_money(text, "GBP", bare);
    if (!m.value) {
      if (m.error.message.empty() || m.error.offset > text.size()) std::abort();
      continue;
    }
    if (m.value->pence < 0) std::abort();  // input money is never negative
    const std::string shown = remit::format_money(*m.value);
    const remit::MoneyReading again = remit::read_money(shown, "GBP", false);
    if (!again.value || *again.value != *m.value) std::abort();
  }
  if (const auto d = remit::read_date(text)) {
    if (remit::format_date(*d) != text) std::abort();
  }
  return 0;
}
