// A query that matches a given set of documents by their Xapian ids, for
// the final search of a re-ranked pool (ranked_search.cc).
#ifndef KAVOSH_SEARCHER_DOCID_SET_H_
#define KAVOSH_SEARCHER_DOCID_SET_H_

#include <xapian.h>

#include <vector>

namespace kavosh {

// The documents `ids` of a database of one local shard, matched with no
// weight: Xapian reads none of their terms to find them. Remote and
// sharded databases number their documents otherwise, and match the
// documents by their id terms instead.
Xapian::Query documents_by_docid(std::vector<Xapian::docid> ids);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_DOCID_SET_H_
