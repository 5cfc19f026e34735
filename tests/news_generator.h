// Test helper: deterministic news-like JSONL corpora made of real Persian
// words, for tests that need thousands of articles.
#ifndef KAVOSH_TESTS_NEWS_GENERATOR_H_
#define KAVOSH_TESTS_NEWS_GENERATOR_H_

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/process.h"

namespace kavosh::test {

// A word in every generated article and in no real one: searching for it
// counts the generated articles an index holds.
inline constexpr const char* kGeneratedMarker = "کاوشنمونه";

// Writes `articles` articles, ids "PREFIX-0" on, `per_file` to a file named
// PREFIX-NNNN.jsonl under `dir`, each of about `words` words from real
// news (with half-spaces), a Jalali date and kGeneratedMarker. Same
// arguments, same bytes.
inline void write_generated_news(const std::filesystem::path& dir, const std::string& prefix,
                                 std::size_t articles, std::size_t per_file = 500, int words = 120,
                                 unsigned seed = 1404) {
  // Real news words, some written with a half-space.
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> words;
    std::istringstream in(
        "دولت مجلس تهران اقتصاد بازار قیمت نفت گزارش وزیر رئیس\u200Cجمهور همکاری توسعه ورزش "
        "فوتبال استقلال پرسپولیس زلزله باران سیل مدرسه دانشگاه پژوهش سلامت بیمارستان کشاورزی "
        "صادرات واردات ارز بانک تورم مسکن خودرو فرهنگ سینما کتاب جشنواره موسیقی هنر "
        "محیط\u200Cزیست می\u200Cشود کتاب\u200Cها ۱۴۰۴");
    for (std::string word; in >> word;) {
      words.push_back(word);
    }
    return words;
  }();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, kWords.size() - 1);
  for (std::size_t first = 0, file = 0; first < articles; first += per_file, ++file) {
    std::string lines;
    for (std::size_t i = first; i < std::min(articles, first + per_file); ++i) {
      std::string body = kGeneratedMarker;
      for (int w = 0; w < words; ++w) {
        body += w % 12 == 11 ? ". " : " ";
        body += kWords[pick(rng)];
      }
      std::string title = kWords[pick(rng)];
      title += " " + kWords[pick(rng)];
      lines += "{\"id\": \"" + prefix + "-" + std::to_string(i) + "\", \"title\": \"" + title +
               "\", \"date\": \"1404/09/" + std::to_string(1 + i % 30) + "\", \"body\": \"" + body +
               "\"}\n";
    }
    std::string name = std::to_string(file);
    name.insert(0, 4 - std::min<std::size_t>(4, name.size()), '0');
    write_file(dir / (prefix + "-" + name + ".jsonl"), lines);
  }
}

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_NEWS_GENERATOR_H_
