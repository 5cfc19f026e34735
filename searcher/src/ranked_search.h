// One ranked search of parsed words and filters, from the query the reader
// typed to the page of hits: the query's tiers and proximity boost, the
// feedback that re-ranks the best documents, a recency boost, the page's
// documents, and what the results say about themselves (totals, facets,
// a correction, what the filters left out).
#ifndef KAVOSH_SEARCHER_RANKED_SEARCH_H_
#define KAVOSH_SEARCHER_RANKED_SEARCH_H_

#include <xapian.h>

#include <string_view>

#include "kavosh/searcher.h"
#include "searcher/src/query_parser.h"

namespace kavosh {

// The results of `parsed` (the parse of `query`) on `db` for the page and
// the filters of `options`. Reads features() for the ranking switches.
// `local`: `db` is opened from index directories on this machine, none
// of them a stub file of remote shards.
Results ranked_search(Xapian::Database& db, std::string_view query, const ParsedQuery& parsed,
                      const SearchOptions& options, bool local);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_RANKED_SEARCH_H_
