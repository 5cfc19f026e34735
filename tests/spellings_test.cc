// The spellings of query words that the index vocabulary knows: joined,
// split, and a known word left whole.
#include "searcher/src/spellings.h"

#include <catch2/catch.hpp>

#include "common/tokenizer.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;
using Spelling = kavosh::Spellings::Spelling;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"irna-1", "سفر رئیس‌جمهور به نیویورک",
       "رئیس‌جمهور امروز برای شرکت در مجمع عمومی سازمان ملل از تهران عازم نیویورک "
       "شد.",
       "ایرنا", "1404/06/30", ""},
      {"isna-1", "درمان بیماران در تهران",
       "وزیر بهداشت گفت هزینه درمان بیماران خاص در بیمارستان‌های تهران کاهش می‌یابد "
       "و "
       "خانواده‌مان نگران نیستند.",
       "ایسنا", "1404/07/02", ""},
  });
  return tiny;
}

// The one token of `word`.
kavosh::Token token(std::string_view word) {
  const std::vector<kavosh::Token> tokens = kavosh::tokenize(word);
  REQUIRE(tokens.size() == 1);
  return tokens.front();
}

}  // namespace

TEST_CASE("a compound typed apart is found joined when the index has it", "[spellings][zwnj]") {
  const kavosh::Spellings spellings(index().db());
  const std::vector<kavosh::Token> typed = kavosh::tokenize("رئیس جمهور");
  REQUIRE(typed.size() == 2);
  const std::string joined = token("رئیس\u200Cجمهور").term;
  REQUIRE(spellings.exists(joined));
  CHECK(spellings.joined(typed[0], typed[1]) == joined);
  SECTION("and a phrase of the two words is searched joined too") {
    const std::vector<Spelling> phrase = spellings.phrase_spellings(typed);
    CHECK(phrase.front() == Spelling{typed[0].term, typed[1].term});
    CHECK(std::find(phrase.begin(), phrase.end(), Spelling{joined}) != phrase.end());
  }
  SECTION("but not two words the index never has joined") {
    const std::vector<kavosh::Token> apart = kavosh::tokenize("سازمان ملل");
    REQUIRE(apart.size() == 2);
    CHECK(spellings.joined(apart[0], apart[1]).empty());
  }
}

TEST_CASE("a word typed joined to its particle is read apart", "[spellings]") {
  const kavosh::Spellings spellings(index().db());
  const kavosh::Token typed = token("درتهران");
  REQUIRE_FALSE(spellings.exists(typed.term));
  const Spelling apart{token("در").term, token("تهران").term};
  CHECK(spellings.splits(typed.term).front() == apart);
  CHECK(spellings.variants(typed).front() == apart);
}

TEST_CASE("a word the index knows is never read as a particle and a word", "[spellings]") {
  const kavosh::Spellings spellings(index().db());
  const kavosh::Token known = token("درمان");
  // Both halves are words of the index, "مان" as a part of "خانواده‌مان".
  REQUIRE(spellings.exists(known.term));
  REQUIRE(spellings.exists(token("در").term));
  REQUIRE(spellings.exists(token("مان").term));
  CHECK(spellings.splits(known.term).empty());
  CHECK(spellings.variants(known).empty());
}
