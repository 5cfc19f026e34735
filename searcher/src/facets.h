// Facet counts over a whole matching set: by source, Jalali month and year.
#ifndef KAVOSH_SEARCHER_FACETS_H_
#define KAVOSH_SEARCHER_FACETS_H_

#include <xapian.h>

#include "kavosh/searcher.h"

namespace kavosh {

// Counts every document matching `query` (exact: the matcher is made to
// visit all of them).
Facets count_facets(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_FACETS_H_
