// One article printed whole (kavosh-search --show).
#ifndef KAVOSH_SEARCHER_CLI_SHOW_H_
#define KAVOSH_SEARCHER_CLI_SHOW_H_

#include <cstddef>
#include <string>

#include "kavosh/searcher.h"

namespace kavosh::cli {

// The article for a terminal: title, dates and where the date came from,
// source, URL, place, its near-duplicates, then the body wrapped to `width`
// columns, the query's words highlighted if `color`. Archive text goes
// through terminal_safe().
std::string render_article(const ArticleView& article, std::size_t width, bool color);

// The article as one JSON document.
std::string render_article_json(const ArticleView& article);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_SHOW_H_
