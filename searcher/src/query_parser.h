// Parses the query syntax of kavosh-search into analyzed clauses.
#ifndef KAVOSH_SEARCHER_QUERY_PARSER_H_
#define KAVOSH_SEARCHER_QUERY_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/tokenizer.h"

namespace kavosh {

// One word or phrase of a query, as normalized terms.
struct QueryClause {
  std::vector<Token> tokens;  // in order; more than one means a phrase
  bool excluded = false;      // written -word or -"phrase"
};

// Words are separated by whitespace; "…" and «…» quote a phrase (an
// unclosed quote runs to the end); a leading '-' excludes. A word that the
// analyzer splits into several terms ("تهران-مسکو", "1404/09/21") is matched
// as a phrase. Punctuation-only words vanish.
// Throws Error(kBadQuery) on invalid UTF-8, and when no word is left to
// search for (empty, punctuation only, or only exclusions).
std::vector<QueryClause> parse_query(std::string_view query);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_QUERY_PARSER_H_
