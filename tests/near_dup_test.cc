// Near-duplicate signatures: unit tests, and an evaluation on real articles
// (hidden tag [.eval]; run `near_dup_test "[.eval]"` to print the figures of
// docs/BENCHMARKS.md).
#include "indexer/near_dup.h"

#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "indexer/doc_builder.h"
#include "tests/corpora.h"

namespace {

const std::string kStory =
    "به گزارش ایرنا، نخستین ایستگاه خط ۱۰ متروی تهران صبح امروز با حضور شهردار تهران "
    "افتتاح شد. این خط با طول ۴۳ کیلومتر شمال غرب پایتخت را به جنوب شرق متصل "
    "می‌کند. "
    "مدیرعامل شرکت بهره‌برداری مترو گفت: ۱۵۰ واگن تازه برای این خط "
    "خریداری "
    "شده "
    "است. "
    "به گفته او تا پایان سال چهار ایستگاه دیگر نیز به بهره‌برداری می‌رسد. ساخت "
    "این "
    "خط "
    "از "
    "سال ۱۳۹۵ آغاز شده بود و با کمبود بودجه چند بار متوقف شد. شهردار تهران در مراسم افتتاح از "
    "همکاری‌های دولت و مجلس برای تأمین اعتبار قدردانی کرد. کارشناسان حمل‌ونقل می‌گویند "
    "این "
    "خط "
    "روزانه دست‌کم ۲۰۰ هزار مسافر را جابه‌جا خواهد کرد. بلیت سفر در هفته نخست "
    "رایگان "
    "است.";

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' || text[i] == '\n') {
      out.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) {
    out.push_back(text.substr(start));
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += p;
  }
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// The edits outlets make when they republish a wire story.
enum class Edit { kDropSentence, kSwapSentences, kRespell, kByline, kAll };

std::string perturb(const std::string& text, Edit edit, std::mt19937& rng) {
  std::vector<std::string> parts = sentences(text);
  const auto pick = [&] {
    return std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng);
  };
  std::string out;
  switch (edit) {
    case Edit::kDropSentence:
      parts.erase(parts.begin() + static_cast<long>(pick()));
      return join(parts);
    case Edit::kSwapSentences:
      std::swap(parts[pick()], parts[pick()]);
      return join(parts);
    case Edit::kRespell:  // half-spaces dropped, Arabic yeh and kaf
      out = replace_all(text, "\u200C", "");
      out = replace_all(out, "ی", "ي");
      return replace_all(out, "ک", "ك");
    case Edit::kByline:
      return "خبرنگار: مریم رضایی\n" + replace_all(text, "به گزارش ایرنا", "به گزارش ایسنا");
    case Edit::kAll:
      parts.erase(parts.begin() + static_cast<long>(pick()));
      out = "خبرنگار: علی محمدی\n" + join(parts);
      return replace_all(replace_all(out, "\u200C", " "), "ی", "ي");
  }
  return text;
}

bool flagged(const kavosh::Signature& a, const kavosh::Signature& b) {
  const auto ba = a.band_terms();
  const auto bb = b.band_terms();
  bool candidate = false;
  for (std::size_t i = 0; i < ba.size(); ++i) {
    candidate = candidate || ba[i] == bb[i];
  }
  return candidate && a.similarity(b) >= kavosh::kDuplicateThreshold;
}

}  // namespace

TEST_CASE("a republished wire story is a near-duplicate of the original", "[near-dup]") {
  const auto original = kavosh::Signature::of_text(kStory);
  REQUIRE(original);
  std::mt19937 rng(1404);
  for (const Edit edit :
       {Edit::kDropSentence, Edit::kSwapSentences, Edit::kRespell, Edit::kByline, Edit::kAll}) {
    INFO(static_cast<int>(edit));
    const auto copy = kavosh::Signature::of_text(perturb(kStory, edit, rng));
    REQUIRE(copy);
    CHECK(original->similarity(*copy) >= kavosh::kDuplicateThreshold);
    CHECK(flagged(*original, *copy));
  }
}

TEST_CASE("different stories on the same subject are not near-duplicates", "[near-dup]") {
  const auto a = kavosh::Signature::of_text(kStory);
  const auto b = kavosh::Signature::of_text(
      "به گزارش ایسنا، خط ۷ متروی تهران از هفته آینده تا ساعت ۲۳ کار "
      "می‌کند. "
      "مدیرعامل "
      "شرکت "
      "بهره‌برداری مترو گفت: افزایش ساعت کار قطارها برای رفاه شهروندان است. "
      "شهردار "
      "تهران "
      "نیز "
      "از خرید واگن‌های تازه خبر داد.");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->similarity(*b) < kavosh::kDuplicateThreshold);
}

TEST_CASE("signatures survive serialisation and reject garbage", "[near-dup]") {
  const auto a = kavosh::Signature::of_text(kStory);
  REQUIRE(a);
  const auto back = kavosh::Signature::unserialise(a->serialise());
  REQUIRE(back);
  CHECK(back->similarity(*a) == 1.0);
  CHECK(!kavosh::Signature::unserialise("short"));
  CHECK(!kavosh::Signature::of_text("دو کلمه"));
  CHECK(a->band_terms().size() == kavosh::Signature::kBands);
}

TEST_CASE("near-duplicate detection on real news articles", "[.eval][corpora]") {
  const auto path = kavosh::test::corpus_file("farsnews/docs.jsonl");
  if (!path) {
    return;
  }
  const std::filesystem::path& file = *path;
  std::vector<std::string> bodies;
  gzFile in = gzopen(file.c_str(), "rb");
  std::string line;
  char buffer[1 << 16];
  while (gzgets(in, buffer, sizeof buffer) != nullptr) {
    line += buffer;
    if (line.back() != '\n') {
      continue;
    }
    const auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_object() && j.contains("body") && j["body"].is_string() &&
        sentences(j["body"].get<std::string>()).size() >= 4) {
      bodies.push_back(j["body"].get<std::string>());
    }
  }
  gzclose(in);
  std::vector<kavosh::Signature> originals;
  std::vector<std::string> texts;
  for (const std::string& body : bodies) {
    if (auto s = kavosh::Signature::of_text(body)) {
      originals.push_back(*s);
      texts.push_back(body);
    }
  }
  std::mt19937 rng(21);
  const char* names[] = {"drop a sentence", "swap two sentences", "respell (ZWNJ, yeh/kaf)",
                         "byline + agency", "all of these"};
  std::printf("| edit | pairs | detected (recall) |\n| --- | --- | --- |\n");
  std::size_t all_found = 0;
  std::size_t all_pairs = 0;
  for (int e = 0; e <= static_cast<int>(Edit::kAll); ++e) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const auto copy = kavosh::Signature::of_text(perturb(texts[i], static_cast<Edit>(e), rng));
      found += copy && flagged(originals[i], *copy) ? 1 : 0;
    }
    std::printf("| %s | %zu | %zu (%.3f) |\n", names[e], texts.size(), found,
                static_cast<double>(found) / texts.size());
    all_found += found;
    all_pairs += texts.size();
  }
  // Distinct articles: every pair. Some may really be the same story told
  // twice; those count as false merges here.
  std::size_t merged = 0;
  std::size_t pairs = 0;
  std::set<std::pair<std::size_t, std::size_t>> examples;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    for (std::size_t j = i + 1; j < originals.size(); ++j) {
      ++pairs;
      if (flagged(originals[i], originals[j])) {
        ++merged;
      }
    }
  }
  const double recall = static_cast<double>(all_found) / all_pairs;
  const double precision = static_cast<double>(all_found) / (all_found + merged);
  std::printf("\narticles: %zu; perturbed pairs: %zu; recall %.4f; precision %.4f\n", texts.size(),
              all_pairs, recall, precision);
  std::printf("distinct-article pairs: %zu; merged: %zu; false-merge rate %.2e\n", pairs, merged,
              static_cast<double>(merged) / pairs);
  CHECK(recall >= 0.9);
}

TEST_CASE("the indexer's signature is that of the title and body text", "[near-dup]") {
  // build_document() reuses the words it indexed and their cached stems;
  // it must give what Signature::of_text() gives for the same text.
  std::vector<std::pair<std::string, std::string>> articles = {
      {"افتتاح خط ۱۰ مترو", kStory},
      {"همکاری‌های دولت و مجلس",
       "رئيس‌جمهور و رئیس جمهور گفتند همکاریهای دو قوه ادامه "
       "می‌یابد "
       "و کتاب‌ها و کتابها در نمایشگاه عرضه می‌شوند."},
      {"", kStory},
  };
  // And real articles, where the shared corpora are present.
  std::ifstream fars(std::filesystem::path(KAVOSH_CORPORA_DIR) / "farsnews" / "docs.jsonl");
  std::string line;
  for (int n = 0; n < 300 && std::getline(fars, line); ++n) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.value("body", "").size() > 0) {
      articles.emplace_back(j.value("title", ""), j.value("body", ""));
    }
  }
  for (const auto& [title, body] : articles) {
    INFO(title);
    kavosh::Article article;
    article.id = "x";
    article.title = title;
    article.body = body;
    const kavosh::BuiltDoc built = kavosh::build_document(std::move(article));
    const auto expected = kavosh::Signature::of_text(title + "\n" + body);
    REQUIRE(expected);
    CHECK(built.document.get_value(kavosh::schema::kSignatureSlot) == expected->serialise());
  }
}
