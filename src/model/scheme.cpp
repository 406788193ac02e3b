#include "remit/scheme.hpp"

#include <algorithm>

#include "model/names.hpp"
#include "remit/money.hpp"

#include "remit/remit.hpp"

namespace remit {

const char* version_string() { return REMIT_VERSION; }

std::string format_value(const FactDef& f, const Value& x) {
  switch (f.type) {
    case FactType::money: return format_money(Money{x.number});
    case FactType::flag: return x.number ? "true" : "false";
    case FactType::integer: return std::to_string(x.number);
    case FactType::date: return format_date(Date{static_cast<std::int32_t>(x.number)});
    case FactType::text: return "\"" + x.text + "\"";
    case FactType::enumeration:
      return x.number >= 0 && static_cast<std::size_t>(x.number) < f.members.size() ? f.members[static_cast<std::size_t>(x.number)] : "?";
  }
  return "?";
}

std::string_view fact_type_name(FactType t) {
  switch (t) {
    case FactType::money: return "money";
    case FactType::flag: return "flag";
    case FactType::integer: return "integer";
    case FactType::text: return "text";
    case FactType::date: return "date";
    case FactType::enumeration: return "enumeration";
  }
  return "?";
}

std::string_view provision_kind_name(ProvisionKind k) {
  switch (k) {
    case ProvisionKind::power: return "power";
    case ProvisionKind::escalation: return "escalation";
    case ProvisionKind::reserved: return "reserved";
    case ProvisionKind::requirement: return "requirement";
    case ProvisionKind::prohibition: return "prohibition";
  }
  return "?";
}

const std::string& Version::kind_title(int kind) const {
  const auto k = static_cast<std::size_t>(kind);
  return k < kind_labels.size() && !kind_labels[k].empty() ? kind_labels[k] : kinds.at(k);
}

std::vector<std::string> Version::post_ids() const {
  std::vector<std::string> ids;
  for (const Post& p : posts) ids.push_back(p.id);
  return ids;
}

std::vector<std::string> Version::fact_names() const {
  std::vector<std::string> names;
  for (const FactDef& f : facts) names.push_back(f.name);
  return names;
}

int Version::find_post(std::string_view name) const {
  for (std::size_t i = 0; i < posts.size(); ++i)
    if (posts[i].id == name) return static_cast<int>(i);
  // Titles and aliases are for people: compare them without case.
  for (std::size_t i = 0; i < posts.size(); ++i) {
    if (equals_ignoring_case(posts[i].title, name)) return static_cast<int>(i);
    for (const std::string& alias : posts[i].aliases)
      if (equals_ignoring_case(alias, name)) return static_cast<int>(i);
  }
  return -1;
}

int Version::find_kind(std::string_view name) const {
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i] == name) return static_cast<int>(i);
  return -1;
}

int Version::find_fact(std::string_view name) const {
  for (std::size_t i = 0; i < facts.size(); ++i)
    if (facts[i].name == name) return static_cast<int>(i);
  return -1;
}

int Version::find_para(std::string_view para) const {
  for (std::size_t i = 0; i < provisions.size(); ++i)
    if (provisions[i].para == para) return static_cast<int>(i);
  return -1;
}

bool Version::is_above(int upper, int lower) const {
  if (upper < 0 || lower < 0) return false;
  std::size_t steps = 0;
  for (int at = posts[static_cast<std::size_t>(lower)].parent; at >= 0 && steps <= posts.size();
       at = posts[static_cast<std::size_t>(at)].parent, ++steps)
    if (at == upper) return true;
  return false;
}

bool Version::has_priority_between(int a, int b) const {
  const auto& oa = provisions[static_cast<std::size_t>(a)].overrides;
  const auto& ob = provisions[static_cast<std::size_t>(b)].overrides;
  return std::find(oa.begin(), oa.end(), b) != oa.end() || std::find(ob.begin(), ob.end(), a) != ob.end();
}

const Version* Scheme::in_force(Date d) const {
  const Version* found = nullptr;
  for (const Version& v : versions)
    if (v.from <= d && (!v.last_day || d <= *v.last_day)) found = &v;
  return found;
}

const Version* Scheme::newest() const { return versions.empty() ? nullptr : &versions.back(); }

const Version* Scheme::find_version(std::string_view label) const {
  for (const Version& v : versions)
    if (v.label == label) return &v;
  return nullptr;
}

}  // namespace remit
