#include "indexer/article_source.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace kavosh {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("the agency is read from the attribution formula", "[source]") {
  struct Case {
    std::string_view text;
    std::string_view source;
  };
  const Case cases[] = {
      {"به گزارش ایلنا، مسعود پزشکیان در حاشیه اجلاس", "ایلنا"},
      {"به گزارش خبرگزاری فارس از آبادان، شاید جدی\u200Cترین انتقاد", "خبرگزاری فارس"},
      {"به گزارش خبرگزاری فارس از کرج به نقل از ستاد اطلاع\u200Cرسانی فرماندهی نیروی انتظامی، "
       "سرهنگ",
       "خبرگزاری فارس"},
      {"به گزارش فارس به نقل از روزنامه المصری الیوم، عبدالله الاشعل", "فارس"},
      {"به گزارش خبرنگار اقتصادي خبرگزاري فارس، نرخ", "خبرگزاري فارس"},  // kept as written
      {"به گزارش گروه«حماسه و مقاومت» خبرگزاری فارس،  شهید محمود کاوه", "خبرگزاری فارس"},
      {"به گزارش “ورزش سه”، پدیده", "ورزش سه"},
      {"به گزارش ورزش سه و به نقل از سایت فدراسیون، تیم", "ورزش سه"},
      {"به گزارش خبرنگار اجتماعی فارس؛ حسین انواری در حاشیه", "خبرنگار اجتماعی فارس"},
      {"به گزارش خبرگزاری صدا و سیما، رئیس\u200Cجمهور", "خبرگزاری صدا و سیما"},
      {"به گزارش باشگاه خبرنگاران جوان، امروز", "باشگاه خبرنگاران جوان"},
      {"به گزارش خبرگزاري «مهر»، وزير", "خبرگزاري «مهر»"},
      {"به\u00A0گزارش ايرنا، رئيس جمهور", "ايرنا"},       // Hamshahri's no-break space
      {"به\u200Cگزارش ایسنا، رئیس\u200Cجمهور", "ایسنا"},  // ZWNJ
      // A stray RLM before the comma.
      {"به گزارش ایسنا\u200F، رئیس\u200Cجمهور", "ایسنا"},
      // The end of the text ends the name too.
      {"به گزارش تسنیم", "تسنیم"},
      // A sentence up to the comma: only the agency's name is safe to take.
      {"به گزارش خبرگزاری فارس پس از نشست کادر فنی پرسپولیس تصمیم گرفته شد که این تیم در تعطیلات "
       "به اردو برود",
       "خبرگزاری فارس"},
      {"به گزارش خبرنگار سياسي خبرگزاري فارس برات قنبري كه صبح امروز در هشتمين همايش فصلي خانه "
       "احزاب سخن می\u200Cگفت، اظهار داشت",
       "خبرگزاري فارس"},
      // Only the first formula counts.
      {"به گزارش ایسنا، وزیر گفت. به گزارش ایرنا، رئیس", "ایسنا"},
      // The seed article.
      {"رئیسجمهور در دیدار همتای روس خود گفت.\nبه گزارش ایلنا، مسعود پزشکیان", "ایلنا"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::optional<std::string> source = find_source(c.text);
    CHECK(source.value_or("none") == c.source);
  }
  SECTION("with no comma for a whole paragraph") {
    std::string text = "به گزارش خبرگزاری فارس";
    for (int i = 0; i < 30; ++i) {
      text += " تیم ملی امروز در اردو ماند";
    }
    CHECK(find_source(text).value_or("none") == "خبرگزاری فارس");
  }
}

TEST_CASE("words that only look like the formula name no source", "[source]") {
  const std::string_view texts[] = {
      "",
      "خبرگزاری فارس: رئیس تربیت\u200Cبدنی آبادان گفت",
      "به گزارش\u200Cهای رسیده از شهرستان\u200Cها رسیدگی می\u200Cشود",
      "به گزارشگر صداوسیما گفت",
      "به گزارشات و شکایات مردمی در سطح این شهرستان",
      "به گزارش ايرنا حميدرضا آصفي گفت: آمريكا نتوانسته",  // a sentence, no comma
      "به گزارش ، ",
  };
  for (const std::string_view text : texts) {
    INFO(text);
    CHECK_FALSE(find_source(text));
  }
}

TEST_CASE("the seed article is attributed to ILNA", "[source][seed]") {
  const std::string text =
      read_file(KAVOSH_SOURCE_DIR "/corpus/ilna/1404-09-21-pezeshkian-putin.txt");
  REQUIRE_FALSE(text.empty());
  CHECK(find_source(text).value_or("none") == "ایلنا");
}

TEST_CASE("hostile input never crashes the source finder", "[source][robust]") {
  const std::string inputs[] = {
      "\xff\xfe\xfd",
      "\xe2\x80",  // truncated ZWNJ
      std::string("به گزارش \0 ایلنا،", sizeof "به گزارش \0 ایلنا،" - 1),
      "به گزارش " + std::string(10000, 'x'),
      "به گزارش \xff\xfe، ",
      "به گزارش \xd8",  // truncated two-byte sequence at the end
  };
  for (const std::string& input : inputs) {
    CHECK_NOTHROW(find_source(input));
  }
}

}  // namespace
}  // namespace kavosh
