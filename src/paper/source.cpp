// A paper as text: plain text as it is; HTML as saved from a decision page,
// its tags stripped and entities decoded, each block on a line of its own
// and each line mapped to the line of the file it came from; PDF through
// poppler, page by page.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "model/utf8.hpp"
#include "paper/text.hpp"
#include "remit/paper.hpp"

namespace remit {
namespace {

constexpr std::size_t max_pdf_bytes = 32u << 20;

bool has_extension(const std::filesystem::path& p, std::initializer_list<const char*> extensions) {
  const std::string ext = paper::lower(p.extension().string());
  for (const char* e : extensions)
    if (ext == e) return true;
  return false;
}

// `&amp;`, `&pound;`, `&#163;`, `&#xA3;` at `s[i]` (the `&`): appends the
// character and returns the length read, or 0 when it is no entity.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  const std::string_view name = s.substr(i + 1, semi - i - 1);
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    unsigned long cp = 0;
    for (char c : digits) {
      const int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    append_utf8(out, static_cast<char32_t>(cp));
    return semi - i + 1;
  }
  static const std::pair<std::string_view, const char*> named[] = {
      {"amp", "&"},      {"lt", "<"},        {"gt", ">"},        {"quot", "\""},     {"apos", "'"},      {"nbsp", " "},
      {"pound", "\xC2\xA3"}, {"euro", "\xE2\x82\xAC"}, {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"},
      {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"}, {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"},
      {"hellip", "\xE2\x80\xA6"}};
  for (const auto& [n, text] : named)
    if (name == n) {
      out += text;
      return semi - i + 1;
    }
  return 0;
}

bool is_block(std::string_view tag) {
  static const std::string_view blocks[] = {"p",  "br", "div", "li", "ul",  "ol", "h1", "h2", "h3",      "h4",     "h5",         "h6",
                                            "tr", "td", "th",  "table", "section", "article", "header", "footer", "title", "blockquote", "dd", "dt", "hr"};
  for (std::string_view b : blocks)
    if (tag == b) return true;
  return false;
}

}  // namespace

PaperText html_to_text(const SourcePtr& html) {
  const std::string_view s = html->text();
  std::string out;
  std::vector<std::size_t> map;
  std::size_t line = 1;          // in the HTML
  std::size_t started = 0;       // the HTML line of the current text line's first character (0: none yet)
  bool space = false;
  auto end_line = [&] {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (started == 0) return;  // no text since the last break: no empty lines
    out += '\n';
    map.push_back(started);
    started = 0;
    space = false;
  };
  auto put = [&](std::string_view text) {
    if (started == 0) started = line;
    if (space && !out.empty() && out.back() != '\n') out += ' ';
    space = false;
    out += text;
  };
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '<') {
      if (s.compare(i, 4, "<!--") == 0) {
        const std::size_t end = s.find("-->", i + 4);
        const std::size_t stop = end == std::string_view::npos ? s.size() : end + 3;
        for (std::size_t k = i; k < stop; ++k) line += s[k] == '\n';
        i = stop;
        continue;
      }
      const std::size_t close = s.find('>', i);
      const std::size_t stop = close == std::string_view::npos ? s.size() : close + 1;
      std::size_t n = i + 1;
      if (n < s.size() && s[n] == '/') ++n;
      std::size_t name_end = n;
      while (name_end < stop && std::isalnum(static_cast<unsigned char>(s[name_end]))) ++name_end;
      const std::string tag = paper::lower(s.substr(n, name_end - n));
      for (std::size_t k = i; k < stop; ++k) line += s[k] == '\n';
      i = stop;
      if ((tag == "script" || tag == "style") && s[n - 1] != '/') {  // skip to the closing tag
        const std::size_t end = paper::lower(s.substr(i)).find("</" + tag);
        const std::size_t skip_to = end == std::string::npos ? s.size() : i + end;
        for (std::size_t k = i; k < skip_to; ++k) line += s[k] == '\n';
        i = skip_to;
        continue;
      }
      if (is_block(tag)) end_line();
      else space = true;
      continue;
    }
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      line += c == '\n';
      space = true;
      ++i;
      continue;
    }
    if (c == '&') {
      std::string decoded;
      if (const std::size_t n = decode_entity(s, i, decoded)) {
        if (decoded == " ") space = true;
        else put(decoded);
        i += n;
        continue;
      }
    }
    put(s.substr(i, 1));
    ++i;
  }
  end_line();
  return PaperText{std::make_shared<const SourceFile>(html->path(), std::move(out)), std::move(map)};
}

std::optional<PaperText> read_paper_source(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  bool pdf = has_extension(path, {".pdf"});
  if (!pdf && std::filesystem::is_regular_file(path, ec)) {
    std::ifstream peek(path, std::ios::binary);
    char magic[5] = {};
    peek.read(magic, 5);
    pdf = peek.gcount() == 5 && std::string_view(magic, 5) == "%PDF-";
  }
  if (!pdf) {
    auto text = read_source(path, diagnostics, SourceKind::decision);
    if (!text) return std::nullopt;
    // A view of the file's own text: a substring of it would be a temporary.
    const std::string_view t = paper::trim(std::string_view((*text)->text()).substr(0, 512));
    if (has_extension(path, {".html", ".htm"}) || (!t.empty() && t.front() == '<')) return html_to_text(*text);
    return PaperText{*text, {}};
  }
  const std::string shown = path.generic_string();
  auto refuse = [&](std::string message, std::string help) {
    diagnostics.push_back(make_diagnostic(Code::io, shown, std::move(message), std::move(help)));
    return std::nullopt;
  };
  if (!std::filesystem::is_regular_file(path, ec))
    return refuse("cannot read `" + shown + "`: not a regular file", "give the path of a PDF file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return refuse("cannot read `" + shown + "`: " + ec.message(), "check the path and its permissions");
  if (size > max_pdf_bytes) return refuse("`" + shown + "` is larger than 32 MiB", "a decision paper is a few pages; check the file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  if (!in && !in.eof()) return refuse("cannot read `" + shown + "`", "check the path and its permissions");
  // poppler reports what it cannot parse on stderr; the refusal below says it once.
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!doc) return refuse("`" + shown + "` is not a PDF that can be read (damaged or not a PDF)", "save the paper again as PDF, or as text or HTML");
  if (doc->is_locked()) return refuse("`" + shown + "` is a PDF locked with a password", "save an unlocked copy of the paper");
  std::string text;
  for (int page = 0; page < doc->pages(); ++page) {
    std::unique_ptr<poppler::page> pg(doc->create_page(page));
    if (!pg) continue;
    const poppler::byte_array utf8 = pg->text(pg->page_rect(), poppler::page::physical_layout).to_utf8();
    text.append(utf8.begin(), utf8.end());
    if (!text.empty() && text.back() != '\n') text += '\n';
  }
  // Pages laid out as printed: blanks collapsed, page breaks as line breaks.
  std::string collapsed;
  for (char c : text) {
    if (c == '\f' || c == '\r') c = '\n';
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ' || collapsed.back() == '\n')) continue;
    if (c == '\n' && !collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    collapsed += c;
  }
  if (paper::trim(collapsed).find_first_not_of('\n') == std::string_view::npos)
    return refuse("`" + shown + "` has no text (a scanned PDF?)", "give the paper as text, HTML, or a PDF with text in it");
  // A sentence wrapped onto the next line (which starts in lower case) is
  // joined to it; each joined line maps to the first line it came from.
  std::string joined;
  std::vector<std::size_t> map;
  bool open = false;  // the line so far does not end a sentence
  const std::vector<paper::Line> lines = paper::split_lines(collapsed);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i].text;
    if (open && !l.empty() && std::islower(static_cast<unsigned char>(l.front()))) {
      joined += ' ';
    } else {
      if (!map.empty()) joined += '\n';
      map.push_back(i + 1);
    }
    joined += l;
    const char last = l.empty() ? '.' : l.back();
    open = !(last == '.' || last == ':' || last == ';');
  }
  return PaperText{std::make_shared<const SourceFile>(shown, std::move(joined)), std::move(map)};
}

}  // namespace remit
