// Finding one document by what results print of it, and reading it whole.
#include "searcher/src/article.h"

#include <catch2/catch.hpp>

#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

constexpr const char* kStory =
    "نشست شورای شهر تهران درباره توسعه خطوط مترو و کاهش آلودگی هوا امروز برگزار شد. "
    "اعضای شورا گزارش شهرداری درباره پیشرفت خط ده مترو را بررسی کردند و خواستار "
    "تسریع در تکمیل ایستگاه‌های باقی‌مانده شدند. رئیس شورا گفت بودجه سال آینده "
    "باید "
    "بیشتر به حمل و نقل عمومی اختصاص یابد تا شهروندان کمتر از خودروی شخصی استفاده کنند. "
    "کارشناسان محیط زیست نیز بر لزوم گسترش ناوگان اتوبوس برقی در پایتخت تأکید کردند.";

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"ilna-metro", "نشست شورای شهر", kStory, "ایلنا", "1404/09/21", ""},
      {"irna-metro", "نشست شورای شهر", kStory, "ایرنا", "1404/09/21", ""},
      {"", "قیمت نفت", "قیمت نفت برنت کاهش یافت.", "", "", ""},
  });
  return tiny;
}

}  // namespace

TEST_CASE("a document is found by its id, or by the place results print", "[article]") {
  const auto by_id = kavosh::locate_document(index().db(), "irna-metro");
  REQUIRE(by_id);
  CHECK(kavosh::read_article(index().db(), *by_id, "").hit.id == "irna-metro");
  // The third line of the corpus has no id: its place names it.
  const auto by_place = kavosh::locate_document(index().db(), "news.jsonl:3");
  REQUIRE(by_place);
  CHECK(kavosh::read_article(index().db(), *by_place, "").hit.title == "قیمت نفت");
  CHECK_FALSE(kavosh::locate_document(index().db(), "news.jsonl:9"));
  CHECK_FALSE(kavosh::locate_document(index().db(), "no-such-id"));
}

TEST_CASE("an article is read whole, its metadata as a hit shows it", "[article]") {
  const auto docid = kavosh::locate_document(index().db(), "ilna-metro");
  REQUIRE(docid);
  const kavosh::ArticleView article = kavosh::read_article(index().db(), *docid, "");
  CHECK(article.body == kStory);
  CHECK(article.hit.source == "ایلنا");
  CHECK(article.hit.date_jalali == "1404/09/21");
  CHECK(article.hit.date_gregorian == "2025-12-12");
  CHECK(article.hit.path == "news.jsonl");
  CHECK(article.hit.line == 1);
  CHECK(article.body_highlights.empty());
}

TEST_CASE("an article read for a query highlights the query's words", "[article]") {
  const auto docid = kavosh::locate_document(index().db(), "ilna-metro");
  REQUIRE(docid);
  const kavosh::ArticleView article = kavosh::read_article(index().db(), *docid, "مترو شورا");
  REQUIRE(article.body_highlights.size() >= 3);
  const kavosh::Range first = article.body_highlights.front();
  CHECK(article.body.substr(first.begin, first.end - first.begin) == "شورای");
  REQUIRE(article.hit.title_highlights.size() == 1);
}

TEST_CASE("an article lists the near-duplicates of its cluster", "[article][near_dup]") {
  const auto docid = kavosh::locate_document(index().db(), "ilna-metro");
  REQUIRE(docid);
  const kavosh::ArticleView article = kavosh::read_article(index().db(), *docid, "");
  REQUIRE(article.cluster.size() == 1);
  CHECK(article.cluster[0].id == "irna-metro");
  CHECK(article.hit.similar == 1);
}
