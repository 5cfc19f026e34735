#include "common/dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kavosh {
namespace {

// ---------------------------------------------------------------------------
// Calendars

struct Calendars {
  std::unique_ptr<icu::Calendar> persian;
  std::unique_ptr<icu::Calendar> gregorian;
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
  c.persian->setLenient(false);
  c.gregorian->setLenient(false);
  return c;
}

Calendars clone(const Calendars& prototypes) {
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  return {std::unique_ptr<icu::Calendar>(prototypes.persian->clone()),
          std::unique_ptr<icu::Calendar>(prototypes.gregorian->clone())};
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

// ---------------------------------------------------------------------------
// Folding: the text as the matchers see it

constexpr UChar32 kDrop = -2;
constexpr UChar32 kZwnj = 0x200C;
// Stands for an ill-formed byte sequence: never part of valid UTF-8.
constexpr char kOpaque = '\xFF';

UChar32 fold_char(UChar32 c) {
  if (c >= 0x06F0 && c <= 0x06F9) {  // Persian digits
    return '0' + (c - 0x06F0);
  }
  if (c >= 0x0660 && c <= 0x0669) {  // Arabic-Indic digits
    return '0' + (c - 0x0660);
  }
  switch (c) {
    case 0x064A:  // Arabic yeh
    case 0x0649:  // alef maksura
      return 0x06CC;
    case 0x0643:  // Arabic kaf
      return 0x06A9;
    case '\t':
    case 0x00A0:  // no-break space, the half-space of older archives
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return ' ';
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x0640:  // tatweel
    case 0x200D:  // zero width joiner
    case 0x200E:  // left-to-right mark
    case 0x200F:  // right-to-left mark
    case 0xFEFF:  // byte order mark
      return kDrop;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) {
    return ' ';
  }
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {  // bidi controls
    return kDrop;
  }
  return c;
}

// `text` with digits in ASCII, Arabic yeh and kaf in their Persian forms,
// spaces plain and invisible marks dropped; ZWNJ and line breaks are kept.
// With `keep_origin`, folded byte i came from input bytes
// [begin[i], end[i]).
struct Folded {
  std::string text;
  std::vector<std::size_t> begin;
  std::vector<std::size_t> end;
};

Folded fold(std::string_view input, bool keep_origin) {
  if (input.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    input = input.substr(0, static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()));
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(input.data());
  const auto length = static_cast<std::int32_t>(input.size());
  Folded folded;
  folded.text.reserve(input.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      folded.text.push_back(kOpaque);
    } else {
      c = fold_char(c);
      if (c == 0x0627 && i < length) {
        // Alef followed by a combining madda is alef madda ("آذر", "آبان").
        std::int32_t next = i;
        UChar32 mark = 0;
        U8_NEXT(s, next, length, mark);
        if (mark == 0x0653) {
          c = 0x0622;
          i = next;
        }
      }
      if (c != kDrop) {
        char buffer[U8_MAX_LENGTH];
        std::int32_t n = 0;
        U8_APPEND_UNSAFE(buffer, n, c);
        folded.text.append(buffer, static_cast<std::size_t>(n));
      }
    }
    if (keep_origin) {
      folded.begin.resize(folded.text.size(), static_cast<std::size_t>(start));
      folded.end.resize(folded.text.size(), static_cast<std::size_t>(i));
    }
  }
  return folded;
}

// ---------------------------------------------------------------------------
// Small matchers over folded text. Each takes a position and returns the
// position after what it matched, or nullopt.

using Pos = std::optional<std::size_t>;

bool is_digit(std::string_view t, std::size_t pos) {
  return pos < t.size() && t[pos] >= '0' && t[pos] <= '9';
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Letters, and the marks and ZWNJ that continue a word.
bool is_word_char(UChar32 c) {
  return c >= 0 && (c == kZwnj || u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK);
}

bool is_word_char_at(std::string_view t, std::size_t pos) {
  if (pos >= t.size()) {
    return false;
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  auto i = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(s, i, static_cast<std::int32_t>(t.size()), c);
  return is_word_char(c);
}

bool is_word_char_before(std::string_view t, std::size_t pos) {
  if (pos == 0) {
    return false;
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  auto i = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_PREV(s, 0, i, c);
  return is_word_char(c);
}

// Matches `word` (ASCII letters case-insensitively), not followed by a letter.
Pos match_word(std::string_view t, std::size_t pos, std::string_view word) {
  if (pos > t.size() || t.size() - pos < word.size()) {
    return std::nullopt;
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (ascii_lower(t[pos + k]) != word[k]) {
      return std::nullopt;
    }
  }
  const std::size_t end = pos + word.size();
  if (is_word_char_at(t, end)) {
    return std::nullopt;
  }
  return end;
}

bool starts_with_at(std::string_view t, std::size_t pos, std::string_view prefix) {
  return pos <= t.size() && t.substr(pos).starts_with(prefix);
}

// Skips spaces and ZWNJs (not line breaks).
std::size_t skip_gap(std::string_view t, std::size_t pos) {
  constexpr std::string_view kZwnjUtf8 = "\u200C";
  while (pos < t.size()) {
    if (t[pos] == ' ') {
      ++pos;
    } else if (starts_with_at(t, pos, kZwnjUtf8)) {
      pos += kZwnjUtf8.size();
    } else {
      break;
    }
  }
  return pos;
}

struct Number {
  int value = 0;
  std::size_t digits = 0;
  std::size_t end = 0;
};

// The maximal run of ASCII digits at `pos` (value kept only for short runs).
Number read_number(std::string_view t, std::size_t pos) {
  Number n;
  n.end = pos;
  while (is_digit(t, n.end)) {
    if (n.digits < 9) {
      n.value = n.value * 10 + (t[n.end] - '0');
    }
    ++n.digits;
    ++n.end;
  }
  return n;
}

enum class CalendarKind { kJalali, kGregorian };

constexpr int kMinJalaliYear = 1200;
constexpr int kMaxJalaliYear = 1600;
constexpr int kMinGregorianYear = 1900;
constexpr int kMaxGregorianYear = 2100;

std::optional<DocDate> convert(CalendarKind calendar, int year, int month, int day) {
  if (calendar == CalendarKind::kJalali) {
    if (year < kMinJalaliYear || year > kMaxJalaliYear) {
      return std::nullopt;
    }
    return from_jalali(year, month, day);
  }
  if (year < kMinGregorianYear || year > kMaxGregorianYear) {
    return std::nullopt;
  }
  return from_gregorian(year, month, day);
}

// A four-digit year picks its calendar by range.
std::optional<DocDate> convert_by_year(int year, int month, int day) {
  if (year >= kMinJalaliYear && year <= kMaxJalaliYear) {
    return from_jalali(year, month, day);
  }
  return convert(CalendarKind::kGregorian, year, month, day);
}

struct Match {
  DocDate date;
  std::size_t end = 0;
};

// "1404/09/21", "1404-9-21", "2025-12-12", and "21/09/1404" (day first, which
// Persian letters write; Jalali only, since Gregorian day-first and
// month-first forms cannot be told apart).
std::optional<Match> match_numeric(std::string_view t, std::size_t pos) {
  const Number a = read_number(t, pos);
  if (a.end >= t.size() || (t[a.end] != '/' && t[a.end] != '-')) {
    return std::nullopt;
  }
  const char separator = t[a.end];
  const Number b = read_number(t, a.end + 1);
  if (b.digits < 1 || b.digits > 2 || b.end >= t.size() || t[b.end] != separator) {
    return std::nullopt;
  }
  const Number c = read_number(t, b.end + 1);
  if (c.digits < 1) {
    return std::nullopt;
  }
  // Not the head of "1404/09/21/3".
  if (c.end < t.size() && t[c.end] == separator && is_digit(t, c.end + 1)) {
    return std::nullopt;
  }
  std::optional<DocDate> date;
  if (a.digits == 4 && c.digits <= 2) {
    date = convert_by_year(a.value, b.value, c.value);
  } else if (a.digits <= 2 && c.digits == 4) {
    date = convert(CalendarKind::kJalali, c.value, b.value, a.value);
  }
  if (!date) {
    return std::nullopt;
  }
  return Match{*date, c.end};
}

struct MonthNames {
  CalendarKind calendar;
  // Spellings of month i + 1, folded (Persian yeh and kaf, Latin in lower
  // case), separated by '|'.
  std::string_view names[12];
};

constexpr MonthNames kMonthNames[] = {
    {CalendarKind::kJalali,
     {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد|امرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
      "بهمن", "اسفند"}},
    // Gregorian months as Persian news writes them.
    {CalendarKind::kGregorian,
     {"ژانویه", "فوریه", "مارس", "آوریل|آپریل", "مه|می", "ژوئن", "ژوئیه|ژوییه|جولای", "اوت|آگوست",
      "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}},
    {CalendarKind::kGregorian,
     {"january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
      "august|aug", "september|sept|sep", "october|oct", "november|nov", "december|dec"}},
};

struct MonthMatch {
  int month = 0;
  CalendarKind calendar = CalendarKind::kJalali;
  std::size_t end = 0;
};

// A month name at `pos`: a Persian one with "ماه" ("month") as in "آذرماه"
// and "آذر ماه", a Latin abbreviation with its dot.
std::optional<MonthMatch> match_month(std::string_view t, std::size_t pos) {
  for (const MonthNames& table : kMonthNames) {
    for (int month = 1; month <= 12; ++month) {
      std::string_view spellings = table.names[month - 1];
      while (!spellings.empty()) {
        const std::string_view name = spellings.substr(0, spellings.find('|'));
        spellings.remove_prefix(std::min(spellings.size(), name.size() + 1));
        Pos end;
        if (is_ascii_alpha(name[0])) {
          end = match_word(t, pos, name);
          if (end && name.size() <= 4 && starts_with_at(t, *end, ".")) {
            ++*end;
          }
        } else if (starts_with_at(t, pos, name)) {
          end = match_word(t, skip_gap(t, pos + name.size()), "ماه");
          end = end ? end : match_word(t, pos, name);
        }
        if (end) {
          return MonthMatch{month, table.calendar, *end};
        }
      }
    }
  }
  return std::nullopt;
}

// "21 آذر 1404", "21 آذرماه سال 1404", "11تیرماه1379", "8 مه 2015",
// "12 December 2025".
std::optional<Match> match_day_month_year(std::string_view t, std::size_t pos) {
  const Number day = read_number(t, pos);
  if (day.digits < 1 || day.digits > 2) {
    return std::nullopt;
  }
  const std::optional<MonthMatch> month = match_month(t, skip_gap(t, day.end));
  if (!month) {
    return std::nullopt;
  }
  std::size_t p = skip_gap(t, month->end);
  if (const Pos end = match_word(t, p, "سال")) {  // "year", as in "28 مرداد سال 1332"
    p = skip_gap(t, *end);
  }
  const Number year = read_number(t, p);
  if (year.digits != 4) {
    return std::nullopt;
  }
  const std::optional<DocDate> date = convert(month->calendar, year.value, month->month, day.value);
  if (!date) {
    return std::nullopt;
  }
  return Match{*date, year.end};
}

// "December 12, 2025", "Dec 12 2025".
std::optional<Match> match_month_day_year(std::string_view t, std::size_t pos) {
  const std::optional<MonthMatch> month = match_month(t, pos);
  if (!month) {
    return std::nullopt;
  }
  const Number day = read_number(t, skip_gap(t, month->end));
  if (day.digits < 1 || day.digits > 2) {
    return std::nullopt;
  }
  std::size_t p = day.end;
  if (p < t.size() && t[p] == ',') {
    ++p;
  }
  const Number year = read_number(t, skip_gap(t, p));
  if (year.digits != 4) {
    return std::nullopt;
  }
  const std::optional<DocDate> date =
      convert(CalendarKind::kGregorian, year.value, month->month, day.value);
  if (!date) {
    return std::nullopt;
  }
  return Match{*date, year.end};
}

// A date starting at `pos`, which starts a number or a Latin word.
std::optional<Match> match_date_at(std::string_view t, std::size_t pos) {
  if (is_digit(t, pos)) {
    if (pos > 0 && is_digit(t, pos - 1)) {
      return std::nullopt;
    }
    // Not the tail of "3/1404/09/21" or "2-2025-12-12".
    const bool after_number =
        pos >= 2 && (t[pos - 1] == '/' || t[pos - 1] == '-') && is_digit(t, pos - 2);
    if (!after_number) {
      if (std::optional<Match> m = match_numeric(t, pos)) {
        return m;
      }
    }
    return match_day_month_year(t, pos);
  }
  if (pos < t.size() && is_ascii_alpha(t[pos]) && (pos == 0 || !is_ascii_alpha(t[pos - 1]))) {
    return match_month_day_year(t, pos);
  }
  return std::nullopt;
}

// Weekdays, which a metadata field may put before a date.
Pos match_weekday(std::string_view t, std::size_t pos) {
  // "سه‌شنبه", "سه شنبه", "سهشنبه": the gap has every spelling.
  for (std::string_view number : {"یک", "دو", "سه", "چهار", "پنج"}) {
    if (starts_with_at(t, pos, number)) {
      if (const Pos end = match_word(t, skip_gap(t, pos + number.size()), "شنبه")) {
        return end;
      }
    }
  }
  for (std::string_view day :
       {"شنبه", "جمعه", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (const Pos end = match_word(t, pos, day)) {
      return end;
    }
  }
  return std::nullopt;
}

// A clock time after a date field, as "T10:30:00+03:30", " 10:30",
// " 10:30:00.5 Z" or " - 10:30".
bool is_time_suffix(std::string_view t, std::size_t pos) {
  if (pos == t.size()) {
    return true;
  }
  if (t[pos] == 'T') {
    ++pos;
  } else {
    const std::size_t gap = skip_gap(t, pos);
    if (gap == pos) {
      return false;
    }
    pos = gap;
    for (std::string_view separator : {"-", ",", "،", "ساعت"}) {
      if (starts_with_at(t, pos, separator)) {
        pos = skip_gap(t, pos + separator.size());
        break;
      }
    }
  }
  const Number hour = read_number(t, pos);
  if (hour.digits < 1 || hour.digits > 2 || hour.value > 24 || hour.end >= t.size() ||
      t[hour.end] != ':') {
    return false;
  }
  const Number minute = read_number(t, hour.end + 1);
  if (minute.digits != 2 || minute.value > 59) {
    return false;
  }
  pos = minute.end;
  if (pos < t.size() && t[pos] == ':') {
    const Number second = read_number(t, pos + 1);
    if (second.digits != 2 || second.value > 60) {
      return false;
    }
    pos = second.end;
    if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
      const Number fraction = read_number(t, pos + 1);
      if (fraction.digits == 0) {
        return false;
      }
      pos = fraction.end;
    }
  }
  pos = skip_gap(t, pos);
  if (const Pos end = match_word(t, pos, "utc")) {
    pos = *end;
  } else if (const Pos gmt = match_word(t, pos, "gmt")) {
    pos = *gmt;
  } else if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
    ++pos;
  }
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    const Number hours = read_number(t, pos + 1);
    pos = hours.end;
    if (hours.digits == 2 && pos < t.size() && t[pos] == ':') {
      const Number minutes = read_number(t, pos + 1);
      if (minutes.digits != 2) {
        return false;
      }
      pos = minutes.end;
    } else if (hours.digits != 2 && hours.digits != 4) {
      return false;
    }
  }
  return skip_gap(t, pos) == t.size();
}

bool is_trim_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// ---------------------------------------------------------------------------
// Sources

// Words at which an agency's name has ended: "خبرگزاری فارس از آبادان",
// "فارس به نقل از روزنامه ...", "خبرنگار فارس در قاهره", "خبرنگار ما بر این
// اساس". No agency's name holds one of them.
constexpr std::string_view kSourceEnders[] = {"از", "در", "به", "با", "بر", "پس", "طی", "برای"};
// A name never ends in a verb; a sentence before a colon does, as in
// "به گزارش ایرنا وی افزود: ...", where the outlet dropped the comma.
constexpr std::string_view kVerbs[] = {"گفت", "افزود", "داشت", "کرد", "داد", "شد", "است"};
// Trimmed from both ends of a name.
constexpr std::string_view kSourceTrim[] = {" ", "\u200C", "."};
// Stripped from both ends when they enclose the whole name: “ورزش سه”.
constexpr std::string_view kQuotePairs[][2] = {{"«", "»"}, {"“", "”"}, {"\"", "\""}, {"'", "'"}};

// How far the comma that closes the formula is looked for, and the largest
// name accepted: past these, the words are a sentence, not a name.
constexpr std::size_t kMaxSourceSpan = 240;
constexpr std::size_t kMaxSourceWords = 6;
constexpr std::size_t kMaxSourceBytes = 80;

bool is_source_end(std::string_view t, std::size_t pos) {
  for (std::string_view end : {"،", ",", "؛", ";", ":", "\n", "\r"}) {
    if (starts_with_at(t, pos, end)) {
      return true;
    }
  }
  return false;
}

// "خبرگزاری" ("news agency"), also written "خبر گزاری".
Pos match_agency(std::string_view t, std::size_t pos) {
  constexpr std::string_view kKhabar = "خبر";
  if (is_word_char_before(t, pos) || !starts_with_at(t, pos, kKhabar)) {
    return std::nullopt;
  }
  return match_word(t, skip_gap(t, pos + kKhabar.size()), "گزاری");
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

Span trim_source(std::string_view t, Span s) {
  for (bool trimmed = true; trimmed && s.begin < s.end;) {
    trimmed = false;
    for (std::string_view mark : kSourceTrim) {
      if (s.end - s.begin >= mark.size() && starts_with_at(t, s.begin, mark)) {
        s.begin += mark.size();
        trimmed = true;
      } else if (s.end - s.begin >= mark.size() && t.substr(0, s.end).ends_with(mark)) {
        s.end -= mark.size();
        trimmed = true;
      }
    }
    for (const auto& [open, close] : kQuotePairs) {
      if (s.end - s.begin >= open.size() + close.size() && starts_with_at(t, s.begin, open) &&
          t.substr(0, s.end).ends_with(close)) {
        s.begin += open.size();
        s.end -= close.size();
        trimmed = true;
      }
    }
  }
  return s;
}

// The agency in the folded text [begin, end) after "به گزارش"; `closed` if
// a comma or line end closed the formula there.
std::optional<Span> source_span(std::string_view t, Span s, bool closed) {
  std::vector<std::size_t> words;
  for (std::size_t p = s.begin; p < s.end; ++p) {
    if (t[p] != ' ' && (p == s.begin || t[p - 1] == ' ')) {
      words.push_back(p);
    }
  }
  for (std::size_t i = 1; i < words.size(); ++i) {
    const Pos ender = match_word(t, words[i], "و");
    // "ورزش سه و به نقل از" ends at "و"; "صدا و سیما" keeps it.
    if ((ender && match_word(t, skip_gap(t, *ender), "به")) ||
        std::any_of(std::begin(kSourceEnders), std::end(kSourceEnders),
                    [&](std::string_view w) { return match_word(t, words[i], w).has_value(); })) {
      s.end = words[i];
      words.resize(i);
      break;
    }
  }
  // The desk and the reporter are not the agency: "خبرنگار اقتصادی خبرگزاری
  // فارس", "گروه بین‌الملل خبرگزاری فارس".
  Pos agency;
  for (std::size_t i = 0; i < words.size() && i < kMaxSourceWords; ++i) {
    agency = match_agency(t, words[i]);
    if (agency) {
      s.begin = words[i];
      break;
    }
  }
  const auto is_name = [&](Span name) {
    const auto in_name = [&](std::size_t w) { return w >= name.begin && w < name.end; };
    const auto last = std::find_if(words.rbegin(), words.rend(), in_name);
    const bool verb = last != words.rend() &&
                      std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](std::string_view v) {
                        return match_word(t, *last, v) == Pos(name.end);
                      });
    return name.begin < name.end && name.end - name.begin <= kMaxSourceBytes && !verb &&
           std::count_if(words.begin(), words.end(), in_name) <=
               static_cast<std::ptrdiff_t>(kMaxSourceWords);
  };
  const Span trimmed = trim_source(t, s);
  if (closed && is_name(trimmed)) {
    return trimmed;
  }
  // Without a comma in sight, or when the words up to the comma are a
  // sentence, only "خبرگزاری X" is surely a name.
  if (!agency) {
    return std::nullopt;
  }
  const std::size_t name = skip_gap(t, *agency);
  const Span short_name = trim_source(t, {s.begin, std::min(s.end, t.find(' ', name))});
  if (!is_name(short_name)) {
    return std::nullopt;
  }
  return short_name;
}

}  // namespace

std::optional<DocDate> from_jalali(int year, int month, int day) {
  Calendars& c = calendars();
  const CivilDate jalali{year, month, day};
  const std::optional<UDate> instant = to_instant(*c.persian, jalali);
  if (!instant) {
    return std::nullopt;
  }
  return DocDate{read_fields(*c.gregorian, *instant), jalali};
}

std::optional<DocDate> from_gregorian(int year, int month, int day) {
  Calendars& c = calendars();
  const CivilDate gregorian{year, month, day};
  const std::optional<UDate> instant = to_instant(*c.gregorian, gregorian);
  if (!instant) {
    return std::nullopt;
  }
  const CivilDate jalali = read_fields(*c.persian, *instant);
  // Before 622 the Jalali calendar has no years to give.
  if (jalali.year < 1) {
    return std::nullopt;
  }
  return DocDate{gregorian, jalali};
}

std::optional<DocDate> parse_date_field(std::string_view field) {
  const Folded folded = fold(field, /*keep_origin=*/false);
  std::string_view t = folded.text;
  while (!t.empty() && is_trim_space(t.front())) {
    t.remove_prefix(1);
  }
  while (!t.empty() && is_trim_space(t.back())) {
    t.remove_suffix(1);
  }
  std::size_t pos = 0;
  if (const Pos weekday = match_weekday(t, 0)) {
    pos = skip_gap(t, *weekday);
    if (starts_with_at(t, pos, ",") || starts_with_at(t, pos, "،")) {
      pos = skip_gap(t, pos + (t[pos] == ',' ? 1 : std::string_view("،").size()));
    }
  }
  const std::optional<Match> match = match_date_at(t, pos);
  if (!match || !is_time_suffix(t, match->end)) {
    return std::nullopt;
  }
  return match->date;
}

std::optional<DocDate> find_first_date(std::string_view text) {
  const Folded folded = fold(text, /*keep_origin=*/false);
  const std::string_view t = folded.text;
  for (std::size_t pos = 0; pos < t.size(); ++pos) {
    if (std::optional<Match> match = match_date_at(t, pos)) {
      return match->date;
    }
  }
  return std::nullopt;
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

std::optional<std::string> find_source(std::string_view text) {
  constexpr std::string_view kBe = "به";
  constexpr std::string_view kGozaresh = "گزارش";
  // None of the letters of "گزارش" has a variant that folding would map; only
  // a tatweel inside the word, which the formula never has, could hide it.
  if (text.find(kGozaresh) == std::string_view::npos) {
    return std::nullopt;
  }
  const Folded folded = fold(text, /*keep_origin=*/true);
  const std::string_view t = folded.text;
  for (std::size_t p = t.find(kBe); p != std::string_view::npos; p = t.find(kBe, p + 1)) {
    // A space, no-break space or ZWNJ between the two words.
    const std::size_t gozaresh = skip_gap(t, p + kBe.size());
    if (is_word_char_before(t, p) || gozaresh == p + kBe.size() ||
        !starts_with_at(t, gozaresh, kGozaresh)) {
      continue;
    }
    // Not "به گزارش‌های" or "به گزارشگر".
    const std::size_t after = gozaresh + kGozaresh.size();
    const std::size_t begin = skip_gap(t, after);
    if (t.substr(after, begin - after).find(' ') == std::string_view::npos) {
      continue;
    }
    std::size_t end = begin;
    while (end < t.size() && end - begin < kMaxSourceSpan && !is_source_end(t, end)) {
      ++end;
    }
    const bool closed = end == t.size() || is_source_end(t, end);
    const std::optional<Span> span = source_span(t, Span{begin, end}, closed);
    if (!span) {
      continue;
    }
    const std::size_t from = folded.begin[span->begin];
    const std::size_t to = folded.end[span->end - 1];
    if (to - from > kMaxSourceBytes) {
      continue;
    }
    return std::string(text.substr(from, to - from));
  }
  return std::nullopt;
}

}  // namespace kavosh
