#include "searcher/src/query_parser.h"

#include <fmt/format.h>

#include "common/schema.h"
#include "common/tokenizer.h"
#include "common/utf8.h"
#include "kavosh/error.h"

namespace kavosh {
namespace {

constexpr std::string_view kOpenGuillemet = "\xC2\xAB";   // «
constexpr std::string_view kCloseGuillemet = "\xC2\xBB";  // »

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void add_clause(std::vector<QueryClause>& clauses, std::string_view text, bool excluded) {
  QueryClause clause;
  clause.excluded = excluded;
  for (Token& token : tokenize(text)) {
    if (token.term.size() <= schema::kMaxTermBytes) {
      clause.tokens.push_back(std::move(token));
    }
  }
  if (!clause.tokens.empty()) {
    clauses.push_back(std::move(clause));
  }
}

}  // namespace

std::vector<QueryClause> parse_query(std::string_view query) {
  if (const auto bad = find_invalid_utf8(query)) {
    throw Error(Error::kBadQuery, "query is not valid UTF-8", Location{"query", 0, *bad});
  }
  std::vector<QueryClause> clauses;
  std::size_t i = 0;
  while (i < query.size()) {
    if (is_space(query[i])) {
      ++i;
      continue;
    }
    bool excluded = false;
    if (query[i] == '-' && i + 1 < query.size() && !is_space(query[i + 1])) {
      excluded = true;
      ++i;
    }
    std::string_view close;
    if (query[i] == '"') {
      close = "\"";
      ++i;
    } else if (query.substr(i, kOpenGuillemet.size()) == kOpenGuillemet) {
      close = kCloseGuillemet;
      i += kOpenGuillemet.size();
    }
    std::size_t end = i;
    if (!close.empty()) {
      end = std::min(query.find(close, i), query.size());
      add_clause(clauses, query.substr(i, end - i), excluded);
      i = std::min(end + close.size(), query.size());
    } else {
      while (end < query.size() && !is_space(query[end])) {
        ++end;
      }
      add_clause(clauses, query.substr(i, end - i), excluded);
      i = end;
    }
  }
  bool any_positive = false;
  for (const QueryClause& clause : clauses) {
    any_positive = any_positive || !clause.excluded;
  }
  if (!any_positive) {
    throw Error(Error::kBadQuery,
                clauses.empty() ? "query has no words to search for"
                                : "query only excludes words: add a word to search for",
                Location{"query", 0, 0});
  }
  return clauses;
}

}  // namespace kavosh
