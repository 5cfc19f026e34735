#include "bench/relevance/known_items.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace kavosh::bench {
namespace {

// One code point of `s` from `i` on (advancing `i`); U+FFFD for a bad byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return U'\uFFFD';
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Letters, digits and the marks inside words; everything else (spaces,
// the no-break space, Latin and Arabic punctuation, symbols) separates.
bool is_word_char(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c == 0x200C || c == 0x200D) {  // half-space and joiner stay inside a word
    return true;
  }
  const bool arabic = (c >= 0x0600 && c <= 0x06FF) || (c >= 0xFB50 && c <= 0xFEFC);
  const bool punctuation = c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4 ||
                           (c >= 0x066A && c <= 0x066D);  // ، ؛ ؟ ۔ ٪ ٫ ٬ ٭
  return (arabic && !punctuation) || (c >= 0x00C0 && c < 0x0600);
}

// The comparable form of one code point; 0 when it is dropped.
char32_t comparable(char32_t c) {
  switch (c) {
    case 0x064A:  // Arabic yeh
    case 0x0649:  // alef maksura
    case 0x0626:  // yeh with hamza: "رئیس" is also written "رییس"
      return 0x06CC;
    case 0x0643:  // Arabic kaf
      return 0x06A9;
    case 0x0629:  // teh marbuta
    case 0x06C0:  // heh with yeh above
    case 0x06D5:  // ae
      return 0x0647;
    case 0x0623:  // alef with hamza above
    case 0x0625:  // alef with hamza below
    case 0x0622:  // alef with madda
    case 0x0671:  // alef wasla
      return 0x0627;
    case 0x0624:  // waw with hamza
      return 0x0648;
    case 0x200C:
    case 0x200D:
    case 0x0640:  // tatweel
    case 0x0670:  // superscript alef
      return 0;
    default:
      break;
  }
  if (c >= 0x064B && c <= 0x065F) {  // harakat
    return 0;
  }
  if (c >= 0x06F0 && c <= 0x06F9) {
    return U'0' + (c - 0x06F0);
  }
  if (c >= 0x0660 && c <= 0x0669) {
    return U'0' + (c - 0x0660);
  }
  if (c >= 'A' && c <= 'Z') {
    return c - 'A' + 'a';
  }
  return c;
}

// A left-to-right or right-to-left mark or a soft hyphen: typed for a
// half-space in some archives ("حجت\u200Eالاسلام"), and read as one by
// Kavosh's tokenizer, when it stands between two letters.
bool is_half_space_stand_in(char32_t c) { return c == 0x200E || c == 0x200F || c == 0x00AD; }

// Calls `take(written, comparable)` for each word of `text`. A half-space
// or its stand-in joins the letters around it into one word, as a reader
// sees them: "حجت\u200Eالاسلام" is the word of "حجت‌الاسلام", not "حجت".
template <typename Take>
void for_each_word(std::string_view text, Take&& take) {
  std::string written;
  std::string compared;
  const auto flush = [&] {
    if (!compared.empty()) {
      take(written, compared);
    }
    written.clear();
    compared.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (is_half_space_stand_in(c) && !compared.empty() && i < text.size()) {
      std::size_t after = i;
      if (is_word_char(next_code_point(text, after))) {
        written.append(text.substr(start, i - start));
        continue;
      }
    }
    if (!is_word_char(c)) {
      flush();
      continue;
    }
    written.append(text.substr(start, i - start));
    if (const char32_t m = comparable(c); m != 0) {
      append_utf8(compared, m);
    }
  }
  flush();
}

// Function words a reader leaves out of a names query and that do not make
// a fragment worth remembering (comparable spelling).
bool is_function_word(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "و",     "در",    "به",    "از",   "که",   "این", "ان",    "با",    "را",   "برای",
      "بر",    "تا",    "هم",    "نیز",  "یک",   "ای",  "اما",   "یا",    "اگر",  "هر",
      "می",    "نمی",   "شد",    "شده",  "شود",  "است", "بود",   "کرد",   "کند",  "کرده",
      "دارد",  "داد",   "باید",  "خود",  "وی",   "او",  "ما",    "ها",    "های",  "هایی",
      "انها",  "اینکه", "چه",    "همه",  "بین",  "پس",  "پیش",   "روی",   "زیر",  "نیست",
      "بوده",  "شدن",   "کنند",  "کردن", "گفت",  "اند", "هستند", "میشود", "ولی",  "چون",
      "اینها", "دیگر",  "بسیار", "همین", "چنین", "بیش", "سوی",   "طور",   "توسط", "گرفت"};
  return kWords.count(w) > 0 || w.size() < 3;  // a single Persian letter is two bytes
}

struct Corpus {
  std::vector<std::vector<std::string>> title_written, title_compared;
  std::vector<std::vector<std::string>> body_written, body_compared;
  std::unordered_map<std::string, std::size_t> df;  // comparable word -> documents
};

Corpus read_corpus(const std::vector<Document>& documents) {
  Corpus c;
  for (const Document& d : documents) {
    c.title_written.push_back(written_words(d.title));
    c.title_compared.push_back(comparable_words(d.title));
    c.body_written.push_back(written_words(d.body));
    c.body_compared.push_back(comparable_words(d.body));
    std::unordered_set<std::string> seen(c.title_compared.back().begin(),
                                         c.title_compared.back().end());
    seen.insert(c.body_compared.back().begin(), c.body_compared.back().end());
    for (const std::string& w : seen) {
      ++c.df[w];
    }
  }
  return c;
}

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t n,
                   std::string_view separator) {
  std::string out;
  for (std::size_t k = from; k < from + n; ++k) {
    out += k == from ? "" : separator;
    out += words[k];
  }
  return out;
}

constexpr std::size_t kMaxKeyWords = 12;  // a key split at every half-space of a 6-word part

// How many documents hold each key (words joined without spaces) as a run
// of whole words, however their half-spaces are written.
std::unordered_map<std::string, std::size_t> documents_holding(
    const Corpus& c, const std::unordered_set<std::string>& keys) {
  std::unordered_map<std::string, std::size_t> counts;
  for (std::size_t d = 0; d < c.body_compared.size(); ++d) {
    std::unordered_set<std::string> found;
    for (const auto* words : {&c.title_compared[d], &c.body_compared[d]}) {
      for (std::size_t i = 0; i < words->size(); ++i) {
        std::string key;
        for (std::size_t j = i; j < words->size() && j < i + kMaxKeyWords; ++j) {
          key += (*words)[j];
          if (keys.count(key) > 0) {
            found.insert(key);
          }
        }
      }
    }
    for (const std::string& key : found) {
      ++counts[key];
    }
  }
  return counts;
}

struct Candidate {
  std::size_t document = 0;
  std::string text;                // the query
  std::string key;                 // what must be unique
  std::vector<std::string> words;  // names queries: the comparable words
};

// A run of 3-5 (fragment) or 3-6 (headline) words with two content words.
std::optional<Candidate> pick_run(const Corpus& c, std::size_t d, KnownItemKind kind,
                                  std::mt19937_64& rng) {
  const bool headline = kind == KnownItemKind::kHeadline;
  const auto& written = headline ? c.title_written[d] : c.body_written[d];
  const auto& compared = headline ? c.title_compared[d] : c.body_compared[d];
  const std::size_t n = 3 + rng() % (headline ? 4 : 3);
  if (compared.size() < n + (headline ? 0 : 1)) {
    return std::nullopt;
  }
  const std::size_t from = rng() % (compared.size() - n + 1);
  std::size_t content = 0;
  for (std::size_t k = from; k < from + n; ++k) {
    content += is_function_word(compared[k]) ? 0 : 1;
  }
  if (content < 2) {
    return std::nullopt;
  }
  return Candidate{d, joined(written, from, n, " "), joined(compared, from, n, ""), {}};
}

// 2-3 content words of the headline and the lead (the first kLeadWords of
// the body), where news names who, where and how many, each in at least
// one other document (a word of its own would make the query trivial) and
// in at most one in kCommonShare (not a topic word).
std::optional<Candidate> pick_names(const Corpus& c, std::size_t d, std::mt19937_64& rng) {
  constexpr std::size_t kLeadWords = 60;
  constexpr std::size_t kCommonShare = 50;
  const std::size_t most = std::max<std::size_t>(3, c.body_compared.size() / kCommonShare);
  std::vector<std::pair<std::string, std::string>> pool;  // written, comparable
  std::unordered_set<std::string> seen;
  const auto consider = [&](const std::vector<std::string>& written,
                            const std::vector<std::string>& compared, std::size_t n) {
    for (std::size_t k = 0; k < compared.size() && k < n; ++k) {
      const std::size_t df = c.df.at(compared[k]);
      if (!is_function_word(compared[k]) && df >= 2 && df <= most &&
          seen.insert(compared[k]).second) {
        pool.emplace_back(written[k], compared[k]);
      }
    }
  };
  consider(c.title_written[d], c.title_compared[d], c.title_compared[d].size());
  consider(c.body_written[d], c.body_compared[d], kLeadWords);
  const std::size_t n = 2 + rng() % 2;
  if (pool.size() < n + 1) {
    return std::nullopt;
  }
  std::vector<std::size_t> picked(pool.size());
  for (std::size_t k = 0; k < picked.size(); ++k) {
    picked[k] = k;
  }
  std::shuffle(picked.begin(), picked.end(), rng);
  picked.resize(n);
  std::sort(picked.begin(), picked.end());  // in the article's order
  Candidate out{d, {}, {}, {}};
  for (const std::size_t k : picked) {
    out.text += (out.text.empty() ? "" : " ") + pool[k].first;
    out.words.push_back(pool[k].second);
  }
  return out;
}

// For each names candidate, whether its words occur together in its own
// document only.
std::vector<bool> only_in_own(const Corpus& c, const std::vector<Candidate>& candidates) {
  std::unordered_map<std::string, std::vector<std::size_t>> postings;
  for (const Candidate& names : candidates) {
    for (const std::string& w : names.words) {
      postings[w];
    }
  }
  for (std::size_t d = 0; d < c.body_compared.size(); ++d) {
    for (const auto* words : {&c.title_compared[d], &c.body_compared[d]}) {
      for (const std::string& w : *words) {
        if (auto it = postings.find(w); it != postings.end()) {
          if (it->second.empty() || it->second.back() != d) {
            it->second.push_back(d);
          }
        }
      }
    }
  }
  std::vector<bool> out;
  for (const Candidate& names : candidates) {
    std::vector<std::size_t> both = postings.at(names.words.front());
    for (std::size_t k = 1; k < names.words.size(); ++k) {
      const std::vector<std::size_t>& next = postings.at(names.words[k]);
      std::vector<std::size_t> kept;
      std::set_intersection(both.begin(), both.end(), next.begin(), next.end(),
                            std::back_inserter(kept));
      both = std::move(kept);
    }
    out.push_back(both.size() == 1);
  }
  return out;
}

}  // namespace

std::string_view kind_name(KnownItemKind kind) {
  switch (kind) {
    case KnownItemKind::kFragment:
      return "fragments";
    case KnownItemKind::kHeadline:
      return "headlines";
    case KnownItemKind::kNames:
      return "names";
  }
  return "";
}

std::vector<std::string> comparable_words(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](const std::string&, const std::string& c) { out.push_back(c); });
  return out;
}

std::vector<std::string> written_words(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](const std::string& w, const std::string&) { out.push_back(w); });
  return out;
}

KnownItemSet generate_known_items(const std::vector<Document>& documents, KnownItemKind kind,
                                  std::size_t count, std::uint64_t seed) {
  const Corpus corpus = read_corpus(documents);
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> order(documents.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  // std::shuffle's result depends only on the generator, which the
  // standard fixes for mt19937_64.
  std::shuffle(order.begin(), order.end(), rng);
  // Candidates from twice as many documents as needed, then the ambiguous
  // ones dropped.
  std::vector<Candidate> candidates;
  std::unordered_set<std::string> keys;
  for (std::size_t i = 0; i < order.size() && candidates.size() < 2 * count; ++i) {
    const std::optional<Candidate> c = kind == KnownItemKind::kNames
                                           ? pick_names(corpus, order[i], rng)
                                           : pick_run(corpus, order[i], kind, rng);
    if (c) {
      keys.insert(c->key);
      candidates.push_back(*c);
    }
  }
  const bool names = kind == KnownItemKind::kNames;
  std::unordered_map<std::string, std::size_t> holding;
  if (!names) {
    holding = documents_holding(corpus, keys);
  }
  const std::vector<bool> alone = names ? only_in_own(corpus, candidates) : std::vector<bool>{};
  KnownItemSet out;
  for (std::size_t i = 0; i < candidates.size() && out.queries.size() < count; ++i) {
    const Candidate& c = candidates[i];
    if (names ? !alone[i] : holding.at(c.key) != 1) {
      continue;
    }
    char id[32];
    std::snprintf(id, sizeof id, "%.4s-%03zu", kind_name(kind).data(), out.queries.size() + 1);
    out.queries.push_back(Query{id, c.text});
    out.qrels[id].insert(documents[c.document].id);
  }
  return out;
}

std::vector<Dataset> known_item_datasets(const std::filesystem::path& root,
                                         const std::vector<std::string>& only, std::size_t count,
                                         std::uint64_t seed) {
  std::vector<Dataset> out;
  for (const char* folder : {"farsnews", "hamshahri-ir-subset", "varzesh3"}) {
    std::filesystem::path docs;
    for (const char* file : {"docs.jsonl", "docs.jsonl.gz"}) {
      if (std::filesystem::exists(root / folder / file)) {
        docs = root / folder / file;
      }
    }
    std::vector<KnownItemKind> wanted;
    for (const KnownItemKind kind : kKnownItemKinds) {
      const std::string name = std::string(folder) + "-" + std::string(kind_name(kind));
      if (only.empty() || std::find(only.begin(), only.end(), name) != only.end()) {
        wanted.push_back(kind);
      }
    }
    if (docs.empty() || wanted.empty() || count == 0) {
      continue;
    }
    const std::vector<Document> documents = read_documents(docs);
    for (const KnownItemKind kind : wanted) {
      KnownItemSet set = generate_known_items(documents, kind, count, seed);
      out.push_back(Dataset{std::string(folder) + "-" + std::string(kind_name(kind)), docs,
                            std::move(set.queries), std::move(set.qrels)});
    }
  }
  return out;
}

void write_known_items(const std::filesystem::path& dir, const Dataset& dataset) {
  std::filesystem::create_directories(dir);
  write_queries(dir / "queries.tsv", dataset.queries);
  std::ofstream qrels(dir / "qrels.txt");
  for (const Query& q : dataset.queries) {
    for (const std::string& doc : dataset.qrels.at(q.id)) {
      qrels << q.id << " 0 " << doc << " 1\n";
    }
  }
  qrels.close();
  if (!qrels) {
    throw std::runtime_error((dir / "qrels.txt").string() + ": cannot write");
  }
}

}  // namespace kavosh::bench
