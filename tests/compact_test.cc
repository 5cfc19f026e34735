// kavosh-index compacts the Xapian database after a run that changed a
// quarter of the index: smaller on disk, the same answers, and safe to kill.
#include <kavosh/kavosh.h>
#include <xapian.h>

#include <catch2/catch.hpp>

#include "tests/news_generator.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::run;
using kavosh::test::TempDir;

namespace {

std::uint64_t xapian_bytes(const fs::path& index) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(index / "xapian")) {
    bytes += entry.file_size();
  }
  return bytes;
}

kavosh::test::Run index(const fs::path& corpus, const fs::path& dir,
                        std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {KAVOSH_INDEX_BIN, corpus.string(), "--index", dir.string(),
                                   "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

std::vector<std::pair<std::string, double>> ranking(const fs::path& dir, const std::string& q) {
  const kavosh::Searcher searcher = kavosh::Searcher::open(dir);
  kavosh::SearchOptions options;
  options.limit = 50;
  options.collapse = false;
  std::vector<std::pair<std::string, double>> out;
  for (const kavosh::Hit& hit : searcher.search(q, options).hits) {
    out.emplace_back(hit.id, hit.score);
  }
  return out;
}

}  // namespace

TEST_CASE("a first run compacts: a smaller index with the same docids, answers and metadata",
          "[compact]") {
  TempDir tmp;
  kavosh::test::write_generated_news(tmp / "corpus", "gen", 3000);
  // Small batches, as a growing archive is indexed: B-trees merged into
  // many times.
  const auto plain = index(tmp / "corpus", tmp / "plain", {"--batch-size", "200", "--no-compact"});
  REQUIRE(plain.status == 0);
  CHECK(plain.out.find("compacted") == std::string::npos);
  const auto compact = index(tmp / "corpus", tmp / "compact", {"--batch-size", "200"});
  INFO(compact.out << compact.err);
  REQUIRE(compact.status == 0);
  CHECK(compact.out.find("compacted: ") != std::string::npos);
  CHECK(!fs::exists(tmp / "compact" / "xapian.compact"));

  // At least a third smaller.
  CHECK(xapian_bytes(tmp / "compact") * 3 < xapian_bytes(tmp / "plain") * 2);
  // Docids kept: SQLite agrees document by document.
  const auto check = run({KAVOSH_INDEX_BIN, "--check", "--index", (tmp / "compact").string()});
  CHECK(check.status == 0);
  CHECK(check.out.find("consistent, 3000 documents") != std::string::npos);
  for (const std::string q : {"بازار ارز", "\"رئیس‌جمهور\"", "تورم -مسکن"}) {
    INFO(q);
    CHECK(ranking(tmp / "compact", q) == ranking(tmp / "plain", q));
  }
  // A second run changes nothing and does not compact again.
  const auto again = index(tmp / "corpus", tmp / "compact");
  CHECK(again.status == 0);
  CHECK(again.out.find("compacted") == std::string::npos);
  // --compact forces it.
  const auto forced = index(tmp / "corpus", tmp / "compact", {"--compact"});
  CHECK(forced.status == 0);
  CHECK(forced.out.find("compacted: ") != std::string::npos);
  CHECK(run({KAVOSH_INDEX_BIN, "--compact", "--no-compact", "--index", "x", "y"}).status == 2);
}

TEST_CASE("small updates add up until a quarter of the index changed, then it compacts",
          "[compact]") {
  TempDir tmp;
  kavosh::test::write_generated_news(tmp / "corpus", "gen", 800);
  REQUIRE(index(tmp / "corpus", tmp / "index").status == 0);
  // 100 new articles are not a quarter of 900; 200 more make 300 changed
  // since the last compaction, more than a quarter of 1,100.
  kavosh::test::write_generated_news(tmp / "corpus", "more", 100, 100, 120, 1405);
  const auto first = index(tmp / "corpus", tmp / "index");
  CHECK(first.out.find("compacted") == std::string::npos);
  kavosh::test::write_generated_news(tmp / "corpus", "late", 200, 200, 120, 1406);
  const auto second = index(tmp / "corpus", tmp / "index");
  INFO(second.out);
  CHECK(second.out.find("compacted: ") != std::string::npos);
  CHECK(kavosh::Searcher::open(tmp / "index").document_count() == 1100);
}

TEST_CASE("a copy left by a run killed while compacting is removed; the index is whole",
          "[compact]") {
  TempDir tmp;
  kavosh::test::write_generated_news(tmp / "corpus", "gen", 300);
  REQUIRE(index(tmp / "corpus", tmp / "index", {"--no-compact"}).status == 0);
  // What a kill during Database::compact leaves: a partial copy.
  fs::create_directories(tmp / "index" / "xapian.compact");
  kavosh::test::write_file(tmp / "index" / "xapian.compact" / "postlist.glass", "partial");
  // Readers are not disturbed by it.
  CHECK(kavosh::Searcher::open(tmp / "index").document_count() == 300);
  const auto next = index(tmp / "corpus", tmp / "index", {"--compact"});
  INFO(next.out << next.err);
  CHECK(next.status == 0);
  CHECK(!fs::exists(tmp / "index" / "xapian.compact"));
  const auto check = run({KAVOSH_INDEX_BIN, "--check", "--index", (tmp / "index").string()});
  CHECK(check.status == 0);
}
