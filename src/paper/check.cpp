// Checking a paper (issue 16): the verdict for the decision it asks for, as
// `eval` gives it, and each claim of authority against the version in force
// on the paper's date: the paragraph, the version it names, its words; the
// papers the scheme requires; what could not be read.
#include <algorithm>
#include <string>
#include <vector>

#include "model/names.hpp"
#include "paper/text.hpp"
#include "remit/paper.hpp"

namespace remit {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// Words for the similarity measure: lower case, letters and digits only,
// parenthesised asides dropped, each post title or alias read as its id.
std::vector<std::string> normalised_words(const Version& v, const std::string& text) {
  std::string t = paper::lower(text);
  // Drop `( … )`: "the Deputy Mayor for Policing and Crime (DMPC)".
  for (std::size_t open = t.find('('); open != std::string::npos; open = t.find('(', open)) {
    const std::size_t close = t.find(')', open);
    if (close == std::string::npos) break;
    t.erase(open, close - open + 1);
  }
  std::vector<std::pair<std::string, std::string>> names;  // lower-case title or alias -> id
  for (const Post& p : v.posts) {
    names.emplace_back(paper::lower(p.title), paper::lower(p.id));
    for (const std::string& a : p.aliases) names.emplace_back(paper::lower(a), paper::lower(p.id));
  }
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [name, id] : names)
    for (std::size_t at = t.find(name); at != std::string::npos; at = t.find(name, at + id.size())) t.replace(at, name.size(), id);
  std::vector<std::string> words;
  std::string word;
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

}  // namespace

double words_similarity(const Version& version, const std::string& paper_words, const std::string& scheme_words) {
  const std::vector<std::string> a = normalised_words(version, paper_words);
  const std::vector<std::string> b = normalised_words(version, scheme_words);
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  std::vector<std::size_t> row(b.size() + 1, 0), next(b.size() + 1, 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) next[j + 1] = a[i] == b[j] ? row[j] + 1 : std::max(row[j + 1], next[j]);
    std::swap(row, next);
  }
  return 2.0 * static_cast<double>(row[b.size()]) / static_cast<double>(a.size() + b.size());
}

std::string_view paper_status_name(PaperStatus s) {
  switch (s) {
    case PaperStatus::holds: return "holds";
    case PaperStatus::wrong: return "wrong";
    case PaperStatus::undetermined: return "undetermined";
    case PaperStatus::present: return "present";
    case PaperStatus::missing: return "missing";
  }
  return "undetermined";
}

std::string_view paper_topic_name(PaperTopic t) {
  switch (t) {
    case PaperTopic::verdict: return "verdict";
    case PaperTopic::paragraph: return "paragraph";
    case PaperTopic::version: return "version";
    case PaperTopic::words: return "words";
    case PaperTopic::paper: return "paper";
    case PaperTopic::extraction: return "extraction";
  }
  return "verdict";
}

namespace {

struct Checker {
  const Scheme& scheme;
  PaperCheck& out;
  const Version* version = nullptr;

  void add(PaperTopic topic, PaperStatus status, std::size_t line, std::string scheme_location, std::string message) {
    out.findings.push_back(PaperFinding{topic, status, line, std::move(scheme_location), std::move(message)});
  }

  void extraction() {
    const Paper& p = out.paper;
    if (!p.reference) add(PaperTopic::extraction, PaperStatus::undetermined, 0, "", "no reference (such as `PCD 785`) on a line of its own");
    if (!p.date)
      add(PaperTopic::extraction, PaperStatus::undetermined, 0, "",
          "the date is not known: the paper gives no date signed (`Date: 1 June 2020`); pass `--date YYYY-MM-DD`");
    if (!p.decision_maker)
      add(PaperTopic::extraction, PaperStatus::undetermined, 0, "",
          "the decision maker is not known: no \"Decision by:\", \"… is recommended to\" or signature names a post of the scheme");
    if (!p.kind)
      add(PaperTopic::extraction, PaperStatus::undetermined, 0, "",
          "the kind of decision is not known: no phrase declared on a `decision` of the scheme is in the recommendation");
    for (const std::string& note : p.notes) add(PaperTopic::extraction, PaperStatus::undetermined, 0, "", note);
    if (!p.unknown_facts.empty())
      add(PaperTopic::extraction, PaperStatus::undetermined, 0, "",
          "facts the paper does not state, left unknown: " + join(p.unknown_facts, ", "));
  }

  // The verdict, as `eval` gives it, for the decision the paper asks for.
  void verdict() {
    const Paper& p = out.paper;
    std::vector<std::string> unknown;
    if (!p.date) unknown.push_back("the date");
    if (!p.decision_maker) unknown.push_back("the decision maker");
    if (!p.kind) unknown.push_back("the kind of decision");
    if (p.date && !version) {
      add(PaperTopic::verdict, PaperStatus::undetermined, p.date->line, "",
          "undetermined: no version of `" + scheme.title + "` is in force on " + p.date->value);
      return;
    }
    if (!unknown.empty()) {
      add(PaperTopic::verdict, PaperStatus::undetermined, 0, "", "undetermined: " + join(unknown, ", ") + " could not be read from the paper");
      return;
    }
    Decision d;
    if (p.reference) d.id = p.reference->value;
    d.version = version;
    d.kind = version->find_kind(p.kind->value);
    d.approver = {Signatory{version->find_post(p.decision_maker->value), -1}};
    d.date = read_date(p.date->value);
    d.facts.assign(version->facts.size(), std::nullopt);
    if (p.amount)
      for (std::size_t f = 0; f < version->facts.size(); ++f)
        if (version->facts[f].type == FactType::money && std::find(p.unknown_facts.begin(), p.unknown_facts.end(), version->facts[f].name) == p.unknown_facts.end())
          d.facts[f] = Value{read_money(p.amount->value, version->currency).value->pence, {}, false};
    for (const PaperField& s : p.sections) d.evidence.push_back(s.value);
    out.verdict = evaluate(d);
    out.outcome = out.verdict->outcome;
    const std::string where = out.verdict->provisions.empty() ? "" : out.verdict->provisions.front().location;
    std::string citations;
    for (const Citation& c : out.verdict->provisions)
      if (!c.text.empty()) citations += "; para " + c.para + " (" + c.version + "): " + quoted(c.text);
    add(PaperTopic::verdict, out.outcome == Outcome::authorised ? PaperStatus::holds : PaperStatus::wrong, p.kind->line, where,
        std::string(outcome_name(out.outcome)) + ": " + out.verdict->reason + citations);
  }

  // The version a claim names, against the one in force.
  void claim_version(const AuthorityClaim& c) {
    const std::string& named = c.version->text;
    const std::string year = named.substr(named.size() - 4);
    int month = 0;
    static constexpr std::array<std::string_view, 12> months = {"january", "february", "march",     "april",   "may",      "june",
                                                                "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t m = 0; m < months.size(); ++m)
      if (paper::lower(named).rfind(months[m], 0) == 0) month = static_cast<int>(m + 1);
    const Version* match = nullptr;
    for (const Version& v : scheme.versions) {
      const std::string from = format_date(v.from);
      const bool same = from.substr(0, 4) == year && (month == 0 || std::stoi(from.substr(5, 2)) == month);
      if (same || (!match && month == 0 && v.label.find(year) != std::string::npos)) match = &v;
    }
    const std::size_t line = c.version->line;
    if (!match) {
      add(PaperTopic::version, PaperStatus::undetermined, line, "",
          "para " + c.para + ": the paper names the scheme of " + named + ", a version the rules do not have");
      return;
    }
    const std::string where = location(match->label_span);
    if (match == version)
      add(PaperTopic::version, PaperStatus::holds, line, where,
          "para " + c.para + ": the scheme of " + named + " is version " + match->label + ", in force on " + out.paper.date->value);
    else
      add(PaperTopic::version, PaperStatus::wrong, line, where,
          "para " + c.para + ": the scheme of " + named + " is version " + match->label + ", but version " + version->label +
              " is in force on " + out.paper.date->value);
  }

  // Does the paragraph decide it, in the version in force?
  const Provision* claim_paragraph(const AuthorityClaim& c, bool& wrong) {
    const std::size_t line = c.line;
    if (!version) {
      add(PaperTopic::paragraph, PaperStatus::undetermined, line, "", "para " + c.para + ": the version in force is not known without the date");
      return nullptr;
    }
    const int index = version->find_number(c.para);
    if (index < 0) {
      std::vector<std::string> elsewhere;
      for (const Version& v : scheme.versions)
        if (&v != version && v.find_number(c.para) >= 0)
          elsewhere.push_back(v.label + " (" + location(v.provisions[static_cast<std::size_t>(v.find_number(c.para))].span) + ")");
      add(PaperTopic::paragraph, PaperStatus::undetermined, line, location(version->label_span),
          "para " + c.para + ": the rules know no paragraph numbered " + c.para + " in version " + version->label +
              (elsewhere.empty() ? "" : "; it is a paragraph of version " + join(elsewhere, ", ")));
      return nullptr;
    }
    const Provision& pr = version->provisions[static_cast<std::size_t>(index)];
    const std::string name = pr.para == c.para ? "para " + c.para : "para " + c.para + " (" + pr.para + ")";
    if (!out.verdict) {
      add(PaperTopic::paragraph, PaperStatus::undetermined, line, location(pr.span),
          name + ": whether it decides the paper's decision is not known, for the verdict is not");
      return &pr;
    }
    const auto& cited = out.verdict->provisions;
    if (std::any_of(cited.begin(), cited.end(), [&](const Citation& x) { return x.para == pr.para; })) {
      add(PaperTopic::paragraph, PaperStatus::holds, line, location(pr.span),
          name + " decides " + out.verdict->kind + " in version " + version->label + " (in force on " + out.paper.date->value + ")");
      return &pr;
    }
    std::vector<std::string> deciding;
    for (const Citation& x : cited) deciding.push_back(x.para);
    wrong = true;
    add(PaperTopic::paragraph, PaperStatus::wrong, line, location(pr.span),
        name + " does not decide " + out.verdict->kind + " in version " + version->label + "; " +
            (deciding.empty() ? "no paragraph does" : "it is decided by para " + join(deciding, ", ") + " (" + cited.front().location + ")"));
    return &pr;
  }

  void claim_words(const AuthorityClaim& c, const Provision& pr, bool& wrong) {
    const std::size_t line = c.words->line;
    if (pr.words.empty()) {
      add(PaperTopic::words, PaperStatus::undetermined, line, location(pr.span),
          "para " + c.para + ": the rules do not hold the scheme's words for it; the paper says " + quoted(c.words->text));
      return;
    }
    const double s = words_similarity(*version, c.words->text, pr.words);
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", s);
    const bool match = s >= words_match_threshold;
    wrong = wrong || !match;
    add(PaperTopic::words, match ? PaperStatus::holds : PaperStatus::wrong, line, location(pr.span),
        "para " + c.para + (match ? ": the words match" : ": the words do not match") + " (similarity " + score + "): paper " +
            quoted(c.words->text) + ", scheme " + quoted(pr.words));
  }

  void claims() {
    for (const AuthorityClaim& c : out.paper.claims) {
      ++out.claims_checked;
      bool wrong = false;
      const Provision* pr = claim_paragraph(c, wrong);
      if (c.version && version) {
        const std::size_t before = out.findings.size();
        claim_version(c);
        wrong = wrong || out.findings[before].status == PaperStatus::wrong;
      }
      if (c.words && pr) claim_words(c, *pr, wrong);
      if (wrong) ++out.claims_wrong;
    }
  }

  // The papers the scheme requires, present or missing.
  void papers() {
    if (!out.verdict) return;
    for (const RequirementStatus& r : out.verdict->requirements) {
      if (r.is_duty) continue;
      const int index = version->find_para(r.para);
      const std::string where = index >= 0 ? location(version->provisions[static_cast<std::size_t>(index)].span) : "";
      const auto section = std::find_if(out.paper.sections.begin(), out.paper.sections.end(), [&](const PaperField& s) { return s.value == r.item; });
      if (r.status == RequirementState::met && section != out.paper.sections.end())
        add(PaperTopic::paper, PaperStatus::present, section->line, where, quoted(r.item) + " (para " + r.para + ")");
      else
        add(PaperTopic::paper, PaperStatus::missing, 0, where, quoted(r.item) + " (para " + r.para + "): the paper has no such section");
    }
  }
};

}  // namespace

PaperCheck check_paper(const Scheme& scheme, const PaperText& text, const std::optional<Date>& date) {
  PaperCheck out;
  out.paper = extract_paper(scheme, text, date);
  out.scheme = scheme.title;
  Checker c{scheme, out};
  if (out.paper.date) c.version = scheme.in_force(*read_date(out.paper.date->value));
  if (c.version) out.version = c.version->label;
  c.verdict();
  c.claims();
  c.papers();
  c.extraction();
  return out;
}

}  // namespace remit
