#include "common/tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : kavosh::tokenize(text)) {
    out.push_back(token.term);
  }
  return out;
}

}  // namespace

TEST_CASE("a sentence of news splits into normalized words", "[analysis][tokenizer]") {
  CHECK(
      terms("به گزارش ايلنا، مسعود پزشکیان در حاشیه اجلاس") ==
      std::vector<std::string>{"به", "گزارش", "ایلنا", "مسعود", "پزشکیان", "در", "حاشیه", "اجلاس"});
}

TEST_CASE("a half-space word is one token, found with or without the ZWNJ",
          "[analysis][tokenizer][zwnj]") {
  CHECK(terms("رئیس\u200Cجمهور روسیه") == std::vector<std::string>{"رییسجمهور", "روسیه"});
  CHECK(terms("رئیسجمهور روسیه") == std::vector<std::string>{"رییسجمهور", "روسیه"});
  CHECK(terms("همکاری\u200Cهای راهبردی") == std::vector<std::string>{"همکاریهای", "راهبردی"});
}

TEST_CASE("a no-break space separates words as a space does", "[analysis][tokenizer]") {
  CHECK(terms("مي\u00A0پرسيد") == std::vector<std::string>{"می", "پرسید"});
}

TEST_CASE("digits glued to words are separate words", "[analysis][tokenizer]") {
  CHECK(terms("جذب714 نفر") == std::vector<std::string>{"جذب", "714", "نفر"});
  CHECK(terms("۲۱ آذر ۱۴۰۴") == std::vector<std::string>{"21", "اذر", "1404"});
  CHECK(terms("1404/09/21") == std::vector<std::string>{"1404", "09", "21"});
}

TEST_CASE("numbers with Persian separators stay one number", "[analysis][tokenizer]") {
  CHECK(terms("۱٬۲۳۴٫۵ تومان") == std::vector<std::string>{"1234.5", "تومان"});
}

TEST_CASE("punctuation yields no words", "[analysis][tokenizer]") {
  CHECK(terms("«»،؛؟!... - / ()").empty());
  CHECK(terms("").empty());
}

TEST_CASE("token offsets point at the original bytes", "[analysis][tokenizer][offsets]") {
  const std::string text = "دیدار «ولادیمیر پوتين» با رئیس\u200Cجمهور";
  const auto tokens = kavosh::tokenize(text);
  REQUIRE(tokens.size() == 5);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    INFO(i);
    CHECK(tokens[i].position == i);
    CHECK(tokens[i].begin < tokens[i].end);
    CHECK(tokens[i].end <= text.size());
    if (i > 0) {
      CHECK(tokens[i - 1].end <= tokens[i].begin);
    }
  }
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "پوتين");
  CHECK(tokens[2].term == "پوتین");
  CHECK(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin) == "رئیس\u200Cجمهور");
}

TEST_CASE("tatweel and diacritics stay inside the word they stretch", "[analysis][tokenizer]") {
  const std::string text = "ایـــران قطعاً";
  const auto tokens = kavosh::tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].term == "ایران");
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "ایـــران");
  CHECK(tokens[1].term == "قطعا");
}

TEST_CASE("ill-formed UTF-8 separates words and never crashes", "[analysis][tokenizer]") {
  CHECK(terms("کتاب\xFFخانه") == std::vector<std::string>{"کتاب", "خانه"});
  CHECK(terms("\xC0\xAF\xED\xA0\x80").empty());
}

TEST_CASE("a half-space compound lists its parts and takes one position per part",
          "[analysis][tokenizer][zwnj]") {
  const auto tokens = kavosh::tokenize("رئیس\u200Cجمهور روسیه و همکاری\u200Cهای کتاب\u200C");
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].parts == std::vector<std::string>{"رییس", "جمهور"});
  CHECK(tokens[0].position == 0);
  CHECK(tokens[1].position == 2);  // روسیه
  CHECK(tokens[2].position == 3);  // و
  CHECK(tokens[3].parts == std::vector<std::string>{"همکاری", "های"});
  CHECK(tokens[4].position == 6);
  CHECK(tokens[4].parts.empty());  // a stray ZWNJ at the end makes no compound
  CHECK(kavosh::tokenize("رئیسجمهور")[0].parts.empty());
  CHECK(kavosh::tokenize("می\u200C\u200Cشود")[0].parts == std::vector<std::string>{"می", "شود"});
}

TEST_CASE("a half-space typed as a direction mark or soft hyphen splits a word like ZWNJ",
          "[analysis][tokenizer][zwnj]") {
  // As FarsNews and Varzesh3 write them: LRM in حجت‌الاسلام and می‌شود, RLM in
  // انسان‌ها, a soft hyphen in سال‌های.
  const auto tokens =
      kavosh::tokenize("حجت\u200Eالاسلام می\u200Eشود انسان\u200Fها سال\u00ADهای تهران\u200E");
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].term == "حجتالاسلام");
  CHECK(tokens[0].parts == std::vector<std::string>{"حجت", "الاسلام"});
  CHECK(tokens[1].parts == std::vector<std::string>{"می", "شود"});
  CHECK(tokens[2].parts == std::vector<std::string>{"انسان", "ها"});
  CHECK(tokens[3].parts == std::vector<std::string>{"سال", "های"});
  CHECK(tokens[4].term == "تهران");
  CHECK(tokens[4].parts.empty());  // a mark at the end of a word makes no compound
  // Each spelling indexes as the ZWNJ spelling does.
  const auto zwnj = kavosh::tokenize("حجت\u200Cالاسلام");
  CHECK(zwnj[0].term == tokens[0].term);
  CHECK(zwnj[0].parts == tokens[0].parts);
}
