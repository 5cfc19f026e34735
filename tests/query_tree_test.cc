// Queries that join their clauses with OR and AND.
#include "searcher/src/query_tree.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "searcher/src/query_parser.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"perspolis", "پرسپولیس", "پرسپولیس در ورزشگاه آزادی برد.", "", "", ""},
      {"esteghlal", "استقلال", "استقلال در تبریز باخت.", "", "", ""},
      {"derby", "دربی", "پرسپولیس و استقلال در دربی مساوی کردند.", "", "", ""},
      {"sepahan", "سپاهان", "سپاهان در اصفهان از تراکتور برد.", "", "", ""},
  });
  return tiny;
}

kavosh::BuiltQuery tree(std::string_view query) {
  const kavosh::ParsedQuery parsed = kavosh::parse_query(query);
  REQUIRE_FALSE(parsed.tree.empty());
  return kavosh::build_tree(parsed, index().db());
}

std::vector<std::string> ids(std::string_view query) { return index().ids(tree(query).first); }

}  // namespace

TEST_CASE("OR finds either word", "[query_tree]") {
  CHECK(ids("پرسپولیس OR سپاهان") == std::vector<std::string>{"derby", "perspolis", "sepahan"});
  const kavosh::BuiltQuery built = tree("پرسپولیس OR سپاهان");
  CHECK_FALSE(built.tiered);
  CHECK(built.terms.count(kavosh::normalize("سپاهان")) == 1);
}

TEST_CASE("AND finds both words", "[query_tree]") {
  CHECK(ids("پرسپولیس AND استقلال") == std::vector<std::string>{"derby"});
}

TEST_CASE("AND binds tighter than OR, and parentheses group", "[query_tree]") {
  CHECK(ids("سپاهان OR پرسپولیس AND استقلال") == std::vector<std::string>{"derby", "sepahan"});
  CHECK(ids("(سپاهان OR پرسپولیس) AND برد") == std::vector<std::string>{"perspolis", "sepahan"});
}

TEST_CASE("an excluded word leaves its group, and is not highlighted", "[query_tree]") {
  CHECK(ids("(پرسپولیس OR استقلال) AND -دربی") ==
        std::vector<std::string>{"esteghlal", "perspolis"});
  const kavosh::BuiltQuery built = tree("(پرسپولیس OR استقلال) AND -دربی");
  CHECK(built.terms.count(kavosh::normalize("دربی")) == 0);
}

TEST_CASE("a stopword in an AND group only adds to the score", "[query_tree][stopwords]") {
  // در, از and و are stopwords: documents without them still match.
  CHECK(ids("سپاهان AND در") == std::vector<std::string>{"sepahan"});
  CHECK(ids("تراکتور AND از") == std::vector<std::string>{"sepahan"});
  CHECK(ids("پرسپولیس AND و") == std::vector<std::string>{"derby", "perspolis"});
}
