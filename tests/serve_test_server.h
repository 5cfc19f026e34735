// Test helpers: a kavosh-serve process on a free loopback port, over an
// index of corpus/ plus articles with hostile titles, sources and URLs.
#ifndef KAVOSH_TESTS_SERVE_TEST_SERVER_H_
#define KAVOSH_TESTS_SERVE_TEST_SERVER_H_

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/process.h"

namespace kavosh::test {

// Articles whose strings would run script if a page took them as markup.
inline const char* const kHostileArticles =
    R"json({"id": "hostile-script", "title": "<script>alert(1)</script> مترو تهران", )json"
    R"json("body": "خط هفت مترو تهران <b>امروز</b> بسته بود. <img src=x onerror=alert(5)>", )json"
    R"json("source": "\"><img src=x onerror=alert(2)>", "url": "javascript:alert(3)", )json"
    R"json("date": "1404/09/20"})json"
    "\n"
    R"json({"id": "hostile/id ?&#", "title": "\"><img src=x onerror=alert(4)> مترو", )json"
    R"json("body": "ایستگاه مترو و اتوبوس تهران در روز برفی", "source": "ایلنا", )json"
    R"json("url": "https://example.com/a?b=<c>&d=\"e\"", "date": "1404/09/19"})json"
    "\n";

// An index of corpus/ and the hostile articles, built once per test run.
inline const std::filesystem::path& hostile_index() {
  static TempDir dir;
  static const std::filesystem::path path = dir / "index";
  static const bool built = [] {
    REQUIRE(run({KAVOSH_INDEX_BIN, (std::filesystem::path(KAVOSH_SOURCE_DIR) / "corpus").string(),
                 "--index", path.string(), "--quiet"})
                .status == 0);
    write_file(dir / "hostile" / "hostile.jsonl", kHostileArticles);
    REQUIRE(run({KAVOSH_INDEX_BIN, (dir / "hostile").string(), "--index", path.string(), "--quiet"})
                .status == 0);
    return true;
  }();
  (void)built;
  return path;
}

// kavosh-serve running until destroyed (then SIGTERM, and its exit status
// is kept). Its stderr (the access log) is collected as it comes.
class ServeProcess {
 public:
  explicit ServeProcess(const std::filesystem::path& index = hostile_index(),
                        const std::string& listen = "127.0.0.1:0") {
    std::vector<std::string> args{KAVOSH_SERVE_BIN, "--index", index.string(), "--listen", listen};
    int err[2];
    REQUIRE(pipe2(err, O_CLOEXEC) == 0);
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    pid_ = spawn(args, null, err[1]);
    close(null);
    close(err[1]);
    err_fd_ = err[0];
    // The port is in the first line: "... listening on http://HOST:PORT/".
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
      if (!read_some(1000)) {
        break;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      const std::size_t at = log_.find("listening on http://");
      const std::size_t end = log_.find("/\n", at);
      if (at != std::string::npos && end != std::string::npos) {
        port_ = std::stoi(log_.substr(log_.rfind(':', end) + 1));
      }
    }
    INFO(log());
    REQUIRE(port_ > 0);
    reader_ = std::thread([this] {
      while (read_some(-1)) {
      }
    });
  }

  ~ServeProcess() { stop(SIGTERM); }

  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Sends `signal` and waits for the exit; returns the exit status.
  int stop(int signal) {
    if (pid_ > 0) {
      kill(pid_, signal);
      status_ = wait_status(pid_);
      pid_ = -1;
      if (reader_.joinable()) {
        reader_.join();
      }
      close(err_fd_);
    }
    return status_;
  }

  // Waits for an exit that a signal sent otherwise began.
  int wait() { return stop(0); }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  std::string log() {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }

 private:
  // Reads what stderr has; false at its end.
  bool read_some(int timeout_ms) {
    pollfd fd{err_fd_, POLLIN, 0};
    if (poll(&fd, 1, timeout_ms) <= 0) {
      return timeout_ms >= 0;
    }
    char buffer[4096];
    const ssize_t n = read(err_fd_, buffer, sizeof buffer);
    if (n <= 0) {
      return false;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    log_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int err_fd_ = -1;
  int port_ = 0;
  int status_ = -1;
  std::mutex mutex_;
  std::string log_;
  std::thread reader_;
};

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_SERVE_TEST_SERVER_H_
