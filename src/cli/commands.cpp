#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "remit/remit.hpp"
#include "remit/report.hpp"

namespace remit::cli {
namespace {

// What each command says of itself in `--help`: its paragraphs, between the
// usage line and the option lines (both drawn from its options), and its exit
// codes, after them.

constexpr std::string_view check_details = R"(Parses and checks rule files. A PATH is a `.remit` file or a folder searched
for them; the files of one folder are the versions of one scheme, and its
`*_test.remit` files hold examples, whose names and values are checked too.
Findings are printed as `file:line:col: error|warning: message [code]` with the
source line, a caret and a help line, in a stable order.)";

constexpr std::string_view check_exits =
    "exit: 0 clean; 1 errors (or warnings with --deny-warnings); 2 bad usage or unreadable paths";

constexpr std::string_view test_details = R"(Runs every `example` in the rule files below each PATH and compares each
verdict with what the example expects (outcome, deciding paragraphs, lowest
post, requirements). Give a scheme's folder to run its version files and the
`*_test.remit` files beside them; a file given alone runs only its examples.
Each failure is printed as expected against actual, at the example's line;
then `N passed, M failed`. Coverage counts the provisions that some example
makes decisive and the threshold bands (below, at, above) that some reaches.)";

constexpr std::string_view test_exits = R"(exit: 0 all passed; 1 a failure, an example that cannot run, no examples at all,
errors in the rule files, or coverage below the minimum; 2 bad usage or
unreadable paths)";

constexpr std::string_view fmt_details = R"(Lays rule files out in the one canonical layout (docs/language.md, "Layout"):
spacing, keyword case, alignment and line breaks. Names, amounts as written,
strings, comments, blank lines between statements and the order of everything
stay. A PATH is a `.remit` file or a folder searched for them; `-` formats
stdin to stdout. Files are rewritten in place only when they change.)";

constexpr std::string_view fmt_exits = R"(exit: 0 formatted (with --check: nothing to change); 1 a file is not formatted
(with --check) or does not parse; 2 bad usage or unreadable paths)";

constexpr std::string_view eval_details = R"(Evaluates one proposed decision (a JSON object, `-` for stdin):
  {"id": "PCD 785", "kind": "grant.acceptance", "date": "2020-06-01",
   "approver": "DMPC", "facts": {"amount": "£5,600,000"},
   "evidence": ["Financial comments"]}
The version of the scheme in force on `date` is used; with no date, the one in
force today (REMIT_TODAY=YYYY-MM-DD pins today), and the verdict says so.)";

constexpr std::string_view eval_exits =
    "exit: 0 authorised; 1 not_authorised, no_authority or undetermined; 2 bad input";

constexpr std::string_view paper_details = R"(Reads each decision paper (plain text, HTML as saved from a decision page,
or PDF) and extracts, each with the line it came from: the reference, the
date signed (`--date` when the paper gives none), the decision maker, the
kind and amount of what is decided, the sections the scheme requires, and
every claim of authority ("paragraph 4.8 of the … Scheme … provides that …").
Then checks, one finding a line: the verdict as `eval` gives it; whether each
cited paragraph decides it in the version in force on the date; whether the
version named is that one; whether the words match the scheme's. What could
not be read is undetermined, never guessed. A folder stands for the papers
in it. See docs/paper.md.)";

constexpr std::string_view paper_exits =
    "exit: 0 authorised and every claim holds; 1 any other outcome, or a claim is wrong; 2 bad input";

constexpr std::string_view who_details = R"(Who may take a decision of this kind, and the lowest post that can. Facts are
given one `--fact` each: `--fact amount=£600,000 --fact novel=true`.)";

constexpr std::string_view who_exits =
    "exit: 0 when some post may approve; 1 when none may or it depends on missing facts; 2 bad input";

constexpr std::string_view audit_details = R"(Checks every decision of a register against the version of the scheme in
force on its date. REGISTER is CSV (`.csv`, or anything not `.jsonl`) or JSON
Lines (`.jsonl`: one decision object per line, as for `eval`); `-` reads CSV
from stdin. An Excel workbook (`.xlsx`, from a file or stdin) is read as CSV
from its first sheet, or --sheet NAME; its row N is line N.
  CSV: a header row with `id`, `date`, `kind`, `approver`, then one column per
  fact by its name (e.g. `amount`), and optionally `evidence` (items separated
  by `;`). An empty cell is a fact not given.

  Headings match in any case with spaces and punctuation left out
  (`Decision maker` is `decisionmaker`); --map or --columns names the others.
  Columns that are not ours or facts are passed through. Encodings: UTF-8,
  UTF-16 with a byte-order mark, Windows-1252; delimiters: comma, semicolon,
  tab (`.tsv`, `.txt` too). Dates: `2021-03-01`, `2021-03-01 00:00:00`,
  `01/03/2021`, `1/3/21`; a date that reads two ways is invalid unless
  --date-format says, or a day over 12 first (`15/03/2021`) has shown it.

Writes one row per input row: the line, the register's own columns (or those
of --keep), outcome, the deciding paragraphs, version, the lowest post that
may approve, what is missing, and the reason in plain words. Blank lines are
skipped; nothing else is. The summary (counts and money by outcome, by
paragraph and by approver; the rows to look at) goes to stderr, or to FILE.
The outcomes of --fail-on are authorised, not_authorised, no_authority,
undetermined and invalid, `missing` (authorised rows that lack a required
paper), or `none` for no outcome.

Split orders: with --split-key COLUMN,… and --split-window DAYS, authorised
rows of one kind with the same key whose dates lie within DAYS of the latest
are summed; a total none of their approvers could approve is reported in the
summary as a possible split, and the rows name it in a `split_group` column.
The register must then be in date order. See docs/audit.md.)";

constexpr std::string_view audit_exits = R"(exit: 0 audited; 1 a row with a --fail-on outcome; 2 bad usage, a scheme with
errors, or a register that cannot be read (no header, a required column missing))";

constexpr std::string_view analyse_details = R"(Searches every version of each scheme below the PATHs, exactly and for every
decision kind, for decisions that no post may approve (gaps), thresholds that
no provision covers or that two claim (boundaries), an escalation that leaves
a power of a post beside it in place (conflicts), powers that reach past the
limit of a post above them and reserved matters of a post with posts above it
(chains), provisions that never apply (dead) and provisions that are set
aside wherever they apply (shadowed). Each finding names the paragraphs
involved and a witness: a decision, in the JSON form of `remit eval`, that
shows it. `remit check` reports the same findings as warnings.

A finding the scheme keeps on purpose is accepted in its rule file with a
`known` statement and its reason (docs/language.md); `analyse` lists those
too, apart, and does not count them.)";

constexpr std::string_view analyse_exits = R"(exit: 0 no findings but known ones; 1 findings; 2 bad usage, unreadable paths
or rule files with errors)";

constexpr std::string_view matrix_details = R"(The authority matrix of one version of a scheme: for each decision kind and
value band, the lowest post that may approve, who else may, the paragraphs
that say so, and the exceptions on other facts ("when novel: DMPC"). Bands
are drawn from the rules' own thresholds, with their ends as the rules have
them ("up to £500,000", "over £500,000").)";

constexpr std::string_view matrix_exits = "exit: 0 written; 2 bad usage, or a scheme with errors";

constexpr std::string_view diff_details = R"(What changed between two versions of a scheme, each given as PATH[@VERSION]
(a rule file, or a folder and a version label; without @VERSION, the version
in force today, or the newest): the paragraphs whose meaning changed, those
added and removed, and every region of decisions (kind, value band, other
facts) whose answer changed — the lowest post that may approve and the
paragraphs that say so, before and after, and the papers and duties added or
dropped.)";

constexpr std::string_view diff_exits = R"(exit: 0 no change in any answer; 1 answers changed; 2 bad usage, or a scheme
with errors)";

constexpr std::string_view show_details = R"(Prints one paragraph in every version of the scheme at SCHEME (a rule file or
a folder of versions): its words, the provision as written in the rule file,
the paragraphs that override it or that it overrides, the `known` statements
that name it, the examples whose verdicts it decides, and how it changed from
the version before. A paragraph in no version is an error naming the nearest.)";

constexpr std::string_view show_exits = "exit: 0 shown; 2 bad usage, a scheme with errors, or no such paragraph";

constexpr std::string_view serve_details = R"(Serves every scheme below the PATHs (a scheme is named by its folder, e.g.
`mopac`) over HTTP/1.1: an API under /v1 (eval, who, audit, schemes,
versions, matrix, paragraphs; errors as RFC 9457 problem details; described
at /v1/openapi.json) and a page at / for people. With --log, every answer to
eval, who, audit and the page's form is committed to FILE (SQLite) before it
is sent, chained by SHA-256. With --tls-cert and --tls-key it speaks TLS
only (1.2 at least). Listens on loopback unless told otherwise; any other
address needs TLS or --token-file. `--listen 127.0.0.1:0` picks a free port
and prints it. SIGTERM finishes the requests in hand and closes the log,
printing its last entry; SIGHUP, or a change to the rule files, reloads the
schemes (one with errors keeps the version served before). See
docs/serve.md.)";

constexpr std::string_view serve_exits = "exit: 0 stopped by SIGTERM or SIGINT; 2 bad usage, a scheme with errors, or a log that does not verify";

constexpr std::string_view log_details = R"(`verify` recomputes every entry's SHA-256 from its fields and the hash of
the entry before, and names the first entry that does not verify; it prints
the last entry's number and hash, to keep elsewhere (a deleted tail cannot
show in the chain itself). `export` writes every entry as CSV or JSON Lines.)";

constexpr std::string_view log_exits = "exit: 0 verified or exported; 1 an entry does not verify; 2 bad usage or not a decision log";

// The option several commands share.
const Option scheme_option =
    reads(valued("--scheme", "PATH", "a rule file, or a folder holding one file per version", Shown::required));
const Operands no_operands{};

Option listen_option() {
  Option o = valued("--listen", "HOST:PORT", "the address to listen on (default 127.0.0.1:8080; port 0: any free one)");
  o.fallback = "127.0.0.1:8080";
  return o;
}
constexpr std::size_t any_number = SIZE_MAX;

// Adding a command is adding a row.
const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"check", "check PATH…", "parse and check rule files (a file, or folders of them)",
       {format_option({"text", "json", "sarif", "github"},
                      "findings as text, JSON, a SARIF 2.1.0 log or GitHub workflow annotations"),
        flag("--deny-warnings", "exit 1 on warnings too")},
       {"PATH…", 1, any_number, "`check` needs at least one PATH"}, check_details, check_exits, command_check},
      {"test", "test PATH…", "run the examples written in rule files and test files",
       {format_option({"text", "github"}, "failures and coverage gaps as text or as GitHub workflow annotations"),
        writes(valued("--junit", "FILE", "also write the results as JUnit XML to FILE")),
        flag("--coverage", "list the provisions and threshold bands that no example covers"),
        valued("--min-coverage", "PERCENT", "fail when coverage is below PERCENT (implies --coverage)")},
       {"PATH…", 1, any_number, "`test` needs at least one PATH"}, test_details, test_exits, command_test},
      {"fmt", "fmt [--check] PATH…", "lay rule files out in the one canonical way",
       {hidden_format_option({"text"}), flag("--check", "write nothing: print a unified diff of what would change")},
       {"PATH…|-", 1, any_number, "`fmt` needs at least one PATH, or `-` for stdin"}, fmt_details, fmt_exits,
       command_fmt},
      {"eval", "eval --scheme PATH DECISION|-", "may this post take this decision?",
       {scheme_option, format_option({"text", "json"}, "the verdict as text or as one JSON object"),
        flag("--explain", "show every provision considered and why it did or did not apply")},
       {"DECISION.json|-", 1, 1, "`eval` takes one decision file, or `-` for stdin"}, eval_details, eval_exits,
       command_eval},
      {"who", "who --scheme PATH --kind K", "who may take a decision of kind K?",
       {scheme_option, valued("--kind", "KIND", "the kind of decision", Shown::required),
        valued("--date", "YYYY-MM-DD", "the date of the decision, which picks the version in force (default: today)"),
        valued("--fact", "NAME=VALUE", "a fact of the decision (repeatable)", Shown::repeated),
        valued("--approver", "POST[+POST…]", "also say whether POST may, or posts signing together (`FD+NED`)"),
        format_option({"text", "json"}, "the answer as text or as one JSON object"),
        flag("--explain", "show every provision considered")},
       no_operands, who_details, who_exits, command_who},
      {"audit", "audit --scheme PATH REGISTER", "check every row of a register of decisions",
       {scheme_option, format_option({"csv", "jsonl", "text", "xlsx"}, "output rows as CSV (the default), JSON Lines, text or an .xlsx workbook"),
        writes(valued("--output", "FILE", "write the rows to FILE instead of stdout")),
        writes(valued("--summary", "FILE", "write the summary to FILE instead of stderr")),
        repeatable(valued("--fail-on", "OUTCOME,…", "exit 1 if any row has one of these outcomes, or `missing` (default: invalid)")),
        Option{"--encoding", {}, Shown::optional, {"utf-8", "utf-16le", "utf-16be", "windows-1252"}, {},
               "the register's encoding (default: from its byte-order mark or first 64 KiB)"},
        Option{"--delimiter", {}, Shown::optional, {"comma", "semicolon", "tab"}, {}, "the register's delimiter (default: from its header)"},
        Option{"--date-format", {}, Shown::optional, {"dmy", "mdy", "iso"}, {},
               "how the register writes dates that read two ways (`01/02/2020`)"},
        valued("--map", "HEADING=COLUMN", "read the register's HEADING as our COLUMN or fact (repeatable)", Shown::repeated),
        reads(valued("--columns", "FILE", "read `HEADING = COLUMN` mappings, one a line, from FILE")),
        repeatable(valued("--keep", "HEADING,…", "pass only these columns of the register through to the output")),
        valued("--assume", "FACT=VALUE", "take VALUE for FACT where a row leaves it empty (repeatable)", Shown::repeated),
        valued("--sheet", "NAME", "the sheet of an .xlsx register to audit (default: the first)"),
        // split orders (issue 13 item 5)
        repeatable(valued("--split-key", "COLUMN,…", "look for split orders among rows with the same COLUMNs (a supplier)")),
        valued("--split-window", "DAYS", "with --split-key: sum the rows within DAYS of each other")},
       {"REGISTER|-", 1, 1, "`audit` takes one register file, or `-` for stdin"}, audit_details, audit_exits,
       command_audit},
      {"analyse", "analyse PATH…", "gaps, overlaps, shadowed provisions and broken chains, with witnesses",
       {format_option({"text", "json"}, "the findings as text or as one JSON object")},
       {"PATH…", 1, any_number, "`analyse` needs at least one PATH"}, analyse_details, analyse_exits,
       command_analyse},
      {"matrix", "matrix --scheme PATH", "the authority matrix: who may approve what, band by band",
       {scheme_option,
        valued("--version", "V", "the version to tabulate (default: the one in force today, else the newest)"),
        format_option({"md", "html", "csv"}, "a Markdown table (the default), a page of HTML or CSV (RFC 4180)")},
       no_operands, matrix_details, matrix_exits, command_matrix},
      {"show", "show SCHEME PARA", "one paragraph in every version: its words, rule, citations and changes",
       {format_option({"text", "json"}, "the paragraph as text or as one JSON object")},
       {"SCHEME PARA", 2, 2, "`show` takes a scheme (a rule file or a folder) and a paragraph reference"}, show_details, show_exits,
       command_show},
      {"serve", "serve --scheme PATH…", "serve the schemes over HTTP: an API, a page, a decision log",
       {repeatable(scheme_option), listen_option(),
        writes(valued("--log", "FILE", "log every answer to FILE (SQLite, created if need be)")),
        reads(valued("--token-file", "FILE", "require `Authorization: Bearer` with the token in FILE (it or TLS needed off loopback)")),
        reads(valued("--tls-cert", "FILE", "speak TLS only (1.2 at least) with the PEM certificate chain in FILE; needs --tls-key")),
        reads(valued("--tls-key", "FILE", "the PEM private key of --tls-cert")),
        valued("--timeout", "SECONDS", "drop a client that takes longer to send a request, or sits idle longer (default 10)")},
       no_operands, serve_details, serve_exits, command_serve},
      {"log", "log verify|export FILE", "verify or export a decision log of `remit serve`",
       {format_option({"csv", "jsonl"}, "`export` writes CSV (RFC 4180) or JSON Lines")},
       {"verify|export FILE", 2, 2, "`log` takes an action (`verify` or `export`) and a log file"}, log_details, log_exits, command_log},
      // issue 16
      {"paper", "paper --scheme PATH PAPER…", "read decision papers and check the authority they claim",
       {scheme_option,
        valued("--date", "YYYY-MM-DD", "the date signed, for a paper that gives none"),
        format_option({"text", "json", "md", "csv"},
                      "the findings as text (one a line), JSON, Markdown, or one CSV row a paper")},
       {"PAPER…", 1, any_number, "`paper` needs at least one paper (a `.txt`, `.html` or `.pdf` file) or a folder of them"},
       paper_details, paper_exits, command_paper},
      {"diff", "diff OLD NEW", "what changed between two versions (PATH[@VERSION] each)",
       {format_option({"text", "json", "md"}, "the changes as text, one JSON object, or Markdown for a board paper")},
       {"OLD NEW", 2, 2, "`diff` takes two versions, OLD and NEW, each PATH[@VERSION]"}, diff_details, diff_exits,
       command_diff},
  };
  return table;
}

std::string main_help() {
  std::vector<std::pair<std::string, std::string_view>> list;
  for (const Command& c : commands()) list.emplace_back(c.synopsis, c.summary);
  return fmt::format(R"(remit — check who may take a decision under a scheme of delegation

usage: remit <command> [options]

commands:
{}
options for every command:
  --format text|json   output format (default text)
  --verbose            log what is loaded, and how long it took, on stderr
  -h, --help           help for a command
  --version            print remit's version

exit codes: 0 ok / authorised; 1 findings in rule files, or an outcome other
than authorised; 2 bad usage or bad input.
Run `remit <command> --help` for each command's options. See docs/cli.md.
)",
                     aligned(list, 4));
}

// A file the command would write that it also reads (an operand, a file
// below an operand's folder, `--scheme`'s files; standard input for `-`),
// whatever the names, links and hard links, or that it would read next time
// (a `.remit` file, a file in a scheme folder read): the message refusing it.
std::optional<std::string> overwritten_input(const Arguments& a) {
  std::vector<std::pair<std::string_view, std::string>> outputs;
  std::vector<std::filesystem::path> named(a.operands().begin(), a.operands().end());
  for (const Option& o : a.command().options)
    for (const std::string& value : a.values(o.name)) {
      if (o.file == File::written) outputs.emplace_back(o.name, value);
      if (o.file == File::read) named.push_back(value);
    }
  if (outputs.empty()) return std::nullopt;
  for (std::filesystem::path& path : named)
    if (path == "-") path = "/dev/stdin";
  std::vector<Diagnostic> unreadable;  // the command itself reports these
  const std::vector<std::filesystem::path> inputs = find_rule_files(named, unreadable);
  for (const auto& [option, output] : outputs)
    for (const std::filesystem::path& input : inputs)
      if (same_file(output, input))
        return fmt::format("`{} {}` would overwrite {}, which `{}` reads; write it to another file", option, output,
                           input == "/dev/stdin" ? "standard input" : fmt::format("`{}`", input.generic_string()),
                           a.command().name);
  // A file that does not exist yet can still become an input: a rule file
  // anywhere, or any file in the folder of a rule file read (a scheme folder).
  auto folder_of = [](const std::filesystem::path& path) { return path.has_parent_path() ? path.parent_path() : "."; };
  for (const auto& [option, output] : outputs) {
    if (std::filesystem::path(output).extension() == ".remit")
      return fmt::format("`{} {}` would write a rule file (`.remit`), which `{}` would read as a version of a scheme; "
                         "name it otherwise",
                         option, output, a.command().name);
    for (const std::filesystem::path& input : inputs)
      if (input.extension() == ".remit" && same_file(folder_of(output), folder_of(input)))
        return fmt::format("`{} {}` would write into `{}`, a scheme folder that `{}` reads; write it to another folder", option,
                           output, folder_of(input).generic_string(), a.command().name);
  }
  return std::nullopt;
}

// Usage errors come before any work: first those of the parser, then the
// operands and the options the command cannot go without, then an output
// that would overwrite an input.
int run_command(const Command& command, const std::vector<std::string>& args) {
  const auto arguments = Arguments::parse(command, commands(), args);
  if (!arguments) return exit_usage;
  if (arguments->help()) return out(command.help()), exit_ok;
  if (const auto misuse = arguments->misuse()) return usage_error_json(wants_json(*arguments), *misuse, command.help());
  if (const auto clash = overwritten_input(*arguments)) return usage_error_json(wants_json(*arguments), *clash);
  // Every command reads "today" through the one `today()`: a bad pin is refused before any work.
  if (std::string problem; !today(&problem)) return usage_error_json(wants_json(*arguments), problem);
  return command.run(*arguments);
}

}  // namespace

bool wants_json(const Arguments& a) { return a.value("--format") == "json"; }

bool has_io_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.code == Code::io; });
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool json) {
  err(diagnostics_text(diagnostics));
  if (json) out(diagnostics_json(diagnostics, 0));
}

std::shared_ptr<const Scheme> load_scheme_or_report(const std::string& path, bool json) {
  LoadResult loaded = load_scheme(path);
  if (!loaded.scheme) {
    print_diagnostics(loaded.diagnostics, json);
    if (!has_io_error(loaded.diagnostics))
      err(fmt::format("remit: error: the scheme at `{0}` has errors; run `remit check {0}`\n", path));
  }
  return loaded.scheme;
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("no command given", main_help());
  const std::string& name = args[0];
  if (name == "--version" || name == "version") return out(fmt::format("remit {}\n", version_string())), exit_ok;
  if (name == "-h" || name == "--help" || name == "help") return out(main_help()), exit_ok;
  for (const Command& command : commands())
    if (command.name == name) return run_command(command, std::vector<std::string>(args.begin() + 1, args.end()));
  return usage_error(fmt::format("unknown command `{}`", name), main_help());
}

}  // namespace remit::cli
