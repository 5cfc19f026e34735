#include "common/persian_date.h"

#include <array>
#include <charconv>

namespace kavosh {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر",     "آبان",     "آذر",   "دی",  "بهمن",  "اسفند",
};

// The number in `text`, if it is made of ASCII digits only.
bool parse(std::string_view text, int& value) {
  if (text.empty()) {
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string persian_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      // U+06F0 + digit: 0xDB 0xB0..0xB9 in UTF-8.
      out += '\xDB';
      out += static_cast<char>(0xB0 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

std::string persian_date(std::string_view jalali) {
  const std::size_t first = jalali.find('/');
  const std::size_t second = jalali.find('/', first == std::string_view::npos ? 0 : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    return "";
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!parse(jalali.substr(0, first), year) ||
      !parse(jalali.substr(first + 1, second - first - 1), month) ||
      !parse(jalali.substr(second + 1), day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return "";
  }
  return persian_digits(std::to_string(day)) + " " + std::string(kMonths[month - 1]) + " " +
         persian_digits(std::to_string(year));
}

}  // namespace kavosh
