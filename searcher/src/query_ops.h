// Small builders of Xapian queries that the query builder and feedback
// share.
#ifndef KAVOSH_SEARCHER_QUERY_OPS_H_
#define KAVOSH_SEARCHER_QUERY_OPS_H_

#include <xapian.h>

#include <vector>

namespace kavosh {

// Any of `queries` (one or more): the one itself, or their OR.
inline Xapian::Query any_of(const std::vector<Xapian::Query>& queries) {
  if (queries.size() == 1) {
    return queries.front();
  }
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

// `q` with its weight times `factor`.
inline Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_QUERY_OPS_H_
