// Date ranges for filters: whole days, years and months in either calendar.
#ifndef KAVOSH_COMMON_DATE_RANGE_H_
#define KAVOSH_COMMON_DATE_RANGE_H_

#include <optional>
#include <string_view>

#include "common/dates.h"

namespace kavosh {

// Inclusive range of days since 1970-01-01.
struct DayRange {
  long first = 0;
  long last = 0;

  friend bool operator==(const DayRange&, const DayRange&) = default;
};

// Parses a date that may be partial: "1404" (the whole Jalali year),
// "1404/09" (all of Azar 1404), "1404/09/21", "2025", "2025-12",
// "2025-12-12"; '/' or '-' between parts, ASCII, Persian or Arabic-Indic
// digits. Years 1200-1600 are Jalali, 1900-2100 Gregorian. nullopt if it is
// no date or names a day that does not exist (1404/12/30, 1404/13).
std::optional<DayRange> parse_date_range(std::string_view text);

// The Gregorian date of a day number (days since 1970-01-01).
CivilDate gregorian_from_days(long days);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_DATE_RANGE_H_
