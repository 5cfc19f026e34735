// One article printed whole (kavosh-search --show).
#ifndef KAVOSH_SEARCHER_CLI_SHOW_H_
#define KAVOSH_SEARCHER_CLI_SHOW_H_

#include <cstddef>
#include <string>

#include "kavosh/searcher.h"
#include "searcher/cli/display.h"

namespace kavosh::cli {

// The article for a terminal: title, dates and where the date came from,
// source, URL, place, its near-duplicates, then the body, each paragraph
// laid out for `display` (wrapped, in visual order where the terminal does
// no bidi), the query's words highlighted. Archive text is shown
// terminal-safe by the layout.
std::string render_article(const ArticleView& article, const Display& display);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_SHOW_H_
