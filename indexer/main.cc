// kavosh-index: brings a Kavosh index up to date with a directory of news.
//
// Exit status: 0 done; 1 done, but some files, lines or articles were skipped
// (each named in a warning); 2 error (bad arguments, missing corpus, index
// that cannot be opened or written); 130 interrupted (what was read so far is
// committed; run again to finish).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>

#include "indexer/index_store.h"
#include "indexer/indexer.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

class StderrReporter : public kavosh::Reporter {
 public:
  explicit StderrReporter(bool quiet) : quiet_(quiet) {}
  void skipped(const std::string& path, std::uint64_t line, std::string_view reason) override {
    if (quiet_) {
      return;
    }
    if (line > 0) {
      fmt::print(stderr, "kavosh-index: warning: {}:{}: {}\n", path, line, reason);
    } else {
      fmt::print(stderr, "kavosh-index: warning: {}: {}\n", path, reason);
    }
  }

 private:
  bool quiet_;
};

void print_summary(const kavosh::IndexSummary& s) {
  fmt::print("{} files: {} added, {} updated, {} unchanged, {} removed, {} skipped in {:.2f} s\n",
             s.files, s.added, s.updated, s.unchanged, s.removed, s.skipped, s.seconds);
  for (const auto& [reason, count] : s.skip_reasons) {
    fmt::print("  skipped {}: {}\n", count, reason);
  }
  if (s.compacted) {
    fmt::print("compacted: {:.1f} MB -> {:.1f} MB in {:.2f} s\n", s.bytes_before / 1e6,
               s.bytes_after / 1e6, s.compact_seconds);
  }
  if (s.shards > 1) {
    fmt::print("index holds {} documents in {} shards\n", s.documents, s.shards);
  } else {
    fmt::print("index holds {} documents\n", s.documents);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Past RLIMIT_FSIZE, write() then fails with EFBIG, which Xapian and SQLite
  // report like a full disk, instead of the kernel killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Index a directory of Persian news articles (.txt, .json, .jsonl, gzipped or not)",
               "kavosh-index"};
  std::string corpus;
  std::string index;
  std::size_t batch = 2000;
  std::size_t jobs = 0;
  std::size_t shards = 0;
  bool quiet = false;
  bool always_compact = false;
  bool never_compact = false;
  bool check = false;
  app.add_option("CORPUS_DIR", corpus, "Directory of articles to index");
  app.add_option("--index,-i", index, "Index directory (created if missing)")->required();
  app.add_option("--batch-size", batch, "Changed documents per commit")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--jobs,-j", jobs, "Threads that analyze documents (default: one per core)")
      ->check(CLI::Range(1, 256));
  app.add_option("--shards", shards,
                 "Split a new index into N shards by a hash of the document id (an existing "
                 "index keeps its shards)")
      ->check(CLI::Range(1, 1024));
  auto* compact_flag = app.add_flag(
      "--compact", always_compact,
      "Compact the index after this run (by default: when a quarter of it changed since the last "
      "compaction)");
  app.add_flag("--no-compact", never_compact, "Do not compact the index after this run")
      ->excludes(compact_flag);
  app.add_flag("--quiet,-q", quiet, "Print no warnings about skipped input");
  app.add_flag("--check", check, "Check that the index's Xapian and SQLite parts agree, and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "kavosh-index: error: {}\n", e.what());
    return 2;
  }

  try {
    if (check) {
      std::uint64_t documents = 0;
      const auto parts = kavosh::index_parts(index, 0);
      for (const auto& part : parts) {
        const kavosh::CheckResult result = kavosh::check_index(part);
        if (!result.problem.empty()) {
          fmt::print(stderr, "kavosh-index: {}: {}\n", part.string(), result.problem);
          return 1;
        }
        documents += result.documents;
      }
      if (parts.size() > 1) {
        fmt::print("{}: consistent, {} documents in {} shards\n", index, documents, parts.size());
      } else {
        fmt::print("{}: consistent, {} documents\n", index, documents);
      }
      return 0;
    }
    if (corpus.empty()) {
      fmt::print(stderr, "kavosh-index: CORPUS_DIR is required\n");
      return 2;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    StderrReporter reporter(quiet);
    kavosh::IndexOptions options;
    options.corpus = corpus;
    options.index = index;
    options.batch_size = batch;
    options.jobs = jobs;
    options.shards = shards;
    if (always_compact) {
      options.compact = kavosh::IndexOptions::Compact::kAlways;
    } else if (never_compact) {
      options.compact = kavosh::IndexOptions::Compact::kNever;
    }
    options.progress = isatty(STDERR_FILENO) != 0 && !quiet;
    options.stop = &g_stop;
    const kavosh::IndexSummary summary = kavosh::run_index(options, reporter);
    if (summary.recovered) {
      fmt::print(stderr,
                 "kavosh-index: note: metadata rebuilt from the Xapian index after an "
                 "interrupted run\n");
    }
    print_summary(summary);
    if (!summary.compact_error.empty()) {
      fmt::print(stderr, "kavosh-index: warning: {}: {} (the index is intact)\n", index,
                 summary.compact_error);
    }
    if (summary.interrupted) {
      fmt::print(stderr,
                 "kavosh-index: interrupted; everything read so far is committed ({} documents "
                 "in the index): run again to finish\n",
                 summary.documents);
      return 130;
    }
    return summary.skipped > 0 ? 1 : 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kavosh-index: error: {}\n", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "kavosh-index: error: {}: {}\n", index, e.get_description());
    return 2;
  }
}
