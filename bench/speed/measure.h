// Measuring tools of the speed benchmark: child processes with their peak
// memory and CPU time, sizes on disk, and latency percentiles.
#ifndef KAVOSH_BENCH_SPEED_MEASURE_H_
#define KAVOSH_BENCH_SPEED_MEASURE_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kavosh::bench {

struct ChildRun {
  int status = 0;              // exit status, or 128 + signal
  double seconds = 0;          // wall clock, fork to exit
  double cpu_seconds = 0;      // user + system
  std::uint64_t peak_rss = 0;  // bytes (getrusage's ru_maxrss of the child)
};

// Runs `argv` (argv[0] a path) to completion, its stdout and stderr to
// `log` (appended). Throws std::runtime_error if it cannot be started.
ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& log);

// Bytes of the regular files under `path` (or of `path` itself).
std::uint64_t size_on_disk(const std::filesystem::path& path);

// The p-th percentile (0..100) of `values` by nearest rank; 0 if empty.
double percentile(std::vector<double> values, double p);

// The median of `values`; 0 if empty.
double median(std::vector<double> values);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_MEASURE_H_
