// Near-duplicate detection: MinHash signatures over word shingles, with
// locality-sensitive hashing bands to find candidates in the index.
//
// Wire stories are republished with small edits (a byline, a sentence
// changed, another spelling of the half-spaces); they share most of their
// three-word shingles. The fraction of equal MinHash values estimates the
// Jaccard similarity of two documents' shingle sets.
#ifndef KAVOSH_INDEXER_NEAR_DUP_H_
#define KAVOSH_INDEXER_NEAR_DUP_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/tokenizer.h"

namespace kavosh {

class Signature {
 public:
  static constexpr std::size_t kHashes = 64;
  static constexpr std::size_t kBands = 16;  // of kHashes / kBands rows each

  // The signature of a text: its normalized words (so spelling variants
  // agree) in shingles of three. A text of fewer than three words has none.
  static std::optional<Signature> of_text(std::string_view text);

  // The same from texts already tokenized, one after the other, with
  // `stem_of` giving a word's stem (stem() through a cache, say):
  // of_tokens({&tokenize(a), &tokenize(b)}, stem) == of_text(a + "\n" + b).
  using StemFn = std::function<const std::string&(const std::string&)>;
  static std::optional<Signature> of_tokens(const std::vector<const std::vector<Token>*>& texts,
                                            const StemFn& stem_of);

  // Estimated Jaccard similarity of the two shingle sets, in [0, 1].
  double similarity(const Signature& other) const;

  // One term per band; two documents sharing any band are candidates.
  std::vector<std::string> band_terms() const;

  std::string serialise() const;
  static std::optional<Signature> unserialise(std::string_view data);

 private:
  std::array<std::uint32_t, kHashes> mins_{};
};

// Documents at least this similar are one cluster.
inline constexpr double kDuplicateThreshold = 0.4;

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_NEAR_DUP_H_
