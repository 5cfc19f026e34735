// One Searcher shared by 8 threads while an indexer commits new documents:
// no crash, no error, and every thread sees the new documents. Run under
// ThreadSanitizer in CI.
#include <kavosh/kavosh.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "indexer/indexer.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

class Silent : public kavosh::Reporter {
 public:
  void skipped(const std::string&, std::uint64_t, std::string_view) override {}
};

void add_round(const fs::path& corpus, int round) {
  std::string lines;
  for (int i = 0; i < 20; ++i) {
    lines += "{\"id\": \"r" + std::to_string(round) + "-" + std::to_string(i) +
             "\", \"title\": \"گزارش دور " + std::to_string(round) +
             "\", \"body\": \"نشست شورای شهر تهران درباره مترو و آلودگی هوا برگزار شد. نشانه" +
             std::to_string(round) + "\"}\n";
  }
  write_file(corpus / ("round-" + std::to_string(round) + ".jsonl"), lines);
}

void index(const fs::path& corpus, const fs::path& dir) {
  Silent silent;
  kavosh::IndexOptions options;
  options.corpus = corpus;
  options.index = dir;
  options.batch_size = 7;  // several commits a round
  kavosh::run_index(options, silent);
}

}  // namespace

TEST_CASE("eight threads search one Searcher while new documents are committed", "[concurrency]") {
  constexpr int kThreads = 8;
  constexpr int kRounds = 4;
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path dir = tmp / "index";
  add_round(corpus, 0);
  index(corpus, dir);
  const kavosh::Searcher searcher = kavosh::Searcher::open(dir);

  std::atomic<int> errors{0};
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  const std::string last_marker = "نشانه" + std::to_string(kRounds);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      std::uint64_t seen = 0;
      // Documents are counted: every round repeats one story, and collapsed
      // near-duplicate counts are estimates that may move either way.
      kavosh::SearchOptions options;
      options.collapse = false;
      while (std::chrono::steady_clock::now() < deadline) {
        try {
          const kavosh::Results r = searcher.search(t % 2 ? "مترو تهران" : "آلودگی هوا", options);
          if (r.total < seen) {
            ++errors;  // a reader must never see the index shrink
          }
          seen = r.total;
          if (!searcher.search(last_marker, options).hits.empty()) {
            ++done;
            return;
          }
        } catch (const kavosh::Error& e) {
          UNSCOPED_INFO(e.what());
          ++errors;
          return;
        }
      }
    });
  }
  for (int round = 1; round <= kRounds; ++round) {
    add_round(corpus, round);
    index(corpus, dir);
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  CHECK(errors == 0);
  CHECK(done == kThreads);
  CHECK(searcher.document_count() == 20 * (kRounds + 1));
}
