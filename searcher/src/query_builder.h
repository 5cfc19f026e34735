// Turns parsed query clauses into Xapian queries that find every spelling
// of the words: half-space, space or nothing, inflected forms, and that rank
// the form the reader typed first.
#ifndef KAVOSH_SEARCHER_QUERY_BUILDER_H_
#define KAVOSH_SEARCHER_QUERY_BUILDER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "searcher/src/query_parser.h"
#include "searcher/src/ranking_constants.h"

namespace kavosh {

// A query matching every document. Xapian::Query::MatchAll is one shared
// object whose reference count is not atomic: copying it from several
// threads races, so each search makes its own.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// The weighting every search ranks with: BM25 with kBm25K1 and kBm25B
// (ranking_constants.h).
inline Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5);
}

struct BuiltQuery {
  // Documents matching every required word (all but stopwords), then the
  // rest of those matching any word. Without tiers, `second` is empty.
  Xapian::Query first;
  Xapian::Query second;
  bool tiered = false;
  // For a query of more words than tiers take (kMaxTieredWords), each of
  // them rare in the index (a name, a place, a number): the tiers it would
  // have, which the searcher adopts when only a few documents hold every
  // word (adopt_rare_tiers()). Empty otherwise.
  Xapian::Query rare_first;
  Xapian::Query rare_second;
  // For a query of two or more words, each a single word rare in the index
  // as typed (normalized, no other spelling or stem): all of them as typed,
  // which the searcher ranks first when only a few documents hold them
  // (adopt_typed_tier()). Empty otherwise.
  Xapian::Query typed_all;
  // The query holds an interrogative word (چه، چرا، کدام...).
  bool interrogative = false;
  // What to highlight: normalized terms, and stems.
  std::unordered_set<std::string> terms;
  std::unordered_set<std::string> stems;
};

// Builds the query; looks up the index vocabulary in `db` to join words
// typed apart ("رئیس جمهور" finds "رئیسجمهور") and split words typed
// together ("رئیسجمهور" finds "رئیس جمهور").
BuiltQuery build_query(const std::vector<QueryClause>& clauses, const Xapian::Database& db);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_QUERY_BUILDER_H_
