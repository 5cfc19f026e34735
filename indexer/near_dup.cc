#include "indexer/near_dup.h"

#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <limits>

#include "common/schema.h"
#include "common/stemmer.h"
#include "common/stopwords.h"
#include "common/tokenizer.h"

namespace kavosh {
namespace {

// Seeds of the kHashes hash functions: one 64-bit hash per shingle, mixed
// with each seed (cheaper than kHashes full hashes, as good for MinHash).
std::uint64_t mix(std::uint64_t h, std::uint64_t seed) {
  std::uint64_t x = h ^ (seed * 0x9E3779B97F4A7C15ULL);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::optional<Signature> Signature::of_text(std::string_view text) {
  const std::vector<Token> tokens = tokenize(text);
  std::string stemmed;
  return of_tokens({&tokens}, [&stemmed](const std::string& word) -> const std::string& {
    stemmed = stem(word);
    return stemmed;
  });
}

std::optional<Signature> Signature::of_tokens(const std::vector<const std::vector<Token>*>& texts,
                                              const StemFn& stem_of) {
  std::vector<std::uint64_t> words;
  const auto add = [&](const std::string& term) {
    // Stopwords carry little of what makes a story, and stems make
    // "همکاری‌های" and "همکاری های" agree on "همکار".
    if (!is_stopword(term)) {
      const std::string& s = stem_of(term);
      words.push_back(XXH3_64bits(s.data(), s.size()));
    }
  };
  for (const std::vector<Token>* tokens : texts) {
    for (const Token& token : *tokens) {
      // A half-space compound counts as its parts, as if typed with spaces.
      if (token.parts.empty()) {
        add(token.term);
      } else {
        for (const std::string& part : token.parts) {
          add(part);
        }
      }
    }
  }
  if (words.size() < 3) {
    return std::nullopt;
  }
  Signature s;
  s.mins_.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const std::uint64_t shingle = words[i] ^ (words[i + 1] * 31) ^ (words[i + 2] * 1009);
    for (std::size_t k = 0; k < kHashes; ++k) {
      const auto h = static_cast<std::uint32_t>(mix(shingle, k + 1));
      if (h < s.mins_[k]) {
        s.mins_[k] = h;
      }
    }
  }
  return s;
}

double Signature::similarity(const Signature& other) const {
  std::size_t equal = 0;
  for (std::size_t k = 0; k < kHashes; ++k) {
    equal += mins_[k] == other.mins_[k] ? 1 : 0;
  }
  return static_cast<double>(equal) / kHashes;
}

std::vector<std::string> Signature::band_terms() const {
  constexpr std::size_t kRows = kHashes / kBands;
  std::vector<std::string> terms;
  for (std::size_t b = 0; b < kBands; ++b) {
    const std::uint64_t h = XXH3_64bits(&mins_[b * kRows], kRows * sizeof(std::uint32_t));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02zu%016llx", b, static_cast<unsigned long long>(h));
    terms.push_back(schema::band_term(buf));
  }
  return terms;
}

std::string Signature::serialise() const {
  std::string out(sizeof mins_, '\0');
  std::memcpy(out.data(), mins_.data(), sizeof mins_);
  return out;
}

std::optional<Signature> Signature::unserialise(std::string_view data) {
  Signature s;
  if (data.size() != sizeof s.mins_) {
    return std::nullopt;
  }
  std::memcpy(s.mins_.data(), data.data(), sizeof s.mins_);
  return s;
}

}  // namespace kavosh
