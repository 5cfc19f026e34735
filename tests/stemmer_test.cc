#include "common/stemmer.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"

namespace {

struct Case {
  const char* word;
  const char* stem;
  const char* rule;
};

// Words are given as written; the stemmer sees them normalized.
const Case kStems[] = {
    {"کتاب‌ها", "کتاب", "plural ها (with half-space)"},
    {"کتابها", "کتاب", "plural ها (joined)"},
    {"کتاب‌های", "کتاب", "plural + ezafe های"},
    {"کتاب‌هایی", "کتاب", "plural + indefinite هایی"},
    {"کتاب‌هایشان", "کتاب", "plural + clitic هایشان"},
    {"خبرنگاران", "خبرنگار", "plural ان"},
    {"کودکان", "کودک", "plural ان"},
    {"دانشجویان", "دانشجو", "plural ان after a vowel drops the glide"},
    {"آقایان", "اقا", "plural ان after alef drops the glide"},
    {"نمایندگان", "نماینده", "plural گان restores heh"},
    {"انتخابات", "انتخاب", "Arabic plural ات"},
    {"اطلاعات", "اطلاع", "Arabic plural ات"},
    {"مسئولین", "مسول", "Arabic plural ین (hamza folded)"},
    {"معلمین", "معلم", "Arabic plural ین"},
    {"بزرگ‌ترین", "بزرگ", "superlative ترین"},
    {"بزرگتر", "بزرگ", "comparative تر"},
    {"بیشتر", "بیش", "comparative تر"},
    {"خانه‌ی", "خانه", "ezafe ی after heh"},
    {"ایرانی", "ایران", "nisba ی"},
    {"دولتی", "دولت", "nisba ی"},
    {"می‌روند", "رو", "present: می + stem + ند"},
    {"میروم", "رو", "present, joined: می + stem + م"},
    {"نمی‌شود", "شو", "negative present: نمی + stem + د"},
    {"می‌خواهم", "خواه", "present: می + stem + م"},
    {"می‌خواهند", "خواه", "present: same stem as the first person"},
    {"کردند", "کرد", "past stem + ند"},
    {"گفتند", "گفت", "past stem + ند"},
    {"رفتیم", "رفت", "past stem + یم"},
    {"رفتم", "رفت", "past stem + م"},
};

// Words a careless stemmer merges with unrelated ones: they must stay.
const Case kKept[] = {
    {"ایران", "ایران", "not a plural in ان (Lucene makes it ایر)"},
    {"تهران", "تهران", "not a plural in ان"},
    {"زمان", "زمان", "not a plural in ان"},
    {"انسان", "انسان", "not a plural in ان"},
    {"اصفهان", "اصفهان", "city, not a plural in ان"},
    {"آبادان", "ابادان", "city, not آباد + ان"},
    {"دوران", "دوران", "era, not دور + ان"},
    {"باران", "باران", "rain, not بار + ان"},
    {"آسمان", "اسمان", "sky, not اسم + ان"},
    {"کردستان", "کردستان", "place in ستان, not a plural"},
    {"داستان", "داستان", "story in ستان, not a plural"},
    {"تنها", "تنها", "alone, not تن + ها"},
    {"کتاب", "کتاب", "a base form stays"},
    {"کتابت", "کتابت", "writing, not کتاب + clitic ت"},
    {"مردم", "مردم", "people, not مرد + م"},
    {"خدمات", "خدمات", "services, not خدم + ات"},
    {"ساعات", "ساعات", "too short to be ساع + ات"},
    {"ادبیات", "ادبیات", "literature, not ادبی + ات"},
    {"دختر", "دختر", "girl, not دخ + تر"},
    {"دفتر", "دفتر", "office, not دف + تر"},
    {"فیلتر", "فیلتر", "filter, not فیل + تر"},
    {"کیلومتر", "کیلومتر", "kilometre, not کیلوم + تر"},
    {"میدان", "میدان", "square, not a verb"},
    {"میلیون", "میلیون", "million, not a verb"},
    {"بازی", "بازی", "game, not باز + ی"},
    {"جدید", "جدید", "new, not جد + ید"},
    {"شدید", "شدید", "severe, not شد + ید"},
    {"تولید", "تولید", "production: stem must end in a past-stem letter"},
    {"روند", "روند", "process, not رو + ند"},
    {"بلند", "بلند", "tall, not a verb"},
    {"ماشین", "ماشین", "car, not an Arabic plural"},
    {"OPEC", "opec", "Latin stays"},
    {"1404", "1404", "digits stay"},
};

}  // namespace

TEST_CASE("the stemmer removes Persian inflections", "[analysis][stemmer]") {
  for (const Case& c : kStems) {
    INFO(c.word << ": " << c.rule);
    CHECK(kavosh::stem(kavosh::normalize(c.word)) == c.stem);
  }
}

TEST_CASE("the stemmer leaves alone words that only look inflected", "[analysis][stemmer]") {
  for (const Case& c : kKept) {
    INFO(c.word << ": " << c.rule);
    CHECK(kavosh::stem(kavosh::normalize(c.word)) == kavosh::normalize(c.stem));
  }
}

TEST_CASE("singular and plural share a stem", "[analysis][stemmer]") {
  const auto same = [](const char* a, const char* b) {
    return kavosh::stem(kavosh::normalize(a)) == kavosh::stem(kavosh::normalize(b));
  };
  CHECK(same("خیابان", "خیابان‌ها"));
  CHECK(same("مسئول", "مسئولان"));
  CHECK(same("مسئول", "مسئولین"));
  CHECK(same("نماینده", "نمایندگان"));
  CHECK(same("همکاری", "همکاری‌های"));
  CHECK(!same("ایران", "ایر"));
  CHECK(!same("گروگان", "گروه"));
  CHECK(!same("تنها", "تن"));
}

TEST_CASE("a half-space settles how a compound is stemmed", "[analysis][stemmer][zwnj]") {
  using Parts = std::vector<std::string>;
  CHECK(kavosh::stem_parts(Parts{"خانه", "ای"}) == "خانه");
  CHECK(kavosh::stem_parts(Parts{"کتاب", "ها"}) == "کتاب");
  CHECK(kavosh::stem_parts(Parts{"همکاری", "های"}) == kavosh::stem("همکاری"));
  CHECK(kavosh::stem_parts(Parts{"می", "روند"}) == "رو");
  CHECK(kavosh::stem_parts(Parts{"نمی", "شود"}) == "شو");
  CHECK(kavosh::stem_parts(Parts{"رییس", "جمهور"}) == "رییسجمهور");
  CHECK(kavosh::stem_parts(Parts{"بین", "المللی"}) == kavosh::stem("بینالمللی"));
}
