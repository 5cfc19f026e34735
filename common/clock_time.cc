#include "common/clock_time.h"

#include "common/text_match.h"

namespace kavosh {
namespace {

// Where the time starts after the date ending at `pos`: after a 'T', or
// after a gap and maybe a separator ("-", ",", "،", "ساعت"); nullopt if
// neither follows.
Pos time_start(std::string_view t, std::size_t pos) {
  if (t[pos] == 'T') {
    return pos + 1;
  }
  const std::size_t gap = skip_gap(t, pos);
  if (gap == pos) {
    return std::nullopt;
  }
  pos = gap;
  for (std::string_view separator : {"-", ",", "،", "ساعت"}) {
    if (starts_with_at(t, pos, separator)) {
      return skip_gap(t, pos + separator.size());
    }
  }
  return pos;
}

// "10:30", "10:30:00", "10:30:00.5" at `pos`: its seconds since midnight
// into `clock`, and the position after it.
Pos read_clock(std::string_view t, std::size_t pos, Clock& clock) {
  const Number hour = read_number(t, pos);
  if (hour.digits < 1 || hour.digits > 2 || hour.value > 24 || hour.end >= t.size() ||
      t[hour.end] != ':') {
    return std::nullopt;
  }
  const Number minute = read_number(t, hour.end + 1);
  if (minute.digits != 2 || minute.value > 59) {
    return std::nullopt;
  }
  clock.seconds = hour.value * 3600L + minute.value * 60L;
  pos = minute.end;
  if (pos < t.size() && t[pos] == ':') {
    const Number second = read_number(t, pos + 1);
    if (second.digits != 2 || second.value > 60) {
      return std::nullopt;
    }
    clock.seconds += second.value;
    pos = second.end;
    if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
      const Number fraction = read_number(t, pos + 1);
      if (fraction.digits == 0) {
        return std::nullopt;
      }
      pos = fraction.end;
    }
  }
  return pos;
}

// "UTC", "GMT", "Z", "+03:30", "+0330", "-05", or nothing, at `pos`: the
// zone's offset into `clock`, and the position after it.
Pos read_zone(std::string_view t, std::size_t pos, Clock& clock) {
  if (const Pos end = match_word(t, pos, "utc")) {
    pos = *end;
    clock.offset_minutes = 0;
  } else if (const Pos gmt = match_word(t, pos, "gmt")) {
    pos = *gmt;
    clock.offset_minutes = 0;
  } else if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
    ++pos;
    clock.offset_minutes = 0;
  }
  if (pos >= t.size() || (t[pos] != '+' && t[pos] != '-')) {
    return pos;
  }
  const int sign = t[pos] == '-' ? -1 : 1;
  const Number hours = read_number(t, pos + 1);
  pos = hours.end;
  int minutes = 0;
  if (hours.digits == 2 && pos < t.size() && t[pos] == ':') {
    const Number m = read_number(t, pos + 1);
    if (m.digits != 2) {
      return std::nullopt;
    }
    minutes = hours.value * 60 + m.value;
    pos = m.end;
  } else if (hours.digits == 2) {
    minutes = hours.value * 60;
  } else if (hours.digits == 4) {
    minutes = hours.value / 100 * 60 + hours.value % 100;
  } else {
    return std::nullopt;
  }
  // UTC-12 .. UTC+14 are all the zones there are.
  if (minutes > 14 * 60) {
    return std::nullopt;
  }
  clock.offset_minutes = sign * minutes;
  return pos;
}

}  // namespace

std::optional<Clock> parse_time_suffix(std::string_view t, std::size_t pos) {
  Clock clock;
  if (pos == t.size()) {
    return clock;
  }
  const Pos start = time_start(t, pos);
  if (!start) {
    return std::nullopt;
  }
  const Pos after_clock = read_clock(t, *start, clock);
  if (!after_clock) {
    return std::nullopt;
  }
  const Pos end = read_zone(t, skip_gap(t, *after_clock), clock);
  if (!end || skip_gap(t, *end) != t.size()) {
    return std::nullopt;
  }
  return clock;
}

}  // namespace kavosh
