// `remit serve` without sockets: SHA-256 against published test vectors, the
// one HTML escaper with hostile strings, forms, and the handler driven directly.
#include <catch2/catch.hpp>

#include <string>

#include "remit/serve.hpp"
#include "report/ci_report.hpp"
#include "serve/page.hpp"

using namespace remit::serve;

namespace {

Options rules_options() {
  Options o;
  o.schemes = {REMIT_SOURCE_DIR "/rules"};
  o.listen = "127.0.0.1:8080";
  return o;
}

std::unique_ptr<Service> rules_service() {
  std::vector<remit::Diagnostic> ds;
  std::string error;
  return Service::open(rules_options(), ds, error);
}

Request get(std::string target) {
  Request r;
  r.method = "GET";
  r.target = std::move(target);
  r.headers = {{"host", "127.0.0.1:8080"}};
  r.client = "127.0.0.1";
  return r;
}

}  // namespace

TEST_CASE("SHA-256 gives the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("the one HTML escaper leaves no markup through") {
  using remit::report::escape_xml;  // the page's escaper too
  CHECK(escape_xml("<script>alert('x')</script>") == "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
  CHECK(escape_xml("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x");
  CHECK(escape_xml("£5.6m & DMPC") == "£5.6m &amp; DMPC");
}

TEST_CASE("forms and queries are decoded, names may repeat") {
  const Form f = parse_form("approver=CE&approver=NED&fact.amount=%C2%A35.6m&id=a+b&bad=%zz&=x&flag");
  CHECK(f.all("approver") == std::vector<std::string>{"CE", "NED"});
  CHECK(f.get("fact.amount") == "£5.6m");
  CHECK(f.get("id") == "a b");
  CHECK(f.get("bad") == "%zz");
  CHECK(f.get("flag").empty());
  CHECK(percent_decode("%2", false) == "%2");
}

TEST_CASE("the page escapes hostile strings that reach it") {
  auto service = rules_service();
  REQUIRE(service);
  const std::string hostile = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27";
  for (const std::string& target : std::vector<std::string>{"/?scheme=mopac&date=2020-06-01&kind=grant.acceptance&id=" + hostile,
                                   "/?scheme=" + hostile + "&date=" + hostile, "/paragraph?scheme=mopac&para=" + hostile,
                                   "/who?scheme=mopac&date=2020-06-01&kind=" + hostile}) {
    const Response r = service->handle(get(target));
    INFO(target);
    CHECK(r.body.find("<script>alert") == std::string::npos);
    CHECK(r.body.find("\"'") == std::string::npos);
  }
  // The form for PCD 785's kind: typed inputs, posts as checkboxes, evidence.
  const Response form = service->handle(get("/?scheme=mopac&date=2020-06-01&kind=grant.acceptance"));
  CHECK(form.status == 200);
  CHECK(form.body.find("name=\"fact.amount\"") != std::string::npos);
  CHECK(form.body.find("type=\"checkbox\" id=\"approver-DMPC\"") != std::string::npos);
  CHECK(form.body.find("name=\"evidence\" value=\"Financial comments\"") != std::string::npos);
  CHECK(form.body.find("<script src=\"/static/remit.js\"") != std::string::npos);
}

TEST_CASE("the form's verdict needs the CSRF token and gives the paragraph") {
  auto service = rules_service();
  REQUIRE(service);
  const Response form = service->handle(get("/?scheme=mopac&date=2020-06-01&kind=grant.acceptance"));
  const std::size_t at = form.body.find("name=\"csrf\" value=\"");
  REQUIRE(at != std::string::npos);
  const std::string token = form.body.substr(at + 19, 32);
  Request post = get("/verdict");
  post.method = "POST";
  post.body = "scheme=mopac&date=2020-06-01&kind=grant.acceptance&fact.amount=%C2%A35.6m&approver=DMPC&csrf=" + token;
  const Response ok = service->handle(post);
  CHECK(ok.status == 200);
  CHECK(ok.body.find("id=\"outcome\">authorised<") != std::string::npos);
  CHECK(ok.body.find("para 4.8") != std::string::npos);
  post.body = "scheme=mopac&date=2020-06-01&kind=grant.acceptance&fact.amount=%C2%A35.6m&approver=DMPC&csrf=0";
  CHECK(service->handle(post).status == 403);
}

TEST_CASE("the pages for who may approve, the matrix and a paragraph") {
  auto service = rules_service();
  REQUIRE(service);
  const Response who = service->handle(get("/who?scheme=mopac&date=2020-06-01&kind=grant.acceptance&fact.amount=%C2%A35.6m"));
  CHECK(who.status == 200);
  CHECK(who.body.find("Lowest: <strong id=\"lowest\">DMPC</strong>") != std::string::npos);
  const Response matrix = service->handle(get("/matrix?scheme=mopac&version=2020"));
  CHECK(matrix.status == 200);
  CHECK(matrix.body.find("grant.acceptance") != std::string::npos);
  CHECK(service->handle(get("/matrix?scheme=mopac&version=1999")).status == 404);
  const Response para = service->handle(get("/paragraph?scheme=mopac&para=4.8"));
  CHECK(para.status == 200);
  CHECK(para.body.find("2015") != std::string::npos);
  CHECK(service->handle(get("/paragraph?scheme=mopac&para=9.99")).status == 404);
  CHECK(service->handle(get("/static/remit.js")).content_type == "text/javascript; charset=utf-8");
  CHECK(service->handle(get("/static/..%2Fetc")).status == 404);
}
