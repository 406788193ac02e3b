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
    case ProvisionKind::stand_in: return "stand_in";
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

int Version::find_number(std::string_view number) const {
  for (std::size_t i = 0; i < provisions.size(); ++i) {
    const Provision& p = provisions[i];
    if (p.number.empty() ? p.para == number : p.number == number) return static_cast<int>(i);
  }
  return -1;
}

std::string set_text(const Version& v, const SignatorySet& set) {
  std::string out;
  for (const Place& place : set) {
    if (!out.empty()) out += " + ";
    out += place.post >= 0 ? v.posts[static_cast<std::size_t>(place.post)].id : "?";
    if (place.or_above && set.size() > 1) out += " or above";
  }
  return out;
}

std::string approver_text(const Version& v, const std::vector<SignatorySet>& sets) {
  std::string out;
  for (const SignatorySet& set : sets) out += (out.empty() ? "" : " or ") + set_text(v, set);
  return out;
}

std::string posts_text(const Version& v, const std::vector<int>& posts, std::string_view separator) {
  std::string out;
  for (int p : posts) {
    if (!out.empty()) out += separator;
    out += p >= 0 ? v.posts[static_cast<std::size_t>(p)].id : "?";
  }
  return out;
}

int Provision::sole_post() const {
  return approver.size() == 1 && approver.front().size() == 1 ? approver.front().front().post : -1;
}

bool Version::fills(int post, const Place& place, std::size_t set_size) const {
  return post == place.post || ((place.or_above || set_size == 1) && is_above(post, place.post));
}

bool Version::ranks_before(int a, int b) const {
  const Post& x = posts[static_cast<std::size_t>(a)];
  const Post& y = posts[static_cast<std::size_t>(b)];
  if (x.depth != y.depth) return x.depth > y.depth;
  return x.id < y.id;
}

void Version::sort_by_rank(std::vector<int>& set) const {
  std::sort(set.begin(), set.end(), [&](int a, int b) { return ranks_before(a, b); });
}

bool Version::set_ranks_before(const std::vector<int>& a, const std::vector<int>& b) const {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i] != b[i]) return ranks_before(a[i], b[i]);
  return a.size() < b.size();
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
