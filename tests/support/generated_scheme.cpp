#include "support/generated_scheme.hpp"

#include <algorithm>
#include <random>
#include <vector>

namespace remit::testing {
namespace {

class Generator {
 public:
  Generator(std::uint64_t seed, const GeneratedSchemeOptions& options) : rng_(seed), options_(options) {}

  std::string run(std::size_t provisions) {
    posts();
    kinds();
    out_ += "fact amount, budget: money\nfact novel, contentious, urgent: flag\nfact staff: integer\n"
            "fact starts: date\nfact route: enum {framework, open_tender, single_tender, grant_agreement}\n"
            "fact funder: text\n\n";
    // Reserved matters first, so that every power and escalation can be made
    // exclusive of them; then the paragraphs are shuffled into file order.
    const std::size_t reserved = std::min<std::size_t>(provisions / 8 + below(2), 3);
    for (std::size_t i = 0; i < provisions; ++i) provision(i, i < reserved);
    if (options_.prohibitions)
      for (std::size_t i = 0, n = 1 + below(2); i < n; ++i) prohibition(provisions + i);
    std::shuffle(blocks_.begin(), blocks_.end(), rng_);
    for (const std::string& b : blocks_) out_ += b;
    return header() + out_;
  }

 private:
  struct Reserved {
    std::vector<std::string> kinds;
    std::string condition;  // never empty, never on text: its exclusion is exact
    std::size_t post;
  };

  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& pick(const std::vector<T>& xs) { return xs[below(xs.size())]; }

  std::string header() const {
    return "scheme \"" + options_.title + "\"\nversion \"" + options_.version + "\" in force from " + options_.from +
           "\ncurrency GBP\n\n" + posts_text_;
  }

  // A chain Top > Chief > … (escalations go to these), side posts under
  // members of the chain, and one post acting with consent.
  void posts() {
    const std::size_t chain = 3 + below(4), side = below(4);
    for (std::size_t i = 0; i < chain; ++i) {
      names_.push_back("Chain" + std::to_string(i));
      posts_text_ += "post " + names_.back() + " \"Chain post " + std::to_string(i) + "\"";
      if (chance(0.3)) posts_text_ += " alias \"C" + std::to_string(i) + "\"";
      if (i > 0) posts_text_ += " under Chain" + std::to_string(i - 1);
      posts_text_ += "\n";
    }
    chain_ = chain;
    for (std::size_t i = 0; i < side; ++i) {
      names_.push_back("Side" + std::to_string(i));
      posts_text_ += "post " + names_.back() + " \"Side post " + std::to_string(i) + "\" under " + names_[below(names_.size() - 1)] + "\n";
    }
    names_.push_back("Partner");
    posts_text_ += "post Partner \"Partner body\" consent from Chain" + std::to_string(below(chain)) + "\n\n";
  }

  void kinds() {
    const std::vector<std::string> all = {"grant.bid", "grant.acceptance", "grant.award", "contract.tender", "contract.award",
                                          "contract.variation", "property.disposal", "property.lease", "budget", "plan.policing"};
    for (const std::string& k : all)
      if (chance(0.8) || kinds_.size() < 2) kinds_.push_back(k);
    for (const std::string& k : kinds_) out_ += "decision " + k + "\n";
    out_ += "\n";
  }

  std::vector<std::string> kind_patterns() {
    if (chance(0.08)) return {"*"};
    std::vector<std::string> out;
    const std::size_t n = 1 + below(2);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& k = pick(kinds_);
      const auto dot = k.find('.');
      out.push_back(dot != std::string::npos && chance(0.25) ? k.substr(0, dot) + ".*" : k);
    }
    return out;
  }

  static bool pattern_matches(const std::string& pattern, const std::string& kind) {
    return pattern == "*" || pattern == kind || (pattern.back() == '*' && kind.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0);
  }
  bool kinds_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    for (const std::string& k : kinds_) {
      bool in_a = false, in_b = false;
      for (const auto& p : a) in_a = in_a || pattern_matches(p, k);
      for (const auto& p : b) in_b = in_b || pattern_matches(p, k);
      if (in_a && in_b) return true;
    }
    return false;
  }
  static std::string kinds_text(const std::vector<std::string>& ps) {
    if (ps.size() == 1 && ps[0] == "*") return "any decision";
    std::string out;
    for (std::size_t i = 0; i < ps.size(); ++i) out += (i ? ", " : "") + ps[i];
    return out;
  }

  std::string money() {
    static const std::vector<std::string> amounts = {"£0",     "£1",       "£50k",      "£100,000",  "£250,000",   "£499,999.99",
                                                     "£500k",  "£1m",      "£1.5m",     "£5m",       "£10,000.01", "£25,000"};
    return pick(amounts);
  }

  // One comparison; `exact` leaves out text, whose regions the checker cannot bound.
  std::string test(bool exact) {
    switch (below(exact ? 6 : 7)) {
      case 0: case 1: {
        static const std::vector<std::string> ops = {"<", "<=", ">", ">=", "=", "!="};
        const std::string fact = chance(0.8) ? "amount" : "budget";
        if (chance(0.15)) return fact + " between £10,000 and £1m";
        return fact + " " + pick(ops) + " " + money();
      }
      case 2: {
        static const std::vector<std::string> flags = {"novel", "contentious", "urgent"};
        const std::string& f = pick(flags);
        return chance(0.6) ? f : f + (chance(0.5) ? " = true" : " = false");
      }
      case 3: {
        static const std::vector<std::string> forms = {"staff > 10", "staff <= 3", "staff = 0", "staff between 5 and 50", "staff != 7"};
        return pick(forms);
      }
      case 4: {
        static const std::vector<std::string> forms = {"starts >= 2021-01-01", "starts < 2020-06-30", "starts = 2022-02-28",
                                                       "starts between 2020-01-01 and 2020-12-31"};
        return pick(forms);
      }
      case 5: {
        static const std::vector<std::string> forms = {"route = framework", "route != single_tender", "route in {framework, open_tender}",
                                                       "route not in {grant_agreement}"};
        return pick(forms);
      }
      default: {
        static const std::vector<std::string> forms = {"funder = \"Home Office\"", "funder != \"Ministry of Justice\"",
                                                       "funder in {\"Home Office\", \"Cabinet Office\"}"};
        return pick(forms);
      }
    }
  }

  std::string condition(bool exact, int depth = 0) {
    if (depth >= 2 || chance(0.55)) return test(exact);
    const std::string a = condition(exact, depth + 1), b = condition(exact, depth + 1);
    switch (below(3)) {
      case 0: return "(" + a + ") and (" + b + ")";
      case 1: return "(" + a + ") or (" + b + ")";
      default: return "not (" + a + ")";
    }
  }

  // `not (…)` of every reserved matter that this provision would otherwise meet.
  std::string excluding(const std::vector<std::string>& kinds, std::size_t post, bool is_reserved) const {
    std::string out;
    for (const Reserved& r : reserved_)
      if (kinds_overlap(kinds, r.kinds) && !(is_reserved && r.post == post)) out += " and not (" + r.condition + ")";
    return out;
  }

  static std::string when(const std::string& condition, const std::string& exclusion) {
    if (condition.empty() && exclusion.empty()) return "";
    if (condition.empty()) return " when " + exclusion.substr(5);  // drop the leading " and "
    return " when (" + condition + ")" + exclusion;
  }

  void provision(std::size_t i, bool is_reserved) {
    const std::string para = (chance(0.5) ? std::to_string(1 + i / 10) + "." + std::to_string(i % 10) : "p" + std::to_string(i));
    std::string head = "para " + para;
    if (chance(0.3)) head += " \"the scheme's words for " + para + "\"";
    const std::size_t kind = is_reserved ? 16 : below(16);
    std::string out;
    const std::vector<std::string> kinds = kind_patterns();
    const std::string cond = chance(0.75) ? condition(kind >= 16) : "";
    if (kind < 10) {  // a power
      const std::size_t post = below(names_.size());
      std::string overrides;
      if (!overridable_.empty() && chance(0.15)) overrides = " overrides " + pick(overridable_);
      out += head + overrides + ":\n  " + names_[post] + " may approve " + kinds_text(kinds) + when(cond, excluding(kinds, post, false));
      if (chance(0.2)) out += "\n    and must report " + std::string(chance(0.5) ? "quarterly " : "") + "to " + names_[below(names_.size())];
      if (chance(0.1)) out += "\n    and must \"publish the decision\"";
      out += "\n";
      overridable_.push_back(para);
    } else if (kind < 13) {  // an escalation, within the chain
      const std::size_t post = below(chain_);
      out += head + ":\n  " + names_[post] + " must approve " + kinds_text(kinds) + when(cond, excluding(kinds, post, false)) + "\n";
      overridable_.push_back(para);
    } else if (kind < 16) {  // a requirement
      static const std::vector<std::string> items = {"CFO comments", "legal comments", "equality comments", "business case"};
      out += head + ":\n  requires \"" + pick(items) + "\"" + (chance(0.4) ? ", \"" + pick(items) + "\"" : "") + " for " +
              kinds_text(kinds) + when(cond, "") + "\n";
    } else {  // a reserved matter, always with an exact condition
      const std::size_t post = below(names_.size());
      const std::string c = cond.empty() ? test(true) : cond;
      out += head + ":\n  reserved to " + names_[post] + ": " + kinds_text(kinds) + when(c, excluding(kinds, post, true)) + "\n";
      reserved_.push_back(Reserved{kinds, "(" + c + ")" + excluding(kinds, post, true), post});
    }
    blocks_.push_back(std::move(out));
  }

  // No post may: with a condition (or none), never meeting a reserved matter.
  void prohibition(std::size_t i) {
    const std::vector<std::string> kinds = kind_patterns();
    const std::string cond = chance(0.8) ? condition(false) : "";
    blocks_.push_back("para x" + std::to_string(i) + ": no post may approve " + kinds_text(kinds) +
                      when(cond, excluding(kinds, static_cast<std::size_t>(-1), false)) + "\n");
  }

  std::mt19937_64 rng_;
  GeneratedSchemeOptions options_;
  std::string out_, posts_text_;
  std::vector<std::string> blocks_;
  std::vector<std::string> names_, kinds_, overridable_;
  std::vector<Reserved> reserved_;
  std::size_t chain_ = 0;
};

}  // namespace

std::string generated_scheme(std::uint64_t seed, std::size_t provisions, const GeneratedSchemeOptions& options) {
  return Generator(seed, options).run(provisions);
}

}  // namespace remit::testing
