// A relevance data set: documents, queries and judgments in one folder.
#ifndef KAVOSH_BENCH_RELEVANCE_DATASET_H_
#define KAVOSH_BENCH_RELEVANCE_DATASET_H_

#include <filesystem>
#include <string>
#include <vector>

#include "bench/relevance/trec.h"

namespace kavosh::bench {

struct Query {
  std::string id;
  std::string text;
};

struct Dataset {
  std::string name;            // the folder's name
  std::filesystem::path docs;  // docs.jsonl or docs.jsonl.gz
  std::vector<Query> queries;  // in file order
  Qrels qrels;
};

// The folders under `root` holding queries.tsv, qrels.txt and docs.jsonl or
// docs.jsonl.gz, by name; if `only` is not empty, just those named in it
// (throws std::runtime_error if one of them is not found).
std::vector<Dataset> find_datasets(const std::filesystem::path& root,
                                   const std::vector<std::string>& only);

// Reads "qid<TAB>query" lines. Throws std::runtime_error on a line without a tab.
std::vector<Query> read_queries(const std::filesystem::path& path);

// Writes queries as read_queries reads them. Throws std::runtime_error if a
// query holds a tab or newline, or on a write error.
void write_queries(const std::filesystem::path& path, const std::vector<Query>& queries);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_DATASET_H_
