// The query syntax of kavosh-search, read by parse_query() directly.
#include "searcher/src/query_parser.h"

#include <catch2/catch.hpp>

#include "common/date_range.h"
#include "common/normalizer.h"
#include "common/schema.h"
#include "kavosh/error.h"

namespace {

using kavosh::Error;
using kavosh::parse_query;
using kavosh::ParsedQuery;
using kavosh::QueryNode;

std::string term_of(const ParsedQuery& parsed, std::size_t clause, std::size_t token = 0) {
  return parsed.clauses.at(clause).tokens.at(token).term;
}

Error::Code code_of(std::string_view query) {
  try {
    (void)parse_query(query);
  } catch (const Error& e) {
    return e.code();
  }
  FAIL("no error for " << query);
  return Error::kIo;
}

}  // namespace

TEST_CASE("a query's words become one clause each, normalized", "[query_parser]") {
  const ParsedQuery parsed = parse_query("پزشكيان  پوتين");
  REQUIRE(parsed.clauses.size() == 2);
  // Arabic kaf and yeh as a reader's keyboard may type them, Persian in the clause.
  CHECK(term_of(parsed, 0) == "پزشکیان");
  CHECK(term_of(parsed, 1) == "پوتین");
  CHECK(parsed.tree.empty());
  CHECK(parsed.has_words());
}

TEST_CASE("a word ending in * is a prefix of one token", "[query_parser][prefix]") {
  const ParsedQuery parsed = parse_query("پرسپول* استقلال");
  REQUIRE(parsed.clauses.size() == 2);
  CHECK(parsed.clauses[0].prefix);
  REQUIRE(parsed.clauses[0].tokens.size() == 1);
  CHECK(term_of(parsed, 0) == "پرسپول");
  CHECK_FALSE(parsed.clauses[1].prefix);
  SECTION("a star inside quotes is only punctuation") {
    CHECK_FALSE(parse_query("\"پرسپول*\"").clauses.at(0).prefix);
  }
}

TEST_CASE("quotes and guillemets make a phrase, a minus excludes", "[query_parser]") {
  const ParsedQuery parsed = parse_query("«آلودگی هوا» -مترو \"شورای شهر\"");
  REQUIRE(parsed.clauses.size() == 3);
  CHECK(parsed.clauses[0].tokens.size() == 2);
  CHECK(term_of(parsed, 0, 1) == "هوا");
  CHECK(parsed.clauses[1].excluded);
  CHECK(term_of(parsed, 1) == "مترو");
  CHECK(parsed.clauses[2].tokens.size() == 2);
  SECTION("an unclosed quote runs to the end") {
    CHECK(parse_query("\"نشست شورای شهر").clauses.at(0).tokens.size() == 3);
  }
  SECTION("a query of exclusions alone asks for a word") {
    const ParsedQuery only = parse_query("-مترو");
    CHECK_FALSE(only.has_words());
    CHECK_THROWS_AS(only.require_words_or(false), Error);
    CHECK_NOTHROW(only.require_words_or(true));
  }
}

TEST_CASE("a hyphenated word is matched as a phrase of its parts", "[query_parser]") {
  const ParsedQuery parsed = parse_query("تهران-مسکو");
  REQUIRE(parsed.clauses.size() == 1);
  CHECK(parsed.clauses[0].tokens.size() == 2);
  CHECK_FALSE(parsed.clauses[0].excluded);
}

TEST_CASE("a half-space word keeps its parts", "[query_parser][zwnj]") {
  const ParsedQuery parsed = parse_query("رئیس\u200Cجمهور");
  REQUIRE(parsed.clauses.size() == 1);
  REQUIRE(parsed.clauses[0].tokens.size() == 1);
  CHECK(parsed.clauses[0].tokens[0].parts.size() == 2);
}

TEST_CASE("title:, source:, date: and the metadata fields", "[query_parser][fields]") {
  const ParsedQuery parsed = parse_query(
      "title:\"لیگ برتر\" source:ایلنا date:1404/09..1404/10 category:ورزشی author:رضایی");
  REQUIRE(parsed.clauses.size() == 1);
  CHECK(parsed.clauses[0].title_only);
  CHECK(parsed.clauses[0].tokens.size() == 2);
  CHECK(parsed.sources == std::vector<std::string>{"ایلنا"});
  REQUIRE(parsed.dates.size() == 1);
  CHECK(parsed.dates[0].first == kavosh::parse_date_range("1404/09")->first);
  CHECK(parsed.dates[0].last == kavosh::parse_date_range("1404/10")->last);
  CHECK(parsed.date_fields == std::vector<std::string>{"date:1404/09..1404/10"});
  REQUIRE(parsed.fields.size() == 2);
  CHECK(parsed.fields[0].prefix == kavosh::schema::kCategoryPrefix);
  CHECK(parsed.fields[0].value == "ورزشی");
  CHECK(parsed.fields[1].prefix == kavosh::schema::kAuthorPrefix);
  SECTION("a query of filters alone is a query") {
    const ParsedQuery filters = parse_query("source:ایلنا");
    CHECK_FALSE(filters.has_words());
    CHECK_NOTHROW(filters.require_words_or(false));
  }
}

TEST_CASE("OR and AND make a tree, AND binding tighter", "[query_parser][tree]") {
  const ParsedQuery parsed = parse_query("پرسپولیس OR استقلال AND سپاهان");
  REQUIRE(parsed.clauses.size() == 3);
  REQUIRE(parsed.tree.size() == 1);
  const QueryNode& root = parsed.tree[0];
  CHECK(root.kind == QueryNode::Kind::kOr);
  REQUIRE(root.children.size() == 2);
  CHECK(root.children[0].kind == QueryNode::Kind::kClause);
  CHECK(root.children[1].kind == QueryNode::Kind::kAnd);
  SECTION("parentheses group") {
    const ParsedQuery grouped = parse_query("(پرسپولیس OR استقلال) AND سپاهان");
    REQUIRE(grouped.tree.size() == 1);
    CHECK(grouped.tree[0].kind == QueryNode::Kind::kAnd);
  }
  SECTION("without an operator, parentheses are punctuation and there is no tree") {
    const ParsedQuery plain = parse_query("(پرسپولیس) استقلال");
    CHECK(plain.tree.empty());
    CHECK(term_of(plain, 0) == "پرسپولیس");
  }
}

TEST_CASE("a query that cannot be run says where, with kBadQuery", "[query_parser][errors]") {
  CHECK(code_of("weather:باران") == Error::kBadQuery);
  CHECK(code_of("date:فردا") == Error::kBadQuery);
  CHECK(code_of("date:1404/10..1404/09") == Error::kBadQuery);
  CHECK(code_of("source:") == Error::kBadQuery);
  CHECK(code_of("پرسپولیس OR") == Error::kBadQuery);
  CHECK(code_of("پرسپولیس OR استقلال)") == Error::kBadQuery);
  try {
    (void)parse_query("تهران \xFF");
    FAIL("invalid UTF-8 parsed");
  } catch (const Error& e) {
    CHECK(e.location().byte == std::string_view("تهران ").size());
  }
  SECTION("an unknown field lists the valid ones") {
    try {
      (void)parse_query("weather:باران");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("title"));
      CHECK_THAT(e.what(), Catch::Contains("source"));
    }
  }
}

TEST_CASE("only the first kMaxQueryWords words are searched", "[query_parser]") {
  std::string query;
  for (std::size_t i = 0; i < kavosh::kMaxQueryWords + 50; ++i) {
    query += "تهران ";
  }
  std::size_t words = 0;
  for (const auto& clause : parse_query(query).clauses) {
    words += clause.tokens.size();
  }
  CHECK(words == kavosh::kMaxQueryWords);
}

TEST_CASE("parse_period reads --from and --to as whole periods", "[query_parser][dates]") {
  const kavosh::DayRange range = kavosh::parse_period("1404/09", "1404/09", "options");
  CHECK(range.first == kavosh::parse_date_range("1404/09/01")->first);
  CHECK(range.last == kavosh::parse_date_range("1404/09/30")->last);
  const kavosh::DayRange open = kavosh::parse_period("", "2025-12-12", "options");
  CHECK(open.first < kavosh::parse_date_range("1300")->first);
  CHECK_THROWS_AS(kavosh::parse_period("دیروز", "", "options"), Error);
}
