// kavosh-serve's HTTP side: routes, limits, headers and the access log,
// over cpp-httplib.
#ifndef KAVOSH_SERVE_HTTP_SERVER_H_
#define KAVOSH_SERVE_HTTP_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "serve/api.h"

namespace kavosh::serve {

struct ServerOptions {
  // Worker threads, each answering one connection at a time. Default: 8.
  std::size_t threads = 8;
  // Seconds to wait for a request's bytes, and to write a reply. Default: 10.
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  // Seconds an idle keep-alive connection is kept. Default: 5.
  int keep_alive_seconds = 5;
  // One line a request on stderr. Default: true.
  bool access_log = true;
};

// Serves /api/v1/..., /healthz and the web page. Safe to stop() from
// another thread (a signal-waiting one).
class HttpServer {
 public:
  HttpServer(const Api& api, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host`:`port` (port 0: a free one) and returns the port. Throws
  // std::runtime_error if it cannot.
  int bind(const std::string& host, int port);
  // Answers requests until stop(); returns once the requests in flight are
  // answered.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kavosh::serve

#endif  // KAVOSH_SERVE_HTTP_SERVER_H_
