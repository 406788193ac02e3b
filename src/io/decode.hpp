#pragma once
// A register's bytes decoded to UTF-8 once, here, before the CSV reader sees
// them. The encoding is named (`--encoding`), or read from a byte-order mark,
// or else decided by the first 64 KiB: UTF-8 if they are valid UTF-8,
// Windows-1252 (Excel's "CSV (Comma delimited)" on a UK machine) if not.
//
// A later byte that contradicts the encoding is not guessed at: it reaches
// the reader as a byte that is never valid UTF-8 (0xFF, then the byte or a
// code for what was wrong), so only its row is invalid, and `why_not_text`
// says why in the encoding's own terms.
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace remit::decode {

enum class Encoding { detect, utf8, utf16le, utf16be, windows1252 };

// "utf-8", "utf-16le", "utf-16be", "windows-1252" (also "cp1252", "latin1"
// as Excel users say it; any case).
std::optional<Encoding> encoding_by_name(std::string_view name);
std::string_view encoding_name(Encoding e);

// The bytes of a stream, as UTF-8.
class Input {
 public:
  // Reads up to 64 KiB from `in` at once to decide the encoding when
  // `named` is `detect`.
  Input(std::FILE* in, Encoding named);

  // Up to `size` bytes of UTF-8 into `out`; 0 at the end.
  std::size_t read(char* out, std::size_t size);

  // Copies the bytes not yet read, undecoded, to `out` (a ZIP archive to a
  // file); false when they could not all be read or written.
  bool copy_raw(std::FILE* out);

  Encoding encoding() const { return encoding_; }
  // Whether the bytes are a ZIP archive (an .xlsx workbook), not text.
  bool zip() const { return zip_; }
  // How the encoding was chosen: "named", "byte-order mark" or "first 64 KiB".
  std::string_view chosen_by() const { return chosen_by_; }

  // The reader's source: calls `read`.
  std::function<std::size_t(char*, std::size_t)> source() {
    return [this](char* out, std::size_t size) { return read(out, size); };
  }

 private:
  bool fill();  // more raw bytes; false at the end
  std::FILE* in_;
  Encoding encoding_;
  std::string_view chosen_by_ = "named";
  std::string raw_;      // bytes read, not yet decoded
  std::size_t raw_at_ = 0;
  std::string decoded_;  // decoded, not yet handed on
  std::size_t decoded_at_ = 0;
  bool eof_ = false;
  bool zip_ = false;
};

// Why the field `text`, decoded from `e` (chosen as `chosen_by` says), is
// not text (names the byte and what to do), or empty when it is valid UTF-8.
std::string why_not_text(std::string_view text, Encoding e, std::string_view chosen_by);

}  // namespace remit::decode
