// Runs every system over one data set, with the original queries and each
// rewrite of them, and scores the results.
#ifndef KAVOSH_BENCH_RELEVANCE_RUNNER_H_
#define KAVOSH_BENCH_RELEVANCE_RUNNER_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/relevance/dataset.h"
#include "bench/relevance/metrics.h"
#include "bench/relevance/systems.h"

namespace kavosh::bench {

enum class Role {
  kKavosh,    // Kavosh as shipped
  kAblation,  // Kavosh with one feature off
  kPeer,      // another engine, to compare with
};

struct SystemSpec {
  std::string name;
  Role role = Role::kPeer;
  std::function<std::unique_ptr<System>()> make;
};

// The original queries, or one rewrite of them.
struct QuerySet {
  std::string name;
  std::vector<Query> queries;
  std::size_t changed = 0;  // queries the rewrite changed
};

// The original queries first, then one set per rewrite(), in order; every
// set holds the same query ids in the same order.
std::vector<QuerySet> make_query_sets(const std::vector<Query>& queries);

struct SystemResult {
  std::string name;
  Role role = Role::kPeer;
  std::vector<Scores> scores;  // one per query set; empty if the system failed
  ErrorParts parts;            // of the error on the original queries
  std::string error;           // why it failed
};

struct DatasetResult {
  std::string name;
  std::size_t documents = 0;
  std::size_t queries = 0;         // queries with a judged-relevant document
  std::size_t judged = 0;          // judged-relevant (query, document) pairs
  std::size_t judged_missing = 0;  // of those, documents not in the data set
  std::size_t judged_copied = 0;   // judged documents with a near-copy (near_copies())
  std::vector<QuerySet> query_sets;
  std::vector<SystemResult> systems;  // in the order of the specs
};

struct RunnerOptions {
  std::filesystem::path work_dir;  // scratch space; each data set gets a subdirectory
  std::size_t jobs = 1;            // systems indexed and searched at once
  std::size_t depth = 100;         // results kept per query
  bool keep_work = false;          // leave indexes and run files in work_dir
};

// Indexes `dataset` with every system and runs every query set (a query a
// rewrite left unchanged keeps its original ranking). A system
// that fails is reported in its result, and the others go on; progress goes
// to stderr. Throws std::runtime_error if the documents cannot be read.
DatasetResult run_dataset(const Dataset& dataset, const std::vector<SystemSpec>& specs,
                          const RunnerOptions& options);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_RUNNER_H_
