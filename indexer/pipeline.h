// The stages of an indexing run after reading: deciding which articles
// changed, analyzing those on several threads, and writing the results to
// the index store on one thread, in the order they were read.
//
//   reader (caller) --> writer thread: content hash vs. SQLite, unchanged
//                         |      ^     articles dropped here, before analysis
//                         v      |
//                   analysis threads: build_document()
//                                |
//                   writer thread: IndexStore::put(), in reading order,
//                                  commit() every batch_size documents
//
// Reading order decides Xapian docids, so a corpus gets the same docids
// whatever the number of threads. At most max_in_flight articles are between
// the reader and the store at any time: memory is bounded by that window
// (and by the batch Xapian keeps until it commits), not by the corpus.
#ifndef KAVOSH_INDEXER_PIPELINE_H_
#define KAVOSH_INDEXER_PIPELINE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/article.h"
#include "common/features.h"
#include "indexer/corpus_reader.h"

namespace kavosh {

class IndexStore;

struct PipelineOptions {
  // Threads that analyze articles. Default: 1.
  std::size_t jobs = 1;
  // Changed documents per commit. Default: 2000.
  std::size_t batch_size = 2000;
  // Articles read but not yet written, at most; the reader waits beyond.
  // Default: 256.
  std::size_t max_in_flight = 256;
  // Bytes of text (title and body) read but not yet written, at most; one
  // larger article still passes alone. Default: 64 MiB.
  std::size_t max_in_flight_bytes = std::size_t{64} << 20;
  // Told, from the writer thread, about articles that cannot be indexed (an
  // allocation or analysis failure, an id another corpus root owns); the run
  // goes on without them. Must be thread-safe. Default: none (not told).
  Reporter* reporter = nullptr;
  // Decide only: count what would be added and updated, and list it, but
  // analyze and write nothing. Default: false.
  bool dry_run = false;
  // Held by each of the pipeline's threads (common/features.h).
  Features features;
};

// Threads: the add_*() and finish() calls come from one thread, the
// reader's. From construction until finish() returns or the destructor
// runs, the pipeline's writer thread is the only user of `store`.
class Pipeline {
 public:
  Pipeline(IndexStore& store, const PipelineOptions& options);
  // Stops the threads; what is still queued is not written (and the store's
  // destructor drops the uncommitted batch).
  ~Pipeline();

  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Queues an article: unchanged ones (same content hash as indexed) are
  // counted, the others analyzed and written. Blocks while the window is
  // full. Throws the first error of the writer or an analysis thread (an
  // an Error from the store, say); the pipeline stops at the first error.
  void add_article(Article&& article);
  // Queues, behind the file's articles: the file was read in full (its size
  // and time are remembered, so an unchanged file is skipped next time), or
  // not (it is forgotten, so the next run reads it again).
  void add_file(const CorpusFile& file, bool read_in_full);
  // Queues a file skipped as unchanged: its documents count as unchanged.
  void add_unchanged_file(const std::string& path);

  // Writes everything queued and stops the threads; does not commit the
  // last batch. Throws as add_article().
  void finish();

  // Documents added, updated and left unchanged so far.
  std::uint64_t added() const { return added_.load(std::memory_order_relaxed); }
  std::uint64_t updated() const { return updated_.load(std::memory_order_relaxed); }
  std::uint64_t unchanged() const { return unchanged_.load(std::memory_order_relaxed); }
  // With dry_run, after finish(): the ids that would be added and updated.
  const std::vector<std::string>& would_add() const { return would_add_; }
  const std::vector<std::string>& would_update() const { return would_update_; }

 private:
  struct Step;

  void push(std::unique_ptr<Step> step);
  void write_loop();
  void analyze_loop();
  // Writer: drops an unchanged article, or sends a changed one to analysis.
  void decide(std::unique_ptr<Step> step);
  void apply(Step& step);
  void skip_failed(Step& step);
  void fail(std::exception_ptr error);
  void stop_threads();

  IndexStore& store_;
  const PipelineOptions options_;

  std::mutex mutex_;
  std::condition_variable writer_wakeup_;  // a step to decide or apply, or the end
  std::condition_variable work_;           // an article to analyze, or the end
  std::condition_variable space_;          // room in the window, or a failure
  // Queued, not yet decided; then decided, in reading order, until written.
  std::deque<std::unique_ptr<Step>> undecided_;
  std::deque<std::unique_ptr<Step>> decided_;
  // Decided steps waiting for an analysis thread; owned by decided_.
  std::deque<Step*> to_analyze_;
  std::size_t in_flight_ = 0;
  std::size_t in_flight_bytes_ = 0;
  bool input_done_ = false;   // the reader called finish()
  bool stopping_ = false;     // threads must return
  std::exception_ptr error_;  // the first failure

  std::atomic<std::uint64_t> added_{0};
  std::atomic<std::uint64_t> updated_{0};
  std::atomic<std::uint64_t> unchanged_{0};

  // Paths of files one of whose articles could not be indexed: the file
  // is not remembered as read, so the next run reads it again. Writer only.
  std::unordered_set<std::string> failed_paths_;
  std::vector<std::string> would_add_;
  std::vector<std::string> would_update_;

  std::vector<std::thread> analyzers_;
  std::thread writer_;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_PIPELINE_H_
