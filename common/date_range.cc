#include "common/date_range.h"

#include <charconv>
#include <string>
#include <vector>

#include "common/normalizer.h"

namespace kavosh {
namespace {

enum class Calendar { kJalali, kGregorian };

std::optional<DocDate> convert(Calendar calendar, int year, int month, int day) {
  return calendar == Calendar::kJalali ? from_jalali(year, month, day)
                                       : from_gregorian(year, month, day);
}

// The last day of a month: the day before the first of the next month.
std::optional<long> last_day_of_month(Calendar calendar, int year, int month) {
  const auto next =
      month == 12 ? convert(calendar, year + 1, 1, 1) : convert(calendar, year, month + 1, 1);
  if (!next) {
    return std::nullopt;
  }
  return days_since_epoch(next->gregorian) - 1;
}

}  // namespace

std::optional<DayRange> parse_date_range(std::string_view text) {
  const std::string t = normalize(text);
  std::vector<int> parts;
  std::size_t i = 0;
  while (i <= t.size()) {
    std::size_t end = i;
    while (end < t.size() && t[end] >= '0' && t[end] <= '9') {
      ++end;
    }
    int value = 0;
    if (end == i || end - i > 4 ||
        std::from_chars(t.data() + i, t.data() + end, value).ec != std::errc()) {
      return std::nullopt;
    }
    parts.push_back(value);
    if (end == t.size()) {
      break;
    }
    if (t[end] != '/' && t[end] != '-') {
      return std::nullopt;
    }
    i = end + 1;
  }
  if (parts.empty() || parts.size() > 3) {
    return std::nullopt;
  }
  const int year = parts[0];
  Calendar calendar;
  if (year >= 1200 && year <= 1600) {
    calendar = Calendar::kJalali;
  } else if (year >= 1900 && year <= 2100) {
    calendar = Calendar::kGregorian;
  } else {
    return std::nullopt;
  }
  const int first_month = parts.size() >= 2 ? parts[1] : 1;
  const int last_month = parts.size() >= 2 ? parts[1] : 12;
  const int first_day = parts.size() == 3 ? parts[2] : 1;
  const auto first = convert(calendar, year, first_month, first_day);
  if (!first) {
    return std::nullopt;
  }
  DayRange range{days_since_epoch(first->gregorian), 0};
  if (parts.size() == 3) {
    range.last = range.first;
  } else {
    const auto last = last_day_of_month(calendar, year, last_month);
    if (!last) {
      return std::nullopt;
    }
    range.last = *last;
  }
  return range;
}

CivilDate gregorian_from_days(long days) {
  // Howard Hinnant's civil_from_days: the inverse of days_since_epoch.
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace kavosh
