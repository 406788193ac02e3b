// Fuzz target: the register reader (io/csv) and `remit audit` over the input
// as a CSV and as a JSON Lines register, against rules/mopac. On every
// input, every line read is accounted for: the reader's rows follow one
// another and their lines add up to the lines it counted apart, and the
// audit's summary adds up (header + blank + rows = lines read).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "io/csv.hpp"
#include "remit/audit.hpp"
#include "remit/remit.hpp"

namespace {

using remit::fuzz::mopac;
using remit::fuzz::open_input;

void audit(std::string& text, bool jsonl) {
  std::FILE* in = open_input(text);
  if (!in) std::abort();
  remit::Auditor auditor(mopac(), remit::AuditFormat::csv, [](std::string_view) { return true; });
  std::string error;
  const bool read = jsonl ? auditor.audit_jsonl(in, error) : auditor.audit_csv(in, error);
  // A register read to the end accounts for every line; one refused says why.
  if (read ? !auditor.summary().lines.add_up() : error.empty()) std::abort();
  std::fclose(in);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  {
    std::FILE* in = open_input(text);
    if (!in) std::abort();
    remit::csv::Reader reader(in);
    std::vector<std::string_view> fields;
    std::size_t next = 1;
    for (;;) {
      const auto status = reader.next(fields);
      if (status == remit::csv::Reader::Status::end) break;
      if (reader.line() != next || reader.lines() == 0) std::abort();  // no line lost or read twice
      if ((status == remit::csv::Reader::Status::error) == reader.error().empty()) std::abort();
      next += reader.lines();
    }
    if (next - 1 != reader.lines_read()) std::abort();
    std::fclose(in);
  }
  audit(text, false);
  audit(text, true);
  return 0;
}
