// "Did you mean": corrections of a query from the index vocabulary.
#ifndef KAVOSH_SEARCHER_SUGGEST_H_
#define KAVOSH_SEARCHER_SUGGEST_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/src/query_parser.h"

namespace kavosh {

// A corrected query, or an empty string if every word is known. Each word the
// index does not know is replaced by the closest one it does: the word split
// in two by a missing half-space ("رئیسجمهورروسیه" -> "رییسجمهور روسیه"),
// two words joined that were split, or the most frequent indexed word within
// a small edit distance, where confusable Persian letters (ز ذ ض ظ, س ص ث,
// ت ط, ه ح, ق غ) cost half an edit. The words of the result are normalized.
std::string suggest(const std::vector<QueryClause>& clauses, const Xapian::Database& db);

// Edit distance between two words with adjacent transpositions, counting a
// swap of confusable Persian letters as half an edit. Exposed for tests.
double spelling_distance(std::u32string_view a, std::u32string_view b);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_SUGGEST_H_
