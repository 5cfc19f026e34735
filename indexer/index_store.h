// An index directory opened for writing: the Xapian database and the SQLite
// metadata, kept in agreement.
//
// Consistency: changes are committed in batches. Each batch commits Xapian
// first, recording the batch number in Xapian's user metadata atomically with
// the documents, then SQLite, recording the same number in the same
// transaction. A crash between the two leaves SQLite one batch behind; the
// next open sees the numbers differ and rebuilds SQLite's rows from the
// records stored in Xapian, which are the source of truth.
//
// Creation is atomic too: the Xapian database is built in INDEX_DIR/xapian.new
// and renamed to INDEX_DIR/xapian once it holds its version metadata, so an
// index directory either has no xapian/ or one that opens.
//
// Locking: one writer at a time, by an flock on INDEX_DIR/writer.lock held
// for the store's lifetime (the kernel drops it when a process dies, so a
// killed run never leaves a stale lock). Readers take no lock: they see the
// last Xapian commit.
#ifndef KAVOSH_INDEXER_INDEX_STORE_H_
#define KAVOSH_INDEXER_INDEX_STORE_H_

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/doc_builder.h"
#include "kavosh/error.h"

namespace kavosh {

struct MetadataTables;  // metadata_tables.h

class IndexStore {
 public:
  // A shard's committed documents as the other shards' writers read them:
  // one handle per shard, shared under its mutex, so that a run over N
  // shards opens N read handles, not N * (N - 1).
  struct SharedPeer {
    explicit SharedPeer(const std::filesystem::path& dir);
    std::mutex mutex;
    Xapian::Database db;
  };

  // Opens INDEX_DIR for writing, creating it if it does not exist (or is an
  // empty directory). Throws Error, with a one-line message naming the
  // directory, if it cannot be created or written, is locked by another
  // process ("index is locked by another process"), is not a Kavosh index,
  // or was built with another schema or analyzer version.
  // Every method below throws Error, naming the directory, when Xapian
  // or SQLite fails (a full disk, a file too large); what was committed
  // before stays, and the destructor discards the rest.
  // With `verify`, Xapian's structural check of every table runs first
  // (about 2% of the time the index took to build) and a damaged index is
  // refused with Error saying how to recover. A damaged or missing
  // metadata.sqlite is always rebuilt from Xapian (the damaged file kept as
  // metadata.sqlite.damaged).
  static std::unique_ptr<IndexStore> open(const std::filesystem::path& dir, bool verify = false);
  ~IndexStore();

  IndexStore(const IndexStore&) = delete;
  IndexStore& operator=(const IndexStore&) = delete;

  // True if open() had to rebuild SQLite from Xapian after an interrupted run.
  bool recovered() const { return recovered_; }
  // Why metadata.sqlite was rebuilt as damaged, or "".
  const std::string& sqlite_damage() const { return sqlite_damage_; }

  struct Stored {
    Xapian::docid docid = 0;
    std::string hash;
    std::uint32_t root = 0;  // the corpus root it was read from
  };
  std::optional<Stored> find(std::string_view id);

  // Adds a new document or replaces the one with the same id, in the
  // near-duplicate cluster of the most similar indexed document (MinHash
  // similarity at least kDuplicateThreshold) of this store or of its peers,
  // or in a cluster of its own.
  void put(BuiltDoc&& doc);

  // The other shards of a sharded index, whose committed documents put()
  // consults too, so that copies of a story in different shards share a
  // cluster. Read-only; reopened at each commit of this store. `peer` must
  // outlive the store.
  void add_peer(SharedPeer& peer) { peers_.push_back(&peer); }

  // After every shard has committed this run's documents: clusters made by
  // this run that have a near duplicate in a peer, put there while neither
  // could see the other (both uncommitted), join the peer's cluster if its
  // label sorts first, so that a pair ends in one cluster whichever shard
  // runs this first. Returns the number of documents moved; commit() after.
  std::size_t join_peer_clusters();
  void remove(Xapian::docid docid);

  // The corpus root that put() and remember_file() record from now on
  // (IndexOptions, indexer/roots.h). Default: 0.
  void set_root(std::uint32_t root) { root_ = root; }
  std::uint32_t root() const { return root_; }
  // The roots record (schema::kMetaRoots), as committed or as set; set_roots()
  // is committed with the next commit().
  std::string roots() const;
  void set_roots(const std::string& record);

  // Whether a file's size and modification time match the last full read.
  bool file_unchanged(std::string_view path, std::uint64_t size, std::int64_t mtime_ns);
  void remember_file(std::string_view path, std::uint64_t size, std::int64_t mtime_ns);
  void forget_file(std::string_view path);

  // Number of documents read from the file at `path`.
  std::uint64_t documents_in(std::string_view path);

  // Calls fn(docid, id, path) for every document read from `root`.
  void for_each_document(
      std::uint32_t root,
      const std::function<void(Xapian::docid, const std::string&, const std::string&)>& fn);
  // Calls fn(path) for every remembered file of `root`.
  void for_each_file(std::uint32_t root, const std::function<void(const std::string&)>& fn);
  // Documents read from `root`.
  std::uint64_t documents_of_root(std::uint32_t root);
  // Whether some document's path starts with "NAME/".
  bool has_top_level(const std::string& name);

  // Changes not yet committed.
  std::size_t pending() const { return pending_; }
  // Commits the pending batch to Xapian, then SQLite, and is the durability
  // point: once it returns, a crash loses nothing of the batch.
  void commit();

  // Compaction. Xapian's B-trees fill only partly as batches are merged in
  // (about half the bytes of an index built batch by batch are slack), so
  // after a run the database may be rewritten compactly
  // (Xapian::Database::compact, docids kept, so SQLite still agrees) into
  // INDEX_DIR/xapian.compact and swapped in atomically (renameat2
  // RENAME_EXCHANGE): INDEX_DIR/xapian is whole at every moment, and a
  // leftover xapian.compact is removed by the next open(). Readers keep
  // what they have open and see the compact copy when they reopen.
  struct Compaction {
    bool done = false;
    std::uint64_t bytes_before = 0;
    std::uint64_t bytes_after = 0;
    double seconds = 0;
    std::string error;         // compaction failed; the index is as it was
    bool interrupted = false;  // stopped by `stop`; the index is as it was
  };
  // Counts `changed` documents (added, updated, removed) towards the next
  // compaction, and compacts if `force` or if the documents changed since
  // the last one reach a quarter of the index. Nothing may be pending
  // (call after commit()). Throws Error if the index cannot be
  // reopened afterwards.
  // Stops early, leaving the index as it was, once `stop` is set.
  Compaction compact(std::uint64_t changed, bool force, const std::atomic<bool>* stop = nullptr);

  std::uint64_t document_count() const;
  std::uint64_t committed_batches() const { return batch_; }

 private:
  struct Lock;
  IndexStore(const std::filesystem::path& dir, std::unique_ptr<Lock> lock);
  static void create(const std::filesystem::path& dir);
  void rebuild_sqlite();
  void open_sqlite();
  // The most similar document's cluster in `db`, if its similarity beats
  // `best` (which is raised to it).
  void best_cluster_in(Xapian::Database& db, const Xapian::Document& doc, double& best,
                       std::string& cluster);
  // The cluster of the most similar document here or in a peer, or `own`.
  std::string cluster_of(const Xapian::Document& doc, const std::string& own);
  // compact()'s steps: the copy made and swapped in (what went wrong told in
  // `result`), then the live database opened again.
  void swap_in_compact_copy(const std::atomic<bool>* stop, Compaction& result);
  void reopen_after_compaction();
  std::vector<SharedPeer*> peers_;
  // With peers: the clusters this run created, and their documents.
  std::map<std::string, std::vector<Xapian::docid>> new_clusters_;

  // Declared first, so it is released last, after both databases closed.
  std::unique_ptr<Lock> lock_;
  std::filesystem::path dir_;
  Xapian::WritableDatabase xapian_;
  bool in_transaction_ = false;
  std::unique_ptr<MetadataTables> sql_;
  std::uint64_t batch_ = 0;
  std::size_t pending_ = 0;
  std::uint32_t root_ = 0;
  bool recovered_ = false;
  std::string sqlite_damage_;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_STORE_H_
