#include "searcher/src/proximity.h"

#include <string>

#include "common/features.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "searcher/src/ranking_constants.h"
#include "searcher/src/spellings.h"

namespace kavosh {
namespace {

// Weights relative to the words' own: kPairWeight, kRunWeight and
// kTitleWeight (ranking_constants.h).

using Spelling = std::vector<std::string>;

// In the body and title's words, or (`in_title`) in the title's own terms.
Xapian::Query phrase_of(const Spelling& terms, bool in_title) {
  std::vector<Xapian::Query> each;
  for (const std::string& t : terms) {
    each.emplace_back(in_title ? schema::title_term(t) : t);
  }
  if (each.size() == 1) {
    return each.front();
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, each.begin(), each.end(),
                       static_cast<Xapian::termcount>(each.size()));
}

// `tokens` adjacent and in order, in every spelling, as one term.
Xapian::Query adjacent(const std::vector<Token>& tokens, bool in_title,
                       const Xapian::Database& db) {
  std::vector<Xapian::Query> all;
  for (const Spelling& s : phrase_spellings(tokens, db)) {
    all.push_back(phrase_of(s, in_title));
  }
  return Xapian::Query(Xapian::Query::OP_SYNONYM, all.begin(), all.end());
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// Runs of consecutive unquoted words.
std::vector<std::vector<Token>> runs_of_words(const std::vector<QueryClause>& clauses) {
  std::vector<std::vector<Token>> runs(1);
  for (const QueryClause& c : clauses) {
    if (c.excluded || c.title_only || c.tokens.size() != 1) {
      runs.emplace_back();
      continue;
    }
    runs.back().push_back(c.tokens.front());
  }
  return runs;
}

bool both_stopwords(const Token& a, const Token& b) {
  return a.parts.empty() && b.parts.empty() && is_stopword(a.term) && is_stopword(b.term);
}

}  // namespace

Proximity proximity(const std::vector<QueryClause>& clauses, const Xapian::Database& db) {
  Proximity out;
  std::vector<Xapian::Query> boosts;
  std::size_t together_words = 0;
  for (const std::vector<Token>& run : runs_of_words(clauses)) {
    if (run.size() < 2) {
      continue;
    }
    // Two stopwords side by side ("از این") say nothing of the text, and
    // their positions are most of the index.
    for (std::size_t i = 0; i + 1 < run.size(); ++i) {
      if (both_stopwords(run[i], run[i + 1])) {
        continue;
      }
      const std::vector<Token> pair{run[i], run[i + 1]};
      boosts.push_back(scaled(kPairWeight, adjacent(pair, false, db)));
      boosts.push_back(scaled(kPairWeight * kTitleWeight, adjacent(pair, true, db)));
    }
    const Xapian::Query whole = adjacent(run, false, db);
    if (run.size() > 2) {
      boosts.push_back(scaled(kRunWeight, whole));
      boosts.push_back(scaled(kRunWeight * kTitleWeight, adjacent(run, true, db)));
    }
    if (run.size() > together_words) {
      out.together = whole;
      together_words = run.size();
    }
  }
  if (together_words == 0) {
    return out;
  }
  // Only when the words stand together in a few documents: a reader's
  // topic ("آلودگی محیط زیست") is written so in many, and the documents
  // on it that word it otherwise are as good.
  Xapian::Enquire enquire(db);
  enquire.set_query(out.together);
  const Xapian::MSet found = enquire.get_mset(0, 0, kMaxRememberedDocuments + 1);
  const Xapian::doccount holding = found.get_matches_lower_bound();
  out.remembered = holding >= 1 && holding <= kMaxRememberedDocuments;
  out.unique = holding == 1;
  if (out.remembered && features().proximity) {
    out.boost = Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
  }
  return out;
}

}  // namespace kavosh
