#include "bench/relevance/known_items.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace kavosh::bench {
namespace {

// Three short articles: the first two share "ریاست جمهوری" and most of a
// sentence, spelled with a half-space in one and a space in the other.
std::vector<Document> articles() {
  return {
      {"a", "نامزدهای انتخابات ریاست جمهوری در تهران",
       "ستاد انتخابات کشور فهرست نامزدهای ریاست‌جمهوری را اعلام کرد "
       "و "
       "شورای "
       "نگهبان "
       "صلاحیت "
       "هفت نامزد را تایید کرد."},
      {"b", "انتخابات مجلس شورای اسلامی",
       "ستاد انتخابات کشور فهرست نامزدهای ریاست جمهوری را اعلام کرد اما نامزدهای مجلس در "
       "استان اصفهان هنوز معلوم نیستند."},
      {"c", "پیروزی استقلال در دربی",
       "تیم فوتبال استقلال در ورزشگاه آزادی برابر پرسپولیس به پیروزی رسید و هواداران در "
       "خیابان‌های تهران جشن گرفتند."},
  };
}

bool is_substring_of_article(const std::string& query, const std::vector<Document>& docs,
                             const std::string& id) {
  for (const Document& d : docs) {
    if (d.id == id) {
      const std::vector<std::string> q = comparable_words(query);
      std::vector<std::string> text = comparable_words(d.title);
      const std::vector<std::string> body = comparable_words(d.body);
      text.insert(text.end(), body.begin(), body.end());
      return std::search(text.begin(), text.end(), q.begin(), q.end()) != text.end();
    }
  }
  return false;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    out += w;
  }
  return out;
}

const std::string kShared =
    joined(comparable_words("ستاد انتخابات کشور فهرست نامزدهای ریاست جمهوری را اعلام کرد"));

}  // namespace

TEST_CASE("words compare alike in every spelling of their letters and half-spaces",
          "[known-items]") {
  CHECK(comparable_words("رييس‌جمهور، ايران!") ==
        comparable_words("رئیسجمهور ایران"));
  // A direction mark or soft hyphen typed for the half-space joins alike;
  // at a word's edge it separates.
  CHECK(comparable_words("حجت\u200Eالاسلام هیئت\u00ADهای") ==
        comparable_words("حجت‌الاسلام هیئت‌های"));
  CHECK(comparable_words("حجت\u200F الاسلام") == std::vector<std::string>{"حجت", "الاسلام"});
  CHECK(comparable_words("۱۴۰۴ كتاب") == std::vector<std::string>{"1404", "کتاب"});
  CHECK(written_words("مي\u00A0پرسيد «تهران»") == std::vector<std::string>{"مي", "پرسيد", "تهران"});
}

TEST_CASE("a fragment shared by two articles is never a known-item query", "[known-items]") {
  const std::vector<Document> docs = articles();
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const KnownItemSet set = generate_known_items(docs, KnownItemKind::kFragment, 3, seed);
    for (const Query& q : set.queries) {
      const std::string& id = *set.qrels.at(q.id).begin();
      INFO("seed " << seed << ": " << q.text << " -> " << id);
      CHECK(is_substring_of_article(q.text, docs, id));
      // a and b share this sentence, a with a half-space in "ریاست‌جمهوری":
      // no fragment may lie inside it.
      const std::string key = joined(comparable_words(q.text));
      CHECK(kShared.find(key) == std::string::npos);
    }
  }
}

TEST_CASE("a known-item fragment holds at least two content words", "[known-items]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const KnownItemSet set = generate_known_items(articles(), KnownItemKind::kFragment, 3, seed);
    for (const Query& q : set.queries) {
      INFO(q.text);
      CHECK(q.text != "را اعلام کرد");
      CHECK(comparable_words(q.text).size() >= 3);
    }
  }
}

TEST_CASE("the same documents and seed give the same queries", "[known-items]") {
  const KnownItemSet one = generate_known_items(articles(), KnownItemKind::kHeadline, 3, 16);
  const KnownItemSet two = generate_known_items(articles(), KnownItemKind::kHeadline, 3, 16);
  REQUIRE(one.queries.size() == two.queries.size());
  REQUIRE_FALSE(one.queries.empty());
  for (std::size_t i = 0; i < one.queries.size(); ++i) {
    CHECK(one.queries[i].text == two.queries[i].text);
    CHECK(one.qrels.at(one.queries[i].id) == two.qrels.at(two.queries[i].id));
  }
}

TEST_CASE("a headline query is words of its article's title", "[known-items]") {
  const std::vector<Document> docs = articles();
  const KnownItemSet set = generate_known_items(docs, KnownItemKind::kHeadline, 3, 16);
  for (const Query& q : set.queries) {
    const std::string& id = *set.qrels.at(q.id).begin();
    const auto doc =
        std::find_if(docs.begin(), docs.end(), [&](const Document& d) { return d.id == id; });
    INFO(q.text);
    CHECK(doc->title.find(q.text) != std::string::npos);
    // "انتخابات" alone starts the titles of a and b.
    CHECK(q.text != "انتخابات");
  }
}

TEST_CASE("the words of a names query stand together in its article only", "[known-items]") {
  const std::vector<Document> docs = articles();
  std::size_t queries = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const KnownItemSet set = generate_known_items(docs, KnownItemKind::kNames, 3, seed);
    for (const Query& q : set.queries) {
      ++queries;
      const std::string& id = *set.qrels.at(q.id).begin();
      INFO("seed " << seed << ": " << q.text << " -> " << id);
      for (const Document& d : docs) {
        std::vector<std::string> words = comparable_words(d.title + " " + d.body);
        std::sort(words.begin(), words.end());
        std::vector<std::string> wanted = comparable_words(q.text);
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        const bool all = std::includes(words.begin(), words.end(), wanted.begin(), wanted.end());
        CHECK(all == (d.id == id));
      }
    }
  }
  CHECK(queries > 0);
}

}  // namespace kavosh::bench
