#include "indexer/article_text.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "indexer/article_json.h"
#include "indexer/file_kind.h"

namespace kavosh {
namespace {

TEST_CASE("the blanks archives pad text with are trimmed", "[article_text]") {
  CHECK(trim("  رئیس‌جمهور  ") == "رئیس‌جمهور");
  CHECK(trim("\u00A0ایلنا\u200F") == "ایلنا");        // no-break space, right-to-left mark
  CHECK(trim("\uFEFF\u200Cتهران\u2029") == "تهران");  // BOM, ZWNJ, paragraph separator
  CHECK(is_blank(" \t\u200B\u3000\r\n"));
  CHECK_FALSE(is_blank(" ۱ "));
  SECTION("a half-space inside a word stays") { CHECK(trim("می\u200Cشود") == "می\u200Cشود"); }
}

TEST_CASE("a text article's first line is its title and the rest its body", "[article_text]") {
  Article article;
  split_text(
      "\n  دیدار پزشکیان و پوتین  \n\n به گزارش ایلنا، دو رئیس‌جمهور "
      "دیدار "
      "کردند.\n\n",
      article);
  CHECK(article.title == "دیدار پزشکیان و پوتین");
  CHECK(article.body ==
        " به گزارش ایلنا، دو رئیس‌جمهور دیدار کردند.");
  SECTION("a one-line article is its own body") {
    Article one;
    split_text("زلزله در راور\n", one);
    CHECK(one.title == "زلزله در راور");
    CHECK(one.body == "زلزله در راور");
  }
}

TEST_CASE("a JSON article takes its fields and says why it is none", "[article_json]") {
  Article article;
  const auto reason = parse_json_article(
      R"({"id": 1404092101, "title": "دیدار در عشق‌آباد", "body": "به گزارش ایلنا ...",
          "tags": ["سیاست", 7, "روسیه"], "source": "ایلنا"})",
      0, article);
  CHECK_FALSE(reason);
  CHECK(article.id == "1404092101");
  CHECK(article.title == "دیدار در عشق‌آباد");
  CHECK(article.source == "ایلنا");
  CHECK(article.tags == std::vector<std::string>{"سیاست", "روسیه"});
  SECTION("reasons") {
    Article a;
    CHECK(parse_json_article(R"(["خبر"])", 0, a) == "not a JSON object");
    CHECK(parse_json_article(R"({"title": "خبر"})", 0, a) == "no body");
    CHECK(parse_json_article(R"({"body": 12})", 0, a) == "body is not a string");
    CHECK(parse_json_article(R"({"body": " \u200c "})", 0, a) == "empty article");
    CHECK(parse_json_article(R"({"body": "خبر")", 0, a) == "broken JSON");
    CHECK(parse_json_article(std::string(600, '['), 0, a) == "JSON nested too deeply");
    CHECK(parse_json_article("{\"body\": \"\xFF\"}", 100, a) == "invalid UTF-8 at byte 110");
  }
}

TEST_CASE("an article file's kind is read from its name", "[file_kind]") {
  CHECK(file_kind("1404-09-21-pezeshkian-putin.txt")->format == ArticleFormat::kText);
  CHECK(file_kind("docs.JSONL")->format == ArticleFormat::kJsonLines);
  const auto gz = file_kind("varzesh-archive.jsonl.gz");
  REQUIRE(gz);
  CHECK(gz->format == ArticleFormat::kJsonLines);
  CHECK(gz->gzip);
  CHECK(file_kind("konkur.json")->format == ArticleFormat::kJson);
  CHECK_FALSE(file_kind("EXPECTED.tsv"));
  CHECK_FALSE(file_kind(".txt"));
  CHECK_FALSE(file_kind("notes.gz"));
}

}  // namespace
}  // namespace kavosh
