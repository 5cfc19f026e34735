// The lines under the results: the count, corrections, what filters left out.
#ifndef KAVOSH_SEARCHER_CLI_SUMMARY_H_
#define KAVOSH_SEARCHER_CLI_SUMMARY_H_

#include <string>

#include "kavosh/searcher.h"
#include "searcher/cli/display.h"

namespace kavosh::cli {

// "results 1–10 of 219 (0.012 s)", "3 results (0.001 s)", or why there are none on this page; the
// correction searched or suggested; the undated documents a date filter
// left out or date order put last. Left-to-right lines laid out for
// `display`, the query, sources and filters isolated within them.
std::string render_summary(const Results& results, const SearchOptions& options,
                           const Display& display);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_SUMMARY_H_
