// `remit audit`: reads a register row by row, resolves each row against the
// version in force on its date, has it decided (eval/audit_rows) and writes
// one output row per input row. A row that cannot be read becomes an
// `invalid` output row with the reason; nothing is skipped but blank lines.
#include "remit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>
#include <unordered_map>

#include "check/resolver.hpp"
#include "eval/audit_rows.hpp"
#include "eval/decide.hpp"
#include "io/audit_split.hpp"
#include "io/csv.hpp"
#include "io/decode.hpp"
#include "io/xlsx.hpp"
#include "io/register_cells.hpp"
#include "model/json.hpp"
#include "model/names.hpp"
#include "model/utf8.hpp"

namespace remit {
namespace {

// Exact lookups of names with string_view keys, without building strings.
struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameMap = std::unordered_map<std::string, int, Hash, std::equal_to<>>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// An id for a line of text: a quoted newline or an escape sequence in a CSV
// cell must not start a line of its own or reach the terminal.
std::string one_line(std::string_view id) { return id.empty() ? "(no id)" : printable(id); }

}  // namespace

struct Auditor::State {
  const CompiledScheme& compiled;
  const Scheme& scheme;
  AuditFormat format;
  AuditOptions options;
  // The register's columns passed through, and the row being written: its
  // fields (null for a row that could not be split).
  const register_cells::Columns* columns = nullptr;
  const std::vector<std::string_view>* fields = nullptr;
  std::size_t dmy_line = 0;  // d/m/y taken from this line on (0: not yet)
  decode::Encoding encoding = decode::Encoding::utf8;
  std::string_view encoding_chosen_by = "named";
  // By version: the facts assumed where a row leaves them empty.
  struct Assumption {
    int fact = -1;
    Value value;
    std::string text;  // `novel=false`
  };
  std::vector<std::vector<Assumption>> assumptions;
  std::string assumed;  // the row's, `novel=false; …`
  AuditWriter write;    // empty in a worker's state, whose rows its caller takes
  bool write_failed = false;
  eval::RowDecider decider;
  std::string buffer;  // output, written in blocks
  std::vector<NameMap> kinds;      // by version
  std::vector<NameMap> approvers;  // by version: names seen, resolved (-1: unknown)
  std::vector<Diagnostic> diagnostics;
  Decision decision;
  std::string scratch;
  // Split orders (--split-key): each row's output goes through the finder,
  // which holds it back while its window is open; the first error stops.
  std::unique_ptr<split::Finder> split;
  std::string split_error;
  void split_row(std::size_t mark, std::size_t line, std::string_view id, const Decision* d, AuditOutcome outcome) {
    if (!split) return;
    const std::string text = buffer.substr(mark);
    buffer.resize(mark);
    if (!split_error.empty()) return;
    if (!split->add(text, line, id, fields, d, outcome, split_error)) {
      write_failed = true;  // stops reading; audit_csv reports split_error
      return;
    }
    split->release(buffer, false);
  }

  State(const CompiledScheme& c, AuditFormat f, AuditWriter w, AuditOptions o = {})
      : compiled(c), scheme(c.scheme()), format(f), options(std::move(o)), write(std::move(w)), decider(c) {
    for (const Version& v : scheme.versions) {
      NameMap k;
      for (std::size_t i = 0; i < v.kinds.size(); ++i) k.emplace(v.kinds[i], static_cast<int>(i));
      kinds.push_back(std::move(k));
      approvers.emplace_back();
      unknown_names.emplace_back();
    }
  }

  // A worker's state for the next block: the same options and columns.
  std::unique_ptr<State> worker() const {
    auto w = std::make_unique<State>(compiled, format, AuditWriter{}, options);
    w->columns = columns;
    w->dmy_line = dmy_line;
    w->encoding = encoding;
    w->encoding_chosen_by = encoding_chosen_by;
    w->assumptions = assumptions;
    return w;
  }

  // The CSV output's header: the line, the register's columns passed
  // through (`id` and `date` for JSON Lines), then what the audit found.
  void csv_header() {
    if (format != AuditFormat::csv) return;
    buffer += "line";
    if (columns) {
      for (std::size_t c : columns->kept) {
        buffer += ',';
        csv::append_field(buffer, columns->names[c], csv::Cell::text);
      }
    } else {
      buffer += ",id,date";
    }
    buffer += ",outcome,deciding,version,lowest,missing,reason";
    buffer += split ? ",split_group\n" : "\n";
  }

  // Takes in the rows and counts of a state that audited the next block.
  void absorb(State& other) {
    buffer += other.buffer;
    flush(false);
    decider.absorb(other.decider);
  }

  // One output row: the line, the register's own cells (or the id and the
  // date), then the results, all text, quoted where they need it and never
  // to be taken for a formula.
  void csv_row(std::size_t line, std::string_view id, std::string_view date, std::initializer_list<std::string_view> results) {
    csv::append_field(buffer, std::to_string(line), csv::Cell::number);
    if (columns) {
      for (std::size_t c : columns->kept) {
        buffer += ',';
        if (fields && c < fields->size()) csv::append_field(buffer, (*fields)[c], csv::Cell::text);
      }
    } else {
      for (std::string_view cell : {id, date}) {
        buffer += ',';
        csv::append_field(buffer, cell, csv::Cell::text);
      }
    }
    for (std::string_view field : results) {
      buffer += ',';
      csv::append_field(buffer, field, csv::Cell::text);
    }
    buffer += '\n';
  }

  void flush(bool force) {
    if (!write || (!force && buffer.size() < (1 << 16))) return;
    if (!write_failed) write_failed = !write(buffer);
    buffer.clear();
  }

  std::size_t version_index(const Version* v) const { return static_cast<std::size_t>(v - scheme.versions.data()); }

  // Names already found unknown, with the message (bounded, as for posts).
  std::vector<std::unordered_map<std::string, std::string, Hash, std::equal_to<>>> unknown_names;

  const std::string* known_unknown(const Version& v, std::string_view name) {
    const auto& map = unknown_names[version_index(&v)];
    auto it = map.find(name);
    return it == map.end() ? nullptr : &it->second;
  }
  void remember_unknown(const Version& v, std::string_view name, const std::string& why) {
    auto& map = unknown_names[version_index(&v)];
    if (map.size() < 4096) map.emplace(std::string(name), why);
  }

  int resolve_kind(const Version& v, std::string_view name, std::string& why) {
    const auto& map = kinds[version_index(&v)];
    if (auto it = map.find(name); it != map.end()) return it->second;
    if (const std::string* known = known_unknown(v, name)) {
      why = *known;
      return -1;
    }
    why = "unknown decision kind `" + std::string(name) + "` in version `" + v.label + "`";
    if (std::string help = did_you_mean(std::string(name), v.kinds, "decision kind"); !help.empty()) why += "; " + help;
    remember_unknown(v, name, why);
    return -1;
  }

  // A register's signatories (issue 12): `FD+NED` (or `FD acting for CE`)
  // in the approver cell, split as every reader splits them; in the
  // `acting_for` cell, the absent post when one signs (`CE`), else `FD:CE`
  // for each who stands in, joined by `+`. Empty, with `why`, when any is
  // wrong; the reasons for cells already refused are kept (bounded).
  void resolve_signatories(Resolver& resolver, const Version& v, std::string_view cell, std::string_view acting,
                           std::vector<Signatory>& out, std::string& why) {
    out.clear();
    if (cell.empty()) {
      why = "the row has no approver";
      return;
    }
    scratch.assign(1, '\x02');
    ((scratch += cell) += '\x1f') += acting;
    if (const std::string* known = known_unknown(v, scratch)) {
      why = *known;
      return;
    }
    std::vector<Resolver::WrittenSignatory> written = Resolver::split_signatories(std::string(cell));
    for (std::string_view rest = acting; !rest.empty();) {
      const std::size_t plus = std::min(rest.find('+'), rest.size());
      const std::string_view entry = trim(rest.substr(0, plus));
      rest.remove_prefix(std::min(plus + 1, rest.size()));
      const std::size_t colon = entry.find(':');
      const std::string_view who = colon == std::string_view::npos ? std::string_view() : trim(entry.substr(0, colon));
      const std::string_view absent = colon == std::string_view::npos ? entry : trim(entry.substr(colon + 1));
      Resolver::WrittenSignatory* signer = colon == std::string_view::npos && written.size() == 1 ? &written.front() : nullptr;
      for (Resolver::WrittenSignatory& w : written)
        if (!who.empty() && w.post == who) signer = &w;
      if (!signer) {
        why = colon == std::string_view::npos
                  ? "with several signatories, the `acting_for` cell says who stands in for whom, as `FD:CE`"
                  : "`" + printable(std::string(who)) + "` acts for another post but is not among the signatories";
        remember_unknown(v, scratch, why);
        return;
      }
      signer->acting_for = std::string(absent);
    }
    out = resolver.resolve_signatories(v, written, nullptr);
    if (out.empty()) {
      why = take_diagnostics();
      remember_unknown(v, scratch, why);
    }
  }

  // The problems a resolver reported, as one line.
  std::string take_diagnostics() {
    std::string why;
    for (const Diagnostic& d : diagnostics) {
      if (!why.empty()) why += "; ";
      why += d.message;
      if (!d.help.empty()) why += " (" + d.help + ")";
    }
    diagnostics.clear();
    return why;
  }

  // The register's own cells, as `"columns": {heading: cell}`.
  void json_columns(json::Writer& w) {
    if (!columns) return;
    w.key("columns").begin_object();
    for (std::size_t c : columns->kept)
      w.key(columns->names[c]).value(fields && c < fields->size() ? (*fields)[c] : std::string_view());
    w.end_object();
  }

  void write_invalid(std::size_t line, std::string_view id, std::string_view date, const std::string& why) {
    const std::size_t mark = buffer.size();
    decider.count_invalid(line, id, why);
    switch (format) {
      case AuditFormat::csv:
        csv_row(line, id, date, {audit_outcome_name(AuditOutcome::invalid), "", "", "", "", why});
        break;
      case AuditFormat::jsonl: {
        json::Writer w(json::Layout::compact);
        w.begin_object().key("line").value(static_cast<std::int64_t>(line)).key("id").value(id).key("date").value(date);
        json_columns(w);
        w.key("outcome").value(audit_outcome_name(AuditOutcome::invalid)).key("reason").value(why).end_object();
        buffer += w.str();
        buffer += '\n';
        break;
      }
      case AuditFormat::text:
        buffer += fmt::format("line {}: {}: invalid: {}\n", line, one_line(id), printable(why));
        break;
    }
    split_row(mark, line, id, nullptr, AuditOutcome::invalid);
    flush(false);
  }

  void finish() {
    if (split) split->release(buffer, true);
    decider.finish();
    flush(true);
  }

  // Decides `decision` and writes its row.
  void decide_and_write(std::size_t line, std::string_view id, std::string_view date) {
    const std::size_t mark = buffer.size();
    const Decision& d = decision;
    const Version& v = *d.version;
    const eval::DecidedRow& row = decider.decide(line, id, d, assumed);
    const FastVerdict& verdict = row.verdict;
    switch (format) {
      case AuditFormat::csv:
        csv_row(line, id, date, {outcome_name(verdict.outcome), row.deciding, v.label, row.lowest, row.missing, row.reason});
        break;
      case AuditFormat::jsonl: {
        json::Writer w(json::Layout::compact);
        w.begin_object().key("line").value(static_cast<std::int64_t>(line)).key("id").value(id).key("date").value(date);
        json_columns(w);
        w.key("version").value(v.label).key("outcome").value(outcome_name(verdict.outcome)).key("deciding").begin_array();
        for (int p : verdict.deciding) w.value(v.provisions[static_cast<std::size_t>(p)].para);
        w.end_array().key("lowest");
        if (row.lowest.empty()) w.null();
        else w.value(row.lowest);
        w.key("missing").begin_array();
        eval::for_each_requirement(v, d, verdict.outcome, verdict.requirements, verdict.deciding,
                                   [&](const std::string& item, RequirementState state, const Provision&, bool) {
                                     if (state != RequirementState::met) w.value(item);
                                   });
        w.end_array();
        w.key("reason").value(row.reason);
        w.end_object();
        buffer += w.str();
        buffer += '\n';
        break;
      }
      case AuditFormat::text:
        buffer += fmt::format("line {}: {}: {}", line, one_line(id), outcome_name(verdict.outcome));
        if (!row.deciding.empty()) buffer += fmt::format(" by {} ({})", printable(row.deciding), printable(v.label));
        if (!row.lowest.empty()) buffer += fmt::format("; lowest {}", printable(row.lowest));
        if (!row.missing.empty()) buffer += "; missing: " + printable(row.missing);
        if (!row.message.empty()) buffer += "; " + printable(row.message);
        if (!assumed.empty()) buffer += "; assumed " + printable(assumed);
        buffer += '\n';
        break;
    }
    split_row(mark, line, id, &d, audit_outcome(verdict.outcome));
    flush(false);
    if (on_progress_ && decider.summary().rows % 8192 == 0) on_progress_(decider.summary().rows);
  }

  std::function<void(std::size_t)> on_progress_;
};

Auditor::Auditor(const CompiledScheme& scheme, AuditFormat format, AuditWriter write, AuditOptions options)
    : state_(std::make_unique<State>(scheme, format, std::move(write), std::move(options))) {}
Auditor::~Auditor() = default;

const AuditSummary& Auditor::summary() const { return state_->decider.summary(); }

namespace {

// Why a row's fields are not text (the field, the byte in it, and what the
// encoding makes of it), or nothing.
std::string not_text(const std::vector<std::string_view>& fields, decode::Encoding e, std::string_view chosen_by) {
  for (std::size_t c = 0; c < fields.size(); ++c)
    if (std::string why = decode::why_not_text(fields[c], e, chosen_by); !why.empty()) return fmt::format("field {}: {}", c + 1, why);
  return {};
}

// The facts of --assume, read against each version: false, with `error`, for
// a fact no version has or a value one of them refuses.
bool prepare_assumptions(Auditor::State& s, std::string& error) {
  s.assumptions.assign(s.scheme.versions.size(), {});
  Resolver resolver(s.scheme, s.diagnostics);
  for (const auto& [name, value] : s.options.assume) {
    bool found = false;
    for (std::size_t vi = 0; vi < s.scheme.versions.size(); ++vi) {
      const Version& v = s.scheme.versions[vi];
      const int f = v.find_fact(name);
      if (f < 0) continue;
      found = true;
      const std::optional<Value> read = resolver.value_from_text(v, v.facts[static_cast<std::size_t>(f)], value, nullptr, 0, 0, 0);
      if (!read) {
        error = "--assume " + printable(name + "=" + value) + ": " + s.take_diagnostics();
        return false;
      }
      s.assumptions[vi].push_back(Auditor::State::Assumption{f, *read, name + "=" + value});
    }
    if (!found) {
      error = "--assume " + printable(name + "=" + value) + ": `" + printable(name) + "` is not a fact of any version of the scheme";
      if (std::string help = did_you_mean(name, s.scheme.versions.back().fact_names(), "fact"); !help.empty()) error += "; " + help;
      return false;
    }
  }
  return true;
}

// Fills the facts `d` leaves empty that --assume gives, and says which in `s.assumed`.
void apply_assumptions(Auditor::State& s, Decision& d) {
  s.assumed.clear();
  for (const Auditor::State::Assumption& a : s.assumptions[s.version_index(d.version)]) {
    auto& slot = d.facts[static_cast<std::size_t>(a.fact)];
    if (slot) continue;
    slot = a.value;
    if (!s.assumed.empty()) s.assumed += "; ";
    s.assumed += a.text;
    s.decider.count_assumed(a.text);
  }
}

// Whole rows of a CSV register as the reader found them, for one worker.
struct Block {
  struct Row {
    std::size_t offset = 0, size = 0;  // in `text`
    std::size_t line = 0, lines = 0;
    std::string error;  // the reader's, for a row it could not read
  };
  std::string text;
  std::vector<Row> rows;
};

// Audits the rows of `block` into `s`.
void audit_rows(Auditor::State& s, const Block& block, const register_cells::Columns& h, char delimiter);

// Whether every line read is accounted for, as the summary says it is.
bool lines_add_up(const AuditSummary::Lines& lines, std::string& error) {
  if (lines.add_up()) return true;
  error = fmt::format("{} lines were read but {} are accounted for (header {}, blank {}, rows {}); this is a bug in remit, please report it",
                      lines.read, lines.header + lines.blank + lines.rows, lines.header, lines.blank, lines.rows);
  return false;
}

// The first line of `block` whose date shows day-first dates (`15/03/2021`),
// so that d/m/y is taken for the file from there; 0 when none does.
std::size_t first_day_first(const Block& block, const register_cells::Columns& h, char delimiter, std::string& shown_by) {
  std::vector<std::string_view> fields;
  std::string unquoted, error;
  for (const Block::Row& row : block.rows) {
    const std::string_view text = std::string_view(block.text).substr(row.offset, row.size);
    if (!row.error.empty() || text.find_first_of("/.") == std::string_view::npos) continue;
    if (!csv::split_row(text, fields, unquoted, error, delimiter) || static_cast<std::size_t>(h.date) >= fields.size()) continue;
    if (register_cells::shows_day_first(trim(fields[static_cast<std::size_t>(h.date)]))) {
      shown_by = trim(fields[static_cast<std::size_t>(h.date)]);
      return row.line;
    }
  }
  return 0;
}

}  // namespace

// An .xlsx register: the workbook (from a file or a pipe) buffered to a
// temporary file, its sheet written there as CSV, and that audited.
namespace {
bool audit_xlsx(Auditor& auditor, Auditor::State& s, decode::Input& input, std::string& error) {
  if (!s.options.encoding.empty() || s.options.delimiter) {
    error = "the register is an .xlsx workbook, which has no encoding or delimiter to name; leave out --encoding and --delimiter";
    return false;
  }
  std::FILE* workbook = std::tmpfile();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> csv_text(std::tmpfile(), &std::fclose);
  if (!workbook || !csv_text) {
    if (workbook) std::fclose(workbook);
    error = fmt::format("cannot make a temporary file to read the workbook in: {}", std::strerror(errno));
    return false;
  }
  if (!input.copy_raw(workbook) || std::fflush(workbook) != 0) {
    std::fclose(workbook);
    error = fmt::format("cannot buffer the workbook in a temporary file: {}", std::strerror(errno));
    return false;
  }
  if (!xlsx::sheet_to_csv(workbook, s.options.sheet, csv_text.get(), error)) return false;  // closes `workbook`
  if (std::fflush(csv_text.get()) != 0 || std::fseek(csv_text.get(), 0, SEEK_SET) != 0) {
    error = fmt::format("cannot write the workbook's rows to a temporary file: {}", std::strerror(errno));
    return false;
  }
  const AuditOptions given = s.options;
  s.options.encoding = "utf-8";
  s.options.delimiter = ',';
  s.options.sheet.clear();
  const bool read = auditor.audit_csv(csv_text.get(), error);
  s.options = given;
  s.decider.summary_mut().encoding =
      given.sheet.empty() ? "xlsx workbook, its first sheet" : "xlsx workbook, sheet `" + printable(given.sheet) + "`";
  return read;
}
}  // namespace

bool Auditor::audit_csv(std::FILE* in, std::string& error) {
  State& s = *state_;
  s.on_progress_ = on_progress;
  if (!prepare_assumptions(s, error)) return false;
  decode::Encoding named = decode::Encoding::detect;
  if (!s.options.encoding.empty()) {
    const auto e = decode::encoding_by_name(s.options.encoding);
    if (!e) {
      error = "unknown encoding `" + printable(s.options.encoding) + "`: give utf-8, utf-16le, utf-16be or windows-1252";
      return false;
    }
    named = *e;
  }
  decode::Input input(in, named);
  if (input.zip()) return audit_xlsx(*this, s, input, error);
  if (!s.options.sheet.empty()) {
    error = "--sheet is for an .xlsx workbook, and the register is text; leave --sheet out";
    return false;
  }
  s.encoding = input.encoding();
  s.encoding_chosen_by = input.chosen_by();
  s.decider.summary_mut().encoding = fmt::format("{} ({})", decode::encoding_name(s.encoding), s.encoding_chosen_by);
  csv::Reader reader(input.source());
  csv::Reader::Row first;
  if (!reader.next_row(first)) {
    error = "the register is empty: it needs a header row";
    return false;
  }
  if (!first.error.empty()) {
    error = "line 1: " + first.error;
    return false;
  }
  const char delimiter = s.options.delimiter ? s.options.delimiter : csv::detect_delimiter(first.text);
  reader.set_delimiter(delimiter);
  std::vector<std::string_view> fields;
  std::string unquoted;
  if (!csv::split_row(first.text, fields, unquoted, error, delimiter)) {
    error = "line 1: " + error;
    return false;
  }
  if (std::string why = not_text(fields, s.encoding, s.encoding_chosen_by); !why.empty()) {
    error = "line 1: " + why;
    return false;
  }
  register_cells::Columns header;
  if (!register_cells::read_columns(s.scheme, fields, s.options, header, error)) return false;
  s.columns = &header;
  s.decider.summary_mut().notes = header.notes;
  for (const auto& [column, fact] : header.facts)
    for (const Version& v : s.scheme.versions)
      if (const int f = v.find_fact(fact); f >= 0 && v.facts[static_cast<std::size_t>(f)].type == FactType::money) {
        s.decider.summary_mut().money_columns.push_back(header.names[column]);
        break;
      }
  if (!s.options.split_key.empty()) {
    s.split = std::make_unique<split::Finder>(s.compiled, s.format, s.options.split_window, s.decider.summary_mut());
    if (!s.split->set_key(header, s.options.split_key, error)) return false;
  }
  s.csv_header();

  s.decider.lines().header = first.lines;

  // The rows, in blocks of whole rows as the reader finds them, each block
  // decided by a worker with its own state; the blocks' output is written in
  // order and their counts added up, so the result is the same as one pass.
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  constexpr std::size_t block_bytes = std::size_t{1} << 22, block_rows = std::size_t{1} << 16;
  csv::Reader::Row row;
  bool more = true;
  std::string dmy_shown_by;
  while (more && !s.write_failed) {
    std::vector<Block> blocks;
    while (more && blocks.size() < workers) {
      Block block;
      while (block.text.size() < block_bytes && block.rows.size() < block_rows && (more = reader.next_row(row))) {
        block.rows.push_back(Block::Row{block.text.size(), row.text.size(), row.line, row.lines, row.error});
        block.text += row.text;
      }
      if (!block.rows.empty()) blocks.push_back(std::move(block));
    }
    // Day-first dates, once shown, hold for the rest of the file: found
    // here, in order, before the blocks are shared out.
    if (s.options.date_order == DateOrder::unset)
      for (const Block& block : blocks)
        if (!s.dmy_line) s.dmy_line = first_day_first(block, header, delimiter, dmy_shown_by);
    std::vector<std::unique_ptr<State>> states;
    std::vector<std::thread> threads;
    if (s.split) {  // the rows in order through one state, whose finder sees them all
      for (const Block& block : blocks) audit_rows(s, block, header, delimiter);
      blocks.clear();
    }
    for (const Block& block : blocks) {
      states.push_back(s.worker());
      threads.emplace_back([&state = *states.back(), &block, &header, delimiter] { audit_rows(state, block, header, delimiter); });
    }
    for (std::thread& t : threads) t.join();
    for (auto& state : states) {
      s.absorb(*state);
      if (on_progress) on_progress(s.decider.summary().rows);
    }
  }
  s.decider.lines().read = reader.lines_read();
  s.decider.summary_mut().dmy_from_line = s.dmy_line;
  s.decider.summary_mut().dmy_shown_by = dmy_shown_by;
  s.finish();
  s.columns = nullptr;
  if (!s.split_error.empty()) {
    error = s.split_error;
    return false;
  }
  // Stopped at a failed write, the reader has read ahead of the rows
  // audited: the caller reports the write, not lines unaccounted for.
  return s.write_failed || lines_add_up(s.decider.summary().lines, error);
}

namespace {

// Audits one row of a CSV register, read into `fields`.
void audit_row(Auditor::State& s, Resolver& resolver, const std::vector<std::string_view>& fields, std::size_t line,
               const register_cells::Columns& h) {
  const SourcePtr no_source;
  Decision& d = s.decision;
  const std::string_view id = h.id >= 0 && static_cast<std::size_t>(h.id) < fields.size() ? trim(fields[static_cast<std::size_t>(h.id)]) : "";
  if (fields.size() != h.width) {
    s.write_invalid(line, id, "", fmt::format("the row has {} fields but the header has {}", fields.size(), h.width));
    return;
  }
  const std::string_view date = trim(fields[static_cast<std::size_t>(h.date)]);
  std::string why;
  const register_cells::DateReading reading =
      register_cells::read_date(date, s.options.date_order, s.dmy_line && line >= s.dmy_line);
  d.date = reading.date;
  if (!d.date) {
    s.write_invalid(line, id, date, reading.why);
    return;
  }
  const std::string iso = format_date(*d.date);
  const Version* v = s.scheme.in_force(*d.date);
  if (!v) {
    s.write_invalid(line, id, date, "no version of `" + s.scheme.title + "` is in force on " + iso);
    return;
  }
  d.version = v;
  d.kind = s.resolve_kind(*v, trim(fields[static_cast<std::size_t>(h.kind)]), why);
  const std::string_view acting = h.acting_for >= 0 ? trim(fields[static_cast<std::size_t>(h.acting_for)]) : "";
  if (d.kind >= 0) s.resolve_signatories(resolver, *v, trim(fields[static_cast<std::size_t>(h.approver)]), acting, d.approver, why);
  if (d.kind < 0 || d.approver.empty()) {
    s.write_invalid(line, id, date, why);
    return;
  }
  d.facts.resize(v->facts.size());
  std::fill(d.facts.begin(), d.facts.end(), std::nullopt);
  const auto& where = h.fact_index[s.version_index(v)];
  for (std::size_t i = 0; i < h.facts.size(); ++i) {
    const std::string_view text = trim(fields[h.facts[i].first]);
    if (text.empty()) continue;  // not given: the verdict says whether it matters
    const int f = where[i];
    if (f < 0) {
      why = "`" + h.facts[i].second + "` is not a fact of version `" + v->label + "`, in force on " + iso;
      break;
    }
    s.scratch.assign(text);
    d.facts[static_cast<std::size_t>(f)] =
        resolver.value_from_text(*v, v->facts[static_cast<std::size_t>(f)], s.scratch, no_source, 0, 0, 0);
    if (!d.facts[static_cast<std::size_t>(f)]) {
      why = s.take_diagnostics();
      break;
    }
  }
  if (!why.empty()) {
    s.write_invalid(line, id, date, why);
    return;
  }
  apply_assumptions(s, d);
  // The evidence items, into the strings of the last row (no allocation
  // once they are long enough).
  std::size_t items = 0;
  if (h.evidence >= 0) {
    std::string_view rest = fields[static_cast<std::size_t>(h.evidence)];
    while (!rest.empty()) {
      const std::size_t semicolon = rest.find(';');
      const std::string_view item = trim(rest.substr(0, semicolon));
      if (!item.empty()) {
        if (items < d.evidence.size()) d.evidence[items].assign(item);
        else d.evidence.emplace_back(item);
        ++items;
      }
      if (semicolon == std::string_view::npos) break;
      rest.remove_prefix(semicolon + 1);
    }
  }
  d.evidence.resize(items);
  d.id.reset();
  s.decide_and_write(line, id, date);
}

void audit_rows(Auditor::State& s, const Block& block, const register_cells::Columns& h, char delimiter) {
  std::vector<std::string_view> fields;
  std::string unquoted, error;
  Resolver resolver(s.scheme, s.diagnostics);
  for (const Block::Row& row : block.rows) {
    const bool read =
        row.error.empty() && csv::split_row(std::string_view(block.text).substr(row.offset, row.size), fields, unquoted, error, delimiter);
    if (read && std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); })) {
      s.decider.count_blank(row.lines);
      continue;
    }
    s.decider.lines().rows += row.lines;
    s.fields = read ? &fields : nullptr;
    if (!read) {
      s.write_invalid(row.line, "", "", row.error.empty() ? error : row.error);
    } else if (std::string why = not_text(fields, s.encoding, s.encoding_chosen_by); !why.empty()) {
      const bool id_readable = h.id >= 0 && static_cast<std::size_t>(h.id) < fields.size() &&
                               invalid_utf8_at(fields[static_cast<std::size_t>(h.id)]) == std::string_view::npos;
      // The cells go out as they came only where they are text.
      std::vector<std::string_view> shown;
      for (std::string_view f : fields) shown.push_back(invalid_utf8_at(f) == std::string_view::npos ? f : std::string_view());
      s.fields = &shown;
      s.write_invalid(row.line, id_readable ? trim(fields[static_cast<std::size_t>(h.id)]) : "", "", why);
    } else {
      audit_row(s, resolver, fields, row.line, h);
    }
    s.fields = nullptr;
  }
}

}  // namespace

bool Auditor::audit_jsonl(std::FILE* in, std::string& error) {
  State& s = *state_;
  s.on_progress_ = on_progress;
  if (!prepare_assumptions(s, error)) return false;
  if (!s.options.split_key.empty()) {
    error = "--split-key reads the columns of a CSV register, and a JSON Lines register has none; audit the register as CSV";
    return false;
  }
  s.csv_header();
  std::string text;
  std::size_t line = 0;
  constexpr std::size_t max_line = std::size_t{1} << 20;  // as for a CSV row
  int c = 0;
  while (c != EOF && !s.write_failed) {
    text.clear();
    bool too_long = false;
    while ((c = std::fgetc(in)) != EOF && c != '\n') {
      if (text.size() < max_line) text.push_back(static_cast<char>(c));
      else too_long = true;
    }
    if (text.empty() && c == EOF) break;  // after the last line break
    ++line;
    if (!too_long && trim(text).empty()) {
      s.decider.count_blank(1);
      continue;
    }
    s.decider.lines().rows += 1;
    if (too_long) {
      s.write_invalid(line, "", "", "the line is longer than 1 MiB, the most a line may hold");
      continue;
    }
    auto source = std::make_shared<const SourceFile>(fmt::format("<line {}>", line), text);
    DecisionReading reading = read_decision(s.scheme, source);
    std::string id;
    if (reading.decision && reading.decision->id) id = *reading.decision->id;
    if (!reading.decision) {
      std::string why;
      for (const Diagnostic& d : reading.diagnostics) {
        if (!why.empty()) why += "; ";
        why += fmt::format("column {}: {}", source->position(d.span.offset).column, d.message);
      }
      s.write_invalid(line, id, "", why);
      continue;
    }
    if (reading.decision->date_is_today) {
      s.write_invalid(line, id, "", "the decision has no `date`; an audit needs it to choose the version in force");
      continue;
    }
    if (reading.decision->approver.empty()) {
      s.write_invalid(line, id, format_date(*reading.decision->date), "the decision has no `approver`");
      continue;
    }
    s.decision = std::move(*reading.decision);
    apply_assumptions(s, s.decision);
    s.decide_and_write(line, id, format_date(*s.decision.date));
  }
  s.decider.lines().read = line;
  s.finish();
  return lines_add_up(s.decider.summary().lines, error);
}

}  // namespace remit
