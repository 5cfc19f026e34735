// Pseudo-relevance feedback: whether a search's query is expanded with the
// words that best mark its first documents, and the expansion.
#ifndef KAVOSH_SEARCHER_FEEDBACK_H_
#define KAVOSH_SEARCHER_FEEDBACK_H_

#include <xapian.h>

#include <string_view>

#include "searcher/src/proximity.h"
#include "searcher/src/query_builder.h"

namespace kavosh {

// Pseudo-relevance feedback for keyword queries: the words that best mark
// the top documents of `built.first` are added to both tiers as optional
// terms of small weight, so they reorder the matches without adding any.
// A question (`text` has a question mark, or `built.interrogative`) is left
// as it is: it asks for the one passage that answers it, and feedback
// drifts towards the topic.
bool wants_feedback(const BuiltQuery& built, std::string_view text);

// Adds the feedback terms of the first kFeedbackDocuments documents of
// `top`, the best matches of `built.first`.
void expand_keywords(BuiltQuery& built, const Xapian::MSet& top, const Xapian::Database& db);

// Whether feedback may help the search whose first documents are `top`:
// not when the words stand together in one document only (feedback drifts
// from that article to its topic), nor when `top` holds the documents with every word (`all_words`)
// and they are no more than kFeedbackDocuments (a rare combination: the
// reader wants those). Always true when features().feedback_gate is off.
bool feedback_helps(const Proximity& proximity, const Xapian::MSet& top, bool all_words);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_FEEDBACK_H_
