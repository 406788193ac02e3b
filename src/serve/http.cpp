// The HTTP/1.1 server of `remit serve`: Boost.Beast over Asio, the one
// translation unit that includes them (they are slow to compile). It reads
// requests within the limits, hands each to the Service and writes its
// answer with the security headers; SIGTERM and SIGINT stop it gracefully,
// SIGHUP reloads the schemes. With a certificate and key it speaks TLS
// (1.2 at least, OpenSSL through Asio) and nothing else.
#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "remit/serve.hpp"

namespace remit::serve {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
namespace ssl = net::ssl;

// What the server keeps of each connection, to close it at shutdown.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void stop() = 0;
};

struct Server {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;  // set: every connection speaks TLS
  Service* service = nullptr;
  Limits limits;
  std::atomic<std::size_t> open{0};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<Connection>> sessions;
  void accept();
  template <class S>
  void start(std::shared_ptr<S> session);
  void stop();
};

constexpr std::string_view csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// One connection: `Stream` is a beast::tcp_stream, or an ssl_stream over one.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;
  using std::enable_shared_from_this<Session<Stream>>::shared_from_this;

 public:
  Session(tcp::socket socket, Server& server) : stream_(make_stream(std::move(socket), server)), server_(server) {
    ++server_.open;
    beast::error_code ec;
    const auto peer = lowest().socket().remote_endpoint(ec);
    if (!ec) client_ = peer.address().to_string();
  }
  ~Session() override { --server_.open; }

  void start() {
    if constexpr (tls)
      net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::detect, shared_from_this()));
    else
      net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // At shutdown: a connection waiting for a request is closed; one with a
  // request in hand, or partly received (within the time limit), finishes
  // it and closes after the answer.
  void stop() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      const bool receiving = self->parser_ && (self->parser_->got_some() || self->buffer_.size() > 0);
      if (!self->busy_ && !receiving) {
        beast::error_code ec;
        self->lowest().socket().close(ec);
      }
    });
  }

 private:
  static Stream make_stream(tcp::socket socket, Server& server) {
    if constexpr (tls)
      return Stream(beast::tcp_stream(std::move(socket)), *server.tls);
    else
      return Stream(std::move(socket));
  }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  // TLS: a client speaking plain HTTP gets a plain 400 telling it so;
  // any other client must complete the handshake within the time limit.
  void detect() {
    lowest().expires_after(std::chrono::seconds(server_.limits.request_seconds));
    beast::async_detect_ssl(lowest(), buffer_, beast::bind_front_handler(&Session::on_detect, shared_from_this()));
  }

  void on_detect(beast::error_code ec, bool is_tls) {
    if (ec) return close_socket();
    if (!is_tls) {
      static constexpr std::string_view plain =
          "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 56\r\nConnection: close\r\n\r\n"
          "This server speaks TLS only: use https:// for this port\n";
      net::async_write(lowest(), net::buffer(plain.data(), plain.size()),
                       [self = shared_from_this()](beast::error_code, std::size_t) { self->close_socket(); });
      return;
    }
    if constexpr (tls)
      stream_.async_handshake(ssl::stream_base::server, buffer_.data(),
                              [self = shared_from_this()](beast::error_code e, std::size_t used) {
                                if (e) return self->close_socket();
                                self->buffer_.consume(used);
                                self->read();
                              });
  }

  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(server_.limits.body);
    parser_->header_limit(static_cast<std::uint32_t>(server_.limits.header));
    lowest().expires_after(std::chrono::seconds(server_.limits.request_seconds));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) return refuse(413, "the request body is larger than the server takes");
    if (ec == http::error::header_limit) return refuse(431, "the request's headers are larger than the server takes");
    if (ec == beast::error::timeout || ec == http::error::end_of_stream || ec == net::error::operation_aborted) return close();
    if (ec == ssl::error::stream_truncated) return close_socket();  // the client left without TLS's close_notify
    if (ec) return refuse(400, "the request is not HTTP/1.1 the server can read");
    busy_ = true;
    const auto& req = parser_->get();
    Response r;
    if (req.target().size() > server_.limits.target) {
      r = text_problem(414, "the request's URL is longer than the server takes");
    } else {
      Request request;
      request.method = std::string(req.method_string());
      request.target = std::string(req.target());
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace_back(std::move(name), std::string(field.value()));
      }
      request.body = req.body();
      request.client = client_;
      r = server_.service->handle(request);
    }
    send(std::move(r), req.keep_alive() && !server_.stopping);
  }

  static Response text_problem(int status, std::string_view detail) {
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = fmt::format("{{\"type\": \"/v1/problems/http\", \"title\": \"Request refused\", \"status\": {}, \"detail\": \"{}\"}}\n", status, detail);
    return r;
  }

  void refuse(int status, std::string_view detail) {
    busy_ = true;
    send(text_problem(status, detail), false);
  }

  void send(Response r, bool keep_alive) {
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(r.status));
    res_.set(http::field::content_type, r.content_type);
    res_.set(http::field::server, "remit");
    res_.set("Content-Security-Policy", beast::string_view(csp.data(), csp.size()));
    res_.set("X-Content-Type-Options", "nosniff");
    res_.set("Referrer-Policy", "same-origin");  // no-referrer would make the form's own Origin `null`
    res_.set("X-Frame-Options", "DENY");
    res_.set(http::field::cache_control, "no-store");
    for (const auto& h : r.headers) res_.set(h.first, h.second);
    res_.keep_alive(keep_alive);
    res_.body() = std::move(r.body);
    res_.prepare_payload();
    lowest().expires_after(std::chrono::seconds(server_.limits.request_seconds));
    http::async_write(stream_, res_, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    busy_ = false;
    if (ec || !res_.keep_alive()) return close();
    read();
  }

  // TLS: close_notify first (bounded by the time limit), then the socket.
  void close() {
    if constexpr (tls) {
      lowest().expires_after(std::chrono::seconds(server_.limits.request_seconds));
      stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->close_socket(); });
    } else {
      close_socket();
    }
  }

  void close_socket() {
    beast::error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
    lowest().socket().close(ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  Server& server_;
  std::string client_;
  bool busy_ = false;
};

void Server::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) {
      if (open >= limits.connections) {
        socket.close(ec);  // over the limit: closed at once
      } else {
        if (tls)
          start(std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), *this));
        else
          start(std::make_shared<Session<beast::tcp_stream>>(std::move(socket), *this));
      }
    }
    accept();
  });
}

template <class S>
void Server::start(std::shared_ptr<S> session) {
  {
    const std::lock_guard lock(sessions_mutex);
    std::erase_if(sessions, [](const std::weak_ptr<Connection>& s) { return s.expired(); });
    sessions.push_back(session);
  }
  session->start();
}

void Server::stop() {
  stopping = true;
  beast::error_code ec;
  acceptor.close(ec);
  const std::lock_guard lock(sessions_mutex);
  for (const auto& weak : sessions)
    if (auto s = weak.lock()) s->stop();
}

bool is_loopback(const net::ip::address& a) { return a.is_loopback(); }

// The TLS context from the certificate chain and key (PEM), TLS 1.2 at
// least; nullopt with `error` naming the file that would not do.
std::optional<ssl::context> tls_context(const std::filesystem::path& cert, const std::filesystem::path& key, std::string& error) {
  // OpenSSL says no more than "asio.ssl error" of a file it cannot open.
  for (const auto& [option, path] : {std::pair{"--tls-cert", &cert}, std::pair{"--tls-key", &key}}) {
    std::FILE* file = std::fopen(path->c_str(), "rb");
    if (!file) {
      error = fmt::format("`{} {}` cannot be read: {}", option, path->string(), std::strerror(errno));
      return std::nullopt;
    }
    std::fclose(file);
  }
  ssl::context context(ssl::context::tls_server);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1) {
    error = "OpenSSL refuses TLS 1.2 as the lowest version";
    return std::nullopt;
  }
  beast::error_code ec;
  context.use_certificate_chain_file(cert.string(), ec);
  if (ec) {
    error = fmt::format("`--tls-cert {}` is not a readable PEM certificate ({}); give the certificate chain, e.g. from "
                        "`openssl req -x509`",
                        cert.string(), ec.message());
    return std::nullopt;
  }
  context.use_private_key_file(key.string(), ssl::context::pem, ec);
  if (ec) {
    error = fmt::format("`--tls-key {}` is not a readable PEM private key for the certificate in `{}` ({})", key.string(),
                        cert.string(), ec.message());
    return std::nullopt;
  }
  return context;
}

}  // namespace

int run(const Options& options, const std::function<void(std::string_view)>& say) {
  const std::size_t colon = options.listen.rfind(':');
  std::string host = colon == std::string::npos ? "" : options.listen.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? "" : options.listen.substr(colon + 1);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  char* end = nullptr;
  const unsigned long port = std::strtoul(port_text.c_str(), &end, 10);
  if (ec || port_text.empty() || *end || port > 65535) {
    say(fmt::format("remit: error: `--listen {}` is not an address and port such as `127.0.0.1:8080`\n", options.listen));
    return 2;
  }
  if (!is_loopback(address) && !options.token && !options.tls_cert) {
    say(fmt::format("remit: error: `--listen {}` is not a loopback address; give `--tls-cert FILE --tls-key FILE` so that "
                    "answers are encrypted, or `--token-file FILE` so that every request must carry the token (or both)\n",
                    options.listen));
    return 2;
  }
  Server server;
  if (options.tls_cert && options.tls_key) {
    std::string error;
    server.tls = tls_context(*options.tls_cert, *options.tls_key, error);
    if (!server.tls) {
      say(fmt::format("remit: error: {}\n", error));
      return 2;
    }
  }
  std::vector<Diagnostic> diagnostics;
  std::string error;
  std::unique_ptr<Service> service = Service::open(options, diagnostics, error);
  if (!service) {
    for (const Diagnostic& d : diagnostics) say(render_text(d));
    say(fmt::format("remit: error: {}\n", error));
    return 2;
  }
  server.service = service.get();
  server.limits = options.limits;
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  server.acceptor.open(endpoint.protocol(), ec);
  if (!ec) server.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) server.acceptor.bind(endpoint, ec);
  if (!ec) server.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    say(fmt::format("remit: error: cannot listen on `{}`: {}\n", options.listen, ec.message()));
    return 2;
  }
  const unsigned bound = server.acceptor.local_endpoint().port();
  service->set_port(bound);
  const std::string shown = address.is_v6() ? fmt::format("[{}]", address.to_string()) : address.to_string();
  // The signals are caught before the line is said: a SIGTERM sent on
  // reading it stops the server gracefully.
  net::signal_set stops(server.ioc, SIGTERM, SIGINT);
  net::signal_set hups(server.ioc, SIGHUP);
  say(fmt::format("remit serve: listening on {}://{}:{}/\n", server.tls ? "https" : "http", shown, bound));
  net::steady_timer watch(server.ioc);
  stops.async_wait([&](beast::error_code e, int) {
    if (e) return;
    say("remit serve: stopping: finishing the requests in hand\n");
    server.stop();
    hups.cancel();
    watch.cancel();
  });
  std::function<void()> wait_hup = [&] {
    hups.async_wait([&](beast::error_code e, int) {
      if (e) return;
      const std::vector<Diagnostic> found = service->reload();
      for (const Diagnostic& d : found) say(render_text(d));
      say(found.empty() ? "remit serve: reloaded the schemes\n"
                        : "remit serve: a scheme has errors: the version loaded before is still served\n");
      if (!server.stopping) wait_hup();
    });
  };
  wait_hup();
  // Reload when the files change: asked every two seconds.
  std::function<void()> wait_change = [&] {
    watch.expires_after(std::chrono::seconds(2));
    watch.async_wait([&](beast::error_code e) {
      if (e || server.stopping) return;
      if (const auto found = service->reload_if_changed()) {
        for (const Diagnostic& d : *found) say(render_text(d));
        say(found->empty() ? "remit serve: the rule files changed: reloaded the schemes\n"
                           : "remit serve: the rule files changed, but a scheme has errors: the version loaded before is still served\n");
      }
      wait_change();
    });
  };
  wait_change();
  server.accept();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < std::max(1u, options.threads); ++i) threads.emplace_back([&] { server.ioc.run(); });
  server.ioc.run();
  for (std::thread& t : threads) t.join();
  say(fmt::format("remit serve: stopped; {}\n", service->close()));
  return 0;
}

}  // namespace remit::serve
