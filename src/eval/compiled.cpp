#include "remit/compiled.hpp"

#include <algorithm>

#include "eval/decide.hpp"
#include "space/space.hpp"

namespace remit {

// One entry per (cell, approver): the approver slot 0 is "no approver", slot
// p + 1 is post p signing alone. The lists live in one pool per kind, the
// lowest sets (the same for every approver) one list per cell. Decisions
// with several signatories or a stand-in are evaluated directly.
struct CompiledScheme::KindTable {
  bool compiled = false;
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
};

namespace {

using KindTable = CompiledScheme::KindTable;

std::uint32_t append(std::vector<int>& pool, const std::vector<int>& items) {
  const auto at = static_cast<std::uint32_t>(pool.size());
  pool.insert(pool.end(), items.begin(), items.end());
  return at;
}

KindTable compile_kind(const Version& v, int kind) {
  KindTable table;
  table.slots = v.posts.size() + 1;
  const std::size_t cell_limit = CompiledScheme::max_entries_per_kind / table.slots;
  table.grid = space::build_grid(v, kind, cell_limit);
  if (table.grid.cells > cell_limit) return table;
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
  return table;
}

bool all_given(const space::Grid& g, const Decision& d) {
  for (const space::Axis& a : g.axes)
    if (!d.facts[static_cast<std::size_t>(a.fact)]) return false;
  return true;
}

}  // namespace

CompiledScheme::CompiledScheme(std::shared_ptr<const Scheme> scheme) : scheme_(std::move(scheme)) {
  for (const Version& v : scheme_->versions) {
    std::vector<KindTable> kinds;
    for (std::size_t k = 0; k < v.kinds.size(); ++k) kinds.push_back(compile_kind(v, static_cast<int>(k)));
    tables_.push_back(std::move(kinds));
  }
}

CompiledScheme::~CompiledScheme() = default;

std::size_t CompiledScheme::kinds_compiled() const {
  std::size_t n = 0;
  for (const auto& version : tables_)
    for (const KindTable& t : version) n += t.compiled;
  return n;
}

std::size_t CompiledScheme::kinds_evaluated_directly() const {
  std::size_t n = 0;
  for (const auto& version : tables_) n += version.size();
  return n - kinds_compiled();
}

FastVerdict CompiledScheme::decide(const Decision& d) const {
  const Version& v = *d.version;
  const auto version_index = static_cast<std::size_t>(&v - scheme_->versions.data());
  const KindTable& table = tables_[version_index][static_cast<std::size_t>(d.kind)];
  FastVerdict out;
  out.version = &v;
  const bool one_signatory = d.approver.empty() || (d.approver.size() == 1 && d.approver.front().acting_for < 0);
  if (table.compiled && one_signatory && all_given(table.grid, d)) {
    const std::size_t cell = table.grid.locate(d.facts);
    const std::size_t slot = d.approver.empty() ? 0 : static_cast<std::size_t>(d.approver.front().post) + 1;
    const KindTable::Entry& e = table.entries[cell * table.slots + slot];
    out.outcome = e.outcome;
    out.lowest = table.lowest[cell];
    out.deciding = std::span<const int>(table.pool.data() + e.deciding, e.deciding_count);
    out.requirements = std::span<const int>(table.pool.data() + e.requirements, e.requirements_count);
    out.from_table = true;
    return out;
  }
  // A missing fact, or a kind too large to tabulate: the evaluator itself.
  thread_local std::vector<int> deciding, requirements;
  thread_local std::vector<std::vector<int>> lowest;
  const Verdict verdict = evaluate(d);
  deciding.clear();
  requirements.clear();
  for (const Citation& c : verdict.provisions) deciding.push_back(v.find_para(c.para));
  for (const RequirementStatus& r : verdict.requirements)
    if (!r.is_duty) requirements.push_back(v.find_para(r.para));
  std::sort(requirements.begin(), requirements.end());
  requirements.erase(std::unique(requirements.begin(), requirements.end()), requirements.end());
  out.outcome = verdict.outcome;
  lowest.clear();
  for (const PostSet& set : verdict.lowest) {
    std::vector<int>& posts = lowest.emplace_back();
    for (const std::string& id : set) posts.push_back(v.find_post(id));
  }
  out.lowest = lowest;
  out.deciding = deciding;
  out.requirements = requirements;
  return out;
}

std::vector<RequirementStatus> requirement_statuses(const Decision& d, const FastVerdict& v) {
  std::vector<RequirementStatus> out;
  eval::list_requirements(*v.version, d, v.outcome, v.requirements, v.deciding, out);
  return out;
}

}  // namespace remit
