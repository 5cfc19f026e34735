// The documents of a benchmark collection: the *.jsonl and *.jsonl.gz files
// of a folder (as kavosh-index reads them), for the peer systems to index.
#ifndef KAVOSH_BENCH_SPEED_CORPUS_H_
#define KAVOSH_BENCH_SPEED_CORPUS_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kavosh::bench {

struct Doc {
  std::string id;
  std::string title;
  std::string body;
};

// The article files of `dir` (recursively), sorted: *.jsonl, *.jsonl.gz.
std::vector<std::filesystem::path> article_files(const std::filesystem::path& dir);

// Calls fn for each article of `dir` in order; lines that are not JSON
// objects with a string "body" are skipped. Throws std::runtime_error if a
// file cannot be read.
void for_each_doc(const std::filesystem::path& dir, const std::function<void(Doc&&)>& fn);

struct CorpusStats {
  std::uint64_t docs = 0;
  std::uint64_t text_bytes = 0;  // title + body, UTF-8
};

CorpusStats corpus_stats(const std::filesystem::path& dir);

// Query lines "id<TAB>text" (or just "text"); the texts, in order.
std::vector<std::string> read_queries(const std::filesystem::path& file);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_CORPUS_H_
