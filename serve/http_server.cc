#include "serve/http_server.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "serve/web_assets.h"

namespace kavosh::serve {
namespace {

// The page may run only its own script and style, and load only from this
// server: an archive string that slipped into markup could run nothing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

// When the current request began: each request is answered by one thread,
// from the pre-routing handler to the logger.
thread_local std::chrono::steady_clock::time_point request_start;

// `text` for one log line: bytes below 0x20, 0x7F and '\' escaped, so that a
// request path cannot forge lines or drive the terminal.
std::string loggable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 512)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '\\') {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, "application/json; charset=utf-8");
}

}  // namespace

struct HttpServer::Impl {
  httplib::Server server;
};

namespace {

// The API under /api/v1/, the health check, and the page's files.
void route(httplib::Server& s, const Api& api) {
  s.Get("/api/v1/search", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.search(req.params));
  });
  s.Get("/api/v1/doc/(.+)", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.document(req.matches[1].str(), req.params));
  });
  s.Get("/api/v1/similar/(.+)", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.similar(req.matches[1].str(), req.params));
  });
  s.Get("/api/v1/like/(.+)", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.like(req.matches[1].str(), req.params));
  });
  s.Get("/api/v1/suggest", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.suggest(req.params));
  });
  s.Get("/api/v1/stats", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.stats(req.params));
  });
  s.Get("/healthz",
        [&api](const httplib::Request&, httplib::Response& res) { send(res, api.health()); });
  s.Get("/[a-z0-9.-]*", [](const httplib::Request& req, httplib::Response& res) {
    if (const Asset* asset = find_asset(req.path)) {
      res.set_content(asset->data.data(), asset->data.size(), std::string(asset->type).c_str());
    } else {
      res.status = 404;
    }
  });
}

// Errors as JSON with the right status.
void answer_errors(httplib::Server& s) {
  // Errors the routes did not answer themselves (no such path, a request
  // too large or malformed) get a JSON body too.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) {
      return;
    }
    const Reply reply =
        res.status == 404   ? error_reply(404, "not_found", "no such path: " + req.path)
        : res.status == 413 ? error_reply(413, "too_large", "request body too large")
        : res.status == 414 ? error_reply(414, "too_large", "request URI too long")
                            : error_reply(res.status, "bad_request", "bad HTTP request");
    send(res, reply);
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send(res, error_reply(500, "internal", "internal error"));
  });
}

}  // namespace

HttpServer::HttpServer(const Api& api, const ServerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  httplib::Server& s = impl_->server;
  const std::size_t threads = options.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_read_timeout(options.read_timeout_seconds);
  s.set_write_timeout(options.write_timeout_seconds);
  s.set_keep_alive_timeout(options.keep_alive_seconds);
  // Only GET is served: a request body is never needed.
  s.set_payload_max_length(4096);
  s.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Cache-Control", "no-cache"}});

  route(s, api);
  answer_errors(s);
  s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (options.access_log) {
    s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                  request_start)
                            .count();
      // The query string is left out: readers' searches are not logged.
      const std::string line = fmt::format(
          "{:%Y-%m-%dT%H:%M:%SZ} {} {} {} {} {:.1f}ms\n",
          fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())),
          loggable(req.remote_addr), loggable(req.method), loggable(req.path), res.status, ms);
      std::fputs(line.c_str(), stderr);
    });
  }
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
  httplib::Server& s = impl_->server;
  if (port == 0) {
    const int bound = s.bind_to_any_port(host);
    if (bound < 0) {
      throw std::runtime_error(fmt::format("cannot listen on {}: no free port", host));
    }
    return bound;
  }
  if (!s.bind_to_port(host, port)) {
    throw std::runtime_error(fmt::format(
        "cannot listen on {}:{} (in use, or not an address of this machine)", host, port));
  }
  return port;
}

void HttpServer::run() { impl_->server.listen_after_bind(); }

void HttpServer::stop() { impl_->server.stop(); }

}  // namespace kavosh::serve
