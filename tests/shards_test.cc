// kavosh-index --shards N: a collection split into N shard indexes by a hash
// of the document id, searched as one index.
#include "common/shards.h"

#include <kavosh/kavosh.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "tests/process.h"
#include "tests/same_results.h"

namespace fs = std::filesystem;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const fs::path kCorpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

// corpus/ plus a republished copy of each of its .txt articles (a line
// added at the end, as an agency signs off), under copies/: pairs of near
// duplicates whose ids fall in different shards as often as not.
std::vector<std::pair<std::string, std::string>> make_corpus(const fs::path& dir) {
  fs::copy(kCorpus, dir, fs::copy_options::recursive);
  fs::remove(dir / "EXPECTED.tsv");
  fs::remove(dir / "README.md");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".txt") {
      continue;
    }
    const std::string id = fs::relative(entry.path(), kCorpus).string();
    std::string copy_id = "copies/" + id;
    std::replace(copy_id.begin() + 7, copy_id.end(), '/', '-');
    write_file(dir / copy_id, read_file(entry.path()) + "\nانتهای پیام\n");
    pairs.emplace_back(id, copy_id);
  }
  return pairs;
}

kavosh::test::Run index(const fs::path& corpus, const fs::path& index,
                        std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {KAVOSH_INDEX_BIN, corpus.string(), "--index", index.string(),
                                   "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

std::set<std::string> cluster(const kavosh::Searcher& searcher, const std::string& id) {
  kavosh::SearchOptions options;
  options.limit = 100;
  options.snippets = false;
  std::set<std::string> ids = {id};
  for (const kavosh::Hit& hit : searcher.similar(id, options).hits) {
    ids.insert(hit.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("shard_of is stable and spreads ids", "[shards]") {
  // Fixed values: a document must stay in its shard across versions.
  CHECK(kavosh::shards::shard_of("ilna/1404-09-21-pezeshkian-putin.txt", 3) ==
        kavosh::shards::shard_of("ilna/1404-09-21-pezeshkian-putin.txt", 3));
  std::vector<int> counts(4);
  for (int i = 0; i < 4000; ++i) {
    ++counts[kavosh::shards::shard_of("feeds/x.jsonl:" + std::to_string(i), 4)];
  }
  for (const int count : counts) {
    CHECK(count > 850);
    CHECK(count < 1150);
  }
  CHECK(kavosh::shards::shard_of("anything", 1) == 0);
}

TEST_CASE("an index in shards answers as one index: ids, order, scores, facets", "[shards]") {
  TempDir tmp;
  make_corpus(tmp / "corpus");
  REQUIRE(index(tmp / "corpus", tmp / "whole").status == 0);
  const auto made = index(tmp / "corpus", tmp / "sharded", {"--shards", "3"});
  INFO(made.out << made.err);
  REQUIRE(made.status == 0);
  CHECK(made.out.find("in 3 shards") != std::string::npos);
  for (int i = 0; i < 3; ++i) {
    CHECK(fs::is_directory(tmp / "sharded" / ("shard-" + std::to_string(i)) / "xapian"));
  }

  const kavosh::Searcher whole = kavosh::Searcher::open(tmp / "whole");
  const kavosh::Searcher sharded = kavosh::Searcher::open(tmp / "sharded");
  REQUIRE(whole.document_count() == sharded.document_count());
  // Every shard holds some of the documents.
  for (int i = 0; i < 3; ++i) {
    const auto shard = kavosh::Searcher::open(tmp / "sharded" / ("shard-" + std::to_string(i)));
    CHECK(shard.document_count() > 0);
    CHECK(shard.document_count() < whole.document_count());
  }
  for (const std::string query :
       {"تهران", "رئیس‌جمهور روسیه", "\"توافق جامع\"", "همکاری های", "مترو -ایرنا",
        "مترو source:ایرنا", "زلزله date:1404"}) {
    kavosh::SearchOptions options;
    options.limit = 30;
    options.facets = true;
    options.collapse = false;
    kavosh::test::check_same_results(whole, sharded, query, options);
  }
  // The CLI opens the sharded directory like any index.
  const auto cli =
      run({KAVOSH_SEARCH_BIN, "--index", (tmp / "sharded").string(), "--json", "پزشکیان پوتین"});
  CHECK(cli.status == 0);
  CHECK(cli.out.find("ilna/1404-09-21-pezeshkian-putin.txt") != std::string::npos);
}

TEST_CASE("near-duplicates in different shards share one cluster", "[shards]") {
  TempDir tmp;
  const auto pairs = make_corpus(tmp / "corpus");
  REQUIRE(pairs.size() >= 8);
  std::size_t across = 0;
  for (const auto& [a, b] : pairs) {
    across += kavosh::shards::shard_of(a, 3) != kavosh::shards::shard_of(b, 3) ? 1 : 0;
  }
  REQUIRE(across >= 3);  // the test means something only if pairs span shards

  REQUIRE(index(tmp / "corpus", tmp / "whole").status == 0);
  // One batch (both copies uncommitted while the other is put) and small
  // batches (the earlier copy committed in its shard first).
  for (const std::string batch : {"2000", "3"}) {
    INFO("batch size " << batch);
    const fs::path dir = tmp / ("sharded-" + batch);
    REQUIRE(index(tmp / "corpus", dir, {"--shards", "3", "--batch-size", batch}).status == 0);
    const kavosh::Searcher whole = kavosh::Searcher::open(tmp / "whole");
    const kavosh::Searcher sharded = kavosh::Searcher::open(dir);
    for (const auto& [a, b] : pairs) {
      INFO(a << " / " << b);
      const auto expected = cluster(whole, a);
      CHECK(expected.count(b) == 1);
      CHECK(cluster(sharded, a) == expected);
      CHECK(cluster(sharded, b) == expected);
    }
    // Collapsed results show one hit a story, as in one index.
    kavosh::SearchOptions options;
    options.limit = 100;
    const auto w = whole.search("date:1300..1500", options);
    const auto s = sharded.search("date:1300..1500", options);
    CHECK(w.hits.size() == s.hits.size());
    CHECK(w.hits.size() < whole.document_count() - pairs.size() / 2);
  }
}

TEST_CASE("a sharded index updates in place and keeps its shards", "[shards]") {
  TempDir tmp;
  make_corpus(tmp / "corpus");
  const fs::path dir = tmp / "sharded";
  REQUIRE(index(tmp / "corpus", dir, {"--shards", "2"}).status == 0);
  const std::uint64_t total = kavosh::Searcher::open(dir).document_count();

  SECTION("a second run finds everything unchanged") {
    const auto again = index(tmp / "corpus", dir);
    REQUIRE(again.status == 0);
    CHECK(again.out.find(" 0 added, 0 updated, ") != std::string::npos);
    CHECK(again.out.find("in 2 shards") != std::string::npos);
  }
  SECTION("a removed file leaves its shard, an edited one is updated") {
    fs::remove(tmp / "corpus" / "ilna" / "1404-09-21-pezeshkian-putin.txt");
    write_file(tmp / "corpus" / "hamshahrionline" / "tarh-terafik.txt",
               "طرح ترافیک\n\nطرح ترافیک تهران از شنبه با ساعت تازه اجرا "
               "می‌شود.\n");
    const auto again = index(tmp / "corpus", dir);
    INFO(again.out << again.err);
    REQUIRE(again.status == 0);
    CHECK(again.out.find("1 updated") != std::string::npos);
    CHECK(again.out.find("1 removed") != std::string::npos);
    const kavosh::Searcher searcher = kavosh::Searcher::open(dir);
    CHECK(searcher.document_count() == total - 1);
    CHECK(searcher.search("پزشکیان پوتین").hits.empty() == false);  // the wire copy remains
    for (const auto& hit : searcher.search("پزشکیان پوتین").hits) {
      CHECK(hit.id != "ilna/1404-09-21-pezeshkian-putin.txt");
    }
    CHECK(searcher.search("\"ساعت تازه\"").hits.size() == 1);
  }
  SECTION("--check checks every shard") {
    const auto check = run({KAVOSH_INDEX_BIN, "--check", "--index", dir.string()});
    CHECK(check.status == 0);
    CHECK(check.out.find("consistent, " + std::to_string(total) + " documents in 2 shards") !=
          std::string::npos);
  }
  SECTION("another number of shards is refused, naming the index") {
    const auto other = index(tmp / "corpus", dir, {"--shards", "3"});
    CHECK(other.status == 2);
    CHECK(other.err.find("has 2 shards, not 3") != std::string::npos);
    CHECK(other.err.find(dir.string()) != std::string::npos);
  }
  SECTION("a single index is not turned into shards") {
    REQUIRE(index(tmp / "corpus", tmp / "single").status == 0);
    const auto other = index(tmp / "corpus", tmp / "single", {"--shards", "2"});
    CHECK(other.status == 2);
    CHECK(other.err.find("a single index, not 2 shards") != std::string::npos);
  }
  SECTION("a damaged shard list is a one-line error naming the file") {
    write_file(dir / "shards", "kavosh-shards 1\n../elsewhere\n");
    const auto search = run({KAVOSH_SEARCH_BIN, "--index", dir.string(), "تهران"});
    CHECK(search.status == 2);
    CHECK(search.err.find((dir / "shards").string() + ":2:") != std::string::npos);
    const auto again = index(tmp / "corpus", dir);
    CHECK(again.status == 2);
    CHECK(again.err.find((dir / "shards").string() + ":2:") != std::string::npos);
  }
}

TEST_CASE("a re-ranked pool of a hundred documents is the same read by ids or by id terms",
          "[shards]") {
  // 160 articles with "تهران", each with its own mix of other words, so
  // feedback re-ranks the best 100 of them: an index directory reads that
  // pool by Xapian's document ids; the same database through a stub file
  // (as remote shards are opened) by the documents' id terms.
  TempDir tmp;
  const std::vector<std::string> words = {"مترو", "ترافیک", "آلودگی", "هوا",   "شهرداری",
                                          "پارک", "باران",  "برف",    "مدرسه", "بیمارستان"};
  std::string lines;
  for (int i = 0; i < 160; ++i) {
    std::string body = "شهر تهران";
    int count = 0;
    for (std::size_t w = 0; w < words.size(); ++w) {
      for (int k = 0; k < (i >> w) % 3; ++k) {
        body += " " + words[w];
        ++count;
      }
    }
    // Every article of another length: no two score alike, so the order
    // does not rest on how shards number their documents.
    for (int k = count; k < 20 + 3 * i; ++k) {
      body += " روز";
    }
    lines += "{\"id\": \"t" + std::to_string(i) + "\", \"title\": \"گزارش " + std::to_string(i) +
             "\", \"body\": \"" + body + "\"}\n";
  }
  write_file(tmp / "corpus" / "tehran.jsonl", lines);
  REQUIRE(index(tmp / "corpus", tmp / "whole").status == 0);
  write_file(tmp / "stub", "auto " + (tmp / "whole" / "xapian").string() + "\n");
  const kavosh::Searcher whole = kavosh::Searcher::open(tmp / "whole");
  const kavosh::Searcher stub = kavosh::Searcher::open(tmp / "stub");
  kavosh::SearchOptions options;
  options.limit = 20;
  options.collapse = false;  // generated articles: many near-duplicates
  options.describe_query = true;
  for (const std::size_t offset : {0, 90, 100}) {
    options.offset = offset;
    kavosh::test::check_same_results(whole, stub, "تهران", options);
  }
  options.offset = 0;
  CHECK(whole.search("تهران", options).query_description.find("kavosh:pool of 100 documents") !=
        std::string::npos);
  CHECK(stub.search("تهران", options).query_description.find("kavosh:pool") == std::string::npos);
}
