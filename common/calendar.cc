#include "common/calendar.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace kavosh {
namespace {

struct Calendars {
  std::unique_ptr<icu::Calendar> persian;
  std::unique_ptr<icu::Calendar> gregorian;
  std::unique_ptr<icu::Calendar> hijri;
  std::unique_ptr<icu::TimeZone> tehran;
};

[[noreturn]] void throw_icu(const char* what, UErrorCode status) {
  throw std::runtime_error(std::string("dates: cannot create ICU ") + what +
                           " calendar: " + u_errorName(status));
}

Calendars make_prototypes() {
  Calendars c;
  UErrorCode status = U_ZERO_ERROR;
  // UTC, so that no zone's daylight saving or offset history shifts a day.
  c.persian.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                icu::Locale("fa_IR@calendar=persian"), status));
  if (U_FAILURE(status) || c.persian == nullptr ||
      std::strcmp(c.persian->getType(), "persian") != 0) {
    throw_icu("persian", status);
  }
  auto gregorian = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(),
                                                            icu::Locale::getRoot(), status);
  // Proleptic Gregorian, as ISO 8601 and days_since_epoch() count; ICU
  // otherwise switches to the Julian calendar before 1582-10-15.
  gregorian->setGregorianChange(-std::numeric_limits<double>::max(), status);
  if (U_FAILURE(status)) {
    throw_icu("gregorian", status);
  }
  c.gregorian = std::move(gregorian);
  // Of ICU's Hijri calendars, the tabular "islamic-civil" agrees best with
  // the dates Iran announces after sighting the moon: the days Iran kept as
  // Eid al-Fitr in 1438-1446 AH are all 1 Shawwal in it, and its Ashura of
  // 1444, 1445 and 1447 are 10 Muharram (1446's is the 9th). On four of
  // those Eids Saudi Arabia's "islamic-umalqura" already counts 2 Shawwal,
  // and the astronomical "islamic" does on all of them.
  c.hijri.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                              icu::Locale("fa_IR@calendar=islamic-civil"), status));
  if (U_FAILURE(status) || c.hijri == nullptr ||
      std::strcmp(c.hijri->getType(), "islamic-civil") != 0) {
    throw_icu("islamic-civil", status);
  }
  c.tehran.reset(icu::TimeZone::createTimeZone("Asia/Tehran"));
  if (c.tehran == nullptr || *c.tehran == icu::TimeZone::getUnknown()) {
    throw std::runtime_error("dates: ICU has no Asia/Tehran time zone");
  }
  c.persian->setLenient(false);
  c.gregorian->setLenient(false);
  c.hijri->setLenient(false);
  return c;
}

Calendars clone(const Calendars& prototypes) {
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  return {std::unique_ptr<icu::Calendar>(prototypes.persian->clone()),
          std::unique_ptr<icu::Calendar>(prototypes.gregorian->clone()),
          std::unique_ptr<icu::Calendar>(prototypes.hijri->clone()),
          std::unique_ptr<icu::TimeZone>(prototypes.tehran->clone())};
}

// Creating a calendar loads locale data; cloning one is cheap. An ICU
// calendar is not thread-safe, so each thread clones its own from one
// prototype that nothing modifies.
Calendars& calendars() {
  static const Calendars prototypes = make_prototypes();
  thread_local Calendars local = clone(prototypes);
  return local;
}

CivilDate read_fields(icu::Calendar& calendar, UDate instant) {
  UErrorCode status = U_ZERO_ERROR;
  calendar.setTime(instant, status);
  CivilDate date;
  date.year = calendar.get(UCAL_EXTENDED_YEAR, status);
  date.month = calendar.get(UCAL_MONTH, status) + 1;
  date.day = calendar.get(UCAL_DATE, status);
  if (U_FAILURE(status)) {
    return {};
  }
  return date;
}

// The instant (midnight UTC) of `date` on `calendar`, or nullopt if the
// calendar has no such day. A non-lenient calendar rejects out-of-range
// fields; reading the fields back catches anything it would still roll over.
std::optional<UDate> to_instant(icu::Calendar& calendar, const CivilDate& date) {
  // No news is dated outside these years, and refusing them keeps ICU's
  // field arithmetic far from overflow.
  if (date.year < 1 || date.year > 9999) {
    return std::nullopt;
  }
  calendar.clear();
  calendar.set(UCAL_YEAR, date.year);
  calendar.set(UCAL_MONTH, date.month - 1);
  calendar.set(UCAL_DATE, date.day);
  UErrorCode status = U_ZERO_ERROR;
  const UDate instant = calendar.getTime(status);
  if (U_FAILURE(status) || read_fields(calendar, instant) != date) {
    return std::nullopt;
  }
  return instant;
}

constexpr double kMillisPerDay = 86400000.0;

// The day at `instant` in both calendars. Before 622 the Jalali calendar has
// no years to give: nullopt.
std::optional<DocDate> on_both_calendars(Calendars& c, UDate instant) {
  const CivilDate jalali = read_fields(*c.persian, instant);
  if (jalali.year < 1) {
    return std::nullopt;
  }
  return DocDate{read_fields(*c.gregorian, instant), jalali};
}

}  // namespace

std::optional<DocDate> day_in_tehran(const CivilDate& gregorian, long seconds, int offset_minutes) {
  Calendars& c = calendars();
  const std::optional<UDate> midnight = to_instant(*c.gregorian, gregorian);
  if (!midnight) {
    return std::nullopt;
  }
  const UDate utc = *midnight + (static_cast<double>(seconds) - offset_minutes * 60.0) * 1000.0;
  std::int32_t raw = 0;
  std::int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  c.tehran->getOffset(utc, /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) {
    return std::nullopt;
  }
  const double day = std::floor((utc + raw + dst) / kMillisPerDay);
  const CivilDate local = read_fields(*c.gregorian, day * kMillisPerDay);
  return from_gregorian(local.year, local.month, local.day);
}

std::optional<DocDate> from_jalali(int year, int month, int day) {
  Calendars& c = calendars();
  const std::optional<UDate> instant = to_instant(*c.persian, CivilDate{year, month, day});
  return instant ? on_both_calendars(c, *instant) : std::nullopt;
}

std::optional<DocDate> from_gregorian(int year, int month, int day) {
  Calendars& c = calendars();
  const std::optional<UDate> instant = to_instant(*c.gregorian, CivilDate{year, month, day});
  return instant ? on_both_calendars(c, *instant) : std::nullopt;
}

std::optional<DocDate> from_hijri(int year, int month, int day) {
  Calendars& c = calendars();
  std::optional<UDate> instant = to_instant(*c.hijri, CivilDate{year, month, day});
  if (!instant && day == 30 && month >= 1 && month <= 12) {
    instant = to_instant(*c.hijri, CivilDate{year, month, 29});
    if (instant) {
      *instant += kMillisPerDay;
    }
  }
  return instant ? on_both_calendars(c, *instant) : std::nullopt;
}

std::string_view calendar_name(DateCalendar calendar) {
  switch (calendar) {
    case DateCalendar::kJalali:
      return "jalali";
    case DateCalendar::kGregorian:
      return "gregorian";
    case DateCalendar::kHijri:
      return "hijri";
  }
  return "";
}

std::string format_iso(const CivilDate& date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string format_jalali(const CivilDate& date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d/%02d/%02d", date.year, date.month, date.day);
  return buffer;
}

std::string format_jalali_long(const CivilDate& date) {
  static constexpr std::string_view kNames[] = {"فروردین", "اردیبهشت", "خرداد", "تیر",
                                                "مرداد",   "شهریور",   "مهر",   "آبان",
                                                "آذر",     "دی",       "بهمن",  "اسفند"};
  if (date.month < 1 || date.month > 12) {
    return format_jalali(date);
  }
  return std::to_string(date.day) + " " + std::string(kNames[date.month - 1]) + " " +
         std::to_string(date.year);
}

long days_since_epoch(const CivilDate& gregorian) {
  // Howard Hinnant's days_from_civil, proleptic Gregorian.
  const long y = static_cast<long>(gregorian.year) - (gregorian.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long year_of_era = y - era * 400;
  const long m = gregorian.month;
  const long day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + gregorian.day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

DocDate today_in_tehran() {
  const auto now = std::chrono::system_clock::now();
  const auto midnight = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day utc{midnight};
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - midnight).count();
  const CivilDate day{static_cast<int>(utc.year()), static_cast<int>(unsigned(utc.month())),
                      static_cast<int>(unsigned(utc.day()))};
  if (std::optional<DocDate> today = day_in_tehran(day, static_cast<long>(seconds), 0)) {
    return *today;
  }
  throw std::runtime_error("dates: ICU cannot convert today's date");
}

}  // namespace kavosh
