// End-to-end: unquoted words that stand together in an article, as a
// reader remembers them, rank that article first, in every spelling.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/news_generator.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

// Indexes `files` (name, title line then body) written under `dir`.
fs::path index_files(const TempDir& dir,
                     const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [name, text] : files) {
    write_file(dir / "corpus" / name, text);
  }
  const fs::path index = dir / "index";
  const Run r = run({kIndexBin, (dir / "corpus").string(), "--index", index.string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return index;
}

// The ids kavosh-search lists for `query`, best first.
std::vector<std::string> ranked(const fs::path& index, const std::string& query) {
  const Run r = run({kSearchBin, "--index", index.string(), "--json", "--no-collapse", query});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const nlohmann::json results = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& hit : results["hits"]) {
    ids.push_back(hit["id"].get<std::string>());
  }
  return ids;
}

// The same, with one ranking rule switched off as KAVOSH_ABLATE does.
std::vector<std::string> ranked_without(const std::string& rule, const fs::path& index,
                                        const std::string& query) {
  setenv("KAVOSH_ABLATE", rule.c_str(), 1);
  std::vector<std::string> ids = ranked(index, query);
  unsetenv("KAVOSH_ABLATE");
  return ids;
}

// Stories about the presidential election, parliamentary elections and
// other things, where "انتخابات", "ریاست" and "جمهوری" are frequent but
// apart.
std::vector<std::pair<std::string, std::string>> election_stories() {
  return {
      {"presidential.txt",
       "انتخابات ریاست جمهوری سیزدهم در سراسر کشور برگزار شد\n"
       "مردم از صبح جمعه در صف‌های طولانی رای دادند و ستاد کشور ساعت رای‌گیری "
       "را "
       "تا "
       "نیمه‌شب "
       "تمدید کرد. نتیجه شمارش آرا فردا اعلام می‌شود و نامزدها منتظر "
       "اعلام "
       "نتایج "
       "هستند.\n"},
      {"parliament-tehran.txt",
       "انتخابات مجلس در جمهوری اسلامی و ریاست هیئت نظارت بر انتخابات\n"
       "انتخابات مجلس شورای اسلامی در حوزه تهران با حضور نامزدهای جمهوری‌خواه "
       "و "
       "اصولگرا "
       "برگزار "
       "شد. ریاست هیئت نظارت بر انتخابات گفت انتخابات سالم بود و انتخابات مجلس در جمهوری اسلامی "
       "همیشه پرشور است. ریاست ستاد انتخابات استان نیز از مردم تشکر کرد.\n"},
      {"parliament-isfahan.txt",
       "ریاست ستاد انتخابات اصفهان: انتخابات مجلس پرشور بود\n"
       "ریاست ستاد انتخابات استان اصفهان اعلام کرد انتخابات مجلس در این استان با مشارکت بالا "
       "برگزار شد. نماینده جمهوری اسلامی در استان و ریاست شورای شهر در انتخابات شرکت کردند.\n"},
      {"university.txt",
       "ریاست دانشگاه و انتخابات شورای صنفی\n"
       "ریاست دانشگاه تهران از برگزاری انتخابات شورای صنفی دانشجویان خبر داد. معاون ریاست "
       "دانشگاه گفت انتخابات با حضور دانشجویان جمهوری آذربایجان و ایران برگزار "
       "می‌شود.\n"},
  };
}

}  // namespace

TEST_CASE("an article with the typed words together in its title ranks above scattered words",
          "[e2e][ranking][proximity]") {
  const TempDir dir;
  const fs::path index = index_files(dir, election_stories());
  const std::string query = "انتخابات ریاست جمهوری";
  const std::vector<std::string> ids = ranked(index, query);
  REQUIRE_FALSE(ids.empty());
  CHECK(ids.front() == "presidential.txt");
  SECTION("the unquoted query still finds the articles where the words are apart") {
    CHECK(ids.size() == 4);
  }
  SECTION("the quoted phrase finds only the article that holds it") {
    CHECK(ranked(index, "\"" + query + "\"") == std::vector<std::string>{"presidential.txt"});
  }
  SECTION("the words' frequencies alone rank a parliamentary story first") {
    CHECK(ranked_without("proximity", index, query).front() != "presidential.txt");
  }
}

TEST_CASE("a person's full name ranks the article that names them above the two words apart",
          "[e2e][ranking][proximity]") {
  const TempDir dir;
  const fs::path index = index_files(
      dir,
      {{"rouhani-mashhad.txt",
        "سفر استانی دولت\n"
        "حسن روحانی رئیس دولت روز پنجشنبه به مشهد سفر کرد و در جمع مردم خراسان درباره "
        "طرح‌های "
        "عمرانی سخن گفت.\n"},
       {"clerics.txt",
        "همایش روحانیون در مشهد\n"
        "همایش روحانی و مبلغان دینی در مشهد برگزار شد. یک روحانی جوان به نام حسن از شهر قم سخنرانی "
        "کرد و روحانی دیگری از مشهد درباره تبلیغ گفت. روحانی سوم نیز از مشهد آمده بود.\n"},
       {"wrestling.txt",
        "حسن یزدانی در مشهد تمرین کرد\n"
        "حسن یزدانی کشتی‌گیر تیم ملی در اردوی مشهد تمرین کرد. مربی تیم گفت حسن "
        "آماده "
        "است "
        "و "
        "یک روحانی کاروان را در مشهد بدرقه کرد.\n"}});
  const std::string query = "حسن روحانی";
  const std::vector<std::string> ids = ranked(index, query);
  REQUIRE(ids.size() == 3);
  CHECK(ids.front() == "rouhani-mashhad.txt");
  CHECK(ranked_without("proximity", index, query).front() != "rouhani-mashhad.txt");
}

TEST_CASE(
    "a remembered fragment finds its article in every spelling of its letters and half-spaces",
    "[e2e][ranking][proximity][spelling]") {
  const TempDir dir;
  const fs::path index = index_files(
      dir, {{"remembered.txt",
             "گزارش اقتصادی هفته\n"
             "وزیر اقتصاد گفت همکاری‌های اقتصادی ایران و چین "
             "در "
             "سال آینده گسترش "
             "می‌یابد و بازار "
             "کالا آرام‌تر خواهد شد.\n"},
            {"scattered.txt",
             "شریک اقتصادی ایران\n"
             "چین بزرگ‌ترین شریک اقتصادی ایران است. "
             "همکاری‌های "
             "بانکی و "
             "همکاری‌های نفتی ایران با چین "
             "ادامه دارد و کارشناسان اقتصادی ایران از چین و "
             "همکاری‌های تازه "
             "گفتند.\n"},
            {"trade.txt",
             "تجارت ایران با همسایگان\n"
             "همکاری‌های تجاری ایران با ترکیه و چین در بخش "
             "اقتصادی افزایش یافت و "
             "همکاری‌های گمرکی ایران "
             "نیز بیشتر شد.\n"}});
  for (const std::string query : {
           "همکاری\u200Cهای اقتصادی ایران و چین",  // as the article writes it
           "همکاری های اقتصادی ایران و چین",       // half-space typed as a space
           "همکاریهای اقتصادی ایران و چین",        // half-space left out
           "همكاري\u200Cهاي اقتصادي ايران و چين",  // Arabic yeh and kaf
       }) {
    INFO(query);
    const std::vector<std::string> ids = ranked(index, query);
    REQUIRE_FALSE(ids.empty());
    CHECK(ids.front() == "remembered.txt");
  }
}

TEST_CASE("three rare names that one article holds together rank it above articles that repeat two",
          "[e2e][ranking][names]") {
  // A reader remembers "Berlin, Thailand, Hamburg" from a health story; two
  // football reports repeat Berlin and Hamburg. The three words are not
  // adjacent anywhere, so proximity does not tell; each is in at most 5 %
  // of the 65 articles, so they are names, not topic words.
  const TempDir dir;
  kavosh::test::write_generated_news(dir / "corpus", "gen", 60);
  const fs::path index = index_files(
      dir, {{"health.txt",
             "سایه روشن دانش\n"
             "پزشکان در برلین اعلام کردند بیماری دو زن که از سفر تایلند بازگشته بودند و اکنون در "
             "بیمارستانی در هامبورگ بستری هستند هنوز تأیید نشده است. پژوهشگران دانشگاه "
             "می‌گویند آزمایش‌های تازه نشان می‌دهد ویروس در هوای سرد زودتر پخش "
             "می‌شود "
             "و "
             "سازمان بهداشت از مسافران خواسته است پیش از سفر واکسن بزنند و در فرودگاه "
             "دستورهای پزشکی را رعایت کنند تا بیماری به شهرهای دیگر نرسد.\n"},
            {"travel-1.txt",
             "سفر به تایلند\n"
             "تایلند مقصد گردشگران است. سفر به تایلند ارزان است و تایلند ساحل زیبا دارد.\n"},
            {"travel-2.txt",
             "تایلند و گردشگری\n"
             "گردشگران تایلند را دوست دارند. تایلند در زمستان گرم است و تایلند شلوغ "
             "می‌شود.\n"},
            {"football-1.txt",
             "هامبورگ برلین را برد\n"
             "هامبورگ در برلین بازی کرد. هامبورگ دو گل زد و برلین یک گل. هواداران هامبورگ و "
             "برلین تا پایان بازی در ورزشگاه ماندند و هامبورگ صدرنشین شد.\n"},
            {"football-2.txt",
             "برلین در هامبورگ مساوی کرد\n"
             "تیم برلین در هامبورگ مساوی کرد. مربی برلین گفت هامبورگ تیم خوبی است و برلین باید "
             "در بازی بعد بهتر باشد؛ هامبورگ هفته آینده به برلین "
             "می‌رود.\n"}});
  const std::string query = "برلین تایلند هامبورگ";
  const std::vector<std::string> ids = ranked(index, query);
  REQUIRE(ids.size() == 5);
  CHECK(ids.front() == "health.txt");
  // The names are in the article as typed, too: the typed-form tier alone
  // finds it as well; without both, BM25 ranks the football first.
  CHECK(ranked_without("rare_tiers", index, query).front() == "health.txt");
  CHECK(ranked_without("rare_tiers,typed_tier", index, query).front() != "health.txt");
  SECTION("a topic word among them leaves the order to the words' frequencies") {
    // "تهران" is in every generated article: not a name.
    CHECK(ranked_without("rare_tiers", index, "برلین تهران هامبورگ") ==
          ranked(index, "برلین تهران هامبورگ"));
  }
}

TEST_CASE("rare words as the reader typed them rank the one article that has them first",
          "[e2e][ranking][names]") {
  // A reader remembers "دبیرستانی" and "شنیدیم" from a long memoir. Two
  // short school reports repeat "دبیرستانی" and hold the other word only in
  // another form ("شنیدند", one stem with "شنیدیم"), so every word is in
  // all three and BM25 ranks the reports first; as typed, only the memoir
  // holds both, as a plain engine would find it. Each word is in at most
  // 5 % of the 65 articles: names of a thing, not topic words.
  const TempDir dir;
  kavosh::test::write_generated_news(dir / "corpus", "gen", 60);
  std::string filler;
  for (int k = 0; k < 12; ++k) {
    filler +=
        "مردم شهر در روزهای گرم تابستان به پارک‌ها می‌رفتند و کودکان بازی "
        "می‌کردند. ";
  }
  const fs::path index =
      index_files(dir, {{"memoir.txt", "خاطره یک معلم\n" + filler +
                                           "سال‌ها پیش در یک مدرسه دبیرستانی کوچک درس "
                                           "می‌دادم. " +
                                           filler +
                                           "یک روز از شاگردان خبری شنیدیم که همه را شگفت‌زده "
                                           "کرد. " +
                                           filler + "\n"},
                        {"school-1.txt",
                         "اردوی دبیرستانی\n"
                         "اردوی دبیرستانی برگزار شد. دانش‌آموزان دبیرستانی خبر را شنیدند و "
                         "معلمان "
                         "دبیرستانی هم شنیدند؛ خانواده‌های دبیرستانی نیز "
                         "شنیدند.\n"},
                        {"school-2.txt",
                         "مسابقه دبیرستانی\n"
                         "مسابقه دبیرستانی در شهر برگزار شد. تیم‌های دبیرستانی نتیجه را شنیدند "
                         "و "
                         "تماشاگران دبیرستانی صدای سوت را شنیدند.\n"},
                        {"market-1.txt",
                         "بازار میوه\nدیروز از همسایه‌ها خبر تازه‌ای شنیدیم درباره "
                         "بازار.\n"},
                        {"market-2.txt",
                         "قیمت‌ها\nاز فروشنده‌ها شنیدیم که قیمت میوه پایین آمده "
                         "است.\n"}});
  const std::string query = "دبیرستانی شنیدیم";
  const std::vector<std::string> ids = ranked(index, query);
  REQUIRE(ids.size() >= 3);
  CHECK(ids.front() == "memoir.txt");
  CHECK(ranked_without("typed_tier", index, query).front() != "memoir.txt");
  SECTION("a topic word among them leaves the order alone") {
    // "تهران" is in every generated article: not a name.
    CHECK(ranked_without("typed_tier", index, "دبیرستانی تهران") ==
          ranked(index, "دبیرستانی تهران"));
  }
}

TEST_CASE("a half-space typed as a direction mark or soft hyphen is found by each part",
          "[e2e][ranking][zwnj]") {
  // FarsNews writes "حجت‌الاسلام" with a left-to-right mark for its
  // half-space, Varzesh3 "بازی‌های" with one, "سال‌های" with a soft hyphen.
  const TempDir dir;
  const fs::path index =
      index_files(dir, {{"lrm.txt",
                         "مراسم گرگان\nحجت\u200Eالاسلام سلیمانی‌فر در گرگان "
                         "سخن "
                         "گفت.\n"},
                        {"rlm.txt", "جام جهانی\nبازی\u200Fهای جام جهانی در قطر برگزار شد.\n"},
                        {"shy.txt", "بودجه\nسال\u00ADهای آینده بودجه کمتری دارند.\n"}});
  CHECK(ranked(index, "حجت گرگان") == std::vector<std::string>{"lrm.txt"});
  CHECK(ranked(index, "حجت‌الاسلام") == std::vector<std::string>{"lrm.txt"});
  CHECK(ranked(index, "جام بازی") == std::vector<std::string>{"rlm.txt"});
  CHECK(ranked(index, "سال آینده") == std::vector<std::string>{"shy.txt"});
}
