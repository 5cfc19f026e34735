// Which day an article is dated, and where that date was found.
#ifndef KAVOSH_INDEXER_ARTICLE_DATE_H_
#define KAVOSH_INDEXER_ARTICLE_DATE_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/article.h"
#include "common/dates.h"

namespace kavosh {

// Where an article's date came from, most trusted first.
enum class DateOrigin {
  kMetadata,  // the "date" field
  kUrl,       // the "url" field
  kPath,      // the file's path in the corpus
  kHead,      // the title or the body's first paragraph
};

// "metadata", "url", "path" or "head", as the index records it.
std::string_view origin_name(DateOrigin origin);

// The head of a body that is searched for a date: its first paragraph, cut
// at a space after at most this many bytes. A date written further on is a
// date the article talks about (a match of 1962, a law of 1392), not the
// day it was published.
inline constexpr std::size_t kHeadBytes = 400;

// A dateline opens the first paragraph: its date begins within this many
// bytes, after the place or agency ("عشق‌آباد - ", "ایسنا: ").
inline constexpr std::size_t kDatelineBytes = 80;

struct ArticleDate {
  FoundDate found;
  DateOrigin origin = DateOrigin::kMetadata;
};

// The date of `article`: the date field, else a date in the URL, else in
// the path, else in its head: a date in the title written with its weekday,
// else a date of the body's head that the article marks as the day of the
// report, as a dateline opening the paragraph (after nothing but a place or
// agency and a dash, colon or comma, and closed by one), after "امروز"
// (today), or in a paragraph that names its agency, after "روز" (the day);
// perhaps with the weekday between. A date after `today` is never the
// article's: the next place is tried. A Hijri date is taken only when no
// place gives a Jalali or Gregorian one.
std::optional<ArticleDate> article_date(const Article& article, const DocDate& today);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ARTICLE_DATE_H_
