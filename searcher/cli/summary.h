// The lines under the results: the count, corrections, what filters left out.
#ifndef KAVOSH_SEARCHER_CLI_SUMMARY_H_
#define KAVOSH_SEARCHER_CLI_SUMMARY_H_

#include <string>

#include "kavosh/searcher.h"

namespace kavosh::cli {

// "1–10 of 219 results (0.012 s)", or why there are none on this page; the
// correction searched or suggested; the undated documents a date filter
// left out or date order put last. Bold if `color`.
std::string render_summary(const Results& results, const SearchOptions& options, bool color);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_SUMMARY_H_
