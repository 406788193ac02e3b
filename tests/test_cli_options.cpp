// The option parser of `remit` (src/cli/options.hpp), driven with a table of
// its own so that these tests do not move when a command's options do.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"

using remit::cli::Arguments;
using remit::cli::Command;
using remit::cli::flag;
using remit::cli::format_option;
using remit::cli::Operands;
using remit::cli::Shown;
using remit::cli::valued;

namespace {

int run_nothing(const Arguments&) { return 0; }

constexpr std::size_t any_number = SIZE_MAX;

const std::vector<Command>& table() {
  static const std::vector<Command> commands{
      {"lint", "lint PATH…", "look at files",
       {format_option({"text", "json"}, "as text or JSON"), flag("--strict", "fail on warnings too")},
       {"PATH…", 1, any_number, "`lint` needs at least one PATH"}, "Looks at files.", "exit: 0 clean", run_nothing},
      {"ask", "ask --scheme PATH --kind K", "ask a question",
       {valued("--scheme", "PATH", "where the rules are", Shown::required),
        valued("--kind", "KIND", "what is asked", Shown::required),
        valued("--fact", "NAME=VALUE", "a fact (repeatable)", Shown::repeated), valued("--date", "YYYY-MM-DD", "when")},
       {}, "Asks.", "exit: 0 answered", run_nothing},
      {"compare", "compare OLD NEW", "compare two things",
       {flag("--strict", "fail on any change")},
       {"OLD NEW", 2, 2, "`compare` takes two things, OLD and NEW"}, "Compares.", "exit: 0 same", run_nothing},
  };
  return commands;
}

const Command& command(std::string_view name) {
  for (const Command& c : table())
    if (c.name == name) return c;
  FAIL("no command " << name);
  return table().front();
}

// What the parser wrote on stderr while it read `args` for `name`, and what
// it read.
struct Parsed {
  std::optional<Arguments> arguments;
  std::string errors;
};

Parsed parse(std::string_view name, const std::vector<std::string>& args) {
  std::FILE* captured = std::tmpfile();
  REQUIRE(captured);
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  ::dup2(::fileno(captured), STDERR_FILENO);
  Parsed parsed{Arguments::parse(command(name), table(), args), {}};
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::rewind(captured);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, captured)) > 0;) parsed.errors.append(buffer, n);
  std::fclose(captured);
  return parsed;
}

// The first line of what was written: the message, without the help after it.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("options: what is given is read, in both spellings") {
  const Parsed p = parse("ask", {"--scheme", "rules/a", "--kind=grant", "--date", "2020-01-01"});
  REQUIRE(p.arguments);
  CHECK(p.errors.empty());
  CHECK(p.arguments->value("--scheme") == "rules/a");
  CHECK(p.arguments->value("--kind") == "grant");
  CHECK(p.arguments->given("--date"));
  CHECK_FALSE(p.arguments->given("--fact"));
  CHECK(p.arguments->value("--fact") == std::nullopt);
  CHECK(p.arguments->misuse() == std::nullopt);
}

TEST_CASE("options: a value not given is the option's fallback") {
  const Parsed p = parse("lint", {"a.remit"});
  REQUIRE(p.arguments);
  CHECK_FALSE(p.arguments->given("--format"));
  CHECK(p.arguments->value("--format") == "text");
  CHECK_FALSE(p.arguments->given("--strict"));
}

TEST_CASE("options: an option given twice is a usage error unless it may repeat") {
  for (const auto& args : {std::vector<std::string>{"--scheme", "a", "--kind", "x", "--kind", "y"},
                           std::vector<std::string>{"--scheme", "a", "--kind", "x", "--kind=x"}}) {
    const Parsed p = parse("ask", args);
    CHECK_FALSE(p.arguments);
    CHECK(first_line(p.errors) == "remit: error: `--kind` is given twice; give it once");
  }
  const Parsed flags = parse("lint", {"--strict", "--strict", "a.remit"});
  CHECK_FALSE(flags.arguments);
  CHECK(first_line(flags.errors) == "remit: error: `--strict` is given twice; give it once");
  const Parsed facts = parse("ask", {"--scheme", "a", "--kind", "x", "--fact", "a=1", "--fact", "b=2"});
  REQUIRE(facts.arguments);
  CHECK(facts.arguments->values("--fact") == std::vector<std::string>{"a=1", "b=2"});
}

TEST_CASE("options: an unknown option is a usage error, with the command's help") {
  const Parsed p = parse("lint", {"--nope", "a.remit"});
  CHECK_FALSE(p.arguments);
  CHECK(first_line(p.errors) == "remit: error: unknown option `--nope`");
  CHECK(p.errors.find("\nusage: remit lint [--format text|json] [--strict] PATH…\n") != std::string::npos);
}

TEST_CASE("options: an option without its value is a usage error") {
  const Parsed p = parse("ask", {"--kind", "grant", "--scheme"});
  CHECK_FALSE(p.arguments);
  CHECK(first_line(p.errors) == "remit: error: `--scheme` needs a value");
}

TEST_CASE("options: a flag given a value is a usage error") {
  const Parsed p = parse("lint", {"--strict=no", "a.remit"});
  CHECK_FALSE(p.arguments);
  CHECK(first_line(p.errors) == "remit: error: `--strict` takes no value");
}

TEST_CASE("options: a value outside those allowed names them") {
  const Parsed p = parse("lint", {"--format", "xml", "a.remit"});
  CHECK_FALSE(p.arguments);
  CHECK(p.errors == "remit: error: unknown format `xml`: use `text` or `json`\n");
}

TEST_CASE("options: an option of other commands is refused, naming them") {
  SECTION("one command") {
    const Parsed p = parse("lint", {"--scheme", "rules/a", "a.remit"});
    CHECK_FALSE(p.arguments);
    CHECK(first_line(p.errors) == "remit: error: `--scheme` belongs to `ask`, not to `lint`");
  }
  SECTION("two, and `=` does not hide the name") {
    const Parsed p = parse("ask", {"--strict=yes"});
    CHECK_FALSE(p.arguments);
    CHECK(first_line(p.errors) == "remit: error: `--strict` belongs to `lint` and `compare`, not to `ask`");
  }
}

TEST_CASE("options: a repeated option keeps every value in order; the last one is its value") {
  const Parsed p = parse("ask", {"--scheme", "a", "--kind", "k", "--fact", "amount=1", "--fact=novel=true",
                                 "--date", "2020-01-01", "--date", "2021-01-01"});
  REQUIRE(p.arguments);
  CHECK(p.arguments->values("--fact") == std::vector<std::string>{"amount=1", "novel=true"});
  CHECK(p.arguments->value("--fact") == "novel=true");
  CHECK(p.arguments->values("--date") == std::vector<std::string>{"2020-01-01", "2021-01-01"});
  CHECK(p.arguments->value("--date") == "2021-01-01");
}

TEST_CASE("options: the required options not given are all named") {
  SECTION("two") {
    const Parsed p = parse("ask", {});
    REQUIRE(p.arguments);
    CHECK(p.arguments->misuse() == "`--scheme PATH` and `--kind KIND` are required");
  }
  SECTION("one") {
    const Parsed p = parse("ask", {"--kind", "grant"});
    REQUIRE(p.arguments);
    CHECK(p.arguments->misuse() == "`--scheme PATH` is required");
  }
}

TEST_CASE("options: too few or too many operands") {
  SECTION("none where one or more are needed") {
    const Parsed p = parse("lint", {"--strict"});
    REQUIRE(p.arguments);
    CHECK(p.arguments->misuse() == "`lint` needs at least one PATH");
  }
  SECTION("any number of them") {
    const Parsed p = parse("lint", {"a", "b", "c"});
    REQUIRE(p.arguments);
    CHECK(p.arguments->operands() == std::vector<std::string>{"a", "b", "c"});
    CHECK(p.arguments->misuse() == std::nullopt);
  }
  SECTION("one where two are needed, and three") {
    CHECK(parse("compare", {"old"}).arguments->misuse() == "`compare` takes two things, OLD and NEW");
    CHECK(parse("compare", {"a", "b", "c"}).arguments->misuse() == "`compare` takes two things, OLD and NEW");
    CHECK(parse("compare", {"a", "b"}).arguments->misuse() == std::nullopt);
  }
  SECTION("one where none are taken, before the required options") {
    const Parsed p = parse("ask", {"stray"});
    REQUIRE(p.arguments);
    CHECK(p.arguments->misuse() == "unexpected argument `stray`");
  }
  SECTION("`-` is an operand") {
    const Parsed p = parse("lint", {"-"});
    REQUIRE(p.arguments);
    CHECK(p.arguments->operands() == std::vector<std::string>{"-"});
  }
}

TEST_CASE("options: help is asked for wherever -h or --help is") {
  const Parsed p = parse("ask", {"stray", "--help"});
  REQUIRE(p.arguments);
  CHECK(p.arguments->help());
  CHECK(parse("lint", {"-h"}).arguments->help());
}

TEST_CASE("options: --help is drawn from the row") {
  CHECK(command("ask").help() ==
        "usage: remit ask --scheme PATH --kind KIND [--fact NAME=VALUE]… [--date YYYY-MM-DD]\n"
        "\n"
        "Asks.\n"
        "\n"
        "  --scheme PATH       where the rules are\n"
        "  --kind KIND         what is asked\n"
        "  --fact NAME=VALUE   a fact (repeatable)\n"
        "  --date YYYY-MM-DD   when\n"
        "exit: 0 answered\n");
}
