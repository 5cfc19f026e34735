// Terminal rendering of search results.
#ifndef KAVOSH_SEARCHER_CLI_TERMINAL_H_
#define KAVOSH_SEARCHER_CLI_TERMINAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/bidi_layout.h"
#include "kavosh/searcher.h"
#include "searcher/cli/display.h"

namespace kavosh::cli {

// `text` from the archive as segments of `style`, its `highlights` (byte
// ranges into it) as TextStyle::kMatch; cut with "…" after
// kMaxPrintedField bytes.
std::vector<Segment> highlighted(std::string_view text, const std::vector<Range>& highlights,
                                 TextStyle style = TextStyle::kNormal);

// A paragraph laid out for `display`, each line ended by a newline.
// `first_indent` and `rest_indent` as in LayoutOptions.
std::string paragraph(const std::vector<Segment>& segments, const Display& display,
                      std::size_t first_indent = 0, std::size_t rest_indent = 0,
                      Direction direction = Direction::kAuto);

// Facet counts as a compact table.
std::string render_facets(const Facets& facets, const Display& display);

// The results as kavosh-search prints them. Every string from the archive
// is shown terminal-safe; the only escape sequences are SGR colours (with
// display.color) and the bidi mode switch (with display.explicit_mode).
std::string render(const Results& results, const SearchOptions& options, const Display& display);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_TERMINAL_H_
