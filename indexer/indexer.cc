#include "indexer/indexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>

#include "common/schema.h"
#include "common/shards.h"
#include "indexer/index_store.h"
#include "indexer/pipeline.h"

namespace kavosh {
namespace {

struct Interrupted {};

// Counts problems by reason and passes them on.
class CountingReporter : public Reporter {
 public:
  CountingReporter(Reporter& next, IndexSummary& summary) : next_(next), summary_(summary) {}
  void skipped(const std::string& path, std::uint64_t line, std::string_view reason) override {
    ++summary_.skipped;
    // Group "invalid UTF-8 at byte 12" and "invalid UTF-8 at byte 40" together.
    std::string kind(reason.substr(0, reason.find(" at ")));
    ++summary_.skip_reasons[kind];
    next_.skipped(path, line, reason);
  }

 private:
  Reporter& next_;
  IndexSummary& summary_;
};

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void update(std::size_t file, std::size_t files, const IndexSummary& s) {
    if (!enabled_) {
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && file != files) {
      return;
    }
    last_ = now;
    std::fprintf(stderr, "\r\033[Kfile %zu/%zu  added %llu  updated %llu  unchanged %llu", file,
                 files, static_cast<unsigned long long>(s.added),
                 static_cast<unsigned long long>(s.updated),
                 static_cast<unsigned long long>(s.unchanged));
    std::fflush(stderr);
  }
  ~Progress() {
    if (enabled_) {
      std::fputs("\r\033[K", stderr);
    }
  }

 private:
  bool enabled_;
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
  std::optional<std::vector<fs::path>> shards;
  try {
    shards = shards::read_manifest(index);
    if (!shards && requested > 1) {
      std::error_code ec;
      if (fs::exists(index / schema::kXapianDir, ec)) {
        throw IndexError(
            fmt::format("{}: a single index, not {} shards: build the shards in a new directory",
                        index.string(), requested));
      }
      shards = shards::write_manifest(index, requested);
    }
  } catch (const shards::ManifestError& e) {
    throw IndexError(e.what());
  }
  if (!shards) {
    return {index};
  }
  if (requested != 0 && requested != shards->size()) {
    throw IndexError(fmt::format("{}: has {} shards, not {}: build {} shards in a new directory",
                                 index.string(), shards->size(), requested, requested));
  }
  return *shards;
}

IndexSummary run_index(const IndexOptions& options, Reporter& user_reporter) {
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
  CountingReporter reporter(user_reporter, summary);

  // List first: a missing corpus must not create an empty index.
  const std::vector<CorpusFile> files = list_corpus(options.corpus, reporter);
  const std::vector<std::filesystem::path> parts = index_parts(options.index, options.shards);
  std::vector<std::unique_ptr<IndexStore>> stores;
  for (const auto& part : parts) {
    stores.push_back(IndexStore::open(part));
  }
  if (stores.size() > 1) {
    for (std::size_t i = 0; i < stores.size(); ++i) {
      for (std::size_t j = 0; j < parts.size(); ++j) {
        if (j != i) {
          stores[i]->add_peer(parts[j]);
        }
      }
    }
  }
  summary.shards = stores.size();
  std::uint64_t batches_before = 0;
  for (const auto& store : stores) {
    summary.recovered = summary.recovered || store->recovered();
    batches_before += store->committed_batches();
  }

  // Decided before the pipelines own the stores; a file is read once a run,
  // so its row is not changed before it is looked up. A file counts as
  // unchanged only if every shard says so (an interrupted run may have
  // committed it in some shards only).
  std::vector<bool> unchanged_files(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    unchanged_files[i] = std::all_of(stores.begin(), stores.end(), [&](const auto& store) {
      return store->file_unchanged(files[i].relative, files[i].size, files[i].mtime_ns);
    });
  }

  std::unordered_set<std::string> seen_ids;
  std::unordered_set<std::string> listed;
  // Paths whose documents stay as they are: unchanged files, and files that
  // could not be read completely this time.
  std::unordered_set<std::string> kept;
  Progress progress(options.progress);

  const auto stop_requested = [&] {
    return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
  };

  // One pipeline (and writer thread) per shard; the analysis threads are
  // shared out among them.
  const std::size_t jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  PipelineOptions pipeline_options;
  pipeline_options.jobs = std::max<std::size_t>(1, jobs / stores.size());
  pipeline_options.batch_size = options.batch_size;
  // Enough queued work to keep every analysis thread busy while the writer
  // commits a batch.
  pipeline_options.max_in_flight = std::max<std::size_t>(256, 64 * pipeline_options.jobs);
  pipeline_options.max_in_flight_bytes /= stores.size();
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  for (const auto& store : stores) {
    pipelines.push_back(std::make_unique<Pipeline>(*store, pipeline_options));
  }
  const auto counts = [&] {
    summary.added = summary.updated = summary.unchanged = 0;
    for (const auto& pipeline : pipelines) {
      summary.added += pipeline->added();
      summary.updated += pipeline->updated();
      summary.unchanged += pipeline->unchanged();
    }
  };

  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      const CorpusFile& file = files[i];
      if (stop_requested()) {
        throw Interrupted{};
      }
      ++summary.files;
      listed.insert(file.relative);
      counts();
      progress.update(i, files.size(), summary);
      if (unchanged_files[i]) {
        kept.insert(file.relative);
        for (const auto& pipeline : pipelines) {
          pipeline->add_unchanged_file(file.relative);
        }
        continue;
      }
      const ReadResult result = read_articles(file, reporter, [&](Article&& article) {
        if (stop_requested()) {
          throw Interrupted{};
        }
        if (!seen_ids.insert(article.id).second) {
          reporter.skipped(article.path, article.line,
                           fmt::format("duplicate id \"{}\"", article.id));
          return;
        }
        const std::size_t shard =
            pipelines.size() == 1 ? 0 : shards::shard_of(article.id, pipelines.size());
        pipelines[shard]->add_article(std::move(article));
      });
      const bool read_in_full = !result.file_failed && result.problems == 0;
      if (!read_in_full) {
        kept.insert(file.relative);
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
  }
  counts();
  pipelines.clear();

  if (!summary.interrupted) {
    progress.update(files.size(), files.size(), summary);
  }
  for (const auto& store : stores) {
    if (!summary.interrupted) {
      const auto maybe_commit = [&] {
        if (store->pending() >= options.batch_size) {
          store->commit();
        }
      };
      store->for_each_document(
          [&](Xapian::docid docid, const std::string& id, const std::string& path) {
            if (!seen_ids.count(id) && !kept.count(path)) {
              store->remove(docid);
              ++summary.removed;
              maybe_commit();
            }
          });
      store->for_each_file([&](const std::string& path) {
        if (!listed.count(path)) {
          store->forget_file(path);
        }
      });
    }
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
    // Each shard counts all of the run's changes: roughly its share, scaled.
    const std::uint64_t changed =
        (summary.added + summary.updated + summary.removed) / stores.size();
    for (const auto& store : stores) {
      const IndexStore::Compaction c =
          store->compact(changed, options.compact == IndexOptions::Compact::kAlways);
      summary.compacted = summary.compacted || c.done;
      summary.bytes_before += c.bytes_before;
      summary.bytes_after += c.bytes_after;
      summary.compact_seconds += c.seconds;
      if (!c.error.empty() && summary.compact_error.empty()) {
        summary.compact_error = c.error;
      }
    }
  }
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
