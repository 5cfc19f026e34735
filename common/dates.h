// Dates as Persian news writes them, found in metadata fields, running text,
// URLs and paths: Jalali (Solar Hijri), Gregorian and, when it is the only
// one given, Hijri Qamari. The days they name come from calendar.h.
#ifndef KAVOSH_COMMON_DATES_H_
#define KAVOSH_COMMON_DATES_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/calendar.h"

namespace kavosh {

// A date as the input wrote it, and the day it names.
struct FoundDate {
  DocDate date;
  DateCalendar calendar = DateCalendar::kJalali;
  // The input's own bytes, from the weekday (if one precedes the date) to
  // the year or time zone: "جمعه ۲۱ آذر ۱۴۰۴", "2025-12-12T08:30:00+03:30",
  // "۱۰ محرم ۱۴۴۷ هـ.ق".
  std::string written;
};

// Parses a metadata date field, the whole field: "1404/09/21", "۱۴۰۴/۰۹/۲۱",
// "1404-9-21" (Jalali, years 1200-1600), "جمعه، ۲۱ آذرماه ۱۴۰۴ ساعت ۱۰:۳۰",
// "2025-12-12" or "12 December 2025" (Gregorian, years 1900-2100),
// "۲۰ جمادی‌الثانی ۱۴۴۷" or "1447/06/20 ق" (Hijri, years 1300-1550; the
// numeric form only with a Hijri marker: ق, ه.ق, قمری). A timestamp with a
// zone, "2025-12-11T22:00:00Z" or "...+03:30", names the day it was in
// Tehran (2025-12-12 here); without a zone, the date as written.
// nullopt if the field is not a date or names an impossible day.
std::optional<FoundDate> parse_date(std::string_view field);

// The first Jalali or Gregorian date in running text; if the text has none,
// its first Hijri one. Forms: "جمعه 21 آذر 1404", "21 آذرماه ۱۴۰۴",
// "۱۴۰۴/۰۹/۲۱", "1404-09-21", "2025-12-12", "۱۲ دسامبر ۲۰۲۵",
// "December 12, 2025", "۲۰ جمادی‌الثانی ۱۴۴۷", "1447/06/20 ه.ق". Digits may
// be ASCII, Persian or Arabic-Indic.
std::optional<FoundDate> find_date(std::string_view text);

// The first date written in a URL or a file path, in ASCII, Persian or
// Arabic-Indic digits: a year, month and day joined by one kind of
// separator ("/1404/09/21/", "1404-09-21-title.txt", "2025_12_12"), else a
// compact run of digits: yyyyMMdd alone or followed by a time or serial
// (8, 12 or 14 digits: "14040921", "farsnews.ir/news/13900606121623"), or
// FarsNews' yyMMdd and a 4-digit serial (10 digits: "/news/8306150123" is
// 1383/06/15; a two-digit year 70-99 is 13yy, 00-69 is 14yy). Jalali years
// 1300-1499, Gregorian 1900-2099; the day must exist. A URL's scheme and
// host are not read. `written` is the date's digits as the input has them.
std::optional<FoundDate> find_url_date(std::string_view url_or_path);

// The day of parse_date() and find_date(), without the form.
std::optional<DocDate> parse_date_field(std::string_view field);
std::optional<DocDate> find_first_date(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_DATES_H_
