#include "bench/relevance/metrics.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <unordered_set>

namespace kavosh::bench {
namespace {

double discount(std::size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 1.0); }

Ranking without_repeats(const Ranking& ranking) {
  Ranking out;
  std::unordered_set<std::string> seen;
  for (const std::string& doc : ranking) {
    if (seen.insert(doc).second) {
      out.push_back(doc);
    }
  }
  return out;
}

}  // namespace

double reciprocal_rank(const Ranking& ranking, const Relevant& relevant, std::size_t k) {
  const std::size_t n = std::min(k, ranking.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (relevant.contains(ranking[i])) {
      return 1.0 / static_cast<double>(i + 1);
    }
  }
  return 0;
}

double ndcg(const Ranking& ranking, const Relevant& relevant, std::size_t k) {
  double ideal = 0;
  for (std::size_t rank = 1; rank <= std::min(k, relevant.size()); ++rank) {
    ideal += discount(rank);
  }
  if (ideal == 0) {
    return 0;
  }
  double dcg = 0;
  const std::size_t n = std::min(k, ranking.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (relevant.contains(ranking[i])) {
      dcg += discount(i + 1);
    }
  }
  return dcg / ideal;
}

double recall(const Ranking& ranking, const Relevant& relevant, std::size_t k) {
  if (relevant.empty()) {
    return 0;
  }
  const std::size_t n = std::min(k, ranking.size());
  const auto found = std::count_if(ranking.begin(), ranking.begin() + static_cast<long>(n),
                                   [&](const std::string& doc) { return relevant.contains(doc); });
  return static_cast<double>(found) / static_cast<double>(relevant.size());
}

// Calls `fn(ranking, relevant)` for each of `queries` with a judged-relevant
// document, its ranking without repeats (empty when the run lacks it);
// returns how many.
template <typename Fn>
std::size_t for_each_judged(const std::vector<Query>& queries, const Run& run, const Qrels& qrels,
                            Fn fn) {
  static const Ranking kNoResults;
  std::size_t n = 0;
  for (const Query& query : queries) {
    const auto judged = qrels.find(query.id);
    if (judged == qrels.end() || judged->second.empty()) {
      continue;
    }
    const auto found = run.find(query.id);
    fn(without_repeats(found == run.end() ? kNoResults : found->second), judged->second);
    ++n;
  }
  return n;
}

Scores evaluate(const std::vector<Query>& queries, const Run& run, const Qrels& qrels) {
  Scores scores;
  scores.queries =
      for_each_judged(queries, run, qrels, [&](const Ranking& ranking, const Relevant& relevant) {
        scores.mrr_at_10 += reciprocal_rank(ranking, relevant, 10);
        scores.ndcg_at_10 += ndcg(ranking, relevant, 10);
        scores.recall_at_100 += recall(ranking, relevant, 100);
      });
  if (scores.queries > 0) {
    const auto n = static_cast<double>(scores.queries);
    scores.mrr_at_10 /= n;
    scores.ndcg_at_10 /= n;
    scores.recall_at_100 /= n;
  }
  return scores;
}

ErrorParts error_parts(const std::vector<Query>& queries, const Run& run, const Qrels& qrels,
                       const NearCopies& copies) {
  ErrorParts parts;
  const std::size_t n =
      for_each_judged(queries, run, qrels, [&](const Ranking& ranking, const Relevant& relevant) {
        const double error = 1 - ndcg(ranking, relevant, 10);
        if (std::none_of(ranking.begin(), ranking.end(),
                         [&](const std::string& doc) { return relevant.contains(doc); })) {
          parts.unretrieved += error;
          return;
        }
        const auto is_copy = [&](const std::string& doc) {
          if (relevant.contains(doc)) {
            return false;
          }
          return std::any_of(relevant.begin(), relevant.end(), [&](const std::string& judged_doc) {
            const auto c = copies.find(judged_doc);
            return c != copies.end() && c->second.contains(doc);
          });
        };
        Ranking without_copies;
        std::copy_if(ranking.begin(), ranking.end(), std::back_inserter(without_copies),
                     [&](const std::string& doc) { return !is_copy(doc); });
        const double rest = 1 - ndcg(without_copies, relevant, 10);
        parts.copies += error - rest;
        parts.ranking += rest;
      });
  if (n > 0) {
    parts.unretrieved /= static_cast<double>(n);
    parts.copies /= static_cast<double>(n);
    parts.ranking /= static_cast<double>(n);
  }
  return parts;
}

}  // namespace kavosh::bench
