// Snippets and highlights, cut from a document's original text.
#include "searcher/src/snippet.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "common/stemmer.h"

namespace {

using kavosh::Matcher;
using kavosh::Range;
using Terms = std::unordered_set<std::string>;

std::vector<std::string> words_at(std::string_view text, const std::vector<Range>& ranges) {
  std::vector<std::string> out;
  for (const Range& r : ranges) {
    out.emplace_back(text.substr(r.begin, r.end - r.begin));
  }
  return out;
}

// Arabic yeh (U+064A) and a half-space, as ILNA wrote the title.
constexpr std::string_view kArticle =
    "به گزارش ایلنا، رئيس\u200Cجمهور در دیدار با پوتین درباره همکاری‌های اقتصادی گفت‌وگو "
    "کرد.";

}  // namespace

TEST_CASE("a highlight marks the word in the article's own spelling", "[snippet]") {
  const Terms terms{kavosh::normalize("رئیسجمهور"), kavosh::normalize("پوتین")};
  const Terms stems;
  const Matcher matcher{terms, stems};
  CHECK(words_at(kArticle, kavosh::highlight(kArticle, matcher)) ==
        std::vector<std::string>{"رئيس\u200Cجمهور", "پوتین"});
}

TEST_CASE("a part of a half-space word is highlighted as the whole word", "[snippet][zwnj]") {
  const Terms terms{kavosh::normalize("جمهور")};
  const Terms stems;
  CHECK(words_at(kArticle, kavosh::highlight(kArticle, Matcher{terms, stems})) ==
        std::vector<std::string>{"رئيس\u200Cجمهور"});
}

TEST_CASE("a stem finds the inflected forms of a word", "[snippet][stem]") {
  const Terms terms;
  const Terms stems{kavosh::stem(kavosh::normalize("همکاری"))};
  CHECK(words_at(kArticle, kavosh::highlight(kArticle, Matcher{terms, stems})) ==
        std::vector<std::string>{"همکاری‌های"});
}

TEST_CASE("a snippet is the passage with the query's words, cut at word boundaries", "[snippet]") {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "شورای شهر تهران جلسه داشت. ";
  }
  text += "کاهش آلودگی\nهوا با مترو ممکن است. ";
  for (int i = 0; i < 40; ++i) {
    text += "شهرداری گزارش داد. ";
  }
  const Terms terms{kavosh::normalize("آلودگی"), kavosh::normalize("مترو")};
  const Terms stems;
  const kavosh::Snippet snippet = kavosh::make_snippet(text, Matcher{terms, stems}, 120);
  INFO(snippet.text);
  CHECK(snippet.text.size() <= 120 + 2 * std::string_view("…").size());
  CHECK(snippet.text.rfind("…", 0) == 0);  // cut at the start...
  CHECK(snippet.text.size() > 3);
  CHECK(snippet.text.substr(snippet.text.size() - 3) == "…");  // ...and at the end
  CHECK(snippet.text.find('\n') == std::string::npos);
  CHECK(snippet.text.find("آلودگی هوا") != std::string::npos);  // the newline, a space
  CHECK(words_at(snippet.text, snippet.highlights) == std::vector<std::string>{"آلودگی", "مترو"});
}

TEST_CASE("a snippet with no match is the start of the text", "[snippet]") {
  const Terms terms{kavosh::normalize("زلزله")};
  const Terms stems;
  const kavosh::Snippet snippet = kavosh::make_snippet(kArticle, Matcher{terms, stems}, 40);
  CHECK(snippet.text.rfind("به گزارش", 0) == 0);
  CHECK(snippet.highlights.empty());
  SECTION("a text shorter than the snippet is whole") {
    const kavosh::Snippet whole = kavosh::make_snippet(kArticle, Matcher{terms, stems}, 1000);
    CHECK(whole.text == kArticle);
  }
}

TEST_CASE("a single word longer than the snippet is cut on a character boundary", "[snippet]") {
  const std::string word(300, 'x');
  const std::string text = "آ" + word;  // two-byte letter, then one-byte ones
  const Terms terms;
  const Terms stems;
  const kavosh::Snippet snippet = kavosh::make_snippet(text, Matcher{terms, stems}, 7);
  CHECK(snippet.text.rfind("آ", 0) == 0);
  CHECK(snippet.text.size() == 7 + std::string_view("…").size());
}
