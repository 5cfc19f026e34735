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

// A word of a weekday's name: "شنبه", "سه‌شنبه", "سهشنبه", or the "سه"
// of "سه شنبه".
bool is_weekday_word(std::string_view word) {
  for (const std::string_view part : {"شنبه", "جمعه", "یک", "يك", "دو", "سه", "چهار", "پنج"}) {
    if (word.ends_with(part)) {
      return true;
    }
  }
  return false;
}

// Whether the text before a date names it as the day of the report:
// "امروز" (today), or in a news lead "روز" (the day), with a weekday or not
// ("ظهر امروز جمعه 21 آذر 1404", "روز سه‌شنبه 1404/08/20"); never
// "دیروز" (yesterday).
bool says_report_day(std::string_view before, bool news_lead) {
  auto [rest, word] = last_word(before);
  for (int i = 0; i < 2 && is_weekday_word(word); ++i) {
    std::tie(rest, word) = last_word(rest);
  }
  if (word.ends_with("امروز")) {
    return true;
  }
  return news_lead && word.ends_with("روز") && !word.ends_with("دیروز") && !word.ends_with("ديروز");
}

// The marks that end a dateline's parts: "تهران - ", "ایسنا: ", "تهران، ".
constexpr std::string_view kDatelineMarks[] = {
    "-", ":", ",", "|", "\xD8\x8C" /* ، */, "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Whether a date between `before` and `after` is a dateline: the paragraph
// opens with it, perhaps after a place or agency and a mark, and a mark or
// the paragraph's end follows it. "در ۱۹ فروردین ۱۳۰۹، ..." and "(زاده ۱۵
// خرداد ۱۳۴۶ - شاهرود)" are not.
bool is_dateline(std::string_view before, std::string_view after) {
  if (before.size() > kDatelineBytes || before.find('(') != std::string_view::npos) {
    return false;
  }
  while (!before.empty() && is_space(before.back())) {
    before.remove_suffix(1);
  }
  while (!after.empty() && is_space(after.front())) {
    after.remove_prefix(1);
  }
  const auto ends_part = [](std::string_view text, bool at_end) {
    for (const std::string_view mark : kDatelineMarks) {
      if (at_end ? text.ends_with(mark) : text.starts_with(mark)) {
        return true;
      }
    }
    return text.empty();
  };
  return ends_part(before, true) && ends_part(after, false);
}

// Whether a paragraph is a news lead, whose "روز ..." is the day reported
// on: it names its agency ("به گزارش ایسنا،", "خبرگزاری فارس:") at once.
// Elsewhere (an encyclopedia's "در روز ۲۲ مرداد ۱۳۵۰") it is any day.
bool is_news_lead(std::string_view paragraph) {
  const std::string_view start = paragraph.substr(0, 2 * kDatelineBytes);
  return start.find("گزارش") != std::string_view::npos ||
         start.find("خبرگزار") != std::string_view::npos;
}

// The first date of `paragraph` that the article marks as the day of the
// report: a dateline that opens the paragraph, or a date said to be today
// or the day (says_report_day). Other dates of the head are what the news
// is about: the day of a march it announces, a birthday in a portrait, the
// founding of a university.
std::optional<FoundDate> report_date(std::string_view paragraph) {
  const bool news_lead = is_news_lead(paragraph);
  std::size_t from = 0;
  while (std::optional<FoundDate> found = find_date(paragraph.substr(from))) {
    const std::size_t at = paragraph.find(found->written, from);
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    const std::size_t end = at + found->written.size();
    if (is_dateline(paragraph.substr(0, at), paragraph.substr(end)) ||
        says_report_day(paragraph.substr(0, at), news_lead)) {
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
