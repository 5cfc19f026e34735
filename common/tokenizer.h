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
  std::uint32_t position = 0;  // 0-based index of the token in the text
};

// Word-breaks `text` with ICU's word break iterator on the ORIGINAL text (so
// offsets are exact for highlighting), then splits runs where letters meet
// digits ("جذب714" is two words) and normalizes each word. A ZWNJ inside a
// word keeps it whole ("رئیس‌جمهور" is one token, term "رئیسجمهور").
// Punctuation and spaces yield no tokens. Ill-formed UTF-8 bytes are word
// separators. Thread-safe.
std::vector<Token> tokenize(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_TOKENIZER_H_
