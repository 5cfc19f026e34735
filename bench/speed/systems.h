// The systems the speed benchmark compares: Kavosh (kavosh-index, and the
// public kavosh::Searcher API), SQLite FTS5 (unicode61, positions kept) and
// plain Xapian (TermGenerator, no Persian analysis). The peers are driven
// from C++ here, as a program embedding them would.
#ifndef KAVOSH_BENCH_SPEED_SYSTEMS_H_
#define KAVOSH_BENCH_SPEED_SYSTEMS_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kavosh::bench {

// One thread's handle for queries.
class QuerySession {
 public:
  virtual ~QuerySession() = default;
  // Runs `query` as a user sees it: the first 10 hits, each with a snippet.
  // Returns the hits shown; 0 for a query the system rejects.
  virtual std::size_t search(const std::string& query) = 0;
};

// An opened index, shared by the query threads.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::unique_ptr<QuerySession> session() = 0;
};

class System {
 public:
  virtual ~System() = default;
  virtual std::string name() const = 0;
  // The command line that indexes `corpus` into `index`, run as a child
  // process so that its time and peak memory are its own.
  virtual std::vector<std::string> index_command(const std::filesystem::path& corpus,
                                                 const std::filesystem::path& index) const = 0;
  virtual std::unique_ptr<Engine> open(const std::filesystem::path& index) const = 0;
};

// kavosh-index at `index_bin`, with `jobs` analysis threads (0: its default).
std::unique_ptr<System> kavosh_system(const std::string& index_bin, std::size_t jobs,
                                      std::size_t shards = 1);
// `self` is this benchmark's executable, which indexes the peers in its
// index-fts5 and index-xapian modes.
std::unique_ptr<System> fts5_system(const std::string& self);
std::unique_ptr<System> xapian_system(const std::string& self);

// The peers' indexers: documents committed every `batch` (as kavosh-index
// commits every 2000 by default). Throw std::runtime_error on failure.
void index_fts5(const std::filesystem::path& corpus, const std::filesystem::path& index,
                std::size_t batch);
void index_xapian(const std::filesystem::path& corpus, const std::filesystem::path& index,
                  std::size_t batch);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_SYSTEMS_H_
