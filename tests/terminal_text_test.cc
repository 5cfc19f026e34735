#include "common/terminal_text.h"

#include <catch2/catch.hpp>
#include <string>

using kavosh::terminal_safe;

TEST_CASE("Persian text with half-spaces and direction marks prints as it is", "[terminal]") {
  const std::string title = "رئیس\u200Cجمهور روسیه\u200F در «مسکو»\tTHE BEST ۱۴۰۴";
  CHECK(terminal_safe(title) == title);
  CHECK(terminal_safe("پزشکیان\u200Dپوتین") == "پزشکیان\u200Dپوتین");
}

TEST_CASE("no escape sequence from an article reaches the terminal", "[terminal][security]") {
  SECTION("ESC starts nothing: clear screen, alternate screen, cursor report") {
    CHECK(terminal_safe("خبر\x1B[2J") == "خبر\\x1B[2J");
    CHECK(terminal_safe("\x1B[?1049h") == "\\x1B[?1049h");
    CHECK(terminal_safe("\x1B[6n") == "\\x1B[6n");
  }
  SECTION("OSC 52 clipboard, OSC 0 title and OSC 8 links are shown as text") {
    CHECK(terminal_safe("\x1B]52;c;ZXZpbA==\x07") == "\\x1B]52;c;ZXZpbA==\\x07");
    CHECK(terminal_safe("\x1B]0;owned\x1B\\") == "\\x1B]0;owned\\x1B\\");
    CHECK(terminal_safe("\x1B]8;;http://x\x1B\\link") == "\\x1B]8;;http://x\\x1B\\link");
  }
  SECTION("C1 controls, including the one-character CSI U+009B") {
    CHECK(terminal_safe("a\u009B2Jb") == "a\\u{009B}2Jb");
    CHECK(terminal_safe("\u0090q\u009C") == "\\u{0090}q\\u{009C}");
  }
  SECTION("backspace, carriage return, newline and DEL") {
    CHECK(terminal_safe("تهران\b\b\r\n\x7F") == "تهران\\x08\\x08\\x0D\\x0A\\x7F");
  }
  SECTION("bidi embeddings, overrides and isolates (Trojan Source)") {
    CHECK(terminal_safe("\u202Eتهران\u202C") == "\\u{202E}تهران\\u{202C}");
    CHECK(terminal_safe("\u2066x\u2069") == "\\u{2066}x\\u{2069}");
  }
}

TEST_CASE("a file name in Windows-1256 is shown byte by byte, not as question marks",
          "[terminal]") {
  // "تهران.txt" in Windows-1256.
  CHECK(terminal_safe("\xCA\xE5\xD1\xC7\xE4.txt") == "\\xCA\\xE5\\xD1\\xC7\\xE4.txt");
  // A sequence cut short, an overlong NUL, a surrogate.
  CHECK(terminal_safe("\xD8") == "\\xD8");
  CHECK(terminal_safe("\xC0\x80") == "\\xC0\\x80");
  CHECK(terminal_safe("\xED\xA0\x80") == "\\xED\\xA0\\x80");
}

TEST_CASE("an over-long field is cut at a character boundary with an ellipsis", "[terminal]") {
  const std::string title(4 * 1024 * 1024, 'a');
  const std::string shown = terminal_safe(title);
  CHECK(shown.size() == kavosh::kMaxPrintedField + std::string("…").size());
  CHECK(shown.substr(shown.size() - 3) == "…");
  // Two-byte Persian letters are never split.
  std::string persian;
  for (int i = 0; i < 10; ++i) {
    persian += "ب";
  }
  CHECK(terminal_safe(persian, 5) == "ببب…");
  CHECK(terminal_safe(persian, 0) == persian);
}
