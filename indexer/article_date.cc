#include "indexer/article_date.h"

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
  if (auto date = take(find_date(article.title), DateOrigin::kHead)) {
    return date;
  }
  if (auto date = take(find_date(head_of(article.body)), DateOrigin::kHead)) {
    return date;
  }
  return hijri;
}

}  // namespace kavosh
