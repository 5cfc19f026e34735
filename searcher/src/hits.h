// A ranked search's matches as the hits a reader sees: one search of the
// index, and its documents read into Hit records with their snippets.
#ifndef KAVOSH_SEARCHER_HITS_H_
#define KAVOSH_SEARCHER_HITS_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/schema.h"
#include "kavosh/searcher.h"
#include "searcher/src/ranking_constants.h"
#include "searcher/src/snippet.h"

namespace kavosh {

// The matches of `query` from `offset`, at most `limit`, ranked as
// `options` say (relevance or date, near-duplicates collapsed or not),
// reading at least `exact_count` matches, all of them in an index of at
// most kSmallIndex documents. Totals do not depend on it: count_results()
// counts every match.
Xapian::MSet run(const Xapian::Database& db, const Xapian::Query& query, std::size_t offset,
                 std::size_t limit, const SearchOptions& options,
                 std::size_t exact_count = kExactCount);

// The record of a matched document; a document whose data is no record
// (written by something other than kavosh-index) is an Error kCorruption.
schema::Record read_record(const Xapian::MSetIterator& it);

// Near-duplicate counts by docid, where a search restricted to a few
// documents cannot count them itself.
using CollapseCounts = std::unordered_map<Xapian::docid, Xapian::doccount>;

// Appends the documents of `set` from its `from`-th to `results.hits`,
// ranked from `rank` + 1 (`rank` is moved past them), with snippets and
// highlights of what `matcher` matches when options.snippets.
void add_hits(const Xapian::MSet& set, Xapian::doccount from, const Matcher& matcher,
              const SearchOptions& options, std::size_t& rank, Results& results,
              const CollapseCounts* collapsed = nullptr);

struct FoundDocument {
  Xapian::docid docid;
  std::string id;       // its external id
  std::string cluster;  // its near-duplicate cluster
};

// The document `id` names (an id, or a place as results print it); an
// Error kNotFound located at `option` (the option or call that named it:
// "more_like", "document", "similar") if there is none.
FoundDocument find_document(const Xapian::Database& db, std::string_view id, const char* option);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_HITS_H_
