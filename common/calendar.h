// Days in the calendars Persian news writes: Jalali (Solar Hijri),
// Gregorian and Hijri Qamari. All calendar arithmetic goes through ICU's
// "persian", "gregorian" and "islamic-civil" calendars and its
// "Asia/Tehran" zone; nothing here holds a hand-written conversion table.
#ifndef KAVOSH_COMMON_CALENDAR_H_
#define KAVOSH_COMMON_CALENDAR_H_

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

// The calendar a date was written in.
enum class DateCalendar { kJalali, kGregorian, kHijri };

// "jalali", "gregorian" or "hijri".
std::string_view calendar_name(DateCalendar calendar);

// Converts a Jalali date; nullopt if no such day exists (1404/12/30, 1404/13/1).
std::optional<DocDate> from_jalali(int year, int month, int day);
// Converts a Gregorian date; nullopt if no such day exists (2025-02-29).
std::optional<DocDate> from_gregorian(int year, int month, int day);
// Converts a Hijri Qamari date by ICU's tabular "islamic-civil" calendar,
// which Iranian dates agree with best; Iran's official months follow the
// sighting of the moon, so a date may still be one day off. Day 30 is
// accepted in every month (a sighted month may have 30 days where the table
// has 29) and read as the day after the 29th. nullopt for month 13, day 31.
std::optional<DocDate> from_hijri(int year, int month, int day);

// The day in Tehran at `seconds` past midnight of `gregorian` in the zone
// `offset_minutes` east of UTC: news is dated by Tehran's clock, so
// "2025-12-11T22:00:00Z" (01:30 on 21 Azar there) is 2025-12-12. ICU's zone
// knows the years Iran kept summer time (+04:30).
std::optional<DocDate> day_in_tehran(const CivilDate& gregorian, long seconds, int offset_minutes);

// Today, as the clock of this machine has it in Tehran.
DocDate today_in_tehran();

// "2025-12-12"
std::string format_iso(const CivilDate& date);
// "1404/09/21"
std::string format_jalali(const CivilDate& date);
// "21 آذر 1404"
std::string format_jalali_long(const CivilDate& date);

// Days since 1970-01-01 of a Gregorian date, for sorting and range filters.
long days_since_epoch(const CivilDate& gregorian);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_CALENDAR_H_
