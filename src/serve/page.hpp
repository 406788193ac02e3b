#pragma once
// The page at `/` (docs/serve.md, "The page"): HTML written on the server,
// every text through the one escaper, `report::escape_xml`, with one small
// script served as a file.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog.hpp"
#include "remit/remit.hpp"

namespace remit::serve {

// `a=1&b=x+y%21` (a query or a form body), in order, decoded; a name may repeat.
struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string get(std::string_view name) const;  // the first value, or ""
  std::vector<std::string> all(std::string_view name) const;
};
std::string percent_decode(std::string_view text, bool plus_is_space);
Form parse_form(std::string_view text);

// The facts a decision of `kind` can turn on: those its provisions' conditions name.
std::vector<int> facts_of_kind(const Version& v, int kind);

// The decision a submitted form describes, in the JSON of `remit eval`
// (an unticked flag is false); read by `read_decision`.
std::string decision_json(const Version& v, const Form& form);

// What a page shows besides its main part.
struct PageContext {
  const Catalog* catalog = nullptr;
  std::string csrf;  // the form's token
};

// The form: scheme, date, kind (GET), then the facts, signatories and evidence (POST /verdict).
std::string form_page(const PageContext& c, const Form& query);
// The verdict, printable, with what produced it; or the decision's problems.
struct VerdictRecord {
  std::string content_hash, time;
  std::optional<long long> entry;  // the log entry, when logging
};
std::string verdict_page(const PageContext& c, const ServedScheme& s, const Form& form, const Verdict& v, const VerdictRecord& r);
std::string problem_page(const PageContext& c, std::string_view title, std::string_view detail, const std::vector<Diagnostic>& ds);
// Who may approve, the matrix of a version, a paragraph across versions.
std::string who_page(const PageContext& c, const ServedScheme& s, const Form& query, const Verdict* v);
std::string matrix_page(const PageContext& c, const ServedScheme& s, const Version& v);
std::string paragraph_page(const PageContext& c, const ServedScheme& s, std::string_view para, const std::string& shown);

// The files the page loads.
extern const std::string_view page_script;
extern const std::string_view page_style;

}  // namespace remit::serve
