#include "common/normalizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/features.h"
#include "common/stopwords.h"

namespace {

struct Case {
  const char* input;
  const char* expected;
  const char* rule;
};

// One row per rule of PERSIAN.md, on real words.
const Case kCases[] = {
    {"كتاب", "کتاب", "Arabic kaf U+0643 becomes Persian kaf"},
    {"كرمانشاه", "کرمانشاه", "Arabic kaf in a city name"},
    {"ايران", "ایران", "Arabic yeh U+064A becomes Persian yeh"},
    {"رئيس", "رییس", "Arabic yeh; the hamza seat folds too"},
    {"مصطفى", "مصطفی", "alef maksura U+0649 becomes Persian yeh"},
    {"موسى", "موسی", "alef maksura at a word end"},
    {"خانۀ", "خانه", "heh with yeh above U+06C0 becomes heh"},
    {"خانهٔ", "خانه", "heh + hamza above U+0654 becomes heh"},
    {"مدرسة", "مدرسه", "teh marbuta U+0629 becomes heh"},
    {"أحمد", "احمد", "alef with hamza above"},
    {"إسلام", "اسلام", "alef with hamza below"},
    {"آمریکا", "امریکا", "alef with madda becomes alef"},
    {"ا\u0653مریکا", "امریکا", "alef + combining madda composes, then becomes alef"},
    {"ٱلله", "الله", "alef wasla"},
    {"مؤسسه", "موسسه", "waw with hamza becomes waw"},
    {"قطعاً", "قطعا", "fathatan removed"},
    {"مُدیر", "مدیر", "damma removed"},
    {"محمّد", "محمد", "shadda removed"},
    {"رحمٰن", "رحمن", "superscript alef U+0670 removed"},
    {"ایـــران", "ایران", "tatweel U+0640 removed"},
    {"\uFEE3\uFEA4\uFEE4\uFEAA", "محمد", "Arabic presentation forms folded by NFKC"},
    {"۱۴۰۴", "1404", "Persian digits"},
    {"٢٠٢٥", "2025", "Arabic-Indic digits"},
    {"۱٬۲۳۴٫۵", "1234.5", "Arabic thousands and decimal separators"},
    {"رئیس\u200Cجمهور", "رییسجمهور", "ZWNJ removed, so the joined form matches"},
    {"می\u200C\u200Cشود", "میشود", "doubled ZWNJ removed"},
    {"کتاب\u200C", "کتاب", "stray ZWNJ at a word end removed"},
    {"ایران\u200F", "ایران", "RLM U+200F removed"},
    {"\u200Eتهران", "تهران", "LRM U+200E removed"},
    {"خبر\u061C", "خبر", "Arabic letter mark U+061C removed"},
    {"به\u200Dروز", "بهروز", "ZWJ U+200D removed"},
    {"\uFEFFخبر", "خبر", "BOM U+FEFF removed"},
    {"اطلا\u00ADعات", "اطلاعات", "soft hyphen removed"},
    {"OPEC", "opec", "Latin case-folded"},
    {"iPhone", "iphone", "mixed-case Latin"},
    {"ＢＲＩＣＳ", "brics", "full-width Latin folded by NFKC"},
    {"covid", "covid", "lower-case ASCII unchanged"},
    {"1,234", "1234", "ASCII thousands separator inside a number"},
    {"رئیس", "رییس", "hamza seat: yeh with hamza is yeh"},
    {"رییس", "رییس", "hamza seat: the plain spelling"},
    {"هیئت", "هیات", "hamza seat: after yeh it reads as alef"},
    {"هیأت", "هیات", "hamza seat: alef with hamza"},
    {"هیات", "هیات", "hamza seat: the plain spelling"},
    {"مسئول", "مسول", "hamza seat: yeh-hamza before waw drops"},
    {"مسؤول", "مسول", "hamza seat: waw-hamza, then the doubled waw"},
    {"مسوول", "مسول", "hamza seat: doubled waw"},
    {"سئوال", "سوال", "hamza seat: yeh-hamza before waw"},
    {"سؤال", "سوال", "hamza seat: waw-hamza"},
    {"پائیز", "پاییز", "hamza seat: yeh-hamza after alef"},
    {"جزئی", "جزیی", "hamza seat: yeh-hamza after a consonant"},
    {"تأثیر", "تاثیر", "alef with hamza in the middle of a word"},
    {"داوود", "داود", "doubled waw in a name"},
    {"اطاق", "اتاق", "old spelling of room"},
    {"طهران", "تهران", "old spelling of Tehran"},
    {"بلیط", "بلیت", "old spelling of ticket"},
};

}  // namespace

TEST_CASE("the normalizer applies every Persian rule to real words", "[analysis][normalizer]") {
  for (const Case& c : kCases) {
    INFO(c.rule);
    CHECK(kavosh::normalize(c.input) == c.expected);
  }
}

TEST_CASE("normalizing twice changes nothing", "[analysis][normalizer]") {
  for (const Case& c : kCases) {
    INFO(c.rule);
    const std::string once = kavosh::normalize(c.input);
    CHECK(kavosh::normalize(once) == once);
  }
}

TEST_CASE("a dropped separator between two marks leaves them in canonical order",
          "[analysis][normalizer]") {
  // U+06E8 (class 230), the Arabic thousands separator, U+06EA (class 220):
  // found by fuzz_analyzer. Without the separator the marks must be
  // reordered, or normalizing twice gives a different term.
  const std::string once = kavosh::normalize("\u06E8\u066C\u06EA");
  CHECK(once == "\u06EA\u06E8");
  CHECK(kavosh::normalize(once) == once);
  CHECK(kavosh::normalize("۱٬۲۳۴") == "1234");
}

TEST_CASE("ill-formed UTF-8 becomes a replacement character, not a crash",
          "[analysis][normalizer]") {
  CHECK(kavosh::normalize("\xD8") == "\xEF\xBF\xBD");
  CHECK(kavosh::normalize("کت\xC0\xAFاب") == "کت\xEF\xBF\xBD\xEF\xBF\xBDاب");
}

TEST_CASE("a word of plain Persian letters is its own normal form, old spellings aside",
          "[analysis][normalizer]") {
  // Words of these letters skip ICU; each is what the full path gives.
  for (const char* word : {"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", "کتابخانه", "پژوهشگاه", "آ", "ء",
                           "مسئول", "طاووس", "هیئت"}) {
    INFO(word);
    const std::string once = kavosh::normalize(word);
    CHECK(kavosh::normalize(once) == once);
  }
  CHECK(kavosh::normalize("کتابخانه") == "کتابخانه");
  CHECK(kavosh::normalize("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") ==
        "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی");
  CHECK(kavosh::normalize("طهران") == "تهران");  // its new spelling, as before
  CHECK(kavosh::normalize("طاووس") == "طاوس");   // a doubled waw still folds
  CHECK(kavosh::normalize("مسئول") == "مسول");   // and a yeh with hamza
}

TEST_CASE("words that differ stay different", "[analysis][normalizer]") {
  CHECK(kavosh::normalize("صد") != kavosh::normalize("سد"));
  CHECK(kavosh::normalize("خوار") != kavosh::normalize("خار"));
  CHECK(kavosh::normalize("کتاب") != kavosh::normalize("کتابت"));
  CHECK(kavosh::normalize("غذا") != kavosh::normalize("قضا"));
  CHECK(kavosh::normalize("اساس") != kavosh::normalize("اثاث"));
  CHECK(kavosh::normalize("طاق") != kavosh::normalize("تاق"));
}

TEST_CASE("an ablation is a value: it holds only where a FeaturesScope sets it",
          "[analysis][features]") {
  std::vector<std::string> unknown;
  const kavosh::Features off = kavosh::ablate("letters,stopwords,nosuch", {}, &unknown);
  CHECK(!off.letters);
  CHECK(!off.stopwords);
  CHECK(off.stem);
  CHECK(unknown == std::vector<std::string>{"nosuch"});
  CHECK(kavosh::ablated_names(off) == "letters,stopwords");
  CHECK(kavosh::ablate(kavosh::ablated_names(off)) == off);
  CHECK(kavosh::ablated_names({}).empty());

  SECTION("normalize() follows the scope, and is itself again after it") {
    CHECK(kavosh::normalize("ايران") == "ایران");
    {
      const kavosh::FeaturesScope scope(off);
      CHECK(kavosh::normalize("ايران") == "ايران");
    }
    CHECK(kavosh::normalize("ايران") == "ایران");
  }
  SECTION("the index side comes from the index, the rest from the query") {
    const kavosh::Features f = kavosh::with_index_side(kavosh::ablate("stem,tiers"), off);
    CHECK(!f.letters);   // the index's
    CHECK(f.stem);       // the index has stems
    CHECK(!f.tiers);     // the query's
    CHECK(f.stopwords);  // the query's
  }
  SECTION("stopwords are normalized under the scope's letters") {
    CHECK(kavosh::is_stopword("ولی"));
    const kavosh::FeaturesScope scope(off);
    CHECK(kavosh::is_stopword("ولی"));
  }
}
