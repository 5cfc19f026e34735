// The terminal layout of Persian lines: visual order, shaping, alignment,
// wrapping and colours, on real mixed text.
#include "common/bidi_layout.h"

#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "common/persian_date.h"

using kavosh::Direction;
using kavosh::display_width;
using kavosh::layout;
using kavosh::LayoutOptions;
using kavosh::Segment;
using kavosh::TextOrder;
using kavosh::TextStyle;

namespace {

// `text` with its characters in the opposite order: what a terminal that
// does no bidi must be given for a right-to-left run to read right.
std::string reversed(const std::string& text) {
  icu::UnicodeString units = icu::UnicodeString::fromUTF8(text);
  units.reverse();
  std::string out;
  return units.toUTF8String(out);
}

LayoutOptions visual(std::size_t width) {
  LayoutOptions options;
  options.order = TextOrder::kVisual;
  options.width = width;
  return options;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

// From ILNA's report of 21 Azar 1404 (corpus/ilna), with its half-spaces.
const std::string kSnippet =
    "به گزارش ایلنا، مسعود پزشکیان در حاشیه "
    "اجلاس بین‌المللی صلح و اعتماد در "
    "ترکمنستان، بعد از ظهر امروز جمعه در دیدار با "
    "رئیس‌جمهور روسیه، از حمایت‌های روسیه از "
    "جمهوری اسلامی ایران در مجامع بین‌المللی "
    "قدردانی کرد.";

}  // namespace

TEST_CASE("a Persian title is written right to left and aligned to the right edge",
          "[layout][visual]") {
  const std::string title = "دیدار روسای جمهور ایران و روسیه؛";
  const auto lines = layout({{title}}, visual(40));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == std::string(40 - display_width(title), ' ') + reversed(title));
  CHECK(display_width(lines[0]) == 40);
}

TEST_CASE("Latin words and years inside Persian keep their left-to-right order",
          "[layout][visual]") {
  const auto lines = layout({{"جایزه THE BEST و توپ طلا در سال 2025"}}, visual(0));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "2025 " + reversed("در سال") + " " + reversed("و توپ طلا") + " THE BEST " +
                        reversed("جایزه"));
}

TEST_CASE("a line that starts in English stays left to right with its Persian words turned",
          "[layout][visual]") {
  const auto lines = layout({{"THE BEST و توپ طلا؛ 2025"}}, visual(40));
  REQUIRE(lines.size() == 1);
  // The year follows Persian words, so it belongs to their right-to-left run.
  CHECK(lines[0] == "THE BEST 2025 " + reversed("و توپ طلا؛"));
}

TEST_CASE("guillemets around a quoted name are mirrored so they still open and close it",
          "[layout][visual]") {
  const auto lines = layout({{"با «ولادیمیر پوتین» دیدار کرد"}}, visual(0));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        reversed("دیدار کرد") + " «" + reversed("ولادیمیر پوتین") + "» " + reversed("با"));
}

TEST_CASE("metadata reads left to right with a Persian date and agency each in one piece",
          "[layout][visual]") {
  LayoutOptions options = visual(80);
  options.direction = Direction::kLeftToRight;
  options.first_indent = 3;
  const std::vector<Segment> meta{
      {"۲۱ آذر ۱۴۰۴", TextStyle::kNormal, true},
      {" · "},
      {"2025-12-12", TextStyle::kNormal, true},
      {" · "},
      {"ایلنا", TextStyle::kNormal, true},
      {" · "},
      {"ilna/1404-09-21-pezeshkian-putin.txt", TextStyle::kNormal, true}};
  const auto lines = layout(meta, options);
  REQUIRE(lines.size() == 1);
  // Read from the right, the date is "۲۱ آذر ۱۴۰۴"; no isolate control is left.
  CHECK(lines[0] == "   ۱۴۰۴ " + reversed("آذر") + " ۲۱ · 2025-12-12 · " + reversed("ایلنا") +
                        " · ilna/1404-09-21-pezeshkian-putin.txt");
}

TEST_CASE("a long snippet wraps at spaces, never inside a word or a half-space compound",
          "[layout][wrap]") {
  for (const std::size_t width : {30, 41, 80}) {
    INFO("width " << width);
    LayoutOptions options = visual(width);
    options.first_indent = 3;
    options.rest_indent = 3;
    const auto lines = layout({{kSnippet}}, options);
    CHECK(lines.size() > 1);
    std::vector<std::string> read_back;
    for (const std::string& line : lines) {
      // Right-aligned: each line ends three columns before the edge.
      CHECK(display_width(line) == width - 3);
      for (const std::string& word : words(reversed(line))) {
        read_back.push_back(word);
      }
    }
    CHECK(read_back == words(kSnippet));
  }
}

TEST_CASE("a title too long for one line continues under its first word", "[layout][wrap]") {
  LayoutOptions options = visual(30);
  options.rest_indent = 3;
  const std::string title = "پزشکیان: مصمم هستیم توافق جامع ایران و روسیه را اجرایی کنیم";
  const auto lines = layout({{"1. ", TextStyle::kBold}, {title}}, options);
  REQUIRE(lines.size() == 3);
  // The rank stands at the right edge, where a Persian reader starts.
  CHECK(lines[0].substr(lines[0].size() - 3) == " .1");
  CHECK(display_width(lines[0]) == 30);
  CHECK(display_width(lines[1]) == 27);
  CHECK(display_width(lines[2]) == 27);
}

TEST_CASE("a word wider than the terminal is the only thing ever cut", "[layout][wrap]") {
  LayoutOptions options = visual(10);
  options.direction = Direction::kLeftToRight;
  const auto lines = layout({{"ab https://www.ilna.ir/fa/news/1234567"}}, options);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "ab");
  CHECK(lines[1] == "https://ww");
  CHECK(lines[4] == "34567");
}

TEST_CASE("a highlighted name keeps its colour on both sides of a line break", "[layout][colour]") {
  LayoutOptions options = visual(16);
  options.color = true;
  const auto lines = layout({{"با آقای "}, {"ولادیمیر پوتین", TextStyle::kMatch}}, options);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "\033[1;31m" + reversed("ولادیمیر") + "\033[0m " + reversed("با آقای"));
  CHECK(lines[1] == std::string(11, ' ') + "\033[1;31m" + reversed("پوتین") + "\033[0m");
}

TEST_CASE("shaped letters take their joined forms, one cell each, lam and alef apart",
          "[layout][shaping]") {
  LayoutOptions options = visual(0);
  options.shape = true;
  // سلام: seen initial, lam medial, alef final, meem isolated; ICU alone
  // would fuse lam and alef into one ligature cell.
  CHECK(layout({{"سلام"}}, options)[0] == "\uFEE1\uFE8E\uFEE0\uFEB3");
  // می‌روم: the half-space ends the first part; reh, waw and meem stand alone.
  CHECK(layout({{"می‌روم"}}, options)[0] == "\uFEE1\uFEED\uFEAD\u200C\uFBFD\uFEE3");
  // Persian letters (peh, yeh, gaf) have their forms too; digits are left alone.
  CHECK(layout({{"پیگیری ۱۴۰۴"}}, options)[0] == "۱۴۰۴ \uFBFC\uFEAE\uFBFF\uFB95\uFBFF\uFB58");
}

TEST_CASE("logical order isolates each line and each field for a terminal that reorders",
          "[layout][logical]") {
  LayoutOptions options;
  options.order = TextOrder::kLogical;
  options.width = 80;
  options.direction = Direction::kLeftToRight;
  const auto meta = layout(
      {{"ایلنا", TextStyle::kNormal, true}, {" · "}, {"ilna/a.txt", TextStyle::kNormal, true}},
      options);
  REQUIRE(meta.size() == 1);
  CHECK(meta[0] == "\u2066\u2068ایلنا\u2069 · \u2068ilna/a.txt\u2069\u2069");
  options.direction = Direction::kAuto;
  options.width = 30;
  const auto lines = layout({{kSnippet}}, options);
  REQUIRE(lines.size() > 1);
  std::string joined;
  for (const std::string& line : lines) {
    CHECK(display_width(line) <= 30);
    CHECK(line.rfind("\u2067", 0) == 0);  // RLI: a Persian paragraph
    joined += (joined.empty() ? "" : " ") + line.substr(3, line.size() - 6);
  }
  CHECK(joined == kSnippet);
}

TEST_CASE("plain output is the text itself, in logical order and unwrapped", "[layout][plain]") {
  LayoutOptions options;
  options.order = TextOrder::kPlain;
  options.width = 0;
  options.first_indent = 3;
  const auto lines = layout({{kSnippet, TextStyle::kNormal, true}}, options);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "   " + kSnippet);
}

TEST_CASE("escape sequences and bidi overrides in archive text are shown, not obeyed",
          "[layout][safety]") {
  for (const TextOrder order : {TextOrder::kPlain, TextOrder::kLogical, TextOrder::kVisual}) {
    LayoutOptions options;
    options.order = order;
    const auto lines =
        layout({{"تهران\x1b[2J\x1b]52;c;aGk=\x07 \u202Eپوتین\u009b6n\tمسکو"}}, options);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find('\x1b') == std::string::npos);
    CHECK(lines[0].find('\x07') == std::string::npos);
    CHECK(lines[0].find('\t') == std::string::npos);
    CHECK(lines[0].find("\u202E") == std::string::npos);
    CHECK(lines[0].find("\u009B") == std::string::npos);
    // Each escape reads as one left-to-right unit, even in visual order.
    CHECK(lines[0].find("\\x1B") != std::string::npos);
    CHECK(lines[0].find("\\u{202E}") != std::string::npos);
  }
}

TEST_CASE("a half-space takes no column, a wide character two", "[layout][width]") {
  CHECK(display_width("رئیس‌جمهور") == 9);
  CHECK(display_width("قطعاً") == 4);  // the fathatan is a mark
  CHECK(display_width("東京") == 4);
}

TEST_CASE("a Jalali date is written with its month's name and Persian digits", "[dates]") {
  CHECK(kavosh::persian_date("1404/09/21") == "۲۱ آذر ۱۴۰۴");
  CHECK(kavosh::persian_date("1404/01/01") == "۱ فروردین ۱۴۰۴");
  CHECK(kavosh::persian_date("1403/12/30") == "۳۰ اسفند ۱۴۰۳");
  CHECK(kavosh::persian_date("1404/13/01").empty());
  CHECK(kavosh::persian_date("").empty());
  CHECK(kavosh::persian_digits("1404/09") == "۱۴۰۴/۰۹");
}

TEST_CASE("a 4 MB title is cut with an ellipsis, not printed whole", "[layout][safety]") {
  std::string title;
  while (title.size() < 4 * 1024 * 1024) {
    title += "دیدار روسای جمهور ایران و روسیه ";
  }
  for (const TextOrder order : {TextOrder::kPlain, TextOrder::kVisual}) {
    LayoutOptions options = visual(order == TextOrder::kPlain ? 0 : 80);
    options.order = order;
    std::size_t bytes = 0;
    for (const std::string& line : layout({{title}}, options)) {
      bytes += line.size();
    }
    CHECK(bytes < 6000);
    CHECK(layout({{title}}, options).back().find("…") != std::string::npos);
  }
}

TEST_CASE("a field wrapped in logical order is closed at each line's end and reopened",
          "[layout][logical]") {
  LayoutOptions options;
  options.order = TextOrder::kLogical;
  options.width = 14;
  options.direction = Direction::kLeftToRight;
  const auto lines = layout(
      {{"ایلنا"}, {" · "}, {"اخبار\x1b[2J روز ایران و جهان در یک نگاه", TextStyle::kNormal, true}},
      options);
  REQUIRE(lines.size() > 2);
  for (const std::string& line : lines) {
    INFO(line);
    std::size_t opened = 0;
    std::size_t closed = 0;
    for (const std::string_view control : {"\u2066", "\u2067", "\u2068"}) {
      for (std::size_t at = line.find(control); at != std::string::npos;
           at = line.find(control, at + 1)) {
        ++opened;
      }
    }
    for (std::size_t at = line.find("\u2069"); at != std::string::npos;
         at = line.find("\u2069", at + 1)) {
      ++closed;
    }
    CHECK(opened == closed);
    if (&line != &lines.front()) {
      CHECK(line.find("\u2068") != std::string::npos);  // the field, opened again
    }
  }
}
