// Running a child process: kavosh-index, and this benchmark re-run with
// KAVOSH_ABLATE set (kavosh-index and search_kavosh() read it).
#ifndef KAVOSH_BENCH_RELEVANCE_PROCESS_H_
#define KAVOSH_BENCH_RELEVANCE_PROCESS_H_

#include <filesystem>
#include <string>
#include <vector>

namespace kavosh::bench {

struct Command {
  std::vector<std::string> args;  // args[0] is the program's path
  // "NAME=value" entries set on top of this process's environment.
  std::vector<std::string> env;
  // Receives the child's stdout and stderr (truncated first).
  std::filesystem::path log;
};

// Runs `command` to completion; safe to call from several threads at once.
// Returns its exit status, or 128 + the signal that killed it. Throws
// std::runtime_error if it cannot be started.
int run_command(const Command& command);

// This executable, for re-running it as a child.
std::filesystem::path self_executable();

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_PROCESS_H_
