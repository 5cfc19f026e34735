// The filters of a search (dates, sources, fields), and what they leave out.
#include "searcher/src/filters.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "kavosh/error.h"
#include "searcher/src/query_builder.h"
#include "searcher/src/query_parser.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"fars-azar", "قیمت نفت", "قیمت نفت کاهش یافت.", "خبرگزاری فارس", "1404/09/21", ""},
      {"ilna-aban", "نفت", "صادرات نفت افزایش یافت.", "ایلنا", "1404/08/10", ""},
      {"ilna-undated", "نفت", "گزارشی از بازار نفت.", "ایلنا", "", ""},
      {"varzesh", "فوتبال", "پرسپولیس برد.", "ورزش سه", "1404/09/20", "ورزشی/فوتبال"},
  });
  return tiny;
}

const Xapian::Query kOil(kavosh::normalize("نفت"));

std::vector<std::string> labels(const std::vector<kavosh::Filter>& filters) {
  std::vector<std::string> out;
  for (const kavosh::Filter& f : filters) {
    out.push_back(f.label);
  }
  return out;
}

}  // namespace

TEST_CASE("a source filter finds an agency with or without the word خبرگزاری", "[filters]") {
  kavosh::SearchOptions options;
  options.sources = {"فارس"};
  const auto filters = kavosh::filters_of(kavosh::parse_query("نفت"), options);
  CHECK(labels(filters) == std::vector<std::string>{"--source فارس"});
  CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(filters))) ==
        std::vector<std::string>{"fars-azar"});
  SECTION("and source: in the query, labelled as written") {
    const auto in_query = kavosh::filters_of(kavosh::parse_query("نفت source:ایلنا"), {});
    CHECK(labels(in_query) == std::vector<std::string>{"source:ایلنا"});
    CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(in_query))) ==
          std::vector<std::string>{"ilna-aban", "ilna-undated"});
  }
}

TEST_CASE("date filters keep the period, and leave the undated out", "[filters][dates]") {
  kavosh::SearchOptions options;
  options.date_from = "1404/09";
  const auto filters = kavosh::filters_of(kavosh::parse_query("نفت"), options);
  REQUIRE(filters.size() == 1);
  CHECK(filters[0].by_date);
  CHECK(filters[0].label == "--from 1404/09");
  CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(filters))) ==
        std::vector<std::string>{"fars-azar"});
  SECTION("all_of without dates is every document") {
    CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(filters, false))).size() == 3);
  }
  SECTION("count_undated says how many undated matches the period left out") {
    kavosh::Results results;
    kavosh::count_undated(index().db(), kOil, filters, options, results);
    CHECK(results.undated_left_out == 1);
  }
  SECTION("date: in the query") {
    const auto in_query = kavosh::filters_of(kavosh::parse_query("نفت date:1404/08"), {});
    CHECK(labels(in_query) == std::vector<std::string>{"date:1404/08"});
    CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(in_query))) ==
          std::vector<std::string>{"ilna-aban"});
  }
  SECTION("a bad date is a bad query") {
    kavosh::SearchOptions bad;
    bad.date_to = "دیروز";
    CHECK_THROWS_AS(kavosh::filters_of(kavosh::parse_query("نفت"), bad), kavosh::Error);
  }
}

TEST_CASE("category: finds a category by its parent", "[filters][fields]") {
  const kavosh::ParsedQuery parsed = kavosh::parse_query("category:ورزشی");
  const Xapian::Query filter = kavosh::filter_query(parsed, {});
  CHECK(index().ids(kavosh::filtered(kavosh::match_all(), filter)) ==
        std::vector<std::string>{"varzesh"});
}

TEST_CASE("no filter is every document, and leaves a query as it is", "[filters]") {
  const auto none = kavosh::filters_of(kavosh::parse_query("نفت"), {});
  CHECK(none.empty());
  CHECK(index().ids(kavosh::filtered(kOil, kavosh::all_of(none))).size() == 3);
}

TEST_CASE("a search the filters emptied says which filter, and the sources near a misspelt one",
          "[filters][empty]") {
  kavosh::SearchOptions options;
  options.sources = {"ایرنا"};  // not in the index; ایلنا is one letter off
  const auto filters = kavosh::filters_of(kavosh::parse_query("نفت"), options);
  REQUIRE(index().ids(kavosh::filtered(kOil, kavosh::all_of(filters))).empty());
  kavosh::Results results;
  kavosh::explain_empty(index().db(), kOil, filters, kavosh::source_names({}, options), results);
  CHECK(results.emptied_by == std::vector<std::string>{"--source ایرنا"});
  CHECK(results.nearest_sources == std::vector<std::string>{kavosh::normalize("ایلنا")});
}
