// Rank-based effectiveness metrics with binary relevance.
//
// Every function sees a ranking (best first) and the set of documents judged
// relevant; unjudged documents count as not relevant. Rankings are taken as
// given: callers remove repeated ids first (evaluate() does).
#ifndef KAVOSH_BENCH_RELEVANCE_METRICS_H_
#define KAVOSH_BENCH_RELEVANCE_METRICS_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench/relevance/dataset.h"
#include "bench/relevance/trec.h"

namespace kavosh::bench {

// 1 / rank of the first relevant document within the top `k`, else 0.
double reciprocal_rank(const Ranking& ranking, const Relevant& relevant, std::size_t k);

// DCG@k / ideal DCG@k with gain 1 for a relevant document and discount
// log2(rank + 1); the ideal ranking puts min(|relevant|, k) relevant
// documents first. 0 when nothing is relevant.
double ndcg(const Ranking& ranking, const Relevant& relevant, std::size_t k);

// Relevant documents within the top `k`, over all relevant documents
// (not capped at k). 0 when nothing is relevant.
double recall(const Ranking& ranking, const Relevant& relevant, std::size_t k);

// Means over the evaluated queries.
struct Scores {
  double mrr_at_10 = 0;
  double ndcg_at_10 = 0;
  double recall_at_100 = 0;
  std::size_t queries = 0;  // queries with at least one judged-relevant document
};

// Scores `run` over those `queries` that have a judged-relevant document;
// a query missing from the run scores 0. Repeated ids in a ranking count at
// their first rank only.
Scores evaluate(const std::vector<Query>& queries, const Run& run, const Qrels& qrels);

// For each judged-relevant document, the other documents of the data set
// that repeat it (near_copies() in documents.h).
using NearCopies = std::unordered_map<std::string, std::unordered_set<std::string>>;

// Where the mean nDCG@10 error (1 - nDCG@10) of a run lies; the parts add
// up to it. Per query: all of its error when no judged-relevant document is
// in the ranking (`unretrieved`); else the error that goes away when the
// near-copies of its judged documents are taken out of the ranking
// (`copies`: a copy ranked above the judged text, which no ranking can tell
// apart from it), and the rest (`ranking`: judged documents ranked below
// others).
struct ErrorParts {
  double unretrieved = 0;
  double copies = 0;
  double ranking = 0;
};
ErrorParts error_parts(const std::vector<Query>& queries, const Run& run, const Qrels& qrels,
                       const NearCopies& copies);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_METRICS_H_
