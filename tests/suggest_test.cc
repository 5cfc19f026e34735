// "Did you mean": corrections of a query from the index vocabulary.
#include "searcher/src/suggest.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"putin", "دیدار در مسکو",
       "رئیسجمهور روسیه با رئیسجمهور ایران در مسکو دیدار کرد و درباره انرژی گفت‌وگو "
       "شد.",
       "", "", ""},
      {"derby", "دربی", "پرسپولیس و استقلال در دربی پایتخت مساوی کردند.", "", "", ""},
      {"derby-2", "پرسپولیس", "هواداران پرسپولیس از نتیجه راضی نبودند.", "", "", ""},
  });
  return tiny;
}

std::string suggestion(std::string_view query) {
  return kavosh::suggest(kavosh::parse_query(query).clauses, index().db());
}

}  // namespace

TEST_CASE("a query of known words needs no correction", "[suggest]") {
  CHECK(suggestion("پرسپولیس استقلال").empty());
}

TEST_CASE("a typo with a confusable letter is corrected to the indexed word", "[suggest]") {
  // ص for س: half an edit.
  CHECK(suggestion("پرسپولیص") == kavosh::normalize("پرسپولیس"));
  CHECK(suggestion("استغلال دربی") ==
        kavosh::normalize("استقلال") + " " + kavosh::normalize("دربی"));
}

TEST_CASE("two words run together are split where the index has them side by side",
          "[suggest][zwnj]") {
  CHECK(suggestion("رئیسجمهورروسیه") ==
        kavosh::normalize("رئیسجمهور") + " " + kavosh::normalize("روسیه"));
}

TEST_CASE("a word typed apart is joined", "[suggest][zwnj]") {
  CHECK(suggestion("پرسپو لیس") == kavosh::normalize("پرسپولیس"));
}

TEST_CASE("excluded words are dropped and prefixes kept as they are", "[suggest]") {
  CHECK(suggestion("پرسپولیص -استقلال پرس*") ==
        kavosh::normalize("پرسپولیس") + " " + kavosh::normalize("پرس") + "*");
}

TEST_CASE("spelling distance counts a confusable Persian letter as half an edit",
          "[suggest][distance]") {
  CHECK(kavosh::spelling_distance(U"صلام", U"سلام") == 0.5);
  CHECK(kavosh::spelling_distance(U"ذرت", U"زرت") == 0.5);
  CHECK(kavosh::spelling_distance(U"کتاب", U"کتاب") == 0);
  CHECK(kavosh::spelling_distance(U"کتاب", U"کتب") == 1);
  CHECK(kavosh::spelling_distance(U"کتاب", U"کاتب") == 1);  // a swap of neighbours
  CHECK(kavosh::spelling_distance(U"مسکو", U"مشکو") == 1);
  CHECK(kavosh::spelling_distance(U"", U"تهران") == 5);
}
