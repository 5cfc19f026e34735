// Terminal rendering of search results.
#ifndef KAVOSH_SEARCHER_CLI_TERMINAL_H_
#define KAVOSH_SEARCHER_CLI_TERMINAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "kavosh/searcher.h"

namespace kavosh::cli {

// Facet counts as a compact table.
std::string render_facets(const Facets& facets);

// The results as kavosh-search prints them, coloured if `color`.
std::string render(const Results& results, const SearchOptions& options, bool color);

// The results as one JSON document.
std::string render_json(const Results& results, const SearchOptions& options);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_TERMINAL_H_
