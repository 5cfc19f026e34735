// End-to-end: the category, tags and author of an article's JSON are
// searchable as fields and come back in kavosh-search --json (issue 15).
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

// Three sports reports and one on politics, as FarsNews and Varzesh3 give
// them: tags a list or a single string, one article with an author.
const fs::path& field_index() {
  static TempDir dir;
  static const bool built = [] {
    const nlohmann::json articles[] = {
        {{"id", "derby"},
         {"title", "استقلال و پرسپولیس در دربی مساوی کردند"},
         {"body", "دربی پایتخت با تساوی بدون گل به پایان رسید."},
         {"category", "sports/football-iran"},
         {"tags", {"استقلال", "پرسپولیس", "لیگ برتر"}},
         {"author", "علی رضایی"}},
        {{"id", "zob"},
         {"title", "ذوب‌آهن سرمربی تازه خود را معرفی کرد"},
         // Arabic yeh and kaf, as older FarsNews items write them.
         {"body", "باشگاه ذوب‌آهن سرمربی تازه را معرفی کرد."},
         {"category", "sports/football-iran"},
         {"tags", "ليگ برتر"}},
        {{"id", "kesht"},
         {"title",
          "کشتی‌گیران ایران به مسابقات جهانی اعزام شدند"},
         {"body", "تیم ملی کشتی آزاد راهی مسابقات جهانی شد."},
         {"category", "sports/wrestling"},
         {"tags", {"کشتی آزاد"}}},
        {{"id", "majlis"},
         {"title", "مجلس بودجه سال آینده را تصویب کرد"},
         {"body", "نمایندگان مجلس کلیات لایحه بودجه را تصویب کردند."},
         {"category", "politics/parliament"},
         {"tags", nlohmann::json::array()}},
    };
    std::string lines;
    for (const nlohmann::json& article : articles) {
      lines += article.dump() + "\n";
    }
    write_file(dir / "corpus" / "farsnews.jsonl", lines);
    const Run r = run({kIndexBin, (dir / "corpus").string(), "--index", (dir / "index").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

Run search(const std::string& query) {
  return run({kSearchBin, "--index", field_index().string(), "--json", "--no-collapse", query});
}

std::set<std::string> ids(const std::string& query) {
  const Run r = search(query);
  INFO(query << ": " << r.err);
  REQUIRE(r.status <= 1);
  const nlohmann::json results = nlohmann::json::parse(r.out);
  std::set<std::string> out;
  for (const auto& hit : results["hits"]) {
    out.insert(hit["id"].get<std::string>());
  }
  return out;
}

using Ids = std::set<std::string>;

}  // namespace

TEST_CASE("category: finds a category and everything under it", "[e2e][fields]") {
  CHECK(ids("category:sports/football-iran") == Ids{"derby", "zob"});
  CHECK(ids("category:sports") == Ids{"derby", "zob", "kesht"});
  CHECK(ids("category:politics تصویب") == Ids{"majlis"});
  CHECK(ids("category:sport").empty());
}

TEST_CASE("tags: finds a tag whether the article lists it or gives it alone", "[e2e][fields]") {
  SECTION("a tag of several words, quoted, in every spelling of yeh") {
    CHECK(ids("tags:\"لیگ برتر\"") == Ids{"derby", "zob"});
    CHECK(ids("tags:\"ليگ برتر\"") == Ids{"derby", "zob"});
  }
  SECTION("one tag of a list") { CHECK(ids("tags:پرسپولیس") == Ids{"derby"}); }
  SECTION("two values of one field are alternatives, two fields narrow") {
    CHECK(ids("tags:پرسپولیس tags:\"کشتی آزاد\"") == Ids{"derby", "kesht"});
    CHECK(ids("tags:\"لیگ برتر\" category:sports/wrestling").empty());
  }
}

TEST_CASE("author: finds the articles of a writer", "[e2e][fields]") {
  CHECK(ids("author:\"علی رضایی\"") == Ids{"derby"});
  CHECK(ids("author:\"علي رضايي\"") == Ids{"derby"});
}

TEST_CASE("each hit of --json carries its category, tags and author", "[e2e][fields]") {
  const Run r = search("دربی");
  REQUIRE(r.status == 0);
  const auto hit = nlohmann::json::parse(r.out)["hits"][0];
  CHECK(hit["category"] == "sports/football-iran");
  CHECK(hit["tags"] == nlohmann::json({"استقلال", "پرسپولیس", "لیگ برتر"}));
  CHECK(hit["author"] == "علی رضایی");
  SECTION("a single tag string is a list of one") {
    const auto zob = nlohmann::json::parse(search("ذوب‌آهن").out)["hits"][0];
    CHECK(zob["tags"] == nlohmann::json({"ليگ برتر"}));
    CHECK(zob["author"] == "");
  }
}

TEST_CASE("a field without a value is a one-line error naming it", "[e2e][fields][errors]") {
  const Run r = search("tags:");
  CHECK(r.status == 2);
  CHECK(r.err.find("tags:") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  SECTION("and an unknown field lists the new ones") {
    const Run unknown = search("categ:sports");
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("category:, tags:, author:") != std::string::npos);
  }
}

TEST_CASE("an article shown whole prints its category, tags and author, in text and JSON",
          "[e2e][fields][show]") {
  const Run text = run({kSearchBin, "--index", field_index().string(), "--show", "derby"});
  INFO(text.err);
  REQUIRE(text.status == 0);
  CHECK(text.out.find("category: sports/football-iran") != std::string::npos);
  CHECK(text.out.find("tags:   استقلال, پرسپولیس, لیگ برتر") != std::string::npos);
  CHECK(text.out.find("author: علی رضایی") != std::string::npos);
  const Run json =
      run({kSearchBin, "--index", field_index().string(), "--show", "derby", "--json"});
  REQUIRE(json.status == 0);
  const nlohmann::json article = nlohmann::json::parse(json.out);
  CHECK(article["category"] == "sports/football-iran");
  CHECK(article["tags"] == nlohmann::json({"استقلال", "پرسپولیس", "لیگ برتر"}));
  CHECK(article["author"] == "علی رضایی");
}
