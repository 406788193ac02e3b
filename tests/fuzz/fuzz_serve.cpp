// Fuzz target: the request handler of `remit serve` (src/serve/service.cpp),
// without sockets. The input is a request: the method, a space, the target,
// a newline, header lines `name: value`, a blank line, the body. It is
// handled by a Service over rules/ (no log), and on every input:
//   - the answer has a status between 200 and 599 and a content type;
//   - no text of the request comes back as markup: a page never holds a
//     `<script` but the one that loads /static/remit.js;
//   - an answer that is not a page or a file of its own is JSON (`{`).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "remit/serve.hpp"

namespace {

void require(bool holds) {
  if (!holds) std::abort();
}

remit::serve::Service& service() {
  static std::unique_ptr<remit::serve::Service> s = [] {
    remit::serve::Options o;
    o.schemes = {REMIT_SOURCE_DIR "/rules"};
    std::vector<remit::Diagnostic> ds;
    std::string error;
    auto made = remit::serve::Service::open(o, ds, error);
    require(made != nullptr);
    return made;
  }();
  return *s;
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  remit::serve::Request r;
  r.client = "127.0.0.1";
  r.headers.emplace_back("host", "127.0.0.1:8080");
  const std::size_t line_end = in.find('\n');
  const std::string_view line = in.substr(0, line_end);
  const std::size_t space = line.find(' ');
  r.method = std::string(line.substr(0, space));
  r.target = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
  in = line_end == std::string_view::npos ? std::string_view() : in.substr(line_end + 1);
  while (!in.empty()) {
    const std::size_t end = in.find('\n');
    const std::string_view header = in.substr(0, end);
    in = end == std::string_view::npos ? std::string_view() : in.substr(end + 1);
    if (header.empty()) break;
    const std::size_t colon = header.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(header.substr(0, colon));
    std::string_view value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers.emplace_back(std::move(name), std::string(value));
  }
  r.body = std::string(in);
  const remit::serve::Response answer = service().handle(r);
  require(answer.status >= 200 && answer.status <= 599);
  require(!answer.content_type.empty());
  if (answer.content_type.rfind("text/html", 0) == 0 && r.target.find("/matrix") == std::string::npos)
    require(count(answer.body, "<script") == (answer.status == 204 ? 0 : 1));
  if (answer.content_type.find("json") != std::string::npos) require(!answer.body.empty() && answer.body[0] == '{');
  return 0;
}
