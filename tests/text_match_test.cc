#include "common/text_match.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock_time.h"
#include "common/text_fold.h"

namespace kavosh {
namespace {

TEST_CASE("folding writes digits in ASCII and Arabic letters in their Persian forms",
          "[text_fold]") {
  CHECK(fold("۲۱ آذر ۱۴۰۴", false).text == "21 آذر 1404");  // Persian digits
  CHECK(fold("٢١", false).text == "21");                    // Arabic-Indic digits
  CHECK(fold("علي", false).text == "علی");                  // Arabic yeh U+064A
  CHECK(fold("كتاب", false).text == "کتاب");                // Arabic kaf U+0643
  CHECK(fold("ربيع الأول", false).text == "ربیع الاول");    // alef with hamza above
  CHECK(fold("می\u200Cشود", false).text == "می\u200Cشود");  // ZWNJ kept
  CHECK(fold("مـحرم", false).text == "محرم");               // tatweel dropped
}

TEST_CASE("folded bytes lead back to the input's own bytes", "[text_fold]") {
  const std::string input = "به گزارش خبرگزاري فارس، ۲۱ آذر";
  const Folded folded = fold(input, /*keep_origin=*/true);
  REQUIRE(folded.begin.size() == folded.text.size());
  const std::size_t at = folded.text.find("21");
  REQUIRE(at != std::string::npos);
  CHECK(unfold(input, at, at + 2) == "۲۱");
  const std::size_t fars = folded.text.find("خبرگزاری");
  REQUIRE(fars != std::string::npos);
  CHECK(input.substr(folded.begin[fars], folded.end[fars + std::string("خبرگزاری").size() - 1] -
                                             folded.begin[fars]) == "خبرگزاري");
}

TEST_CASE("the matchers read words, gaps and numbers of folded text", "[text_match]") {
  const std::string_view t = "سه\u200Cشنبه 21 December";
  SECTION("a gap is spaces and half-spaces") {
    CHECK(skip_gap(t, std::string_view("سه").size()) == std::string_view("سه\u200C").size());
  }
  SECTION("a word matches only whole") {
    CHECK(match_word("شنبه", 0, "شنبه") == Pos(std::string_view("شنبه").size()));
    CHECK_FALSE(match_word("شنبهها", 0, "شنبه"));
    CHECK(match_word("DECEMBER 12", 0, "december") == Pos(8));
  }
  SECTION("a number is the run of digits at a place") {
    const std::size_t at = t.find("21");
    const Number n = read_number(t, at);
    CHECK(n.value == 21);
    CHECK(n.digits == 2);
    CHECK(n.end == at + 2);
  }
  SECTION("letters and half-spaces continue a word") {
    CHECK(is_word_char_at(t, 0));
    CHECK(is_word_char_before(t, std::string_view("سه").size()));
    CHECK_FALSE(is_word_char_at(t, t.find(' ')));
  }
}

TEST_CASE("a clock time after a date is read with its zone", "[clock_time]") {
  SECTION("a field that ends at the date is at midnight") {
    const auto clock = parse_time_suffix("1404/09/21", 10);
    REQUIRE(clock);
    CHECK(clock->seconds == 0);
    CHECK_FALSE(clock->offset_minutes);
  }
  SECTION("ISO 8601 with an offset") {
    const auto clock = parse_time_suffix("2025-12-12T08:30:00+03:30", 10);
    REQUIRE(clock);
    CHECK(clock->seconds == 8 * 3600 + 30 * 60);
    CHECK(clock->offset_minutes == 210);
  }
  SECTION("Persian news' own form") {
    const std::string field = "21 آذر 1404 ساعت 10:30";
    const auto clock = parse_time_suffix(field, field.find(" ساعت"));
    REQUIRE(clock);
    CHECK(clock->seconds == 10 * 3600 + 30 * 60);
  }
  SECTION("UTC by name or by Z") {
    CHECK(parse_time_suffix("2025-12-11 22:00 UTC", 10)->offset_minutes == 0);
    CHECK(parse_time_suffix("2025-12-11T22:00:00Z", 10)->offset_minutes == 0);
  }
  SECTION("anything else after the date is not a clock") {
    CHECK_FALSE(parse_time_suffix("1404/09/21 تهران", 10));
    CHECK_FALSE(parse_time_suffix("2025-12-12T25:00", 10));
    CHECK_FALSE(parse_time_suffix("2025-12-12T10:30+15:00", 10));
  }
}

}  // namespace
}  // namespace kavosh
