#pragma once
// The commands of `remit`, each run with what the parser read for it
// (cli/options.hpp). The table that names them is in commands.cpp.
#include <memory>
#include <string>
#include <vector>

#include "options.hpp"
#include "output.hpp"
#include "remit/diagnostic.hpp"
#include "remit/scheme.hpp"

namespace remit::cli {

int run(const std::vector<std::string>& args);

int command_check(const Arguments& a);
int command_test(const Arguments& a);
int command_fmt(const Arguments& a);
int command_eval(const Arguments& a);
int command_who(const Arguments& a);
int command_audit(const Arguments& a);
int command_analyse(const Arguments& a);
int command_matrix(const Arguments& a);
int command_diff(const Arguments& a);
int command_show(const Arguments& a);
int command_serve(const Arguments& a);
int command_log(const Arguments& a);
int command_paper(const Arguments& a);  // issue 16

// What several commands share.

// Whether the command was asked for `--format json`: then every exit, early
// or not, writes one JSON object on stdout.
bool wants_json(const Arguments& a);

bool has_io_error(const std::vector<Diagnostic>& diagnostics);

// Findings always go to stderr as text; with `json`, stdout carries them
// too, so that a pipeline reading stdout never gets nothing.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool json = false);

// The scheme at `path`, or null once its diagnostics (and, unless the path
// could not be read, a pointer to `remit check`) have been printed.
std::shared_ptr<const Scheme> load_scheme_or_report(const std::string& path, bool json = false);

}  // namespace remit::cli
