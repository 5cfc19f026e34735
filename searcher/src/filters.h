// The filters of a search (dates, sources), and what they leave out.
#ifndef KAVOSH_SEARCHER_FILTERS_H_
#define KAVOSH_SEARCHER_FILTERS_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "kavosh/searcher.h"
#include "searcher/src/query_parser.h"

namespace kavosh {

// One filter of a search, and how the reader wrote it.
struct Filter {
  std::string label;  // "--source farsnews", "--from 1404/09", "date:1390"
  Xapian::Query query;
  bool by_date = false;
};

// The filters of the options and the query's fields. Throws
// Error(kBadQuery) for a bad --from or --to.
std::vector<Filter> filters_of(const ParsedQuery& parsed, const SearchOptions& options);

// The filters as one boolean query, those by date only `with_dates`;
// MatchAll when there are none.
Xapian::Query all_of(const std::vector<Filter>& filters, bool with_dates = true);

// The filters of the options and the query's fields, as one boolean query.
Xapian::Query filter_query(const ParsedQuery& parsed, const SearchOptions& options);

// `query` restricted to `filter` (unchanged when the filter is MatchAll).
Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter);

// The source names a search asks for: the query's source: fields, then the
// options'.
std::vector<std::string> source_names(const ParsedQuery& parsed, const SearchOptions& options);

// Sets results.undated_left_out (the undated documents `words` match that a
// date filter left out) and, in date order, results.undated_last.
void count_undated(const Xapian::Database& db, const Xapian::Query& words,
                   const std::vector<Filter>& filters, const SearchOptions& options,
                   Results& results);

// For a search that found nothing: sets results.emptied_by (the filters
// that left nothing of what `words` match) and results.nearest_sources (for
// each of `names` the index has no source of).
void explain_empty(const Xapian::Database& db, const Xapian::Query& words,
                   const std::vector<Filter>& filters, const std::vector<std::string>& names,
                   Results& results);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_FILTERS_H_
