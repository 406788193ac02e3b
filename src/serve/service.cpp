// The request handler of `remit serve` (docs/serve.md): routes, checks of
// Host, Origin, token and CSRF token, the API's answers, the page's, and the
// decision log entry committed before each answer is given.
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>

#include "catalog.hpp"
#include "log.hpp"
#include "model/json.hpp"
#include "openapi.hpp"
#include "page.hpp"
#include "remit/analysis.hpp"
#include "remit/audit.hpp"
#include "remit/report.hpp"
#include "remit/serve.hpp"

namespace remit::serve {

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& h : headers)
    if (h.first == lower_name) return h.second;
  return {};
}

struct Service::State {
  Options options;
  std::mutex catalog_mutex;
  std::shared_ptr<const Catalog> catalog;
  std::unique_ptr<DecisionLog> log;
  std::string csrf;
  std::atomic<unsigned> port{0};
  std::string files_stamp;  // what `reload_if_changed` compares

  std::shared_ptr<const Catalog> current() {
    const std::lock_guard lock(catalog_mutex);
    return catalog;
  }
};

namespace {

// ---- answers --------------------------------------------------------------

// RFC 9457 problem details; `findings` is the object `remit check --format json` writes.
Response problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                 const std::vector<Diagnostic>* diagnostics = nullptr) {
  json::Writer w;
  w.begin_object().key("type").value(fmt::format("/v1/problems/{}", slug)).key("title").value(title);
  w.key("status").value(static_cast<std::int64_t>(status)).key("detail").value(detail);
  if (diagnostics) {
    std::string findings = diagnostics_json(*diagnostics, 0);
    while (!findings.empty() && findings.back() == '\n') findings.pop_back();
    w.key("findings").raw(findings);
  }
  w.end_object();
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = w.str() + "\n";
  return r;
}

Response html(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response ok(std::string content_type, std::string body) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

// ---- what a request is ----------------------------------------------------

struct Target {
  std::vector<std::string> segments;  // decoded
  Form query;
  bool bad = false;  // an encoded `/`, a NUL, `.` or `..`: nothing of the kind names a scheme or paragraph
};

Target parse_target(std::string_view target) {
  Target t;
  const std::size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  if (q != std::string_view::npos) t.query = parse_form(target.substr(q + 1));
  if (path.empty() || path[0] != '/') {
    t.bad = true;
    return t;
  }
  path.remove_prefix(1);
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view raw = path.substr(0, slash);
    std::string segment = percent_decode(raw, false);
    if (segment.empty() || segment == "." || segment == ".." || segment.find_first_of(std::string_view("/\0", 2)) != std::string::npos)
      t.bad = true;
    t.segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return t;
}

bool is_loopback_host(std::string_view host) { return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"; }

std::string listen_host(const Options& o) {
  const std::size_t colon = o.listen.rfind(':');
  return colon == std::string::npos ? o.listen : o.listen.substr(0, colon);
}

// Host must name this server, so that a page of another site whose name is
// made to resolve to 127.0.0.1 (DNS rebinding) is refused.
bool host_allowed(const Service::State& s, std::string_view host) {
  const std::string port = std::to_string(s.port.load());
  const std::size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || host.substr(colon + 1) != port) return false;
  const std::string_view name = host.substr(0, colon);
  const std::string bound = listen_host(s.options);
  if (name == bound) return true;
  return is_loopback_host(bound) && is_loopback_host(name);
}

bool origin_allowed(const Service::State& s, std::string_view origin) {
  constexpr std::string_view http = "http://", https = "https://";
  if (origin.substr(0, http.size()) == http) return host_allowed(s, origin.substr(http.size()));
  if (origin.substr(0, https.size()) == https) return host_allowed(s, origin.substr(https.size()));
  return false;
}

bool same_secret(std::string_view given, std::string_view expected) {
  return given.size() == expected.size() && CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// ---- the log --------------------------------------------------------------

struct Logged {
  bool failed = false;
  std::optional<std::int64_t> entry;
  std::string time;
};

Logged record(Service::State& s, const Request& req, std::string_view route, const ServedScheme& scheme,
              const std::string& version, const std::string& hash, std::string_view response, std::string_view outcome) {
  Logged l;
  l.time = utc_now();
  if (!s.log) return l;
  LogEntry e;
  e.time = l.time;
  e.route = route;
  e.scheme = scheme.name;
  e.version = version;
  e.content_hash = hash;
  e.remit_version = version_string();
  e.client = req.client;
  e.user = req.header("x-forwarded-user");
  e.request = req.body;
  e.response = response;
  e.outcome = outcome;
  std::string error;
  l.entry = s.log->append(std::move(e), error);
  l.failed = !l.entry;
  return l;
}

Response log_failed() {
  return problem(503, "log-unavailable", "The decision log cannot be written",
                 "the answer was not given because it could not be logged; try again, and tell the operator");
}

// ---- the API --------------------------------------------------------------

std::string schemes_json(const Catalog& c) {
  json::Writer w;
  w.begin_object().key("remit_version").value(version_string()).key("schemes").begin_array();
  for (const ServedScheme& s : c.schemes) {
    w.begin_object().key("name").value(s.name).key("title").value(s.scheme->title);
    w.key("files_sha256").value(s.files_hash).key("loaded_at").value(s.loaded_at);
    w.key("reload_rejected").value(!s.rejected.empty());
    w.key("versions").begin_array();
    for (const Version& v : s.scheme->versions) w.value(v.label);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

std::string versions_json(const ServedScheme& s) {
  json::Writer w;
  w.begin_object().key("scheme").value(s.name).key("versions").begin_array();
  for (const Version& v : s.scheme->versions) {
    w.begin_object().key("label").value(v.label).key("from").value(format_date(v.from));
    w.key("until");
    if (v.last_day) w.value(format_date(*v.last_day));
    else w.null();
    w.key("file").value(v.source ? std::filesystem::path(v.source->path()).filename().string() : "");
    w.key("sha256").value(s.hash_of(v));
    w.key("kinds").begin_array();
    for (const std::string& k : v.kinds) w.value(k);
    w.end_array();
    w.key("posts").begin_array();
    for (const Post& p : v.posts) w.value(p.id);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

// POST …/eval and …/who: the decision read as `remit eval` reads it.
Response decide(Service::State& s, const Request& req, const ServedScheme& scheme, bool who) {
  const auto source = std::make_shared<SourceFile>("<request>", req.body);
  DecisionReading reading = read_decision(*scheme.scheme, source);
  if (!reading.decision) {
    sort_diagnostics(reading.diagnostics);
    return problem(400, "bad-decision", "The decision cannot be read", "the request body is not a decision of this scheme",
                   &reading.diagnostics);
  }
  const Decision& d = *reading.decision;
  if (!who && d.approver.empty())
    return problem(422, "no-approver", "The decision has no approver",
                   fmt::format("add an `approver`, or ask POST /v1/schemes/{}/who", scheme.name));
  const Verdict verdict = evaluate(d);
  const bool as_verdict = !who || !d.approver.empty();
  Response r = ok("application/json", as_verdict ? verdict_json(verdict) : who_json(verdict));
  const Logged l = record(s, req, who ? "who" : "eval", scheme, verdict.version, scheme.hash_of(*d.version), r.body,
                          outcome_name(verdict.outcome));
  if (l.failed) return log_failed();
  if (l.entry) r.headers.emplace_back("Remit-Log-Entry", std::to_string(*l.entry));
  return r;
}

// POST …/audit: a register (CSV, or JSON Lines when sent as such), the rows back.
Response audit(Service::State& s, const Request& req, const ServedScheme& scheme, const Form& query) {
  const std::string out_format = query.get("format").empty() ? "csv" : query.get("format");
  if (out_format != "csv" && out_format != "jsonl")
    return problem(400, "bad-format", "Unknown row format", fmt::format("`format={}`: use csv or jsonl", out_format));
  const std::string_view type = req.header("content-type");
  const bool jsonl = type.find("jsonl") != std::string_view::npos || type.find("ndjson") != std::string_view::npos ||
                     query.get("register") == "jsonl";
  std::string body = req.body;
  std::FILE* in = body.empty() ? std::tmpfile() : fmemopen(body.data(), body.size(), "rb");
  if (!in) return problem(500, "internal", "Cannot read the register", "the server could not open the body");
  const CompiledScheme compiled(scheme.scheme);
  std::string rows;
  Auditor auditor(compiled, out_format == "jsonl" ? AuditFormat::jsonl : AuditFormat::csv, [&rows](std::string_view block) {
    rows += block;
    return true;
  });
  std::string error;
  const bool read = jsonl ? auditor.audit_jsonl(in, error) : auditor.audit_csv(in, error);
  std::fclose(in);
  if (!read) return problem(400, "bad-register", "The register cannot be read", error);
  Response r = ok(out_format == "jsonl" ? "application/jsonl" : "text/csv; charset=utf-8", std::move(rows));
  const Logged l = record(s, req, "audit", scheme, "", "", r.body, fmt::format("{} rows", auditor.summary().rows));
  if (l.failed) return log_failed();
  if (l.entry) r.headers.emplace_back("Remit-Log-Entry", std::to_string(*l.entry));
  return r;
}

const Version* version_named(const ServedScheme& s, const std::string& label) {
  if (!label.empty()) return s.scheme->find_version(label);
  if (const Version* v = s.scheme->in_force(*today())) return v;
  return s.scheme->newest();
}

Response api(Service::State& s, const Request& req, const Target& t) {
  const auto catalog = s.current();
  const std::vector<std::string>& p = t.segments;
  if (p.size() == 2 && p[1] == "openapi.json") {
    if (req.method != "GET") return problem(405, "method", "Method not allowed", "use GET");
    return ok("application/json", std::string(openapi_json));
  }
  if (p.size() < 2 || p[1] != "schemes") return problem(404, "not-found", "No such route", "see /v1/openapi.json");
  if (p.size() == 2) {
    if (req.method != "GET") return problem(405, "method", "Method not allowed", "use GET");
    return ok("application/json", schemes_json(*catalog));
  }
  const ServedScheme* scheme = catalog->find(p[2]);
  if (!scheme) {
    std::vector<std::string> names;
    for (const ServedScheme& c : catalog->schemes) names.push_back(c.name);
    return problem(404, "unknown-scheme", "No such scheme",
                   fmt::format("no scheme `{}` is served; these are: {}", p[2], fmt::join(names, ", ")));
  }
  const std::string route = p.size() > 3 ? p[3] : "";
  const bool post = route == "eval" || route == "who" || route == "audit";
  if (p.size() == 4 && (post || route == "versions" || route == "matrix") && req.method != (post ? "POST" : "GET"))
    return problem(405, "method", "Method not allowed", post ? "use POST" : "use GET");
  if (p.size() == 4 && route == "eval") return decide(s, req, *scheme, false);
  if (p.size() == 4 && route == "who") return decide(s, req, *scheme, true);
  if (p.size() == 4 && route == "audit") return audit(s, req, *scheme, t.query);
  if (p.size() == 4 && route == "versions") return ok("application/json", versions_json(*scheme));
  if (p.size() == 4 && route == "matrix") {
    const Version* v = version_named(*scheme, t.query.get("version"));
    if (!v) return problem(404, "unknown-version", "No such version", fmt::format("`{}` has no version `{}`", scheme->name, t.query.get("version")));
    const std::string format = t.query.get("format").empty() ? "md" : t.query.get("format");
    if (format == "md") return ok("text/markdown; charset=utf-8", authority_matrix(*v, MatrixFormat::markdown));
    if (format == "csv") return ok("text/csv; charset=utf-8", authority_matrix(*v, MatrixFormat::csv));
    if (format == "html") return ok("text/html; charset=utf-8", authority_matrix(*v, MatrixFormat::html));
    return problem(400, "bad-format", "Unknown matrix format", fmt::format("`format={}`: use md, csv or html", format));
  }
  if (p.size() == 5 && route == "paragraphs") {
    if (req.method != "GET") return problem(405, "method", "Method not allowed", "use GET");
    const ParagraphReport shown = show_paragraph(scheme->path, p[4], ShowFormat::json);
    if (!shown.found)
      return problem(404, "unknown-paragraph", "No such paragraph", shown.error.empty() ? "the scheme has errors" : shown.error + "; " + shown.help,
                     shown.diagnostics.empty() ? nullptr : &shown.diagnostics);
    return ok("application/json", shown.report);
  }
  return problem(404, "not-found", "No such route", "see /v1/openapi.json");
}

// ---- the page -------------------------------------------------------------

Response page(Service::State& s, const Request& req, const Target& t) {
  const auto catalog = s.current();
  const PageContext c{catalog.get(), s.csrf};
  const std::vector<std::string>& p = t.segments;
  if (p.size() == 2 && p[0] == "static") {
    if (p[1] == "remit.js") return ok("text/javascript; charset=utf-8", std::string(page_script));
    if (p[1] == "remit.css") return ok("text/css; charset=utf-8", std::string(page_style));
    return html(404, problem_page(c, "Not found", "there is no such file", {}));
  }
  if (p.empty()) {
    if (req.method != "GET") return html(405, problem_page(c, "Method not allowed", "use GET", {}));
    return html(200, form_page(c, t.query));
  }
  if (p.size() == 1 && p[0] == "favicon.ico") return html(204, "");  // no icon, and no error in the console
  if (p.size() != 1) return html(404, problem_page(c, "Not found", "there is no such page", {}));
  const bool posted = req.method == "POST";
  const Form form = posted ? parse_form(req.body) : t.query;
  const ServedScheme* scheme = catalog->find(form.get("scheme"));
  if (p[0] == "verdict") {
    if (!posted) return html(405, problem_page(c, "Method not allowed", "submit the form on the first page", {}));
    if (!same_secret(form.get("csrf"), s.csrf))
      return html(403, problem_page(c, "The form has expired", "the server was restarted since the form was loaded; load it again", {}));
    if (!scheme) return html(404, problem_page(c, "No such scheme", "choose a scheme on the first page", {}));
    const Date date = read_date(form.get("date")).value_or(*today());
    const Version* v = scheme->scheme->in_force(date);
    if (!v) return html(400, problem_page(c, "No version in force", "no version of the scheme is in force on that date", {}));
    const std::string body = decision_json(*v, form);
    DecisionReading reading = read_decision(*scheme->scheme, std::make_shared<SourceFile>("<form>", body));
    if (!reading.decision) {
      sort_diagnostics(reading.diagnostics);
      return html(400, problem_page(c, "The decision cannot be read", "correct the form and submit it again", reading.diagnostics));
    }
    if (reading.decision->approver.empty())
      return html(400, problem_page(c, "Who signs?", "tick at least one post that signs, or ask who may approve", {}));
    const Verdict verdict = evaluate(*reading.decision);
    Request logged = req;
    logged.body = body;
    const std::string hash = scheme->hash_of(*reading.decision->version);
    const Logged l = record(s, logged, "page", *scheme, verdict.version, hash, verdict_json(verdict), outcome_name(verdict.outcome));
    if (l.failed) return html(503, problem_page(c, "The decision log cannot be written", "the answer was not given; try again", {}));
    return html(200, verdict_page(c, *scheme, form, verdict, {hash, l.time, l.entry}));
  }
  if (posted) return html(405, problem_page(c, "Method not allowed", "use GET", {}));
  if (!scheme) return html(404, problem_page(c, "No such scheme", "choose a scheme on the first page", {}));
  if (p[0] == "who") {
    if (form.get("kind").empty()) return html(200, who_page(c, *scheme, form, nullptr));
    const Date date = read_date(form.get("date")).value_or(*today());
    const Version* v = scheme->scheme->in_force(date);
    if (!v) return html(400, problem_page(c, "No version in force", "no version of the scheme is in force on that date", {}));
    Form asked = form;
    std::erase_if(asked.fields, [](const auto& f) { return f.first == "approver"; });
    DecisionReading reading = read_decision(*scheme->scheme, std::make_shared<SourceFile>("<form>", decision_json(*v, asked)));
    if (!reading.decision) {
      sort_diagnostics(reading.diagnostics);
      return html(400, problem_page(c, "The question cannot be read", "correct the form and ask again", reading.diagnostics));
    }
    const Verdict verdict = evaluate(*reading.decision);
    Request logged = req;
    logged.body = decision_json(*v, asked);
    const Logged l = record(s, logged, "page-who", *scheme, verdict.version, scheme->hash_of(*reading.decision->version),
                            who_json(verdict), outcome_name(verdict.outcome));
    if (l.failed) return html(503, problem_page(c, "The decision log cannot be written", "the answer was not given; try again", {}));
    return html(200, who_page(c, *scheme, form, &verdict));
  }
  if (p[0] == "matrix") {
    const Version* v = version_named(*scheme, form.get("version"));
    if (!v) return html(404, problem_page(c, "No such version", "choose one of the scheme's versions", {}));
    return html(200, matrix_page(c, *scheme, *v));
  }
  if (p[0] == "paragraph") {
    const ParagraphReport shown = show_paragraph(scheme->path, form.get("para"), ShowFormat::text);
    if (!shown.found)
      return html(404, problem_page(c, "No such paragraph", shown.error.empty() ? "the scheme has errors" : shown.error + "; " + shown.help,
                                    shown.diagnostics));
    return html(200, paragraph_page(c, *scheme, form.get("para"), shown.report));
  }
  return html(404, problem_page(c, "Not found", "there is no such page", {}));
}

// The names, sizes and modification times of the rule files below the paths.
std::string files_stamp(const std::vector<std::filesystem::path>& paths) {
  std::vector<Diagnostic> ignored;
  std::string stamp;
  for (const std::filesystem::path& file : find_rule_files(paths, ignored)) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    const auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
    stamp += fmt::format("{}\n{}\n{}\n", file.string(), ec ? 0 : size, ec ? 0 : time);
  }
  return stamp;
}

}  // namespace

Service::Service(std::unique_ptr<State> state) : state_(std::move(state)) {}
Service::~Service() = default;

std::unique_ptr<Service> Service::open(const Options& options, std::vector<Diagnostic>& diagnostics, std::string& error) {
  auto state = std::make_unique<State>();
  state->options = options;
  state->files_stamp = files_stamp(options.schemes);
  state->catalog = load_catalog(options.schemes, nullptr, diagnostics, error);
  if (!state->catalog) {
    const bool unreadable = std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.code == Code::io; });
    if (error.empty()) error = unreadable ? "nothing is served: a path given to `--scheme` cannot be read"
                                          : "a scheme has errors; run `remit check` on it";
    return nullptr;
  }
  if (options.log) {
    state->log = DecisionLog::open(*options.log, error);
    if (!state->log) return nullptr;
  }
  std::array<unsigned char, 16> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    error = "cannot draw a random CSRF token";
    return nullptr;
  }
  for (unsigned char b : random) state->csrf += fmt::format("{:02x}", b);
  const std::string listen = options.listen;
  const std::size_t colon = listen.rfind(':');
  if (colon != std::string::npos) state->port = static_cast<unsigned>(std::strtoul(listen.c_str() + colon + 1, nullptr, 10));
  return std::unique_ptr<Service>(new Service(std::move(state)));
}

void Service::set_port(unsigned port) { state_->port = port; }

Response Service::handle(const Request& req) {
  State& s = *state_;
  Response r;
  const Target t = parse_target(req.target);
  const bool is_api = !t.segments.empty() && t.segments[0] == "v1";
  if (!host_allowed(s, req.header("host")))
    r = problem(421, "host", "Wrong Host", "the Host header does not name this server (a DNS rebinding attempt is refused)");
  else if (const std::string_view origin = req.header("origin");
           req.method != "GET" && !origin.empty() && !origin_allowed(s, origin))
    r = problem(403, "origin", "Cross-origin request refused", "a page of another origin may not post to this server");
  else if (s.options.token && !same_secret(req.header("authorization"), "Bearer " + *s.options.token))
    r = problem(401, "token", "Bearer token required", "send `Authorization: Bearer TOKEN` with the server's token");
  else if (t.bad)
    r = problem(404, "not-found", "No such route", "a path segment is empty, `.`, `..` or holds an encoded `/`");
  else if (req.method != "GET" && req.method != "POST")
    r = problem(405, "method", "Method not allowed", "use GET or POST");
  else
    r = is_api ? api(s, req, t) : page(s, req, t);
  if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

std::optional<std::vector<Diagnostic>> Service::reload_if_changed() {
  std::string stamp = files_stamp(state_->options.schemes);
  if (stamp == state_->files_stamp) return std::nullopt;
  return reload();
}

std::vector<Diagnostic> Service::reload() {
  State& s = *state_;
  s.files_stamp = files_stamp(s.options.schemes);
  std::vector<Diagnostic> diagnostics;
  std::string error;
  auto next = load_catalog(s.options.schemes, s.current().get(), diagnostics, error);
  if (next) {
    const std::lock_guard lock(s.catalog_mutex);
    s.catalog = std::move(next);
  } else if (!error.empty()) {
    diagnostics.push_back(make_diagnostic(Code::io, "--scheme", error));
  }
  return diagnostics;
}

std::string Service::close() {
  if (!state_->log) return "no decision log";
  std::string tail = "decision log " + state_->options.log->string() + ": " + state_->log->tail();
  state_->log.reset();
  return tail;
}

}  // namespace remit::serve
