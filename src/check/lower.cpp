#include "check/lower.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "check/checks.hpp"
#include "check/limits.hpp"
#include "check/literal.hpp"
#include "check/unicode.hpp"
#include "grammar/parse.hpp"
#include "model/names.hpp"
#include "model/utf8.hpp"
#include "remit/money.hpp"

namespace remit::check {

namespace {

using syntax::Token;

// A finding a `known` statement may keep, by its name or a former one; not
// `known-unused`, which is about `known` statements themselves.
std::optional<Code> keepable_finding(std::string_view name) {
  for (const FormerName& former : former_finding_names)
    if (former.name == name) return former.code;
  const std::optional<Code> code = code_by_name(name);
  if (!code || !code_info(*code).is_finding || *code == Code::known_unused) return std::nullopt;
  return code;
}

class FileLowering {
 public:
  FileLowering(const SourcePtr& source, std::vector<Diagnostic>& out) : source_(source), out_(out) {}

  std::optional<Version> run() {
    if (!limits::lines_within_limit(source_, out_)) return std::nullopt;
    const syntax::ParseResult parsed = syntax::parse(source_->text());
    for (const syntax::ParseError& e : parsed.errors) error(e.offset, 1, e.message, Code::parse, e.help);
    // Semantic checks on a file that did not parse would mostly repeat the
    // syntax errors as undefined names; report the syntax first.
    if (!parsed.errors.empty()) return std::nullopt;
    if (!limits::statements_within_limits(source_, parsed.statements, out_)) return std::nullopt;
    if (parsed.statements.empty()) {
      error(0, 0, "the rule file is empty", Code::header, "a rule file starts with `scheme \"TITLE\"`, `version …` and `currency …`");
      return std::nullopt;
    }
    header(parsed.statements);
    for (const auto& s : parsed.statements)
      if (const auto* p = std::get_if<syntax::PostDecl>(&s)) declare_post(*p);
    resolve_post_parents();
    for (const auto& s : parsed.statements) {
      if (const auto* d = std::get_if<syntax::DecisionDecl>(&s)) declare_kinds(*d);
      if (const auto* f = std::get_if<syntax::FactDecl>(&s)) declare_facts(*f);
    }
    for (const auto& s : parsed.statements) {
      if (const auto* p = std::get_if<syntax::Provision>(&s)) declare_provision(*p);
      if (const auto* e = std::get_if<syntax::ExampleDecl>(&s)) examples_.push_back(*e);
    }
    for (std::size_t i = 0; i < provisions_syntax_.size(); ++i) lower_provision(*provisions_syntax_[i], version_.provisions[i]);
    check_stand_ins();
    for (const auto& s : parsed.statements)
      if (const auto* k = std::get_if<syntax::KnownDecl>(&s)) lower_known(*k);
    index_by_kind();
    check_structure(version_, out_);
    if (failed_) return std::nullopt;
    return std::move(version_);
  }

  std::vector<syntax::ExampleDecl>& examples() { return examples_; }

 private:
  void error(std::size_t offset, std::size_t length, std::string message, Code code, std::string help = {}) {
    out_.push_back(make_diagnostic(code, Span{source_, offset, length}, std::move(message), std::move(help)));
    failed_ = true;
  }
  void error_at(const Token& t, std::string message, Code code, std::string help = {}) {
    error(t.offset, t.length, std::move(message), code, std::move(help));
  }
  Span span(const Token& t) const { return Span{source_, t.offset, t.length}; }

  void header(const std::vector<syntax::Statement>& statements) {
    version_.source = source_;
    const syntax::SchemeDecl* scheme = nullptr;
    const syntax::VersionDecl* version = nullptr;
    const syntax::CurrencyDecl* currency = nullptr;
    std::size_t index = 0;
    for (const auto& s : statements) {
      if (const auto* sd = std::get_if<syntax::SchemeDecl>(&s)) {
        if (scheme) error_at(sd->keyword, "the scheme is named twice", Code::header, "a rule file has one `scheme` line");
        else if (index != 0) error_at(sd->keyword, "`scheme` must be the first statement", Code::header);
        scheme = sd;
      } else if (const auto* vd = std::get_if<syntax::VersionDecl>(&s)) {
        if (version) error_at(vd->label, "the version is declared twice", Code::header, "each version of a scheme is a file of its own");
        else if (index != 1) error_at(vd->label, "`version` must come right after `scheme`", Code::header);
        version = vd;
      } else if (const auto* cd = std::get_if<syntax::CurrencyDecl>(&s)) {
        if (currency) error_at(cd->keyword, "the currency is declared twice", Code::header);
        else if (index != 2) error_at(cd->keyword, "`currency` must come right after `version`", Code::header);
        currency = cd;
      }
      ++index;
    }
    if (!scheme || !version || !currency) {
      std::string missing = !scheme ? "`scheme \"TITLE\"`" : !version ? "`version \"LABEL\" in force from DATE`" : "`currency GBP`";
      error(0, 0, "the rule file has no " + missing + " line", Code::header,
            "a rule file starts with `scheme \"TITLE\"`, `version \"LABEL\" in force from YYYY-MM-DD` and `currency GBP`");
    }
    if (scheme) {
      version_.title_span = span(scheme->title);
      version_.scheme_title = scheme->title.text;
      if (scheme->title.text.empty()) error_at(scheme->title, "the scheme title is empty", Code::header);
    }
    if (version) {
      version_.label_span = span(version->label);
      version_.from_span = span(version->from);
      version_.until_span = version->until ? span(*version->until) : span(version->from);
      version_.label = version->label.text;
      if (version->label.text.empty()) error_at(version->label, "the version label is empty", Code::header);
      version_.from = date(version->from).value_or(Date{});
      if (version->until) {
        version_.until = date(*version->until);
        if (version_.until && *version_.until < version_.from)
          error_at(*version->until, "the version ends before it starts", Code::date,
                   "`until` is the last day in force and must not be before `from`");
      }
    }
    if (currency) {
      version_.currency_span = span(currency->code);
      version_.currency = currency->code.text;
      if (currency->code.text.size() != 3 ||
          !std::all_of(currency->code.text.begin(), currency->code.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        error_at(currency->code, "a currency is a three-letter ISO code in capitals", Code::header, "write `currency GBP`");
    } else {
      version_.currency = "GBP";
    }
  }

  std::optional<Date> date(const Token& t) {
    auto d = read_date_literal(t, source_, out_);
    if (!d) failed_ = true;
    return d;
  }

  void declare_post(const syntax::PostDecl& p) {
    if (int existing = version_.find_post(p.id.text); existing >= 0 && version_.posts[static_cast<std::size_t>(existing)].id == p.id.text) {
      duplicate(p.id, "post", version_.posts[static_cast<std::size_t>(existing)].span);
      return;
    }
    // A name must lead to one post: ids, titles and aliases may not be shared,
    // nor differ only by case, Unicode normalisation or a look-alike letter.
    std::vector<std::string> keys;
    for (const Token* name : names_of(p)) {
      keys.push_back(unicode::name_key(name->text));
      for (std::size_t i = 0; i < version_.posts.size(); ++i) {
        const Post& other = version_.posts[i];
        const auto& other_keys = post_name_keys_[i];
        const auto same = std::find(other_keys.begin(), other_keys.end(), keys.back());
        if (same == other_keys.end()) continue;
        const std::string& other_name = same == other_keys.begin() ? other.id : same == other_keys.begin() + 1 ? other.title
                                        : other.aliases[static_cast<std::size_t>(same - other_keys.begin() - 2)];
        const bool alike = !equals_ignoring_case(other_name, name->text);
        Diagnostic d = make_diagnostic(Code::duplicate_name, span(*name),
                                       alike ? "`" + name->text + "` looks the same as `" + other_name + "`, which names the post `" +
                                                   other.id + "`; they differ only by Unicode normalisation or a look-alike letter"
                                             : "`" + name->text + "` already names the post `" + other.id + "`",
                                       "each id, title and alias must name one post, so that an approver is never ambiguous");
        d.notes.push_back(Note{other.span, "that post is declared here"});
        out_.push_back(std::move(d));
        failed_ = true;
      }
    }
    post_name_keys_.push_back(std::move(keys));
    Post post;
    post.id = p.id.text;
    post.title = p.title.text;
    for (const Token& a : p.aliases) post.aliases.push_back(a.text);
    post.consent = p.consent;
    post.span = span(p.id);
    version_.posts.push_back(std::move(post));
    post_syntax_.push_back(&p);
  }

  static std::vector<const Token*> names_of(const syntax::PostDecl& p) {
    std::vector<const Token*> names{&p.id, &p.title};
    for (const Token& a : p.aliases) names.push_back(&a);
    return names;
  }

  void duplicate(const Token& t, std::string_view what, const Span& first) {
    Diagnostic d = make_diagnostic(Code::duplicate_name, span(t),
                                   "the " + std::string(what) + " `" + t.text + "` is declared twice",
                                   "remove one declaration or rename it");
    d.notes.push_back(Note{first, "first declared here"});
    out_.push_back(std::move(d));
    failed_ = true;
  }

  int resolve_post(const Token& t) {
    for (std::size_t i = 0; i < version_.posts.size(); ++i)
      if (version_.posts[i].id == t.text) return static_cast<int>(i);
    std::string help = did_you_mean(t.text, version_.post_ids(), "post");
    for (const Post& p : version_.posts)
      if (equals_ignoring_case(p.id, t.text)) help = "post ids are case-sensitive: did you mean `" + p.id + "`?";
    error_at(t, "undefined post `" + t.text + "`", Code::undefined_name, help);
    return -1;
  }

  void resolve_post_parents() {
    for (std::size_t i = 0; i < post_syntax_.size(); ++i) {
      const syntax::PostDecl& p = *post_syntax_[i];
      if (!p.parent) continue;
      const int parent = resolve_post(*p.parent);
      if (parent == static_cast<int>(i)) {
        error_at(*p.parent, "the post `" + p.id.text + "` is placed under itself", Code::cycle);
        continue;
      }
      version_.posts[i].parent = parent;
    }
    // Cycles: follow each chain; a chain longer than the number of posts loops.
    std::vector<char> reported(version_.posts.size(), 0);
    for (std::size_t start = 0; start < version_.posts.size(); ++start) {
      std::vector<int> chain{static_cast<int>(start)};
      int at = version_.posts[start].parent;
      bool looped = false, too_deep = false;
      while (at >= 0) {
        if ((too_deep = chain.size() > limits::max_under_depth)) break;  // reported below, once
        if (std::find(chain.begin(), chain.end(), at) != chain.end()) {
          looped = at == static_cast<int>(start);
          break;
        }
        chain.push_back(at);
        at = version_.posts[static_cast<std::size_t>(at)].parent;
      }
      if (too_deep && !failed_) {
        error(version_.posts[start].span.offset, version_.posts[start].span.length,
              "the post `" + version_.posts[start].id + "` has more than " + std::to_string(limits::max_under_depth) +
                  " posts above it (through `under` and `consent from`)",
              Code::limit, "a hierarchy this deep is more than remit can check; look for a chain of `under` that runs away");
        continue;
      }
      if (!looped || reported[start]) continue;
      std::vector<std::string> names;
      for (int c : chain) {
        names.push_back(version_.posts[static_cast<std::size_t>(c)].id);
        reported[static_cast<std::size_t>(c)] = 1;
      }
      names.push_back(version_.posts[start].id);
      Diagnostic d = make_diagnostic(Code::cycle, version_.posts[start].span,
                                     "the hierarchy of posts has a cycle: " + join(names, " under "),
                                     "a post cannot be above itself; remove one `under` or `consent from`");
      out_.push_back(std::move(d));
      failed_ = true;
    }
    if (failed_) {
      for (Post& p : version_.posts) p.parent = -1;
      return;
    }
    for (Post& p : version_.posts) {
      int depth = 0;
      for (int at = p.parent; at >= 0; at = version_.posts[static_cast<std::size_t>(at)].parent) ++depth;
      p.depth = depth;
    }
  }

  void declare_kinds(const syntax::DecisionDecl& d) {
    for (std::size_t i = 0; i < d.kinds.size(); ++i) {
      const Token& k = d.kinds[i];
      if (std::find(version_.kinds.begin(), version_.kinds.end(), k.text) != version_.kinds.end()) {
        duplicate(k, "decision kind", kind_spans_[k.text]);
        continue;
      }
      version_.kinds.push_back(k.text);
      version_.kind_labels.push_back(kind_label(d, i));
      version_.kind_phrases.push_back(kind_phrases(d, i));
      version_.kind_spans.push_back(span(k));
      kind_spans_[k.text] = span(k);
    }
  }

  // ---- kind labels and phrases ----------------------------------------------
  // A label or phrases belong to one kind: a `decision` line that gives them
  // declares that kind alone, so that `phrases "a", "b", c` is never read
  // as a list of kinds.
  std::string kind_label(const syntax::DecisionDecl& d, std::size_t i) {
    if (!d.labels[i]) return {};
    const Token& label = *d.labels[i];
    if (d.kinds.size() > 1) one_kind_per_line(d, i, label);
    else if (label.text.empty()) error_at(label, "the label of `" + d.kinds[i].text + "` is empty", Code::kind_label,
                                          "write the kind's name as the scheme prints it, or leave the label out");
    return label.text;
  }

  std::vector<std::string> kind_phrases(const syntax::DecisionDecl& d, std::size_t i) {
    std::vector<std::string> out;
    for (const Token& phrase : d.phrases[i]) {
      if (d.kinds.size() > 1 && !d.labels[i] && out.empty()) one_kind_per_line(d, i, phrase);
      if (phrase.text.empty()) error_at(phrase, "a phrase of `" + d.kinds[i].text + "` is empty", Code::kind_label,
                                        "a phrase is words a decision paper of this kind uses, such as \"order\"");
      else if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return equals_ignoring_case(o, phrase.text); }))
        error_at(phrase, "the phrase \"" + phrase.text + "\" is listed twice for `" + d.kinds[i].text + "`", Code::kind_label);
      out.push_back(phrase.text);
    }
    return out;
  }

  void one_kind_per_line(const syntax::DecisionDecl& d, std::size_t i, const Token& at) {
    error_at(at, "a decision kind with a label or phrases is declared on a `decision` line of its own", Code::kind_label,
             "write `decision " + d.kinds[i].text + " \"LABEL\" phrases \"…\"` on its own line, and the other kinds on another");
  }

  void declare_facts(const syntax::FactDecl& f) {
    FactType type = FactType::flag;
    const std::string& t = f.type.text;
    if (t == "money") type = FactType::money;
    else if (t == "flag") type = FactType::flag;
    else if (t == "integer") type = FactType::integer;
    else if (t == "text") type = FactType::text;
    else if (t == "date") type = FactType::date;
    else type = FactType::enumeration;
    std::vector<std::string> members;
    for (const Token& m : f.members) {
      if (std::find(members.begin(), members.end(), m.text) != members.end()) {
        error_at(m, "the member `" + m.text + "` is listed twice", Code::duplicate_name);
        continue;
      }
      members.push_back(m.text);
    }
    for (const Token& n : f.names) {
      if (int existing = version_.find_fact(n.text); existing >= 0) {
        duplicate(n, "fact", version_.facts[static_cast<std::size_t>(existing)].span);
        continue;
      }
      version_.facts.push_back(FactDef{n.text, type, members, span(n)});
    }
  }

  void declare_provision(const syntax::Provision& p) {
    if (int existing = version_.find_para(p.para.text); existing >= 0) {
      Diagnostic d = make_diagnostic(Code::duplicate_paragraph, span(p.para),
                                     "paragraph " + p.para.text + " appears twice in version `" + version_.label + "`",
                                     "each paragraph reference is unique within a version; number the second one as the scheme does");
      d.notes.push_back(Note{version_.provisions[static_cast<std::size_t>(existing)].span, "first used here"});
      out_.push_back(std::move(d));
      failed_ = true;
    } else if (const Token& key = p.number ? *p.number : p.para; version_.find_number(key.text) >= 0) {
      // Two paragraphs the scheme numbers alike: a claim citing the number
      // could not tell them apart (issue 16).
      const int other = version_.find_number(key.text);
      Diagnostic d = make_diagnostic(Code::duplicate_paragraph, span(key),
                                     "the scheme's number " + key.text + " is given twice in version `" + version_.label + "`",
                                     "a paragraph's `number` is the one the scheme prints; give each number to one paragraph only");
      d.notes.push_back(Note{version_.provisions[static_cast<std::size_t>(other)].span, "first used here"});
      out_.push_back(std::move(d));
      failed_ = true;
    }
    Provision provision;
    provision.para = p.para.text;
    if (p.number) provision.number = p.number->text;
    provision.span = span(p.para);
    version_.provisions.push_back(std::move(provision));
    provisions_syntax_.push_back(&p);
  }

  void lower_provision(const syntax::Provision& p, Provision& out) {
    if (p.words) out.words = p.words->text;
    if (p.number) out.number = p.number->text;
    out.kind = p.kind;
    if (p.approver) out.approver = signatory_sets(*p.approver);
    else if (p.post) out.approver = {{Place{resolve_post(*p.post), false, span(*p.post)}}};
    if (p.absent) out.absent = resolve_post(*p.absent);
    out.kind_patterns = kind_patterns(p.kinds);
    if (p.kind == ProvisionKind::stand_in && p.kinds.empty()) out.kind_patterns = {"*"};  // no `for`: any decision
    if (p.when) out.when = condition(*p.when);
    for (const syntax::Duty& d : p.duties) {
      if (!d.report) {
        out.duties.push_back(d.text.text);
        out.duty_posts.push_back(-1);
        continue;
      }
      std::string text = "report";
      if (d.frequency) text += " " + d.frequency->text;
      int to = -1;
      if (d.to_post) {
        to = resolve_post(*d.to_post);
        text += " to " + d.to_post->text;
      }
      out.duties.push_back(text);
      out.duty_posts.push_back(to);
    }
    for (const Token& item : p.items) {
      if (item.text.empty()) error_at(item, "a requirement item is empty", Code::requirement);
      out.items.push_back(item.text);
    }
    for (const Token& o : p.overrides) {
      const int target = resolve_para(o);
      if (target < 0) continue;
      if (version_.provisions[static_cast<std::size_t>(target)].para == out.para) {
        error_at(o, "paragraph " + o.text + " overrides itself", Code::cycle);
        continue;
      }
      out.overrides.push_back(target);
    }
  }

  // ---- joint approvals and stand-ins (issue 12) ----

  // The most sets a power's approver may expand to, and places in one set.
  static constexpr std::size_t max_signatory_sets = 64;
  static constexpr std::size_t max_places = 8;
  static constexpr std::size_t max_combinations = 256;  // sets of posts that can sign for one set with `or above`

  // An approver as alternatives of sets: `(CE or FD) and NED` is {CE, NED}
  // or {FD, NED}. A set naming a post twice is an error; sets that are the
  // same but for order are kept once.
  std::vector<SignatorySet> signatory_sets(const syntax::Approver& a) {
    std::vector<SignatorySet> sets = expand(a);
    if (sets.empty()) return sets;  // reported by expand
    std::vector<SignatorySet> out;
    for (SignatorySet& set : sets) {
      bool twice = false;
      for (std::size_t i = 0; i < set.size() && !twice; ++i)
        for (std::size_t j = 0; j < i && !twice; ++j)
          if (set[i].post >= 0 && set[i].post == set[j].post) {
            twice = true;
            const std::string& id = version_.posts[static_cast<std::size_t>(set[i].post)].id;
            Diagnostic d = make_diagnostic(Code::signatories, set[i].span, "`" + id + "` would sign twice in one set of signatories",
                                           "each place of a joint approval is filled by a different post; name another post, "
                                           "or write the post once");
            d.notes.push_back(Note{set[j].span, "first named here"});
            out_.push_back(std::move(d));
            failed_ = true;
          }
      if (twice) continue;
      std::size_t combinations = 1;
      for (const Place& place : set)
        if (place.or_above && set.size() > 1 && place.post >= 0)
          combinations *= 1 + static_cast<std::size_t>(version_.posts[static_cast<std::size_t>(place.post)].depth);
      if (combinations > max_combinations) {
        error(set.front().span.offset, set.front().span.length,
              "the set `" + set_text(version_, set) + "` can be signed by more than " + std::to_string(max_combinations) +
                  " sets of posts",
              Code::limit, "name the posts that may sign, rather than `or above` on several places");
        continue;
      }
      auto same = [&](const SignatorySet& other) {
        if (other.size() != set.size()) return false;
        return std::all_of(set.begin(), set.end(), [&](const Place& x) {
          return std::any_of(other.begin(), other.end(), [&](const Place& y) { return x.post == y.post && x.or_above == y.or_above; });
        });
      };
      if (std::none_of(out.begin(), out.end(), same)) out.push_back(std::move(set));
    }
    return out;
  }

  std::vector<SignatorySet> expand(const syntax::Approver& a) {
    using Kind = syntax::Approver::Kind;
    if (a.kind == Kind::place) return {{Place{resolve_post(a.post), a.or_above, span(a.post)}}};
    std::vector<SignatorySet> out;
    if (a.kind == Kind::any_of) {
      for (const syntax::Approver& o : a.operands) {
        std::vector<SignatorySet> sets = expand(o);
        if (sets.empty()) return {};
        out.insert(out.end(), std::make_move_iterator(sets.begin()), std::make_move_iterator(sets.end()));
        if (!within_limits(out, o)) return {};
      }
      return out;
    }
    out.push_back({});
    for (const syntax::Approver& o : a.operands) {
      const std::vector<SignatorySet> sets = expand(o);
      if (sets.empty()) return {};
      std::vector<SignatorySet> product;
      for (const SignatorySet& left : out)
        for (const SignatorySet& right : sets) {
          SignatorySet joined = left;
          joined.insert(joined.end(), right.begin(), right.end());
          product.push_back(std::move(joined));
          if (!within_limits(product, o)) return {};
        }
      out = std::move(product);
    }
    return out;
  }

  bool within_limits(const std::vector<SignatorySet>& sets, const syntax::Approver& at) {
    const Token& where = first_post(at);
    if (sets.size() > max_signatory_sets) {
      error_at(where, "the approver allows more than " + std::to_string(max_signatory_sets) + " sets of signatories", Code::limit,
               "split the provision into several paragraphs");
      return false;
    }
    if (!sets.empty() && sets.back().size() > max_places) {
      error_at(where, "a set of signatories has more than " + std::to_string(max_places) + " places", Code::limit,
               "a joint approval names at most " + std::to_string(max_places) + " signatories");
      return false;
    }
    return true;
  }

  static const Token& first_post(const syntax::Approver& a) {
    return a.kind == syntax::Approver::Kind::place ? a.post : first_post(a.operands.front());
  }

  // A stand-in acts for another post, never for itself, and never for a
  // post that may itself be standing in (no chains).
  void check_stand_ins() {
    for (std::size_t i = 0; i < provisions_syntax_.size(); ++i) {
      const syntax::Provision& p = *provisions_syntax_[i];
      const Provision& stand_in = version_.provisions[i];
      if (p.kind != ProvisionKind::stand_in || stand_in.absent < 0 || stand_in.sole_post() < 0) continue;
      const std::string& absent = version_.posts[static_cast<std::size_t>(stand_in.absent)].id;
      if (stand_in.absent == stand_in.sole_post()) {
        error_at(*p.post, "`" + absent + "` cannot stand in for itself", Code::stand_in,
                 "name the post that may act in the absence of `" + absent + "`");
        continue;
      }
      for (std::size_t j = 0; j < provisions_syntax_.size(); ++j) {
        const Provision& other = version_.provisions[j];
        if (other.kind != ProvisionKind::stand_in || other.sole_post() != stand_in.absent || other.absent < 0) continue;
        Diagnostic d = make_diagnostic(
            Code::stand_in, span(*p.absent),
            "stand-ins in a chain: `" + version_.posts[static_cast<std::size_t>(stand_in.sole_post())].id + "` may act for `" + absent +
                "`, who may act for `" + version_.posts[static_cast<std::size_t>(other.absent)].id + "` (para " + other.para + ")",
            "a stand-in never acts for a post that is itself standing in; name the stand-in for `" +
                version_.posts[static_cast<std::size_t>(other.absent)].id + "` directly");
        d.notes.push_back(Note{other.span, "the other stand-in"});
        out_.push_back(std::move(d));
        failed_ = true;
      }
    }
  }

  // A paragraph of this version by its reference, or -1 with an error.
  int resolve_para(const Token& t) {
    const int p = version_.find_para(t.text);
    if (p < 0) {
      std::vector<std::string> paras;
      for (const Provision& q : version_.provisions) paras.push_back(q.para);
      error_at(t, "paragraph " + t.text + " does not exist in version `" + version_.label + "`", Code::undefined_paragraph,
               did_you_mean(t.text, paras, "paragraph"));
    }
    return p;
  }

  // Kinds and families as written; each must name a declared kind or family.
  std::vector<std::string> kind_patterns(const std::vector<Token>& kinds) {
    std::vector<std::string> patterns;
    for (const Token& k : kinds) {
      patterns.push_back(k.text);
      if (k.text == "*") continue;
      if (!k.text.empty() && k.text.back() == '*') {
        const std::string family = k.text.substr(0, k.text.size() - 1);  // "grant."
        bool any = std::any_of(version_.kinds.begin(), version_.kinds.end(),
                               [&](const std::string& kind) { return kind.rfind(family, 0) == 0; });
        if (!any) {
          std::vector<std::string> families;
          for (const std::string& kind : version_.kinds) {
            auto dot = kind.find('.');
            if (dot != std::string::npos) families.push_back(kind.substr(0, dot + 1) + "*");
          }
          error_at(k, "no decision kind belongs to the family `" + k.text + "`", Code::undefined_name,
                   did_you_mean(k.text, families, "famil"));
        }
      } else if (version_.find_kind(k.text) < 0) {
        error_at(k, "undefined decision kind `" + k.text + "`", Code::undefined_name,
                 did_you_mean(k.text, version_.kinds, "decision kind"));
      }
    }
    return patterns;
  }

  static bool kind_matches(const std::string& pattern, const std::string& kind) {
    return pattern == "*" || pattern == kind || (pattern.back() == '*' && kind.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0);
  }

  // `known CODE for KINDS [when COND]: "…"` or `known CODE para REF, …: "…"`.
  void lower_known(const syntax::KnownDecl& k) {
    const std::string& name = k.code.text;
    const std::optional<Code> code = keepable_finding(name);
    if (!code) {
      std::vector<std::string> names;
      for (const CodeInfo& c : code_table)
        if (keepable_finding(c.name)) names.emplace_back(c.name);
      error_at(k.code, "`remit analyse` reports no finding called `" + name + "`", Code::known, did_you_mean(name, names, "finding"));
      return;
    }
    const bool region = !k.kinds.empty();
    if (region && (*code == Code::dead || *code == Code::shadowed))
      error_at(k.code, "a `known " + name + "` names the paragraphs it keeps", Code::known, "write `known " + name + " para REF: \"…\"`");
    if (!region && *code == Code::gap)
      error_at(k.code, "a `known gap` names the decisions it keeps", Code::known, "write `known gap for KIND when CONDITION: \"…\"`");
    if (k.reason.text.empty()) error_at(k.reason, "the reason is empty", Code::known, "say why the scheme keeps this finding");
    Acknowledgement a;
    a.code = *code;
    a.name = name;
    a.reason = k.reason.text;
    a.span = span(k.code);
    a.kind_patterns = kind_patterns(k.kinds);
    for (std::size_t kind = 0; kind < version_.kinds.size(); ++kind)
      if (std::any_of(a.kind_patterns.begin(), a.kind_patterns.end(), [&](const std::string& p) { return kind_matches(p, version_.kinds[kind]); }))
        a.kinds.push_back(static_cast<int>(kind));
    if (k.when) a.when = condition(*k.when);
    for (const Token& para : k.paras)
      if (const int p = resolve_para(para); p >= 0) a.paras.push_back(p);
    version_.known.push_back(std::move(a));
  }

  Condition condition(const syntax::Expr& e) {
    Condition c;
    c.span = Span{source_, e.offset, e.end > e.offset ? e.end - e.offset : 0};
    c.text = condition_text(e.offset, e.end);
    switch (e.kind) {
      case syntax::Expr::Kind::all_of: c.kind = Condition::Kind::all_of; break;
      case syntax::Expr::Kind::any_of: c.kind = Condition::Kind::any_of; break;
      case syntax::Expr::Kind::negation: c.kind = Condition::Kind::negation; break;
      case syntax::Expr::Kind::test: c.kind = Condition::Kind::test; break;
    }
    for (const syntax::Expr& operand : e.operands) c.operands.push_back(condition(operand));
    if (e.kind == syntax::Expr::Kind::test) {
      const std::size_t before = out_.size();
      test(e, c);
      // A test with an error (a value of the wrong type, say) may lack its
      // values: leave it out of the structural checks, which read them.
      if (out_.size() != before) c.fact = -1;
    }
    return c;
  }

  std::string condition_text(std::size_t begin, std::size_t end) const {
    if (end <= begin) return {};
    std::string text = source_->text().substr(begin, end - begin);
    // The tree does not keep a closing parenthesis at the very end; restore balance.
    long open = 0;
    for (char ch : text) open += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    while (open-- > 0) text += ')';
    // Fold line breaks and runs of blanks for one-line traces.
    std::string folded;
    bool blank = false;
    for (char ch : text) {
      const bool is_blank = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
      if (is_blank) {
        blank = true;
        continue;
      }
      if (blank && !folded.empty()) folded += ' ';
      blank = false;
      folded += ch;
    }
    return folded;
  }

  void test(const syntax::Expr& e, Condition& c) {
    c.fact = version_.find_fact(e.fact.text);
    if (c.fact < 0) {
      error_at(e.fact, "undefined fact `" + e.fact.text + "`", Code::undefined_name, did_you_mean(e.fact.text, version_.fact_names(), "fact"));
      return;
    }
    const FactDef& fact = version_.facts[static_cast<std::size_t>(c.fact)];
    const std::string type_name(fact_type_name(fact.type));
    const bool ordered = fact.type == FactType::money || fact.type == FactType::integer || fact.type == FactType::date;
    const std::string& op = e.op;
    if (op.empty()) {
      c.op = CompareOp::is_true;
      if (fact.type != FactType::flag)
        error_at(e.fact, "`" + fact.name + "` is " + article(type_name) + ", not a flag, so it cannot stand alone as a condition",
                 Code::type, example_comparison(fact));
      return;
    }
    if (op == "<") c.op = CompareOp::lt;
    else if (op == "<=") c.op = CompareOp::le;
    else if (op == ">") c.op = CompareOp::gt;
    else if (op == ">=") c.op = CompareOp::ge;
    else if (op == "=") c.op = CompareOp::eq;
    else if (op == "!=") c.op = CompareOp::ne;
    else if (op == "between") c.op = CompareOp::between;
    else if (op == "in") c.op = CompareOp::in;
    else c.op = CompareOp::not_in;
    const bool needs_order = c.op == CompareOp::lt || c.op == CompareOp::le || c.op == CompareOp::gt ||
                             c.op == CompareOp::ge || c.op == CompareOp::between;
    if (needs_order && !ordered) {
      error_at(e.op_token, "`" + fact.name + "` is " + article(type_name) + " and has no order: `" + op + "` cannot compare it", Code::type,
               example_comparison(fact));
      return;
    }
    bool ok = true;
    for (std::size_t i = 0; i < e.values.size(); ++i) {
      auto v = literal(fact, e.values[i].token, e.values[i].kind);
      if (!v) {
        ok = false;
        continue;
      }
      c.values.push_back(*v);
    }
    if (ok && c.op == CompareOp::between && c.values.size() == 2 && c.values[0].number > c.values[1].number)
      error_at(e.values[1].token, "the range is empty: its upper end is below its lower end", Code::range,
               "write `between LOW and HIGH`");
  }

  static std::string example_comparison(const FactDef& f) {
    switch (f.type) {
      case FactType::money: return "compare money with an amount, e.g. `" + f.name + " > £500,000`";
      case FactType::flag: return "a flag is a condition by itself (`" + f.name + "`), or `" + f.name + " = false`";
      case FactType::integer: return "compare an integer with a whole number, e.g. `" + f.name + " >= 3`";
      case FactType::text: return "compare text with a string, e.g. `" + f.name + " = \"Home Office\"`";
      case FactType::date: return "compare a date with a date, e.g. `" + f.name + " >= 2020-04-01`";
      case FactType::enumeration:
        return "compare an enumeration with its members, e.g. `" + f.name + " in {" + (f.members.empty() ? "" : f.members.front()) + "}`";
    }
    return {};
  }

  std::optional<Value> literal(const FactDef& fact, const Token& t, syntax::LiteralKind kind) {
    auto value = read_literal(fact, t, kind, version_.currency, source_, out_, example_comparison(fact));
    if (!value) failed_ = true;
    return value;
  }

  void index_by_kind() {
    version_.provisions_by_kind.assign(version_.kinds.size(), {});
    for (std::size_t k = 0; k < version_.kinds.size(); ++k) {
      const std::string& kind = version_.kinds[k];
      for (std::size_t p = 0; p < version_.provisions.size(); ++p) {
        for (const std::string& pattern : version_.provisions[p].kind_patterns) {
          if (kind_matches(pattern, kind)) {
            version_.provisions_by_kind[k].push_back(static_cast<int>(p));
            break;
          }
        }
      }
    }
  }

  SourcePtr source_;
  std::vector<Diagnostic>& out_;
  Version version_;
  bool failed_ = false;
  std::vector<const syntax::PostDecl*> post_syntax_;
  std::vector<std::vector<std::string>> post_name_keys_;  // by post: unicode::name_key of its id, title and aliases
  std::vector<const syntax::Provision*> provisions_syntax_;
  std::map<std::string, Span> kind_spans_;
  std::vector<syntax::ExampleDecl> examples_;
};

}  // namespace

std::optional<Version> lower_file(const SourcePtr& source, std::vector<Diagnostic>& diagnostics, std::vector<ExampleSpec>* examples) {
  if (!check_rule_text(source, diagnostics)) return std::nullopt;
  std::vector<Diagnostic> local;
  FileLowering lowering(source, local);
  auto version = lowering.run();
  limits::cap_errors(local);
  bool errors = has_errors(local);
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(local.begin()), std::make_move_iterator(local.end()));
  if (errors) return std::nullopt;
  if (examples)
    for (syntax::ExampleDecl& e : lowering.examples()) examples->push_back(ExampleSpec{source, std::move(e), version->label});
  return version;
}

bool is_test_file(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  constexpr std::string_view suffix = "_test.remit";
  return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<ExampleSpec> lower_test_file(const SourcePtr& source, std::vector<Diagnostic>& diagnostics) {
  std::vector<ExampleSpec> examples;
  if (!check_rule_text(source, diagnostics)) return examples;
  syntax::ParseResult parsed = syntax::parse(source->text());
  for (const syntax::ParseError& e : parsed.errors)
    diagnostics.push_back(make_diagnostic(Code::parse, Span{source, e.offset, 1}, e.message, e.help));
  for (std::size_t i = 0; i < parsed.statements.size(); ++i) {
    if (auto* e = std::get_if<syntax::ExampleDecl>(&parsed.statements[i])) {
      examples.push_back(ExampleSpec{source, std::move(*e), {}});
    } else {
      const syntax::Extent at = parsed.extents[i];
      std::size_t word = 0;
      while (at.begin + word < at.end && source->text()[at.begin + word] != ' ' && source->text()[at.begin + word] != '\n') ++word;
      diagnostics.push_back(make_diagnostic(Code::test_file, Span{source, at.begin, word},
                                            "a test file holds only examples, not `" + source->text().substr(at.begin, word) + "`",
                                            "move it to one of the scheme's version files, or rename this file "
                                            "so it does not end in `_test.remit`"));
    }
  }
  return examples;
}

}  // namespace remit::check
