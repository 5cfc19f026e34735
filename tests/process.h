// Test helpers: run the Kavosh executables and temporary directories.
#ifndef KAVOSH_TESTS_PROCESS_H_
#define KAVOSH_TESTS_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace kavosh::test {

struct Run {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
  bool timed_out = false;  // killed for running past RunOptions::timeout
  double seconds = 0;
};

struct RunOptions {
  // Kill the command (SIGKILL) after this long. Default: no limit.
  std::chrono::milliseconds timeout{0};
  // RLIMIT_FSIZE of the command, in bytes, as `ulimit -f` sets it: writing
  // past it fails with EFBIG (or raises SIGXFSZ). Default: no limit.
  std::uint64_t file_size_limit = 0;
};

// Starts `args` (args[0] a path) with stdin from /dev/null and stdout and
// stderr on the given descriptors. Signal dispositions are the defaults,
// whatever this process set, so that what the command does is its own.
inline pid_t spawn(const std::vector<std::string>& args, int out_fd, int err_fd,
                   std::uint64_t file_size_limit = 0) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGXFSZ);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> argv;
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  // posix_spawn cannot set a limit in the child: lower this process's soft
  // limit for the moment of the spawn, which the child inherits. This
  // process writes nothing meanwhile.
  rlimit saved{};
  getrlimit(RLIMIT_FSIZE, &saved);
  if (file_size_limit > 0) {
    rlimit lowered = saved;
    lowered.rlim_cur = static_cast<rlim_t>(file_size_limit);
    setrlimit(RLIMIT_FSIZE, &lowered);
  }
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  if (file_size_limit > 0) {
    setrlimit(RLIMIT_FSIZE, &saved);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    throw std::runtime_error("cannot run " + args[0]);
  }
  return pid;
}

// Whether process `pid` has a handler installed for `signal` (its SigCgt
// mask in /proc): a test that interrupts a program waits for this, so the
// signal meets the handler rather than the default action.
inline bool catches_signal(pid_t pid, int signal) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigCgt:", 0) == 0) {
      const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
      return ((mask >> (signal - 1)) & 1) != 0;
    }
  }
  return false;
}

inline int wait_status(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs a command to completion and captures its output.
inline Run run(const std::vector<std::string>& args, const RunOptions& options = {}) {
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = spawn(args, out[1], err[1], options.file_size_limit);
  close(out[1]);
  close(err[1]);
  Run result;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    int wait_ms = -1;
    if (options.timeout.count() > 0 && !result.timed_out) {
      const auto left = options.timeout - (std::chrono::steady_clock::now() - started);
      wait_ms = static_cast<int>(
          std::max<long long>(0, std::chrono::ceil<std::chrono::milliseconds>(left).count()));
    }
    if (poll(fds, 2, wait_ms) == 0 && !result.timed_out) {
      // Out of time: kill it; the pipes then close and the loop ends.
      result.timed_out = true;
      kill(pid, SIGKILL);
      continue;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
        const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
        if (n <= 0) {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_fds;
        } else {
          (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
        }
      }
    }
  }
  result.status = wait_status(pid);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

// The number written right after the first `prefix` in `text`, as in
// number_after("consistent, 12 documents", "consistent, ") == 12; nullopt
// if `prefix` or the digits are missing.
inline std::optional<std::uint64_t> number_after(const std::string& text,
                                                 const std::string& prefix) {
  const std::size_t at = text.find(prefix);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  const std::size_t begin = at + prefix.size();
  std::size_t end = begin;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
    ++end;
  }
  if (end == begin) {
    return std::nullopt;
  }
  return std::stoull(text.substr(begin, end - begin));
}

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("kavosh-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_PROCESS_H_
