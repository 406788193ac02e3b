#include "io/decode.hpp"

#include <fmt/format.h>

#include <array>

#include "model/utf8.hpp"

namespace remit::decode {
namespace {

constexpr std::size_t detect_bytes = std::size_t{64} << 10;
constexpr std::size_t block = std::size_t{64} << 10;

// What a marker (0xFF, then one of these) stands for, where a byte or unit
// contradicts the encoding. 0xFF is never part of UTF-8, so the row that
// holds it is invalid; below 0x80, the code is what was wrong, else it is the
// byte itself (Windows-1252's five undefined bytes).
constexpr char marker = '\xFF';
constexpr char lone_surrogate = '\x01';
constexpr char odd_byte = '\x02';

// Windows-1252's 0x80-0x9F (0: not a character); the rest is Latin-1.
constexpr std::array<char16_t, 32> cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool equals_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// Whether `text` reads as UTF-8: it is valid UTF-8 (but for a sequence cut
// short at its very end, where the 64 KiB may cut one), or it holds at
// least one valid multi-byte sequence, which Windows-1252 text all but never
// does by chance (`Â£`), so a byte that is not is a damaged row of a UTF-8
// file, not a sign of another encoding.
bool looks_utf8(std::string_view text, bool at_end) {
  bool multibyte = false;
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const CodePoint c = decode_utf8(text, at);
    if (c.length == 0) {
      if (!at_end && text.size() - at < 4) break;  // perhaps cut by the 64 KiB
      if (multibyte) return true;
      // No valid sequence before it: one after it still says UTF-8.
      for (std::size_t next = at + 1; next < text.size(); ++next)
        if (static_cast<unsigned char>(text[next]) >= 0xC2 && decode_utf8(text, next).length > 1) return true;
      return false;
    }
    multibyte = true;
    at += c.length;
  }
  return true;
}

}  // namespace

std::optional<Encoding> encoding_by_name(std::string_view name) {
  for (auto [spelled, e] : std::initializer_list<std::pair<std::string_view, Encoding>>{
           {"utf-8", Encoding::utf8},          {"utf8", Encoding::utf8},           {"utf-16le", Encoding::utf16le},
           {"utf16le", Encoding::utf16le},     {"utf-16be", Encoding::utf16be},    {"utf16be", Encoding::utf16be},
           {"windows-1252", Encoding::windows1252}, {"cp1252", Encoding::windows1252}, {"latin1", Encoding::windows1252}})
    if (equals_folded(name, spelled)) return e;
  return std::nullopt;
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::detect: return "detected";
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf16le: return "UTF-16LE";
    case Encoding::utf16be: return "UTF-16BE";
    case Encoding::windows1252: return "Windows-1252";
  }
  return "";
}

Input::Input(std::FILE* in, Encoding named) : in_(in), encoding_(named) {
  while (raw_.size() < detect_bytes && fill()) {
  }
  const std::string_view start(raw_);
  // A ZIP archive: its first entry, or the end record of an empty one.
  zip_ = start.substr(0, 4) == std::string_view("PK\x03\x04", 4) || start.substr(0, 4) == std::string_view("PK\x05\x06", 4);
  if (start.substr(0, 3) == "\xEF\xBB\xBF") {
    raw_at_ = 3;
    if (encoding_ == Encoding::detect) encoding_ = Encoding::utf8, chosen_by_ = "byte-order mark";
  } else if (start.substr(0, 2) == "\xFF\xFE" && (encoding_ == Encoding::detect || encoding_ == Encoding::utf16le)) {
    raw_at_ = 2;
    encoding_ = Encoding::utf16le;
    chosen_by_ = named == Encoding::detect ? "byte-order mark" : "named";
  } else if (start.substr(0, 2) == "\xFE\xFF" && (encoding_ == Encoding::detect || encoding_ == Encoding::utf16be)) {
    raw_at_ = 2;
    encoding_ = Encoding::utf16be;
    chosen_by_ = named == Encoding::detect ? "byte-order mark" : "named";
  }
  if (encoding_ == Encoding::detect) {
    encoding_ = looks_utf8(start, eof_) ? Encoding::utf8 : Encoding::windows1252;
    chosen_by_ = "first 64 KiB";
  }
}

bool Input::fill() {
  if (eof_) return false;
  raw_.erase(0, raw_at_);
  raw_at_ = 0;
  const std::size_t old = raw_.size();
  raw_.resize(old + block);
  const std::size_t got = std::fread(raw_.data() + old, 1, block, in_);
  raw_.resize(old + got);
  if (got == 0) eof_ = true;
  return got != 0;
}

bool Input::copy_raw(std::FILE* out) {
  do {
    const std::size_t n = raw_.size() - raw_at_;
    if (std::fwrite(raw_.data() + raw_at_, 1, n, out) != n) return false;
    raw_at_ = raw_.size();
  } while (fill());
  return !std::ferror(in_);
}

std::size_t Input::read(char* out, std::size_t size) {
  while (decoded_at_ == decoded_.size()) {
    decoded_.clear();
    decoded_at_ = 0;
    if (raw_at_ == raw_.size() && !fill()) return 0;
    // UTF-16 takes whole units, and a surrogate pair whole: keep a cut one.
    if ((encoding_ == Encoding::utf16le || encoding_ == Encoding::utf16be) && raw_.size() - raw_at_ < 4 && !eof_) {
      if (!fill()) continue;
    }
    const std::string_view raw = std::string_view(raw_).substr(raw_at_);
    std::size_t used = raw.size();
    switch (encoding_) {
      case Encoding::detect:
      case Encoding::utf8:
        decoded_.assign(raw);
        break;
      case Encoding::windows1252:
        for (char ch : raw) {
          const auto b = static_cast<unsigned char>(ch);
          if (b < 0x80) {
            decoded_ += ch;
          } else if (b >= 0xA0) {
            append_utf8(decoded_, b);
          } else if (const char16_t c = cp1252_high[b - 0x80]) {
            append_utf8(decoded_, c);
          } else {
            decoded_ += marker;
            decoded_ += ch;
          }
        }
        break;
      case Encoding::utf16le:
      case Encoding::utf16be: {
        const bool le = encoding_ == Encoding::utf16le;
        auto unit = [&](std::size_t at) {
          const auto a = static_cast<unsigned char>(raw[at]), b = static_cast<unsigned char>(raw[at + 1]);
          return static_cast<char16_t>(le ? a | (b << 8) : (a << 8) | b);
        };
        std::size_t at = 0;
        while (at + 1 < raw.size()) {
          const char16_t u = unit(at);
          if (u >= 0xD800 && u <= 0xDBFF) {
            if (at + 3 >= raw.size() && !eof_) break;  // the pair's second half is to come
            const char16_t low = at + 3 < raw.size() ? unit(at + 2) : 0;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              append_utf8(decoded_, 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00));
              at += 4;
              continue;
            }
            decoded_ += marker;
            decoded_ += lone_surrogate;
          } else if (u >= 0xDC00 && u <= 0xDFFF) {
            decoded_ += marker;
            decoded_ += lone_surrogate;
          } else {
            append_utf8(decoded_, u);
          }
          at += 2;
        }
        if (at + 1 == raw.size() && eof_) {
          decoded_ += marker;
          decoded_ += odd_byte;
          ++at;
        }
        used = at;
        break;
      }
    }
    raw_at_ += used;
    if (used == 0 && eof_) return 0;
  }
  const std::size_t n = std::min(size, decoded_.size() - decoded_at_);
  decoded_.copy(out, n, decoded_at_);
  decoded_at_ += n;
  return n;
}

std::string why_not_text(std::string_view text, Encoding e, std::string_view chosen_by) {
  const std::size_t bad = invalid_utf8_at(text);
  if (bad == std::string_view::npos) return {};
  const auto byte = static_cast<unsigned char>(text[bad]);
  if (e != Encoding::utf8 && text[bad] == marker && bad + 1 < text.size()) {
    const auto code = static_cast<unsigned char>(text[bad + 1]);
    if (code == static_cast<unsigned char>(lone_surrogate))
      return fmt::format("at character {} of the field: half of a UTF-16 surrogate pair, which is no character; the file is damaged there",
                         bad + 1);
    if (code == static_cast<unsigned char>(odd_byte)) return "the file ends in half a UTF-16 character; it is cut short";
    return fmt::format("at character {} of the field: byte {:#04x} is no character in Windows-1252; give the register's encoding "
                       "with --encoding",
                       bad + 1, code);
  }
  return fmt::format("byte {} of the field ({:#04x}) is not UTF-8, the encoding the register is read in ({}); if the file is "
                     "Windows-1252 (Excel's \"CSV\"), give --encoding windows-1252, or save it as \"CSV UTF-8\"",
                     bad + 1, byte,
                     chosen_by == "named"          ? "named with --encoding"
                     : chosen_by == "first 64 KiB" ? "judged from its first 64 KiB"
                                                   : "from its byte-order mark");
}

}  // namespace remit::decode
