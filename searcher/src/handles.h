// The searcher's database handles: all shards opened as one database,
// pooled for the threads that search, and renewed when kavosh-index
// commits or swaps a compacted copy in.
#ifndef KAVOSH_SEARCHER_HANDLES_H_
#define KAVOSH_SEARCHER_HANDLES_H_

#include <sys/types.h>
#include <xapian.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kavosh/error.h"

namespace kavosh {

// Opens one database. kavosh-index swaps a compacted copy in with one
// atomic rename, but a reader opening the database file by file at that
// instant may see parts of both: it tries again, a few times, before the
// error stands.
Xapian::Database open_xapian(const std::string& path);

class Handles {
 public:
  // `paths`: what Xapian opens for each shard (a database directory or a
  // stub file of remote shards); `dir` names the index in errors.
  Handles(std::vector<std::string> paths, std::filesystem::path dir);

  // Which database each path holds now: kavosh-index swaps a compacted
  // copy in by renaming directories, so the inode tells one copy from the
  // next.
  using Identity = std::vector<ino_t>;
  Identity identity() const;

  struct Handle {
    std::unique_ptr<Xapian::Database> db;
    Identity identity;  // of the copies it was opened on
  };

  // Whether every shard is an index directory on this machine (none a stub
  // file of remote shards): known once the handles are made.
  bool local() const { return local_; }

  // All shards as one database: Xapian merges their statistics, so scores
  // are those of a single index of the same documents.
  Handle open_database() const;

  // Opens a first handle and keeps it for the first search; returns its
  // metadata `key`. Throws Xapian::Error.
  std::string prime(const std::string& key);

  // A database handle for one thread's use, up to date with the last
  // commit and opened on the copies in place now: handles of a copy that
  // has been replaced are dropped.
  class Lease {
   public:
    explicit Lease(const Handles& handles);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Xapian::Database& db() { return *handle_.db; }

   private:
    const Handles& handles_;
    Handle handle_;
  };

  // Runs `fn`, and again if a writer replaced what it read: after a commit
  // the lease reopens its handle (DatabaseModifiedError); when a compaction
  // swapped in a new copy during the search, what was read may mix blocks
  // of both copies, whether or not Xapian noticed (a corrupt-looking block,
  // a short read, or silently wrong counts), so the search runs again on
  // the new copy. An error that persists through every attempt is real.
  // Turns Xapian's errors into kavosh::Error located at the index.
  template <typename Fn>
  auto guarded(Fn fn) const -> decltype(fn()) {
    constexpr int kAttempts = 4;
    try {
      for (int attempt = 1;; ++attempt) {
        const Identity before = identity();
        try {
          auto results = fn();
          if (identity() == before || attempt == kAttempts) {
            return results;
          }
        } catch (const Xapian::DatabaseModifiedError&) {
          if (attempt == kAttempts) {
            throw;
          }
        } catch (const Xapian::DatabaseError&) {
          if (attempt == kAttempts) {
            throw;
          }
          drop();
        }
      }
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw Error(Error::kCorruption, e.get_description(), Location{dir_.string()});
    } catch (const Xapian::Error& e) {
      throw Error(Error::kIo, e.get_description(), Location{dir_.string()});
    } catch (const Error& e) {
      if (e.code() == Error::kCorruption && e.location().where.empty()) {
        throw Error(e.code(), e.what(), Location{dir_.string()});
      }
      throw;
    }
  }

 private:
  void drop() const;

  std::vector<std::string> paths_;
  std::filesystem::path dir_;
  bool local_;
  mutable std::mutex mutex_;
  mutable std::vector<Handle> pool_;
};

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_HANDLES_H_
