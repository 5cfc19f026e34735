#include "common/text_match.h"

#include <unicode/uchar.h>

#include "common/utf8.h"

namespace kavosh {
namespace {

constexpr UChar32 kZwnj = 0x200C;

// Letters, and the marks and ZWNJ that continue a word.
bool is_word_char(UChar32 c) {
  return c >= 0 && (c == kZwnj || u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK);
}

}  // namespace

bool is_digit(std::string_view t, std::size_t pos) {
  return pos < t.size() && t[pos] >= '0' && t[pos] <= '9';
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_word_char_at(std::string_view t, std::size_t pos) {
  if (pos >= t.size()) {
    return false;
  }
  return is_word_char(next_code_point(t, pos));
}

bool is_word_char_before(std::string_view t, std::size_t pos) {
  if (pos == 0) {
    return false;
  }
  return is_word_char(previous_code_point(t, pos));
}

Pos match_word(std::string_view t, std::size_t pos, std::string_view word) {
  if (pos > t.size() || t.size() - pos < word.size()) {
    return std::nullopt;
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (ascii_lower(t[pos + k]) != word[k]) {
      return std::nullopt;
    }
  }
  const std::size_t end = pos + word.size();
  if (is_word_char_at(t, end)) {
    return std::nullopt;
  }
  return end;
}

bool starts_with_at(std::string_view t, std::size_t pos, std::string_view prefix) {
  return pos <= t.size() && t.substr(pos).starts_with(prefix);
}

std::size_t skip_gap(std::string_view t, std::size_t pos) {
  constexpr std::string_view kZwnjUtf8 = "\u200C";
  while (pos < t.size()) {
    if (t[pos] == ' ') {
      ++pos;
    } else if (starts_with_at(t, pos, kZwnjUtf8)) {
      pos += kZwnjUtf8.size();
    } else {
      break;
    }
  }
  return pos;
}

Number read_number(std::string_view t, std::size_t pos) {
  Number n;
  n.end = pos;
  while (is_digit(t, n.end)) {
    if (n.digits < 9) {
      n.value = n.value * 10 + (t[n.end] - '0');
    }
    ++n.digits;
    ++n.end;
  }
  return n;
}

}  // namespace kavosh
