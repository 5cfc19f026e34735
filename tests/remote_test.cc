// Scale-out on Xapian's remote backend: two xapian-tcpsrv processes on
// loopback, each serving one shard of corpus/, searched through a stub file,
// give the results of one local index of the same documents.
#include <arpa/inet.h>
#include <kavosh/kavosh.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "tests/process.h"
#include "tests/same_results.h"

namespace fs = std::filesystem;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const char* const kTcpSrv = "/usr/bin/xapian-tcpsrv";

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A xapian-tcpsrv serving one database on a free loopback port; stopped
// when this goes out of scope.
class Server {
 public:
  explicit Server(const fs::path& database) {
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 0; attempt < 20 && pid_ < 0; ++attempt) {
      port_ = std::uniform_int_distribution<int>(20000, 60000)(rng);
      if (accepts(port_)) {
        continue;  // taken
      }
      const std::string port = std::to_string(port_);
      const pid_t pid = fork();
      if (pid == 0) {
        // Its own process group: xapian-tcpsrv sends SIGTERM to its whole
        // group when it stops, and that must not reach this test.
        setpgid(0, 0);
        const int null = ::open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execl(kTcpSrv, kTcpSrv, "--port", port.c_str(), "--interface", "127.0.0.1", "--quiet",
              database.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      for (int wait = 0; wait < 100 && !accepts(port_); ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (accepts(port_)) {
        pid_ = pid;
      } else {
        kill(pid, SIGKILL);
        kavosh::test::wait_status(pid);
      }
    }
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      kavosh::test::wait_status(pid_);
    }
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Two shard databases, each served by its own xapian-tcpsrv, and a stub
// file at `stub` that lists both.
class RemoteShards {
 public:
  RemoteShards(const fs::path& first, const fs::path& second, const fs::path& stub)
      : a_(first), b_(second) {
    write_file(stub, "remote 127.0.0.1:" + std::to_string(a_.port()) +
                         "\nremote 127.0.0.1:" + std::to_string(b_.port()) + "\n");
  }
  bool running() const { return a_.running() && b_.running(); }

 private:
  Server a_;
  Server b_;
};

}  // namespace

TEST_CASE("two remote shards on xapian-tcpsrv answer as one local index", "[remote][shards]") {
  if (!fs::exists(kTcpSrv)) {
    WARN("xapian-tcpsrv is not installed (Debian package xapian-tools): skipped");
    return;
  }
  TempDir tmp;
  const fs::path corpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const std::string name = entry.path().filename().string();
    const bool first = name == "irna" || name == "isna" || name == "ilna" || name == "mehr";
    const fs::path target = (first ? tmp / "a" : tmp / "b") / name;
    fs::create_directories(target.parent_path());
    fs::copy(entry.path(), target, fs::copy_options::recursive);
  }
  for (const char* shard : {"a", "b"}) {
    REQUIRE(run({KAVOSH_INDEX_BIN, (tmp / shard).string(), "--index",
                 (tmp / (std::string(shard) + "-index")).string(), "--quiet"})
                .status == 0);
  }
  REQUIRE(run({KAVOSH_INDEX_BIN, corpus.string(), "--index", (tmp / "whole").string(), "--quiet"})
              .status == 0);

  const RemoteShards shards(tmp / "a-index" / "xapian", tmp / "b-index" / "xapian",
                            tmp / "remote.stub");
  REQUIRE(shards.running());

  const kavosh::Searcher local = kavosh::Searcher::open(tmp / "whole");
  const kavosh::Searcher remote = kavosh::Searcher::open(tmp / "remote.stub");
  CHECK(remote.document_count() == local.document_count());
  for (const std::string query : {"تهران", "رئیس‌جمهور روسیه", "\"توافق جامع\"",
                                  "همکاری های", "مترو -ایرنا"}) {
    kavosh::SearchOptions options;
    options.limit = 20;
    options.facets = true;
    // Collapsed counts are estimates across shards; compare documents.
    options.collapse = false;
    kavosh::test::check_same_results(local, remote, query, options);
  }
  // The CLI takes the stub file as its index.
  const auto cli = run(
      {KAVOSH_SEARCH_BIN, "--index", (tmp / "remote.stub").string(), "--json", "پزشکیان پوتین"});
  CHECK(cli.status == 0);
  CHECK(cli.out.find("ilna/1404-09-21-pezeshkian-putin.txt") != std::string::npos);
}

TEST_CASE("the shards of kavosh-index --shards 2, served remotely, answer as one local index",
          "[remote][shards]") {
  if (!fs::exists(kTcpSrv)) {
    WARN("xapian-tcpsrv is not installed (Debian package xapian-tools): skipped");
    return;
  }
  TempDir tmp;
  const fs::path corpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";
  REQUIRE(run({KAVOSH_INDEX_BIN, corpus.string(), "--index", (tmp / "sharded").string(), "--shards",
               "2", "--quiet"})
              .status == 0);
  REQUIRE(run({KAVOSH_INDEX_BIN, corpus.string(), "--index", (tmp / "whole").string(), "--quiet"})
              .status == 0);
  const RemoteShards shards(tmp / "sharded" / "shard-0" / "xapian",
                            tmp / "sharded" / "shard-1" / "xapian", tmp / "remote.stub");
  REQUIRE(shards.running());
  const kavosh::Searcher local = kavosh::Searcher::open(tmp / "whole");
  const kavosh::Searcher remote = kavosh::Searcher::open(tmp / "remote.stub");
  CHECK(remote.document_count() == local.document_count());
  for (const std::string query :
       {"تهران", "رئیس‌جمهور روسیه", "\"خط ۱۰ مترو\"", "زلزله کرمان"}) {
    kavosh::SearchOptions options;
    options.limit = 20;
    options.facets = true;
    kavosh::test::check_same_results(local, remote, query, options);
  }
}
