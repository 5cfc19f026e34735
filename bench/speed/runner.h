// Runs the speed benchmark: indexes each collection with each system in a
// child process, then times the query sets in another, several times over.
#ifndef KAVOSH_BENCH_SPEED_RUNNER_H_
#define KAVOSH_BENCH_SPEED_RUNNER_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/speed/corpus.h"

namespace kavosh::bench {

struct RunOptions {
  // name -> folder of *.jsonl(.gz); queries-{natural,two-word,phrase}.tsv in
  // the folder are its query sets, unless `queries` names others.
  std::vector<std::pair<std::string, std::filesystem::path>> collections;
  // kind -> file, for collections without their own query files.
  std::vector<std::pair<std::string, std::filesystem::path>> queries;
  std::filesystem::path work;  // indexes and logs go here
  std::string kavosh_index;    // the kavosh-index binary
  std::string self;            // this benchmark's binary
  std::size_t runs = 3;
  std::vector<std::size_t> threads = {1, 4};
  std::size_t rounds = 2;  // passes over the queries per measurement
  // Systems to run, by slug: kavosh, kavosh-jobs1, kavosh-shards2, fts5,
  // xapian. Default: all.
  std::vector<std::string> systems = {"kavosh", "kavosh-jobs1", "kavosh-shards2", "fts5", "xapian"};
  bool compact = false;  // also measure Kavosh's index compacted again
};

struct IndexMeasure {
  double seconds = 0;
  double cpu_seconds = 0;
  std::uint64_t peak_rss = 0;
  std::uint64_t size = 0;
};

struct LatencyMeasure {
  double p50 = 0;  // milliseconds
  double p95 = 0;
  double p99 = 0;
  double qps = 0;   // all kinds together, for the threads count
  double hits = 0;  // per query, on average
};

struct SystemResult {
  std::string name;
  bool queried = true;
  std::vector<IndexMeasure> index_runs;
  // kind -> threads -> one measure per run
  std::map<std::string, std::map<std::size_t, std::vector<LatencyMeasure>>> latency;
  std::optional<std::uint64_t> compacted_size;
  std::uint64_t query_peak_rss = 0;  // largest over runs
};

struct CollectionResult {
  std::string name;
  CorpusStats stats;
  std::map<std::string, std::size_t> queries;  // kind -> count
  std::vector<SystemResult> systems;
};

std::vector<CollectionResult> run_benchmark(const RunOptions& options);

// The child that times queries: opens `index` with the system named `slug`
// (kavosh, fts5, xapian), runs every query once to warm up, then `rounds`
// times with each threads count, and writes the latencies as JSON to `out`.
void run_queries(const std::string& slug, const std::filesystem::path& index,
                 const std::vector<std::pair<std::string, std::filesystem::path>>& queries,
                 const std::vector<std::size_t>& threads, std::size_t rounds,
                 const std::filesystem::path& out);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_RUNNER_H_
