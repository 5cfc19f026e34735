#include "indexer/corpus_reader.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/corpora.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using kavosh::Article;
using kavosh::CorpusFile;
using kavosh::ReadResult;

namespace {

// ILNA, 21 Azar 1404: the seed article's headline and first paragraphs.
constexpr std::string_view kIlnaTitle = "دیدار روسای جمهور ایران و روسیه؛";
constexpr std::string_view kIlnaLead =
    "پزشکیان: مصمم هستیم توافق جامع ایران و روسیه را اجرایی و عملیاتی کنیم/ پوتین: امضای "
    "توافق جامع، نقطه عطفی در روابط دوجانبه بود";
constexpr std::string_view kIlnaParagraph =
    "به گزارش ایلنا، مسعود پزشکیان در حاشیه اجلاس بینالمللی صلح و اعتماد در ترکمنستان، بعد از "
    "ظهر امروز جمعه 21 آذر 1404، در دیدار با آقای «ولادیمیر پوتین» رئیسجمهور روسیه، با ابراز "
    "خرسندی از سطح بسیار خوب و رو به گسترش روابط تهران-مسکو، از حمایتهای روسیه از جمهوری اسلامی "
    "ایران در مجامع بینالمللی قدردانی کرد.";

// FarsNews and Varzesh3 lines, as the shared corpora store them.
constexpr std::string_view kFarsLine =
    R"({"id": "fars-13900607000136", "title": "صبا و پرسپولیس سه‌شنبه شب در قم رقابت می‌کنند", )"
    R"("body": "خبرگزاری فارس: سرمربی تیم فوتسال صبای قم از مصاف تیمش با پرسپولیس تهران در هفته )"
    R"(نخست فصل جدید رقابت‌های لیگ برتر فوتسال باشگاه‌های کشور خبر داد.", "date": "1390/06/07", )"
    R"("source": "farsnews.ir", "category": "province", "tags": []})";
constexpr std::string_view kVarzeshBody = "تیم فوتبال گهر زاگرس خریدارانی از اصفهان و مشهد دارد.";

struct Problem {
  std::string path;
  std::uint64_t line;
  std::string reason;
};

class RecordingReporter : public kavosh::Reporter {
 public:
  void skipped(const std::string& path, std::uint64_t line, std::string_view reason) override {
    problems.push_back({path, line, std::string(reason)});
  }

  std::vector<Problem> problems;
};

// A fresh directory under the system temp directory, removed with its
// contents at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    for (;;) {
      path_ = fs::temp_directory_path() / ("kavosh-corpus-reader-" + std::to_string(::getpid()) +
                                           "-" + std::to_string(random()));
      if (fs::create_directory(path_)) {
        break;
      }
    }
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  CorpusFile write(const std::string& relative, std::string_view content) const {
    const fs::path absolute = path_ / relative;
    fs::create_directories(absolute.parent_path());
    std::ofstream(absolute, std::ios::binary)
        .write(content.data(), static_cast<std::streamsize>(content.size()));
    return file(relative);
  }

  CorpusFile write_gzip(const std::string& relative, std::string_view content) const {
    const fs::path absolute = path_ / relative;
    fs::create_directories(absolute.parent_path());
    gzFile gz = gzopen(absolute.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) ==
            static_cast<int>(content.size()));
    REQUIRE(gzclose(gz) == Z_OK);
    return file(relative);
  }

  CorpusFile file(const std::string& relative) const {
    CorpusFile file;
    file.absolute = path_ / relative;
    file.relative = relative;
    std::error_code ignored;
    file.size = fs::file_size(file.absolute, ignored);
    return file;
  }

 private:
  fs::path path_;
};

struct Read {
  ReadResult result;
  std::vector<Article> articles;
  RecordingReporter reporter;
};

// Reads `file` whole, checking the counts it returns against what it told.
Read read_all(const CorpusFile& file) {
  Read got;
  got.result = kavosh::read_articles(
      file, got.reporter, [&](Article&& article) { got.articles.push_back(std::move(article)); });
  CHECK(got.result.articles == got.articles.size());
  CHECK(got.result.problems == got.reporter.problems.size());
  return got;
}

std::vector<std::string> relative_paths(const std::vector<CorpusFile>& files) {
  std::vector<std::string> paths;
  for (const CorpusFile& file : files) {
    paths.push_back(file.relative);
  }
  return paths;
}

std::string jsonl_line(int number) {
  return R"({"id": "varzesh3-)" + std::to_string(number) + R"(", "title": "اصفهان و مشهد )" +
         R"(خریداران گهر زاگرس", "body": ")" + std::string(kVarzeshBody) + " " +
         std::to_string(number) + R"(", "source": "varzesh3.com"})" + "\n";
}

// Whether this process can list a directory it has no permission for:
// root can, and then permission tests prove nothing.
bool permissions_are_enforced(const fs::path& dir) {
  std::error_code error;
  fs::directory_iterator it(dir, error);
  return static_cast<bool>(error);
}

}  // namespace

TEST_CASE("a text file's first line is its title and the rest its body", "[reader][txt]") {
  const TempDir dir;
  const std::string text = "\n  " + std::string(kIlnaTitle) + "  \n\n" + std::string(kIlnaLead) +
                           "\n" + std::string(kIlnaParagraph) + "\n\n";

  SECTION("with Unix line ends") {
    const Read got = read_all(dir.write("1404/azar/ilna.txt", text));
    REQUIRE(got.articles.size() == 1);
    const Article& article = got.articles[0];
    CHECK(article.title == kIlnaTitle);
    CHECK(article.body == std::string(kIlnaLead) + "\n" + std::string(kIlnaParagraph));
    CHECK(article.id == "1404/azar/ilna.txt");
    CHECK(article.path == "1404/azar/ilna.txt");
    CHECK(article.line == 0);
    CHECK(got.reporter.problems.empty());
  }
  SECTION("with Windows line ends and a UTF-8 byte order mark") {
    std::string windows = "\xEF\xBB\xBF";
    for (const char c : text) {
      windows += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    const Read got = read_all(dir.write("ilna.txt", windows));
    REQUIRE(got.articles.size() == 1);
    CHECK(got.articles[0].title == kIlnaTitle);
    CHECK(got.articles[0].body == std::string(kIlnaLead) + "\r\n" + std::string(kIlnaParagraph));
  }
}

TEST_CASE("a one-line text file is searchable as both title and body", "[reader][txt]") {
  const TempDir dir;
  const Read got = read_all(dir.write("headline.txt", std::string(kIlnaTitle) + "\n"));
  REQUIRE(got.articles.size() == 1);
  CHECK(got.articles[0].title == kIlnaTitle);
  CHECK(got.articles[0].body == kIlnaTitle);
}

TEST_CASE("a JSON file is one article whose fields pass through verbatim", "[reader][json]") {
  const TempDir dir;

  SECTION("with every field, a numeric id and extra fields") {
    // Hamshahri spells with Arabic yeh and kaf; the reader must not fix that.
    const Read got = read_all(dir.write("hamshahri.json", R"({
      "id": 811011007,
      "title": "جودي ابوت، نابغه كاغذي",
      "body": "جودي ابوت را سال ها است كه مي شناسم، دقيقا از دوران نوجواني.",
      "date": "۱۳۸۱/۱۰/۱۱",
      "source": "Hamshahri",
      "url": "https://www.hamshahrionline.ir/news/811011007",
      "tags": ["ادبیات", "کتاب"],
      "category": {"name": "فرهنگ"}
    })"));
    REQUIRE(got.articles.size() == 1);
    const Article& article = got.articles[0];
    CHECK(article.id == "811011007");
    CHECK(article.title == "جودي ابوت، نابغه كاغذي");
    CHECK(article.body == "جودي ابوت را سال ها است كه مي شناسم، دقيقا از دوران نوجواني.");
    CHECK(article.date == "۱۳۸۱/۱۰/۱۱");
    CHECK(article.source == "Hamshahri");
    CHECK(article.url == "https://www.hamshahrionline.ir/news/811011007");
    CHECK(article.line == 0);
    CHECK(got.reporter.problems.empty());
  }
  SECTION("without an id, and with a title that is not a string") {
    const Read got = read_all(dir.write("2011/fars.json", R"({"title": 90, "body": "سال پایه"})"));
    REQUIRE(got.articles.size() == 1);
    CHECK(got.articles[0].id == "2011/fars.json");
    CHECK(got.articles[0].title.empty());
    CHECK(got.articles[0].body == "سال پایه");
  }
}

TEST_CASE("every JSONL line is an article, numbered by its line when it has no id",
          "[reader][jsonl]") {
  const TempDir dir;
  const std::string text = std::string(kFarsLine) + "\n" + "\n" +
                           R"({"title": "یواخیم لو", "body": "فینال جام حذفی آلمان"})" + "\n" +
                           R"({"id": 972282, "body": ")" + std::string(kVarzeshBody) + "\"}\r\n" +
                           "   \n" + R"({"body": "بدون خط پایانی"})";
  const Read got = read_all(dir.write("news/sport.jsonl", text));
  CHECK(got.reporter.problems.empty());
  REQUIRE(got.articles.size() == 4);
  CHECK(got.articles[0].id == "fars-13900607000136");
  CHECK(got.articles[0].title ==
        "صبا و پرسپولیس سه‌شنبه شب در قم رقابت می‌کنند");
  CHECK(got.articles[0].date == "1390/06/07");
  CHECK(got.articles[0].line == 1);
  CHECK(got.articles[1].id == "news/sport.jsonl:3");
  CHECK(got.articles[1].line == 3);
  CHECK(got.articles[2].id == "972282");
  CHECK(got.articles[2].body == kVarzeshBody);
  CHECK(got.articles[3].id == "news/sport.jsonl:6");
  CHECK(got.articles[3].body == "بدون خط پایانی");
}

TEST_CASE("a long JSONL file streams across buffer boundaries intact", "[reader][jsonl]") {
  const TempDir dir;
  std::string text;
  for (int i = 1; i <= 3000; ++i) {
    text += jsonl_line(i);
  }
  // One body larger than the reader's buffer.
  std::string huge;
  while (huge.size() < (std::size_t{1} << 20)) {
    huge += kIlnaParagraph;
    huge += ' ';
  }
  text += R"({"id": "huge", "body": ")" + huge + "\"}\n";
  text += jsonl_line(3002);

  const Read got = read_all(dir.write("varzesh3.jsonl", text));
  CHECK(got.reporter.problems.empty());
  REQUIRE(got.articles.size() == 3002);
  for (int i = 0; i < 3000; ++i) {
    REQUIRE(got.articles[i].body == std::string(kVarzeshBody) + " " + std::to_string(i + 1));
  }
  CHECK(got.articles[3000].body == huge);
  CHECK(got.articles[3001].id == "varzesh3-3002");
  CHECK(got.articles[3001].line == 3002);
}

TEST_CASE("gzip-compressed files read like plain ones", "[reader][gzip]") {
  const TempDir dir;

  SECTION("JSONL") {
    std::string text;
    for (int i = 1; i <= 2000; ++i) {
      text += jsonl_line(i);
    }
    const Read got = read_all(dir.write_gzip("varzesh3.jsonl.gz", text));
    CHECK(got.reporter.problems.empty());
    REQUIRE(got.articles.size() == 2000);
    CHECK(got.articles[1999].id == "varzesh3-2000");
    CHECK(got.articles[1999].body == std::string(kVarzeshBody) + " 2000");
  }
  SECTION("text, with an upper-case extension") {
    const Read got = read_all(dir.write_gzip(
        "ILNA.TXT.GZ", std::string(kIlnaTitle) + "\n" + std::string(kIlnaParagraph) + "\n"));
    REQUIRE(got.articles.size() == 1);
    CHECK(got.articles[0].title == kIlnaTitle);
    CHECK(got.articles[0].body == kIlnaParagraph);
  }
  SECTION("JSON") {
    const Read got = read_all(dir.write_gzip(
        "one.json.gz", R"({"body": "خادمان قرآن تجلیل می‌شوند"})"));
    REQUIRE(got.articles.size() == 1);
    CHECK(got.articles[0].id == "one.json.gz");
  }
}

TEST_CASE("a .gz file that is not gzip fails as a whole with one report", "[reader][gzip]") {
  const TempDir dir;
  const Read got = read_all(dir.write("fars.jsonl.gz", std::string(kFarsLine) + "\n"));
  CHECK(got.articles.empty());
  CHECK(got.result.file_failed);
  REQUIRE(got.reporter.problems.size() == 1);
  CHECK(got.reporter.problems[0].line == 0);
  CHECK(got.reporter.problems[0].reason == "not a gzip file");
}

TEST_CASE("a damaged gzip file keeps the articles before the damage and fails once",
          "[reader][gzip]") {
  const TempDir dir;
  std::string text;
  for (int i = 1; i <= 5000; ++i) {
    text += jsonl_line(i);
  }
  const CorpusFile file = dir.write_gzip("varzesh3.jsonl.gz", text);
  std::string bytes(file.size, '\0');
  std::ifstream(file.absolute, std::ios::binary)
      .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));

  SECTION("cut in the middle") {
    dir.write("varzesh3.jsonl.gz", std::string_view(bytes).substr(0, bytes.size() / 2));
    const Read got = read_all(file);
    CHECK(got.articles.size() > 0);
    CHECK(got.articles.size() < 5000);
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].line == 0);
    CHECK_THAT(got.reporter.problems[0].reason, Contains("truncated gzip data after line"));
  }
  SECTION("overwritten in the middle") {
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) {
      bytes[i] = static_cast<char>(i * 37);
    }
    dir.write("varzesh3.jsonl.gz", bytes);
    const Read got = read_all(file);
    CHECK(got.articles.size() < 5000);
    CHECK(got.result.file_failed);
    // Inflating damaged data can yield garbage lines before zlib notices;
    // those are reported as lines, the damage once, last.
    REQUIRE_FALSE(got.reporter.problems.empty());
    const Problem& last = got.reporter.problems.back();
    CHECK(last.line == 0);
    CHECK_THAT(last.reason, Contains("corrupt gzip data after line"));
    for (std::size_t i = 0; i + 1 < got.reporter.problems.size(); ++i) {
      CHECK(got.reporter.problems[i].line > 0);
    }
  }
  SECTION("corrupt from the start") {
    for (std::size_t i = 10; i < 74; ++i) {
      bytes[i] = static_cast<char>(0xFF);
    }
    dir.write("varzesh3.jsonl.gz", bytes);
    const Read got = read_all(file);
    CHECK(got.articles.empty());
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "corrupt gzip data");
  }
}

TEST_CASE("a JSONL line with invalid UTF-8 is reported by number while the others are read",
          "[reader][jsonl][utf8]") {
  const TempDir dir;
  const std::string bad = R"({"id": "latin1", "body": "caf)" + std::string("\xE9") + R"("})";
  const Read got =
      read_all(dir.write("mixed.jsonl", jsonl_line(1) + "\n" + bad + "\n" + jsonl_line(4)));
  REQUIRE(got.articles.size() == 2);
  CHECK(got.articles[0].line == 1);
  CHECK(got.articles[1].line == 4);
  REQUIRE(got.reporter.problems.size() == 1);
  CHECK(got.reporter.problems[0].path == "mixed.jsonl");
  CHECK(got.reporter.problems[0].line == 3);
  CHECK(got.reporter.problems[0].reason ==
        "invalid UTF-8 at byte " + std::to_string(bad.find('\xE9')));
  CHECK_FALSE(got.result.file_failed);
}

TEST_CASE("each broken JSON line is reported once and reading goes on", "[reader][jsonl]") {
  const TempDir dir;
  const std::string text = jsonl_line(1) + R"({"id": "cut", "body": "خبرگزاری فارس:)" + "\n" +
                           R"({"body": "ویرگول اضافه",})" + "\n" + "{'body': 'single quotes'}\n" +
                           jsonl_line(5) + "{\"body\": \"x\"} trailing\n";
  const Read got = read_all(dir.write("broken.jsonl", text));
  CHECK(got.articles.size() == 2);
  REQUIRE(got.reporter.problems.size() == 4);
  const std::uint64_t lines[] = {2, 3, 4, 6};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(got.reporter.problems[i].line == lines[i]);
    CHECK(got.reporter.problems[i].reason == "broken JSON");
  }
}

TEST_CASE("a JSON line nested 10,000 deep is rejected without a crash", "[reader][jsonl]") {
  const TempDir dir;
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const std::string deep_field =
      R"({"body": "متن", "extra": )" + std::string(10000, '{') + std::string(10000, '}') + "}";
  // Brackets inside strings are text, not nesting.
  const std::string brackets = R"({"body": "\")" + std::string(10000, '[') + R"("})";
  const Read got = read_all(
      dir.write("deep.jsonl", deep + "\n" + deep_field + "\n" + brackets + "\n" + jsonl_line(4)));
  REQUIRE(got.articles.size() == 2);
  CHECK(got.articles[0].body == "\"" + std::string(10000, '['));
  CHECK(got.articles[1].line == 4);
  REQUIRE(got.reporter.problems.size() == 2);
  CHECK(got.reporter.problems[0].line == 1);
  CHECK(got.reporter.problems[0].reason == "JSON nested too deeply");
  CHECK(got.reporter.problems[1].line == 2);
}

TEST_CASE("JSON without a usable body is reported with the reason", "[reader][json]") {
  const TempDir dir;
  const std::string text =
      std::string(R"({"title": "خادمان قرآن تجلیل می‌شوند"})") + "\n" +
      "{\"title\": \"\u200F \", \"body\": \" \u200C\u00A0\\n \"}\n" + R"(["body", "آرایه"])" +
      "\n" + R"("فقط متن")" + "\n" + R"({"body": 1390})" + "\n" + R"({"body": null})" + "\n";
  const Read got = read_all(dir.write("bodies.jsonl", text));
  CHECK(got.articles.empty());
  REQUIRE(got.reporter.problems.size() == 6);
  CHECK(got.reporter.problems[0].reason == "no body");
  CHECK(got.reporter.problems[1].reason == "empty article");
  CHECK(got.reporter.problems[2].reason == "not a JSON object");
  CHECK(got.reporter.problems[3].reason == "not a JSON object");
  CHECK(got.reporter.problems[4].reason == "body is not a string");
  CHECK(got.reporter.problems[5].reason == "no body");
  CHECK(got.reporter.problems[5].line == 6);
}

TEST_CASE("a headline with an empty body is still an article", "[reader][json]") {
  // HAM2-820806-027 is such a headline, and judged relevant to a query.
  const TempDir dir;
  const Read got = read_all(dir.write("headline.jsonl",
                                      R"({"id": "HAM2-820806-027", "title": "فهرست كدهاي tld", )"
                                      R"("body": "", "date": "1382/08/06"})"));
  CHECK(got.reporter.problems.empty());
  REQUIRE(got.articles.size() == 1);
  CHECK(got.articles[0].title == "فهرست كدهاي tld");
  CHECK(got.articles[0].body.empty());
}

TEST_CASE("a binary file is rejected as a whole", "[reader][binary]") {
  const TempDir dir;
  // The first bytes of a PNG image.
  constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
  const std::string png(kPng, sizeof kPng - 1);

  SECTION("named .txt") {
    const Read got = read_all(dir.write("photo.txt", png));
    CHECK(got.articles.empty());
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].line == 0);
    CHECK(got.reporter.problems[0].reason == "binary file");
  }
  SECTION("named .jsonl, with one report rather than one a line") {
    std::string many;
    for (int i = 0; i < 100; ++i) {
      many += png;
    }
    const Read got = read_all(dir.write("photo.jsonl", many));
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "binary file");
  }
}

TEST_CASE("an empty or blank file is reported as an empty article", "[reader][txt]") {
  const TempDir dir;
  SECTION("empty text") {
    const Read got = read_all(dir.write("empty.txt", ""));
    CHECK(got.articles.empty());
    CHECK_FALSE(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "empty article");
  }
  SECTION("spaces, line ends and no-break spaces") {
    const Read got = read_all(dir.write("blank.txt", " \r\n\t\n\u00A0\u200C\n"));
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "empty article");
  }
  SECTION("empty JSON") {
    const Read got = read_all(dir.write("empty.json", "\n"));
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "empty article");
  }
  SECTION("an empty JSONL file has no articles and no problems") {
    const Read got = read_all(dir.write("empty.jsonl", ""));
    CHECK(got.articles.empty());
    CHECK(got.reporter.problems.empty());
  }
}

TEST_CASE("invalid UTF-8 in a text file is reported with its byte offset", "[reader][utf8]") {
  const TempDir dir;
  // Windows-1256, as old Persian sites served it: "ایران".
  const Read got =
      read_all(dir.write("cp1256.txt", std::string(kIlnaTitle) + "\n\xC7\xED\xD1\xC7\xE4"));
  CHECK(got.articles.empty());
  CHECK_FALSE(got.result.file_failed);
  REQUIRE(got.reporter.problems.size() == 1);
  CHECK(got.reporter.problems[0].reason ==
        "invalid UTF-8 at byte " + std::to_string(kIlnaTitle.size() + 1));
}

TEST_CASE("a UTF-16 file is rejected with a hint to convert it", "[reader][utf16]") {
  const TempDir dir;
  // "ایران" in UTF-16LE after its byte order mark.
  constexpr char kUtf16[] = "\xFF\xFE\x27\x06\xCC\x06\x31\x06\x27\x06\x46\x06\n\0";
  const std::string utf16(kUtf16, sizeof kUtf16 - 1);
  for (const std::string name : {"utf16.txt", "utf16.jsonl", "utf16.json"}) {
    const Read got = read_all(dir.write(name, utf16));
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK_THAT(got.reporter.problems[0].reason, Contains("UTF-16") && Contains("UTF-8"));
  }
}

TEST_CASE("a file that vanished after listing is reported, not fatal", "[reader][io]") {
  const TempDir dir;
  const CorpusFile file = dir.write("gone.jsonl", jsonl_line(1));
  fs::remove(file.absolute);
  const Read got = read_all(file);
  CHECK(got.articles.empty());
  CHECK(got.result.file_failed);
  REQUIRE(got.reporter.problems.size() == 1);
  CHECK(got.reporter.problems[0].reason == "cannot open: No such file or directory");
}

TEST_CASE("the corpus listing is recursive, filtered and sorted by relative path",
          "[reader][list]") {
  const TempDir dir;
  dir.write("x.json.gz", "");
  dir.write("b/2.txt", kIlnaTitle);
  dir.write("c/d/e/deep.JSONL", "");
  dir.write("b/10.json", "{}");
  dir.write("a.jsonl", "");
  dir.write("B.TXT.GZ", "");
  dir.write("notes.md", "");
  dir.write("a.txt.bak", "");
  dir.write("txt", "");
  dir.write(".hidden.txt", "");
  dir.write(".git/objects/x.json", "");
  fs::create_directories(dir.path() / "empty");

  RecordingReporter reporter;
  const auto before = std::chrono::system_clock::now();
  const std::vector<CorpusFile> files = kavosh::list_corpus(dir.path(), reporter);
  CHECK(reporter.problems.empty());
  CHECK(relative_paths(files) == std::vector<std::string>{"B.TXT.GZ", "a.jsonl", "b/10.json",
                                                          "b/2.txt", "c/d/e/deep.JSONL",
                                                          "x.json.gz"});
  const CorpusFile& text = files[3];
  CHECK(text.absolute == dir.path() / "b" / "2.txt");
  CHECK(text.size == kIlnaTitle.size());
  const auto mtime = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(text.mtime_ns)));
  CHECK(mtime > before - std::chrono::hours(1));
  CHECK(mtime < before + std::chrono::hours(1));

  CHECK(relative_paths(kavosh::list_corpus(dir.path(), reporter)) == relative_paths(files));
}

TEST_CASE("a corpus root that is missing or not a directory is an error naming it",
          "[reader][list]") {
  const TempDir dir;
  RecordingReporter reporter;
  CHECK_THROWS_WITH(kavosh::list_corpus(dir.path() / "hamshahri", reporter),
                    Contains("hamshahri") && Contains("no such directory"));
  dir.write("docs.jsonl", "");
  CHECK_THROWS_WITH(kavosh::list_corpus(dir.path() / "docs.jsonl", reporter),
                    Contains("docs.jsonl") && Contains("not a directory"));
}

TEST_CASE("an unreadable directory is reported and skipped", "[reader][list][permissions]") {
  const TempDir dir;
  dir.write("open/a.txt", kIlnaTitle);
  dir.write("locked/b.txt", kIlnaTitle);
  const fs::path locked = dir.path() / "locked";
  fs::permissions(locked, fs::perms::none);
  // Restored before TempDir removes the tree.
  struct Unlock {
    const fs::path& path;
    ~Unlock() {
      std::error_code ignored;
      fs::permissions(path, fs::perms::owner_all, ignored);
    }
  } unlock{locked};
  if (!permissions_are_enforced(locked)) {
    WARN("skipped: this process reads directories without permission (root?)");
    return;
  }
  RecordingReporter reporter;
  const std::vector<CorpusFile> files = kavosh::list_corpus(dir.path(), reporter);
  CHECK(relative_paths(files) == std::vector<std::string>{"open/a.txt"});
  REQUIRE(reporter.problems.size() == 1);
  CHECK(reporter.problems[0].path == "locked");
  CHECK(reporter.problems[0].line == 0);
  CHECK_THAT(reporter.problems[0].reason, Contains("Permission denied"));

  SECTION("and so is an unreadable file, alone") {
    fs::permissions(locked, fs::perms::owner_all);
    fs::permissions(locked / "b.txt", fs::perms::none);
    const Read got = read_all(dir.file("locked/b.txt"));
    CHECK(got.result.file_failed);
    REQUIRE(got.reporter.problems.size() == 1);
    CHECK(got.reporter.problems[0].reason == "cannot open: Permission denied");
  }
}

TEST_CASE("symlink loops neither hang nor crash the listing", "[reader][list][symlink]") {
  const TempDir dir;
  dir.write("real.txt", kIlnaTitle);
  dir.write("sub/inner.json", R"({"body": "متن"})");
  fs::create_directory_symlink("..", dir.path() / "sub" / "up");
  fs::create_directory_symlink(dir.path(), dir.path() / "root.json");
  fs::create_symlink("real.txt", dir.path() / "link.txt");
  fs::create_symlink("self.txt", dir.path() / "self.txt");
  fs::create_symlink("pong.jsonl", dir.path() / "ping.jsonl");
  fs::create_symlink("ping.jsonl", dir.path() / "pong.jsonl");
  fs::create_symlink("missing.txt", dir.path() / "dangling.txt");

  RecordingReporter reporter;
  const std::vector<CorpusFile> files = kavosh::list_corpus(dir.path(), reporter);
  CHECK(relative_paths(files) ==
        std::vector<std::string>{"link.txt", "real.txt", "sub/inner.json"});
  std::vector<std::string> reported;
  for (const Problem& problem : reporter.problems) {
    CHECK_THAT(problem.reason, Contains("cannot follow symlink"));
    reported.push_back(problem.path);
  }
  std::sort(reported.begin(), reported.end());
  CHECK(reported ==
        std::vector<std::string>{"dangling.txt", "ping.jsonl", "pong.jsonl", "self.txt"});
  CHECK(read_all(files[0]).articles.size() == 1);
}

TEST_CASE("a file name that is not UTF-8 is read, and named with its bytes escaped",
          "[reader][list]") {
  const TempDir dir;
  // "ران" in Windows-1256: three bytes that are each ill-formed UTF-8.
  const std::string name = "\xD1\xC7\xE4-cp1256.txt";
  const std::string shown = "\\xD1\\xC7\\xE4-cp1256.txt";
  dir.write(name, std::string(kIlnaTitle) + "\n" + std::string(kIlnaLead));
  RecordingReporter reporter;
  const std::vector<CorpusFile> files = kavosh::list_corpus(dir.path(), reporter);
  REQUIRE(files.size() == 1);
  CHECK(files[0].absolute.filename() == name);
  // Ids and paths go to JSON and SQLite, which keep only valid UTF-8 alike.
  CHECK(files[0].relative == shown);
  const Read got = read_all(files[0]);
  REQUIRE(got.articles.size() == 1);
  CHECK(got.articles[0].id == shown);
  CHECK(got.articles[0].path == shown);
}

TEST_CASE("Windows-1256 names that differ only in bytes U+FFFD would merge stay distinct",
          "[reader][list][issue-13]") {
  // تهران, شيراز, همدان in Windows-1256: each byte ill-formed UTF-8, so all
  // three became "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD.txt" and shared one id.
  CHECK(kavosh::escape_file_name("\xCA\xE5\xD1\xC7\xE4.txt") == "\\xCA\\xE5\\xD1\\xC7\\xE4.txt");
  CHECK(kavosh::escape_file_name("\xD4\xED\xD1\xC7\xD2.txt") == "\\xD4\\xED\\xD1\\xC7\\xD2.txt");
  CHECK(kavosh::escape_file_name("\xE5\xE3\xCF\xC7\xE4.txt") == "\\xE5\\xE3\\xCF\\xC7\\xE4.txt");
  // A backslash in an escaped name is escaped too, so no valid name and no
  // other escaped name meet.
  CHECK(kavosh::escape_file_name("a\\b\xFF") == "a\\x5Cb\\xFF");
  // Valid UTF-8 names, Persian or with a backslash, are left as they are.
  CHECK(kavosh::escape_file_name("تهران.txt") == "تهران.txt");
  CHECK(kavosh::escape_file_name("a\\b.txt") == "a\\b.txt");
}

TEST_CASE("the Hamshahri subset reads as 5,375 articles without a problem",
          "[reader][corpus][corpora]") {
  const auto path = kavosh::test::corpus_file("hamshahri-ir-subset/docs.jsonl.gz");
  if (!path) {
    return;
  }
  CorpusFile file;
  file.absolute = *path;
  file.relative = "hamshahri-ir-subset/docs.jsonl.gz";
  RecordingReporter reporter;
  std::size_t articles = 0;
  std::size_t titled = 0;
  const ReadResult result = kavosh::read_articles(file, reporter, [&](Article&& article) {
    ++articles;
    titled += article.title.empty() ? 0 : 1;
  });
  for (const Problem& problem : reporter.problems) {
    UNSCOPED_INFO(problem.path << ":" << problem.line << ": " << problem.reason);
  }
  CHECK(reporter.problems.empty());
  CHECK(result.articles == 5375);
  CHECK(articles == 5375);
  CHECK(titled > 5000);
  CHECK_FALSE(result.file_failed);
}
