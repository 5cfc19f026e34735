// Splits text into normalized terms that remember where they came from.
#ifndef KAVOSH_COMMON_TOKENIZER_H_
#define KAVOSH_COMMON_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh {

struct Token {
  std::string term;            // normalize()d word, never empty
  std::size_t begin = 0;       // byte offset of the word in the original text
  std::size_t end = 0;         // one past its last byte
  std::uint32_t position = 0;  // 0-based word position in the text
  // For a half-space compound ("رئیس‌جمهور"), its normalized parts in order
  // ("رئیس", "جمهور"); empty otherwise. A compound takes one position per
  // part, so the parts line up with the same words written with spaces.
  std::vector<std::string> parts;

  // Positions this token takes: one, or one per part.
  std::uint32_t width() const {
    return parts.empty() ? 1 : static_cast<std::uint32_t>(parts.size());
  }
};

// Word-breaks `text` with ICU's word break iterator on the ORIGINAL text (so
// offsets are exact for highlighting), then splits runs where letters meet
// digits ("جذب714" is two words) and normalizes each word. A ZWNJ inside a
// word keeps it whole ("رئیس‌جمهور" is one token, term "رئیسجمهور") and
// lists its parts.
// Punctuation and spaces yield no tokens. Ill-formed UTF-8 bytes are word
// separators. Thread-safe.
std::vector<Token> tokenize(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_TOKENIZER_H_
