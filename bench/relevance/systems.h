// The search systems the benchmark compares, behind one interface.
#ifndef KAVOSH_BENCH_RELEVANCE_SYSTEMS_H_
#define KAVOSH_BENCH_RELEVANCE_SYSTEMS_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/relevance/dataset.h"
#include "bench/relevance/documents.h"
#include "bench/relevance/trec.h"

namespace kavosh::bench {

// One system over one data set: index() once, then search() any number of
// times. An instance is used by one thread at a time; different instances
// may run in parallel. Failures throw std::runtime_error.
class System {
 public:
  virtual ~System() = default;

  // Indexes `documents`, as read from `dataset.docs`. `work_dir` is an empty
  // directory the system may fill; the caller removes it afterwards.
  virtual void index(const Dataset& dataset, const std::vector<Document>& documents,
                     const std::filesystem::path& work_dir) = 0;

  // The ranked document ids for every query, at most `depth` each. A query
  // the system rejects (punctuation only, a syntax error) gets none.
  virtual Run search(const std::vector<Query>& queries, std::size_t depth) = 0;
};

struct KavoshOptions {
  std::filesystem::path indexer;  // the kavosh-index executable
  // Feature named in KAVOSH_ABLATE for indexing and searching; empty: none.
  // Ablated searches run in a child: this executable's `search-kavosh`.
  std::string ablate;
};

// Kavosh, indexed by kavosh-index and searched through the public API.
std::unique_ptr<System> make_kavosh(const KavoshOptions& options);

// SQLite FTS5: unicode61 remove_diacritics 2, bm25() with title weight 2.
std::unique_ptr<System> make_fts5();

// Xapian without Persian analysis: TermGenerator without a stemmer, title
// wdf 2, QueryParser (default flags, OP_OR), BM25.
std::unique_ptr<System> make_xapian_plain();

// Lucene++ 3.0.8 with its contrib PersianAnalyzer, classic TF-IDF scoring,
// title boost 2.
std::unique_ptr<System> make_lucene_persian();

// Searches the Kavosh index in `index_dir` in this process, with the
// ranking features KAVOSH_ABLATE leaves on (the analysis features are those
// the index records). Throws
// std::runtime_error if the index cannot be opened or read.
Run search_kavosh(const std::filesystem::path& index_dir, const std::vector<Query>& queries,
                  std::size_t depth);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_SYSTEMS_H_
