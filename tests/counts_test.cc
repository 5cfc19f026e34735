// Exact result counts, the dated documents, and the sources nearest a name.
#include "searcher/src/counts.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

// One story as two agencies ran it word for word: near-duplicates.
constexpr const char* kStory =
    "نشست شورای شهر تهران درباره توسعه خطوط مترو و کاهش آلودگی هوا امروز برگزار شد. "
    "اعضای شورا گزارش شهرداری درباره پیشرفت خط ده مترو را بررسی کردند و خواستار "
    "تسریع در تکمیل ایستگاه‌های باقی‌مانده شدند. رئیس شورا گفت بودجه سال آینده "
    "باید "
    "بیشتر به حمل و نقل عمومی اختصاص یابد تا شهروندان کمتر از خودروی شخصی استفاده کنند. "
    "کارشناسان محیط زیست نیز بر لزوم گسترش ناوگان اتوبوس برقی در پایتخت تأکید کردند.";

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"ilna-1", "نشست شورای شهر", kStory, "ایلنا", "1404/09/21", ""},
      {"irna-1", "نشست شورای شهر", kStory, "ایرنا", "1404/09/21", ""},
      {"fars-1", "مترو", "خط جدید مترو افتتاح شد.", "خبرگزاری فارس", "", ""},
      {"hamshahri-1", "هوای تهران", "آلودگی هوا در تهران ادامه دارد.", "همشهری آنلاین", "", ""},
  });
  return tiny;
}

}  // namespace

TEST_CASE("a story two agencies ran word for word counts once when collapsed", "[counts]") {
  const Xapian::Query metro(kavosh::normalize("مترو"));
  CHECK(kavosh::count_results(index().db(), metro, false) == 3);
  CHECK(kavosh::count_results(index().db(), metro, true) == 2);
  CHECK(kavosh::count_results(index().db(), Xapian::Query(), true) == 0);
  CHECK(kavosh::count_results(index().db(), Xapian::Query(kavosh::normalize("زلزله")), true) == 0);
}

TEST_CASE("dated() matches the documents that have a date, and only them", "[counts][dates]") {
  CHECK(index().ids(kavosh::dated()) == std::vector<std::string>{"ilna-1", "irna-1"});
}

TEST_CASE("the sources nearest a misspelt name, closest first", "[counts][sources]") {
  SECTION("one letter off finds the agencies one letter off") {
    const std::vector<std::string> near = kavosh::nearest_sources(index().db(), "ایسنا");
    CHECK(near.size() == 2);
    CHECK(std::find(near.begin(), near.end(), kavosh::normalize("ایلنا")) != near.end());
    CHECK(std::find(near.begin(), near.end(), kavosh::normalize("ایرنا")) != near.end());
  }
  SECTION("part of a name finds the whole") {
    CHECK(kavosh::nearest_sources(index().db(), "همشهری") ==
          std::vector<std::string>{kavosh::normalize("همشهری آنلاین")});
    CHECK(kavosh::nearest_sources(index().db(), "فارس") ==
          std::vector<std::string>{kavosh::normalize("خبرگزاری فارس")});
  }
  SECTION("a name like none is left without suggestion") {
    CHECK(kavosh::nearest_sources(index().db(), "تسنیم‌نیوز‌امروز").empty());
  }
}
