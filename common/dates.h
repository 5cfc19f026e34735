// Dates as Persian news writes them: Jalali (Solar Hijri) and Gregorian.
// All calendar arithmetic goes through ICU's "persian" and "gregorian"
// calendars; nothing here holds a hand-written conversion table.
#ifndef KAVOSH_COMMON_DATES_H_
#define KAVOSH_COMMON_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace kavosh {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// One day, in both calendars.
struct DocDate {
  CivilDate gregorian;
  CivilDate jalali;

  friend bool operator==(const DocDate&, const DocDate&) = default;
};

// Converts a Jalali date; nullopt if no such day exists (1404/12/30, 1404/13/1).
std::optional<DocDate> from_jalali(int year, int month, int day);
// Converts a Gregorian date; nullopt if no such day exists (2025-02-29).
std::optional<DocDate> from_gregorian(int year, int month, int day);

// Parses a metadata date field: "1404/09/21", "۱۴۰۴/۰۹/۲۱", "1404-9-21"
// (Jalali, years 1200-1600), "2025-12-12" or an ISO timestamp
// "2025-12-12T10:30:00+03:30" (Gregorian, the calendar date as written).
// nullopt if the field is not a date or names an impossible day.
std::optional<DocDate> parse_date_field(std::string_view field);

// The first date written in running text, in any of these forms:
// "جمعه 21 آذر 1404", "21 آذرماه ۱۴۰۴", "۱۴۰۴/۰۹/۲۱", "1404-09-21",
// "2025-12-12". Digits may be ASCII, Persian or Arabic-Indic.
std::optional<DocDate> find_first_date(std::string_view text);

// "2025-12-12"
std::string format_iso(const CivilDate& date);
// "1404/09/21"
std::string format_jalali(const CivilDate& date);
// "21 آذر 1404"
std::string format_jalali_long(const CivilDate& date);

// Days since 1970-01-01 of a Gregorian date, for sorting and range filters.
long days_since_epoch(const CivilDate& gregorian);

// The agency named in the attribution formula "به گزارش X،" (also with a
// Latin comma, or "به گزارش خبرگزاری X"), trimmed; nullopt if the text has none.
// Spelling variants (Arabic yeh/kaf, ZWNJ) are kept as written.
std::optional<std::string> find_source(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_DATES_H_
