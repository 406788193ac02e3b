#include "io/xlsx.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string_view>
#include <vector>

namespace remit::xlsx {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFile = std::unique_ptr<zip_file_t, FileCloser>;

// Reads part `name` in chunks, each passed to `take`; false, with `error`,
// when it is missing, damaged or inflates beyond `limit`.
template <typename Take>
bool read_part(zip_t* z, const std::string& name, std::size_t limit, Take take, std::string& error) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) {
    error = fmt::format("the workbook has no part `{}`: it is not a whole .xlsx workbook; open it in the spreadsheet and save it again", name);
    return false;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) {
    error = fmt::format("the workbook's part `{}` inflates to {} bytes, more than the {} remit reads", name, st.size, limit);
    return false;
  }
  ZipFile f(zip_fopen(z, name.c_str(), 0));
  if (!f) {
    error = fmt::format("the workbook's part `{}` cannot be opened: {}", name, zip_strerror(z));
    return false;
  }
  std::vector<char> chunk(std::size_t{1} << 16);
  std::size_t total = 0;
  for (;;) {
    const zip_int64_t got = zip_fread(f.get(), chunk.data(), chunk.size());
    if (got < 0) {
      error = fmt::format("the workbook's part `{}` is damaged: {}", name, zip_file_strerror(f.get()));
      return false;
    }
    if (got == 0) return true;
    total += static_cast<std::size_t>(got);
    if (total > limit) {
      error = fmt::format("the workbook's part `{}` inflates to more than the {} bytes remit reads", name, limit);
      return false;
    }
    if (!take(std::string_view(chunk.data(), static_cast<std::size_t>(got)), error)) return false;
  }
}

// A small part, parsed whole. pugixml expands no entities but XML's own.
bool read_xml(zip_t* z, const std::string& name, std::size_t limit, pugi::xml_document& doc, std::string& error) {
  std::string text;
  if (!read_part(z, name, limit, [&](std::string_view c, std::string&) { return text.append(c), true; }, error)) return false;
  if (text.find("<!DOCTYPE") != std::string::npos) {
    error = fmt::format("the workbook's part `{}` declares a document type, which a workbook never does; remit does not read it", name);
    return false;
  }
  const pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default);
  if (!r) {
    error = fmt::format("the workbook's part `{}` is not XML (byte {}: {})", name, r.offset, r.description());
    return false;
  }
  return true;
}

// The name without its namespace prefix.
std::string_view local(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c : n.children())
    if (local(c.name()) == name) return c;
  return {};
}

pugi::xml_attribute attribute(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_attribute a : n.attributes())
    if (local(a.name()) == name) return a;
  return {};
}

// A relationship's target, as a part name: relative to `base` (`xl/`) or absolute.
std::string part_name(std::string_view base, std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  return std::string(base) + std::string(target);
}

// The text of a shared or inline string: its `t`, or its runs' `t`s.
std::string string_item(pugi::xml_node si) {
  std::string text;
  for (pugi::xml_node c : si.children()) {
    if (local(c.name()) == "t") text += c.text().get();
    else if (local(c.name()) == "r")
      if (pugi::xml_node t = child(c, "t")) text += t.text().get();
  }
  return text;
}

// The date formats Excel builds in (ids 14-22, 27-36, 45-47, 50-58).
bool builtin_date(unsigned id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// The column (0 for A) of a reference like `C12`, or -1.
long column_of(std::string_view ref) {
  long col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return -1;
  }
  return i == 0 ? -1 : col - 1;
}

// The sheet, streamed through expat, to CSV.
struct SheetReader {
  SheetReader(const std::vector<std::string>& s, const std::vector<bool>& d) : shared(s), date_style(d) {}
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_style;  // by style index
  bool date1904 = false;
  std::FILE* out = nullptr;
  XML_Parser parser = nullptr;
  std::string error;

  unsigned long line = 0;  // the last row written
  std::vector<std::string> cells;
  unsigned long row = 0;
  long column = 0;
  std::string type, value, inline_text;
  unsigned style = 0;
  bool in_value = false, in_inline_t = false, in_cell = false, in_row = false;
  int depth_is = 0;

  void start(std::string_view name, const char** attrs) {
    if (name == "row") {
      in_row = true;
      cells.clear();
      row = line + 1;
      column = 0;
      for (const char** a = attrs; *a; a += 2)
        if (local(a[0]) == "r") row = std::strtoul(a[1], nullptr, 10);
    } else if (name == "c" && in_row) {
      in_cell = true;
      type.clear();
      value.clear();
      inline_text.clear();
      style = 0;
      long at = static_cast<long>(cells.size());
      for (const char** a = attrs; *a; a += 2) {
        const std::string_view n = local(a[0]);
        if (n == "t") type = a[1];
        else if (n == "s") style = static_cast<unsigned>(std::strtoul(a[1], nullptr, 10));
        else if (n == "r") at = column_of(a[1]);
      }
      column = at < 0 ? static_cast<long>(cells.size()) : at;
    } else if (name == "v" && in_cell) {
      in_value = true;
    } else if (name == "is" && in_cell) {
      ++depth_is;
    } else if (name == "t" && depth_is > 0) {
      in_inline_t = true;
    } else if (name == "rPh") {
      depth_is += depth_is > 0 ? 1000 : 0;  // phonetic runs: not the text
    }
  }

  void end(std::string_view name) {
    if (name == "v") in_value = false;
    else if (name == "t") in_inline_t = false;
    else if (name == "rPh" && depth_is >= 1000) depth_is -= 1000;
    else if (name == "is") depth_is = 0;
    else if (name == "c" && in_cell) {
      in_cell = false;
      if (static_cast<std::size_t>(column) >= cells.size()) cells.resize(static_cast<std::size_t>(column) + 1);
      cells[static_cast<std::size_t>(column)] = cell_text();
    } else if (name == "row" && in_row) {
      in_row = false;
      write_row();
    }
  }

  void text(std::string_view t) {
    if (in_value) value.append(t);
    else if (in_inline_t && depth_is > 0 && depth_is < 1000) inline_text.append(t);
  }

  std::string cell_text() {
    if (type == "s") {
      char* end = nullptr;
      const unsigned long i = std::strtoul(value.c_str(), &end, 10);
      if (value.empty() || *end || i >= shared.size()) {
        if (error.empty()) error = fmt::format("row {}: a cell names shared string `{}`, which the workbook does not have", row, value);
        return "";
      }
      return shared[i];
    }
    if (type == "inlineStr") return inline_text;
    if (type == "b") return value == "1" ? "true" : value == "0" ? "false" : value;
    if (type == "str" || type == "e") return value;
    if (value.empty()) return "";
    char* end = nullptr;
    const double d = std::strtod(value.c_str(), &end);
    if (*end || !std::isfinite(d)) return value;
    if (style < date_style.size() && date_style[style]) {
      std::string date = serial_date(d, date1904);
      return date.empty() ? value : date;
    }
    return general_number(d);
  }

  void write_row() {
    if (row <= line) row = line + 1;  // out of order: kept in order read
    for (; line + 1 < row; ++line) std::fputc('\n', out);
    line = row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) std::fputc(',', out);
      std::string& c = cells[i];
      for (char& ch : c)
        if (ch == '\n' || ch == '\r') ch = ' ';
      if (c.find_first_of(",\"") != std::string::npos || (!c.empty() && (c.front() == ' ' || c.back() == ' '))) {
        std::fputc('"', out);
        for (char ch : c) {
          if (ch == '"') std::fputc('"', out);
          std::fputc(ch, out);
        }
        std::fputc('"', out);
      } else {
        std::fwrite(c.data(), 1, c.size(), out);
      }
    }
    std::fputc('\n', out);
  }
};

void XMLCALL on_start(void* data, const char* name, const char** attrs) {
  static_cast<SheetReader*>(data)->start(local(name), attrs);
}
void XMLCALL on_end(void* data, const char* name) { static_cast<SheetReader*>(data)->end(local(name)); }
void XMLCALL on_text(void* data, const char* s, int len) {
  static_cast<SheetReader*>(data)->text(std::string_view(s, static_cast<std::size_t>(len)));
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

std::string general_number(double value) {
  std::string s = fmt::format("{:.15g}", value);
  if (s.find('e') != std::string::npos) s = fmt::format("{:.15f}", value);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string serial_date(double serial, bool date1904) {
  if (!(serial >= 0) || serial > 2958465) return "";  // 9999-12-31
  long days = static_cast<long>(std::floor(serial));
  if (date1904) {
    days += 1462;  // 1904-01-01 is 1462 in the 1900 system
  } else {
    if (days == 60) return "1900-02-29";  // Lotus's leap day: no such date (read_date says so)
    if (days < 60) ++days;  // before it, Excel counts one day more than there were
  }
  // Days since 1899-12-30 to a civil date (Howard Hinnant's algorithm).
  long z = days - 25569 + 719468;  // days since 0000-03-01 (1970-01-01 is serial 25569)
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

bool is_date_format(const std::string& code) {
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped, padded or repeated character
    } else if (c == '[') {
      const std::size_t close = code.find(']', i);
      if (close == std::string::npos) return false;
      // [h], [mm], [ss]: elapsed time, a date format in all but name
      const std::string_view inside = std::string_view(code).substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
      i = close;
    } else if (std::strchr("dDmMyYhHsS", c)) {
      return true;
    } else if (c == ';') {
      return false;  // the first section decides
    }
  }
  return false;
}

bool sheet_to_csv(std::FILE* workbook_file, const std::string& sheet, std::FILE* out, std::string& error) {
  zip_error_t e;
  zip_error_init(&e);
  zip_source_t* source = zip_source_filep_create(workbook_file, 0, -1, &e);
  Zip z(source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &e) : nullptr);
  if (!z) {
    if (source) zip_source_free(source);
    else std::fclose(workbook_file);
    error = fmt::format("the register is not a readable .xlsx workbook ({}); open it in the spreadsheet and save it again as "
                        "\"Excel Workbook (.xlsx)\", or as \"CSV UTF-8\"",
                        zip_error_strerror(&e));
    zip_error_fini(&e);
    return false;
  }
  zip_error_fini(&e);
  pugi::xml_document workbook, rels;
  if (!read_xml(z.get(), "xl/workbook.xml", max_part_bytes, workbook, error) ||
      !read_xml(z.get(), "xl/_rels/workbook.xml.rels", max_part_bytes, rels, error))
    return false;
  const pugi::xml_node wb = child(workbook, "workbook");
  bool date1904 = false;
  if (pugi::xml_node pr = child(wb, "workbookPr")) {
    const std::string_view v = attribute(pr, "date1904").value();
    date1904 = v == "1" || v == "true";
  }
  std::map<std::string, std::string, std::less<>> targets;  // relationship id -> part
  std::string shared_part, styles_part;
  for (pugi::xml_node r : child(rels, "Relationships").children()) {
    const std::string_view type = attribute(r, "Type").value();
    const std::string target = part_name("xl/", attribute(r, "Target").value());
    targets[attribute(r, "Id").value()] = target;
    if (type.size() >= 14 && type.substr(type.size() - 14) == "/sharedStrings") shared_part = target;
    if (type.size() >= 7 && type.substr(type.size() - 7) == "/styles") styles_part = target;
  }
  std::string sheet_part, names;
  for (pugi::xml_node s : child(wb, "sheets").children()) {
    const std::string name = attribute(s, "name").value();
    names += (names.empty() ? "`" : ", `") + name + "`";
    if (sheet_part.empty() && (sheet.empty() || name == sheet)) {
      const auto t = targets.find(attribute(s, "id").value());
      if (t == targets.end()) {
        error = fmt::format("the workbook's sheet `{}` has no part: the workbook is damaged; open it in the spreadsheet and save it again", name);
        return false;
      }
      sheet_part = t->second;
    }
  }
  if (sheet_part.empty()) {
    error = names.empty() ? "the workbook has no sheets"
                          : fmt::format("the workbook has no sheet `{}`; its sheets are {}: give one with --sheet", sheet, names);
    return false;
  }

  std::vector<std::string> shared;
  if (!shared_part.empty()) {
    pugi::xml_document doc;
    if (!read_xml(z.get(), shared_part, max_shared_strings_bytes, doc, error)) return false;
    for (pugi::xml_node si : child(doc, "sst").children())
      if (local(si.name()) == "si") shared.push_back(string_item(si));
  }
  std::vector<bool> date_style;
  if (!styles_part.empty()) {
    pugi::xml_document doc;
    if (!read_xml(z.get(), styles_part, max_part_bytes, doc, error)) return false;
    const pugi::xml_node ss = child(doc, "styleSheet");
    std::set<unsigned> custom_dates;
    for (pugi::xml_node f : child(ss, "numFmts").children())
      if (is_date_format(attribute(f, "formatCode").value())) custom_dates.insert(attribute(f, "numFmtId").as_uint());
    for (pugi::xml_node xf : child(ss, "cellXfs").children()) {
      const unsigned id = attribute(xf, "numFmtId").as_uint();
      date_style.push_back(builtin_date(id) || custom_dates.count(id) > 0);
    }
  }

  SheetReader reader(shared, date_style);
  reader.date1904 = date1904;
  reader.out = out;
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
  reader.parser = parser.get();
  XML_SetUserData(parser.get(), &reader);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetStartDoctypeDeclHandler(parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* r = static_cast<SheetReader*>(data);
    if (r->error.empty()) r->error = "the sheet declares a document type, which a workbook never does; remit does not read it";
    XML_StopParser(r->parser, XML_FALSE);
  });
  const auto feed = [&](std::string_view chunk, std::string& why) {
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) == XML_STATUS_ERROR) {
      if (!reader.error.empty()) return why = reader.error, false;
      why = fmt::format("the workbook's sheet is not XML (line {}: {})", XML_GetCurrentLineNumber(parser.get()),
                        XML_ErrorString(XML_GetErrorCode(parser.get())));
      return false;
    }
    if (!reader.error.empty()) {
      why = reader.error;
      return false;
    }
    return true;
  };
  if (!read_part(z.get(), sheet_part, max_sheet_bytes, feed, error)) return false;
  if (XML_Parse(parser.get(), nullptr, 0, XML_TRUE) == XML_STATUS_ERROR) {
    error = fmt::format("the workbook's sheet ends early: it is not whole XML ({})", XML_ErrorString(XML_GetErrorCode(parser.get())));
    return false;
  }
  if (!reader.error.empty()) {
    error = reader.error;
    return false;
  }
  return true;
}

}  // namespace remit::xlsx
