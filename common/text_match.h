// Small matchers over folded text (text_fold.h), shared by the date and
// source finders. Each takes a position and returns the position after what
// it matched, or nullopt.
#ifndef KAVOSH_COMMON_TEXT_MATCH_H_
#define KAVOSH_COMMON_TEXT_MATCH_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace kavosh {

using Pos = std::optional<std::size_t>;

// Whether t[pos] is an ASCII digit.
bool is_digit(std::string_view t, std::size_t pos);
bool is_ascii_alpha(char c);
char ascii_lower(char c);

// Whether a letter, or a mark or ZWNJ that continues a word, starts at `pos`
// or ends before it.
bool is_word_char_at(std::string_view t, std::size_t pos);
bool is_word_char_before(std::string_view t, std::size_t pos);

// Matches `word` (ASCII letters case-insensitively), not followed by a letter.
Pos match_word(std::string_view t, std::size_t pos, std::string_view word);

bool starts_with_at(std::string_view t, std::size_t pos, std::string_view prefix);

// Skips spaces and ZWNJs (not line breaks).
std::size_t skip_gap(std::string_view t, std::size_t pos);

struct Number {
  int value = 0;
  std::size_t digits = 0;
  std::size_t end = 0;
};

// The maximal run of ASCII digits at `pos` (value kept only for short runs).
Number read_number(std::string_view t, std::size_t pos);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_TEXT_MATCH_H_
