// What one indexing run is asked to do (IndexOptions), and what it did
// (IndexSummary).
#ifndef KAVOSH_INDEXER_INDEX_OPTIONS_H_
#define KAVOSH_INDEXER_INDEX_OPTIONS_H_

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/features.h"
#include "indexer/corpus_reader.h"

namespace kavosh {

struct IndexOptions {
  std::filesystem::path corpus;
  std::filesystem::path index;
  // Changed documents per commit. Default: 2000.
  std::size_t batch_size = 2000;
  // Threads that analyze documents (one more reads, and one writes to the
  // index in reading order, so the result does not depend on it). 0: one per
  // core. Default: 0.
  std::size_t jobs = 0;
  // Shards: 0 keeps what the index has (a new index gets one, a plain
  // index); N > 1 makes a new index of N shards (see common/shards.h), each
  // document in the shard of its id's hash. Giving another N than an
  // existing index has is an Error (kBadInput). Default: 0.
  std::size_t shards = 0;
  // Compact the Xapian database after the run (IndexStore::compact): kAuto
  // when the documents changed since the last compaction reach a quarter of
  // the index (so always after a first full run), kAlways, or kNever.
  enum class Compact { kAuto, kAlways, kNever };
  Compact compact = Compact::kAuto;
  // Which files of the corpus are articles (corpus_listing.h). Default: all
  // .txt, .json, .jsonl (gzipped or not) but kDefaultExcludes.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool default_excludes = true;
  // Articles larger than this are skipped with a warning. Default:
  // kDefaultMaxArticleBytes.
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
  // Guarded removals: a run that finds no files in a root that holds
  // documents, or would remove more than half of the root's documents,
  // removes nothing (IndexSummary::removals_refused) unless this is set.
  // Default: false.
  bool allow_removals = false;
  // Write nothing: count and list what would be added, updated and removed.
  // Default: false.
  bool dry_run = false;
  // Run Xapian's structural check of every table before writing, and refuse
  // a damaged index (Error kCorruption). Default: true.
  bool verify = true;
  // The analysis features (common/features.h), held by every thread of the
  // run and recorded in a new index. Default: all on.
  Features features;
  // Print a progress line on stderr. Default: off.
  bool progress = false;
  // Set (e.g. by a signal handler) to stop after the current document; what
  // was read so far is committed. Default: none.
  const std::atomic<bool>* stop = nullptr;
};

struct IndexSummary {
  std::uint64_t files = 0;
  std::uint64_t added = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t removed = 0;
  std::uint64_t skipped = 0;  // articles, lines or files that could not be read
  std::map<std::string, std::uint64_t> skip_reasons;
  std::uint64_t documents = 0;  // in the index at the end, all shards
  std::size_t shards = 1;       // shard indexes written
  // Compaction of the Xapian database(s) after the run, if any.
  bool compacted = false;
  std::uint64_t bytes_before = 0;  // Xapian database bytes before and after
  std::uint64_t bytes_after = 0;
  double compact_seconds = 0;
  std::string compact_error;  // compaction failed (the index is intact)
  std::uint64_t batches = 0;  // commits made by this run
  double seconds = 0;
  bool interrupted = false;
  bool recovered = false;     // metadata was rebuilt after an interrupted run
  std::string sqlite_damage;  // ... or because it was damaged: how

  // The corpus root of this run (indexer/roots.h).
  std::string root_path;
  std::string root_label;            // "" for the first root
  bool new_root = false;             // first run over this folder
  std::uint64_t root_documents = 0;  // documents of this root before the run
  std::size_t other_roots = 0;       // roots of the index besides this one
  // Removals the guard refused (allow_removals names the way), with why.
  std::uint64_t removals_refused = 0;
  std::string refused_because;
  // Directories that could not be read (their documents are kept), and
  // symlinked directories followed out of the root ("link -> target").
  std::vector<std::string> unreadable;
  std::vector<std::string> outside;
  // With dry_run: ids that would be added, updated and removed.
  std::vector<std::string> would_add;
  std::vector<std::string> would_update;
  std::vector<std::string> would_remove;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_OPTIONS_H_
