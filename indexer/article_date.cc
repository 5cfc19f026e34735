#include "indexer/article_date.h"

#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace kavosh {
namespace {

// The first paragraph of `body`, at most kHeadBytes, cut at a space so
// that no date is cut in half.
std::string_view head_of(std::string_view body) {
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return {};
  }
  body.remove_prefix(start);
  std::string_view head = body.substr(0, body.find('\n'));
  if (head.size() > kHeadBytes) {
    const std::size_t space = head.rfind(' ', kHeadBytes);
    head = head.substr(0, space == std::string_view::npos ? 0 : space);
  }
  return head;
}

bool is_gap(char c) { return c == ' ' || c == '\t' || c == '(' || c == ','; }

constexpr std::string_view kArabicComma = "\xD8\x8C";  // ،

// `text` without the spaces and commas at its end.
std::string_view trim_end(std::string_view text) {
  while (true) {
    if (!text.empty() && is_gap(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kArabicComma)) {
      text.remove_suffix(kArabicComma.size());
    } else {
      return text;
    }
  }
}

// `text` without its last word, and that word.
std::pair<std::string_view, std::string_view> last_word(std::string_view text) {
  text = trim_end(text);
  const std::size_t space = text.find_last_of(" \t");
  if (space == std::string_view::npos) {
    return {{}, text};
  }
  return {text.substr(0, space + 1), text.substr(space + 1)};
}

// A word of a weekday's name: "شنبه", "سه‌شنبه", "سهشنبه", "سه" of "سه
// شنبه".
bool is_weekday_word(std::string_view word) {
  for (const std::string_view part : {"شنبه", "جمعه", "یک", "يك", "دو", "سه", "چهار", "پنج"}) {
    if (word.ends_with(part)) {
      return true;
    }
  }
  return false;
}

// Whether the text before a date names it as the day of the report:
// "امروز" (today) or "روز" (the day), with a weekday or not ("روز
// سه‌شنبه 1404/08/20"), but not "دیروز" (yesterday).
bool says_report_day(std::string_view before) {
  auto [rest, word] = last_word(before);
  for (int i = 0; i < 2 && is_weekday_word(word); ++i) {
    std::tie(rest, word) = last_word(rest);
  }
  return word.ends_with("روز") && !word.ends_with("دیروز") && !word.ends_with("ديروز");
}

// Whether what follows a date closes a dateline: a dash, colon or comma,
// or the end of the paragraph.
bool closes_dateline(std::string_view after) {
  const std::size_t next = after.find_first_not_of(" \t");
  if (next == std::string_view::npos) {
    return true;
  }
  after.remove_prefix(next);
  for (const std::string_view mark :
       {"-", ":", ",", "|", "\xD8\x8C", "\xE2\x80\x93", "\xE2\x80\x94"}) {
    if (after.starts_with(mark)) {
      return true;
    }
  }
  return false;
}

// The first date of `paragraph` that the article marks as the day of the
// report: a dateline that opens the paragraph ("عشق‌آباد - جمعه ۲۱ آذر ۱۴۰۴
// -") or a date said to be today or the day ("ظهر امروز جمعه ۲۱ آذر ۱۴۰۴",
// "روز سه‌شنبه 1404/08/20"). Other dates of the head are what
// the news is about: the day of a march it announces, a birthday in a portrait, the founding of a
// university.
std::optional<FoundDate> report_date(std::string_view paragraph) {
  std::size_t from = 0;
  while (std::optional<FoundDate> found = find_date(paragraph.substr(from))) {
    const std::size_t at = paragraph.find(found->written, from);
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    const std::size_t end = at + found->written.size();
    if ((at <= kDatelineBytes && closes_dateline(paragraph.substr(end))) ||
        says_report_day(paragraph.substr(0, at))) {
      return found;
    }
    from = end;
  }
  return std::nullopt;
}

// A title's date is the day of the report when it names the weekday, as a
// daily's headline does ("صفحه اول روزنامه‌های شنبه ۱۲ مهر ۱۴۰۴");
// a bare date in a title is the day of the event it announces.
std::optional<FoundDate> title_date(std::string_view title) {
  std::optional<FoundDate> found = find_date(title);
  if (found && (found->written.find("شنبه") != std::string::npos ||
                found->written.find("جمعه") != std::string::npos)) {
    return found;
  }
  return std::nullopt;
}

}  // namespace

std::string_view origin_name(DateOrigin origin) {
  switch (origin) {
    case DateOrigin::kMetadata:
      return "metadata";
    case DateOrigin::kUrl:
      return "url";
    case DateOrigin::kPath:
      return "path";
    case DateOrigin::kHead:
      return "head";
  }
  return "";
}

std::optional<ArticleDate> article_date(const Article& article, const DocDate& today) {
  const long last_day = days_since_epoch(today.gregorian);
  std::optional<ArticleDate> hijri;
  const auto take = [&](std::optional<FoundDate> found,
                        DateOrigin origin) -> std::optional<ArticleDate> {
    if (!found || days_since_epoch(found->date.gregorian) > last_day) {
      return std::nullopt;
    }
    if (found->calendar != DateCalendar::kHijri) {
      return ArticleDate{std::move(*found), origin};
    }
    if (!hijri) {
      hijri = ArticleDate{std::move(*found), origin};
    }
    return std::nullopt;
  };
  if (!article.date.empty()) {
    if (auto date = take(parse_date(article.date), DateOrigin::kMetadata)) {
      return date;
    }
  }
  if (!article.url.empty()) {
    if (auto date = take(find_url_date(article.url), DateOrigin::kUrl)) {
      return date;
    }
  }
  if (auto date = take(find_url_date(article.path), DateOrigin::kPath)) {
    return date;
  }
  if (auto date = take(title_date(article.title), DateOrigin::kHead)) {
    return date;
  }
  if (auto date = take(report_date(head_of(article.body)), DateOrigin::kHead)) {
    return date;
  }
  return hijri;
}

}  // namespace kavosh
