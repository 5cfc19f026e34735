// Every number that shapes Kavosh's ranking, in one place, each with the
// measurement that chose it (bench/relevance, nDCG@10; docs/ANALYSIS.md
// section 7 and docs/BENCHMARKS.md give the tables). Change one only with
// a new measurement, on every data set.
#ifndef KAVOSH_SEARCHER_SRC_RANKING_CONSTANTS_H_
#define KAVOSH_SEARCHER_SRC_RANKING_CONSTANTS_H_

#include <xapian.h>

#include <cstddef>

namespace kavosh {

// --- Weighting (query_builder.h: ranking_weight) ---

// BM25's k1 and b: 1.2 and 0.75 instead of Xapian's 1 and 0.5 gained 0.03
// on Hamshahri (BENCHMARKS.md); no pair in k1 0.9-2.0, b 0.6-0.9 was
// better on every set (ANALYSIS.md 7). k2 = 0, k3 = 1 and min_normlen =
// 0.5 are Xapian's defaults: not measured.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// --- Query building (query_builder.cc) ---

// Bonus of the spelling the reader typed over its other spellings
// (OP_SYNONYM): 0.1-0.4 all within 0.002 of 0.2 (ANALYSIS.md 7).
inline constexpr double kExactBonus = 0.2;
// Weight of each word of two typed apart that the index knows joined:
// 0.3-0.8 all within 0.002 of 0.5 (ANALYSIS.md 7).
inline constexpr double kLooseWeight = 0.5;
// Weight of a word's stem: 0.8 beat 0.5 (BENCHMARKS.md); 0.6-1.0 within
// 0.002 (ANALYSIS.md 7).
inline constexpr double kStemWeight = 0.8;
// Weight of a stopword: 0.1-0.5 all within 0.002 of 0.3 (ANALYSIS.md 7).
inline constexpr double kStopwordWeight = 0.3;
// Queries with more required words than this are ranked by BM25 alone,
// unless every word is rare (kRareWordShare, BuiltQuery::rare_first):
// tiers on every query lost 0.02 on Hamshahri's 3-6 word queries
// (BENCHMARKS.md); 0, 1 or 3 were within 0.002 or lower (ANALYSIS.md 7).
inline constexpr std::size_t kMaxTieredWords = 2;
// A rare word: in at most this share of the documents, as a person, a
// place or a number is in a news archive. Topic words are commoner
// (Hamshahri: ایران 44 %, مدیریت 14 %, مصرف 13 %, ناشی 11 %). Without this
// limit, tiers cost Hamshahri's topics 0.015 nDCG@10 (ANALYSIS.md 7).
inline constexpr double kRareWordShare = 0.05;
// Ways to split a word typed without its half-space: not measured.
inline constexpr std::size_t kMaxSplits = 3;
// Spellings of one phrase: not measured (a bound on query size).
inline constexpr std::size_t kMaxPhraseVariants = 16;

// --- Feedback (query_builder.cc, searcher.cc) ---

// Documents feedback reads: 3-8 all gain on Hamshahri (ANALYSIS.md 7).
inline constexpr Xapian::doccount kFeedbackDocuments = 5;
// Words feedback adds: 10-40 all gain 0.003-0.018 on Hamshahri; 30 at 0.3
// gave 0.899 against 0.913 (ANALYSIS.md 7).
inline constexpr Xapian::termcount kFeedbackTerms = 20;
// Weight of the added words: Hamshahri 0.896 -> 0.913; 0.3 and 0.4 gave
// 0.907 and 0.902 (ANALYSIS.md 7).
inline constexpr double kFeedbackWeight = 0.2;
// Feedback reorders this many of the best documents: not measured (the
// feedback numbers above were measured with it).
inline constexpr std::size_t kRerankPool = 100;

// --- Proximity (proximity.cc) ---

// At most this many documents may hold the query's words together for the
// query to be read as a remembered text: without the limit Hamshahri's
// topics lose 0.022; at 30, 0.006; at 10, 0.0003 (proximity.h).
inline constexpr Xapian::doccount kMaxRememberedDocuments = 10;
// Weights of two adjacent words and of the whole run, relative to the
// words' own: pair 0 or 0.2, run 0.2 or 1 each lose more than 0.002 on
// Hamshahri (ANALYSIS.md 7).
inline constexpr double kPairWeight = 0.5;
inline constexpr double kRunWeight = 0.5;
// Of the pair and run weights, for the same words in the title: not
// measured apart from them.
inline constexpr double kTitleWeight = 0.5;

// --- Matching (searcher.cc) ---

// The matcher reads at least this many matches; in a small index, all of
// them. Reading fewer lets Xapian skip parts of the scores of documents it
// deems out of reach, which reorders some pages (a Hamshahri query moved
// its 8th and 9th hits): the rankings bench/relevance measured read this
// many. Not measured as a parameter.
inline constexpr std::size_t kExactCount = 1000;
// An index this small is read whole: not measured.
inline constexpr Xapian::doccount kSmallIndex = 10000;
// The recency boost at age 0, times the best BM25 score of the query
// (SearchOptions::recency_half_life_days, off by default): not measured.
inline constexpr double kRecencyBoost = 0.5;
// Terms of a document "more like this" searches for: not measured.
inline constexpr Xapian::termcount kMoreLikeTerms = 40;

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_SRC_RANKING_CONSTANTS_H_
