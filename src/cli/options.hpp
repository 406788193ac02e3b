#pragma once
// The command table and the one option parser of `remit`: each command is a
// row {name, summary, options, run}, and its `--help` (usage line and option
// lines), the list in `remit --help` and the usage errors are all drawn from
// the rows.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace remit::cli {

// Exit codes, as documented in docs/cli.md.
constexpr int exit_ok = 0;        // ok / authorised
constexpr int exit_findings = 1;  // findings in rule files / any outcome but authorised
constexpr int exit_usage = 2;     // bad usage or bad input

// How an option appears in its command's usage line.
enum class Shown {
  required,  // --scheme PATH
  optional,  // [--date YYYY-MM-DD]
  repeated,  // [--fact NAME=VALUE]…
  hidden,    // accepted, listed nowhere
};

// What an option's value names, so that no file a command writes is one it
// reads (operands are always read).
enum class File { none, read, written };

struct Option {
  std::string_view name;              // "--scheme"
  std::string_view value;             // what it takes ("PATH"); empty for a flag
  Shown shown = Shown::optional;
  std::vector<std::string> allowed;   // the values it takes; empty for any
  std::string fallback;               // the value when it is not given (owned: `allowed` is copied with the row)
  std::string_view description;       // its one line in `--help`
  File file = File::none;             // a file read or written, by `reads` and `writes`
  bool may_repeat = false;            // given twice is a usage error unless set (true for Shown::repeated)

  // "--scheme PATH", "--format text|json", "--check": as the usage line and
  // the option lines of `--help` show it.
  std::string spelled() const;
};

Option flag(std::string_view name, std::string_view description, Shown shown = Shown::optional);
Option valued(std::string_view name, std::string_view value, std::string_view description,
              Shown shown = Shown::optional);
// The same option, which may be given more than once (its values are all kept).
Option repeatable(Option option);
// A `--format` taking `formats`, the first of which is the default.
Option format_option(std::vector<std::string> formats, std::string_view description, Shown shown = Shown::optional);
// A `--format` that is accepted and listed nowhere, for a command with only one.
Option hidden_format_option(std::vector<std::string> formats);
// `option`, whose value names a file the command reads, or writes.
Option reads(Option option);
Option writes(Option option);

class Arguments;
struct Command;

struct Operands {
  std::string_view usage;        // "PATH…", "OLD NEW"; empty for none
  std::size_t min = 0, max = 0;  // how many it takes
  std::string_view wrong_count;  // the error when fewer or more are given
};

struct Command {
  std::string_view name;
  std::string_view synopsis;  // in the list of `remit --help`: "eval --scheme PATH DECISION|-"
  std::string_view summary;   // in the same list
  std::vector<Option> options;  // in the order of the usage line
  Operands operands;
  std::string_view details;   // `--help`'s paragraphs between the usage line and the option lines
  std::string_view exits;     // `--help`'s last lines: "exit: 0 …; 1 …; 2 …"
  int (*run)(const Arguments&);

  const Option* find(std::string_view option) const;
  std::string help() const;
};

// What a command was given: the options that were (each with every value
// given, in order), the operands, and whether help was asked for.
class Arguments {
 public:
  const Command& command() const { return *command_; }
  bool help() const { return help_; }
  const std::vector<std::string>& operands() const { return operands_; }

  bool given(std::string_view option) const;
  // The last value given, else the option's fallback, else nullopt.
  std::optional<std::string> value(std::string_view option) const;
  // Every value given, in order.
  std::vector<std::string> values(std::string_view option) const;

  // `--name value` and `--name=value` for options that take a value, flags,
  // `-h`/`--help` and `--verbose`. An option of another command, an unknown
  // option, a missing or unknown value, a value given to a flag and an option
  // given twice that may not repeat are usage errors, reported on stderr
  // (nullopt), and also as one JSON object on stdout when the arguments ask
  // for `--format json`. `commands` is the whole table.
  static std::optional<Arguments> parse(const Command& command, std::span<const Command> commands,
                                        const std::vector<std::string>& args);

  // What a command cannot run with although every argument parsed: too few or
  // too many operands, then the required options not given (all of them);
  // nullopt when it can run. The message of a usage error.
  std::optional<std::string> misuse() const;

 private:
  const Command* command_ = nullptr;
  bool help_ = false;
  std::map<std::string, std::vector<std::string>, std::less<>> given_;
  std::vector<std::string> operands_;
};

// `remit: error: MESSAGE` on stderr, then `help` if there is one.
int usage_error(std::string_view message, std::string_view help = {});
// The same, and with `json` also the error as a `usage` diagnostic in one
// JSON object on stdout, so that a pipeline reading JSON never gets nothing.
int usage_error_json(bool json, std::string_view message, std::string_view help = {});

// Two columns, each line indented two spaces, the right one starting `gap`
// spaces after the widest left: the option lines of `--help`, the command list
// of `remit --help`.
std::string aligned(const std::vector<std::pair<std::string, std::string_view>>& rows, std::size_t gap);

// "`a`", "`a` or `b`", "`a`, `b` or `c`" (with `last` "or"), for messages.
std::string quoted_list(const std::vector<std::string>& items, std::string_view last = "or");

}  // namespace remit::cli
