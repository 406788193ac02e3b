#include "support/random_decision.hpp"

#include <algorithm>
#include <limits>

#include "reference/reference.hpp"

namespace remit::testing {
namespace {

template <typename T>
T uniform(std::mt19937_64& rng, T lo, T hi) {
  return std::uniform_int_distribution<T>(lo, hi)(rng);
}

}  // namespace

DecisionSampler::DecisionSampler(const Version& version)
    : version_(version), constants_(reference::constants_by_fact(version)) {
  for (const Provision& p : version.provisions) {
    evidence_.insert(evidence_.end(), p.items.begin(), p.items.end());
    evidence_.insert(evidence_.end(), p.duties.begin(), p.duties.end());
  }
}

Value DecisionSampler::value(std::mt19937_64& rng, int f) const {
  const FactDef& def = version_.facts[static_cast<std::size_t>(f)];
  const auto& near = constants(f);
  constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
  switch (def.type) {
    case FactType::flag: return Value{uniform<std::int64_t>(rng, 0, 1), {}};
    case FactType::enumeration: return Value{uniform<std::int64_t>(rng, 0, static_cast<std::int64_t>(def.members.size()) - 1), {}};
    case FactType::text: {
      if (!near.empty() && uniform(rng, 0, 3) > 0) return near[uniform<std::size_t>(rng, 0, near.size() - 1)];
      static const std::vector<std::string> others = {"", "Someone else", "home office", "Home Office "};
      return Value{0, others[uniform<std::size_t>(rng, 0, others.size() - 1)]};
    }
    case FactType::money:
    case FactType::integer:
    case FactType::date: {
      const int roll = uniform(rng, 0, 9);
      std::int64_t x = 0;
      if (!near.empty() && roll < 7) {
        const std::int64_t c = near[uniform<std::size_t>(rng, 0, near.size() - 1)].number;
        const std::int64_t delta = uniform<std::int64_t>(rng, -1, 1);
        x = (delta > 0 && c == top) || (delta < 0 && c == std::numeric_limits<std::int64_t>::min()) ? c : c + delta;
      } else if (roll < 9) {
        x = def.type == FactType::money   ? uniform<std::int64_t>(rng, 0, 1'000'000'000'00)
            : def.type == FactType::date  ? uniform<std::int64_t>(rng, 14'600, 22'000)  // 2009 to 2030
                                          : uniform<std::int64_t>(rng, -100, 100);
      } else {
        x = def.type == FactType::money ? (uniform(rng, 0, 1) ? 0 : top) : def.type == FactType::date ? 0 : top;
      }
      if (def.type == FactType::money) x = std::max<std::int64_t>(x, 0);
      return Value{x, {}};
    }
  }
  return Value{};
}

Decision DecisionSampler::sample(std::mt19937_64& rng, double missing) const {
  Decision d;
  d.version = &version_;
  d.kind = uniform<int>(rng, 0, static_cast<int>(version_.kinds.size()) - 1);
  if (uniform(rng, 0, 9) != 0) d.approver.push_back(Signatory{uniform<int>(rng, 0, static_cast<int>(version_.posts.size()) - 1), -1});
  d.facts.assign(version_.facts.size(), std::nullopt);
  std::bernoulli_distribution leave_out(missing);
  for (std::size_t f = 0; f < version_.facts.size(); ++f)
    if (!leave_out(rng)) d.facts[f] = value(rng, static_cast<int>(f));
  for (const std::string& e : evidence_) {
    if (uniform(rng, 0, 2) == 0) continue;
    std::string item = e;
    if (uniform(rng, 0, 3) == 0)  // case and blanks do not matter when evidence is matched
      for (char& c : item) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (uniform(rng, 0, 5) == 0) item = " " + item + "\t";
    d.evidence.push_back(item);
  }
  if (uniform(rng, 0, 4) == 0) d.evidence.push_back("something else");
  return d;
}

}  // namespace remit::testing
