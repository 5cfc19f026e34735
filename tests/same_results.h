// Checks that two searchers — one index, and the same documents split into
// shards, local or remote — answer a query alike: the same hits in the same
// order with the same scores, snippets and collapsed counts, the same total
// and facet counts.
#ifndef KAVOSH_TESTS_SAME_RESULTS_H_
#define KAVOSH_TESTS_SAME_RESULTS_H_

#include <kavosh/kavosh.h>

#include <catch2/catch.hpp>
#include <string>

namespace kavosh::test {

inline void check_same_results(const Searcher& one, const Searcher& other, const std::string& query,
                               const SearchOptions& options) {
  INFO(query);
  const Results a = one.search(query, options);
  const Results b = other.search(query, options);
  CHECK(a.total == b.total);
  REQUIRE(a.hits.size() == b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    CHECK(a.hits[i].id == b.hits[i].id);
    CHECK(a.hits[i].score == Approx(b.hits[i].score).epsilon(1e-9));
    CHECK(a.hits[i].snippet == b.hits[i].snippet);
    CHECK(a.hits[i].similar == b.hits[i].similar);
  }
  REQUIRE(a.facets.sources.size() == b.facets.sources.size());
  for (std::size_t i = 0; i < a.facets.sources.size(); ++i) {
    CHECK(a.facets.sources[i].value == b.facets.sources[i].value);
    CHECK(a.facets.sources[i].count == b.facets.sources[i].count);
  }
  CHECK(a.facets.undated == b.facets.undated);
}

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_SAME_RESULTS_H_
