// Proximity: words typed without quotes that stand together in a few
// documents are read as a remembered text.
#include "searcher/src/proximity.h"

#include <catch2/catch.hpp>

#include "searcher/src/query_parser.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"together", "نشست شورا", "نشست شورای شهر تهران درباره مترو برگزار شد.", "", "", ""},
      {"scattered", "تهران", "در تهران شورا تشکیل شد و شهر آرام بود.", "", "", ""},
      {"half-space", "رئیس‌جمهور", "رئیس‌جمهور به مسکو رفت.", "", "",
       ""},
      {"spaced", "سفر", "رئیس جمهور روسیه سخنرانی کرد.", "", "", ""},
  });
  return tiny;
}

kavosh::Proximity of(std::string_view query) {
  return kavosh::proximity(kavosh::parse_query(query).clauses, index().db());
}

}  // namespace

TEST_CASE("words that stand together in one document are a remembered text", "[proximity]") {
  const kavosh::Proximity p = of("شورای شهر تهران");
  REQUIRE_FALSE(p.together.empty());
  CHECK(index().ids(p.together) == std::vector<std::string>{"together"});
  CHECK(p.remembered);
  CHECK(p.unique);
  CHECK_FALSE(p.boost.empty());
}

TEST_CASE("words together in any half-space spelling", "[proximity][zwnj]") {
  const kavosh::Proximity p = of("رئیس جمهور");
  CHECK(index().ids(p.together) == std::vector<std::string>{"half-space", "spaced"});
  CHECK(p.remembered);
  CHECK_FALSE(p.unique);
}

TEST_CASE("words that never stand together are not a remembered text", "[proximity]") {
  const kavosh::Proximity p = of("شهر شورا");
  CHECK(index().ids(p.together).empty());
  CHECK_FALSE(p.remembered);
  CHECK_FALSE(p.unique);
  CHECK(p.boost.empty());
}

TEST_CASE("one word, a quoted phrase or excluded words have no proximity", "[proximity]") {
  CHECK(of("تهران").together.empty());
  CHECK(of("\"شورای شهر\"").together.empty());
  CHECK(of("-شورای -شهر").together.empty());
  SECTION("a quoted phrase cuts the runs of words around it") {
    CHECK(of("شورای \"مترو تهران\" شهر").together.empty());
  }
}
