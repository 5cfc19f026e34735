#include "searcher/src/feedback.h"

#include <string>
#include <vector>

#include "common/features.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "searcher/src/query_ops.h"
#include "searcher/src/ranking_constants.h"

namespace kavosh {

bool wants_feedback(const BuiltQuery& built, std::string_view text) {
  return features().feedback && !built.interrogative && text.find('?') == std::string_view::npos &&
         text.find("؟") == std::string_view::npos;
}

void expand_keywords(BuiltQuery& built, const Xapian::MSet& top, const Xapian::Database& db) {
  if (top.empty()) {
    return;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(built.first);
  Xapian::RSet rset;
  for (auto it = top.begin(); it != top.end() && it.get_rank() < kFeedbackDocuments; ++it) {
    rset.add_document(*it);
  }
  // Words and stems, not the query's own nor stopwords, numbers, single
  // letters or the other prefixed terms (ids, titles, sources).
  struct Candidates : Xapian::ExpandDecider {
    explicit Candidates(const BuiltQuery& q) : query(q) {}
    bool operator()(const std::string& term) const override {
      if (term.empty()) {
        return false;
      }
      if (const std::string_view stem = schema::stem_of_term(term); !stem.empty()) {
        const std::string s(stem);
        return s.size() > 2 && query.stems.count(s) == 0 && !is_stopword(s);
      }
      const auto c = static_cast<unsigned char>(term[0]);
      return !schema::is_prefixed(term) && !(c >= '0' && c <= '9') && term.size() > 2 &&
             !is_stopword(term) && query.terms.count(term) == 0;
    }
    const BuiltQuery& query;
  } candidates(built);
  // Exact term frequencies: shards expand as one index would.
  const Xapian::ESet eset =
      enquire.get_eset(kFeedbackTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &candidates);
  if (eset.empty()) {
    return;
  }
  std::vector<Xapian::Query> terms;
  const double best = eset.begin().get_weight();
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.push_back(scaled(it.get_weight() / best, Xapian::Query(*it)));
  }
  const Xapian::Query expansion = scaled(kFeedbackWeight, any_of(terms));
  built.first = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.first, expansion);
  if (built.tiered) {
    built.second = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.second, expansion);
  }
}

bool feedback_helps(const Proximity& proximity, const Xapian::MSet& top, bool all_words) {
  if (!features().feedback_gate) {
    return true;
  }
  return !proximity.unique && !(all_words && top.get_matches_estimated() <= kFeedbackDocuments);
}

}  // namespace kavosh
