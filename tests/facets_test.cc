// Facet counts over a whole matching set: by source, Jalali month and year.
#include "searcher/src/facets.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "searcher/src/query_builder.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"a", "قیمت نفت", "قیمت نفت برنت کاهش یافت.", "ایلنا", "1404/09/21", ""},
      {"b", "بازار نفت", "بازار نفت آرام ماند.", "ایلنا", "1404/09/02", ""},
      {"c", "صادرات نفت", "صادرات نفت افزایش یافت.", "ایرنا", "1404/08/15", ""},
      {"d", "نفت و گاز", "تولید نفت و گاز ادامه دارد.", "ایسنا", "1403/12/28", ""},
      {"e", "نفت", "گزارشی درباره نفت بدون تاریخ.", "ایلنا", "", ""},
      {"f", "فوتبال", "پرسپولیس برد.", "ورزش سه", "1404/09/21", ""},
  });
  return tiny;
}

std::vector<std::pair<std::string, std::uint64_t>> pairs(const std::vector<kavosh::FacetCount>& f) {
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (const kavosh::FacetCount& c : f) {
    out.emplace_back(c.value, c.count);
  }
  return out;
}

}  // namespace

TEST_CASE("facets count the matching articles by source, month and year", "[facets]") {
  const kavosh::Facets facets =
      kavosh::count_facets(index().db(), Xapian::Query(kavosh::normalize("نفت")));
  CHECK(facets.exact);
  // Most frequent source first; sources as the articles write them.
  CHECK(pairs(facets.sources) == std::vector<std::pair<std::string, std::uint64_t>>{
                                     {"ایلنا", 3}, {"ایرنا", 1}, {"ایسنا", 1}});
  // Jalali months and years, newest first.
  CHECK(pairs(facets.months) == std::vector<std::pair<std::string, std::uint64_t>>{
                                    {"1404/09", 2}, {"1404/08", 1}, {"1403/12", 1}});
  CHECK(pairs(facets.years) ==
        std::vector<std::pair<std::string, std::uint64_t>>{{"1404", 3}, {"1403", 1}});
  CHECK(facets.undated == 1);
}

TEST_CASE("facets of a query nothing matches are empty", "[facets]") {
  const kavosh::Facets facets =
      kavosh::count_facets(index().db(), Xapian::Query(kavosh::normalize("زلزله")));
  CHECK(facets.sources.empty());
  CHECK(facets.months.empty());
  CHECK(facets.years.empty());
  CHECK(facets.undated == 0);
}

TEST_CASE("facets of every document count the whole index", "[facets]") {
  const kavosh::Facets facets = kavosh::count_facets(index().db(), kavosh::match_all());
  std::uint64_t sources = 0;
  for (const kavosh::FacetCount& c : facets.sources) {
    sources += c.count;
  }
  CHECK(sources == 6);
  CHECK(facets.months.front().value == "1404/09");
  CHECK(facets.months.front().count == 3);
}

TEST_CASE("a source written in two spellings is one facet, as the source filter has it",
          "[facets]") {
  // FarsNews's name with an Arabic yeh in older articles, a Persian one in
  // newer: one agency.
  const TinyIndex tiny({
      {"old", "نفت", "قیمت نفت کاهش یافت.", "خبرگزاري فارس", "1390/06/06", ""},
      {"new-1", "نفت", "بازار نفت آرام ماند.", "خبرگزاری فارس", "1404/09/02", ""},
      {"new-2", "نفت", "صادرات نفت افزایش یافت.", "خبرگزاری فارس", "1404/08/15", ""},
      {"irna", "نفت", "تولید نفت ادامه دارد.", "ایرنا", "1404/08/15", ""},
  });
  const kavosh::Facets facets =
      kavosh::count_facets(tiny.db(), Xapian::Query(kavosh::normalize("نفت")));
  CHECK(pairs(facets.sources) ==
        std::vector<std::pair<std::string, std::uint64_t>>{{"خبرگزاری فارس", 3}, {"ایرنا", 1}});
}
