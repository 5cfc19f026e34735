// The clock time that may follow a date in a metadata field.
#ifndef KAVOSH_COMMON_CLOCK_TIME_H_
#define KAVOSH_COMMON_CLOCK_TIME_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace kavosh {

// A clock time: seconds since midnight, and the zone's offset if one is given.
struct Clock {
  long seconds = 0;
  std::optional<int> offset_minutes;  // east of UTC
};

// The clock time after a date field, up to the end of the field, in folded
// text (text_fold.h), as "T10:30:00+03:30", " 10:30", " 10:30:00.5 Z" or
// " - 10:30"; a field that ends at the date is at midnight. nullopt if
// anything else follows.
std::optional<Clock> parse_time_suffix(std::string_view t, std::size_t pos);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_CLOCK_TIME_H_
