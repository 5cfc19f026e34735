// Dates as a Persian reader writes them, for terminal output.
#ifndef KAVOSH_COMMON_PERSIAN_DATE_H_
#define KAVOSH_COMMON_PERSIAN_DATE_H_

#include <string>
#include <string_view>

namespace kavosh {

// `text` with ASCII digits written as Persian ones: "1404" -> "۱۴۰۴".
std::string persian_digits(std::string_view text);

// A Jalali date "1404/09/21" as "۲۱ آذر ۱۴۰۴" (day without a leading zero,
// the month by name); empty if `jalali` is not such a date.
std::string persian_date(std::string_view jalali);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_PERSIAN_DATE_H_
