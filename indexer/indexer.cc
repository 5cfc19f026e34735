#include "indexer/indexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <unordered_set>

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

IndexSummary run_index(const IndexOptions& options, Reporter& user_reporter) {
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
  CountingReporter reporter(user_reporter, summary);

  // List first: a missing corpus must not create an empty index.
  const std::vector<CorpusFile> files = list_corpus(options.corpus, reporter);
  const auto store = IndexStore::open(options.index);
  summary.recovered = store->recovered();
  const std::uint64_t batches_before = store->committed_batches();

  // Decided before the pipeline owns the store; a file is read once a run,
  // so its row is not changed before it is looked up.
  std::vector<bool> unchanged_files(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    unchanged_files[i] = store->file_unchanged(files[i].relative, files[i].size, files[i].mtime_ns);
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

  PipelineOptions pipeline_options;
  pipeline_options.jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  pipeline_options.batch_size = options.batch_size;
  // Enough queued work to keep every analysis thread busy while the writer
  // commits a batch.
  pipeline_options.max_in_flight = std::max<std::size_t>(256, 64 * pipeline_options.jobs);
  auto pipeline = std::make_unique<Pipeline>(*store, pipeline_options);
  const auto counts = [&] {
    summary.added = pipeline->added();
    summary.updated = pipeline->updated();
    summary.unchanged = pipeline->unchanged();
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
        pipeline->add_unchanged_file(file.relative);
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
        pipeline->add_article(std::move(article));
      });
      const bool read_in_full = !result.file_failed && result.problems == 0;
      if (!read_in_full) {
        kept.insert(file.relative);
      }
      pipeline->add_file(file, read_in_full);
    }
  } catch (const Interrupted&) {
    summary.interrupted = true;
  }
  // Everything read is written, interrupted or not.
  pipeline->finish();
  counts();
  pipeline.reset();

  if (!summary.interrupted) {
    progress.update(files.size(), files.size(), summary);
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
  summary.documents = store->document_count();
  summary.batches = store->committed_batches() - batches_before;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace kavosh
