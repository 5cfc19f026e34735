#include "common/dates.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>

#include "common/clock_time.h"
#include "common/text_fold.h"
#include "common/text_match.h"

namespace kavosh {
namespace {

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

bool is_trim_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

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

}  // namespace kavosh
