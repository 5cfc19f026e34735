#include "indexer/indexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "common/schema.h"
#include "common/shards.h"
#include "indexer/index_store.h"
#include "indexer/pipeline.h"
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

// One line on stderr, by bytes of the whole corpus read: percent,
// documents per second and time left, redrawn at most five times a second.
class Progress {
 public:
  Progress(bool enabled, std::uint64_t total_bytes)
      : enabled_(enabled), total_(static_cast<double>(std::max<std::uint64_t>(total_bytes, 1))) {}
  void update(std::uint64_t done_bytes, std::uint64_t documents, bool final = false) {
    if (!enabled_) {
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && !final) {
      return;
    }
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double fraction = std::min(1.0, static_cast<double>(done_bytes) / total_);
    std::string eta = "--";
    if (fraction > 0.001 && elapsed > 1) {
      const auto left = static_cast<long long>(elapsed / fraction - elapsed);
      eta = fmt::format("{}:{:02}", left / 60, left % 60);
    }
    fmt::print(stderr, "\r\033[K{:5.1f}%  {:.0f} MB of {:.0f} MB  {} documents  {:.0f}/s  ETA {}",
               100 * fraction, static_cast<double>(done_bytes) / 1e6, total_ / 1e6, documents,
               elapsed > 0 ? static_cast<double>(documents) / elapsed : 0.0, eta);
    std::fflush(stderr);
  }
  ~Progress() {
    if (enabled_) {
      std::fputs("\r\033[K", stderr);
    }
  }

 private:
  bool enabled_;
  double total_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

std::size_t default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

}  // namespace

std::vector<std::filesystem::path> index_parts(const std::filesystem::path& index,
                                               std::size_t requested) {
  namespace fs = std::filesystem;
  std::optional<std::vector<fs::path>> shards = shards::read_manifest(index);
  if (!shards && requested > 1) {
    std::error_code ec;
    if (fs::exists(index / schema::kXapianDir, ec)) {
      throw Error(
          Error::kBadInput,
          fmt::format("{}: a single index, not {} shards: build the shards in a new directory",
                      index.string(), requested));
    }
    shards = shards::write_manifest(index, requested);
  }
  if (!shards) {
    return {index};
  }
  if (requested != 0 && requested != shards->size()) {
    throw Error(Error::kBadInput,
                fmt::format("{}: has {} shards, not {}: build {} shards in a new directory",
                            index.string(), shards->size(), requested, requested));
  }
  return *shards;
}

namespace {

namespace fs = std::filesystem;
using Stores = std::vector<std::unique_ptr<IndexStore>>;
// Declared before the Stores that point into them, so they outlive them.
using Peers = std::deque<IndexStore::SharedPeer>;

// The index directory and its shards, by device and inode: never read as
// part of a corpus that contains them.
std::vector<std::pair<std::uint64_t, std::uint64_t>> index_directories(const fs::path& index) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  std::error_code ec;
  if (!fs::is_directory(index, ec)) {
    return keys;
  }
  const CorpusRoot dir = identify_folder(index);
  keys.emplace_back(dir.device, dir.inode);
  for (const auto& entry : fs::directory_iterator(index, ec)) {
    if (entry.is_directory(ec) && fs::exists(entry.path() / schema::kXapianDir, ec)) {
      const CorpusRoot shard = identify_folder(entry.path());
      keys.emplace_back(shard.device, shard.inode);
    }
  }
  return keys;
}

void refuse_corpus_in_index(const CorpusRoot& corpus, const fs::path& index) {
  std::error_code ec;
  if (!fs::exists(index, ec)) {
    return;
  }
  const fs::path index_path = fs::canonical(index, ec);
  const fs::path corpus_path(corpus.path);
  const auto [end, ignored] =
      std::mismatch(index_path.begin(), index_path.end(), corpus_path.begin(), corpus_path.end());
  if (!ec && end == index_path.end()) {
    throw Error(Error::kBadInput,
                fmt::format("corpus {} is the index directory {} or inside it: give the "
                            "folder of articles as CORPUS_DIR",
                            corpus.path, index.string()));
  }
}

bool index_exists(const fs::path& index) {
  std::error_code ec;
  return fs::exists(index / schema::kXapianDir, ec) || fs::exists(index / "shards", ec);
}

// A new sharded index whose creation fails (no space, too many open files)
// is removed again, manifest and all: nothing half-made is left.
void remove_half_made(const fs::path& index, const std::vector<fs::path>& parts) {
  std::error_code ec;
  for (const auto& part : parts) {
    fs::remove_all(part, ec);
  }
  fs::remove(index / shards::kManifestFile, ec);
}

Stores open_stores(const IndexOptions& options, Peers& peers, IndexSummary& summary) {
  Stores stores;
  if (options.dry_run && !index_exists(options.index)) {
    return stores;  // a new index: everything would be added
  }
  const bool fresh = !index_exists(options.index);
  const std::vector<fs::path> parts = index_parts(options.index, options.shards);
  try {
    for (const auto& part : parts) {
      stores.push_back(IndexStore::open(part, options.verify));
    }
    if (stores.size() > 1) {
      for (const auto& part : parts) {
        peers.emplace_back(part);
      }
      for (std::size_t i = 0; i < stores.size(); ++i) {
        for (std::size_t j = 0; j < parts.size(); ++j) {
          if (j != i) {
            stores[i]->add_peer(peers[j]);
          }
        }
      }
    }
  } catch (...) {
    if (fresh && parts.size() > 1) {
      stores.clear();
      remove_half_made(options.index, parts);
    }
    throw;
  }
  summary.shards = stores.size();
  for (const auto& store : stores) {
    summary.recovered = summary.recovered || store->recovered();
    if (!store->sqlite_damage().empty()) {
      summary.sqlite_damage = store->sqlite_damage();
    }
  }
  return stores;
}

// Finds or records the root of this run in every store, and returns it.
CorpusRoot resolve_root(const CorpusRoot& folder, bool has_files, Stores& stores,
                        IndexSummary& summary) {
  std::vector<CorpusRoot> roots;
  try {
    roots = stores.empty() ? roots : parse_roots(stores.front()->roots());
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  std::optional<CorpusRoot> root = match_root(roots, folder);
  if (!root) {
    root = new_root(roots, folder, [&](const std::string& label) {
      return std::any_of(stores.begin(), stores.end(),
                         [&](const auto& store) { return store->has_top_level(label); });
    });
    // An index made before roots were recorded: its documents are root 0's.
    summary.new_root = !(roots.empty() && std::any_of(stores.begin(), stores.end(), [](auto& s) {
                           return s->document_count() > 0;
                         }));
    if (!has_files) {
      // An empty folder adds nothing: recording it would only add a root.
      summary.root_path = root->path;
      summary.root_label = root->label;
      return *root;
    }
    roots.push_back(*root);
  } else if (root->path != folder.path || root->inode != folder.inode) {
    // Moved, renamed or restored: the record follows the folder.
    for (CorpusRoot& r : roots) {
      if (r.number == root->number) {
        r.path = folder.path;
        r.device = folder.device;
        r.inode = folder.inode;
      }
    }
    root->path = folder.path;
  }
  summary.root_path = root->path;
  summary.root_label = root->label;
  summary.other_roots = roots.size() - 1;
  const std::string record = serialise_roots(roots);
  for (const auto& store : stores) {
    store->set_root(root->number);
    summary.root_documents += store->documents_of_root(root->number);
    if (store->roots() != record) {
      store->set_roots(record);
    }
  }
  return *root;
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

// Reads every file of the listing into the pipelines (or, for a dry run
// of a new index, counts every article as added).
void read_corpus(const IndexOptions& options, const CorpusListing& listing, Stores& stores,
                 Reporter& reporter, RunState& state, IndexSummary& summary) {
  std::vector<bool> unchanged_files(listing.files.size());
  // Decided before the pipelines own the stores; a file is read once a run,
  // so its row is not changed before it is looked up. A file counts as
  // unchanged only if every shard says so (an interrupted run may have
  // committed it in some shards only).
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    const CorpusFile& f = listing.files[i];
    unchanged_files[i] = !stores.empty() && std::all_of(stores.begin(), stores.end(), [&](auto& s) {
      return s->file_unchanged(f.relative, f.size, f.mtime_ns);
    });
  }
  auto pipelines = make_pipelines(options, stores, reporter);
  const auto counts = [&] {
    if (pipelines.empty()) {
      return;
    }
    summary.added = summary.updated = summary.unchanged = 0;
    for (const auto& pipeline : pipelines) {
      summary.added += pipeline->added();
      summary.updated += pipeline->updated();
      summary.unchanged += pipeline->unchanged();
    }
  };
  const auto stop_requested = [&] {
    return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
  };
  Progress progress(options.progress, listing.bytes);
  std::uint64_t bytes_done = 0;
  try {
    for (std::size_t i = 0; i < listing.files.size(); ++i) {
      const CorpusFile& file = listing.files[i];
      if (stop_requested()) {
        throw Interrupted{};
      }
      ++summary.files;
      state.listed.insert(file.relative);
      counts();
      progress.update(bytes_done, summary.added + summary.updated + summary.unchanged);
      if (unchanged_files[i]) {
        state.kept.insert(file.relative);
        for (const auto& pipeline : pipelines) {
          pipeline->add_unchanged_file(file.relative);
        }
        bytes_done += file.size;
        continue;
      }
      const auto sink = [&](Article&& article) {
        if (stop_requested()) {
          throw Interrupted{};
        }
        if (!state.seen_ids.insert(article.id).second) {
          reporter.skipped(article.path, article.line,
                           fmt::format("duplicate id \"{}\"", article.id));
          return;
        }
        if (pipelines.empty()) {
          ++summary.added;
          summary.would_add.push_back(std::move(article.id));
          return;
        }
        const std::size_t shard =
            pipelines.size() == 1 ? 0 : shards::shard_of(article.id, pipelines.size());
        pipelines[shard]->add_article(std::move(article));
      };
      const auto in_file = [&](std::uint64_t at) {
        counts();
        progress.update(bytes_done + at, summary.added + summary.updated + summary.unchanged);
      };
      const ReadResult result =
          read_articles(file, reporter, sink, options.max_article_bytes, in_file);
      bytes_done += file.size;
      const bool read_in_full = !result.file_failed && result.problems == 0;
      if (!read_in_full) {
        state.kept.insert(file.relative);
      }
      for (const auto& pipeline : pipelines) {
        pipeline->add_file(file, read_in_full);
      }
    }
  } catch (const Interrupted&) {
    summary.interrupted = true;
  }
  // Everything read is written, interrupted or not.
  for (const auto& pipeline : pipelines) {
    pipeline->finish();
    summary.would_add.insert(summary.would_add.end(), pipeline->would_add().begin(),
                             pipeline->would_add().end());
    summary.would_update.insert(summary.would_update.end(), pipeline->would_update().begin(),
                                pipeline->would_update().end());
  }
  counts();
  if (!summary.interrupted) {
    progress.update(bytes_done, summary.added + summary.updated + summary.unchanged, true);
  }
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
  for (const auto& store : stores) {
    summary.documents += store->document_count();
    summary.batches += store->committed_batches();
  }
  summary.batches -= batches_before;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace kavosh

namespace kavosh {

std::uint64_t remove_root(const std::filesystem::path& index, const std::string& name) {
  if (!index_exists(index)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: no Kavosh index here", index.string()));
  }
  Stores stores;
  for (const auto& part : index_parts(index, 0)) {
    stores.push_back(IndexStore::open(part));
  }
  std::vector<CorpusRoot> roots;
  try {
    roots = parse_roots(stores.front()->roots());
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  const std::optional<CorpusRoot> root = find_root(roots, name);
  if (!root) {
    throw Error(Error::kNotFound,
                fmt::format("{}: no corpus root \"{}\" (kavosh-index --roots lists them)",
                            index.string(), name));
  }
  std::erase_if(roots, [&](const CorpusRoot& r) { return r.number == root->number; });
  std::uint64_t removed = 0;
  for (const auto& store : stores) {
    store->for_each_document(root->number,
                             [&](Xapian::docid docid, const std::string&, const std::string&) {
                               store->remove(docid);
                               ++removed;
                               if (store->pending() >= 2000) {
                                 store->commit();
                               }
                             });
    store->set_root(root->number);
    store->for_each_file(root->number, [&](const std::string& path) { store->forget_file(path); });
    store->set_roots(serialise_roots(roots));
    store->commit();
  }
  return removed;
}

std::vector<RootInfo> list_roots(const std::filesystem::path& index) {
  if (!index_exists(index)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: no Kavosh index here", index.string()));
  }
  std::vector<RootInfo> infos;
  Stores stores;
  for (const auto& part : index_parts(index, 0)) {
    stores.push_back(IndexStore::open(part));
  }
  try {
    for (const CorpusRoot& root : parse_roots(stores.front()->roots())) {
      RootInfo info{root.path, root.label, 0};
      for (const auto& store : stores) {
        info.documents += store->documents_of_root(root.number);
      }
      infos.push_back(std::move(info));
    }
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  return infos;
}

}  // namespace kavosh
