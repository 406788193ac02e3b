// `remit audit`: reads a register row by row, resolves each row against the
// version in force on its date, has it decided (eval/audit_rows) and writes
// one output row per input row. A row that cannot be read becomes an
// `invalid` output row with the reason; nothing is skipped but blank lines.
#include "remit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <unordered_map>

#include "check/resolver.hpp"
#include "eval/audit_rows.hpp"
#include "eval/decide.hpp"
#include "io/csv.hpp"
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
  AuditWriter write;    // empty in a worker's state, whose rows its caller takes
  bool write_failed = false;
  eval::RowDecider decider;
  std::string buffer;  // output, written in blocks
  std::vector<NameMap> kinds;      // by version
  std::vector<NameMap> approvers;  // by version: names seen, resolved (-1: unknown)
  std::vector<Diagnostic> diagnostics;
  Decision decision;
  std::string scratch;

  State(const CompiledScheme& c, AuditFormat f, AuditWriter w, bool with_header = true)
      : compiled(c), scheme(c.scheme()), format(f), write(std::move(w)), decider(c) {
    for (const Version& v : scheme.versions) {
      NameMap k;
      for (std::size_t i = 0; i < v.kinds.size(); ++i) k.emplace(v.kinds[i], static_cast<int>(i));
      kinds.push_back(std::move(k));
      approvers.emplace_back();
      unknown_names.emplace_back();
    }
    if (format == AuditFormat::csv && with_header) buffer += "line,id,date,version,outcome,deciding,lowest,missing,message\n";
  }

  // Takes in the rows and counts of a state that audited the next block.
  void absorb(State& other) {
    buffer += other.buffer;
    flush(false);
    decider.absorb(other.decider);
  }

  // One output row: the line, then the fields, all text, quoted where they
  // need it and never to be taken for a formula.
  void csv_row(std::size_t line, std::initializer_list<std::string_view> fields) {
    csv::append_field(buffer, std::to_string(line), csv::Cell::number);
    for (std::string_view field : fields) {
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

  // A register's signatories (issue 12): `FD+NED` in the approver cell; in
  // the `acting_for` cell, the absent post when one signs (`CE`), else
  // `FD:CE` for each who stands in, joined by `+`. Empty, with `why`, when
  // any is wrong.
  void resolve_signatories(const Version& v, std::string_view cell, std::string_view acting, std::vector<Signatory>& out,
                           std::string& why) {
    out.clear();
    auto parts = [](std::string_view text) {
      std::vector<std::string_view> list;
      while (true) {
        const std::size_t plus = text.find('+');
        list.push_back(trim(text.substr(0, plus)));
        if (plus == std::string_view::npos) break;
        text.remove_prefix(plus + 1);
      }
      return list;
    };
    for (std::string_view name : parts(cell)) {
      const int post = resolve_approver(v, name, why);
      if (post < 0) {
        out.clear();
        return;
      }
      if (std::any_of(out.begin(), out.end(), [&](const Signatory& t) { return t.post == post; })) {
        why = "`" + printable(std::string(name)) + "` signs twice";
        out.clear();
        return;
      }
      out.push_back(Signatory{post, -1});
    }
    if (acting.empty()) return;
    for (std::string_view entry : parts(acting)) {
      const std::size_t colon = entry.find(':');
      std::string_view who = colon == std::string_view::npos ? std::string_view() : trim(entry.substr(0, colon));
      const std::string_view absent = colon == std::string_view::npos ? entry : trim(entry.substr(colon + 1));
      Signatory* signer = nullptr;
      if (colon == std::string_view::npos && out.size() == 1) signer = &out.front();
      for (Signatory& t : out)
        if (!who.empty() && v.posts[static_cast<std::size_t>(t.post)].id == who) signer = &t;
      if (!signer) {
        why = colon == std::string_view::npos
                  ? "with several signatories, the `acting_for` cell says who stands in for whom, as `FD:CE`"
                  : "`" + printable(std::string(who)) + "` acts for another post but is not among the signatories";
        out.clear();
        return;
      }
      signer->acting_for = resolve_approver(v, absent, why);
      if (signer->acting_for < 0 || signer->acting_for == signer->post) {
        if (signer->acting_for >= 0) why = "`" + printable(std::string(absent)) + "` cannot act for itself";
        out.clear();
        return;
      }
    }
  }

  int resolve_approver(const Version& v, std::string_view name, std::string& why) {
    auto& memo = approvers[version_index(&v)];
    int post = -2;
    if (auto it = memo.find(name); it != memo.end()) post = it->second;
    if (post == -2) {
      post = v.find_post(name);
      // Names are few in a real register; a hostile one cannot grow this without bound.
      if (memo.size() < 4096) memo.emplace(std::string(name), post);
    }
    if (post < 0) {
      if (const std::string* known = known_unknown(v, "\x01" + std::string(name))) {
        why = *known;
        return post;
      }
      why = name.empty() ? "the row has no approver" : "unknown post `" + std::string(name) + "` in version `" + v.label + "`";
      if (!name.empty())
        if (std::string help = did_you_mean(std::string(name), v.post_ids(), "post"); !help.empty()) why += "; " + help;
      remember_unknown(v, "\x01" + std::string(name), why);  // posts and kinds apart
    }
    return post;
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

  void write_invalid(std::size_t line, std::string_view id, std::string_view date, const std::string& why) {
    decider.count_invalid(line, id, why);
    switch (format) {
      case AuditFormat::csv:
        csv_row(line, {id, date, "", audit_outcome_name(AuditOutcome::invalid), "", "", "", why});
        break;
      case AuditFormat::jsonl: {
        json::Writer w(json::Layout::compact);
        w.begin_object().key("line").value(static_cast<std::int64_t>(line)).key("id").value(id).key("date").value(date);
        w.key("outcome").value(audit_outcome_name(AuditOutcome::invalid)).key("message").value(why).end_object();
        buffer += w.str();
        buffer += '\n';
        break;
      }
      case AuditFormat::text:
        buffer += fmt::format("line {}: {}: invalid: {}\n", line, one_line(id), printable(why));
        break;
    }
    flush(false);
  }

  void finish() {
    decider.finish();
    flush(true);
  }

  // Decides `decision` and writes its row.
  void decide_and_write(std::size_t line, std::string_view id, std::string_view date) {
    const Decision& d = decision;
    const Version& v = *d.version;
    const eval::DecidedRow& row = decider.decide(line, id, d);
    const FastVerdict& verdict = row.verdict;
    switch (format) {
      case AuditFormat::csv:
        csv_row(line, {id, date, v.label, outcome_name(verdict.outcome), row.deciding, row.lowest, row.missing, row.message});
        break;
      case AuditFormat::jsonl: {
        json::Writer w(json::Layout::compact);
        w.begin_object().key("line").value(static_cast<std::int64_t>(line)).key("id").value(id).key("date").value(date);
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
        if (!row.message.empty()) w.key("message").value(row.message);
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
        buffer += '\n';
        break;
    }
    flush(false);
    if (on_progress_ && decider.summary().rows % 8192 == 0) on_progress_(decider.summary().rows);
  }

  std::function<void(std::size_t)> on_progress_;
};

Auditor::Auditor(const CompiledScheme& scheme, AuditFormat format, AuditWriter write)
    : state_(std::make_unique<State>(scheme, format, std::move(write))) {}
Auditor::~Auditor() = default;

const AuditSummary& Auditor::summary() const { return state_->decider.summary(); }

namespace {

// Why a row's fields are not UTF-8 (the field and the byte in it), or nothing.
std::string not_utf8(const std::vector<std::string_view>& fields) {
  for (std::size_t c = 0; c < fields.size(); ++c)
    if (const std::size_t bad = invalid_utf8_at(fields[c]); bad != std::string_view::npos)
      return fmt::format("field {} is not valid UTF-8 at byte {} of the field ({:#04x}); save the register as UTF-8", c + 1, bad + 1,
                         static_cast<unsigned char>(fields[c][bad]));
  return {};
}

// The columns of a CSV register, from its header row.
struct Header {
  std::size_t width = 0;
  int id = -1, date = -1, kind = -1, approver = -1, evidence = -1, acting_for = -1;
  std::vector<std::pair<std::size_t, std::string>> facts;  // column, fact name
  std::vector<std::vector<int>> fact_index;                 // by version, then fact column: the fact, or -1
};

bool read_header(const Scheme& scheme, const std::vector<std::string_view>& fields, Header& h, std::string& error) {
  h.width = fields.size();
  std::vector<std::string> known_facts;
  for (const Version& v : scheme.versions)
    for (const FactDef& f : v.facts)
      if (std::find(known_facts.begin(), known_facts.end(), f.name) == known_facts.end()) known_facts.push_back(f.name);
  std::vector<std::string> seen;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const std::string name(trim(fields[c]));
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      error = "line 1: the column `" + printable(name) + "` appears twice";
      return false;
    }
    seen.push_back(name);
    int* slot = name == "id" ? &h.id : name == "date" ? &h.date : name == "kind" ? &h.kind : name == "approver" ? &h.approver
              : name == "evidence" ? &h.evidence : name == "acting_for" ? &h.acting_for : nullptr;
    if (slot) {
      *slot = static_cast<int>(c);
    } else if (std::find(known_facts.begin(), known_facts.end(), name) != known_facts.end()) {
      h.facts.emplace_back(c, name);
    } else {
      std::vector<std::string> columns = known_facts;
      columns.insert(columns.end(), {"id", "date", "kind", "approver", "acting_for", "evidence"});
      error = "line 1: the column `" + printable(name) + "` is not `id`, `date`, `kind`, `approver`, `acting_for`, `evidence` or a fact of the scheme";
      if (std::string help = did_you_mean(name, columns, "column"); !help.empty()) error += "; " + printable(help);
      return false;
    }
  }
  for (auto [col, name] : {std::pair{h.date, "date"}, std::pair{h.kind, "kind"}, std::pair{h.approver, "approver"}})
    if (col < 0) {
      error = std::string("line 1: the register has no `") + name + "` column; the header needs `id`, `date`, `kind` and `approver`";
      return false;
    }
  h.fact_index.resize(scheme.versions.size());
  for (std::size_t v = 0; v < scheme.versions.size(); ++v)
    for (const auto& [col, name] : h.facts) h.fact_index[v].push_back(scheme.versions[v].find_fact(name));
  return true;
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
void audit_rows(Auditor::State& s, const Block& block, const Header& h);

// Whether every line read is accounted for, as the summary says it is.
bool lines_add_up(const AuditSummary::Lines& lines, std::string& error) {
  if (lines.add_up()) return true;
  error = fmt::format("{} lines were read but {} are accounted for (header {}, blank {}, rows {}); this is a bug in remit, please report it",
                      lines.read, lines.header + lines.blank + lines.rows, lines.header, lines.blank, lines.rows);
  return false;
}

}  // namespace

bool Auditor::audit_csv(std::FILE* in, std::string& error) {
  State& s = *state_;
  s.on_progress_ = on_progress;
  csv::Reader reader(in);
  std::vector<std::string_view> fields;
  auto status = reader.next(fields);
  if (status != csv::Reader::Status::row) {
    error = status == csv::Reader::Status::end ? "the register is empty: it needs a header row" : "line 1: " + reader.error();
    return false;
  }
  if (std::string why = not_utf8(fields); !why.empty()) {
    error = "line 1: " + why;
    return false;
  }
  Header header;
  if (!read_header(s.scheme, fields, header, error)) return false;

  s.decider.lines().header = reader.lines();

  // The rows, in blocks of whole rows as the reader finds them, each block
  // decided by a worker with its own state; the blocks' output is written in
  // order and their counts added up, so the result is the same as one pass.
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  constexpr std::size_t block_bytes = std::size_t{1} << 22, block_rows = std::size_t{1} << 16;
  csv::Reader::Row row;
  bool more = true;
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
    std::vector<std::unique_ptr<State>> states;
    std::vector<std::thread> threads;
    for (const Block& block : blocks) {
      states.push_back(std::make_unique<State>(s.compiled, s.format, AuditWriter{}, false));
      threads.emplace_back([&state = *states.back(), &block, &header] { audit_rows(state, block, header); });
    }
    for (std::thread& t : threads) t.join();
    for (auto& state : states) {
      s.absorb(*state);
      if (on_progress) on_progress(s.decider.summary().rows);
    }
  }
  s.decider.lines().read = reader.lines_read();
  s.finish();
  // Stopped at a failed write, the reader has read ahead of the rows
  // audited: the caller reports the write, not lines unaccounted for.
  return s.write_failed || lines_add_up(s.decider.summary().lines, error);
}

namespace {

// Audits one row of a CSV register, read into `fields`.
void audit_row(Auditor::State& s, Resolver& resolver, const std::vector<std::string_view>& fields, std::size_t line, const Header& h) {
  const SourcePtr no_source;
  Decision& d = s.decision;
  const std::string_view id = h.id >= 0 && static_cast<std::size_t>(h.id) < fields.size() ? trim(fields[static_cast<std::size_t>(h.id)]) : "";
  if (fields.size() != h.width) {
    s.write_invalid(line, id, "", fmt::format("the row has {} fields but the header has {}", fields.size(), h.width));
    return;
  }
  const std::string_view date = trim(fields[static_cast<std::size_t>(h.date)]);
  std::string why;
  d.date = read_date(date);
  if (!d.date) {
    s.write_invalid(line, id, date, date.empty() ? "the row has no date; an audit needs it to choose the version in force"
                                                 : "`" + std::string(date) + "` is not a date written YYYY-MM-DD");
    return;
  }
  const Version* v = s.scheme.in_force(*d.date);
  if (!v) {
    s.write_invalid(line, id, date, "no version of `" + s.scheme.title + "` is in force on " + std::string(date));
    return;
  }
  d.version = v;
  d.kind = s.resolve_kind(*v, trim(fields[static_cast<std::size_t>(h.kind)]), why);
  const std::string_view acting = h.acting_for >= 0 ? trim(fields[static_cast<std::size_t>(h.acting_for)]) : "";
  if (d.kind >= 0) s.resolve_signatories(*v, trim(fields[static_cast<std::size_t>(h.approver)]), acting, d.approver, why);
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
      why = "`" + h.facts[i].second + "` is not a fact of version `" + v->label + "`, in force on " + std::string(date);
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

void audit_rows(Auditor::State& s, const Block& block, const Header& h) {
  std::vector<std::string_view> fields;
  std::string unquoted, error;
  Resolver resolver(s.scheme, s.diagnostics);
  for (const Block::Row& row : block.rows) {
    const bool read = row.error.empty() && csv::split_row(std::string_view(block.text).substr(row.offset, row.size), fields, unquoted, error);
    if (read && std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); })) {
      s.decider.count_blank(row.lines);
      continue;
    }
    s.decider.lines().rows += row.lines;
    if (!read) {
      s.write_invalid(row.line, "", "", row.error.empty() ? error : row.error);
    } else if (std::string why = not_utf8(fields); !why.empty()) {
      const bool id_readable = h.id >= 0 && static_cast<std::size_t>(h.id) < fields.size() &&
                               invalid_utf8_at(fields[static_cast<std::size_t>(h.id)]) == std::string_view::npos;
      s.write_invalid(row.line, id_readable ? trim(fields[static_cast<std::size_t>(h.id)]) : "", "", why);
    } else {
      audit_row(s, resolver, fields, row.line, h);
    }
  }
}

}  // namespace

bool Auditor::audit_jsonl(std::FILE* in, std::string& error) {
  State& s = *state_;
  s.on_progress_ = on_progress;
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
    s.decide_and_write(line, id, format_date(*s.decision.date));
  }
  s.decider.lines().read = line;
  s.finish();
  return lines_add_up(s.decider.summary().lines, error);
}

}  // namespace remit
