// Queries that join their clauses with OR and AND.
#ifndef KAVOSH_SEARCHER_QUERY_TREE_H_
#define KAVOSH_SEARCHER_QUERY_TREE_H_

#include <xapian.h>

#include "searcher/src/query_builder.h"
#include "searcher/src/query_parser.h"

namespace kavosh {

// The query of `parsed.tree` (which must not be empty): each clause found in
// every spelling as build_query finds a clause on its own, AND and OR as
// the tree says; an excluded clause is taken out of the group it is in;
// stopwords in an AND group only add to the score. Not tiered.
BuiltQuery build_tree(const ParsedQuery& parsed, const Xapian::Database& db);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_QUERY_TREE_H_
