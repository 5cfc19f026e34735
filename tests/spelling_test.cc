// End-to-end: a document is found whichever spelling it and the query use.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

nlohmann::json search(const fs::path& index, const std::string& query) {
  // Matching is under test here: the four spellings of one story are also
  // near-duplicates, which results would otherwise collapse into one hit,
  // and a query that finds nothing stays as typed (--exact).
  const Run r = run({kSearchBin, "--index", index.string(), "--json", "--limit", "100",
                     "--no-collapse", "--exact", query});
  INFO(r.err);
  REQUIRE(r.status <= 1);
  return nlohmann::json::parse(r.out);
}

std::set<std::string> found(const fs::path& index, const std::string& query) {
  std::set<std::string> ids;
  const nlohmann::json results = search(index, query);
  for (const auto& hit : results["hits"]) {
    ids.insert(hit["id"].get<std::string>());
  }
  return ids;
}

std::vector<std::string> ranked(const fs::path& index, const std::string& query) {
  std::vector<std::string> ids;
  const nlohmann::json results = search(index, query);
  for (const auto& hit : results["hits"]) {
    ids.push_back(hit["id"].get<std::string>());
  }
  return ids;
}

// Writes `files` (name, text) into a corpus under `dir` and indexes it;
// returns the index.
fs::path index_files(const TempDir& dir,
                     const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [name, text] : files) {
    write_file(dir / "corpus" / name, text);
  }
  const fs::path index = dir / "index";
  REQUIRE(run({kIndexBin, (dir / "corpus").string(), "--index", index.string()}).status == 0);
  return index;
}

// The same short news item in four spellings of its half-space words.
struct Spellings {
  TempDir dir;
  fs::path index = dir / "index";
  Spellings() {
    const auto item = [](const std::string& president, const std::string& want,
                         const std::string& cooperations) {
      return "خبر\n" + president + " در نشست خبری گفت " + want + " " + cooperations +
             " تازه با همسایگان دنبال شود.\n";
    };
    write_file(dir / "corpus" / "zwnj.txt",
               item("رئیس\u200Cجمهور", "می\u200Cخواهم", "همکاری\u200Cهای"));
    write_file(dir / "corpus" / "joined.txt", item("رئیسجمهور", "میخواهم", "همکاریهای"));
    write_file(dir / "corpus" / "space.txt", item("رئیس جمهور", "می خواهم", "همکاری های"));
    // An older archive: Arabic yeh and kaf, and a no-break space as half-space.
    write_file(dir / "corpus" / "nbsp.txt",
               item("رئيس\u00A0جمهور", "مي\u00A0خواهم", "همكاري\u00A0هاي"));
    const Run r = run({kIndexBin, (dir / "corpus").string(), "--index", index.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
};

const std::set<std::string> kAll{"zwnj.txt", "joined.txt", "space.txt", "nbsp.txt"};

}  // namespace

TEST_CASE("every spelling of a half-space word finds every spelling in the documents",
          "[e2e][spelling][zwnj]") {
  const Spellings s;
  for (const std::string query :
       {"رئیس\u200Cجمهور", "رئیسجمهور", "رئیس جمهور", "رئيس جمهور", "رئيس\u00A0جمهور",
        "می\u200Cخواهم", "میخواهم", "می خواهم", "مي\u00A0خواهم", "همکاری\u200Cهای", "همکاریهای",
        "همکاری های", "همكاري هاي"}) {
    INFO(query);
    CHECK(found(s.index, query) == kAll);
  }
}

TEST_CASE("phrases match across half-space spellings", "[e2e][spelling][zwnj]") {
  const Spellings s;
  for (const std::string query :
       {"\"رئیس جمهور در نشست\"", "\"رئیسجمهور در نشست\"", "\"رئیس\u200Cجمهور در نشست\"",
        "«همکاری های تازه»", "«همکاریهای تازه»"}) {
    INFO(query);
    CHECK(found(s.index, query) == kAll);
  }
  CHECK(found(s.index, "\"نشست رئیس جمهور\"").empty());
}

TEST_CASE("documents in the spelling the reader typed rank above other spellings",
          "[e2e][spelling][zwnj]") {
  const Spellings s;
  const auto before = [](const std::vector<std::string>& order, const std::string& a,
                         const std::string& b) {
    const auto ia = std::find(order.begin(), order.end(), a);
    const auto ib = std::find(order.begin(), order.end(), b);
    return ia < ib;
  };
  const auto joined = ranked(s.index, "رئیسجمهور");
  CHECK(before(joined, "joined.txt", "space.txt"));
  const auto spaced = ranked(s.index, "رئیس جمهور");
  CHECK(before(spaced, "space.txt", "joined.txt"));
  const auto verb = ranked(s.index, "می خواهم");
  CHECK(before(verb, "space.txt", "joined.txt"));
}

TEST_CASE("the sample archive answers each spelling alike", "[e2e][spelling][corpus]") {
  TempDir dir;
  const fs::path index = dir / "index";
  REQUIRE(
      run({kIndexBin, (fs::path(KAVOSH_SOURCE_DIR) / "corpus").string(), "--index", index.string()})
          .status == 0);
  const auto three_ways = [&](const std::string& zwnj, const std::string& joined,
                              const std::string& spaced) {
    const auto a = found(index, zwnj);
    CHECK(a.size() >= 3);
    CHECK(found(index, joined) == a);
    CHECK(found(index, "\"" + spaced + "\"") == a);
    // Unquoted, the spaced words also find documents with only one of them.
    const auto loose = found(index, spaced);
    CHECK(std::includes(loose.begin(), loose.end(), a.begin(), a.end()));
  };
  three_ways("رئیس\u200Cجمهور", "رئیسجمهور", "رئیس جمهور");
  three_ways("همکاری\u200Cهای", "همکاریهای", "همکاری های");
  three_ways("بین\u200Cالمللی", "بینالمللی", "بین المللی");
  CHECK(found(index, "رییس") == found(index, "رئیس"));
  CHECK(found(index, "امریکا") == found(index, "آمریکا"));
  CHECK(found(index, "۱۴۰۴") == found(index, "1404"));
}

TEST_CASE("inflected forms find each other, the typed form first", "[e2e][spelling][stem]") {
  const TempDir dir;
  const fs::path index =
      index_files(dir, {{"plural.txt", "خبر\nنمایشگاه کتابهایی را به خوانندگان معرفی کرد.\n"},
                        {"singular.txt", "خبر\nنمایشگاه یک کتاب را به خوانندگان معرفی کرد.\n"},
                        {"other.txt", "خبر\nنمایشگاه خودرو در تهران برگزار شد.\n"}});
  CHECK(ranked(index, "کتاب") == std::vector<std::string>{"singular.txt", "plural.txt"});
  CHECK(ranked(index, "کتابهایی") == std::vector<std::string>{"plural.txt", "singular.txt"});
}

TEST_CASE("a word is not searched by a stem that is a function word", "[e2e][spelling][stem]") {
  // The light stemmer cuts "اینتر" (Inter, the club) as "این" + "تر"; "این"
  // ("this") is in nearly every document, and "این تر" is no spelling of it.
  const TempDir dir;
  const fs::path index = index_files(dir, {{"inter.txt", "ورزش\nباشگاه اینتر در میلان برد.\n"},
                                           {"this.txt", "خبر\nاین خبر از تهران است.\n"},
                                           {"fresh.txt", "بازار\nمیوه این تر و تازه است.\n"}});
  CHECK(found(index, "اینتر") == std::set<std::string>{"inter.txt"});
  CHECK(found(index, "باشگاه اینتر") == std::set<std::string>{"inter.txt"});
}

TEST_CASE("a particle typed without its space finds the words apart", "[e2e][spelling][zwnj]") {
  const TempDir dir;
  const fs::path index =
      index_files(dir, {{"tehran.txt", "خبر\nجلسه شورا در تهران برگزار شد.\n"},
                        {"talks.txt", "خبر\nوزیر از مذاکرات گفت و نتیجه را اعلام کرد.\n"},
                        {"cure.txt", "سلامت\nدرمان بیماری با دارو ممکن است.\n"},
                        {"market.txt", "اقتصاد\nبازار سکه آرام بود.\n"}});
  // "در"، "از" run into the next word, "را" into the previous one.
  CHECK(found(index, "درتهران") == std::set<std::string>{"tehran.txt"});
  CHECK(found(index, "ازمذاکرات") == std::set<std::string>{"talks.txt"});
  CHECK(found(index, "نتیجهرا") == std::set<std::string>{"talks.txt"});
  // Words the index knows are not cut: "درمان" is no "در مان", "بازار" no
  // "با زار".
  CHECK(found(index, "درمان") == std::set<std::string>{"cure.txt"});
  CHECK(found(index, "بازار") == std::set<std::string>{"market.txt"});
}

TEST_CASE("a verb typed as spoken or in the subjunctive finds its written forms",
          "[e2e][spelling][stem]") {
  const TempDir dir;
  const fs::path index = index_files(dir, {{"eat.txt", "سلامت\nما هر روز صبحانه میخوریم.\n"},
                                           {"take.txt", "ورزش\nتیم جایزه را میگیرد.\n"},
                                           {"do.txt", "خبر\nکارگران کار میکنند.\n"},
                                           {"country.txt", "خبر\nاین کشور بزرگ است.\n"},
                                           {"market.txt", "اقتصاد\nبازار سکه آرام بود.\n"}});
  CHECK(found(index, "بخوریم") == std::set<std::string>{"eat.txt"});   // subjunctive
  CHECK(found(index, "نخوریم") == std::set<std::string>{"eat.txt"});   // negative
  CHECK(found(index, "میگیره") == std::set<std::string>{"take.txt"});  // spoken ending
  CHECK(found(index, "میکنن") == std::set<std::string>{"do.txt"});
  CHECK(found(index, "کشورمان") == std::set<std::string>{"country.txt"});  // clitic
  // A word the index knows is its own: "بازار" is no subjunctive.
  CHECK(found(index, "بازار") == std::set<std::string>{"market.txt"});
  // And a spoken form whose written form is not indexed finds nothing.
  CHECK(found(index, "بنویسیم").empty());
}

TEST_CASE("a query of stopwords only still finds documents", "[e2e][spelling][stopwords]") {
  const TempDir dir;
  const fs::path index = index_files(dir, {{"a.txt", "خبر\nاین کتاب از آن اوست.\n"}});
  CHECK(found(index, "از این") == std::set<std::string>{"a.txt"});
}

TEST_CASE("a misspelled or split word gets a suggestion", "[e2e][suggest]") {
  const Spellings s;
  const auto suggestion = [&](const std::string& q) {
    return search(s.index, q)["suggestion"].get<std::string>();
  };
  CHECK(suggestion("همسایگن") == "همسایگان");
  CHECK(suggestion("تازهبا") == "تازه با");
  CHECK(suggestion("همسایگان").empty());
  const Run r =
      run({kSearchBin, "--index", s.index.string(), "--color=never", "--exact", "همسایگن"});
  CHECK(r.out.find("did you mean: همسایگان") != std::string::npos);
}
