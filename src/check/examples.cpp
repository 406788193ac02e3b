#include "check/examples.hpp"

#include <set>

#include "check/literal.hpp"
#include "check/resolver.hpp"
#include "model/names.hpp"

namespace remit::check {
namespace {

std::string example_value_help(const FactDef& f) {
  switch (f.type) {
    case FactType::money: return "give an amount, e.g. `" + f.name + " £500,000`";
    case FactType::flag: return "give `" + f.name + " true` or `" + f.name + " false`";
    case FactType::integer: return "give a whole number, e.g. `" + f.name + " 3`";
    case FactType::text: return "give a string, e.g. `" + f.name + " \"Home Office\"`";
    case FactType::date: return "give a date, e.g. `" + f.name + " 2020-04-01`";
    case FactType::enumeration:
      return "give one of its members, e.g. `" + f.name + " " + (f.members.empty() ? "" : f.members.front()) + "`";
  }
  return {};
}

std::optional<Outcome> outcome_from(const std::string& text) {
  if (text == "authorised") return Outcome::authorised;
  if (text == "not authorised") return Outcome::not_authorised;
  if (text == "no authority") return Outcome::no_authority;
  if (text == "undetermined") return Outcome::undetermined;
  return std::nullopt;
}

RequirementState requirement_state_from(const std::string& text) {
  if (text == "met") return RequirementState::met;
  if (text == "missing") return RequirementState::missing;
  return RequirementState::not_evidenced;
}

}  // namespace

std::optional<ResolvedExample> resolve_example(const Scheme& scheme, const ExampleSpec& example, std::vector<Diagnostic>& out) {
  auto error_count = [&out] { return std::count_if(out.begin(), out.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }); };
  const auto errors_before = error_count();
  const syntax::ExampleDecl& e = example.decl;
  const SourcePtr& src = example.source;
  Resolver r(scheme, out);
  auto error_at = [&](const syntax::Token& t, std::string message, Code code, std::string help = {}) {
    r.error(src, t.offset, t.length, std::move(message), code, std::move(help));
  };
  ResolvedExample result;
  Decision& d = result.decision;
  d.id = e.name.text;
  if (e.date) {
    d.date = read_date_literal(*e.date, src, out);
    if (!d.date) return std::nullopt;
  }
  const Version* version = nullptr;
  if (!example.home_version.empty()) {
    version = scheme.find_version(example.home_version);
    if (version && d.date && (*d.date < version->from || (version->last_day && *version->last_day < *d.date))) {
      error_at(*e.date,
               "this example is in version `" + version->label + "`, which is in force from " + format_date(version->from) +
                   (version->last_day ? " to " + format_date(*version->last_day) : "") + ", not on " + format_date(*d.date),
               Code::example_date, "give a date in that range, or move the example to a test file, which runs it in the version in force on its date");
      return std::nullopt;
    }
  } else {
    version = r.choose_version(d.date, src, e.date ? e.date->offset : e.keyword.offset, e.date ? e.date->length : e.keyword.length);
  }
  if (!version) return std::nullopt;
  d.version = version;
  d.kind = r.resolve_kind(*version, e.kind.text, src, e.kind.offset, e.kind.length);
  std::vector<Resolver::WrittenSignatory> signatories;
  for (const syntax::Signatory& a : e.approver) {
    Resolver::WrittenSignatory w{a.post.text, a.post.offset, a.post.length, std::nullopt, 0, 0};
    if (a.acting_for) {
      w.acting_for = a.acting_for->text;
      w.acting_offset = a.acting_for->offset;
      w.acting_length = a.acting_for->length;
    }
    signatories.push_back(std::move(w));
  }
  d.approver = r.resolve_signatories(*version, signatories, src);
  d.facts.assign(version->facts.size(), std::nullopt);
  std::set<int> given;
  for (const syntax::ExampleFact& f : e.facts) {
    const int index = r.resolve_fact(*version, f.fact.text, src, f.fact.offset, f.fact.length);
    if (index < 0) continue;
    if (!given.insert(index).second) {
      error_at(f.fact, "`" + f.fact.text + "` is given twice in this example", Code::duplicate_fact, "give each fact once");
      continue;
    }
    const FactDef& def = version->facts[static_cast<std::size_t>(index)];
    d.facts[static_cast<std::size_t>(index)] = read_literal(def, f.value.token, f.value.kind, version->currency, src, out, example_value_help(def));
  }
  for (const syntax::Token& item : e.evidence) d.evidence.push_back(item.text);

  Expected& expected = result.expected;
  expected.outcome = outcome_from(e.outcome.text).value_or(Outcome::undetermined);
  if (!e.paras.empty()) {
    expected.paras.emplace();
    for (const syntax::Token& para : e.paras) {
      if (version->find_para(para.text) < 0) {
        std::vector<std::string> known;
        for (const Provision& p : version->provisions) known.push_back(p.para);
        error_at(para, "there is no paragraph `" + para.text + "` in version `" + version->label + "`", Code::undefined_name,
                 did_you_mean(para.text, known, "paragraph"));
        continue;
      }
      expected.paras->push_back(para.text);
    }
  }
  // `lowest CE + NED, FD + NED`: in any order, as the verdict orders them.
  if (!e.lowest.empty()) {
    std::vector<std::vector<int>> sets;
    for (const std::vector<syntax::Token>& written : e.lowest) {
      std::vector<int>& set = sets.emplace_back();
      for (const syntax::Token& t : written)
        if (const int post = r.resolve_post(*version, t.text, src, t.offset, t.length); post >= 0) set.push_back(post);
      version->sort_by_rank(set);
    }
    std::sort(sets.begin(), sets.end(), [&](const auto& a, const auto& b) { return version->set_ranks_before(a, b); });
    expected.lowest.emplace();
    for (const std::vector<int>& set : sets) {
      PostSet& names = expected.lowest->emplace_back();
      for (int post : set) names.push_back(version->posts[static_cast<std::size_t>(post)].id);
    }
  }
  std::vector<std::string> known_items;
  for (const Provision& p : version->provisions) {
    known_items.insert(known_items.end(), p.items.begin(), p.items.end());
    known_items.insert(known_items.end(), p.duties.begin(), p.duties.end());
    if (p.kind == ProvisionKind::stand_in && p.absent >= 0)  // the evidence a stand-in acts on
      known_items.push_back("absence of " + version->posts[static_cast<std::size_t>(p.absent)].id);
  }
  for (const syntax::RequirementExpectation& group : e.requirements)
    for (const syntax::Token& item : group.items) {
      if (std::find(known_items.begin(), known_items.end(), item.text) == known_items.end())
        error_at(item, "no provision of version `" + version->label + "` requires \"" + item.text + "\"", Code::undefined_name,
                 did_you_mean(item.text, known_items, "requirement"));
      else
        expected.requirements.push_back(RequirementStatus{item.text, requirement_state_from(group.status.text), {}, false});
    }
  if (error_count() != errors_before) return std::nullopt;
  return result;
}

}  // namespace remit::check
