// End-to-end: where kavosh-index finds an article's date, and which dates it
// refuses, seen through kavosh-search --json (issue 15).
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

// A JSONL line with these fields (values are plain text without quotes).
std::string line(const std::map<std::string, std::string>& fields) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : fields) {
    object[key] = value;
  }
  return object.dump() + "\n";
}

// A wire report whose first paragraph carries no date.
const std::string kPlainBody =
    "سرمربی تیم ملی فوتبال فهرست بازیکنان دعوت‌شده به اردوی تیم "
    "را "
    "اعلام "
    "کرد.\n"
    "این اردو از هفته آینده در مرکز ملی فوتبال ایران برگزار "
    "می‌شود.";

// Articles, one per place a date can come from, each findable by one word.
// The corpus paths carry dates only where a test says so.
const fs::path& dated_index() {
  static TempDir dir;
  static const bool built = [] {
    const fs::path corpus = dir / "corpus";
    write_file(corpus / "fars" / "feed.jsonl",
               line({{"id", "fars-url14"},
                     {"title", "سال ۹۰، سال پایه برای ورزش آبادان است"},
                     {"body",
                      "رئیس تربیت‌بدنی آبادان گفت سال ۹۰ سال پایه "
                      "ورزش "
                      "آبادان "
                      "است."},
                     {"url", "https://www.farsnews.ir/news/13900606121623/سال-90-سال-پایه"}}) +
                   line({{"id", "fars-url10"},
                         {"title", "نشست خبری سرمربی ذوب‌آهن"},
                         {"body",
                          "سرمربی ذوب‌آهن در نشست خبری از داوری "
                          "انتقاد "
                          "کرد."},
                         {"url", "https://www.farsnews.ir/news/8306150123"}}) +
                   line({{"id", "metadata-wins"},
                         {"title", "گزارش بودجه شهرداری"},
                         {"body", "شورای شهر بودجه شهرداری را تصویب کرد."},
                         {"date", "1404/09/21"},
                         {"url", "https://www.farsnews.ir/news/14030101000001/بودجه"}}) +
                   line({{"id", "future-field"},
                         {"title", "افتتاح ورزشگاه تازه کرمان"},
                         {"body", "ورزشگاه تازه کرمان با حضور وزیر ورزش افتتاح شد."},
                         {"date", "1500/01/01"},
                         {"url", "https://www.farsnews.ir/news/14020315000010/ورزشگاه"}}) +
                   line({{"id", "future-only"},
                         {"title", "برنامه سفر استانی دولت"},
                         {"body", "دولت برنامه سفرهای استانی خود را اعلام کرد."},
                         {"date", "1500/01/01"}}));
    write_file(corpus / "isna" / "1404" / "09" / "18" / "metro.txt",
               "بهره‌برداری از ایستگاه تازه متروی تهران\n" +
                   kPlainBody);
    write_file(corpus / "isna" / "2025-11-30-baran.txt",
               "بارش باران در استان‌های شمالی\n" + kPlainBody);
    write_file(corpus / "ilna" / "dateline.txt",
               "دیدار روسای جمهور ایران و روسیه\n"
               "عشق‌آباد - جمعه ۲۱ آذر ۱۴۰۴ - رئیس‌جمهور در حاشیه نشست با "
               "پوتین "
               "دیدار "
               "کرد.\n"
               "این دیدار یک ساعت به طول انجامید.");
    write_file(corpus / "varzesh3" / "takhti.txt",
               "یادی از قهرمانی جهان تختی\n"
               "غلامرضا تختی در کشتی آزاد یکی از ماندگارترین قهرمانان ایران است.\n"
               "او در ۱۱ خرداد ۱۳۴۱ در مسابقات جهانی تولیدو به مدال طلا رسید.");
    write_file(corpus / "varzesh3" / "ayandeh.txt",
               "جام جهانی فوتبال سال ۱۵۰۰\n"
               "زوریخ - ۱۵ تیر ۱۵۰۰ - فیفا میزبان جام جهانی را اعلام کرد.");
    write_file(corpus / "hamshahri" / "zabol.txt",
               "دانشگاه زابل\n"
               "دانشگاه زابل در 28 تیر سال 1378 با جداسازی واحدهای دانشگاه سیستان و "
               "بلوچستان تأسیس شد.");
    const Run r = run({kIndexBin, corpus.string(), "--index", (dir / "index").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find(" 0 skipped") != std::string::npos);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

// The one hit of `query`, as JSON.
nlohmann::json hit(const std::string& query) {
  const Run r = run(
      {kSearchBin, "--index", dated_index().string(), "--json", "--no-collapse", "title:" + query});
  INFO(query << ": " << r.err);
  REQUIRE(r.status == 0);
  const nlohmann::json results = nlohmann::json::parse(r.out);
  REQUIRE(results["hits"].size() == 1);
  return results["hits"][0];
}

struct Dated {
  std::string jalali;
  std::string written;
  std::string origin;
};

Dated date_of(const std::string& query) {
  const nlohmann::json h = hit(query);
  return {h["date_jalali"], h["date_written"], h["date_origin"]};
}

}  // namespace

TEST_CASE("a FarsNews URL dates an article that has no date field", "[e2e][dating]") {
  SECTION("a 14-digit news id is yyyyMMdd and a serial") {
    const Dated d = date_of("آبادان");
    CHECK(d.jalali == "1390/06/06");
    CHECK(d.written == "13900606");
    CHECK(d.origin == "url");
  }
  SECTION("a 10-digit news id is yyMMdd and a serial") {
    const Dated d = date_of("ذوب‌آهن");
    CHECK(d.jalali == "1383/06/15");
    CHECK(d.origin == "url");
  }
  SECTION("a date field still comes before the URL") {
    const Dated d = date_of("بودجه");
    CHECK(d.jalali == "1404/09/21");
    CHECK(d.origin == "metadata");
  }
  SECTION("the date filter finds the article by its URL's date") {
    const Run r = run({kSearchBin, "--index", dated_index().string(), "--json", "--from",
                       "1390/06/01", "--to", "1390/06/31", "ورزش"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["hits"][0]["id"] == "fars-url14");
  }
}

TEST_CASE("a file's path dates its article, in folders or in the name", "[e2e][dating]") {
  SECTION("year, month and day as folders") {
    const Dated d = date_of("متروی");
    CHECK(d.jalali == "1404/09/18");
    CHECK(d.origin == "path");
  }
  SECTION("a Gregorian date at the start of the file name") {
    const Dated d = date_of("باران");
    CHECK(d.jalali == "1404/09/09");
    CHECK(d.written == "2025-11-30");
    CHECK(d.origin == "path");
  }
}

TEST_CASE("a dateline in the first paragraph dates the article", "[e2e][dating]") {
  const Dated d = date_of("روسیه");
  CHECK(d.jalali == "1404/09/21");
  CHECK(d.written == "جمعه ۲۱ آذر ۱۴۰۴");
  CHECK(d.origin == "head");
}

TEST_CASE("a date deep in the text is what the article tells of, not its date", "[e2e][dating]") {
  // A retrospective: the 1341 world championship is its subject.
  const nlohmann::json h = hit("تختی");
  CHECK(h["date_jalali"] == "");
  CHECK(h["date_origin"] == "");
  SECTION("so the article is not the oldest of the archive") {
    const Run r = run({kSearchBin, "--index", dated_index().string(), "--json", "--sort", "oldest",
                       "--limit", "1", "date:1300..1500"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["hits"][0]["id"] != h["id"]);
  }
}

TEST_CASE("a date the first paragraph only mentions is not the article's date", "[e2e][dating]") {
  // The university's founding, not the day of the report.
  CHECK(date_of("زابل").jalali.empty());
}

TEST_CASE("a date after today is never an article's date", "[e2e][dating]") {
  SECTION("a future date field gives way to the URL") {
    const Dated d = date_of("کرمان");
    CHECK(d.jalali == "1402/03/15");
    CHECK(d.origin == "url");
  }
  SECTION("a future date field alone leaves the article undated") {
    CHECK(date_of("استانی").jalali.empty());
  }
  SECTION("a future date in the head leaves the article undated") {
    CHECK(date_of("جام").jalali.empty());
  }
  SECTION("and the newest article is one dated in the past") {
    const Run r = run({kSearchBin, "--index", dated_index().string(), "--json", "--sort", "newest",
                       "--limit", "1", "date:1300..1600"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["hits"][0]["date_jalali"] == "1404/09/21");
  }
}
