// Dates in URLs and file paths: find_url_date() of dates.h.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/dates.h"

namespace kavosh {
namespace {

// `input` with Persian (U+06F0-9) and Arabic-Indic (U+0660-9) digits made
// ASCII, and where each byte of it came from.
struct AsciiDigits {
  std::string text;
  std::vector<std::size_t> origin;  // one more than text: the end
};

AsciiDigits ascii_digits(std::string_view input) {
  AsciiDigits out;
  out.text.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    const auto lead = static_cast<unsigned char>(input[i]);
    const auto next = i + 1 < input.size() ? static_cast<unsigned char>(input[i + 1]) : 0;
    out.origin.push_back(i);
    if (lead == 0xDB && next >= 0xB0 && next <= 0xB9) {  // U+06F0-U+06F9
      out.text.push_back(static_cast<char>('0' + (next - 0xB0)));
      ++i;
    } else if (lead == 0xD9 && next >= 0xA0 && next <= 0xA9) {  // U+0660-U+0669
      out.text.push_back(static_cast<char>('0' + (next - 0xA0)));
      ++i;
    } else {
      out.text.push_back(input[i]);
    }
  }
  out.origin.push_back(input.size());
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int number(std::string_view digits) {
  int n = 0;
  for (const char c : digits) {
    n = n * 10 + (c - '0');
  }
  return n;
}

// The day a four-digit year names, by its range: Jalali 1300-1499,
// Gregorian 1900-2099.
std::optional<FoundDate> day_of(int year, int month, int day) {
  if (year >= 1300 && year <= 1499) {
    if (auto date = from_jalali(year, month, day)) {
      return FoundDate{*date, DateCalendar::kJalali, {}};
    }
  } else if (year >= 1900 && year <= 2099) {
    if (auto date = from_gregorian(year, month, day)) {
      return FoundDate{*date, DateCalendar::kGregorian, {}};
    }
  }
  return std::nullopt;
}

struct Run {
  std::size_t begin;
  std::size_t end;
  std::string_view digits;
};

// The runs of ASCII digits in `t`.
std::vector<Run> digit_runs(std::string_view t) {
  std::vector<Run> runs;
  for (std::size_t i = 0; i < t.size();) {
    if (!is_digit(t[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < t.size() && is_digit(t[i])) {
      ++i;
    }
    runs.push_back({begin, i, t.substr(begin, i - begin)});
  }
  return runs;
}

bool is_separator(char c) { return c == '/' || c == '-' || c == '_' || c == '.'; }

// Year, month and day in runs[i..i+2], joined by one separator.
std::optional<FoundDate> separated(std::string_view t, const std::vector<Run>& runs,
                                   std::size_t i) {
  if (i + 2 >= runs.size()) {
    return std::nullopt;
  }
  const Run& y = runs[i];
  const Run& m = runs[i + 1];
  const Run& d = runs[i + 2];
  if (y.digits.size() != 4 || m.digits.size() > 2 || d.digits.size() > 2 || m.begin != y.end + 1 ||
      d.begin != m.end + 1) {
    return std::nullopt;
  }
  const char separator = t[y.end];
  if (!is_separator(separator) || t[m.end] != separator) {
    return std::nullopt;
  }
  return day_of(number(y.digits), number(m.digits), number(d.digits));
}

// A compact run: yyyyMMdd, with a time or serial after it (8, 12 or 14
// digits), or FarsNews' yyMMdd and a 4-digit serial (10 digits).
std::optional<FoundDate> compact(const Run& run, std::size_t& length) {
  const std::string_view s = run.digits;
  if (s.size() == 8 || s.size() == 12 || s.size() == 14) {
    length = 8;
    return day_of(number(s.substr(0, 4)), number(s.substr(4, 2)), number(s.substr(6, 2)));
  }
  if (s.size() == 10) {
    length = 6;
    const int yy = number(s.substr(0, 2));
    const int year = yy >= 70 ? 1300 + yy : 1400 + yy;
    if (auto date = from_jalali(year, number(s.substr(2, 2)), number(s.substr(4, 2)))) {
      return FoundDate{*date, DateCalendar::kJalali, {}};
    }
  }
  return std::nullopt;
}

// Where the path of a URL begins: after "scheme://host"; 0 for a path.
std::size_t path_start(std::string_view s) {
  const std::size_t scheme = s.find("://");
  if (scheme == std::string_view::npos) {
    return 0;
  }
  const std::size_t slash = s.find('/', scheme + 3);
  return slash == std::string_view::npos ? s.size() : slash;
}

}  // namespace

std::optional<FoundDate> find_url_date(std::string_view url_or_path) {
  const AsciiDigits folded = ascii_digits(url_or_path);
  const std::string_view t(folded.text);
  std::vector<Run> all = digit_runs(t);
  const std::size_t start = path_start(t);
  std::erase_if(all, [start](const Run& r) { return r.begin < start; });
  const auto written = [&](std::size_t begin, std::size_t end) {
    const std::size_t from = folded.origin[begin];
    return std::string(url_or_path.substr(from, folded.origin[end] - from));
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (std::optional<FoundDate> date = separated(t, all, i)) {
      date->written = written(all[i].begin, all[i + 2].end);
      return date;
    }
  }
  for (const Run& run : all) {
    std::size_t length = 0;
    if (std::optional<FoundDate> date = compact(run, length)) {
      date->written = written(run.begin, run.begin + length);
      return date;
    }
  }
  return std::nullopt;
}

}  // namespace kavosh
