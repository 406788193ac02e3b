#include "options.hpp"

#include <fmt/format.h>

#include <spdlog/spdlog.h>

#include <algorithm>

#include "output.hpp"

#include "remit/diagnostic.hpp"
#include "remit/report.hpp"

namespace remit::cli {

Option flag(std::string_view name, std::string_view description, Shown shown) {
  return Option{name, {}, shown, {}, {}, description, File::none, shown == Shown::repeated};
}

Option valued(std::string_view name, std::string_view value, std::string_view description, Shown shown) {
  return Option{name, value, shown, {}, {}, description, File::none, shown == Shown::repeated};
}

Option repeatable(Option option) {
  option.may_repeat = true;
  return option;
}

Option format_option(std::vector<std::string> formats, std::string_view description, Shown shown) {
  Option format{"--format", {}, shown, std::move(formats), {}, description};
  format.fallback = format.allowed.front();
  return format;
}

Option hidden_format_option(std::vector<std::string> formats) { return format_option(std::move(formats), {}, Shown::hidden); }

Option reads(Option option) {
  option.file = File::read;
  return option;
}

Option writes(Option option) {
  option.file = File::written;
  return option;
}

std::string Option::spelled() const {
  if (!value.empty()) return fmt::format("{} {}", name, value);
  if (!allowed.empty()) return fmt::format("{} {}", name, fmt::join(allowed, "|"));
  return std::string(name);
}

namespace {

// Characters, not bytes, so that `…` lines up.
std::size_t width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string aligned(const std::vector<std::pair<std::string, std::string_view>>& rows, std::size_t gap) {
  std::size_t column = 0;
  for (const auto& row : rows) column = std::max(column, width(row.first));
  std::string lines;
  for (const auto& [left, right] : rows)
    lines += fmt::format("  {}{}{}\n", left, std::string(column + gap - width(left), ' '), right);
  return lines;
}

const Option* Command::find(std::string_view option) const {
  const auto it = std::find_if(options.begin(), options.end(), [&](const Option& o) { return o.name == option; });
  return it == options.end() ? nullptr : &*it;
}

std::string Command::help() const {
  std::string usage = fmt::format("usage: remit {}", name);
  std::vector<std::pair<std::string, std::string_view>> option_lines;
  for (const Option& o : options) {
    if (o.shown == Shown::hidden) continue;
    usage += o.shown == Shown::required ? fmt::format(" {}", o.spelled())
                                        : fmt::format(" [{}]{}", o.spelled(), o.shown == Shown::repeated ? "…" : "");
    option_lines.emplace_back(o.spelled(), o.description);
  }
  if (!operands.usage.empty()) usage += fmt::format(" {}", operands.usage);
  return fmt::format("{}\n\n{}\n\n{}{}\n", usage, details, aligned(option_lines, 3), exits);
}

bool Arguments::given(std::string_view option) const { return given_.find(option) != given_.end(); }

std::optional<std::string> Arguments::value(std::string_view option) const {
  if (const auto it = given_.find(option); it != given_.end() && !it->second.empty()) return it->second.back();
  if (const Option* o = command_->find(option); o && !o->fallback.empty()) return std::string(o->fallback);
  return std::nullopt;
}

std::vector<std::string> Arguments::values(std::string_view option) const {
  const auto it = given_.find(option);
  return it == given_.end() ? std::vector<std::string>{} : it->second;
}

namespace {

// Whether the arguments ask for `--format json` of a command that has it, so
// that even a usage error is written as JSON.
bool asks_for_json(const Command& command, const std::vector<std::string>& args) {
  const Option* format = command.find("--format");
  if (!format || std::find(format->allowed.begin(), format->allowed.end(), "json") == format->allowed.end()) return false;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i] == "--format=json" || (args[i] == "--format" && i + 1 < args.size() && args[i + 1] == "json")) return true;
  return false;
}

}  // namespace

std::optional<Arguments> Arguments::parse(const Command& command, std::span<const Command> commands,
                                          const std::vector<std::string>& args) {
  Arguments out;
  out.command_ = &command;
  const bool json = asks_for_json(command, args);
  auto usage_error = [json](std::string_view message, std::string_view help = {}) { return usage_error_json(json, message, help); };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inline_value;
    if (name.rfind("--", 0) == 0)
      if (const auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
    if (name == "-h" || name == "--help") {
      out.help_ = true;
      continue;
    }
    if (name == "--verbose") {
      if (auto log = spdlog::get("remit")) log->set_level(spdlog::level::info);
      continue;
    }
    if (name.size() < 2 || name[0] != '-') {
      out.operands_.push_back(args[i]);
      continue;
    }
    const Option* option = command.find(name);
    if (!option) {
      // Options that belong to other commands are refused, not ignored.
      std::vector<std::string> owners;
      for (const Command& other : commands)
        if (other.find(name)) owners.push_back(std::string(other.name));
      if (owners.empty()) {
        usage_error(fmt::format("unknown option `{}`", args[i]), command.help());
      } else {
        usage_error(fmt::format("`{}` belongs to {}, not to `{}`", name, quoted_list(owners, "and"), command.name), command.help());
      }
      return std::nullopt;
    }
    if (!option->may_repeat && out.given(name)) {
      usage_error(fmt::format("`{}` is given twice; give it once", name), command.help());
      return std::nullopt;
    }
    std::vector<std::string>& values = out.given_[name];
    if (option->value.empty() && option->allowed.empty()) {  // a flag
      if (!inline_value) continue;
      usage_error(fmt::format("`{}` takes no value", name), command.help());
      return std::nullopt;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        usage_error(fmt::format("`{}` needs a value", name), command.help());
        return std::nullopt;
      }
      inline_value = args[++i];
    }
    const auto& allowed = option->allowed;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *inline_value) == allowed.end()) {
      usage_error(fmt::format("unknown {} `{}`: use {}", name.substr(2), *inline_value, quoted_list(allowed)));
      return std::nullopt;
    }
    values.push_back(std::move(*inline_value));
  }
  return out;
}

std::optional<std::string> Arguments::misuse() const {
  const Command& command = *command_;
  if (operands_.size() < command.operands.min || operands_.size() > command.operands.max)
    return command.operands.max == 0 ? fmt::format("unexpected argument `{}`", operands_.front())
                                     : std::string(command.operands.wrong_count);
  std::vector<std::string> missing;
  for (const Option& o : command.options)
    if (o.shown == Shown::required && !given(o.name)) missing.push_back(o.spelled());
  if (missing.empty()) return std::nullopt;
  return fmt::format("{} {} required", quoted_list(missing, "and"), missing.size() == 1 ? "is" : "are");
}

int usage_error(std::string_view message, std::string_view help) {
  err(fmt::format("remit: error: {}\n", message));
  if (!help.empty()) err(fmt::format("\n{}", help));
  return exit_usage;
}

int usage_error_json(bool json, std::string_view message, std::string_view help) {
  if (json)
    out(diagnostics_json({make_diagnostic(Code::usage, std::string(), std::string(message))}, 0));
  return usage_error(message, help);
}

std::string quoted_list(const std::vector<std::string>& items, std::string_view last) {
  std::string list;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::string separator = k == 0 ? std::string() : k + 1 == items.size() ? fmt::format(" {} ", last) : std::string(", ");
    list += fmt::format("{}`{}`", separator, items[k]);
  }
  return list;
}

}  // namespace remit::cli
