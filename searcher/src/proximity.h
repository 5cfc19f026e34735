// Proximity for unquoted queries: a reader who types a remembered phrase,
// a name or half a headline without quotes means the words together. The
// documents where they stand adjacent and in order, in any spelling of
// their half-spaces, in the title or the body, rank above those where they
// are scattered; matching stays as it was (quoted phrases stay exact).
#ifndef KAVOSH_SEARCHER_PROXIMITY_H_
#define KAVOSH_SEARCHER_PROXIMITY_H_

#include <xapian.h>

#include <vector>

#include "searcher/src/query_parser.h"
#include "searcher/src/ranking_constants.h"

namespace kavosh {

// At most kMaxRememberedDocuments (ranking_constants.h) may hold the
// query's words together for the query to be read as a remembered text.

struct Proximity {
  // The longest run of unquoted words adjacent, in any spelling (empty for
  // fewer than two).
  Xapian::Query together;
  // `together` is in 1 to kMaxRememberedDocuments documents: the reader
  // typed a text they remember, a name, a headline.
  bool remembered = false;
  // `together` is in one document only.
  bool unique = false;
  // For a remembered query, optional weight for the words together: each
  // two neighbours adjacent, every run of three or more adjacent, in the
  // body or title, and more in the title. Empty otherwise, and when
  // features().proximity is off.
  Xapian::Query boost;
};

// Built from the query's unquoted, not excluded words, each run of them
// between quoted phrases and field clauses on its own. Counts the
// documents that hold the longest run together, up to
// kMaxRememberedDocuments + 1.
Proximity proximity(const std::vector<QueryClause>& clauses, const Xapian::Database& db);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_PROXIMITY_H_
