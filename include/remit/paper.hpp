#pragma once
// `remit paper` (issue 16): read a decision paper, extract the decision it
// asks for and the authority it claims, and check both against a scheme.
//
// Every extracted field keeps the span of paper text it came from; nothing
// is guessed: a field the paper does not state is absent, and a finding that
// needs it is `undetermined`, naming it.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "remit/date.hpp"
#include "remit/diagnostic.hpp"
#include "remit/remit.hpp"

namespace remit {

// One field read from the paper: what it says there, what it means, and where.
struct PaperField {
  std::string text;   // the words as the paper writes them ("Deputy Mayor for Policing and Crime")
  std::string value;  // what they resolve to ("DMPC", "grant.acceptance", "£5,600,000", "2020-06-01")
  Span span;          // where in the text read (null source: given on the command line)
  std::size_t line = 0, column = 0;  // in the paper as written (0: given on the command line)
};

// A claim of authority: "paragraph 4.8 of the MOPAC Scheme of Delegation and
// Consent (October 2016) provides that …".
struct AuthorityClaim {
  std::string para;                   // "4.8" as the paper writes it
  Span span;                          // the paragraph's number in the text read
  std::size_t line = 0;               // in the paper as written
  std::optional<PaperField> version;  // "(October 2016)" → text "October 2016"
  std::optional<PaperField> words;    // what the paper says the paragraph says
};

// A paper as text: plain text as it is; HTML with its tags stripped, each
// block on a line of its own; PDF as poppler lays it out. `line_map` gives,
// for each line of `text` (from 1), the line of the file it came from
// (HTML); empty when they are the same.
struct PaperText {
  SourcePtr text;
  std::vector<std::size_t> line_map;
};

struct Paper {
  SourcePtr source;  // the paper as text (HTML and PDF already turned into text)
  std::vector<std::size_t> line_map;         // as in PaperText
  std::optional<PaperField> reference;       // "PCD 785"
  std::optional<PaperField> date;            // the date signed, or --date
  std::optional<PaperField> decision_maker;  // a post id
  std::optional<PaperField> kind;            // a decision kind
  std::optional<PaperField> amount;          // money, formatted
  std::vector<PaperField> sections;          // requirement items the paper has a section for
  std::vector<AuthorityClaim> claims;
  std::vector<std::string> unknown_facts;    // facts the scheme declares that the paper does not state
  std::vector<std::string> notes;            // why a field could not be read (e.g. two kinds match)
};

// What a finding says.
enum class PaperStatus { holds, wrong, undetermined, present, missing };
std::string_view paper_status_name(PaperStatus s);

// Which part of the check a finding belongs to; the summary of a batch
// counts wrong claims by this.
enum class PaperTopic { verdict, paragraph, version, words, paper, extraction };
std::string_view paper_topic_name(PaperTopic t);

struct PaperFinding {
  PaperTopic topic = PaperTopic::verdict;
  PaperStatus status = PaperStatus::undetermined;
  std::size_t paper_line = 0;  // 0: the paper as a whole
  std::string scheme_location; // file:line:col in the rules, or empty
  std::string message;
};

struct PaperCheck {
  Paper paper;
  std::string scheme;
  std::string version;                 // label of the version in force on the date, or empty
  std::optional<Verdict> verdict;      // absent when the kind, the decision maker or the date is unknown
  Outcome outcome = Outcome::undetermined;
  std::vector<PaperFinding> findings;
  std::size_t claims_checked = 0;
  std::size_t claims_wrong = 0;
};

// Turns a paper into text: plain text as it is; HTML (`.html`, `.htm`, or a
// text that starts with `<`) with its tags stripped and entities decoded,
// keeping every line on its line; PDF (`%PDF-`) through poppler, page by
// page. nullopt with a diagnostic when the file cannot be read or converted.
std::optional<PaperText> read_paper_source(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics);
// The same for HTML already in memory.
PaperText html_to_text(const SourcePtr& html);

// Extracts the paper's fields against the scheme. `date` (from `--date`)
// stands in when the paper gives no date signed.
Paper extract_paper(const Scheme& scheme, const PaperText& text, const std::optional<Date>& date);

// Extracts and checks: the verdict, each claim's paragraph, version and
// words, the required papers, and what could not be extracted.
PaperCheck check_paper(const Scheme& scheme, const PaperText& text, const std::optional<Date>& date);

// The words a paper attributes to a paragraph against the scheme's words:
// the longest common subsequence of their normalised words (lower case,
// punctuation and parentheses dropped, post titles and aliases read as the
// post's id), as 2·LCS / (words in one + words in the other), 0 to 1.
double words_similarity(const Version& version, const std::string& paper_words, const std::string& scheme_words);
constexpr double words_match_threshold = 0.9;

// Writers: one paper's findings as text (one finding a line), one JSON
// object, or Markdown; a batch as CSV rows (with the header) and a summary.
std::string paper_text(const PaperCheck& c);
std::string paper_json(const PaperCheck& c);
std::string paper_markdown(const PaperCheck& c);
std::string paper_csv_header();
std::string paper_csv_row(const PaperCheck& c);
std::string paper_summary(const std::vector<PaperCheck>& checks);

}  // namespace remit
