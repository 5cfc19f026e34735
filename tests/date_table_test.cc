// Dates in the forms Persian news writes them, in metadata fields and in
// running text, each checked against ICU's own conversion: the test builds
// its expected day with icu::Calendar ("@calendar=persian", "islamic-civil",
// the "Asia/Tehran" zone), not with dates.cc. A few well-known days are also
// typed in by hand, so that both cannot drift together.
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/dates.h"

namespace kavosh {
namespace {

constexpr auto kJalali = DateCalendar::kJalali;
constexpr auto kGregorian = DateCalendar::kGregorian;
constexpr auto kHijri = DateCalendar::kHijri;

enum class Where { kField, kText };

// No zone: the clock time, if any, is Tehran's.
constexpr int kNoZone = 10000;

// A date as the input writes it.
struct Written {
  DateCalendar calendar;
  int year;
  int month;
  int day;
  int hour = 0;
  int minute = 0;
  int zone = kNoZone;  // minutes east of UTC
};

struct Case {
  std::string_view input;
  Where where;
  Written written;
  bool exists;
  // The date as it appears in the input, to be kept beside the day.
  std::string_view form;
  // Typed in by hand for well-known days; empty for the rest.
  std::string_view anchor_iso = "";
};

std::unique_ptr<icu::Calendar> icu_calendar(const char* locale, const icu::TimeZone& zone) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> calendar(
      icu::Calendar::createInstance(zone.clone(), icu::Locale(locale), status));
  REQUIRE(U_SUCCESS(status));
  calendar->setLenient(false);
  return calendar;
}

const char* icu_locale(DateCalendar calendar) {
  switch (calendar) {
    case DateCalendar::kJalali:
      return "fa_IR@calendar=persian";
    case DateCalendar::kGregorian:
      return "en_US@calendar=gregorian";
    case DateCalendar::kHijri:
      return "fa_IR@calendar=islamic-civil";
  }
  return "";
}

// The instant ICU gives the written date and time, or nullopt if its
// calendar has no such day (it neither throws nor rolls over when not
// lenient; the fields are read back to be sure).
std::optional<UDate> icu_instant(const Written& w) {
  const std::unique_ptr<icu::Calendar> calendar =
      icu_calendar(icu_locale(w.calendar), *icu::TimeZone::getGMT());
  calendar->clear();
  calendar->set(w.year, w.month - 1, w.day, w.hour, w.minute);
  UErrorCode status = U_ZERO_ERROR;
  const UDate instant = calendar->getTime(status);
  if (U_FAILURE(status) || calendar->get(UCAL_EXTENDED_YEAR, status) != w.year ||
      calendar->get(UCAL_MONTH, status) != w.month - 1 ||
      calendar->get(UCAL_DATE, status) != w.day) {
    return std::nullopt;
  }
  return w.zone == kNoZone ? instant : instant - w.zone * 60.0 * 1000.0;
}

// "YYYY-MM-DD" or "YYYY/MM/DD" of `instant` on the calendar of `locale`, in
// Tehran if the written date had a zone, else in UTC (the day as written).
std::string icu_day(const char* locale, UDate instant, bool zoned, char separator) {
  const std::unique_ptr<icu::TimeZone> tehran(icu::TimeZone::createTimeZone("Asia/Tehran"));
  const std::unique_ptr<icu::Calendar> calendar =
      icu_calendar(locale, zoned ? *tehran : *icu::TimeZone::getGMT());
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(instant, status);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%c%02d%c%02d",
                calendar->get(UCAL_EXTENDED_YEAR, status), separator,
                calendar->get(UCAL_MONTH, status) + 1, separator, calendar->get(UCAL_DATE, status));
  REQUIRE(U_SUCCESS(status));
  return buffer;
}

std::optional<FoundDate> parse(const Case& c) {
  return c.where == Where::kField ? parse_date(c.input) : find_date(c.input);
}

// clang-format off
const Case kCases[] = {
    // Jalali with the month's name, with and without the weekday.
    {"تهران - ایرنا - جمعه ۲۱ آذر ۱۴۰۴، رئیس‌جمهور در جلسه هیئت دولت گفت", Where::kText,
     {kJalali, 1404, 9, 21}, true, "جمعه ۲۱ آذر ۱۴۰۴", "2025-12-12"},
    {"21 آذرماه 1404", Where::kField, {kJalali, 1404, 9, 21}, true, "21 آذرماه 1404"},
    {"جمعه، ۲۱ آذرماه ۱۴۰۴ ساعت ۱۰:۳۰", Where::kField, {kJalali, 1404, 9, 21}, true,
     "جمعه، ۲۱ آذرماه ۱۴۰۴ ساعت ۱۰:۳۰"},
    {"مراسم تحویل سال روز جمعه ۱ فروردین ۱۴۰۴ برگزار شد", Where::kText,
     {kJalali, 1404, 1, 1}, true, "جمعه ۱ فروردین ۱۴۰۴", "2025-03-21"},
    {"یکشنبه ۱۱ خرداد ۱۴۰۴ - ۰۹:۱۵", Where::kField, {kJalali, 1404, 3, 11}, true,
     "یکشنبه ۱۱ خرداد ۱۴۰۴ - ۰۹:۱۵"},
    {"این حکم روز دوشنبه ۲۲ بهمن ۱۴۰۳ ابلاغ شد", Where::kText, {kJalali, 1403, 11, 22}, true,
     "دوشنبه ۲۲ بهمن ۱۴۰۳"},
    {"شب یلدا، جمعه ۳۰ آذر ۱۴۰۳، بلندترین شب سال است", Where::kText,
     {kJalali, 1403, 9, 30}, true, "جمعه ۳۰ آذر ۱۴۰۳"},
    {"سه شنبه ۲۱ اسفند ۱۴۰۳", Where::kField, {kJalali, 1403, 12, 21}, true,
     "سه شنبه ۲۱ اسفند ۱۴۰۳"},  // "سه‌شنبه" with a space
    {"کودتای ۲۸ مرداد سال ۱۳۳۲ دولت مصدق را برانداخت", Where::kText, {kJalali, 1332, 5, 28},
     true, "۲۸ مرداد سال ۱۳۳۲", "1953-08-19"},
    {"به گزارش همشهری، روز يكشنبه 11 خرداد 1404 در تهران", Where::kText,  // Arabic yeh and kaf
     {kJalali, 1404, 3, 11}, true, "يكشنبه 11 خرداد 1404"},
    // Month boundaries: Shahrivar has 31 days, Mehr 30.
    {"دوشنبه ۳۱ شهریور ۱۴۰۴ آخرین روز تابستان است", Where::kText, {kJalali, 1404, 6, 31}, true,
     "دوشنبه ۳۱ شهریور ۱۴۰۴", "2025-09-22"},
    {"مدارس از سه‌شنبه ۱ مهر ۱۴۰۴ بازگشایی شدند", Where::kText, {kJalali, 1404, 7, 1}, true,
     "سه‌شنبه ۱ مهر ۱۴۰۴", "2025-09-23"},
    {"چهارشنبه 30 مهر 1404", Where::kField, {kJalali, 1404, 7, 30}, true,
     "چهارشنبه 30 مهر 1404"},
    {"1404/07/31", Where::kField, {kJalali, 1404, 7, 31}, false, ""},
    {"۳۱ مهر ۱۴۰۴", Where::kField, {kJalali, 1404, 7, 31}, false, ""},
    // Esfand has 30 days in a leap year (1399, 1403), 29 otherwise (1404).
    {"پنجشنبه ۳۰ اسفند ۱۴۰۳ آخرین روز سال بود", Where::kText, {kJalali, 1403, 12, 30}, true,
     "پنجشنبه ۳۰ اسفند ۱۴۰۳", "2025-03-20"},
    {"1403/12/30", Where::kField, {kJalali, 1403, 12, 30}, true, "1403/12/30", "2025-03-20"},
    {"۱۳۹۹/۱۲/۳۰", Where::kField, {kJalali, 1399, 12, 30}, true, "۱۳۹۹/۱۲/۳۰", "2021-03-20"},
    {"شنبه ۳۰ اسفند ۱۳۹۹", Where::kField, {kJalali, 1399, 12, 30}, true, "شنبه ۳۰ اسفند ۱۳۹۹"},
    {"جمعه ۲۹ اسفند ۱۴۰۴", Where::kField, {kJalali, 1404, 12, 29}, true, "جمعه ۲۹ اسفند ۱۴۰۴"},
    {"1404/12/30", Where::kField, {kJalali, 1404, 12, 30}, false, ""},
    {"۳۰ اسفند ۱۴۰۴", Where::kField, {kJalali, 1404, 12, 30}, false, ""},
    {"1404/13/40", Where::kField, {kJalali, 1404, 13, 40}, false, ""},
    // Numeric Jalali: '/' and '-', ASCII, Persian and Arabic-Indic digits.
    {"1404/09/21", Where::kField, {kJalali, 1404, 9, 21}, true, "1404/09/21", "2025-12-12"},
    {"۱۴۰۴-۹-۲۱", Where::kField, {kJalali, 1404, 9, 21}, true, "۱۴۰۴-۹-۲۱"},
    {"١٤٠٤/٠٩/٢١", Where::kField, {kJalali, 1404, 9, 21}, true, "١٤٠٤/٠٩/٢١"},
    {"تاریخ انتشار: ۱۴۰۴/۰۶/۳۱ - ۱۸:۴۵", Where::kText, {kJalali, 1404, 6, 31}, true,
     "۱۴۰۴/۰۶/۳۱"},
    {"1381/10/11", Where::kField, {kJalali, 1381, 10, 11}, true, "1381/10/11", "2003-01-01"},
    // Gregorian: ISO, English and Persian month names.
    {"2025-12-12", Where::kField, {kGregorian, 2025, 12, 12}, true, "2025-12-12", "2025-12-12"},
    {"این نشست در تاریخ ۱۲ دسامبر ۲۰۲۵ در ژنو برگزار شد", Where::kText,
     {kGregorian, 2025, 12, 12}, true, "۱۲ دسامبر ۲۰۲۵"},
    {"Geneva, Friday, 12 December 2025 (IRNA)", Where::kText, {kGregorian, 2025, 12, 12}, true,
     "Friday, 12 December 2025"},
    {"December 12, 2025", Where::kField, {kGregorian, 2025, 12, 12}, true, "December 12, 2025"},
    {"المپیک پاریس از ۲۶ ژوئیه ۲۰۲۴ آغاز شد", Where::kText, {kGregorian, 2024, 7, 26}, true,
     "۲۶ ژوئیه ۲۰۲۴"},
    {"2024-02-29", Where::kField, {kGregorian, 2024, 2, 29}, true, "2024-02-29"},
    {"2025-02-29", Where::kField, {kGregorian, 2025, 2, 29}, false, ""},
    {"۲۹ فوریه ۲۰۲۵", Where::kField, {kGregorian, 2025, 2, 29}, false, ""},
    // Timestamps: with a zone, the day it was in Tehran.
    {"2025-12-12T08:30:00+03:30", Where::kField, {kGregorian, 2025, 12, 12, 8, 30, 210}, true,
     "2025-12-12T08:30:00+03:30", "2025-12-12"},
    {"2025-12-12T00:15:00+03:30", Where::kField, {kGregorian, 2025, 12, 12, 0, 15, 210}, true,
     "2025-12-12T00:15:00+03:30"},
    {"2025-12-11T20:29:00Z", Where::kField, {kGregorian, 2025, 12, 11, 20, 29, 0}, true,
     "2025-12-11T20:29:00Z"},  // 23:59 on 20 Azar in Tehran
    {"2025-12-11T20:30:00Z", Where::kField, {kGregorian, 2025, 12, 11, 20, 30, 0}, true,
     "2025-12-11T20:30:00Z", "2025-12-12"},  // midnight of 21 Azar in Tehran
    {"2025-09-22T21:00:00Z", Where::kField, {kGregorian, 2025, 9, 22, 21, 0, 0}, true,
     "2025-09-22T21:00:00Z", "2025-09-23"},  // 00:30 on 1 Mehr
    {"2025-03-20T20:45:00Z", Where::kField, {kGregorian, 2025, 3, 20, 20, 45, 0}, true,
     "2025-03-20T20:45:00Z", "2025-03-21"},  // 00:15 on 1 Farvardin 1404
    {"2021-06-01T19:45:00Z", Where::kField, {kGregorian, 2021, 6, 1, 19, 45, 0}, true,
     "2021-06-01T19:45:00Z", "2021-06-02"},  // Iran's summer time, +04:30, until 2022
    {"2025-12-12T01:00:00+05:30", Where::kField, {kGregorian, 2025, 12, 12, 1, 0, 330}, true,
     "2025-12-12T01:00:00+05:30", "2025-12-11"},  // 23:00 the day before in Tehran
    {"Fri, 12 Dec 2025 10:30:00 +0330", Where::kField, {kGregorian, 2025, 12, 12, 10, 30, 210},
     true, "Fri, 12 Dec 2025 10:30:00 +0330"},  // RSS pubDate
    {"2025-12-11 23:30:00", Where::kField, {kGregorian, 2025, 12, 11, 23, 30}, true,
     "2025-12-11 23:30:00"},  // no zone: the day as written
    // Hijri Qamari, when it is the only date given.
    {"عزاداری ۲۰ جمادی‌الثانی ۱۴۴۷ در حرم برگزار می‌شود", Where::kText,
     {kHijri, 1447, 6, 20}, true, "۲۰ جمادی‌الثانی ۱۴۴۷"},
    {"روز عاشورا، ۱۰ محرم ۱۴۴۷ هـ.ق", Where::kText, {kHijri, 1447, 1, 10}, true,
     "۱۰ محرم ۱۴۴۷ هـ.ق", "2025-07-06"},
    {"1447/06/20 ق", Where::kField, {kHijri, 1447, 6, 20}, true, "1447/06/20 ق"},
    {"۱۴۴۷/۰۱/۱۰ هجری قمری", Where::kField, {kHijri, 1447, 1, 10}, true,
     "۱۴۴۷/۰۱/۱۰ هجری قمری"},
    {"عید فطر، ۱ شوال ۱۴۴۶", Where::kText, {kHijri, 1446, 10, 1}, true, "۱ شوال ۱۴۴۶",
     "2025-03-31"},
    {"آغاز ماه مبارک: ۱ رمضان‌المبارک ۱۴۴۶", Where::kText, {kHijri, 1446, 9, 1}, true,
     "۱ رمضان‌المبارک ۱۴۴۶"},
    {"۱۲ ربیع‌الاول ۱۴۴۷", Where::kField, {kHijri, 1447, 3, 12}, true, "۱۲ ربیع‌الاول ۱۴۴۷"},
    {"درگذشت در ۱۰ ربيع الثاني ۱۴۴۷", Where::kText,  // Arabic spelling
     {kHijri, 1447, 4, 10}, true, "۱۰ ربيع الثاني ۱۴۴۷"},
    {"۵ ربیع‌الآخر ۱۴۴۷", Where::kField, {kHijri, 1447, 4, 5}, true, "۵ ربیع‌الآخر ۱۴۴۷"},
    {"۳ جمادی‌الاولی ۱۴۴۷", Where::kField, {kHijri, 1447, 5, 3}, true, "۳ جمادی‌الاولی ۱۴۴۷"},
    {"۱۳ جمادی الاول ۱۴۴۷", Where::kField, {kHijri, 1447, 5, 13}, true, "۱۳ جمادی الاول ۱۴۴۷"},
    {"۳ جمادی‌الآخر ۱۴۴۷", Where::kField, {kHijri, 1447, 6, 3}, true, "۳ جمادی‌الآخر ۱۴۴۷"},
    {"ولادت امام علی، ۱۳ رجب ۱۴۴۰ هجری قمری", Where::kText, {kHijri, 1440, 7, 13}, true,
     "۱۳ رجب ۱۴۴۰ هجری قمری"},
    {"نیمه شعبان، ۱۵ شعبان‌المعظم ۱۴۴۶", Where::kText, {kHijri, 1446, 8, 15}, true,
     "۱۵ شعبان‌المعظم ۱۴۴۶"},
    {"۱۱ ذیقعده ۱۴۴۶", Where::kField, {kHijri, 1446, 11, 11}, true, "۱۱ ذیقعده ۱۴۴۶"},
    {"عید قربان ۱۰ ذی‌الحجه ۱۴۴۶", Where::kText, {kHijri, 1446, 12, 10}, true,
     "۱۰ ذی‌الحجه ۱۴۴۶"},
    {"۱۸ ذي الحجة ۱۴۴۶", Where::kField, {kHijri, 1446, 12, 18}, true, "۱۸ ذي الحجة ۱۴۴۶"},
    {"اربعین، ۲۰ صفر ۱۴۴۷", Where::kText, {kHijri, 1447, 2, 20}, true, "۲۰ صفر ۱۴۴۷"},
    {"1447/13/01 ق", Where::kField, {kHijri, 1447, 13, 1}, false, ""},
    {"۳۱ محرم ۱۴۴۷", Where::kField, {kHijri, 1447, 1, 31}, false, ""},
    // A Jalali or Gregorian date wins over a Hijri one, wherever it stands.
    {"جمعه ۲۱ آذر ۱۴۰۴ برابر با ۲۰ جمادی‌الثانی ۱۴۴۷", Where::kText, {kJalali, 1404, 9, 21},
     true, "جمعه ۲۱ آذر ۱۴۰۴"},
    {"۲۰ جمادی‌الثانی ۱۴۴۷ مطابق با ۱۲ دسامبر ۲۰۲۵", Where::kText, {kGregorian, 2025, 12, 12},
     true, "۱۲ دسامبر ۲۰۲۵"},
    // Without a Hijri marker a numeric date is never Hijri.
    {"1447/06/20", Where::kField, {kJalali, 1447, 6, 20}, true, "1447/06/20"},
};
// clang-format on

TEST_CASE("the table holds at least 40 real forms", "[dates][table]") {
  CHECK(std::size(kCases) >= 40);
}

TEST_CASE("every date form Persian news writes gives ICU's day and keeps its form",
          "[dates][table]") {
  for (const Case& c : kCases) {
    INFO(c.input);
    const std::optional<FoundDate> found = parse(c);
    const std::optional<UDate> instant = icu_instant(c.written);
    if (!c.exists) {
      CHECK_FALSE(found);
      CHECK_FALSE(instant);  // ICU knows no such day either
      continue;
    }
    REQUIRE(instant);
    REQUIRE(found);
    const bool zoned = c.written.zone != kNoZone;
    CHECK(format_iso(found->date.gregorian) ==
          icu_day("en_US@calendar=gregorian", *instant, zoned, '-'));
    CHECK(format_jalali(found->date.jalali) ==
          icu_day("fa_IR@calendar=persian", *instant, zoned, '/'));
    CHECK(found->calendar == c.written.calendar);
    CHECK(found->written == c.form);
    if (!c.anchor_iso.empty()) {
      CHECK(format_iso(found->date.gregorian) == c.anchor_iso);
    }
  }
}

TEST_CASE("well-known days convert as typed in by hand", "[dates][table]") {
  const auto iso = [](const std::optional<DocDate>& d) {
    return d ? format_iso(d->gregorian) : "none";
  };
  CHECK(iso(from_jalali(1404, 1, 1)) == "2025-03-21");  // Nowruz 1404
  CHECK(iso(from_jalali(1403, 12, 30)) == "2025-03-20");
  CHECK(iso(from_jalali(1399, 12, 30)) == "2021-03-20");
  CHECK(iso(from_jalali(1404, 6, 31)) == "2025-09-22");
  CHECK(iso(from_jalali(1404, 7, 1)) == "2025-09-23");
  CHECK(iso(from_hijri(1447, 1, 10)) == "2025-07-06");  // Ashura 1447 in Iran
  CHECK(iso(from_hijri(1446, 10, 1)) == "2025-03-31");  // Eid al-Fitr 1446 in Iran
  CHECK(iso(from_hijri(1444, 10, 1)) == "2023-04-22");  // Eid al-Fitr 1444 in Iran
  CHECK_FALSE(from_jalali(1404, 12, 30));
  CHECK_FALSE(from_jalali(1404, 13, 40));
  CHECK_FALSE(from_gregorian(2025, 2, 29));
}

TEST_CASE("a Hijri month's 30th is the day after its 29th where the table has 29 days",
          "[dates][table][hijri]") {
  // Safar has 29 days in the tabular calendar; a sighted Safar may have 30.
  const Written safar_29{kHijri, 1447, 2, 29};
  const Written safar_30{kHijri, 1447, 2, 30};
  const Written rabi_1{kHijri, 1447, 3, 1};
  REQUIRE(icu_instant(safar_29));
  REQUIRE_FALSE(icu_instant(safar_30));
  const std::optional<FoundDate> found = parse_date("۳۰ صفر ۱۴۴۷");
  REQUIRE(found);
  CHECK(format_iso(found->date.gregorian) ==
        icu_day("en_US@calendar=gregorian", *icu_instant(rabi_1), false, '-'));
  CHECK_FALSE(parse_date("۳۱ صفر ۱۴۴۷"));
  CHECK_FALSE(from_hijri(1447, 0, 1));
  CHECK_FALSE(from_hijri(1447, 1, 0));
}

TEST_CASE("calendars are named as the index stores them", "[dates][table]") {
  CHECK(calendar_name(kJalali) == "jalali");
  CHECK(calendar_name(kGregorian) == "gregorian");
  CHECK(calendar_name(kHijri) == "hijri");
}

}  // namespace
}  // namespace kavosh
