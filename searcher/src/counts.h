// Exact result counts, and what the filters leave out.
#ifndef KAVOSH_SEARCHER_COUNTS_H_
#define KAVOSH_SEARCHER_COUNTS_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kavosh {

// Number of results of `query` a reader can page through: every match,
// each cluster of near-duplicates counted once when `collapse`. Reads
// every match (Xapian's own count under collapsing is an estimate).
std::uint64_t count_results(const Xapian::Database& db, const Xapian::Query& query, bool collapse);

// The documents that have a date.
Xapian::Query dated();

// The source names of the index (normalized) closest to `name`: those that
// hold it or that it holds, else those within a few edits; at most five.
std::vector<std::string> nearest_sources(const Xapian::Database& db, const std::string& name);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_COUNTS_H_
