// Prefix search: word* as the indexed words that begin so.
#ifndef KAVOSH_SEARCHER_PREFIX_H_
#define KAVOSH_SEARCHER_PREFIX_H_

#include <xapian.h>

#include <string>
#include <unordered_set>

namespace kavosh {

// The words of `db` that begin with the normalized `prefix`, as one term
// (Xapian's OP_SYNONYM): the kMaxPrefixTerms most frequent of them, each
// added to `terms` for highlighting. Matches nothing when no word begins
// so. Throws Error(kBadQuery) for a prefix of fewer than two letters,
// which would stand for a good part of the vocabulary.
Xapian::Query expand_prefix(const std::string& prefix, const Xapian::Database& db,
                            std::unordered_set<std::string>& terms);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_PREFIX_H_
