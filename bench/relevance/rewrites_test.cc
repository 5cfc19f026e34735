#include "bench/relevance/rewrites.h"

#include <catch2/catch.hpp>

namespace kavosh::bench {

TEST_CASE("half-spaces are dropped or typed as spaces", "[rewrites][zwnj]") {
  CHECK(remove_zwnj("رئیس‌جمهور می‌رود") == "رئیسجمهور میرود");
  CHECK(zwnj_to_space("رئیس‌جمهور می‌رود") == "رئیس جمهور می رود");
  CHECK(remove_zwnj("تهران") == "تهران");
}

TEST_CASE("yeh and kaf are swapped between the Persian and Arabic letters", "[rewrites]") {
  SECTION("a modern query comes out in Arabic letters") {
    CHECK(swap_yeh_kaf("کتاب ایرانی") == "كتاب ايراني");
  }
  SECTION("a Hamshahri query comes out in Persian letters") {
    CHECK(swap_yeh_kaf("برگزيدگان جشنواره فيلم فجر") == "برگزیدگان جشنواره فیلم فجر");
  }
}

TEST_CASE("digits are written as Persian digits", "[rewrites]") {
  CHECK(persian_digits("21 آذر 1404") == "۲۱ آذر ۱۴۰۴");
  CHECK(persian_digits("٢٠ سال") == "۲۰ سال");  // Arabic-Indic
}

TEST_CASE("diacritics go after every third letter and as tanwin on a final alef", "[rewrites]") {
  CHECK(add_diacritics("قطعا") == "قطع\u064Eا\u064B");
  CHECK(add_diacritics("ایران") == "ایر\u064Eان");
  CHECK(add_diacritics("بم") == "بم");
  SECTION("the count starts again in each word") {
    CHECK(add_diacritics("شهر بم") == "شهر\u064E بم");
  }
}

TEST_CASE("a space at a common affix becomes a half-space or goes", "[rewrites][zwnj]") {
  SECTION("before a suffix, in Arabic letters as Hamshahri writes it") {
    CHECK(affix_space_to_zwnj("علل مرگ و مير نهنگ ها") == "علل مرگ و مير نهنگ\u200Cها");
    CHECK(join_affixes("علل مرگ و مير نهنگ ها") == "علل مرگ و مير نهنگها");
    CHECK(affix_space_to_zwnj("بزرگ ترين شهرهاي ايران") == "بزرگ\u200Cترين شهرهاي ايران");
  }
  SECTION("after a prefix") {
    CHECK(affix_space_to_zwnj("چه مي شود") == "چه مي\u200Cشود");
    CHECK(join_affixes("نمی دانم") == "نمیدانم");
  }
  SECTION("other spaces stay") {
    CHECK(affix_space_to_zwnj("بازسازي شهر زلزله زده بم") == "بازسازي شهر زلزله زده بم");
    CHECK(affix_space_to_zwnj("ها و می") == "ها و می");
    CHECK(join_affixes("نهنگ  ها") == "نهنگ  ها");  // two spaces: not a half-space
  }
}

TEST_CASE("invalid UTF-8 becomes a replacement character", "[rewrites]") {
  CHECK(remove_zwnj("a\xFF"
                    "b") == "a\uFFFDb");
}

}  // namespace kavosh::bench
