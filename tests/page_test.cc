#include "searcher/src/page.h"

#include <catch2/catch.hpp>

using kavosh::Page;
using kavosh::Span;

TEST_CASE("a page inside the first tier takes nothing from the second", "[page]") {
  Page page(/*offset=*/10, /*limit=*/10);
  page.took_first(10);
  CHECK(page.second_tier(/*first_count=*/40) == Span{0, 0});
}

TEST_CASE("a page across the tiers starts the second tier at its top", "[page]") {
  // Page 3 of ten when 25 documents hold every word: ranks 21-25 from the
  // first tier, 26-30 are the second tier's best five.
  Page page(20, 10);
  page.took_first(5);
  CHECK(page.first_hits() == 5);
  CHECK(page.second_tier(25) == Span{0, 5});
}

TEST_CASE("a page after the first tier reads the second from the right rank", "[page]") {
  // Page 5 of ten after a first tier of 25: the second tier's ranks 15-24.
  Page page(40, 10);
  CHECK(page.second_tier(25) == Span{15, 10});
}

TEST_CASE("a page that starts exactly where the first tier ends", "[page]") {
  Page page(25, 10);
  CHECK(page.second_tier(25) == Span{0, 10});
}

TEST_CASE("a first tier that fills more than the page leaves nothing to add", "[page]") {
  // Collapsing may return fewer hits than asked, never more; a caller that
  // adds two parts of the first tier can still overshoot the limit.
  Page page(0, 10);
  page.took_first(7);
  page.took_first(6);
  CHECK(page.second_tier(100) == Span{0, 0});
}

TEST_CASE("the re-ranked pool gives the ranks of the page inside it", "[page]") {
  SECTION("a first page inside the pool") {
    const Page page(0, 10);
    CHECK(page.wanted(50) == 50);
    CHECK(page.in_pool(50) == Span{0, 10});
    CHECK(page.after_pool(50) == 50);
  }
  SECTION("a page across the pool's end: the rest in the first search's order") {
    const Page page(45, 10);
    CHECK(page.wanted(50) == 55);
    CHECK(page.in_pool(50) == Span{45, 5});
    CHECK(page.after_pool(50) == 50);
  }
  SECTION("a page after the pool takes none of it") {
    const Page page(60, 10);
    CHECK(page.wanted(50) == 70);
    CHECK(page.in_pool(50) == Span{});
    CHECK(page.after_pool(50) == 60);
  }
  SECTION("an empty page") {
    const Page page(0, 0);
    CHECK(page.in_pool(50) == Span{0, 0});
    CHECK(page.second_tier(3) == Span{0, 0});
  }
}
