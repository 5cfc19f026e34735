#include "bench/speed/generator.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench/speed/corpus.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

// mt19937_64 is the same everywhere; std::uniform_int_distribution and
// std::shuffle are not, so draws and shuffles are done here.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[below(i)]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

// Agencies as Persian news names them.
constexpr const char* kSources[] = {
    "ایرنا",  "ایسنا", "فارس",  "مهر",       "تسنیم",
    "همشهری", "ایلنا", "ایانا", "خبرآنلاین", "باشگاه خبرنگاران جوان"};

// Common words that make poor two-word queries.
const std::unordered_set<std::string>& dull_words() {
  static const std::unordered_set<std::string> words = {
      "برای", "کرده", "شده", "بوده", "دارد", "باید", "همچنین", "اینکه", "آنها", "خواهد",
      "کند",  "کنند", "نیز", "براي", "كرده", "شود",  "گفت",    "داشت",  "هستند"};
  return words;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\t';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

// The sentences of a body: split after . ! ? ؟. Line breaks are spaces:
// Hamshahri wraps its lines inside sentences.
void split_sentences(std::string text, std::vector<std::string>& out) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  std::size_t start = 0;
  const auto take = [&](std::size_t end) {
    std::string_view s = std::string_view(text).substr(start, end - start);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
      s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
      s.remove_suffix(1);
    }
    const std::size_t words = word_count(s);
    if (words >= 4 && words <= 60 && s.size() <= 800) {
      out.emplace_back(s);
    }
    start = end;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == '!' || c == '?') {
      take(i + 1);
    } else if (c == '\xD8' && i + 1 < text.size() && text[i + 1] == '\x9F') {  // ؟ U+061F
      take(i + 2);
      ++i;
    }
  }
  take(text.size());
}

// The words of a sentence that make a query word: Persian letters (and
// ZWNJ) only, at least `min_letters` of them.
std::vector<std::string> query_words(std::string_view sentence, std::size_t min_letters) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < sentence.size()) {
    std::size_t end = sentence.find(' ', pos);
    end = end == std::string_view::npos ? sentence.size() : end;
    const std::string_view word = sentence.substr(pos, end - pos);
    pos = end + 1;
    std::size_t letters = 0;
    bool persian = !word.empty();
    for (std::size_t i = 0; i < word.size() && persian;) {
      const auto b = static_cast<unsigned char>(word[i]);
      if (b >= 0xD8 && b <= 0xDB && i + 1 < word.size()) {  // U+0600..U+06FF
        const auto c = static_cast<unsigned>(((b & 0x1F) << 6) | (word[i + 1] & 0x3F));
        persian = (c >= 0x0621 && c <= 0x064A) || c == 0x067E || c == 0x0686 || c == 0x0698 ||
                  c == 0x06A9 || c == 0x06AF || c == 0x06CC;
        ++letters;
        i += 2;
      } else if (word.substr(i, 3) == "\xE2\x80\x8C") {  // ZWNJ
        i += 3;
      } else {
        persian = false;
      }
    }
    if (persian && letters >= min_letters && !dull_words().count(std::string(word))) {
      words.emplace_back(word);
    }
  }
  return words;
}

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

void write_queries(const fs::path& file, std::string_view prefix,
                   const std::vector<std::string>& queries) {
  std::ofstream out(file);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    out << prefix << '-' << i + 1 << '\t' << queries[i] << '\n';
  }
  if (!out) {
    throw std::runtime_error(file.string() + ": cannot write");
  }
}

}  // namespace

GeneratedCollection generate(const GeneratorOptions& options) {
  // Sentences and titles of every corpus, each once, in an order that does
  // not depend on the file system.
  std::vector<std::string> sentences;
  std::vector<std::string> titles;
  std::set<std::string> natural;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(options.corpora)) {
    if (entry.is_directory()) {
      folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    for_each_doc(folder, [&](Doc&& doc) {
      split_sentences(std::move(doc.body), sentences);
      const std::size_t words = word_count(doc.title);
      if (words >= 3 && words <= 20 && doc.title.find('\n') == std::string::npos) {
        titles.push_back(std::move(doc.title));
      }
    });
    if (fs::exists(folder / "queries.tsv")) {
      for (std::string& query : read_queries(folder / "queries.tsv")) {
        natural.insert(std::move(query));
      }
    }
  }
  const auto unique = [](std::vector<std::string>& items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  };
  unique(sentences);
  unique(titles);
  if (sentences.empty() || titles.empty()) {
    throw std::runtime_error(options.corpora.string() + ": no articles to take sentences from");
  }
  Random random(options.seed);
  random.shuffle(sentences);
  random.shuffle(titles);

  fs::create_directories(options.out);
  for (const auto& entry : fs::directory_iterator(options.out)) {
    if (entry.path().filename().string().rfind("part-", 0) == 0) {
      fs::remove(entry.path());
    }
  }
  GeneratedCollection result;
  result.sentences = sentences.size();
  std::unique_ptr<gzFile_s, GzCloser> file;
  std::string line;
  for (std::uint64_t i = 0; i < options.docs; ++i) {
    if (i % options.docs_per_file == 0) {
      const fs::path path =
          options.out / fmt::format("part-{:05}.jsonl.gz", i / options.docs_per_file);
      file.reset(gzopen(path.c_str(), "wb1"));
      if (!file) {
        throw std::runtime_error(path.string() + ": cannot write");
      }
    }
    // 3 to 27 sentences, 15 on average (about 3.6 kB, as FarsNews articles),
    // in paragraphs of 3 to 6.
    const std::uint64_t count = 3 + random.below(9) + random.below(9) + random.below(9);
    std::string body;
    std::uint64_t paragraph = 3 + random.below(4);
    for (std::uint64_t s = 0; s < count; ++s) {
      if (s > 0) {
        body += s % paragraph == 0 ? '\n' : ' ';
      }
      body += sentences[random.below(sentences.size())];
    }
    const std::string& title = titles[random.below(titles.size())];
    const std::uint64_t year = 1380 + random.below(25);
    const std::uint64_t month = 1 + random.below(12);
    const std::uint64_t day = 1 + random.below(month <= 6 ? 31 : month <= 11 ? 30 : 29);
    const nlohmann::json article = {
        {"id", fmt::format("gen-{}-{}", options.seed, i + 1)},
        {"title", title},
        {"body", body},
        {"date", fmt::format("{}/{:02}/{:02}", year, month, day)},
        {"source", kSources[random.below(std::size(kSources))]},
        {"url", fmt::format("https://news.example.ir/{}/{}", options.seed, i + 1)},
    };
    line = article.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line += '\n';
    if (gzwrite(file.get(), line.data(), static_cast<unsigned>(line.size())) == 0) {
      throw std::runtime_error(options.out.string() + ": write failed");
    }
    ++result.docs;
    result.text_bytes += title.size() + body.size();
  }
  file.reset();

  // Queries: natural ones from the corpora, and words of the sentences.
  std::vector<std::string> natural_queries(natural.begin(), natural.end());
  random.shuffle(natural_queries);
  natural_queries.resize(std::min(natural_queries.size(), options.queries));
  std::vector<std::string> two_word;
  std::vector<std::string> phrases;
  for (std::size_t attempt = 0;
       attempt < 100 * options.queries &&
       (two_word.size() < options.queries || phrases.size() < options.queries);
       ++attempt) {
    const std::string& sentence = sentences[random.below(sentences.size())];
    if (two_word.size() < options.queries) {
      const std::vector<std::string> words = query_words(sentence, 4);
      if (words.size() >= 2) {
        const std::size_t a = random.below(words.size());
        const std::size_t b = random.below(words.size());
        if (a != b && words[a] != words[b]) {
          two_word.push_back(words[std::min(a, b)] + " " + words[std::max(a, b)]);
        }
      }
    }
    if (phrases.size() < options.queries) {
      // Adjacent words: the sentence's words must all qualify in between.
      const std::vector<std::string> words = query_words(sentence, 2);
      const std::size_t length = 2 + random.below(2);
      if (words.size() >= length) {
        const std::size_t first = random.below(words.size() - length + 1);
        std::string phrase;
        for (std::size_t k = first; k < first + length; ++k) {
          phrase += (k == first ? "" : " ") + words[k];
        }
        if (sentence.find(phrase) != std::string::npos) {
          phrases.push_back('"' + phrase + '"');
        }
      }
    }
  }
  write_queries(options.out / "queries-natural.tsv", "natural", natural_queries);
  write_queries(options.out / "queries-two-word.tsv", "two-word", two_word);
  write_queries(options.out / "queries-phrase.tsv", "phrase", phrases);

  std::ofstream manifest(options.out / "collection.tsv");
  manifest << "docs\t" << result.docs << "\ntext_bytes\t" << result.text_bytes << "\nseed\t"
           << options.seed << "\nsentences\t" << result.sentences << '\n';
  if (!manifest) {
    throw std::runtime_error((options.out / "collection.tsv").string() + ": cannot write");
  }
  return result;
}

}  // namespace kavosh::bench
