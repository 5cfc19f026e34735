#include "bench/relevance/metrics.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "bench/relevance/documents.h"

namespace kavosh::bench {
namespace {

Ranking numbered(std::size_t n, const std::string& prefix) {
  Ranking ranking;
  for (std::size_t i = 1; i <= n; ++i) {
    ranking.push_back(prefix + std::to_string(i));
  }
  return ranking;
}

Relevant as_set(const Ranking& ranking) { return Relevant(ranking.begin(), ranking.end()); }

}  // namespace

TEST_CASE("the reciprocal rank is one over the rank of the first relevant document", "[metrics]") {
  const Ranking ranking = {"a", "b", "c"};
  CHECK(reciprocal_rank(ranking, {"b"}, 10) == Approx(0.5));
  CHECK(reciprocal_rank(ranking, {"c", "b"}, 10) == Approx(0.5));
  CHECK(reciprocal_rank(ranking, {"x"}, 10) == 0);
  SECTION("a relevant document below the cut-off does not count") {
    const Ranking long_ranking = numbered(11, "d");
    CHECK(reciprocal_rank(long_ranking, {"d11"}, 10) == 0);
    CHECK(reciprocal_rank(long_ranking, {"d10"}, 10) == Approx(0.1));
  }
}

TEST_CASE("nDCG uses binary gains and an ideal ranking of the judged documents", "[metrics]") {
  SECTION("one relevant document at rank 2") {
    CHECK(ndcg({"a", "b", "c"}, {"b"}, 10) == Approx(1 / std::log2(3.0)));
  }
  SECTION("two of three relevant documents found") {
    const double dcg = 1 + 1 / std::log2(4.0);
    const double ideal = 1 + 1 / std::log2(3.0) + 1 / std::log2(4.0);
    CHECK(ndcg({"a", "b", "c"}, {"a", "c", "x"}, 10) == Approx(dcg / ideal));
  }
  SECTION("the ideal DCG is capped at k relevant documents") {
    const Ranking ranking = numbered(10, "d");
    const Relevant relevant = as_set(numbered(15, "d"));
    CHECK(ndcg(ranking, relevant, 10) == Approx(1.0));
  }
  SECTION("nothing relevant found, or nothing judged") {
    CHECK(ndcg({"a"}, {"b"}, 10) == 0);
    CHECK(ndcg({"a"}, {}, 10) == 0);
    CHECK(ndcg({}, {"a"}, 10) == 0);
  }
}

TEST_CASE("recall counts relevant documents in the top k over all relevant ones", "[metrics]") {
  CHECK(recall({"a", "b", "c"}, {"a", "c", "x"}, 100) == Approx(2.0 / 3));
  SECTION("not capped at k") {
    const Ranking ranking = numbered(100, "d");
    CHECK(recall(ranking, as_set(numbered(150, "d")), 100) == Approx(100.0 / 150));
  }
  SECTION("documents below k do not count") {
    CHECK(recall(numbered(101, "d"), {"d101"}, 100) == 0);
  }
}

TEST_CASE("evaluate averages over judged queries only", "[metrics]") {
  const std::vector<Query> queries = {{"1", "نهنگ"}, {"2", "زلزله بم"}, {"3", "بی‌داوری"}};
  Qrels qrels;
  qrels["1"] = {"a"};
  qrels["2"] = {"b", "c"};
  Run run;
  run["1"] = {"a", "z"};
  // Query 2 has no results: it scores 0. Query 3 has no judgments: skipped.
  run["3"] = {"a"};
  const Scores scores = evaluate(queries, run, qrels);
  CHECK(scores.queries == 2);
  CHECK(scores.mrr_at_10 == Approx(0.5));
  CHECK(scores.ndcg_at_10 == Approx(0.5));
  CHECK(scores.recall_at_100 == Approx(0.5));

  SECTION("a repeated document counts at its first rank only") {
    Run repeats;
    repeats["1"] = {"z", "z", "a"};
    CHECK(evaluate({queries[0]}, repeats, qrels).mrr_at_10 == Approx(0.5));
  }
}

TEST_CASE("the error splits into unretrieved, copies above the judged text, and ranking",
          "[metrics]") {
  const std::vector<Query> queries = {{"1", "زلزله"}, {"2", "نهنگ"}, {"3", "سیل"}};
  Qrels qrels;
  qrels["1"] = {"a"};
  qrels["2"] = {"x"};
  qrels["3"] = {"y"};
  Run run;
  run["1"] = {"b", "a", "c"};  // b repeats a: only the copy stands above it
  run["2"] = {"c", "d"};       // the judged document is not retrieved
  run["3"] = {"z", "y"};       // z is another text
  const NearCopies copies = {{"a", {"b"}}};
  const double second = 1 - 1 / std::log2(3.0);
  const ErrorParts parts = error_parts(queries, run, qrels, copies);
  CHECK(parts.copies == Approx(second / 3));
  CHECK(parts.unretrieved == Approx(1.0 / 3));
  CHECK(parts.ranking == Approx(second / 3));
  CHECK(parts.copies + parts.unretrieved + parts.ranking ==
        Approx(1 - evaluate(queries, run, qrels).ndcg_at_10));
}

TEST_CASE("a passage repeated under another id is its near-copy", "[metrics]") {
  const std::string text =
      "زلزله‌ای به بزرگی شش ریشتر شهر بم را لرزاند و بسیاری از خانه‌ها فرو "
      "ریخت";
  const std::vector<Document> documents = {
      {"a", "", text},
      // The same passage, spelled with Arabic yeh and no half-spaces, and a
      // sentence longer.
      {"b", "",
       "زلزله\u0627\u064A به بزرگي شش ريشتر شهر بم را لرزاند و بسياري از خانهها فرو "
       "ريخت. امدادگران رسیدند"},
      {"c", "", "نهنگی در خلیج فارس به ساحل آمد و کارشناسان محیط زیست آن را به دریا بازگرداندند"},
  };
  const auto copies = near_copies(documents, {"a", "c"});
  REQUIRE(copies.contains("a"));
  CHECK(copies.at("a") == std::unordered_set<std::string>{"b"});
  CHECK_FALSE(copies.contains("c"));
}

}  // namespace kavosh::bench
