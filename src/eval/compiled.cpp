#include "remit/compiled.hpp"

#include <algorithm>
#include <bit>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "eval/decide.hpp"
#include "space/space.hpp"

namespace remit {
namespace {

// What a decision's answer is made of, kept once worked out.
struct Answer {
  Outcome outcome = Outcome::undetermined;
  std::vector<int> deciding, requirements;
  std::vector<std::vector<int>> lowest;
};

struct KeyHash {
  std::size_t operator()(const std::vector<std::uint64_t>& key) const {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ key.size();
    for (std::uint64_t w : key) {
      h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
      h *= 0xBF58476D1CE4E5B9ull;
    }
    return static_cast<std::size_t>(h ^ (h >> 31));
  }
};

// The two kinds of key of the answers kept: by the set of provisions in
// effect (every fact given), and by the cell of each axis, a missing fact
// being a cell of its own.
constexpr std::uint64_t by_effect = 0, by_cells = 1;

}  // namespace

// For one kind of one version, the table (where small) and the bit vectors
// (always). The table has one entry per (cell, approver): the approver slot
// 0 is "no approver", slot p + 1 is post p signing alone. The lists live in
// one pool, the lowest sets (the same for every approver) one list per cell.
struct CompiledScheme::KindTable {
  bool compiled = false;  // the table is built
  space::Grid grid;
  std::size_t slots = 0;  // posts + 1
  struct Entry {
    Outcome outcome = Outcome::undetermined;
    std::uint32_t deciding = 0, deciding_count = 0;
    std::uint32_t requirements = 0, requirements_count = 0;
  };
  std::vector<Entry> entries;
  std::vector<int> pool;
  std::vector<std::vector<std::vector<int>>> lowest;  // by cell

  // ---- the bit vectors ----
  std::vector<int> candidates;  // provisions_by_kind
  std::size_t words = 0;        // 64-bit words per vector
  // By axis: for each cell, `words` words, bit c set where candidate c's
  // condition, as far as it concerns this axis's fact, holds.
  std::vector<std::vector<std::uint64_t>> vectors;
  // Candidates with parts of their condition that test several facts at
  // once (`f3 or not f7`): those parts, each a small postfix program over
  // atoms (one test of one fact: its truth in each cell of the fact's
  // axis), run on the decision's cell.
  struct Op {
    enum Code : std::uint8_t { atom, negate, all, any } code = atom;
    std::uint32_t arg = 0;  // the atom, or how many operands
  };
  using Program = std::vector<Op>;
  std::vector<std::uint64_t> has_residual;
  std::vector<std::vector<Program>> residuals;  // by candidate
  std::vector<std::uint32_t> atom_axis;
  std::vector<std::vector<char>> atom_truth;  // by atom, by cell of its axis

  // Whether a program holds at the cell `at` (one cell per axis).
  bool holds(const Program& program, const std::vector<std::uint32_t>& at) const {
    thread_local std::vector<char> stack;
    stack.clear();
    for (const Op& op : program) {
      switch (op.code) {
        case Op::atom: stack.push_back(atom_truth[op.arg][at[atom_axis[op.arg]]]); break;
        case Op::negate: stack.back() = static_cast<char>(!stack.back()); break;
        case Op::all:
        case Op::any: {
          const auto from = stack.end() - static_cast<std::ptrdiff_t>(op.arg);
          const bool result = op.code == Op::all ? std::all_of(from, stack.end(), [](char x) { return x != 0; })
                                                 : std::any_of(from, stack.end(), [](char x) { return x != 0; });
          stack.erase(from, stack.end());
          stack.push_back(static_cast<char>(result));
          break;
        }
      }
    }
    return stack.back() != 0;
  }
  // Candidates that others `override`, overriders first.
  struct Overridden {
    std::uint32_t candidate = 0;
    std::vector<std::uint32_t> by;
  };
  std::vector<Overridden> overridden;

  // ---- answers kept ----
  mutable std::shared_mutex mutex;
  mutable std::unordered_map<std::vector<std::uint64_t>, std::unique_ptr<Answer>, KeyHash> kept;

  std::size_t bytes() const {
    std::size_t n = entries.size() * sizeof(Entry) + pool.size() * sizeof(int);
    for (const auto& cell : lowest)
      for (const auto& set : cell) n += set.size() * sizeof(int) + sizeof(set);
    for (const auto& v : vectors) n += v.size() * sizeof(std::uint64_t);
    n += has_residual.size() * sizeof(std::uint64_t);
    for (const auto& programs : residuals)
      for (const Program& p : programs) n += p.size() * sizeof(Op);
    for (const auto& truth : atom_truth) n += truth.size() + sizeof(std::uint32_t);
    for (const Overridden& o : overridden) n += sizeof(o) + o.by.size() * sizeof(std::uint32_t);
    return n;
  }
};

namespace {

using KindTable = CompiledScheme::KindTable;

std::uint32_t append(std::vector<int>& pool, const std::vector<int>& items) {
  const auto at = static_cast<std::uint32_t>(pool.size());
  pool.insert(pool.end(), items.begin(), items.end());
  return at;
}

// Work to fill a table: entries × the provisions each entry weighs. Past
// this the bit vectors answer alone (a kind of 20,000 paragraphs over one
// fact has only 80,000 entries, but took minutes to fill).
constexpr std::size_t max_table_work = std::size_t{1} << 26;

void build_table(const Version& v, int kind, KindTable& table) {
  table.slots = v.posts.size() + 1;
  if (table.grid.cells > CompiledScheme::max_entries_per_kind / table.slots) return;
  const std::size_t weight = std::max<std::size_t>(1, v.provisions_by_kind[static_cast<std::size_t>(kind)].size());
  if (table.grid.cells * table.slots > max_table_work / weight) return;
  table.entries.resize(table.grid.cells * table.slots);
  table.lowest.resize(table.grid.cells);
  Decision d;
  d.version = &v;
  d.kind = kind;
  for (std::size_t cell = 0; cell < table.grid.cells; ++cell) {
    if (table.grid.empty(cell)) continue;
    const eval::Facts facts = table.grid.witness(v, cell);
    // Requirements and the lowest post do not depend on the approver.
    std::uint32_t requirements = 0, requirements_count = 0;
    for (std::size_t slot = 0; slot < table.slots; ++slot) {
      d.approver.clear();
      if (slot > 0) d.approver.push_back(Signatory{static_cast<int>(slot) - 1, -1});
      const eval::PointAnswer a = eval::decide(v, d, facts);
      KindTable::Entry& e = table.entries[cell * table.slots + slot];
      if (slot == 0) {
        std::vector<int> sorted = a.requirements;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        requirements = append(table.pool, sorted);
        requirements_count = static_cast<std::uint32_t>(sorted.size());
        table.lowest[cell] = a.lowest;
      }
      e.outcome = a.outcome;
      e.deciding = append(table.pool, a.deciding);
      e.deciding_count = static_cast<std::uint32_t>(a.deciding.size());
      e.requirements = requirements;
      e.requirements_count = requirements_count;
    }
  }
  table.compiled = true;
}

void facts_of(const Condition& c, std::vector<int>& out) {
  if (c.kind == Condition::Kind::test && c.fact >= 0 && std::find(out.begin(), out.end(), c.fact) == out.end()) out.push_back(c.fact);
  for (const Condition& o : c.operands) facts_of(o, out);
}

std::size_t axis_of(const space::Grid& grid, int fact) {
  return static_cast<std::size_t>(std::find_if(grid.axes.begin(), grid.axes.end(), [&](const space::Axis& a) { return a.fact == fact; }) -
                                  grid.axes.begin());
}

// A condition as a postfix program over atoms, each test an atom.
void compile_program(KindTable& t, const Condition& c, KindTable::Program& out) {
  using Op = KindTable::Op;
  switch (c.kind) {
    case Condition::Kind::test: {
      if (c.fact < 0) {  // a fact that failed to resolve: holds, as `and` of nothing
        out.push_back(Op{Op::all, 0});
        return;
      }
      const std::size_t axis = axis_of(t.grid, c.fact);
      std::vector<char> truth(t.grid.axes[axis].cells, 0);
      for (const space::Run& r : space::axis_truth(t.grid, axis, c))
        for (std::uint32_t cell = r.first; cell <= r.last; ++cell) truth[cell] = 1;
      out.push_back(Op{Op::atom, static_cast<std::uint32_t>(t.atom_truth.size())});
      t.atom_axis.push_back(static_cast<std::uint32_t>(axis));
      t.atom_truth.push_back(std::move(truth));
      return;
    }
    case Condition::Kind::negation:
      compile_program(t, c.operands.at(0), out);
      out.push_back(Op{Op::negate, 0});
      return;
    case Condition::Kind::all_of:
    case Condition::Kind::any_of:
      for (const Condition& o : c.operands) compile_program(t, o, out);
      out.push_back(Op{c.kind == Condition::Kind::all_of ? Op::all : Op::any, static_cast<std::uint32_t>(c.operands.size())});
      return;
  }
}

// Splits a condition into its conjuncts: each that tests one fact narrows
// that fact's cells (`keep`, by axis); each that tests several becomes a
// program, run on the decision's cell.
void split(KindTable& t, const Condition& c, std::vector<std::vector<char>>& keep, std::vector<KindTable::Program>& residual) {
  const space::Grid& grid = t.grid;
  if (c.kind == Condition::Kind::all_of) {
    for (const Condition& o : c.operands) split(t, o, keep, residual);
    return;
  }
  std::vector<int> facts;
  facts_of(c, facts);
  if (facts.empty()) return;  // tests of facts that failed to resolve: it holds
  if (facts.size() > 1) {
    compile_program(t, c, residual.emplace_back());
    return;
  }
  const std::size_t axis = axis_of(grid, facts.front());
  std::vector<char>& cells = keep[axis];
  if (cells.empty()) cells.assign(grid.axes[axis].cells, 1);
  std::vector<char> holds(cells.size(), 0);
  for (const space::Run& r : space::axis_truth(grid, axis, c))
    for (std::uint32_t cell = r.first; cell <= r.last; ++cell) holds[cell] = 1;
  for (std::size_t cell = 0; cell < cells.size(); ++cell) cells[cell] = static_cast<char>(cells[cell] && holds[cell]);
}

void build_vectors(const Version& v, int kind, KindTable& t) {
  t.candidates = v.provisions_by_kind[static_cast<std::size_t>(kind)];
  const std::size_t n = t.candidates.size();
  t.words = std::max<std::size_t>(1, (n + 63) / 64);
  const std::uint64_t last = n % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (n % 64)) - 1;
  t.vectors.resize(t.grid.axes.size());
  for (std::size_t a = 0; a < t.grid.axes.size(); ++a) {
    auto& vec = t.vectors[a];
    vec.assign(t.grid.axes[a].cells * t.words, ~std::uint64_t{0});
    for (std::size_t cell = 0; cell < t.grid.axes[a].cells; ++cell) vec[cell * t.words + t.words - 1] = n == 0 ? 0 : last;
  }
  t.has_residual.assign(t.words, 0);
  t.residuals.resize(n);
  std::vector<std::vector<char>> keep;
  for (std::size_t c = 0; c < n; ++c) {
    const auto& when = v.provisions[static_cast<std::size_t>(t.candidates[c])].when;
    if (!when) continue;
    keep.assign(t.grid.axes.size(), {});
    split(t, *when, keep, t.residuals[c]);
    if (!t.residuals[c].empty()) t.has_residual[c / 64] |= std::uint64_t{1} << (c % 64);
    for (std::size_t a = 0; a < keep.size(); ++a)
      for (std::size_t cell = 0; cell < keep[a].size(); ++cell)
        if (!keep[a][cell]) t.vectors[a][cell * t.words + c / 64] &= ~(std::uint64_t{1} << (c % 64));
  }
  // `overrides` within the kind, in an order where each overrider is
  // settled before what it overrides (the checker refuses cycles).
  std::vector<int> position(v.provisions.size(), -1);
  for (std::size_t c = 0; c < n; ++c) position[static_cast<std::size_t>(t.candidates[c])] = static_cast<int>(c);
  std::vector<std::vector<std::uint32_t>> by(n);
  for (std::size_t j = 0; j < n; ++j)
    for (int target : v.provisions[static_cast<std::size_t>(t.candidates[j])].overrides)
      if (const int i = position[static_cast<std::size_t>(target)]; i >= 0) by[static_cast<std::size_t>(i)].push_back(static_cast<std::uint32_t>(j));
  std::vector<char> state(n, 0);
  auto visit = [&](auto&& self, std::size_t i) -> void {
    if (state[i]) return;
    state[i] = 1;
    for (std::uint32_t j : by[i]) self(self, j);
    if (!by[i].empty()) t.overridden.push_back(KindTable::Overridden{static_cast<std::uint32_t>(i), by[i]});
  };
  for (std::size_t i = 0; i < n; ++i) visit(visit, i);
}

std::unique_ptr<KindTable> compile_kind(const Version& v, int kind) {
  auto table = std::make_unique<KindTable>();
  table->grid = space::build_grid(v, kind, CompiledScheme::max_entries_per_kind);
  build_table(v, kind, *table);
  build_vectors(v, kind, *table);
  return table;
}

bool test(const std::vector<std::uint64_t>& bits, std::size_t c) { return bits[c / 64] >> (c % 64) & 1; }

void fill(FastVerdict& out, const Answer& a) {
  out.outcome = a.outcome;
  out.lowest = a.lowest;
  out.deciding = a.deciding;
  out.requirements = a.requirements;
}

}  // namespace

CompiledScheme::CompiledScheme(std::shared_ptr<const Scheme> scheme) : scheme_(std::move(scheme)) {
  for (const Version& v : scheme_->versions) {
    std::vector<std::unique_ptr<KindTable>> kinds;
    for (std::size_t k = 0; k < v.kinds.size(); ++k) kinds.push_back(compile_kind(v, static_cast<int>(k)));
    tables_.push_back(std::move(kinds));
  }
}

CompiledScheme::~CompiledScheme() = default;

std::size_t CompiledScheme::kinds_compiled() const {
  std::size_t n = 0;
  for (const auto& version : tables_)
    for (const auto& t : version) n += t->compiled;
  return n;
}

std::size_t CompiledScheme::kinds_evaluated_directly() const { return 0; }

std::size_t CompiledScheme::compiled_bytes() const {
  std::size_t n = 0;
  for (const auto& version : tables_)
    for (const auto& t : version) n += t->bytes();
  return n;
}

FastVerdict CompiledScheme::decide(const Decision& d) const {
  const Version& v = *d.version;
  const auto version_index = static_cast<std::size_t>(&v - scheme_->versions.data());
  const KindTable& t = *tables_[version_index][static_cast<std::size_t>(d.kind)];
  FastVerdict out;
  out.version = &v;
  out.from_table = true;
  thread_local std::vector<std::uint32_t> at;  // the cell on each axis; a missing fact is the cell past the last
  const std::size_t axes = t.grid.axes.size();
  at.resize(axes);
  bool all_given = true;
  for (std::size_t i = 0; i < axes; ++i) {
    const space::Axis& a = t.grid.axes[i];
    const auto& fact = d.facts[static_cast<std::size_t>(a.fact)];
    all_given = all_given && fact.has_value();
    at[i] = static_cast<std::uint32_t>(fact ? a.locate(*fact) : a.cells);
  }
  const bool one_signatory = d.approver.empty() || (d.approver.size() == 1 && d.approver.front().acting_for < 0);
  if (t.compiled && one_signatory && all_given) {
    std::size_t cell = 0;
    for (std::size_t i = 0; i < axes; ++i) cell = cell * t.grid.axes[i].cells + at[i];
    const std::size_t slot = d.approver.empty() ? 0 : static_cast<std::size_t>(d.approver.front().post) + 1;
    const KindTable::Entry& e = t.entries[cell * t.slots + slot];
    out.outcome = e.outcome;
    out.lowest = t.lowest[cell];
    out.deciding = std::span<const int>(t.pool.data() + e.deciding, e.deciding_count);
    out.requirements = std::span<const int>(t.pool.data() + e.requirements, e.requirements_count);
    return out;
  }

  // The key: which kind of key, the signatories, then the provisions in
  // effect (every fact given) or the cells (some missing).
  thread_local std::vector<std::uint64_t> key, bits;
  key.clear();
  key.push_back(all_given ? by_effect : by_cells);
  key.push_back(d.approver.size());
  for (const Signatory& s : d.approver)
    key.push_back(static_cast<std::uint64_t>(static_cast<std::uint32_t>(s.post)) << 32 | static_cast<std::uint32_t>(s.acting_for));
  if (all_given) {
    bits.assign(t.words, ~std::uint64_t{0});
    for (std::size_t i = 0; i < axes; ++i) {
      const std::uint64_t* vec = t.vectors[i].data() + at[i] * t.words;
      for (std::size_t w = 0; w < t.words; ++w) bits[w] &= vec[w];
    }
    if (axes == 0) bits.back() = t.candidates.size() % 64 == 0 && !t.candidates.empty() ? ~std::uint64_t{0}
                                                                                     : (std::uint64_t{1} << (t.candidates.size() % 64)) - 1;
    for (std::size_t w = 0; w < t.words; ++w) {
      for (std::uint64_t m = bits[w] & t.has_residual[w]; m; m &= m - 1) {
        const std::size_t c = w * 64 + static_cast<std::size_t>(std::countr_zero(m));
        for (const KindTable::Program& r : t.residuals[c])
          if (!t.holds(r, at)) {
            bits[w] &= ~(std::uint64_t{1} << (c % 64));
            break;
          }
      }
    }
    for (const KindTable::Overridden& o : t.overridden)
      if (test(bits, o.candidate) && std::any_of(o.by.begin(), o.by.end(), [&](std::uint32_t j) { return test(bits, j); }))
        bits[o.candidate / 64] &= ~(std::uint64_t{1} << (o.candidate % 64));
    key.insert(key.end(), bits.begin(), bits.end());
  } else {
    key.insert(key.end(), at.begin(), at.end());
  }

  {
    const std::shared_lock lock(t.mutex);
    if (const auto it = t.kept.find(key); it != t.kept.end()) {
      fill(out, *it->second);
      return out;
    }
  }
  auto answer = std::make_unique<Answer>();
  if (all_given) {
    // The evaluator's own rules, on the provisions in effect.
    std::vector<int> in_effect;
    for (std::size_t c = 0; c < t.candidates.size(); ++c)
      if (test(bits, c)) in_effect.push_back(t.candidates[c]);
    eval::PointAnswer a = eval::resolve(v, d, in_effect);
    answer->outcome = a.outcome;
    answer->deciding = std::move(a.deciding);
    answer->requirements = std::move(a.requirements);
    std::sort(answer->requirements.begin(), answer->requirements.end());
    answer->requirements.erase(std::unique(answer->requirements.begin(), answer->requirements.end()), answer->requirements.end());
    answer->lowest = std::move(a.lowest);
  } else {
    // A missing fact: every value it could take, by the evaluator.
    const Verdict verdict = evaluate(d);
    out.from_table = false;
    for (const Citation& c : verdict.provisions) answer->deciding.push_back(v.find_para(c.para));
    for (const RequirementStatus& r : verdict.requirements)
      if (!r.is_duty) answer->requirements.push_back(v.find_para(r.para));
    std::sort(answer->requirements.begin(), answer->requirements.end());
    answer->requirements.erase(std::unique(answer->requirements.begin(), answer->requirements.end()), answer->requirements.end());
    answer->outcome = verdict.outcome;
    for (const PostSet& set : verdict.lowest) {
      std::vector<int>& posts = answer->lowest.emplace_back();
      for (const std::string& id : set) posts.push_back(v.find_post(id));
    }
  }
  {
    const std::unique_lock lock(t.mutex);
    if (const auto it = t.kept.find(key); it != t.kept.end()) {
      fill(out, *it->second);
      return out;
    }
    if (t.kept.size() < max_kept_per_kind) {
      const Answer& kept = *t.kept.emplace(key, std::move(answer)).first->second;
      fill(out, kept);
      return out;
    }
  }
  // Past the cap: this thread's own copy, until its next call.
  thread_local Answer spare;
  spare = std::move(*answer);
  fill(out, spare);
  return out;
}

std::vector<RequirementStatus> requirement_statuses(const Decision& d, const FastVerdict& v) {
  std::vector<RequirementStatus> out;
  eval::list_requirements(*v.version, d, v.outcome, v.requirements, v.deciding, out);
  return out;
}

}  // namespace remit
