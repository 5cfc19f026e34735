// Where an article's date is found: dates in URLs and paths as news sites
// write them, and the order in which the places are tried (issue 15).
#include "indexer/article_date.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/dates.h"

namespace kavosh {
namespace {

struct UrlCase {
  std::string_view input;
  // Jalali day found, "" when none; and the input's own form of it.
  std::string_view jalali;
  std::string_view written = "";
};

const UrlCase kUrlCases[] = {
    // FarsNews ids: yyyyMMdd + 6-digit serial, and the older yyMMdd + 4.
    {"https://www.farsnews.ir/news/13900606121623/سال-90-سال-پایه", "1390/06/06", "13900606"},
    {"https://www.farsnews.ir/news/8306150123", "1383/06/15", "830615"},
    {"https://www.farsnews.ir/news/0002030045", "1400/02/03", "000203"},
    // "60…" would be 1460: after today, so no date is read from it here
    // (article_date refuses it); as a day it exists.
    {"https://www.farsnews.ir/news/6010060837", "1460/10/06", "601006"},
    // Folders and names.
    {"https://www.isna.ir/1404/09/21/news/metro", "1404/09/21", "1404/09/21"},
    {"corpus/1404/9/1/khabar.txt", "1404/09/01", "1404/9/1"},
    {"isna/1404-09-04-metro-khat10.txt", "1404/09/04", "1404-09-04"},
    {"archive/1404_08_24_ketab.json", "1404/08/24", "1404_08_24"},
    {"https://www.bbc.com/persian/2025/12/12/iran", "1404/09/21", "2025/12/12"},
    {"irna/20251212-fajr.txt", "1404/09/21", "20251212"},
    {"ilna/14040921.txt", "1404/09/21", "14040921"},
    {"آرشیو/۱۴۰۴/۰۹/۲۱/خبر.txt", "1404/09/21", "۱۴۰۴/۰۹/۲۱"},        // Persian digits
    {"https://www.isna.ir/news/14031230000000/leap", "1403/12/30"},  // 1403 is leap
    // Not a day, or not a date at all.
    {"https://www.isna.ir/news/14041230000000/no-leap", ""},  // 1404/12/30
    {"isna/1404-13-01-x.txt", ""},                            // month 13
    {"https://www.varzesh3.com/news/972282/title", ""},       // a 6-digit code
    {"https://www.mehrnews.com/news/6689123/x", ""},          // a 7-digit code
    {"https://192.168.100.200/page", ""},                     // the host is not read
    {"feeds/eqtesad-1404-08.jsonl", ""},                      // a month, no day
    {"https://example.com/2025/12/", ""},
};

TEST_CASE("dates in URLs and paths are read in the forms news sites use", "[dates][url]") {
  for (const UrlCase& c : kUrlCases) {
    INFO(c.input);
    const std::optional<FoundDate> found = find_url_date(c.input);
    if (c.jalali.empty()) {
      CHECK(!found);
      continue;
    }
    REQUIRE(found);
    CHECK(format_jalali(found->date.jalali) == c.jalali);
    if (!c.written.empty()) {
      CHECK(found->written == c.written);
    }
  }
}

// 1404/09/21, 2025-12-12.
const DocDate kToday = *from_jalali(1404, 9, 21);

std::string date_and_origin(const Article& article) {
  const std::optional<ArticleDate> date = article_date(article, kToday);
  if (!date) {
    return "";
  }
  return format_jalali(date->found.date.jalali) + " " + std::string(origin_name(date->origin));
}

TEST_CASE("an article is dated by metadata, URL, path, then head, never after today",
          "[dates][article]") {
  Article a;
  a.path = "isna/1404-09-04-metro.txt";
  a.title = "بهره‌برداری از خط ۱۰ مترو";
  a.body =
      "تهران - سه‌شنبه ۴ آذر ۱۴۰۴ - خط ده مترو افتتاح شد.";
  a.url = "https://www.isna.ir/news/14040903000001/metro";
  a.date = "1404/09/02";
  CHECK(date_and_origin(a) == "1404/09/02 metadata");
  a.date = "1404/09/22";  // tomorrow
  CHECK(date_and_origin(a) == "1404/09/03 url");
  a.url = "https://www.isna.ir/news/metro";
  CHECK(date_and_origin(a) == "1404/09/04 path");
  a.path = "isna/metro.txt";
  CHECK(date_and_origin(a) == "1404/09/04 head");
  SECTION("today itself is a date") {
    a.date = "1404/09/21";
    CHECK(date_and_origin(a) == "1404/09/21 metadata");
  }
  SECTION("a FarsNews id of the future is no date") {
    a.url = "https://www.farsnews.ir/news/6010060837";
    CHECK(date_and_origin(a) == "1404/09/04 head");
  }
}

TEST_CASE("a date in the head counts only as the day of the report", "[dates][article]") {
  Article a;
  a.title = "یادی از تختی";
  a.body =
      "غلامرضا تختی از ماندگارترین قهرمانان کشتی ایران است.\n"
      "تهران - ۱۱ خرداد ۱۳۴۱ - او در تولیدو قهرمان جهان شد.";
  SECTION("a dateline after the first paragraph is not the article's date") {
    CHECK(date_and_origin(a).empty());
  }
  SECTION("a dateline opening the first paragraph is") {
    a.body = "تهران - ۱۱ خرداد ۱۳۴۱ - تختی در تولیدو قهرمان جهان شد.";
    CHECK(date_and_origin(a) == "1341/03/11 head");
    a.body = "تهران، جمعه ۲۱ آذر ۱۴۰۴: تختی را یاد کردند.";
    CHECK(date_and_origin(a) == "1404/09/21 head");
  }
  SECTION("a date the first paragraph says is today is") {
    a.body =
        "به گزارش ایلنا، رئیس‌جمهور بعد از ظهر امروز جمعه 21 آذر 1404، با "
        "پوتین "
        "دیدار "
        "کرد.";
    CHECK(date_and_origin(a) == "1404/09/21 head");
  }
  SECTION("so is the day the first paragraph reports on, with its weekday or not") {
    a.body = "به گزارش تسنیم، نمایندگان در جلسه علنی روز سهشنبه 1404/08/20 طرح را بررسی کردند.";
    CHECK(date_and_origin(a) == "1404/08/20 head");
    a.body = "به گزارش مهر، نمایشگاه روز 1404-08-26 در خانه هنرمندان افتتاح شد.";
    CHECK(date_and_origin(a) == "1404/08/26 head");
  }
  SECTION("but not yesterday's date") {
    a.body = "به گزارش ایرنا، معاون وزیر دیروز 1404/08/19 از طرح خبر داد.";
    CHECK(date_and_origin(a).empty());
  }
  SECTION("a date the first paragraph only mentions is not") {
    a.body = "دانشگاه زابل در 28 تیر سال 1378 تأسیس شد.";
    CHECK(date_and_origin(a).empty());
    a.body = "سه شنبه، 10 دسامبر سال 2002 رأس ساعت 4 برای بارسلونا بلیت گرفتم.";
    CHECK(date_and_origin(a).empty());
  }
  SECTION("nor the days an encyclopedia's paragraph opens with") {
    a.body = "در ۱۹ فروردین ۱۳۰۹، احمد امیراحمدی به درجه سپهبدی رسید.";
    CHECK(date_and_origin(a).empty());
    a.body = "سامان ارسطو (زادهٔ ۱۵ خرداد ۱۳۴۶-شاهرود) بازیگر و کارگردان ایرانی است.";
    CHECK(date_and_origin(a).empty());
    a.body = "جدا شدن بحرین از ایران در روز ۲۲ مرداد ۱۳۵۰ در زمان محمدرضا شاه بود.";
    CHECK(date_and_origin(a).empty());
  }
  SECTION("nor one past kHeadBytes") {
    std::string filler;
    while (filler.size() < kHeadBytes) {
      filler += "کشتی ";
    }
    a.body = filler + "امروز ۱۱ خرداد ۱۳۴۱";
    CHECK(date_and_origin(a).empty());
  }
  SECTION("a title's date counts when it names the weekday") {
    a.title = "صفحه اول روزنامه‌های شنبه ۱۲ مهر ۱۴۰۴";
    CHECK(date_and_origin(a) == "1404/07/12 head");
    a.title =
        "مسیرهای راهپیمایی یوم‌الله 22 بهمن 1382 در تهران "
        "اعلام "
        "شد";
    CHECK(date_and_origin(a).empty());
  }
}

}  // namespace
}  // namespace kavosh
