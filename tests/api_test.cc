// The public API of kavosh_searcher, as an embedding program uses it: only
// <kavosh/kavosh.h>.
#include <kavosh/kavosh.h>
#include <xapian.h>

#include <catch2/catch.hpp>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const fs::path& corpus_index() {
  static TempDir dir;
  static const fs::path path = dir / "index";
  static const bool built = [] {
    REQUIRE(run({KAVOSH_INDEX_BIN, (fs::path(KAVOSH_SOURCE_DIR) / "corpus").string(), "--index",
                 path.string(), "--quiet"})
                .status == 0);
    return true;
  }();
  (void)built;
  return path;
}

bool is_seed(const kavosh::Hit& hit) { return hit.id == "ilna/1404-09-21-pezeshkian-putin.txt"; }

}  // namespace

TEST_CASE("open() gives a searcher over an index, and document_count() its size", "[api]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  CHECK(searcher.document_count() == 39);
}

TEST_CASE("index_version() is the version written in every index the library opens", "[api]") {
  const kavosh::IndexVersion version = kavosh::index_version();
  const Xapian::Database db((corpus_index() / "xapian").string());
  CHECK(db.get_metadata("kavosh:schema") == std::to_string(version.schema));
  CHECK(db.get_metadata("kavosh:analyzer") == std::to_string(version.analyzer));
}

TEST_CASE("document_count() of an index moved away throws a kavosh::Error", "[api][errors]") {
  TempDir tmp;
  REQUIRE(run({"/bin/cp", "-r", corpus_index().string(), (tmp / "index").string()}).status == 0);
  const kavosh::Searcher searcher = kavosh::Searcher::open(tmp / "index");
  CHECK(searcher.document_count() == 39);
  fs::rename(tmp / "index", tmp / "moved");
  CHECK_THROWS_AS(searcher.document_count(), kavosh::Error);
  fs::rename(tmp / "moved", tmp / "index");
  CHECK(searcher.document_count() == 39);
}

TEST_CASE("open() names what it cannot open, with a code", "[api][errors]") {
  TempDir tmp;
  try {
    (void)kavosh::Searcher::open(tmp / "missing");
    FAIL("opened a missing directory");
  } catch (const kavosh::Error& e) {
    CHECK(e.code() == kavosh::Error::kNotAnIndex);
    CHECK(e.location().where == (tmp / "missing").string());
    CHECK(std::string(e.what()).find("missing") != std::string::npos);
  }
  CHECK_THROWS_MATCHES(kavosh::Searcher::open(tmp.path()), kavosh::Error,
                       Catch::Predicate<kavosh::Error>([](const kavosh::Error& e) {
                         return e.code() == kavosh::Error::kNotAnIndex;
                       }));
  SECTION("an index of another analyzer version must be rebuilt") {
    {
      fs::create_directories(tmp / "old");
      Xapian::WritableDatabase db((tmp / "old" / "xapian").string(), Xapian::DB_CREATE);
      db.set_metadata("kavosh:schema", "1");
      db.set_metadata("kavosh:analyzer", "1");
      db.commit();
    }
    try {
      (void)kavosh::Searcher::open(tmp / "old");
      FAIL("opened an index of another version");
    } catch (const kavosh::Error& e) {
      CHECK(e.code() == kavosh::Error::kIncompatibleIndex);
      CHECK(std::string(e.what()).find("rebuild") != std::string::npos);
    }
  }
  SECTION("an index from before dates kept their written form must be rebuilt") {
    {
      fs::create_directories(tmp / "schema4");
      Xapian::WritableDatabase db((tmp / "schema4" / "xapian").string(), Xapian::DB_CREATE);
      db.set_metadata("kavosh:schema", "4");
      db.set_metadata("kavosh:analyzer", "2");  // the analyzer of the time
      db.commit();
    }
    try {
      (void)kavosh::Searcher::open(tmp / "schema4");
      FAIL("opened an index of schema 4");
    } catch (const kavosh::Error& e) {
      CHECK(e.code() == kavosh::Error::kIncompatibleIndex);
      CHECK(std::string(e.what()).find("schema 4") != std::string::npos);
      CHECK(std::string(e.what()).find("rebuild") != std::string::npos);
    }
  }
  SECTION("a Xapian database that Kavosh did not write is no index") {
    {
      fs::create_directories(tmp / "other");
      Xapian::WritableDatabase db((tmp / "other" / "xapian").string(), Xapian::DB_CREATE);
      Xapian::Document doc;
      doc.add_term("x");
      db.add_document(doc);
      db.commit();
    }
    CHECK_THROWS_AS(kavosh::Searcher::open(tmp / "other"), kavosh::Error);
  }
  CHECK_THROWS_AS(kavosh::Searcher::open(std::vector<fs::path>{}), kavosh::Error);
}

TEST_CASE("search() ranks, pages and describes hits", "[api][search]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  const kavosh::Results r = searcher.search("پزشکیان پوتین");
  REQUIRE(!r.hits.empty());
  const kavosh::Hit& hit = r.hits.front();
  CHECK(is_seed(hit));
  CHECK(hit.rank == 1);
  CHECK(hit.score > 0);
  CHECK(hit.date_jalali == "1404/09/21");
  CHECK(hit.date_gregorian == "2025-12-12");
  CHECK(hit.date_written == "1404-09-21");  // its file name
  CHECK(hit.date_calendar == kavosh::Calendar::kJalali);
  CHECK(hit.date_origin == kavosh::DateOrigin::kPath);
  CHECK(kavosh::to_string(hit.date_calendar) == "jalali");
  CHECK(kavosh::to_string(hit.date_origin) == "path");
  CHECK(hit.source == "ایلنا");
  CHECK(r.query == "پزشکیان پوتین");
  CHECK(r.total >= r.hits.size());
  for (const kavosh::Range& range : hit.snippet_highlights) {
    REQUIRE(range.end <= hit.snippet.size());
    const std::string word = hit.snippet.substr(range.begin, range.end - range.begin);
    CHECK((word == "پزشکیان" || word == "پوتین"));
  }
  CHECK(kavosh::mark(hit.snippet, hit.snippet_highlights, "[", "]").find("[پوتین]") !=
        std::string::npos);

  kavosh::SearchOptions page;
  page.limit = 2;
  page.offset = 1;
  const kavosh::Results second = searcher.search("ایران", page);
  kavosh::SearchOptions all;
  all.limit = 3;
  const kavosh::Results first = searcher.search("ایران", all);
  REQUIRE(second.hits.size() == 2);
  CHECK(second.hits[0].id == first.hits[1].id);
  CHECK(second.hits[0].rank == 2);

  kavosh::SearchOptions bare;
  bare.snippets = false;
  const kavosh::Results plain = searcher.search("پوتین", bare);
  REQUIRE(!plain.hits.empty());
  CHECK(plain.hits[0].snippet.empty());
}

TEST_CASE("a long result list pages consistently while feedback reorders its best documents",
          "[api][search][feedback]") {
  // 140 stories on the currency market, more than the 100 best documents
  // feedback reorders; three of them are copies of one story.
  const std::vector<std::string> words = {
      "دلار",   "یورو",   "طلا",    "سکه",    "بانک",   "مرکزی", "صرافی", "نرخ",   "قیمت",  "تورم",
      "واردات", "صادرات", "بورس",   "سهام",   "نفت",    "تحریم", "دولت",  "مجلس",  "بودجه", "ریال",
      "خرید",   "فروش",   "معامله", "سرمایه", "اقتصاد", "تهران", "هفته",  "امروز", "روز",   "کاهش"};
  TempDir dir;
  for (int i = 0; i < 140; ++i) {
    // Forty words drawn at random (a fixed seed per story), so that no two
    // stories look alike to the near-duplicate detector.
    std::uint32_t state = 2654435761U * static_cast<std::uint32_t>(i + 1);
    std::string body;
    for (int k = 0; k < 40; ++k) {
      state = state * 1664525U + 1013904223U;
      body += words[(state >> 8) % words.size()] + " ";
    }
    for (int k = 0; k < 1 + i % 5; ++k) {
      body += "بازار ارز ";
    }
    if (i < 3) {
      body = "گزارش ویژه بازار ارز امروز با نوسان دلار و یورو همراه بود " + std::string(50, ' ') +
             "بازار ارز بازار ارز بازار ارز بازار ارز بازار ارز بازار ارز";
    }
    write_file(dir / "corpus" / ("story-" + std::to_string(i) + ".txt"),
               "خبر " + std::to_string(i) + "\n" + body + ".\n");
  }
  const fs::path index = dir / "index";
  REQUIRE(run({KAVOSH_INDEX_BIN, (dir / "corpus").string(), "--index", index.string(), "--quiet"})
              .status == 0);
  const kavosh::Searcher searcher = kavosh::Searcher::open(index);

  kavosh::SearchOptions whole;
  whole.limit = 200;
  whole.snippets = false;
  const kavosh::Results all = searcher.search("بازار ارز", whole);
  // The three copies are one hit.
  REQUIRE(all.hits.size() == 138);
  CHECK(all.total == 138);
  std::size_t copies = 0;
  for (const kavosh::Hit& hit : all.hits) {
    if (hit.id == "story-0.txt" || hit.id == "story-1.txt" || hit.id == "story-2.txt") {
      ++copies;
      CHECK(hit.similar == 2);
      CHECK(hit.rank <= 3);  // the story that repeats the words most
    }
  }
  CHECK(copies == 1);

  // Facets count every matching document, not only those feedback reorders.
  kavosh::SearchOptions counted = whole;
  counted.limit = 10;
  counted.facets = true;
  CHECK(searcher.search("بازار ارز", counted).facets.undated == 140);

  // Page by page, the same documents in the same order, each once.
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 150; offset += 10) {
    kavosh::SearchOptions page = whole;
    page.limit = 10;
    page.offset = offset;
    const kavosh::Results r = searcher.search("بازار ارز", page);
    CHECK(r.total == 138);
    for (const kavosh::Hit& hit : r.hits) {
      CHECK(hit.rank == paged.size() + 1);
      paged.push_back(hit.id);
    }
  }
  std::vector<std::string> expected;
  for (const kavosh::Hit& hit : all.hits) {
    expected.push_back(hit.id);
  }
  CHECK(paged == expected);
}

TEST_CASE("search() filters, sorts and counts facets", "[api][search][archive]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  kavosh::SearchOptions options;
  options.date_from = "1404/09";
  options.date_to = "1404/09";
  options.sort = kavosh::Sort::kNewest;
  options.facets = true;
  options.collapse = false;  // facets count documents, so does total here
  const kavosh::Results r = searcher.search("", options);
  REQUIRE(!r.hits.empty());
  CHECK(is_seed(r.hits.front()));  // 21 Azar is the latest day of Azar in corpus/
  REQUIRE(r.facets.months.size() == 1);
  CHECK(r.facets.months[0].value == "1404/09");
  CHECK(r.facets.months[0].count == r.total);
  options.sources = {"ایسنا"};
  for (const kavosh::Hit& hit : searcher.search("", options).hits) {
    CHECK(hit.source == "ایسنا");
  }
}

TEST_CASE("search() rejects unusable queries with kBadQuery and a location", "[api][errors]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  const auto code_of = [&](const std::string& query, kavosh::SearchOptions options = {}) {
    try {
      (void)searcher.search(query, options);
    } catch (const kavosh::Error& e) {
      return e.code();
    }
    return static_cast<kavosh::Error::Code>(-1);
  };
  CHECK(code_of("") == kavosh::Error::kBadQuery);
  CHECK(code_of("؟!") == kavosh::Error::kBadQuery);
  CHECK(code_of("-پوتین") == kavosh::Error::kBadQuery);
  CHECK(code_of("nofield:x") == kavosh::Error::kBadQuery);
  kavosh::SearchOptions bad_date;
  bad_date.date_from = "1404/13";
  CHECK(code_of("تهران", bad_date) == kavosh::Error::kBadQuery);
  try {
    (void)searcher.search("تهران \xFF");
    FAIL("searched invalid UTF-8");
  } catch (const kavosh::Error& e) {
    CHECK(e.code() == kavosh::Error::kBadQuery);
    CHECK(e.location().byte == 11);
  }
}

TEST_CASE("a misspelled query gets a suggestion", "[api][suggest]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  kavosh::SearchOptions exact;
  exact.exact = true;
  CHECK(searcher.search("پزشکیانن", exact).suggestion == "پزشکیان");
  CHECK(searcher.search("پزشکیان").suggestion.empty());
  // Without `exact`, a query that finds nothing is searched as corrected.
  const kavosh::Results corrected = searcher.search("پزشکیانن");
  CHECK(corrected.corrected_from == "پزشکیانن");
  CHECK(corrected.query == "پزشکیان");
  CHECK(corrected.total > 0);
}

TEST_CASE("more_like() finds similar documents and rejects unknown ids", "[api][like]") {
  const kavosh::Searcher searcher = kavosh::Searcher::open(corpus_index());
  const kavosh::Results r = searcher.more_like("irna/1404-09-04-metro-khat10.txt");
  REQUIRE(!r.hits.empty());
  CHECK(r.hits[0].id != "isna/1404-09-04-metro-khat10.txt");  // a near-duplicate
  const kavosh::Results dups = searcher.similar("irna/1404-09-04-metro-khat10.txt");
  CHECK(dups.hits.size() == 2);
  CHECK_THROWS_AS(searcher.similar("no-such-id"), kavosh::Error);
  CHECK_THROWS_AS(searcher.more_like("no-such-id"), kavosh::Error);
}

TEST_CASE("shards searched together score as one index", "[api][shards]") {
  TempDir tmp;
  const fs::path corpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";
  // Two shards: the agencies' folders in one, everything else in the other.
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const std::string name = entry.path().filename().string();
    const fs::path target =
        (name == "irna" || name == "isna" || name == "ilna" ? tmp / "a" : tmp / "b") / name;
    fs::create_directories(target.parent_path());
    fs::copy(entry.path(), target, fs::copy_options::recursive);
  }
  for (const char* shard : {"a", "b"}) {
    REQUIRE(run({KAVOSH_INDEX_BIN, (tmp / shard).string(), "--index",
                 (tmp / (std::string(shard) + "-index")).string(), "--quiet"})
                .status == 0);
  }
  REQUIRE(run({KAVOSH_INDEX_BIN, corpus.string(), "--index", (tmp / "whole").string(), "--quiet"})
              .status == 0);
  const kavosh::Searcher whole = kavosh::Searcher::open(tmp / "whole");
  const kavosh::Searcher sharded =
      kavosh::Searcher::open(std::vector<fs::path>{tmp / "a-index", tmp / "b-index"});
  CHECK(sharded.document_count() == whole.document_count());
  // A braced list of shards, as a reader would write it.
  static_assert(requires { kavosh::Searcher::open({"a-index", "b-index"}); });
  CHECK(kavosh::Searcher::open({tmp / "a-index", tmp / "b-index"}).document_count() ==
        whole.document_count());
  for (const std::string query : {"تهران", "رئیس‌جمهور روسیه", "\"توافق جامع\""}) {
    INFO(query);
    const kavosh::Results w = whole.search(query);
    const kavosh::Results s = sharded.search(query);
    REQUIRE(w.hits.size() == s.hits.size());
    for (std::size_t i = 0; i < w.hits.size(); ++i) {
      CHECK(w.hits[i].score == Approx(s.hits[i].score).epsilon(1e-9));
    }
  }
}

TEST_CASE("a searcher moves, and its moved-from handle is gone", "[api]") {
  kavosh::Searcher a = kavosh::Searcher::open(corpus_index());
  kavosh::Searcher b = std::move(a);
  CHECK(b.document_count() == 39);
  a = std::move(b);
  CHECK(a.document_count() == 39);
}
