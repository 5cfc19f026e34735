#include "common/dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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

#include "common/normalizer.h"
#include "common/utf8.h"

namespace kavosh {
namespace {

// ---------------------------------------------------------------------------
// Calendars

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

// ---------------------------------------------------------------------------
// Folding: the text as the matchers see it

constexpr UChar32 kDrop = -2;
constexpr UChar32 kZwnj = 0x200C;
// Stands for an ill-formed byte sequence: never part of valid UTF-8.
constexpr char kOpaque = '\xFF';

UChar32 fold_char(UChar32 c) {
  if (const auto letter = static_cast<UChar32>(fold_letter(static_cast<char32_t>(c)));
      letter != c) {
    return letter;
  }
  switch (c) {
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
  if (c >= 0x064B && c <= 0x0652) {  // harakat, optional in Persian: "المکرّم"
    return kDrop;
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

// Calls emit(folded, begin, end) for each character of `input`, which
// takes its bytes [begin, end) and folds to `folded` (maybe empty), until
// emit returns false.
template <typename Emit>
void fold_each(std::string_view input, Emit&& emit) {
  if (input.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    input = input.substr(0, static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()));
  }
  std::string buffer;
  std::size_t i = 0;
  while (i < input.size()) {
    const std::size_t start = i;
    UChar32 c = next_code_point(input, i);
    buffer.clear();
    if (c < 0) {
      buffer.push_back(kOpaque);
    } else {
      c = fold_char(c);
      if (c == 0x0627 && i < input.size()) {
        // Alef followed by a combining madda is alef madda ("آذر", "آبان").
        std::size_t next = i;
        if (next_code_point(input, next) == 0x0653) {
          c = 0x0622;
          i = next;
        }
      }
      if (c != kDrop) {
        append_utf8(buffer, static_cast<char32_t>(c));
      }
    }
    if (!emit(std::string_view(buffer), start, i)) {
      return;
    }
  }
}

Folded fold(std::string_view input, bool keep_origin) {
  Folded folded;
  folded.text.reserve(input.size());
  fold_each(input, [&](std::string_view c, std::size_t begin, std::size_t end) {
    folded.text.append(c);
    if (keep_origin) {
      folded.begin.resize(folded.text.size(), begin);
      folded.end.resize(folded.text.size(), end);
    }
    return true;
  });
  return folded;
}

// The bytes of `input` that fold to the folded bytes [begin, end), end > begin.
std::string_view unfold(std::string_view input, std::size_t begin, std::size_t end) {
  std::size_t folded = 0;
  std::size_t from = 0;
  std::size_t to = 0;
  fold_each(input, [&](std::string_view c, std::size_t b, std::size_t e) {
    if (folded <= begin && begin < folded + c.size()) {
      from = b;
    }
    if (folded < end && end <= folded + c.size()) {
      to = e;
    }
    folded += c.size();
    return folded < end;
  });
  return input.substr(from, to - from);
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
  return is_word_char(next_code_point(t, pos));
}

bool is_word_char_before(std::string_view t, std::size_t pos) {
  if (pos == 0) {
    return false;
  }
  return is_word_char(previous_code_point(t, pos));
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

constexpr int kMinJalaliYear = 1200;
constexpr int kMaxJalaliYear = 1600;
constexpr int kMinGregorianYear = 1900;
constexpr int kMaxGregorianYear = 2100;
// 1300 AH began in 1882, 1550 AH begins in 2125.
constexpr int kMinHijriYear = 1300;
constexpr int kMaxHijriYear = 1550;

std::optional<DocDate> convert(DateCalendar calendar, int year, int month, int day) {
  switch (calendar) {
    case DateCalendar::kJalali:
      if (year < kMinJalaliYear || year > kMaxJalaliYear) {
        return std::nullopt;
      }
      return from_jalali(year, month, day);
    case DateCalendar::kGregorian:
      if (year < kMinGregorianYear || year > kMaxGregorianYear) {
        return std::nullopt;
      }
      return from_gregorian(year, month, day);
    case DateCalendar::kHijri:
      if (year < kMinHijriYear || year > kMaxHijriYear) {
        return std::nullopt;
      }
      return from_hijri(year, month, day);
  }
  return std::nullopt;
}

// A four-digit year picks its calendar by range.
DateCalendar calendar_of_year(int year) {
  return year >= kMinJalaliYear && year <= kMaxJalaliYear ? DateCalendar::kJalali
                                                          : DateCalendar::kGregorian;
}

struct Match {
  DocDate date;
  DateCalendar calendar = DateCalendar::kJalali;
  std::size_t end = 0;
};

// Matches `spelling`, in which '_' stands for an optional gap (spaces,
// ZWNJs): "ربیع_الاول" matches "ربیع‌الاول", "ربیع الاول" and
// "ربیعالاول". Says nothing of what follows.
Pos match_spelled(std::string_view t, std::size_t pos, std::string_view spelling) {
  for (const char c : spelling) {
    if (c == '_') {
      pos = skip_gap(t, pos);
    } else if (pos < t.size() && t[pos] == c) {
      ++pos;
    } else {
      return std::nullopt;
    }
  }
  return pos;
}

struct Marker {
  DateCalendar calendar;
  std::string_view spelling;  // folded, '_' as in match_spelled()
};

// Words after a year that name its calendar: "۱۰ محرم ۱۴۴۷ هـ.ق" (the
// tatweel is folded away), "1447/06/20 ق", "۱۴۰۴ هجری شمسی", "۲۰۲۵ میلادی".
constexpr Marker kMarkers[] = {
    {DateCalendar::kHijri, "هجری_قمری"},  {DateCalendar::kHijri, "قمری"},
    {DateCalendar::kHijri, "ه_._ق"},      {DateCalendar::kHijri, "ه_ق"},
    {DateCalendar::kHijri, "ق"},          {DateCalendar::kJalali, "هجری_شمسی"},
    {DateCalendar::kJalali, "شمسی"},      {DateCalendar::kJalali, "خورشیدی"},
    {DateCalendar::kJalali, "ه_._ش"},     {DateCalendar::kJalali, "ه_ش"},
    {DateCalendar::kGregorian, "میلادی"},
};

struct MarkerMatch {
  DateCalendar calendar;
  std::size_t end = 0;
};

// A calendar marker after `pos`, maybe after a gap.
std::optional<MarkerMatch> match_marker(std::string_view t, std::size_t pos) {
  pos = skip_gap(t, pos);
  for (const Marker& marker : kMarkers) {
    Pos end = match_spelled(t, pos, marker.spelling);
    if (!end || is_word_char_at(t, *end)) {
      continue;
    }
    // The closing dot of an abbreviation: "ه.ق."
    if (marker.spelling.find('.') != std::string_view::npos && starts_with_at(t, *end, ".")) {
      ++*end;
    }
    return MarkerMatch{marker.calendar, *end};
  }
  return std::nullopt;
}

// "1404/09/21", "1404-9-21", "2025-12-12", and "21/09/1404" (day first, which
// Persian letters write; Jalali only, since Gregorian day-first and
// month-first forms cannot be told apart). With a Hijri marker after it,
// "1447/06/20 ق" is Hijri; without one, a Hijri year reads as Jalali.
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
  CivilDate written;
  DateCalendar calendar = DateCalendar::kJalali;
  if (a.digits == 4 && c.digits <= 2) {
    written = {a.value, b.value, c.value};
    calendar = calendar_of_year(a.value);
  } else if (a.digits <= 2 && c.digits == 4) {
    written = {c.value, b.value, a.value};
  } else {
    return std::nullopt;
  }
  const std::optional<MarkerMatch> marker = match_marker(t, c.end);
  if (marker && marker->calendar == DateCalendar::kHijri) {
    calendar = DateCalendar::kHijri;
  }
  const std::optional<DocDate> date = convert(calendar, written.year, written.month, written.day);
  if (!date) {
    return std::nullopt;
  }
  const bool marked = marker && marker->calendar == calendar;
  return Match{*date, calendar, marked ? marker->end : c.end};
}

struct MonthNames {
  DateCalendar calendar;
  // Spellings of month i + 1, folded (Persian yeh and kaf, plain alef and
  // heh, Latin in lower case), separated by '|'; '_' as in match_spelled().
  std::string_view names[12];
};

constexpr MonthNames kMonthNames[] = {
    {DateCalendar::kJalali,
     {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد|امرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
      "بهمن", "اسفند"}},
    // Gregorian months as Persian news writes them.
    {DateCalendar::kGregorian,
     {"ژانویه", "فوریه", "مارس", "آوریل|آپریل", "مه|می", "ژوئن", "ژوئیه|ژوییه|جولای", "اوت|آگوست",
      "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}},
    {DateCalendar::kGregorian,
     {"january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
      "august|aug", "september|sept|sep", "october|oct", "november|nov", "december|dec"}},
    // Hijri months in their Persian spellings and the Arabic ones Persian
    // quotes ("ربيع الأول", "جمادى الآخرة" fold to these).
    {DateCalendar::kHijri,
     {"محرم", "صفر", "ربیع_الاول|ربیع_اول", "ربیع_الثانی|ربیع_الآخر|ربیع_الاخر|ربیع_ثانی",
      "جمادی_الاولی|جمادی_الاول|جمادی_اول",
      "جمادی_الثانی|جمادی_الثانیه|جمادی_الآخر|جمادی_الاخر|جمادی_الآخره|جمادی_الاخره|جمادی_ثانی",
      "رجب", "شعبان", "رمضان", "شوال", "ذی_القعده|ذی_قعده|ذو_القعده", "ذی_الحجه|ذی_حجه|ذو_الحجه"}},
};

// Honorifics after a Hijri month: "محرم‌الحرام", "رمضان المبارک",
// "شوال المکرّم" (the shadda is folded away).
constexpr std::string_view kHijriEpithets[] = {"الحرام", "المبارک", "المعظم",
                                               "المرجب", "المکرم",  "المظفر"};

struct MonthMatch {
  int month = 0;
  DateCalendar calendar = DateCalendar::kJalali;
  std::size_t end = 0;
};

// A month name at `pos`: a Persian one with "ماه" ("month") as in "آذرماه"
// and "آذر ماه", a Hijri one with its honorific, a Latin abbreviation with
// its dot.
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
        } else if (const Pos spelled = match_spelled(t, pos, name)) {
          const std::size_t next = skip_gap(t, *spelled);
          end = match_word(t, next, "ماه");
          for (std::size_t i = 0;
               !end && table.calendar == DateCalendar::kHijri && i < std::size(kHijriEpithets);
               ++i) {
            end = match_word(t, next, kHijriEpithets[i]);
          }
          if (!end && !is_word_char_at(t, *spelled)) {
            end = spelled;
          }
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
// "12 December 2025", "۱۰ محرم ۱۴۴۷ هـ.ق".
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
  const std::optional<MarkerMatch> marker = match_marker(t, year.end);
  const bool marked = marker && marker->calendar == month->calendar;
  return Match{*date, month->calendar, marked ? marker->end : year.end};
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
  const std::optional<DocDate> date = convert(month->calendar, year.value, month->month, day.value);
  if (!date) {
    return std::nullopt;
  }
  return Match{*date, month->calendar, year.end};
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

constexpr std::string_view kWeekdays[] = {
    "شنبه", "جمعه",   "mon",     "tue",       "wed",      "thu",    "fri",      "sat",
    "sun",  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
// The numbers of "یکشنبه" .. "پنجشنبه", written joined, with a half-space
// or a space: "سه‌شنبه", "سه شنبه", "سهشنبه".
constexpr std::string_view kWeekdayNumbers[] = {"یک", "دو", "سه", "چهار", "پنج"};

// Weekdays, which a metadata field may put before a date.
Pos match_weekday(std::string_view t, std::size_t pos) {
  for (std::string_view number : kWeekdayNumbers) {
    if (starts_with_at(t, pos, number)) {
      if (const Pos end = match_word(t, skip_gap(t, pos + number.size()), "شنبه")) {
        return end;
      }
    }
  }
  for (std::string_view day : kWeekdays) {
    if (const Pos end = match_word(t, pos, day)) {
      return end;
    }
  }
  return std::nullopt;
}

// Skips spaces and ZWNJs backwards from `pos`.
std::size_t skip_gap_back(std::string_view t, std::size_t pos) {
  constexpr std::string_view kZwnjUtf8 = "\u200C";
  while (pos > 0) {
    if (t[pos - 1] == ' ') {
      --pos;
    } else if (t.substr(0, pos).ends_with(kZwnjUtf8)) {
      pos -= kZwnjUtf8.size();
    } else {
      break;
    }
  }
  return pos;
}

// Where a weekday written before the date at `pos` starts, as in
// "جمعه ۲۱ آذر ۱۴۰۴", "سه‌شنبه، ۳۰ اسفند" or "Friday, 12 December";
// `pos` if there is none.
std::size_t weekday_before(std::string_view t, std::size_t pos) {
  std::size_t end = skip_gap_back(t, pos);
  for (std::string_view comma : {",", "،"}) {
    if (t.substr(0, end).ends_with(comma)) {
      end = skip_gap_back(t, end - comma.size());
      break;
    }
  }
  for (std::string_view day : kWeekdays) {
    if (end < day.size()) {
      continue;
    }
    const std::size_t start = end - day.size();
    if (match_word(t, start, day) != Pos(end)) {
      continue;
    }
    if (day == "شنبه") {
      const std::size_t before = skip_gap_back(t, start);
      for (std::string_view number : kWeekdayNumbers) {
        if (t.substr(0, before).ends_with(number) &&
            !is_word_char_before(t, before - number.size())) {
          return before - number.size();
        }
      }
    }
    if (!is_word_char_before(t, start)) {
      return start;
    }
  }
  return pos;
}

// A clock time: seconds since midnight, and the zone's offset if one is given.
struct Clock {
  long seconds = 0;
  std::optional<int> offset_minutes;  // east of UTC
};

// The clock time after a date field, up to the end of the field, as
// "T10:30:00+03:30", " 10:30", " 10:30:00.5 Z" or " - 10:30"; a field that
// ends at the date is at midnight. nullopt if anything else follows.
std::optional<Clock> parse_time_suffix(std::string_view t, std::size_t pos) {
  Clock clock;
  if (pos == t.size()) {
    return clock;
  }
  if (t[pos] == 'T') {
    ++pos;
  } else {
    const std::size_t gap = skip_gap(t, pos);
    if (gap == pos) {
      return std::nullopt;
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
  pos = skip_gap(t, pos);
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
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
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
  }
  if (skip_gap(t, pos) != t.size()) {
    return std::nullopt;
  }
  return clock;
}

constexpr double kMillisPerDay = 86400000.0;

// The day in Tehran at `seconds` past midnight of `gregorian` in the zone
// `offset_minutes` east of UTC: news is dated by Tehran's clock, so
// "2025-12-11T22:00:00Z" (01:30 on 21 Azar there) is 2025-12-12. ICU's zone
// knows the years Iran kept summer time (+04:30).
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

std::optional<DocDate> from_hijri(int year, int month, int day) {
  Calendars& c = calendars();
  std::optional<UDate> instant = to_instant(*c.hijri, CivilDate{year, month, day});
  if (!instant && day == 30 && month >= 1 && month <= 12) {
    instant = to_instant(*c.hijri, CivilDate{year, month, 29});
    if (instant) {
      *instant += kMillisPerDay;
    }
  }
  if (!instant) {
    return std::nullopt;
  }
  const CivilDate jalali = read_fields(*c.persian, *instant);
  if (jalali.year < 1) {
    return std::nullopt;
  }
  return DocDate{read_fields(*c.gregorian, *instant), jalali};
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

std::optional<FoundDate> parse_date(std::string_view field) {
  const Folded folded = fold(field, /*keep_origin=*/false);
  std::size_t begin = 0;
  std::size_t end = folded.text.size();
  while (begin < end && is_trim_space(folded.text[begin])) {
    ++begin;
  }
  while (end > begin && is_trim_space(folded.text[end - 1])) {
    --end;
  }
  const std::string_view t = std::string_view(folded.text).substr(begin, end - begin);
  std::size_t pos = 0;
  if (const Pos weekday = match_weekday(t, 0)) {
    pos = skip_gap(t, *weekday);
    if (starts_with_at(t, pos, ",") || starts_with_at(t, pos, "،")) {
      pos = skip_gap(t, pos + (t[pos] == ',' ? 1 : std::string_view("،").size()));
    }
  }
  const std::optional<Match> match = match_date_at(t, pos);
  if (!match) {
    return std::nullopt;
  }
  const std::optional<Clock> clock = parse_time_suffix(t, match->end);
  if (!clock) {
    return std::nullopt;
  }
  FoundDate found{match->date, match->calendar, std::string(unfold(field, begin, end))};
  if (clock->offset_minutes) {
    const std::optional<DocDate> day =
        day_in_tehran(match->date.gregorian, clock->seconds, *clock->offset_minutes);
    if (!day) {
      return std::nullopt;
    }
    found.date = *day;
  }
  return found;
}

std::optional<FoundDate> find_date(std::string_view text) {
  const Folded folded = fold(text, /*keep_origin=*/false);
  const std::string_view t = folded.text;
  const auto found = [&](std::size_t pos, const Match& match) {
    const std::size_t begin = weekday_before(t, pos);
    return FoundDate{match.date, match.calendar, std::string(unfold(text, begin, match.end))};
  };
  std::optional<FoundDate> hijri;
  for (std::size_t pos = 0; pos < t.size(); ++pos) {
    if (std::optional<Match> match = match_date_at(t, pos)) {
      if (match->calendar != DateCalendar::kHijri) {
        return found(pos, *match);
      }
      // Only when the text gives no other date.
      if (!hijri) {
        hijri = found(pos, *match);
      }
      pos = match->end - 1;
    }
  }
  return hijri;
}

std::optional<DocDate> parse_date_field(std::string_view field) {
  std::optional<FoundDate> found = parse_date(field);
  return found ? std::optional<DocDate>(found->date) : std::nullopt;
}

std::optional<DocDate> find_first_date(std::string_view text) {
  std::optional<FoundDate> found = find_date(text);
  return found ? std::optional<DocDate>(found->date) : std::nullopt;
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
