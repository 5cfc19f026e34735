#include "indexer/indexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "common/features.h"
#include "common/shards.h"
#include "indexer/index_stores.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"
#include "indexer/root_records.h"
#include "indexer/roots.h"

namespace kavosh {
namespace {

struct Interrupted {};

// Counts problems by reason and passes them on. Called from the reader and
// from the pipelines' writer threads.
class CountingReporter : public Reporter {
 public:
  CountingReporter(Reporter& next, IndexSummary& summary) : next_(next), summary_(summary) {}
  void skipped(const std::string& path, std::uint64_t line, std::string_view reason) override {
    std::lock_guard lock(mutex_);
    ++summary_.skipped;
    // Group "invalid UTF-8 at byte 12" and "invalid UTF-8 at byte 40" together.
    std::string kind(reason.substr(0, reason.find(" at ")));
    ++summary_.skip_reasons[kind];
    next_.skipped(path, line, reason);
  }
  void noted(const std::string& path, std::string_view message) override {
    std::lock_guard lock(mutex_);
    next_.noted(path, message);
  }

 private:
  std::mutex mutex_;
  Reporter& next_;
  IndexSummary& summary_;
};

std::size_t default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

bool under_any(const std::string& path, const std::vector<std::string>& dirs) {
  return std::any_of(dirs.begin(), dirs.end(), [&](const std::string& dir) {
    return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
           path[dir.size()] == '/';
  });
}

struct RunState {
  std::unordered_set<std::string> seen_ids;
  std::unordered_set<std::string> listed;
  // Paths whose documents stay as they are: unchanged files, and files that
  // could not be read completely this time.
  std::unordered_set<std::string> kept;
  // Directories that could not be read: everything under them stays.
  std::vector<std::string> kept_dirs;
};

// Removes this root's documents whose file or line is gone, unless the
// guard refuses: no files found in a root that holds documents, or more
// than half of them would go.
void remove_missing(const IndexOptions& options, Stores& stores, const RunState& state,
                    std::uint32_t root, bool no_files, IndexSummary& summary) {
  std::vector<std::vector<Xapian::docid>> doomed(stores.size());
  std::uint64_t count = 0;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    stores[i]->for_each_document(
        root, [&](Xapian::docid docid, const std::string& id, const std::string& path) {
          if (!state.seen_ids.count(id) && !state.kept.count(path) &&
              !under_any(path, state.kept_dirs)) {
            doomed[i].push_back(docid);
            ++count;
            if (options.dry_run) {
              summary.would_remove.push_back(id);
            }
          }
        });
  }
  if (count == 0 || options.dry_run) {
    summary.removed = options.dry_run ? count : 0;
    return;
  }
  if (!options.allow_removals && (no_files || 2 * count > summary.root_documents)) {
    summary.removals_refused = count;
    summary.refused_because =
        no_files ? "the corpus folder holds no article files (empty, or not mounted?)"
                 : fmt::format("that is more than half of the {} documents indexed from it",
                               summary.root_documents);
    return;
  }
  for (std::size_t i = 0; i < stores.size(); ++i) {
    for (const Xapian::docid docid : doomed[i]) {
      stores[i]->remove(docid);
      ++summary.removed;
      if (stores[i]->pending() >= options.batch_size) {
        stores[i]->commit();
      }
    }
    stores[i]->for_each_file(root, [&](const std::string& path) {
      if (!state.listed.count(path) && !under_any(path, state.kept_dirs)) {
        stores[i]->forget_file(path);
      }
    });
  }
}

void compact_stores(const IndexOptions& options, Stores& stores, IndexSummary& summary) {
  // Each shard counts all of the run's changes: roughly its share, scaled.
  const std::uint64_t changed = (summary.added + summary.updated + summary.removed) / stores.size();
  for (const auto& store : stores) {
    if (options.stop != nullptr && options.stop->load()) {
      summary.interrupted = true;
      return;
    }
    const IndexStore::Compaction c =
        store->compact(changed, options.compact == IndexOptions::Compact::kAlways, options.stop);
    summary.interrupted = summary.interrupted || c.interrupted;
    summary.compacted = summary.compacted || c.done;
    summary.bytes_before += c.bytes_before;
    summary.bytes_after += c.bytes_after;
    summary.compact_seconds += c.seconds;
    if (!c.error.empty() && summary.compact_error.empty()) {
      summary.compact_error = c.error;
    }
  }
}

std::vector<std::unique_ptr<Pipeline>> make_pipelines(const IndexOptions& options, Stores& stores,
                                                      Reporter& reporter) {
  // One pipeline (and writer thread) per shard; the analysis threads are
  // shared out among them.
  const std::size_t jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  PipelineOptions pipeline_options;
  pipeline_options.jobs = std::max<std::size_t>(1, jobs / std::max<std::size_t>(1, stores.size()));
  pipeline_options.batch_size = options.batch_size;
  // Enough queued work to keep every analysis thread busy while the writer
  // commits a batch.
  pipeline_options.max_in_flight = std::max<std::size_t>(256, 64 * pipeline_options.jobs);
  pipeline_options.max_in_flight_bytes /= std::max<std::size_t>(1, stores.size());
  pipeline_options.reporter = &reporter;
  pipeline_options.dry_run = options.dry_run;
  pipeline_options.features = options.features;
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  for (const auto& store : stores) {
    pipelines.push_back(std::make_unique<Pipeline>(*store, pipeline_options));
  }
  return pipelines;
}

// Which files of the listing are unchanged since the last run. Decided
// before the pipelines own the stores; a file is read once a run, so its
// row is not changed before it is looked up. A file counts as unchanged only
// if every shard says so (an interrupted run may have committed it in some
// shards only).
std::vector<bool> unchanged_files(const CorpusListing& listing, Stores& stores) {
  std::vector<bool> unchanged(listing.files.size());
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    const CorpusFile& f = listing.files[i];
    unchanged[i] = !stores.empty() && std::all_of(stores.begin(), stores.end(), [&](auto& s) {
      return s->file_unchanged(f.relative, f.size, f.mtime_ns);
    });
  }
  return unchanged;
}

// Feeds the articles of a corpus listing to the pipelines, one per store (or,
// for a dry run of a new index, counts every article as added), keeping the
// summary's counts and the progress line up to date.
class CorpusFeed {
 public:
  CorpusFeed(const IndexOptions& options, const CorpusListing& listing, Stores& stores,
             Reporter& reporter, RunState& state, IndexSummary& summary)
      : options_(options),
        reporter_(reporter),
        state_(state),
        summary_(summary),
        pipelines_(make_pipelines(options, stores, reporter)),
        progress_(options.progress, listing.bytes) {}

  // The file's documents stay as they are.
  void keep(const CorpusFile& file) {
    state_.kept.insert(file.relative);
    for (const auto& pipeline : pipelines_) {
      pipeline->add_unchanged_file(file.relative);
    }
    bytes_done_ += file.size;
  }

  // Throws Interrupted when a stop is requested.
  void read(const CorpusFile& file) {
    const auto sink = [&](Article&& article) { add(std::move(article)); };
    const auto in_file = [&](std::uint64_t at) {
      counts();
      progress_.update(bytes_done_ + at, documents());
    };
    const ReadResult result =
        read_articles(file, reporter_, sink, options_.max_article_bytes, in_file);
    bytes_done_ += file.size;
    const bool read_in_full = !result.file_failed && result.problems == 0;
    if (!read_in_full) {
      state_.kept.insert(file.relative);
    }
    for (const auto& pipeline : pipelines_) {
      pipeline->add_file(file, read_in_full);
    }
  }

  // Before each file.
  void listed(const CorpusFile& file) {
    ++summary_.files;
    state_.listed.insert(file.relative);
    counts();
    progress_.update(bytes_done_, documents());
  }

  bool stop_requested() const {
    return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed);
  }

  // Everything read is written, interrupted or not.
  void finish() {
    for (const auto& pipeline : pipelines_) {
      pipeline->finish();
      summary_.would_add.insert(summary_.would_add.end(), pipeline->would_add().begin(),
                                pipeline->would_add().end());
      summary_.would_update.insert(summary_.would_update.end(), pipeline->would_update().begin(),
                                   pipeline->would_update().end());
    }
    counts();
    if (!summary_.interrupted) {
      progress_.update(bytes_done_, documents(), true);
    }
  }

 private:
  void add(Article&& article) {
    if (stop_requested()) {
      throw Interrupted{};
    }
    if (!state_.seen_ids.insert(article.id).second) {
      reporter_.skipped(article.path, article.line, fmt::format("duplicate id \"{}\"", article.id));
      return;
    }
    if (pipelines_.empty()) {
      ++summary_.added;
      summary_.would_add.push_back(std::move(article.id));
      return;
    }
    const std::size_t shard =
        pipelines_.size() == 1 ? 0 : shards::shard_of(article.id, pipelines_.size());
    pipelines_[shard]->add_article(std::move(article));
  }

  void counts() {
    if (pipelines_.empty()) {
      return;
    }
    summary_.added = summary_.updated = summary_.unchanged = 0;
    for (const auto& pipeline : pipelines_) {
      summary_.added += pipeline->added();
      summary_.updated += pipeline->updated();
      summary_.unchanged += pipeline->unchanged();
    }
  }

  std::uint64_t documents() const { return summary_.added + summary_.updated + summary_.unchanged; }

  const IndexOptions& options_;
  Reporter& reporter_;
  RunState& state_;
  IndexSummary& summary_;
  std::vector<std::unique_ptr<Pipeline>> pipelines_;
  Progress progress_;
  std::uint64_t bytes_done_ = 0;
};

// Reads every file of the listing into the stores.
void read_corpus(const IndexOptions& options, const CorpusListing& listing, Stores& stores,
                 Reporter& reporter, RunState& state, IndexSummary& summary) {
  const std::vector<bool> unchanged = unchanged_files(listing, stores);
  CorpusFeed feed(options, listing, stores, reporter, state, summary);
  try {
    for (std::size_t i = 0; i < listing.files.size(); ++i) {
      const CorpusFile& file = listing.files[i];
      if (feed.stop_requested()) {
        throw Interrupted{};
      }
      feed.listed(file);
      if (unchanged[i]) {
        feed.keep(file);
      } else {
        feed.read(file);
      }
    }
  } catch (const Interrupted&) {
    summary.interrupted = true;
  }
  feed.finish();
}

// Commits, joins near-duplicate clusters across shards, compacts.
void finish_run(const IndexOptions& options, Stores& stores, IndexSummary& summary) {
  for (const auto& store : stores) {
    store->commit();
  }
  if (stores.size() > 1 && !summary.interrupted) {
    // Near duplicates put into different shards within one batch window did
    // not see each other; every shard has committed now.
    for (const auto& store : stores) {
      if (store->join_peer_clusters() > 0) {
        store->commit();
      }
    }
  }
  if (!summary.interrupted && options.compact != IndexOptions::Compact::kNever) {
    compact_stores(options, stores, summary);
  }
}

// The stores' figures at the end of the run.
void count_documents(const Stores& stores, std::uint64_t batches_before, IndexSummary& summary) {
  for (const auto& store : stores) {
    summary.documents += store->document_count();
    summary.batches += store->committed_batches();
  }
  summary.batches -= batches_before;
}

}  // namespace

IndexSummary run_index(const IndexOptions& options, Reporter& user_reporter) {
  const FeaturesScope scope(options.features);
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
  CountingReporter reporter(user_reporter, summary);

  // List first: a missing corpus must not create an empty index.
  WalkOptions walk;
  walk.include = options.include;
  walk.exclude = options.exclude;
  walk.default_excludes = options.default_excludes;
  walk.skip = index_directories(options.index);
  CorpusListing listing = list_corpus(options.corpus, walk, reporter);
  const CorpusRoot folder = identify_folder(options.corpus);
  refuse_corpus_in_index(folder, options.index);
  summary.unreadable = listing.unreadable;
  summary.outside = listing.outside;

  Peers peers;
  Stores stores = open_stores(options, peers, summary);
  const CorpusRoot root = resolve_root(folder, !listing.files.empty(), stores, summary);
  RunState state;
  for (CorpusFile& file : listing.files) {
    file.relative.insert(0, root.prefix());
  }
  for (const std::string& dir : listing.unreadable) {
    state.kept_dirs.push_back(root.prefix() + dir);
  }
  std::uint64_t batches_before = 0;
  for (const auto& store : stores) {
    batches_before += store->committed_batches();
  }
  read_corpus(options, listing, stores, reporter, state, summary);

  if (!summary.interrupted) {
    remove_missing(options, stores, state, root.number, listing.files.empty(), summary);
  }
  if (options.dry_run) {
    return summary;  // the stores' destructors drop what is pending
  }
  finish_run(options, stores, summary);
  count_documents(stores, batches_before, summary);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace kavosh
