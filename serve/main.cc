// kavosh-serve: a Kavosh index over HTTP: the JSON API under /api/v1/ and a
// Persian search page at /.
//
// Exit status: 0 after SIGTERM or SIGINT, once the requests in flight are
// answered; 2 on error (bad arguments, an index that cannot be opened, an
// address that cannot be listened on); 130 on a second signal, which does
// not wait.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "common/command_line.h"
#include "kavosh/kavosh.h"
#include "serve/api.h"
#include "serve/http_server.h"

namespace {

struct Address {
  std::string host;
  int port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:8080", ":8080" (every address).
bool parse_address(const std::string& text, Address& out) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return false;
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  out.port = std::stoi(port);
  out.host = host.empty() ? "0.0.0.0" : host;
  return out.port <= 65535;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string url_host(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

constexpr const char* kFooter = R"(EXIT STATUS
  0    stopped by SIGTERM or SIGINT, once the requests in flight were answered
  2    error: bad arguments, an index that cannot be opened, an address that
       cannot be listened on
  130  a second signal, which does not wait

ENVIRONMENT
  KAVOSH_INDEX  the index directory when --index is not given)";

struct Args {
  std::vector<std::string> index;
  Address address;
  kavosh::serve::ServerOptions options;
};

// Reads the command line into `a`; false (with the error printed) if it
// cannot be used, or after --help and --version (`status` then 0).
bool parse_args(int argc, char** argv, Args& a, int& status) {
  CLI::App app{"Serve a Kavosh index over HTTP: a JSON API and a Persian search page",
               "kavosh-serve"};
  std::string listen = "127.0.0.1:8080";
  a.options.threads = std::max<std::size_t>(8, std::size_t{2} * std::thread::hardware_concurrency());
  bool quiet = false;
  app.set_version_flag("--version", std::string("kavosh-serve ") + kavosh::version(),
                       "Print the version and exit");
  app.footer(kFooter);
  app.add_option("--index,-i", a.index,
                 "Index directory made by kavosh-index; repeat it to serve shards as one, or "
                 "give a Xapian stub file of remote shards (default: $KAVOSH_INDEX)")
      ->envname("KAVOSH_INDEX")
      ->required()
      ->allow_extra_args(false);
  app.add_option("--listen", listen,
                 "ADDRESS:PORT to listen on; beyond loopback anyone who reaches it can search "
                 "(there is no authentication). Port 0: any free port")
      ->capture_default_str();
  app.add_option("--threads", a.options.threads, "Worker threads, one connection each")
      ->check(kavosh::command_line::whole_number(1, 1024))
      ->capture_default_str();
  app.add_flag("--quiet,-q", quiet, "No access log");
  status = 2;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      status = app.exit(e);
      return false;
    }
    fmt::print(stderr, "kavosh-serve: error: {}\n",
               kavosh::command_line::parse_error_message(app, e));
    return false;
  }
  if (const auto twice = kavosh::command_line::repeated_path(a.index)) {
    fmt::print(stderr,
               "kavosh-serve: error: --index: {} is given twice (the same index as an earlier "
               "--index)\n",
               *twice);
    return false;
  }
  a.options.access_log = !quiet;
  if (!parse_address(listen, a.address)) {
    fmt::print(stderr, "kavosh-serve: error: --listen: not ADDRESS:PORT: \"{}\"\n", listen);
    return false;
  }
  return true;
}

// Serves until SIGTERM or SIGINT, taken by one thread with sigwait() from
// `stop_signals`, which every thread blocks.
void serve(const Args& a, const sigset_t& stop_signals) {
  const kavosh::Searcher searcher =
      kavosh::Searcher::open(std::vector<std::filesystem::path>(a.index.begin(), a.index.end()));
  const kavosh::serve::Api api(searcher);
  kavosh::serve::HttpServer server(api, a.options);
  const int port = server.bind(a.address.host, a.address.port);
  if (!is_loopback(a.address.host)) {
    fmt::print(stderr,
               "kavosh-serve: warning: listening on {} beyond this machine: anyone who can "
               "reach it can search the index (there is no authentication)\n",
               a.address.host);
  }
  fmt::print(stderr, "kavosh-serve: {} documents, listening on http://{}:{}/\n",
             searcher.document_count(), url_host(a.address.host), port);
  std::fflush(stderr);
  std::thread signals([&server, &stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    fmt::print(stderr, "kavosh-serve: {}: answering the requests in flight, then stopping\n",
               signal == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    // A second signal does not wait.
    sigwait(&stop_signals, &signal);
    std::_Exit(130);
  });
  signals.detach();
  server.run();
  fmt::print(stderr, "kavosh-serve: stopped\n");
}

// The program: exit status as the header says.
int run(int argc, char** argv) {
  Args a;
  if (int status = 0; !parse_args(argc, argv, a, status)) {
    return status;
  }
  // SIGINT and SIGTERM are taken by one thread, with sigwait(); every
  // thread started from here on inherits the mask.
  static sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  try {
    serve(a, stop_signals);
    return 0;
  } catch (const kavosh::Error& e) {
    fmt::print(stderr, "kavosh-serve: error: {}\n", e.what());
    return 2;
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "kavosh-serve: error: {}\n", e.what());
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("kavosh-serve: error: unexpected failure\n", stderr);
    return 2;
  }
}
