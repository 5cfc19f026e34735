// End-to-end: the two executables on corpus/ and on directories of bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;
const fs::path kCorpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";

Run index(const fs::path& corpus, const fs::path& dir) {
  return run({kIndexBin, corpus.string(), "--index", dir.string()});
}

Run search(const fs::path& dir, std::vector<std::string> words) {
  std::vector<std::string> args{kSearchBin, "--index", dir.string(), "--color=never"};
  args.insert(args.end(), words.begin(), words.end());
  return run(args);
}

nlohmann::json search_json(const fs::path& dir, const std::string& query,
                           const std::string& limit = "10") {
  const Run r = run({kSearchBin, "--index", dir.string(), "--json", "--limit", limit, query});
  INFO(r.err);
  REQUIRE(r.status <= 1);
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> ids(const nlohmann::json& results) {
  std::vector<std::string> out;
  for (const auto& hit : results["hits"]) {
    out.push_back(hit["id"].get<std::string>());
  }
  return out;
}

// The seed article: a real ILNA report of 21 Azar 1404.
bool is_seed(const std::string& id) { return id.find("pezeshkian-putin") != std::string::npos; }

// One index of corpus/ shared by the read-only tests of this file.
const fs::path& corpus_index() {
  static TempDir dir;
  static const bool built = [] {
    const Run r = index(kCorpus, dir / "index");
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

}  // namespace

TEST_CASE("the seed article comes first for every spelling of its key words", "[e2e][search]") {
  const fs::path& dir = corpus_index();
  for (const std::string query :
       {"پزشکیان پوتین", "رئیس\u200Cجمهور روسیه", "رئيسجمهور روسيه", "۲۱ آذر", "21 آذر"}) {
    INFO(query);
    const auto results = search_json(dir, query);
    REQUIRE(!results["hits"].empty());
    CHECK(is_seed(results["hits"][0]["id"].get<std::string>()));
  }
}

TEST_CASE("a hit shows both calendars, the agency and a highlighted snippet", "[e2e][search]") {
  const auto results = search_json(corpus_index(), "پزشکیان پوتین");
  REQUIRE(!results["hits"].empty());
  const auto& hit = results["hits"][0];
  CHECK(hit["date_jalali"] == "1404/09/21");
  CHECK(hit["date_gregorian"] == "2025-12-12");
  // The file ilna/1404-09-21-pezeshkian-putin.txt has no date field; its
  // name dates it before its text ("... ظهر امروز جمعه 21 آذر 1404، ...").
  CHECK(hit["date_written"] == "1404-09-21");
  CHECK(hit["date_calendar"] == "jalali");
  CHECK(hit["date_origin"] == "path");
  CHECK(hit["source"] == "ایلنا");
  CHECK(hit["rank"] == 1);
  CHECK(hit["title"] == "دیدار روسای جمهور ایران و روسیه؛");
  const std::string snippet = hit["snippet"];
  REQUIRE(!hit["snippet_highlights"].empty());
  for (const auto& range : hit["snippet_highlights"]) {
    const std::size_t begin = range[0];
    const std::size_t end = range[1];
    REQUIRE(end <= snippet.size());
    const std::string word = snippet.substr(begin, end - begin);
    CHECK((word == "پزشکیان" || word == "پوتین"));
  }
  CHECK(results["total"].get<int>() >= 1);
  CHECK(results["query"] == "پزشکیان پوتین");
}

TEST_CASE("the terminal output names date, agency and path of each hit", "[e2e][search]") {
  const Run r = search(corpus_index(), {"پزشکیان", "پوتین"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("1.") == 0);
  CHECK(r.out.find("۲۱ آذر ۱۴۰۴ · 2025-12-12") != std::string::npos);
  CHECK(r.out.find("ایلنا") != std::string::npos);
  CHECK(r.out.find("pezeshkian-putin") != std::string::npos);
  CHECK(r.out.find("\033[") == std::string::npos);  // --color=never
  const Run colored =
      run({kSearchBin, "--index", corpus_index().string(), "--color=always", "پوتین"});
  CHECK(colored.out.find("\033[1;31mپوتین\033[0m") != std::string::npos);
}

TEST_CASE("documents with all the words rank above documents with some", "[e2e][search]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  std::string many;
  for (int i = 0; i < 30; ++i) {
    many += "پوتین گفت. ";
  }
  write_file(corpus / "one-word.txt", "پوتین پوتین\n" + many);
  std::string filler;
  for (int i = 0; i < 40; ++i) {
    filler += "جلسه هیئت دولت برگزار شد و وزیران گزارش دادند. ";
  }
  write_file(corpus / "both-words.txt", "گزارش هفته\n" + filler + "پوتین در تهران. " + filler);
  write_file(corpus / "other-word.txt", "تهران تهران\nتهران تهران تهران.\n");
  const fs::path dir = tmp / "index";
  REQUIRE(index(corpus, dir).status == 0);
  const auto results = search_json(dir, "پوتین تهران");
  const auto order = ids(results);
  REQUIRE(order.size() == 3);
  CHECK(order[0] == "both-words.txt");
  CHECK(results["total"] == 3);
}

TEST_CASE("quoted phrases match words in that order only", "[e2e][search]") {
  const fs::path& dir = corpus_index();
  CHECK(is_seed(search_json(dir, "\"توافق جامع\"")["hits"][0]["id"].get<std::string>()));
  const auto reversed = ids(search_json(dir, "\"جامع توافق\"", "100"));
  CHECK(std::none_of(reversed.begin(), reversed.end(), is_seed));
  CHECK(is_seed(search_json(dir, "«نقطه عطفی»")["hits"][0]["id"].get<std::string>()));
}

TEST_CASE("a minus sign excludes documents with that word", "[e2e][search]") {
  const fs::path& dir = corpus_index();
  const auto with = ids(search_json(dir, "پوتین", "100"));
  REQUIRE(std::any_of(with.begin(), with.end(), is_seed));
  const auto without = ids(search_json(dir, "پوتین -پزشکیان", "100"));
  CHECK(std::none_of(without.begin(), without.end(), is_seed));
}

TEST_CASE("paging with --offset continues where the first page ended", "[e2e][search]") {
  const fs::path& dir = corpus_index();
  const auto all = ids(search_json(dir, "ایران", "6"));
  REQUIRE(all.size() == 6);
  const Run r = run(
      {kSearchBin, "--index", dir.string(), "--json", "--limit", "3", "--offset", "3", "ایران"});
  const auto second = ids(nlohmann::json::parse(r.out));
  REQUIRE(second.size() == 3);
  CHECK(std::equal(second.begin(), second.end(), all.begin() + 3));
}

TEST_CASE("kavosh-search exits like grep", "[e2e][search][errors]") {
  const fs::path& dir = corpus_index();
  CHECK(search(dir, {"پوتین"}).status == 0);
  CHECK(search(dir, {"زیردریاییهایشان"}).status == 1);

  SECTION("an empty or punctuation-only query is an error") {
    for (const std::string query : {"", "   ", "؟!«»", "-پوتین"}) {
      INFO(query);
      const Run r = search(dir, {query});
      CHECK(r.status == 2);
      CHECK(r.err.find("kavosh-search: error: the query ") == 0);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  SECTION("invalid UTF-8 in the query is an error naming the byte") {
    const Run r = search(dir, {"پوتین \xFF"});
    CHECK(r.status == 2);
    CHECK(r.err.find("not valid UTF-8") != std::string::npos);
  }
  SECTION("a missing index is an error naming it") {
    TempDir tmp;
    const Run r = search(tmp / "nowhere", {"پوتین"});
    CHECK(r.status == 2);
    CHECK(r.err.find((tmp / "nowhere").string()) != std::string::npos);
  }
  SECTION("a directory that is no index is an error") {
    TempDir tmp;
    const Run r = search(tmp.path(), {"پوتین"});
    CHECK(r.status == 2);
    CHECK(r.err.find("not a Kavosh index") != std::string::npos);
  }
}

TEST_CASE("indexing the same corpus again changes nothing", "[e2e][index]") {
  TempDir tmp;
  REQUIRE(index(kCorpus, tmp / "index").status == 0);
  const Run again = index(kCorpus, tmp / "index");
  INFO(again.out << again.err);
  REQUIRE(again.status == 0);
  CHECK(again.out.find(" 0 added, 0 updated") != std::string::npos);
  CHECK(again.out.find(" 0 removed") != std::string::npos);
  CHECK(run({kIndexBin, "--check", "--index", (tmp / "index").string()}).status == 0);
}

TEST_CASE("edited files are re-indexed and deleted files disappear", "[e2e][index]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  write_file(corpus / "a.txt",
             "سیل در گلستان\nبارش شدید باران در استان گلستان سیل به راه انداخت.\n");
  write_file(corpus / "b.txt",
             "زلزله در بم\nزمین‌لرزه‌ای به بزرگی ۶٫۶ ریشتر شهر "
             "بم "
             "را "
             "لرزاند.\n");
  write_file(corpus / "feed.jsonl",
             "{\"id\": \"x1\", \"title\": \"نمایشگاه کتاب\", \"body\": \"نمایشگاه کتاب تهران گشایش "
             "یافت.\"}\n"
             "{\"id\": \"x2\", \"title\": \"قیمت نفت\", \"body\": \"قیمت نفت برنت کاهش یافت.\"}\n");
  const fs::path dir = tmp / "index";
  REQUIRE(index(corpus, dir).status == 0);
  CHECK(search(dir, {"سیل"}).status == 0);
  CHECK(search(dir, {"برنت"}).status == 0);

  write_file(corpus / "a.txt",
             "خشکسالی در گلستان\nکم‌آبی کشاورزان گلستان را "
             "نگران "
             "کرد.\n");
  fs::remove(corpus / "b.txt");
  write_file(corpus / "feed.jsonl",
             "{\"id\": \"x1\", \"title\": \"نمایشگاه کتاب\", \"body\": \"نمایشگاه کتاب تهران گشایش "
             "یافت.\"}\n");
  const Run r = index(corpus, dir);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("0 added, 1 updated, 1 unchanged, 2 removed") != std::string::npos);
  CHECK(search(dir, {"سیل"}).status == 1);
  CHECK(search(dir, {"خشکسالی"}).status == 0);
  CHECK(search(dir, {"زلزله"}).status == 1);
  CHECK(search(dir, {"برنت"}).status == 1);
  CHECK(search(dir, {"نمایشگاه"}).status == 0);
  CHECK(run({kIndexBin, "--check", "--index", dir.string()}).status == 0);
}

TEST_CASE("bad files are named, counted and skipped; the rest is indexed", "[e2e][index][errors]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  write_file(corpus / "good.txt", "قیمت طلا\nقیمت طلا در بازار تهران افزایش یافت.\n");
  write_file(corpus / "bad-utf8.txt", "عنوان\nمتن \xC0\xAF خراب\n");
  write_file(corpus / "empty.txt", "");
  write_file(corpus / "binary.txt", std::string("\x7F"
                                                "ELF\0\0\0\x01\x02",
                                                9));
  write_file(corpus / "lines.jsonl",
             "{\"id\": \"ok1\", \"body\": \"واکسن آنفلوآنزا توزیع شد.\"}\n"
             "{\"id\": \"broken\", \"body\": \n"
             "{\"id\": \"ok2\", \"body\": \"مترو تهران گسترش یافت.\"}\n");
  const fs::path dir = tmp / "index";
  const Run r = index(corpus, dir);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("bad-utf8.txt") != std::string::npos);
  CHECK(r.err.find("empty.txt") != std::string::npos);
  CHECK(r.err.find("binary.txt") != std::string::npos);
  CHECK(r.err.find("lines.jsonl:2:") != std::string::npos);
  CHECK(r.out.find("4 skipped") != std::string::npos);
  CHECK(search(dir, {"طلا"}).status == 0);
  CHECK(search(dir, {"واکسن"}).status == 0);
  CHECK(search(dir, {"مترو"}).status == 0);

  SECTION("a file that turns bad keeps what was indexed from it") {
    write_file(corpus / "good.txt", std::string("\0\0\0binary now", 13));
    const Run again = index(corpus, dir);
    CHECK(again.status == 1);
    CHECK(again.err.find("good.txt") != std::string::npos);
    CHECK(search(dir, {"طلا"}).status == 0);
  }
}

TEST_CASE("kavosh-index refuses what it cannot use, with a one-line error",
          "[e2e][index][errors]") {
  TempDir tmp;
  SECTION("a missing corpus directory") {
    const Run r = index(tmp / "no-such-corpus", tmp / "index");
    CHECK(r.status == 2);
    CHECK(r.err.find("no-such-corpus") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(!fs::exists(tmp / "index"));
  }
  SECTION("an index directory that cannot be created") {
    write_file(tmp / "file", "x");
    const Run r = index(kCorpus, tmp / "file" / "index");
    CHECK(r.status == 2);
    CHECK(r.err.find("file/index") != std::string::npos);
  }
  SECTION("a directory of other files is not taken over") {
    write_file(tmp / "notes" / "todo.txt", "x");
    const Run r = index(kCorpus, tmp / "notes");
    CHECK(r.status == 2);
    CHECK(r.err.find("not a Kavosh index") != std::string::npos);
  }
  SECTION("a missing --index") {
    const Run r = run({kIndexBin, kCorpus.string()});
    CHECK(r.status == 2);
  }
}
