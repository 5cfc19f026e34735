// End-to-end: what a reader does after a search (issue 15): exact counts,
// reading an article whole, browsing without words, the undated documents
// filters leave out, corrected, prefix and OR/AND queries.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

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

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Run search(const fs::path& index, std::vector<std::string> args) {
  args.insert(args.begin(), {kSearchBin, "--index", index.string(), "--color=never"});
  return run(args);
}

nlohmann::json search_json(const fs::path& index, std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  const Run r = search(index, args);
  INFO(r.err);
  REQUIRE(r.status <= 1);
  return nlohmann::json::parse(r.out);
}

std::string json_line(const std::string& id, const std::string& title, const std::string& body,
                      const std::string& extra = "") {
  return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"" +
         extra + "}\n";
}

// Forty words of currency news drawn by a fixed seed: no two stories look
// alike to the near-duplicate detector.
std::string currency_story(std::uint32_t seed) {
  static const std::vector<std::string> kWords = {
      "دلار",   "یورو", "طلا",    "سکه",    "بانک", "مرکزی", "صرافی",  "نرخ",
      "قیمت",   "تورم", "واردات", "صادرات", "بورس", "سهام",  "نفت",    "تحریم",
      "دولت",   "مجلس", "بودجه",  "ریال",   "خرید", "فروش",  "معامله", "سرمایه",
      "اقتصاد", "هفته", "امروز",  "روز",    "کاهش", "افزایش"};
  std::uint32_t state = 2654435761U * (seed + 1);
  std::string body;
  for (int k = 0; k < 40; ++k) {
    state = state * 1664525U + 1013904223U;
    body += kWords[(state >> 8) % kWords.size()] + " ";
  }
  return body;
}

// An archive of currency news from three agencies: 120 stories with both
// "بازار" and "ارز", twelve wire stories each republished by four sources
// with a new title (near-duplicates), and 30 stories with "بازار" alone.
// Dated in Azar 1404, but for the 30 and the last 20 stories, which are
// undated.
const fs::path& market_index() {
  static TempDir dir;
  static const bool built = [] {
    std::string lines;
    for (std::uint32_t i = 0; i < 120; ++i) {
      const std::string date =
          i < 100 ? ", \"date\": \"1404/09/" + std::to_string(1 + i % 28) + "\"" : "";
      lines +=
          json_line("story-" + std::to_string(i), "خبر ارز " + std::to_string(i),
                    currency_story(i) + "بازار ارز امروز", date + ", \"source\": \"farsnews.ir\"");
    }
    const std::vector<std::string> sources = {"ایسنا", "ایلنا", "مهر", "farsnews.ir"};
    for (std::uint32_t w = 0; w < 12; ++w) {
      const std::string body =
          "به گزارش خبرنگار اقتصادی، " + currency_story(1000 + w) +
          "بازار ارز در روزهای آینده آرام می‌ماند.";
      for (std::size_t s = 0; s < sources.size(); ++s) {
        lines += json_line("wire-" + std::to_string(w) + "-" + std::to_string(s),
                           "گزارش " + sources[s] + " از بازار ارز", body,
                           ", \"date\": \"1404/09/15\", \"source\": \"" + sources[s] + "\"");
      }
    }
    for (std::uint32_t i = 0; i < 30; ++i) {
      lines += json_line("bazaar-" + std::to_string(i), "بازار " + std::to_string(i),
                         currency_story(500 + i) + "بازار", ", \"source\": \"ایسنا\"");
    }
    write_file(dir / "corpus" / "market.jsonl", lines);
    const Run r =
        run({kIndexBin, (dir / "corpus").string(), "--index", (dir / "index").string(), "--quiet"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

// Every result of paging through `args` `limit` at a time, ids in order.
std::vector<std::string> page_through(const fs::path& index, std::vector<std::string> args,
                                      std::size_t limit, std::uint64_t expected_total) {
  std::vector<std::string> ids;
  for (std::size_t offset = 0;; offset += limit) {
    std::vector<std::string> page = args;
    page.insert(page.end(), {"--limit", std::to_string(limit), "--offset", std::to_string(offset)});
    const auto results = search_json(index, page);
    CHECK(results["total"] == expected_total);
    if (results["hits"].empty()) {
      return ids;
    }
    for (const auto& hit : results["hits"]) {
      ids.push_back(hit["id"].get<std::string>());
    }
  }
}

}  // namespace

TEST_CASE("the count shown is the number of results paging returns, near-duplicates collapsed",
          "[e2e][reader][counts]") {
  const fs::path& index = market_index();
  // 120 stories with both words, 12 wire stories once each, 30 with one word.
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"بازار ارز"}, {"بازار ارز", "--sort", "newest"}, {"ارز"}}) {
    INFO(query.front());
    const auto first = search_json(index, query);
    const std::uint64_t total = first["total"];
    CHECK(first["total_exact"] == true);
    const std::vector<std::string> ids = page_through(index, query, 7, total);
    CHECK(ids.size() == total);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  }
  CHECK(search_json(index, {"بازار ارز"})["total"] == 162);
  CHECK(search_json(index, {"ارز"})["total"] == 132);
  CHECK(search_json(index, {"بازار ارز", "--no-collapse"})["total"] == 198);
}

TEST_CASE("a count alone is printed with grep -c's exit status", "[e2e][reader][counts]") {
  const fs::path& index = market_index();
  const Run found = search(index, {"--count", "بازار ارز"});
  CHECK(found.status == 0);
  CHECK(found.out == "162\n");
  const Run none = search(index, {"--count", "--exact", "زلزله"});
  CHECK(none.status == 1);
  CHECK(none.out == "0\n");
}

TEST_CASE("a page with no results still says how many there are", "[e2e][reader][counts]") {
  const fs::path& index = market_index();
  SECTION("--limit 0 gives the count, not \"no results\"") {
    const Run r = search(index, {"--limit", "0", "ارز"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "132 results"));
    CHECK(!contains(r.out, "no results"));
  }
  SECTION("paging past the end names the number of results") {
    const Run r = search(index, {"--offset", "500", "ارز"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "there are 132 results"));
  }
}

TEST_CASE("date order changes the order of the results, not which documents match",
          "[e2e][reader][sort]") {
  const fs::path& index = market_index();
  const auto relevance = search_json(index, {"--limit", "200", "بازار ارز"});
  const auto newest = search_json(index, {"--limit", "200", "--sort", "newest", "بازار ارز"});
  CHECK(newest["total"] == relevance["total"]);
  std::set<std::string> a;
  std::set<std::string> b;
  for (const auto& hit : relevance["hits"]) {
    a.insert(hit["id"].get<std::string>());
  }
  for (const auto& hit : newest["hits"]) {
    b.insert(hit["id"].get<std::string>());
  }
  CHECK(a == b);
  // 20 undated stories with both words and 30 with one, last.
  CHECK(newest["undated_last"] == 50);
  const Run r = search(index, {"--sort", "newest", "بازار ارز"});
  CHECK(contains(r.out, "50 of the results are undated, listed last"));
}

TEST_CASE("a date filter says how many undated documents it left out", "[e2e][reader][dates]") {
  const fs::path& index = market_index();
  const auto results = search_json(index, {"--from", "1404/09", "بازار ارز"});
  CHECK(results["total"] == 112);  // 100 stories and 12 wire stories
  CHECK(results["undated_left_out"] == 50);
  const Run r = search(index, {"--from", "1404/09", "--to", "1404/09/10", "ارز"});
  CHECK(contains(r.out, "the date filter left out 20 undated results"));
}

TEST_CASE("the whole article is shown by its id and by the place results print",
          "[e2e][reader][show]") {
  const fs::path& index = market_index();
  const std::string body_end =
      "بازار ارز در روزهای آینده آرام می‌ماند.";
  const Run by_id = search(index, {"--show", "wire-3-0"});
  INFO(by_id.err);
  REQUIRE(by_id.status == 0);
  CHECK(contains(by_id.out, "گزارش ایسنا از بازار ارز"));
  CHECK(contains(by_id.out, "۱۵ آذر ۱۴۰۴ · 2025-12-06"));
  CHECK(contains(by_id.out, "date from the metadata"));
  CHECK(contains(by_id.out, "source: ایسنا"));
  CHECK(contains(by_id.out, body_end));
  // The other three copies of the wire story, by their titles.
  CHECK(contains(by_id.out, "near-duplicates: 3"));
  CHECK(contains(by_id.out, "گزارش ایلنا از بازار ارز"));
  CHECK(contains(by_id.out, "گزارش مهر از بازار ارز"));

  // market.jsonl:1 is story-0, as a result list prints its place.
  const auto hits = search_json(index, {"--limit", "200", "خبر ارز 0"})["hits"];
  std::string place;
  for (const auto& hit : hits) {
    if (hit["id"] == "story-0") {
      place = hit["path"].get<std::string>() + ":" + std::to_string(hit["line"].get<int>());
    }
  }
  REQUIRE(place == "market.jsonl:1");
  const Run list = search(index, {"--limit", "200", "خبر ارز 0"});
  CHECK(contains(list.out, place + " [story-0]"));
  const auto by_place = nlohmann::json::parse(search(index, {"--json", "--show", place}).out);
  CHECK(by_place["id"] == "story-0");
  CHECK(by_place["body"] == currency_story(0) + "بازار ارز امروز");
  CHECK(search(index, {"--like", place}).status == 0);
  CHECK(search(index, {"--similar", "market.jsonl:1"}).status == 0);

  const Run unknown = search(index, {"--show", "market.jsonl:9999"});
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "market.jsonl:9999"));
}

TEST_CASE("a shown article has the query's words highlighted in its body", "[e2e][reader][show]") {
  const Run r = run({kSearchBin, "--index", market_index().string(), "--color=always", "--show",
                     "wire-3-0", "آرام"});
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "\033[1;31mآرام\033[0m"));
}

TEST_CASE("the result list shows each article's URL", "[e2e][reader][show]") {
  TempDir dir;
  write_file(
      dir / "corpus" / "fars.jsonl",
      json_line(
          "fars-13900606121623", "سال پایه برای ورزش آبادان",
          "رئیس تربیت‌بدنی آبادان گفت سال ۹۰ سال پایه ورزش "
          "آبادان "
          "است.",
          ", \"url\": \"https://www.farsnews.ir/news/13900606121623\""));
  REQUIRE(run({kIndexBin, (dir / "corpus").string(), "--index", (dir / "index").string()}).status ==
          0);
  const Run r = search(dir / "index", {"آبادان"});
  CHECK(contains(r.out, "https://www.farsnews.ir/news/13900606121623"));
  const Run shown = search(dir / "index", {"--show", "fars-13900606121623"});
  CHECK(contains(shown.out, "url:    https://www.farsnews.ir/news/13900606121623"));
}

TEST_CASE("without words, filters and date order browse the whole archive",
          "[e2e][reader][browse]") {
  const fs::path& index = market_index();
  SECTION("--sort newest alone is the latest news") {
    const Run r = search(index, {"--sort", "newest"});
    INFO(r.err);
    CHECK(r.status == 0);
    const auto results = search_json(index, {"--sort", "newest", "--limit", "3"});
    CHECK(results["total"] == 162);
    CHECK(results["hits"][0]["date_jalali"] == "1404/09/28");
  }
  SECTION("--source alone is everything from that source") {
    const auto results = search_json(index, {"--source", "ایلنا"});
    CHECK(results["total"] == 12);
  }
  SECTION("--facets alone is an overview of the index") {
    const Run r = search(index, {"--facets"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "sources:  farsnews.ir"));
    CHECK(contains(r.out, "months:  1404/09"));
    CHECK(contains(r.out, "undated: 50"));
    CHECK(r.out.rfind("1. ", 0) != 0);  // counts, not a list
    CHECK(!contains(r.out, "\n1. "));
  }
}

TEST_CASE("a filter that leaves nothing is named, with the nearest source names",
          "[e2e][reader][browse]") {
  const fs::path& index = market_index();
  const Run r = search(index, {"--source", "farsnews", "بازار"});
  CHECK(r.status == 1);
  CHECK(contains(r.out, "with --source farsnews"));
  CHECK(contains(r.out, "the nearest: farsnews.ir"));
  const Run dates = search(index, {"--from", "1403/01", "--to", "1403/12", "بازار"});
  CHECK(dates.status == 1);
  CHECK(contains(dates.out, "with --from 1403/01 --to 1403/12"));
}

namespace {

// Five short football reports: who played whom.
const fs::path& football_index() {
  static TempDir dir;
  static const bool built = [] {
    const fs::path corpus = dir / "corpus";
    write_file(corpus / "p.txt",
               "تمرین پرسپولیس\nپرسپولیس امروز در ورزشگاه "
               "درفشی‌فر "
               "تمرین "
               "کرد.\n");
    write_file(corpus / "e.txt", "قرارداد استقلال\nاستقلال با مدافع جوان خود قرارداد تازه بست.\n");
    write_file(corpus / "pe.txt",
               "دربی تهران\nدربی پرسپولیس و استقلال در ورزشگاه آزادی برگزار "
               "می‌شود.\n");
    write_file(corpus / "d.txt", "دربی میلان\nدربی میلان با برتری اینتر به پایان رسید.\n");
    write_file(corpus / "pd.txt",
               "هواداران پرسپولیسی\nهواداران پرسپولیسی برای دربی بلیت خریدند.\n");
    const Run r = run({kIndexBin, corpus.string(), "--index", (dir / "index").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

std::set<std::string> found(const std::string& query) {
  std::set<std::string> out;
  const auto results = search_json(football_index(), {query});
  for (const auto& hit : results["hits"]) {
    out.insert(hit["id"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("a misspelled query that finds nothing searches its correction, and says so",
          "[e2e][reader][correction]") {
  const Run r = search(football_index(), {"پرسپلیس"});
  CHECK(r.status == 0);
  CHECK(contains(r.out, "showing results for پرسپولیس; search for پرسپلیس instead with --exact"));
  CHECK(contains(r.out, "تمرین پرسپولیس"));
  const auto json = search_json(football_index(), {"پرسپلیس"});
  CHECK(json["corrected_from"] == "پرسپلیس");
  CHECK(json["query"] == "پرسپولیس");
  const Run exact = search(football_index(), {"--exact", "پرسپلیس"});
  CHECK(exact.status == 1);
  CHECK(contains(exact.out, "did you mean: پرسپولیس"));
}

TEST_CASE("word* finds the words that begin so", "[e2e][reader][prefix]") {
  CHECK(found("پرسپول*") == std::set<std::string>{"p.txt", "pe.txt", "pd.txt"});
  CHECK(found("دربی پرسپول*") == std::set<std::string>{"pe.txt", "pd.txt", "d.txt", "p.txt"});
  const Run r = search(football_index(), {"--exact", "ا*"});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "at least two letters"));
}

TEST_CASE("OR and AND join words and parenthesised groups", "[e2e][reader][boolean]") {
  CHECK(found("پرسپولیس AND استقلال") == std::set<std::string>{"pe.txt"});
  CHECK(found("استقلال OR میلان") == std::set<std::string>{"e.txt", "pe.txt", "d.txt"});
  CHECK(found("(استقلال دربی) OR تمرین") == std::set<std::string>{"pe.txt", "p.txt"});
  CHECK(found("(استقلال OR میلان) AND دربی") == std::set<std::string>{"pe.txt", "d.txt"});
  CHECK(found("دربی AND -میلان") == std::set<std::string>{"pe.txt", "pd.txt"});
  const Run r = search(football_index(), {"پرسپولیس", "OR"});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "OR and AND need words on both sides"));
  // 100,000 nested groups are refused, not a stack overflow.
  const Run deep = search(football_index(), {std::string(100000, '(') + "استقلال OR پرسپولیس"});
  CHECK(deep.status == 2);
  CHECK(contains(deep.err, "parentheses nested deeper than 32"));
}
