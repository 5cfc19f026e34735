// Parses the query syntax of Kavosh into analyzed clauses and filters.
#ifndef KAVOSH_SEARCHER_QUERY_PARSER_H_
#define KAVOSH_SEARCHER_QUERY_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/date_range.h"
#include "common/tokenizer.h"

namespace kavosh {

// A query's words after this many are not searched.
inline constexpr std::size_t kMaxQueryWords = 256;

// One word or phrase of a query, as normalized tokens.
struct QueryClause {
  std::vector<Token> tokens;  // in order; more than one means a phrase
  bool excluded = false;      // written -word or -"phrase"
  bool title_only = false;    // written title:word or title:"phrase"
  bool prefix = false;        // written word*: one token, the words that begin so
};

// A query joined with OR or AND, as a tree over ParsedQuery::clauses.
struct QueryNode {
  enum class Kind { kClause, kAnd, kOr };
  Kind kind = Kind::kClause;
  std::size_t clause = 0;           // kClause: index into ParsedQuery::clauses
  std::vector<QueryNode> children;  // kAnd, kOr
};

// category:VALUE, tags:VALUE or author:VALUE: a term prefix of schema.h
// and the value as written.
struct FieldFilter {
  std::string_view prefix;
  std::string value;
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  std::vector<std::string> sources;      // source:NAME, as written
  std::vector<DayRange> dates;           // date:FROM..TO or date:DAY
  std::vector<std::string> date_fields;  // the same, as written ("date:1404/09")
  std::vector<FieldFilter> fields;       // category:, tags:, author:
  // Set when the query joins its clauses with OR or AND; empty otherwise.
  std::vector<QueryNode> tree;  // at most one: the root

  bool has_words() const;
  // Throws Error(kBadQuery) unless there is a word to search for or a filter
  // (in the query, or elsewhere when `other_filters`).
  void require_words_or(bool other_filters) const;
};

// Words are separated by whitespace; "…" and «…» quote a phrase (an
// unclosed quote runs to the end); a leading '-' excludes. A word that the
// analyzer splits into several terms ("تهران-مسکو") is matched as a phrase.
// Punctuation-only words vanish. A word ending in '*' is a prefix. OR and
// AND (capitals, unquoted) between clauses, with "(" and ")" grouping them,
// make a tree: AND binds tighter, clauses side by side are joined by AND,
// an unclosed "(" runs to the end; without OR or AND, parentheses are
// punctuation. Fields: title:WORD or title:"PHRASE"
// (title only), source:NAME (a filter), date:FROM..TO, date:FROM.. or
// date:..TO or date:DAY (a filter; dates as parse_date_range reads them),
// category:VALUE, tags:VALUE, author:VALUE (filters on the whole
// normalized value; a category also by its parents: category:sports finds
// sports/football-iran).
// A query may hold only filters, or nothing (see require_words_or). Throws
// Error(kBadQuery) on invalid UTF-8, an unknown field (the message lists
// the valid ones), a bad date, a ")" that closes nothing, or an OR or AND
// with nothing on one side.
ParsedQuery parse_query(std::string_view query);

// A date range as --from/--to or date: give it, or throws Error(kBadQuery)
// naming `where`. An empty `from` or `to` leaves that end open.
DayRange parse_period(std::string_view from, std::string_view to, std::string_view where);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_QUERY_PARSER_H_
