#include "common/dates.h"

#include <catch2/catch.hpp>
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/corpora.h"

namespace kavosh {
namespace {

// Expected conversions come from well-known days and from an independent
// implementation (jalaali-js's algorithm), never from ICU itself.
struct Day {
  CivilDate jalali;
  CivilDate gregorian;
};

std::string iso_of(const std::optional<DocDate>& date) {
  return date ? format_iso(date->gregorian) : "none";
}

std::string jalali_of(const std::optional<DocDate>& date) {
  return date ? format_jalali(date->jalali) : "none";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("a Jalali date and its Gregorian day convert into each other", "[dates][convert]") {
  const Day days[] = {
      {{1404, 9, 21}, {2025, 12, 12}},  // the seed article's Friday
      {{1404, 9, 30}, {2025, 12, 21}},  // Yalda night
      {{1404, 1, 1}, {2025, 3, 21}},    // Nowruz 1404
      {{1403, 1, 1}, {2024, 3, 20}},    // Nowruz 1403
      {{1399, 1, 1}, {2020, 3, 20}},    // Nowruz 1399
      {{1405, 1, 1}, {2026, 3, 21}},    // the day after 1404/12/29
      {{1403, 12, 29}, {2025, 3, 19}},  // the day before
      {{1403, 12, 30}, {2025, 3, 20}},  // last day of a leap year
      {{1404, 12, 29}, {2026, 3, 20}},  // last day of a common year
      {{1399, 12, 30}, {2021, 3, 20}},  // leap
      {{1395, 12, 30}, {2017, 3, 20}},  // leap
      {{1404, 6, 31}, {2025, 9, 22}},   // end of Shahrivar, a 31-day month
      {{1404, 7, 1}, {2025, 9, 23}},    // first of Mehr
      {{1404, 7, 30}, {2025, 10, 22}},  // end of Mehr, a 30-day month
      {{1357, 11, 22}, {1979, 2, 11}},  // 22 Bahman, the revolution
      {{1342, 3, 15}, {1963, 6, 5}},    // 15 Khordad uprising
      {{1332, 5, 28}, {1953, 8, 19}},   // 28 Mordad coup
      {{1358, 8, 13}, {1979, 11, 4}},   // 13 Aban
      {{1390, 6, 6}, {2011, 8, 28}},    // FarsNews metadata
      {{1381, 10, 11}, {2003, 1, 1}},   // Hamshahri metadata
      {{1383, 7, 1}, {2004, 9, 22}},    // 1 Mehr on 22 September, not the usual 23rd
      {{1383, 12, 29}, {2005, 3, 19}},  // last day of a common year
      {{1399, 2, 29}, {2020, 5, 18}},   // "دوشنبه ۲۹ اردیبهشت ۱۳۹۹", a Monday
  };
  for (const Day& day : days) {
    INFO(format_jalali(day.jalali) << " = " << format_iso(day.gregorian));
    const std::optional<DocDate> from_j =
        from_jalali(day.jalali.year, day.jalali.month, day.jalali.day);
    REQUIRE(from_j);
    CHECK(from_j->gregorian == day.gregorian);
    CHECK(from_j->jalali == day.jalali);
    const std::optional<DocDate> from_g =
        from_gregorian(day.gregorian.year, day.gregorian.month, day.gregorian.day);
    REQUIRE(from_g);
    CHECK(from_g->jalali == day.jalali);
  }
}

TEST_CASE("days that do not exist are refused, not rolled over", "[dates][convert]") {
  SECTION("Jalali") {
    CHECK_FALSE(from_jalali(1404, 12, 30));  // 1404 is a common year
    CHECK_FALSE(from_jalali(1402, 12, 30));
    CHECK_FALSE(from_jalali(1404, 13, 1));
    CHECK_FALSE(from_jalali(1404, 0, 10));
    CHECK_FALSE(from_jalali(1404, 7, 31));  // Mehr has 30 days
    CHECK_FALSE(from_jalali(1404, 1, 32));
    CHECK_FALSE(from_jalali(1404, 5, 0));
    CHECK_FALSE(from_jalali(0, 1, 1));
  }
  SECTION("Gregorian") {
    CHECK_FALSE(from_gregorian(2025, 2, 29));
    CHECK_FALSE(from_gregorian(2100, 2, 29));  // a century, not a leap year
    CHECK_FALSE(from_gregorian(1900, 2, 29));
    CHECK_FALSE(from_gregorian(2025, 4, 31));
    CHECK_FALSE(from_gregorian(2025, 13, 1));
    CHECK_FALSE(from_gregorian(2025, 12, 0));
  }
  SECTION("while their neighbours do") {
    CHECK(from_jalali(1403, 12, 30));
    CHECK(from_jalali(1404, 6, 31));
    CHECK(from_jalali(1404, 7, 30));
    CHECK(iso_of(from_gregorian(2024, 2, 29)) == "2024-02-29");
    CHECK(jalali_of(from_gregorian(2024, 2, 29)) == "1402/12/10");
    CHECK(from_gregorian(2000, 2, 29));  // divisible by 400
  }
}

TEST_CASE("Jalali months have 31, 30 and 29 or 30 days", "[dates][convert]") {
  for (int month = 1; month <= 12; ++month) {
    INFO("1404/" << month);
    CHECK(from_jalali(1404, month, 29).has_value());
    CHECK(from_jalali(1404, month, 30).has_value() == (month <= 11));
    CHECK(from_jalali(1404, month, 31).has_value() == (month <= 6));
  }
  for (const int year : {1395, 1399, 1403}) {
    INFO(year << " is a leap year");
    CHECK(from_jalali(year, 12, 30));
  }
  for (const int year : {1400, 1401, 1402, 1404}) {
    INFO(year << " is a common year");
    CHECK_FALSE(from_jalali(year, 12, 30));
  }
}

TEST_CASE("every day of a Jalali year follows the one before", "[dates][convert]") {
  long previous = days_since_epoch(from_jalali(1403, 12, 30)->gregorian);
  int count = 0;
  for (int month = 1; month <= 12; ++month) {
    for (int day = 1; day <= 31; ++day) {
      const std::optional<DocDate> date = from_jalali(1404, month, day);
      if (!date) {
        continue;
      }
      INFO(format_jalali(date->jalali));
      CHECK(days_since_epoch(date->gregorian) == previous + 1);
      previous = days_since_epoch(date->gregorian);
      ++count;
    }
  }
  CHECK(count == 365);
  CHECK(days_since_epoch(from_jalali(1405, 1, 1)->gregorian) == previous + 1);
}

TEST_CASE("the first date in news text is found in every form outlets write", "[dates][text]") {
  struct Case {
    std::string_view text;
    std::string_view iso;
    std::string_view jalali;
  };
  const Case cases[] = {
      // The seed article (ILNA), weekday, day, month name, year.
      {"بعد از ظهر امروز جمعه 21 آذر 1404، در دیدار با آقای «ولادیمیر پوتین»", "2025-12-12",
       "1404/09/21"},
      {"امروز جمعه ۲۱ آذر ۱۴۰۴ در عشق\u200Cآباد", "2025-12-12", "1404/09/21"},  // Persian digits
      {"امروز جمعه ٢١ آذر ١٤٠٤ در عشق\u200Cآباد", "2025-12-12", "1404/09/21"},  // Arabic-Indic
      {"صبح امروز 21 آذرماه 1404 برگزار شد", "2025-12-12", "1404/09/21"},
      {"صبح امروز 21 آذر ماه 1404 برگزار شد", "2025-12-12", "1404/09/21"},
      {"صبح امروز 21 آذر\u200Cماه 1404 برگزار شد", "2025-12-12", "1404/09/21"},     // ZWNJ
      {"صبح امروز 21\u00A0آذر\u00A01404 برگزار شد", "2025-12-12", "1404/09/21"},    // NBSP
      {"صبح امروز 21 \u200Fآذر 1404\u200F برگزار شد", "2025-12-12", "1404/09/21"},  // RLM
      {"شب یلدا، ۳۰ آذر ۱۴۰۴", "2025-12-21", "1404/09/30"},
      {"كميته اطلاعات مجلس سناي آمريكا روز 22 اسفند ماه 1391 جلسه استماعي", "2013-03-12",
       "1391/12/22"},
      {"مسيرهاي راهپيمايي يوم\u200Cالله 22 بهمن 1382 در تهران اعلام شد", "2004-02-11",
       "1382/11/22"},
      // Hamshahri: Arabic yeh, "ماه" and "سال" between the parts.
      {"روزنامه اطلاعات دوشنبه روز 18 دي ماه سال 1346 يك روز بعد", "1968-01-08", "1346/10/18"},
      {"در خاطرات علم مربوط به 24 ارديبهشت 1348 يعني", "1969-05-14", "1348/02/24"},
      {"در كودتاي 28 مرداد ماه سال 1332 خود را", "1953-08-19", "1332/05/28"},
      {"روزی که انقلاب  اسلامی در 22 بهمن سال 1357 پیروز شد", "1979-02-11", "1357/11/22"},
      {"با قیام ۱۵ خرداد ۱۳۴۲ آغاز شد", "1963-06-05", "1342/03/15"},
      {"نامزدی هستیم که متولد 23 آذر 1339 در محله نوقان مشهد", "1960-12-14", "1339/09/23"},
      {"حمایت از منابع طبیعی مصوب 12 مهر سال 1371 صورت می\u200Cگیرد", "1992-10-04", "1371/07/12"},
      {"روز دوشنبه ۲۹ اردیبهشت ۱۳۹۹ ساعت۱۹:۳۰ تا ۲۱", "2020-05-18", "1399/02/29"},
      // Digits glued to words, as FarsNews has them.
      {"وي در شماره11تيرماه1379 روزنامه بهار", "2000-07-01", "1379/04/11"},
      // Gregorian dates, with the Jalali one the text gives beside them.
      {"در نهايت در تاريخ 9 بهمن ماه 1378(29 ژانويه2000)پس از", "2000-01-29", "1378/11/09"},
      {"شکست محاصره غزه، از ۳۰ مارس ۲۰۱۸ (۱۰ فروردین ۱۳۹۷) در پی", "2018-03-30", "1397/01/10"},
      {"کراتیک گوآتمالا رسیده است.در 8 می 2015 (18 اردیبهشت 94)", "2015-05-08", "1394/02/18"},
      {"حاضر(12 مه سال 2003 مصادف با 22 ارديبهشت ماه سال 82)", "2003-05-12", "1382/02/22"},
      {"Putin met Pezeshkian on 12 December 2025 in Ashgabat", "2025-12-12", "1404/09/21"},
      {"Ashgabat, December 12, 2025", "2025-12-12", "1404/09/21"},
      // Numeric forms.
      {"هشتمین جلسه رسمی خود در تاریخ 1387/2/17 شهرداری تهران را", "2008-05-06", "1387/02/17"},
      {"تاریخ انتشار: ۱۴۰۴/۰۹/۲۱", "2025-12-12", "1404/09/21"},
      {"تاریخ انتشار: 1404-9-21", "2025-12-12", "1404/09/21"},
      {"نامه شماره ۱۲۳ مورخ ۲۱/۰۹/۱۴۰۴", "2025-12-12", "1404/09/21"},  // day first
      {"نسخه انگلیسی در 2025-12-12 منتشر شد", "2025-12-12", "1404/09/21"},
      {"https://example.ir/news/2025/12/12/putin", "2025-12-12", "1404/09/21"},
      // The first by position wins, whatever its form.
      {"در 1404/09/22 درباره دیدار 21 آذر 1404 گفت", "2025-12-13", "1404/09/22"},
      {"دیدار 21 آذر 1404 که در 1404/09/22 خبرش رسید", "2025-12-12", "1404/09/21"},
      // Impossible days are skipped and the scan goes on.
      {"30 اسفند 1404 وجود ندارد اما 29 اسفند 1404 هست", "2026-03-20", "1404/12/29"},
      {"1404/13/01 غلط است و 1404/12/01 درست", "2026-02-20", "1404/12/01"},
      {"31 مهر 1404 نیست؛ 30 مهر 1404 هست", "2025-10-22", "1404/07/30"},
      // A date is never cut out of a larger number.
      {"پرونده 11404/09/21 و جلسه 1404/09/22", "2025-12-13", "1404/09/22"},
      {"کد 3/1404/09/21 ثبت شد، 22 آذر 1404", "2025-12-13", "1404/09/22"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::optional<DocDate> date = find_first_date(c.text);
    CHECK(iso_of(date) == c.iso);
    CHECK(jalali_of(date) == c.jalali);
  }
}

TEST_CASE("text without a full date yields none", "[dates][text]") {
  const std::string_view texts[] = {
      "",
      "سال 90، سال پایه برای ورزش آبادان است",
      // Two-digit years ("92" for 1392) are a guess, so not taken.
      "این برنامه ساعت 23 امشب (شنبه 12 بهمن 92) پخش می\u200Cشود",
      "15 خرداد 58 که عضو سپاه شدیم",
      "از هشتم بهمن الی ۳۰ فروردین",
      "پرونده 11404/09/21",
      "1700/01/01 و 2200-01-01",  // in neither calendar's range
      "21 آذرخش 1404",            // not a month
      "در 12 مهرداد 1404",
      "نتیجه 2-1 شد و 3/4 تماشاگران رفتند",
  };
  for (const std::string_view text : texts) {
    INFO(text);
    CHECK_FALSE(find_first_date(text));
  }
}

TEST_CASE("a metadata date field parses in the forms archives write", "[dates][field]") {
  struct Case {
    std::string_view field;
    std::string_view iso;
  };
  const Case cases[] = {
      {"1404/09/21", "2025-12-12"},
      {"۱۴۰۴/۰۹/۲۱", "2025-12-12"},
      {"1404-9-21", "2025-12-12"},
      {" 1404/09/21 \n", "2025-12-12"},
      {"1404/09/21 10:30", "2025-12-12"},
      {"۱۴۰۴/۰۹/۲۱ - ۱۰:۳۰", "2025-12-12"},
      {"2025-12-12", "2025-12-12"},
      {"٢٠٢٥-١٢-١٢", "2025-12-12"},
      {"2025/12/12", "2025-12-12"},
      {"2025-12-12T10:30:00+03:30", "2025-12-12"},
      {"2025-12-12T20:29:59.999Z", "2025-12-12"},  // 23:59 in Tehran
      {"2025-12-12T23:59:59.999Z", "2025-12-13"},  // 03:29 the next day in Tehran
      {"2025-12-12 10:30:00", "2025-12-12"},
      {"2025-12-12T10:30:00+0330", "2025-12-12"},
      {"جمعه 21 آذر 1404", "2025-12-12"},
      {"جمعه، ۲۱ آذرماه ۱۴۰۴ ساعت ۱۰:۳۰", "2025-12-12"},
      {"سه\u200Cشنبه 30 اسفند 1403", "2025-03-20"},
      {"Fri, 12 Dec 2025 10:30:00 +0330", "2025-12-12"},  // RSS pubDate
      {"1390/06/06", "2011-08-28"},                       // FarsNews
      {"1381/10/11", "2003-01-01"},                       // Hamshahri
  };
  for (const Case& c : cases) {
    INFO(c.field);
    CHECK(iso_of(parse_date_field(c.field)) == c.iso);
  }
}

TEST_CASE("a field that is not a real date parses to none", "[dates][field]") {
  const std::string_view fields[] = {
      "",                   // empty
      "   ",                // blank
      "1404/09",            // no day
      "21 آذر",             // no year
      "1404/12/30",         // no such day
      "1404/13/01",         // no such month
      "2025-02-29",         // not a leap year
      "2025-12-12abc",      // trailing junk
      "2025-12-12T25:00",   // no such hour
      "1404/09/21/3",       // a longer number
      "دیروز",              // "yesterday"
      "امروز 21 آذر 1404",  // words before the date
      "1700-01-01",         // outside both year ranges
      "\xff\xfe",           // not UTF-8
  };
  for (const std::string_view field : fields) {
    INFO(field);
    CHECK_FALSE(parse_date_field(field));
  }
}

TEST_CASE("dates format zero-padded, and long with Persian month names", "[dates][format]") {
  CHECK(format_iso({2025, 3, 5}) == "2025-03-05");
  CHECK(format_iso({2025, 12, 12}) == "2025-12-12");
  CHECK(format_jalali({1404, 1, 5}) == "1404/01/05");
  CHECK(format_jalali({1404, 9, 21}) == "1404/09/21");
  CHECK(format_jalali_long({1404, 9, 21}) == "21 آذر 1404");
  CHECK(format_jalali_long({1404, 1, 5}) == "5 فروردین 1404");
  CHECK(format_jalali_long({1404, 10, 1}) == "1 دی 1404");
  CHECK(format_jalali_long({1403, 12, 30}) == "30 اسفند 1403");
}

TEST_CASE("days since the epoch count from 1970-01-01", "[dates][epoch]") {
  CHECK(days_since_epoch({1970, 1, 1}) == 0);
  CHECK(days_since_epoch({1970, 1, 2}) == 1);
  CHECK(days_since_epoch({1969, 12, 31}) == -1);
  CHECK(days_since_epoch({2000, 3, 1}) == 11017);
  CHECK(days_since_epoch({2024, 2, 29}) == 19782);
  CHECK(days_since_epoch({2025, 12, 12}) == 20434);
  CHECK(days_since_epoch({1900, 1, 1}) == -25567);
}

TEST_CASE("the seed article is dated 21 Azar 1404", "[dates][seed]") {
  const std::string text =
      read_file(KAVOSH_SOURCE_DIR "/corpus/ilna/1404-09-21-pezeshkian-putin.txt");
  REQUIRE_FALSE(text.empty());
  const std::optional<DocDate> date = find_first_date(text);
  CHECK(iso_of(date) == "2025-12-12");
  CHECK(jalali_of(date) == "1404/09/21");
}

TEST_CASE("every dated FarsNews article's Jalali date matches its ISO date",
          "[dates][corpus][corpora]") {
  const auto path = kavosh::test::corpus_file("farsnews/docs.jsonl");
  if (!path) {
    return;
  }
  std::ifstream in(*path);
  const auto field = [](const std::string& line, std::string_view key) {
    const std::size_t at = line.find(key);
    return at == std::string::npos ? std::string() : line.substr(at + key.size(), 10);
  };
  int compared = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string jalali = field(line, "\"date\": \"");
    const std::string iso = field(line, "\"date_iso\": \"");
    if (jalali.size() != 10 || jalali[4] != '/' || iso.size() != 10 || iso[4] != '-') {
      continue;
    }
    INFO(jalali << " = " << iso);
    CHECK(iso_of(parse_date_field(jalali)) == iso);
    CHECK(jalali_of(parse_date_field(iso)) == jalali);
    ++compared;
  }
  CHECK(compared > 1000);
}

TEST_CASE("threads converting at once all get the right days", "[dates][threads]") {
  const std::optional<DocDate> nowruz = from_jalali(1404, 1, 1);
  REQUIRE(nowruz);
  const long first = days_since_epoch(nowruz->gregorian);
  std::vector<int> errors(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < errors.size(); ++t) {
    threads.emplace_back([&errors, t, first] {
      for (int i = 0; i < 200; ++i) {
        for (int month = 1; month <= 12; ++month) {
          const std::optional<DocDate> date = from_jalali(1404, month, 1);
          const int day_of_year = (month - 1) * 31 - (month > 7 ? month - 7 : 0);
          if (!date || days_since_epoch(date->gregorian) != first + day_of_year) {
            ++errors[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (const int e : errors) {
    CHECK(e == 0);
  }
}

TEST_CASE("hostile input never crashes the scanners", "[dates][robust]") {
  const std::string inputs[] = {
      "\xff\xfe\xfd",
      "21 \xd8",          // truncated two-byte sequence at the end
      "21 \xd8\xa2\xd8",  // truncated inside a month name
      "\xe2\x80",         // truncated ZWNJ
      "9999999999999999999999/12/12",
      "1404/09/99999999999999999999",
      std::string(10000, '1'),
      std::string(5000, '/'),
      std::string("21 آذر \0 1404", sizeof "21 آذر \0 1404" - 1),
      "به گزارش " + std::string(10000, 'x'),
      "به گزارش \xff\xfe، ",
  };
  for (const std::string& input : inputs) {
    CHECK_NOTHROW(find_first_date(input));
    CHECK_NOTHROW(parse_date_field(input));
  }
  const std::string wrapped = std::string("\xff\xfe") + "21 آذر 1404" + "\xc3";
  CHECK(jalali_of(find_first_date(wrapped)) == "1404/09/21");
}

}  // namespace
}  // namespace kavosh
